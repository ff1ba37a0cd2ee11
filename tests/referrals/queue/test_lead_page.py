"""A lead's page: the consent and what it covers, the summary, the visitor's words, urgency,
safe contact or "do not contact", the transcript only where consent covers it, the notes;
every personal text shown as text."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

import pytest

from chat.referrals.models import LeadNote
from tests.html import parse

from .factories import make_lead, user_in

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def page_of(client, lead) -> str:
    response = client.get(reverse("referral_queue:lead", args=[lead.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_the_lead(caseworker_client, lead):
    html = page_of(caseworker_client, lead)
    for text in (
        "Promised a job in Norway; passport taken",
        "They took my passport at the airport",
        "Rīga",
        "High",
        "Labour exploitation",
        "Latvian",
        "Signal after 18:00",
        "New",
    ):
        assert text in html, text


def test_the_consent_record_and_what_it_covers(caseworker_client, lead):
    consent = lead.consent
    text = (
        parse(caseworker_client.get(reverse("referral_queue:lead", args=[lead.pk])))
        .find(id="lead-consent-section")
        .get_text(" ", strip=True)
    )
    assert consent.wording_version in text
    assert consent.wording_hash in text
    assert "Chat: the visitor pressed 'I agree'" in text
    assert "Covers the transcript yes" in text
    assert "Covers contact details yes" in text


def test_the_transcript_is_shown_only_where_consent_covers_it(caseworker_client):
    transcript = [{"seq": 1, "sender": "visitor", "text": "The words of the chat", "sent_at": ""}]
    covered = make_lead(transcript_consent=True, transcript=transcript)
    not_covered = make_lead(transcript_consent=False, transcript=transcript)
    assert "The words of the chat" in page_of(caseworker_client, covered)
    html = page_of(caseworker_client, not_covered)
    assert "The words of the chat" not in html
    assert "does not cover the transcript" in html


def test_a_covered_transcript_not_yet_copied(caseworker_client):
    html = page_of(caseworker_client, make_lead(transcript_consent=True, transcript=[]))
    assert "copied here when the conversation ends" in html


def test_do_not_contact_is_prominent(caseworker_client):
    html = page_of(caseworker_client, make_lead(do_not_contact=True))
    banner = html.split('class="help-block help-critical"')[1][:400]
    assert "Do not contact." in banner


def test_no_contact_details_without_consent_to_them(caseworker_client):
    lead = make_lead(contact_consent=False, safe_contact="")
    html = page_of(caseworker_client, lead)
    assert "did not consent to contact details being kept: do not contact" in html


def test_empty_safe_contact_means_do_not_contact(caseworker_client):
    lead = make_lead(contact_consent=True, safe_contact="")
    assert "No safe way to contact the person was given: do not contact." in page_of(
        caseworker_client, lead
    )


def test_every_personal_text_is_shown_as_text(caseworker_client, caseworker):
    lead = make_lead(
        summary=HOSTILE,
        what_happened=HOSTILE,
        location=HOSTILE[:100],
        safe_contact=HOSTILE,
        referred_to="other",
        referred_to_detail=HOSTILE[:200],
        transcript_consent=True,
        transcript=[{"seq": 1, "sender": "visitor", "text": HOSTILE, "sent_at": "x"}],
    )
    LeadNote.objects.create(lead=lead, author=caseworker, text=HOSTILE)
    html = page_of(caseworker_client, lead)
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert html.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") >= 6


def test_the_notes_timeline(caseworker_client, caseworker):
    lead = make_lead()
    other = user_in("caseworker", "t-other")
    LeadNote.objects.create(lead=lead, author=caseworker, text="First note")
    LeadNote.objects.create(lead=lead, author=other, text="Second note")
    LeadNote.objects.create(lead=lead, author=None, text="Note of someone gone")
    html = page_of(caseworker_client, lead)
    assert html.index("First note") < html.index("Second note") < html.index("someone gone")
    assert "t-other" in html
    assert "a former user" in html
    assert 'name="text"' in html  # the form to add one


def test_an_anonymised_lead_shows_no_forms(caseworker_client):
    lead = make_lead(status="closed", summary="", safe_contact="", anonymised_at=timezone.now())
    html = page_of(caseworker_client, lead)
    assert "was anonymised" in html
    assert 'name="to"' not in html
    assert 'name="text"' not in html
    assert 'name="assigned_to"' not in html
