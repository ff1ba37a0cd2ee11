"""Reporting a concern for someone else (issue 19): a public form for a friend, relative,
colleague, employer or professional; three ways to share the reporter's own details; a lead
with source "third-party report" and a consent record of its own; counted apart in the
statistics; protected as a left message is."""

from __future__ import annotations

import datetime
import json

from django.db import connection
from django.utils import timezone, translation

import pytest
from bs4 import BeautifulSoup

from chat.actions.conversations import challenge_load
from chat.consent import REPORT_CONSENT_VERSION, report_consent_text, wording_hash
from chat.referrals import stats
from chat.referrals.models import ConsentRecord, Lead
from lantern.testing.challenge import solve

pytestmark = pytest.mark.django_db

VALID = {
    "relation": "colleague",
    "form_of_exploitation": "labour",
    "what_happened": "Three workers sleep in the warehouse and never get paid. Osprey",
    "place": "Jelgava",
    "seen_when": "week",
    "contact": "Anna, +371 20000000, after 18:00",
    "consent": "on",
}


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def proof_on(response) -> str:
    field = soup(response).select_one("main form input[type=hidden][name=proof]")
    return solve(json.loads(field["data-challenge"]))


def send(client, language: str, **changes):
    form = client.get(f"/{language}/report/")
    data = {**VALID, "proof": proof_on(form), **changes}
    return client.post(f"/{language}/report/", {k: v for k, v in data.items() if v is not None})


def raw_leads() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT what_happened, safe_contact, location FROM referrals_lead")
        return " ".join(str(value) for row in cursor.fetchall() for value in row)


@pytest.mark.parametrize("language", ["lv", "uk"])
def test_the_form_in_the_visitors_language_linked_from_every_footer(client, tree, language):
    home = soup(client.get(f"/{language}/"))
    assert home.select_one(f'footer a[href="/{language}/report/"]') is not None
    response = client.get(f"/{language}/report/")
    page = soup(response)
    assert page.html["lang"] == language
    form = page.select_one("main form")
    assert form["action"] == f"/{language}/report/" and form["method"] == "post"
    legends = [legend.get_text(strip=True) for legend in form.select("fieldset > legend")]
    assert len(legends) == 4  # who you are, what, when, your own details
    sharing = [
        label.get_text(" ", strip=True) for label in form.select("fieldset")[3].select("label")
    ]
    with translation.override(language):
        assert sharing == [str(label) for _value, label in ConsentRecord.Sharing.choices]
    consent = [p.get_text(strip=True) for p in form.select(".report__consent p")]
    assert consent == report_consent_text(language).split("\n\n")
    assert form.select_one("input[name=proof][data-challenge]") is not None
    assert not response.cookies and not client.cookies


@pytest.mark.parametrize(
    ("sharing", "kept_contact"),
    [("share", True), ("confidential", True), ("anonymous", False)],
)
def test_each_way_to_share_becomes_a_third_party_lead_with_its_consent(
    client, sharing, kept_contact
):
    response = send(client, "uk", sharing=sharing)
    assert response.status_code == 200
    page = soup(response)
    withdrawal_code = page.select_one("[data-report-code=withdrawal]").get_text(strip=True)
    return_code = page.select_one("[data-report-code=return]").get_text(strip=True)
    assert len(withdrawal_code) == 11 and len(return_code) == 14
    lead = Lead.objects.select_related("consent").get()
    assert lead.source == Lead.Source.THIRD_PARTY
    assert (lead.language, lead.form_of_exploitation) == ("uk", "labour")
    assert (lead.reporter_relation, lead.seen_when) == ("colleague", "week")
    assert lead.location == "Jelgava"
    assert lead.what_happened == VALID["what_happened"]
    assert lead.safe_contact == (VALID["contact"] if kept_contact else "")
    record = lead.consent
    assert record.method == ConsentRecord.Method.REPORT
    assert record.sharing == sharing
    assert record.covers_contact is kept_contact
    assert record.wording_version == REPORT_CONSENT_VERSION
    assert record.wording_hash == wording_hash(report_consent_text("uk"))
    # Sealed, as every lead's free text; an anonymous reporter's contact is nowhere.
    stored = raw_leads()
    assert "Osprey" not in stored and "Jelgava" not in stored and "+371" not in stored
    assert not response.cookies and not client.cookies


def test_a_report_with_problems_lists_each_and_keeps_what_was_typed(client):
    response = send(
        client,
        "en",
        relation=None,
        what_happened="   ",
        sharing="confidential",
        contact="",
        consent=None,
    )
    assert response.status_code == 400
    page = soup(response)
    summary = page.select_one("main .error-summary")
    links = [(a["href"], a.get_text(strip=True)) for a in summary.select("a")]
    assert [href for href, _text in links] == [
        "#report-relation_0",
        "#report-what_happened",
        "#report-contact",
        "#report-consent",
    ]
    assert links[2][1] == "Write how we can reach you, or choose “Anonymous” if we must not."
    for href, _text in links:
        target = page.select_one(href)
        assert target is not None, href
        assert target.get("aria-invalid") == "true", href
    assert page.title.get_text().startswith("Error:")
    assert page.select_one("#report-place")["value"] == "Jelgava"
    assert not Lead.objects.exists()


def test_no_report_without_the_browsers_check(client):
    response = client.post("/en/report/", {**VALID, "sharing": "anonymous"})
    assert response.status_code == 400
    [problem] = soup(response).select("main .error-summary li")
    assert problem.find("a") is None  # nothing to go to: the check is the browser's
    forged = client.post("/en/report/", {**VALID, "sharing": "anonymous", "proof": "eyJ4IjoxfQ=="})
    assert forged.status_code == 400
    assert not Lead.objects.exists()


def test_reports_and_left_messages_raise_the_cost_together(client):
    before = challenge_load("report")
    for _ in range(3):
        send(client, "lv", sharing="anonymous")
    assert challenge_load("report") > before
    assert challenge_load("leave_message") == challenge_load("report")


def test_the_statistics_count_third_party_reports_apart(client):
    for _ in range(6):
        send(client, "lv", sharing="anonymous")
    today = timezone.localdate()
    report = stats.build_report(today - datetime.timedelta(days=1), today, k=1)
    [by_source] = [b for b in report.breakdowns if b.key == "leads_by_source"]
    cells = {cell.key: cell.figure.value for cell in by_source.cells}
    assert cells["third_party"] == 6
    assert not cells.get("chat") and not cells.get("message")


@pytest.mark.parametrize("sharing", ["confidential", "anonymous"])
def test_the_caseworker_sees_the_reporters_details_as_the_reporters(client, sharing):
    from django.urls import reverse

    from tests.referrals.queue.factories import client_for, user_in

    send(client, "lv", sharing=sharing)
    lead = Lead.objects.get()
    page = soup(
        client_for(user_in("caseworker")).get(reverse("referral_queue:lead", args=[lead.pk]))
    )
    contact = page.select_one("#lead-contact-section")
    heading = contact.select_one("h2").get_text(strip=True)
    assert heading == "The reporter's contact"
    text = contact.get_text(" ", strip=True)
    with translation.override("en"):
        assert str(ConsentRecord.Sharing(sharing).label) in text
    if sharing == "confidential":
        assert "never into a referral" in text and "+371" in text
    else:
        assert "The reporter gave no contact details." in text
    thread_labels = {
        s.get_text(strip=True)
        for s in page.select("#lead-thread-section .lead-timeline__meta strong")
    }
    assert thread_labels == {"The reporter"}
