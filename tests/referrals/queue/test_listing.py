"""The queue listing: its order, filters and search; the number of new leads in the menu; the
dashboard panel; and a number of queries that does not grow with the queue."""

from __future__ import annotations

import datetime
import re

from django.urls import reverse
from django.utils import timezone

import pytest

from chat.referrals.models import Lead

from .factories import client_for, make_lead, user_in

pytestmark = pytest.mark.django_db

INDEX = "referral_queue:index"
RESULTS = "referral_queue:index_results"
NOW = timezone.now()


def hours_ago(hours: float) -> datetime.datetime:
    return NOW - datetime.timedelta(hours=hours)


def listed(client, **query) -> list[int]:
    """The leads the listing shows, in its order, by id."""
    response = client.get(reverse(RESULTS), query)
    assert response.status_code == 200
    return [
        int(pk)
        for pk in re.findall(r'href="/admin/referral-queue/(\d+)/"', response.content.decode())
    ]


def test_most_urgent_first_then_newest_and_closed_last(caseworker_client):
    normal_new = make_lead(urgency="normal", created_at=hours_ago(1))
    immediate_old = make_lead(urgency="immediate", created_at=hours_ago(30))
    high = make_lead(urgency="high", created_at=hours_ago(5))
    immediate_new = make_lead(urgency="immediate", created_at=hours_ago(2))
    normal_old = make_lead(urgency="normal", created_at=hours_ago(40), status="referred")
    closed_immediate = make_lead(urgency="immediate", status="closed", created_at=hours_ago(0.5))
    closed_normal = make_lead(urgency="normal", status="closed", created_at=hours_ago(0.1))

    assert listed(caseworker_client) == [
        lead.pk
        for lead in (
            immediate_new,
            immediate_old,
            high,
            normal_new,
            normal_old,
            closed_immediate,
            closed_normal,
        )
    ]


def test_ordering_by_a_column(caseworker_client):
    old = make_lead(urgency="immediate", created_at=hours_ago(10))
    new = make_lead(urgency="normal", created_at=hours_ago(1))
    assert listed(caseworker_client, ordering="-created_at") == [new.pk, old.pk]
    assert listed(caseworker_client, ordering="created_at") == [old.pk, new.pk]
    assert listed(caseworker_client, ordering="-urgency_rank") == [new.pk, old.pk]
    # Anything else falls back to the default order.
    assert listed(caseworker_client, ordering="summary") == [old.pk, new.pk]


def test_filters(caseworker_client, caseworker):
    other = user_in("caseworker", "t-other")
    a = make_lead(
        status="new",
        urgency="high",
        form_of_exploitation="labour",
        language="uk",
        location="Jelgava",
        source="chat",
        created_at=hours_ago(24 * 10),
        assigned_to=caseworker,
    )
    b = make_lead(
        status="assessing",
        urgency="normal",
        form_of_exploitation="sexual",
        language="ru",
        location="Norway, Oslo",
        source="message",
        created_at=hours_ago(1),
        assigned_to=other,
    )
    c = make_lead(
        status="closed",
        urgency="immediate",
        form_of_exploitation="",
        language="lv",
        location="",
        source="chat",
        created_at=hours_ago(24 * 3),
    )
    today = timezone.localdate()

    def only(**query):
        return set(listed(caseworker_client, **query))

    assert only() == {a.pk, b.pk, c.pk}
    assert only(status=["new", "assessing"]) == {a.pk, b.pk}
    assert only(status="closed") == {c.pk}
    assert only(urgency="immediate") == {c.pk}
    assert only(form_of_exploitation=["labour", "sexual"]) == {a.pk, b.pk}
    assert only(language="ru") == {b.pk}
    assert only(location="norway") == {b.pk}
    assert only(location="JELGAVA") == {a.pk}
    assert only(source="message") == {b.pk}
    assert only(assigned_to=caseworker.pk) == {a.pk}
    assert only(assigned_to="null") == {c.pk}
    assert only(created_at_from=str(today - datetime.timedelta(days=5))) == {b.pk, c.pk}
    assert only(created_at_to=str(today - datetime.timedelta(days=5))) == {a.pk}
    assert only(
        created_at_from=str(today - datetime.timedelta(days=4)),
        created_at_to=str(today - datetime.timedelta(days=2)),
    ) == {c.pk}
    assert only(status="new", language="ru") == set()


def test_the_caseworker_filter_offers_only_caseworkers(caseworker_client, caseworker):
    operator = user_in("operator")
    html = caseworker_client.get(reverse(INDEX)).content.decode()
    assert f'value="{caseworker.pk}"' in html
    assert f'value="{operator.pk}"' not in html


def test_search_over_the_summary_and_the_visitors_words(caseworker_client):
    by_summary = make_lead(summary="Fruit picking in Sweden, no pay")
    by_words = make_lead(summary="", what_happened="They keep us in a barn near the farm")
    other = make_lead(summary="Nothing alike")
    assert set(listed(caseworker_client, q="sweden")) == {by_summary.pk}
    assert set(listed(caseworker_client, q="BARN")) == {by_words.pk}
    assert set(listed(caseworker_client, q="in")) >= {by_summary.pk, by_words.pk}
    assert set(listed(caseworker_client, q=f"#{other.pk}")) == {other.pk}


def test_personal_text_is_listed_as_text(caseworker_client):
    make_lead(summary='<script>alert("x")</script><b>bold</b>')
    html = caseworker_client.get(reverse(INDEX)).content.decode()
    assert '<script>alert("x")' not in html
    assert "<b>bold</b>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("name", [INDEX, "referral_queue:audit"])
@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_no_spreadsheet_export(name, export):
    make_lead(summary="SECRET summary")
    client = client_for(user_in("superuser"))
    response = client.get(reverse(name), {"export": export})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_the_summary_is_shortened_in_the_listing(caseworker_client):
    make_lead(summary="word " * 100)
    html = caseworker_client.get(reverse(INDEX)).content.decode()
    assert "word " * 30 not in html


# --- The number of new leads ----------------------------------------------------------------


def test_the_menu_item_counts_new_leads(caseworker_client):
    home = reverse("wagtailadmin_home")
    assert '"label": "Referral queue"' in caseworker_client.get(home).content.decode()
    for status in ("new", "new", "new", "assessing", "referred", "closed"):
        make_lead(status=status)
    assert '"label": "Referral queue (3)"' in caseworker_client.get(home).content.decode()


def test_the_dashboard_lists_new_leads_and_mine(caseworker_client, caseworker):
    new = make_lead(urgency="immediate")
    mine = make_lead(status="assessing", assigned_to=caseworker)
    someone_elses = make_lead(status="assessing", assigned_to=user_in("caseworker", "t-other"))
    closed_mine = make_lead(status="closed", assigned_to=caseworker)
    html = caseworker_client.get(reverse("wagtailadmin_home")).content.decode()
    panel = html.split('id="referral-queue-section"')[1].split("</section>")[0]
    assert "Referral queue: 1 new lead" in panel
    for lead in (new, mine):
        assert reverse("referral_queue:lead", args=[lead.pk]) in panel
    for lead in (someone_elses, closed_mine):
        assert reverse("referral_queue:lead", args=[lead.pk]) not in panel
    # No personal text on the dashboard.
    assert new.summary not in panel


# --- Queries --------------------------------------------------------------------------------


def fill_queue(count: int, caseworker) -> None:
    forms = ["labour", "sexual", "marriage", ""]
    for i in range(count):
        make_lead(
            urgency=["normal", "high", "immediate"][i % 3],
            status=["new", "assessing", "referred", "closed"][i % 4],
            form_of_exploitation=forms[i % 4],
            assigned_to=caseworker if i % 2 else None,
        )


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"q": "case"},
        {"status": ["new", "assessing"], "language": "lv"},
        {"ordering": "-created_at"},
    ],
)
def test_the_listing_needs_as_many_queries_for_30_leads_as_for_5(
    caseworker_client, caseworker, django_assert_num_queries, query
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fill_queue(5, caseworker)
    caseworker_client.get(reverse(INDEX), query)  # warm up (sessions, content types)
    with CaptureQueriesContext(connection) as five:
        assert caseworker_client.get(reverse(INDEX), query).status_code == 200

    fill_queue(25, caseworker)
    with django_assert_num_queries(len(five.captured_queries)):
        response = caseworker_client.get(reverse(INDEX), query)
    assert response.status_code == 200
    if not query:
        assert len(listed(caseworker_client)) == 20  # one page


def test_the_dashboard_needs_as_many_queries_for_30_leads_as_for_5(
    caseworker_client, caseworker, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    home = reverse("wagtailadmin_home")
    fill_queue(5, caseworker)
    caseworker_client.get(home)
    with CaptureQueriesContext(connection) as five:
        caseworker_client.get(home)
    fill_queue(25, caseworker)
    with django_assert_num_queries(len(five.captured_queries)):
        caseworker_client.get(home)


def test_a_leads_page_needs_as_many_queries_with_many_notes(caseworker_client, caseworker):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from chat.referrals.models import LeadNote

    lead = make_lead()
    url = reverse("referral_queue:lead", args=[lead.pk])
    LeadNote.objects.create(lead=lead, author=caseworker, text="one")
    caseworker_client.get(url)
    with CaptureQueriesContext(connection) as one:
        caseworker_client.get(url)
    LeadNote.objects.bulk_create(
        LeadNote(lead=lead, author=user_in("caseworker", f"t-author-{i}"), text=str(i))
        for i in range(10)
    )
    with CaptureQueriesContext(connection) as eleven:
        caseworker_client.get(url)
    assert len(eleven.captured_queries) == len(one.captured_queries)
    assert Lead.objects.get(pk=lead.pk).notes.count() == 11
