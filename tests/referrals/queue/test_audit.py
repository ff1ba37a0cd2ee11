"""The audit log: every view of a lead and every change is recorded with who and when, holds
none of the lead's personal text, and coordinators can read it (without reading a lead)."""

from __future__ import annotations

import json

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import ModelLogEntry

import pytest

from chat.referrals import audit
from chat.referrals.models import Lead

from .factories import client_for, make_lead, user_in

pytestmark = pytest.mark.django_db

# Personal text, each distinctive, in every place a lead keeps some.
SECRETS = {
    "summary": "SUMMARY-Ilze-from-Tukums",
    "what_happened": "WORDS-they-took-my-passport",
    "location": "PLACE-Kuldiga",
    "safe_contact": "CONTACT-+371-2000-1111",
    "transcript": "TRANSCRIPT-I-am-scared",
    "note": "NOTE-the-aunt-knows",
    "detail": "DETAIL-shelter-on-Brivibas",
    "edited": "EDITED-summary-Janis",
}


def lead_entries(lead: Lead):
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Lead), object_id=str(lead.pk)
    ).order_by("pk")


@pytest.fixture
def secret_lead(db) -> Lead:
    return make_lead(
        summary=SECRETS["summary"],
        what_happened=SECRETS["what_happened"],
        location=SECRETS["location"],
        safe_contact=SECRETS["safe_contact"],
        transcript_consent=True,
        transcript=[
            {
                "seq": 1,
                "sender": "visitor",
                "text": SECRETS["transcript"],
                "sent_at": "2026-01-05T10:00:00+00:00",
            }
        ],
    )


def work_the_lead(client, lead: Lead, assignee) -> None:
    """Everything a caseworker does with a lead, through the admin."""
    url = lambda name: reverse(f"referral_queue:{name}", args=[lead.pk])  # noqa: E731
    assert client.get(url("lead")).status_code == 200
    assert client.get(url("edit")).status_code == 200
    client.post(url("assign"), {"assigned_to": assignee.pk})
    client.post(url("note"), {"text": SECRETS["note"]})
    client.post(url("status"), {"to": "assessing"})
    client.post(
        url("status"),
        {
            "to": "referred",
            "refer-referred_to": "other",
            "refer-referred_to_detail": SECRETS["detail"],
        },
    )
    client.post(
        url("edit"),
        {
            "urgency": "immediate",
            "form_of_exploitation": "sexual",
            "location": lead.location,
            "summary": SECRETS["edited"],
            "what_happened": lead.what_happened,
            "safe_contact": lead.safe_contact,
        },
    )
    client.post(url("status"), {"to": "closed", "close-closing_reason": "supported"})


def test_every_view_and_change_is_recorded_with_who_and_when(
    caseworker_client, caseworker, secret_lead
):
    before = timezone.now()
    work_the_lead(caseworker_client, secret_lead, caseworker)
    entries = list(lead_entries(secret_lead))
    assert [entry.action for entry in entries] == [
        audit.VIEW,
        audit.VIEW,
        audit.ASSIGN,
        audit.NOTE,
        audit.STATUS,
        audit.STATUS,
        audit.EDIT,
        audit.STATUS,
    ]
    assert all(entry.user == caseworker for entry in entries)
    assert all(entry.timestamp >= before for entry in entries)
    assert all(entry.label == f"Lead #{secret_lead.pk}" for entry in entries)
    assert entries[0].data == {"page": "lead", "transcript": True}
    assert entries[1].data == {"page": "edit"}
    assert entries[3].data == {"note": secret_lead.notes.get().pk}
    assert [entry.data for entry in entries if entry.action == audit.STATUS] == [
        {"from": "new", "to": "assessing"},
        {"from": "assessing", "to": "referred", "referred_to": "other"},
        {"from": "referred", "to": "closed", "closing_reason": "supported"},
    ]
    assert entries[6].data == {"fields": ["urgency", "form_of_exploitation", "summary"]}


def test_the_log_holds_no_personal_text(caseworker_client, caseworker, secret_lead):
    work_the_lead(caseworker_client, secret_lead, caseworker)
    stored = json.dumps(
        [[entry.label, entry.data, entry.action] for entry in ModelLogEntry.objects.all()],
        ensure_ascii=False,
    )
    for secret in SECRETS.values():
        assert secret not in stored


def test_a_view_without_a_covered_transcript_says_so(caseworker_client):
    lead = make_lead(transcript_consent=False)
    caseworker_client.get(reverse("referral_queue:lead", args=[lead.pk]))
    assert lead_entries(lead).get().data == {"page": "lead"}


def test_a_refused_change_is_not_recorded(caseworker_client):
    lead = make_lead()
    caseworker_client.post(reverse("referral_queue:status", args=[lead.pk]), {"to": "closed"})
    caseworker_client.post(reverse("referral_queue:note", args=[lead.pk]), {"text": ""})
    assert not lead_entries(lead).exists()


def test_a_refused_viewer_is_not_recorded_as_having_seen_the_lead(coordinator):
    lead = make_lead()
    client_for(coordinator).get(reverse("referral_queue:lead", args=[lead.pk]))
    assert not lead_entries(lead).exists()


def test_the_messages_read_well(caseworker_client, caseworker, secret_lead):
    work_the_lead(caseworker_client, secret_lead, caseworker)
    with translation.override("en"):
        messages = [str(entry.message) for entry in lead_entries(secret_lead)]
    assert messages == [
        "Viewed the lead, with its transcript",
        "Opened the lead's details for editing",
        "Assigned to t-caseworker",
        "Note added",
        "Status changed from New to Assessing",
        "Status changed from Assessing to Referred · referred to Another organisation",
        "Details edited: urgency, form of exploitation, summary",
        "Status changed from Referred to Closed · reason: Referred and supported",
    ]


# --- Coordinators read it -------------------------------------------------------------------


def test_coordinators_read_the_audit_log_without_personal_data(
    caseworker_client, caseworker, coordinator, secret_lead
):
    work_the_lead(caseworker_client, secret_lead, caseworker)
    response = client_for(coordinator).get(reverse("referral_queue:audit"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Lead #{secret_lead.pk}" in html
    assert "Status changed from Assessing to Referred" in html
    assert "t-caseworker" in html
    for secret in SECRETS.values():
        assert secret not in html
    # The lead is named, not linked: coordinators cannot open it.
    assert reverse("referral_queue:lead", args=[secret_lead.pk]) not in html


def test_the_audit_log_filters_by_action_lead_and_user(caseworker_client, caseworker, coordinator):
    first, second = make_lead(), make_lead()
    other = user_in("caseworker", "t-other")
    caseworker_client.get(reverse("referral_queue:lead", args=[first.pk]))
    client_for(other).get(reverse("referral_queue:lead", args=[second.pk]))
    caseworker_client.post(reverse("referral_queue:status", args=[first.pk]), {"to": "assessing"})
    client = client_for(coordinator)
    url = reverse("referral_queue:audit_results")

    def shown(**query):
        html = client.get(url, query).content.decode()
        return html.count("Viewed the lead"), html.count("Status changed")

    assert shown() == (2, 1)
    assert shown(action=audit.STATUS) == (0, 1)
    assert shown(object_id=f"#{second.pk}") == (1, 0)
    assert shown(user=caseworker.pk) == (1, 1)
    assert shown(user=other.pk) == (1, 0)


def test_coordinators_also_see_the_entries_in_wagtails_history_querysets(
    caseworker_client, coordinator
):
    lead = make_lead()
    caseworker_client.get(reverse("referral_queue:lead", args=[lead.pk]))
    assert (
        ModelLogEntry.objects.viewable_by_user(coordinator)
        .filter(object_id=str(lead.pk), action=audit.VIEW)
        .exists()
    )
    assert (
        not ModelLogEntry.objects.viewable_by_user(user_in("editor"))
        .filter(action=audit.VIEW)
        .exists()
    )


def test_caseworkers_read_a_leads_history(caseworker_client):
    lead = make_lead()
    caseworker_client.post(reverse("referral_queue:status", args=[lead.pk]), {"to": "assessing"})
    html = caseworker_client.get(reverse("referral_queue:history", args=[lead.pk])).content.decode()
    assert "Status changed from New to Assessing" in html


def test_coordinators_reach_wagtails_site_history_too(caseworker_client, coordinator, secret_lead):
    caseworker_client.post(
        reverse("referral_queue:status", args=[secret_lead.pk]), {"to": "assessing"}
    )
    response = client_for(coordinator).get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Status changed from New to Assessing" in html
    assert reverse("referral_queue:lead", args=[secret_lead.pk]) not in html  # no link to it
    for secret in SECRETS.values():
        assert secret not in html
    # A caseworker's copy of the report links to the lead's page.
    html = caseworker_client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert reverse("referral_queue:lead", args=[secret_lead.pk]) in html


def test_anonymisation_and_withdrawal_are_in_the_log_without_personal_text(secret_lead):
    """Changes made by no staff member (the retention rules; the person with their code) are
    in the log too, by nobody."""
    import datetime

    from chat.consent import hash_withdrawal_code, new_withdrawal_code
    from chat.referrals.models import ConsentRecord
    from chat.referrals.retention import anonymise_leads
    from chat.referrals.withdrawal import do_withdraw

    closed = timezone.now() - datetime.timedelta(days=3650)
    Lead.objects.filter(pk=secret_lead.pk).update(status=Lead.Status.CLOSED, closed_at=closed)
    assert anonymise_leads(timezone.now()) == (1, 0)
    other = make_lead(summary=SECRETS["edited"])
    code = new_withdrawal_code()
    ConsentRecord.objects.filter(lead=other).update(withdrawal_code_hash=hash_withdrawal_code(code))
    assert do_withdraw(code)

    anonymised = [(e.action, e.user_id, e.data) for e in lead_entries(secret_lead)]
    assert anonymised == [(audit.ANONYMISE, None, {})]
    withdrawn = [(e.action, e.user_id, e.data) for e in lead_entries(other)]
    assert withdrawn == [(audit.WITHDRAW, None, {})]
    logged = json.dumps(
        [list(lead_entries(lead).values()) for lead in (secret_lead, other)], default=str
    )
    assert not [secret for secret in SECRETS.values() if secret in logged]
