"""Statistics for coordinators: exact aggregates on generated data, the small-count rule
(with the totals that could give a hidden count away), the CSV, the SVG charts, and who may
see them."""

from __future__ import annotations

import csv
import datetime
import io
import itertools
import random
import uuid
import xml.etree.ElementTree as ET
import zoneinfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.users.models import UserProfile

import pytest
from bs4 import BeautifulSoup

from chat.models import Conversation
from chat.referrals import stats, svg
from chat.referrals.models import Lead, Withdrawal
from chat.referrals.stats import COMPLEMENTARY, SMALL, suppress

pytestmark = pytest.mark.django_db

RIGA = zoneinfo.ZoneInfo("Europe/Riga")
START = datetime.date(2026, 1, 5)  # a Monday
END = datetime.date(2026, 2, 1)  # a Sunday: four whole weeks
SVG_NS = "{http://www.w3.org/2000/svg}"
PERSONAL = ("SECRET-SUMMARY", "SECRET-STORY", "+371 2000 0000", "Secretvillage", "SECRET-NOTE")


def at(day: datetime.date, hour: int = 12, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=RIGA)


def week(n: int, weekday: int = 2) -> datetime.date:
    """A day of the n-th week of the period (1-based), Monday = 0."""
    return START + datetime.timedelta(weeks=n - 1, days=weekday)


# --- The rule, on its own -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "marks"),
    [
        ([10, 7, 0, 12], ["", "", "", ""]),  # nothing small
        ([0, 0, 12], ["", "", ""]),  # zero singles out nobody
        ([10, 3, 0, 7], ["", SMALL, "", COMPLEMENTARY]),  # one small cell: its neighbour too
        ([2, 3, 20], [SMALL, SMALL, ""]),  # 5 between two "<5" cells: either could be 1 to 4
        ([1, 1, 20], [SMALL, SMALL, COMPLEMENTARY]),  # 2 between two cells: both are 1
        ([4, 4, 20], [SMALL, SMALL, COMPLEMENTARY]),  # 8 between two "<5" cells: both are 4
        ([1, 5, 30], [SMALL, COMPLEMENTARY, COMPLEMENTARY]),  # 1 + a hidden 5 would give 1 away
    ],
)
def test_suppression_marks(counts, marks):
    assert suppress(counts, 5) == marks


@pytest.mark.parametrize("counts", [[3], [1, 5], [1, 1], [0, 4, 0]])
def test_too_few_to_break_down(counts):
    assert suppress(counts, 5) is None


def consistent_values(counts, marks, k):
    """Every assignment of the hidden cells a reader could not rule out, knowing the total,
    the cells shown, what each marker means, and that hidden cells are no larger than the
    smallest cell shown."""
    hidden = [i for i, mark in enumerate(marks) if mark]
    total = sum(counts[i] for i in hidden)
    shown = [n for n, mark in zip(counts, marks, strict=True) if not mark and n > 0]
    cap = min(shown) if shown else total
    ranges = [range(1, k) if marks[i] == SMALL else range(k, min(cap, total) + 1) for i in hidden]
    return [v for v in itertools.product(*ranges) if sum(v) == total], hidden


def test_no_hidden_cell_can_be_worked_out():
    """On many random breakdowns: whatever the rule hides, every hidden cell could still have
    at least two values, given everything else the page shows."""
    rng = random.Random(20261122)  # noqa: S311 - test data
    checked = 0
    for _ in range(3000):
        k = rng.choice([3, 5])
        counts = [rng.choice([0, 1, 2, 3, 4, 5, 6, 7, 9, 15]) for _ in range(rng.randint(1, 5))]
        marks = suppress(counts, k)
        if marks is None or not any(marks):
            continue
        solutions, hidden = consistent_values(counts, marks, k)
        assert tuple(counts[i] for i in hidden) in solutions
        for position in range(len(hidden)):
            assert len({v[position] for v in solutions}) > 1, (counts, marks)
        checked += 1
    assert checked > 500


# --- Generated data -------------------------------------------------------------------------


def conversation(when, language, topic, *, wait=None, outcome=Conversation.Outcome.VISITOR_ENDED):
    return Conversation(
        language=language,
        topic=topic,
        status=Conversation.Status.CLOSED,
        outcome=outcome,
        consent=Conversation.Consent.NOT_ASKED,
        created_at=when,
        accepted_at=when + datetime.timedelta(seconds=wait) if wait is not None else None,
        closed_at=when + datetime.timedelta(hours=1),
        visitor_seen_at=when,
    )


@pytest.fixture
def data():
    """33 conversations and 15 leads in the period (and a few just outside it)."""
    rows = []
    # Week 1: 12 in Latvian about work; ten accepted after 10, 20 … 100 s, two missed. One
    # starts at 23:30 on Sunday, Riga time (21:30 UTC): still week 1.
    for i in range(10):
        day = week(1, 6) if i == 0 else week(1)
        hour, minute = (23, 30) if i == 0 else (12, 0)
        rows.append(conversation(at(day, hour, minute), "lv", "work", wait=10 * (i + 1)))
    rows += [
        conversation(at(week(1)), "lv", "work", outcome=Conversation.Outcome.VISITOR_LEFT)
        for _ in range(2)
    ]
    # Week 2: 6 in Russian about someone met online (accepted after 200 s; one at 00:30 on
    # Monday, Riga time, which is still Sunday in UTC), 2 in Ukrainian, not accepted.
    for i in range(6):
        when = at(week(2, 0), 0, 30) if i == 0 else at(week(2))
        rows.append(conversation(when, "ru", "online", wait=200))
    rows += [
        conversation(at(week(2)), "uk", "relationship", outcome=Conversation.Outcome.QUICK_EXIT)
        for _ in range(2)
    ]
    # Week 3: 3 in English, all missed.
    rows += [
        conversation(at(week(3)), "en", "other", outcome=Conversation.Outcome.VISITOR_LEFT)
        for _ in range(3)
    ]
    # Week 4: 5 in Latvian, 5 in Russian, accepted after 300 s; one at 23:30 on the last day.
    rows += [conversation(at(week(4)), "lv", "work", wait=300) for _ in range(5)]
    rows += [conversation(at(week(4)), "ru", "online", wait=300) for _ in range(4)]
    rows.append(conversation(at(END, 23, 30), "ru", "online", wait=300))
    # Outside the period: the evening before it, and the first minutes after it.
    rows.append(conversation(at(START - datetime.timedelta(days=1), 23, 30), "lv", "work"))
    rows.append(conversation(at(END + datetime.timedelta(days=1), 0, 10), "lv", "work"))
    Conversation.objects.bulk_create(rows)

    leads = []

    def lead(form, place, status, referred_to="", when=None):
        leads.append(
            Lead(
                source=Lead.Source.CHAT,
                language="lv",
                topic="work",
                form_of_exploitation=form,
                location=place,
                status=status,
                referred_to=referred_to,
                summary="SECRET-SUMMARY",
                what_happened="SECRET-STORY",
                safe_contact="+371 2000 0000",
                created_at=when or at(week(2)),
            )
        )

    places = ["Rīga", "rīga", " Rīga ", "RĪGA", "Rīga", "Rīga"]  # 6, spelt several ways
    places += ["Tukums"] * 5 + ["Secretvillage"] + ["", "", ""]
    forms = ["labour"] * 7 + ["sexual"] * 5 + ["begging"] + ["", ""]
    statuses = ["new"] * 5 + ["assessing"] * 5 + ["referred"] * 3 + ["closed"] * 2
    targets = [""] * 10 + ["state_police"] * 5
    for form, place, status, target in zip(forms, places, statuses, targets, strict=True):
        lead(form, place, status, target)
    lead("labour", "Rīga", "new", when=at(START - datetime.timedelta(days=3)))  # outside
    Lead.objects.bulk_create(leads)

    Withdrawal.objects.bulk_create(
        [Withdrawal(date=week(1)), Withdrawal(date=week(3)), Withdrawal(date=END)]
        + [
            Withdrawal(date=START - datetime.timedelta(days=1)),
            Withdrawal(date=END + datetime.timedelta(days=1)),
        ]
    )


def cells(report: stats.Report, key: str) -> dict[str, str]:
    breakdown = next(b for b in report.breakdowns if b.key == key)
    assert not breakdown.withheld
    return {cell.key: cell.figure.display for cell in breakdown.cells}


def test_totals_and_breakdowns_exactly(data):
    report = stats.build_report(START, END, k=5)

    assert report.conversations.value == 33
    assert report.missed.value == 5
    assert report.waiting.accepted.value == 26
    assert report.leads.value == 15
    assert report.withdrawals.display == "<5"  # three in the period
    # Sorted waits: 10 … 100 (ten), 200 (six), 300 (ten); nearest rank.
    assert (report.waiting.p50, report.waiting.p90, report.waiting.longest) == (200, 300, 300)

    assert cells(report, "conversations_by_week") == {
        "2026-W02": "12",
        "2026-W03": stats.gettext("hidden"),  # 8, hidden so that week 4's "<5" stays hidden
        "2026-W04": "<5",
        "2026-W05": "10",
    }
    assert cells(report, "conversations_by_language") == {
        "lv": "17",
        "en": "<5",
        "ru": "11",
        "uk": "<5",
    }
    assert cells(report, "conversations_by_topic") == {
        "work": "17",
        "relationship": "<5",
        "online": "11",
        "other": "<5",
        "unsaid": "0",
    }
    assert cells(report, "leads_by_form") == {
        "labour": "7",
        "sexual": "5",
        "marriage": "0",
        "criminality": "0",
        "begging": "<5",
        "other": "0",
        "none": "<5",
    }
    places = next(b for b in report.breakdowns if b.key == "leads_by_place")
    assert [(c.label, c.figure.display) for c in places.cells][:2] == [
        ("Rīga", "6"),
        ("Tukums", "5"),
    ]
    assert {c.key: c.figure.display for c in places.cells[2:]} == {"other": "<5", "none": "<5"}
    assert cells(report, "leads_by_status") == {
        "new": "5",
        "assessing": "5",
        "referred": "<5",
        "closed": "<5",
    }
    assert cells(report, "leads_by_referral")["state_police"] == "5"
    assert cells(report, "leads_by_referral")["none"] == "10"
    for breakdown in report.breakdowns:
        assert breakdown.total.value == (33 if breakdown.population == "conversations" else 15)


def test_counts_that_reach_the_minimum_are_shown(data):
    Withdrawal.objects.bulk_create([Withdrawal(date=week(2)) for _ in range(2)])

    report = stats.build_report(START, END, k=5)

    assert report.withdrawals.value == 5
    assert stats.build_report(START, END, k=6).withdrawals.display == "<6"


def test_waiting_times_need_enough_accepted_conversations(data):
    report = stats.build_report(week(3), week(3), k=5)  # three missed conversations only

    assert not report.waiting.shown
    assert report.waiting.p50 is None and report.waiting.longest is None
    assert report.conversations.display == "<5"
    # Every breakdown of three conversations is withheld or hides everything.
    for breakdown in report.breakdowns:
        assert breakdown.withheld or all(cell.figure.value in (None, 0) for cell in breakdown.cells)


def test_missed_hidden_when_the_rest_would_be_small(db):
    when = at(week(1))
    rows = [
        conversation(when, "lv", "work", outcome=Conversation.Outcome.VISITOR_LEFT)
        for _ in range(20)
    ] + [conversation(when, "lv", "work", wait=30) for _ in range(2)]
    Conversation.objects.bulk_create(rows)

    report = stats.build_report(START, END, k=5)

    # 22 conversations, 20 missed: showing 20 would give away the other 2.
    assert report.conversations.value == 22
    assert report.missed.value is None
    assert report.waiting.accepted.display == "<5"


def test_empty_period(db):
    report = stats.build_report(START, END, k=5)

    assert report.conversations.value == 0 and report.leads.value == 0
    assert not any(b.withheld for b in report.breakdowns)
    assert all(svg.bar_chart(b) for b in report.breakdowns)


# --- CSV and SVG ----------------------------------------------------------------------------


def test_csv_rows(data):
    rows = stats.csv_rows(stats.build_report(START, END, k=5))

    assert rows[0] == ["section", "category", "label", "value"]
    assert all(len(row) == 4 for row in rows)
    by_key = {(row[0], row[1]): row[3] for row in rows[1:]}
    assert by_key[("period", "start")] == "2026-01-05"
    assert by_key[("totals", "conversations")] == "33"
    assert by_key[("totals", "withdrawals")] == "<5"
    assert by_key[("conversations_by_language", "uk")] == "<5"
    assert by_key[("conversations_by_week", "2026-W03")] == stats.gettext("hidden")
    assert by_key[("conversations_by_week", "total")] == "33"
    assert by_key[("waiting_seconds", "p50")] == "200"
    assert by_key[("leads_by_place", "other")] == "<5"
    text = "\n".join(",".join(row) for row in rows)
    for personal in PERSONAL:
        assert personal not in text


def test_csv_keeps_formulas_out(db):
    Lead.objects.bulk_create(
        [
            Lead(source="chat", language="lv", location="=HYPERLINK(1)", created_at=at(week(1)))
            for _ in range(5)
        ]
    )

    rows = stats.csv_rows(stats.build_report(START, END, k=5))

    labels = [row[2] for row in rows if row[0] == "leads_by_place"]
    assert "'=HYPERLINK(1)" in labels and "=HYPERLINK(1)" not in labels


def test_svg_charts_are_valid_and_accessible(data):
    report = stats.build_report(START, END, k=5)

    for breakdown in report.breakdowns:
        markup = str(svg.bar_chart(breakdown))
        root = ET.fromstring(markup)  # noqa: S314 - our own markup; raises if not well-formed
        assert root.tag == f"{SVG_NS}svg"
        assert root.get("role") == "img"
        title, desc = root.find(f"{SVG_NS}title"), root.find(f"{SVG_NS}desc")
        assert title.text == breakdown.title
        assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        for cell in breakdown.cells:
            assert f"{cell.label}: {cell.figure.display}" in desc.text
        bars = root.findall(f"{SVG_NS}rect")
        assert len(bars) == sum(1 for cell in breakdown.cells if cell.figure.value)
        for element in root.iter():
            assert "style" not in element.attrib
            assert not element.tag.endswith("script")
        values = [t.text for t in root.findall(f"{SVG_NS}text") if t.get("text-anchor") != "end"]
        assert values == [cell.figure.display for cell in breakdown.cells]
        for personal in PERSONAL:
            assert personal not in markup


def test_svg_escapes_labels(db):
    Lead.objects.bulk_create(
        [
            Lead(source="chat", language="lv", location="<b>&Co</b>", created_at=at(week(1)))
            for _ in range(5)
        ]
    )
    report = stats.build_report(START, END, k=5)
    places = next(b for b in report.breakdowns if b.key == "leads_by_place")

    root = ET.fromstring(str(svg.bar_chart(places)))  # noqa: S314 - our own markup

    labels = [t.text for t in root.findall(f"{SVG_NS}text") if t.get("text-anchor") == "end"]
    assert "<b>&Co</b>" in labels


# --- The admin page and the CSV download: who may see them ---------------------------------


def staff(*permissions: str):
    """A signed-in client of a user who may use the admin (in English), with `permissions`."""
    user = get_user_model().objects.create_user(
        username=f"s-{uuid.uuid4().hex[:8]}", password="x" * 16
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    )
    for codename in permissions:
        user.user_permissions.add(
            Permission.objects.get(codename=codename, content_type__app_label="referrals")
        )
    client = Client()
    client.force_login(user)
    return client


PERIOD = {"start": START.isoformat(), "end": END.isoformat()}


@pytest.mark.parametrize("name", ["referrals_statistics", "referrals_statistics_csv"])
def test_anonymous_is_sent_to_login(client, name):
    response = client.get(reverse(name), PERIOD)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.parametrize("name", ["referrals_statistics", "referrals_statistics_csv"])
def test_staff_without_the_permission_is_refused(data, name):
    client = staff("work_lead")

    response = client.get(reverse(name), PERIOD)

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert b"33" not in response.content


def test_statistics_page_with_the_permission(data):
    client = staff("view_statistics")

    response = client.get(reverse("referrals_statistics"), PERIOD)

    assert response.status_code == 200
    page = BeautifulSoup(response.content.decode(), "html.parser")
    main = page.select_one("main")
    charts = main.select("svg.referral-chart")
    assert len(charts) == 8
    for chart in charts:
        assert chart.select_one("title") and chart.select_one("desc")
        assert not chart.select("[style]")
    tables = main.select("table.listing")
    language = next(t for t in tables if "Conversations by language" in t.get_text())
    rows = {
        tr.th.get_text(strip=True): tr.td.get_text(strip=True) for tr in language.select("tbody tr")
    }
    assert rows["Latvian"] == "17" and rows["Ukrainian"] == "<5"
    assert language.select_one("tfoot td").get_text(strip=True) == "33"
    text = main.get_text()
    assert "3 min 20 s" in text  # the median wait, 200 s
    for personal in PERSONAL:
        assert personal not in response.content.decode()
    csv_link = main.select_one(f'a[href^="{reverse("referrals_statistics_csv")}"]')
    assert "start=2026-01-05" in csv_link["href"] and "end=2026-02-01" in csv_link["href"]
    # Drawn as Wagtail draws its own download buttons: the icon in its box, then the label.
    assert {"button", "bicolor", "button--icon"} <= set(csv_link["class"])
    assert csv_link.select_one(".icon-wrapper svg") is not None
    assert csv_link.get_text(strip=True) == "Download CSV"


def test_csv_download_with_the_permission(data):
    client = staff("view_statistics")

    response = client.get(reverse("referrals_statistics_csv"), PERIOD)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    with translation.override("en"):  # the admin language of the user
        assert rows == stats.csv_rows(stats.build_report(START, END))
    for personal in PERSONAL:
        assert personal not in response.content.decode()


def test_menu_item_only_with_the_permission(db):
    url = reverse("referrals_statistics")

    assert url not in staff("work_lead").get(reverse("wagtailadmin_home")).content.decode()
    assert url in staff("view_statistics").get(reverse("wagtailadmin_home")).content.decode()


def test_default_period_is_the_last_90_days(db):
    client = staff("view_statistics")
    today = timezone.localdate()
    Conversation.objects.bulk_create(
        [
            conversation(at(today - datetime.timedelta(days=89), 0, 5), "lv", "work")
            for _ in range(5)
        ]
        + [
            conversation(at(today - datetime.timedelta(days=90), 23, 55), "lv", "work")
            for _ in range(5)
        ]
    )

    response = client.get(reverse("referrals_statistics"))

    assert response.status_code == 200
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert (
        page.select_one("#id_start")["value"] == (today - datetime.timedelta(days=89)).isoformat()
    )
    assert page.select_one("#id_end")["value"] == today.isoformat()
    totals = page.select_one("main table.listing")
    assert totals.select("td")[0].get_text(strip=True) == "5"


def test_invalid_period_shows_the_error(db):
    client = staff("view_statistics")

    response = client.get(
        reverse("referrals_statistics"), {"start": "2026-02-01", "end": "2026-01-01"}
    )

    assert response.status_code == 200
    assert "The start is after the end." in response.content.decode()
