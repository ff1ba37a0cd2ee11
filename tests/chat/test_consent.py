"""Consent: asked in the visitor's language, recorded so it can be proved, and the only way a
lead comes to exist. Without it, a closed conversation leaves no message behind."""

from __future__ import annotations

import datetime
import hashlib

from django.utils import timezone, translation

from wagtail.models import ModelLogEntry

import pytest
from asgiref.sync import sync_to_async

from chat import consent, protocol
from chat.actions.conversations import do_sweep
from chat.actions.messages import messages_after
from chat.models import Conversation, Message
from chat.referrals.models import ConsentRecord, Lead

from .conftest import (
    CHAT_DB,
    CLIENT_ADDRESS,
    FORWARDED_FOR,
    db_counts,
    db_tables_containing,
    get_conversation,
    messages_of,
)

pytestmark = CHAT_DB


@pytest.fixture(autouse=True)
def marked_wording(monkeypatch):
    """Consent wording that carries the language it was rendered in, so a test can tell the
    visitor's language from the operator's even where a catalogue lacks a translation."""
    real = consent.gettext

    def gettext(message: str) -> str:
        return f"[{translation.get_language()}] {real(message)}"

    monkeypatch.setattr(consent, "gettext", gettext)


@sync_to_async
def lead_of(conversation_id: int) -> Lead | None:
    return Lead.objects.select_related("consent").filter(conversation_id=conversation_id).first()


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


async def ask(v, op) -> dict:
    await op.send(type="request_consent", conversation=v.conversation_id)
    return await v.expect("consent_request")


# --- Asking -----------------------------------------------------------------------------------


async def test_consent_request_in_the_visitors_language(chat_pair, visitor):
    v, op = await chat_pair(language="ru")
    frame = await ask(v, op)
    assert frame["version"] == consent.CONSENT_VERSION
    assert frame["text"] == consent.consent_text("ru")
    assert frame["text"].startswith("[ru] ")
    assert "[en]" not in frame["text"] and "[lv]" not in frame["text"]
    conversation = await get_conversation(v.conversation_id)
    assert conversation.consent == Conversation.Consent.ASKED
    await op.expect("message", event="consent_requested")

    # A visitor who comes back before answering is asked again.
    await v.disconnect()
    again = await visitor()
    await again.resume(v.token, last_seq=0)
    assert (await again.expect("consent_request"))["text"] == frame["text"]


async def test_consent_cannot_be_requested_twice_once_granted(chat_pair):
    v, op = await chat_pair()
    await ask(v, op)
    await v.send(type="consent", grant=True)
    await v.expect("consent_recorded")
    await op.send(type="request_consent", conversation=v.conversation_id)
    error = await op.expect_error(protocol.ERROR_STATE)
    assert error["reason"] == "already_granted"


# --- Granting ---------------------------------------------------------------------------------


async def test_grant_creates_a_lead_and_a_provable_consent_record(chat_pair):
    v, op = await chat_pair(language="uk", topic="relationship")
    shown = await ask(v, op)
    before = await db_counts()
    contact = "Signal, weekdays after 18:00"
    await v.send(type="consent", grant=True, transcript=True, contact=contact)
    recorded = await v.expect("consent_recorded")
    assert recorded["granted"] is True
    code = recorded["withdrawal_code"]
    assert isinstance(code, str) and len(code.replace("-", "")) == consent.CODE_LENGTH

    after = await db_counts()
    assert after["referrals.Lead"] == before["referrals.Lead"] + 1
    assert after["referrals.ConsentRecord"] == before["referrals.ConsentRecord"] + 1

    lead = await lead_of(v.conversation_id)
    assert lead.source == Lead.Source.CHAT
    assert lead.language == "uk"
    assert lead.topic == "relationship"
    assert lead.safe_contact == contact
    assert lead.created_by_id == op.user.pk
    record = lead.consent
    assert record.method == ConsentRecord.Method.CHAT
    assert record.language == "uk"
    assert record.wording_version == shown["version"] == consent.CONSENT_VERSION
    assert record.wording_hash == sha256(shown["text"])
    assert record.covers_transcript is True
    assert record.covers_contact is True
    assert record.withdrawal_code_hash == consent.hash_withdrawal_code(code)
    assert record.withdrawal_code_hash == consent.hash_withdrawal_code(code.lower())
    assert record.granted_at is not None

    # The code itself is stored nowhere; no address is stored anywhere.
    assert await db_tables_containing(code, code.replace("-", "")) == []
    assert await db_tables_containing(CLIENT_ADDRESS[0], FORWARDED_FOR) == []
    for model in (Lead, ConsentRecord, Conversation, Message):
        for field in model._meta.concrete_fields:
            assert "ip" not in field.name.split("_"), (model, field.name)
            assert field.get_internal_type() != "GenericIPAddressField", (model, field.name)

    conversation = await get_conversation(v.conversation_id)
    assert conversation.consent == Conversation.Consent.GRANTED
    await op.expect("message", event="consent_granted")

    # Granting twice is refused.
    await v.send(type="consent", grant=True)
    await v.expect_error(protocol.ERROR_STATE)
    assert await sync_to_async(Lead.objects.count)() == 1


async def test_grant_without_transcript_or_contact_covers_neither(chat_pair):
    v, op = await chat_pair()
    await ask(v, op)
    await v.send(type="consent", grant=True, transcript=False, contact="   ")
    await v.expect("consent_recorded", granted=True)
    record = (await lead_of(v.conversation_id)).consent
    assert record.covers_transcript is False
    assert record.covers_contact is False

    await v.say("this stays out of the lead")
    await op.send(type="end", conversation=v.conversation_id)
    await v.expect_closed(protocol.CLOSE_ENDED)
    lead = await lead_of(v.conversation_id)
    assert lead.transcript == []
    assert await messages_of(v.conversation_id) == []
    assert await db_tables_containing("this stays out of the lead") == []


async def test_transcript_with_consent_holds_visible_messages_only(chat_pair):
    v, op = await chat_pair()
    cid = v.conversation_id
    await v.say("I work 16 hours a day")
    await op.note(cid, "NOTE: check the agency licence")
    await op.say(cid, "Do you have your passport?")
    await v.say("No, the boss keeps it")
    await ask(v, op)
    await v.send(type="consent", grant=True, transcript=True)
    await v.expect("consent_recorded", granted=True)
    await op.note(cid, "NOTE: refer to the labour inspectorate")

    await op.send(type="end", conversation=cid)
    await v.expect("ended", outcome="operator_ended")
    await v.expect_closed(protocol.CLOSE_ENDED)
    await op.expect("conversation_closed", conversation=cid)

    lead = await lead_of(cid)
    texts = [entry["text"] for entry in lead.transcript]
    visible = [
        "I work 16 hours a day",
        "Do you have your passport?",
        "No, the boss keeps it",
    ]
    assert [t for t in texts if t in visible] == visible
    assert all("NOTE:" not in t for t in texts)
    seqs = [entry["seq"] for entry in lead.transcript]
    assert seqs == sorted(seqs)
    assert {entry["sender"] for entry in lead.transcript} <= {"visitor", "operator", "system"}

    assert await messages_of(cid) == []
    conversation = await get_conversation(cid)
    assert conversation.status == Conversation.Status.CLOSED
    assert conversation.token_hash is None
    assert await db_tables_containing("NOTE: check the agency licence") == []


# --- Declining, or leaving without an answer --------------------------------------------------


async def assert_left_no_trace(cid: int, *texts: str) -> None:
    conversation = await get_conversation(cid)
    assert conversation.status == Conversation.Status.CLOSED
    assert conversation.token_hash is None
    assert conversation.closed_at is not None
    assert await messages_of(cid) == []
    assert await lead_of(cid) is None
    assert await db_tables_containing(*texts) == []


async def test_decline_leaves_no_messages_after_close(chat_pair):
    v, op = await chat_pair()
    cid = v.conversation_id
    await v.say("my employer is Example Ltd")
    await op.say(cid, "thank you for telling me")
    await ask(v, op)
    await v.send(type="consent", grant=False, transcript=True, contact="+371 20000000")
    recorded = await v.expect("consent_recorded")
    assert recorded == {
        "type": "consent_recorded",
        "granted": False,
        "withdrawal_code": None,
        "return_code": None,
    }
    assert (await get_conversation(cid)).consent == Conversation.Consent.DECLINED
    assert await lead_of(cid) is None

    await op.send(type="end", conversation=cid)
    await v.expect_closed(protocol.CLOSE_ENDED)
    await assert_left_no_trace(cid, "Example Ltd", "thank you for telling me", "+371 20000000")
    conversation = await get_conversation(cid)
    assert conversation.outcome == Conversation.Outcome.OPERATOR_ENDED
    assert conversation.consent == Conversation.Consent.DECLINED


async def test_visitor_ending_without_answering_leaves_nothing(chat_pair):
    v, op = await chat_pair()
    cid = v.conversation_id
    await v.say("a detail only I know")
    await ask(v, op)
    await v.send(type="end")
    await v.expect("ended", outcome="visitor_ended")
    await v.expect_closed(protocol.CLOSE_ENDED)
    closed = await op.expect("conversation_closed", conversation=cid)
    assert closed["outcome"] == "visitor_ended"
    await assert_left_no_trace(cid, "a detail only I know")
    assert (await get_conversation(cid)).consent == Conversation.Consent.DECLINED


async def test_visitor_disappearing_without_answering_leaves_nothing(
    chat_pair, monkeypatch, settings
):
    v, op = await chat_pair()
    cid = v.conversation_id
    await v.say("another detail only I know")
    await ask(v, op)
    await v.disconnect()

    later = timezone.now() + datetime.timedelta(seconds=settings.LANTERN_CHAT_RESUME_SECONDS + 1)
    closed = await sync_to_async(do_sweep)(later)
    assert closed == 1
    await op.expect("conversation_closed", conversation=cid, outcome="abandoned")
    await assert_left_no_trace(cid, "another detail only I know")


# --- Operator ends before the answer ----------------------------------------------------------


@pytest.mark.parametrize("grant", [True, False])
async def test_operator_end_asks_and_the_answer_closes(chat_pair, grant):
    v, op = await chat_pair(language="en")
    cid = v.conversation_id
    await v.say("please keep this")
    await op.send(type="end", conversation=cid)
    request = await v.expect("consent_request")
    assert request["text"] == consent.consent_text("en")
    await v.expect("message", event="operator_ended")
    conversation = await get_conversation(cid)
    assert conversation.status == Conversation.Status.ENDING
    assert conversation.consent == Conversation.Consent.ASKED

    # Nothing more is said in an ending conversation, and ending twice changes nothing.
    await v.send(type="message", client_id="late", text="one more thing")
    await v.expect_error(protocol.ERROR_CLOSED, client_id="late")
    await op.send(type="end", conversation=cid)
    await op.expect_error(protocol.ERROR_STATE)
    assert [m.event for m in await messages_of(cid)].count("operator_ended") == 1

    await v.send(type="consent", grant=grant, transcript=True)
    recorded = await v.expect("consent_recorded", granted=grant)
    await v.expect("ended", outcome="operator_ended")
    await v.expect_closed(protocol.CLOSE_ENDED)
    await op.expect("conversation_closed", conversation=cid, outcome="operator_ended")
    conversation = await get_conversation(cid)
    assert conversation.status == Conversation.Status.CLOSED
    assert await messages_of(cid) == []
    lead = await lead_of(cid)
    if grant:
        assert recorded["withdrawal_code"]
        assert "please keep this" in [entry["text"] for entry in lead.transcript]
    else:
        assert lead is None
        assert await db_tables_containing("please keep this") == []


async def test_operator_end_after_an_answer_closes_at_once(chat_pair):
    v, op = await chat_pair()
    await ask(v, op)
    await v.send(type="consent", grant=False)
    await v.expect("consent_recorded")
    await op.send(type="end", conversation=v.conversation_id)
    await v.expect("ended", outcome="operator_ended")
    await v.expect_closed(protocol.CLOSE_ENDED)
    await op.send(type="end", conversation=v.conversation_id)
    await op.expect_error(protocol.ERROR_CLOSED)


# --- Leaving a message ------------------------------------------------------------------------


async def test_leave_message_creates_a_consented_lead_and_nothing_else(visitor):
    v = await visitor()
    before = await db_counts()
    text = "I was promised a job in Norway; they took my passport"
    await v.send(
        type="leave_message",
        consent=True,
        language="uk",
        topic="work",
        text=text,
        contact="e-mail after 20:00: someone@example.org",
        proof=await v.proof("leave_message"),
    )
    frame = await v.expect("message_left")
    code = frame["withdrawal_code"]
    assert code
    after = await db_counts()
    changed = {
        label: after[label] - before[label] for label in after if after[label] != before[label]
    }
    # The lead, its key (wrapped: referrals.keys), its consent, the message opening its thread
    # (sealed: referrals.thread), and the audit entry of its creation (codes only); and the one
    # row that counts leads for the next new-lead email (a number, no lead data:
    # referrals.notify).
    assert changed == {
        "referrals.Lead": 1,
        "referrals.LeadKey": 1,
        "referrals.ConsentRecord": 1,
        "referrals.ThreadMessage": 1,
        "wagtailcore.ModelLogEntry": 1,
        "referrals.NewLeadEmail": 1,
    }
    entry = await sync_to_async(lambda: ModelLogEntry.objects.get())()
    assert (entry.action, entry.data) == ("lantern.lead.create", {"source": "message"})

    lead = await sync_to_async(lambda: Lead.objects.select_related("consent").get())()
    assert lead.source == Lead.Source.MESSAGE
    assert lead.conversation_id is None
    assert lead.language == "uk" and lead.topic == "work"
    assert lead.what_happened == text
    assert lead.safe_contact == "e-mail after 20:00: someone@example.org"
    record = lead.consent
    assert record.method == ConsentRecord.Method.MESSAGE
    assert record.language == "uk"
    assert record.wording_version == consent.CONSENT_VERSION
    assert record.wording_hash == sha256(consent.consent_text("uk"))
    assert record.covers_transcript is False
    assert record.covers_contact is True
    assert record.withdrawal_code_hash == consent.hash_withdrawal_code(code)
    assert await db_tables_containing(code, CLIENT_ADDRESS[0], FORWARDED_FOR) == []


async def test_leave_message_requires_consent(visitor):
    v = await visitor()
    before = await db_counts()
    for value in (False, None, "yes", 1):
        await v.send(type="leave_message", consent=value, language="lv", text="help")
        error = await v.expect_error(protocol.ERROR_INVALID)
        assert error["field"] == "consent"
    await v.send(type="leave_message", language="lv", text="help")
    await v.expect_error(protocol.ERROR_INVALID)
    assert await db_counts() == before


# --- The lead frame ---------------------------------------------------------------------------


async def test_lead_frame_needs_consent(chat_pair):
    v, op = await chat_pair()
    await op.send(type="lead", conversation=v.conversation_id, fields={"summary": "x"})
    error = await op.expect_error(protocol.ERROR_STATE)
    assert error["reason"] == "no_consent"
    assert await sync_to_async(Lead.objects.count)() == 0


async def test_lead_frame_updates_the_lead_with_validation(chat_pair):
    v, op = await chat_pair()
    cid = v.conversation_id
    await ask(v, op)
    await v.send(type="consent", grant=True, contact="call me")
    await v.expect("consent_recorded")

    bad = [
        ({"fields": {}}, protocol.ERROR_INVALID),
        ({"fields": "summary"}, protocol.ERROR_INVALID),
        ({}, protocol.ERROR_INVALID),
        ({"fields": {"transcript": "forged"}}, protocol.ERROR_INVALID),
        ({"fields": {"status": "referred"}}, protocol.ERROR_INVALID),
        ({"fields": {"summary": 5}}, protocol.ERROR_INVALID),
        ({"fields": {"urgency": "whenever"}}, protocol.ERROR_INVALID),
        ({"fields": {"form_of_exploitation": "unknown"}}, protocol.ERROR_INVALID),
        ({"fields": {"location": "x" * 121}}, protocol.ERROR_TOO_LONG),
        ({"fields": {"summary": "x" * (protocol.MAX_NOTE_CHARS + 1)}}, protocol.ERROR_TOO_LONG),
    ]
    for frame, code in bad:
        await op.send(type="lead", conversation=cid, **frame)
        await op.expect_error(code)
    lead = await lead_of(cid)
    assert (lead.summary, lead.urgency, lead.location) == ("", Lead.Urgency.NORMAL, "")
    assert lead.transcript == []

    await op.send(
        type="lead",
        conversation=cid,
        fields={
            "form_of_exploitation": "labour",
            "urgency": "high",
            "summary": "  Works 16h/day, passport withheld  ",
            "location": "Rīga",
        },
    )
    saved = await op.expect("lead_saved", conversation=cid)
    lead = await lead_of(cid)
    assert saved["lead"]["id"] == lead.pk
    assert saved["lead"]["fields"]["summary"] == "Works 16h/day, passport withheld"
    assert lead.form_of_exploitation == "labour"
    assert lead.urgency == Lead.Urgency.HIGH
    assert lead.summary == "Works 16h/day, passport withheld"
    assert lead.location == "Rīga"
    assert lead.safe_contact == "call me"


async def test_no_contact_details_recorded_when_the_visitor_left_none(chat_pair):
    v, op = await chat_pair()
    cid = v.conversation_id
    await ask(v, op)
    await v.send(type="consent", grant=True, contact="")
    await v.expect("consent_recorded")

    await op.send(type="lead", conversation=cid, fields={"safe_contact": "+371 2000 0000"})

    error = await op.expect_error(protocol.ERROR_STATE)
    assert error["reason"] == "contact_not_covered"
    assert (await lead_of(cid)).safe_contact == ""


def audit_entries(lead_id: int) -> list[tuple[str, dict, int | None]]:
    return [
        (entry.action, entry.data, entry.user_id)
        for entry in ModelLogEntry.objects.filter(object_id=str(lead_id)).order_by("pk")
    ]


async def test_the_lead_form_is_filled_from_the_consent_and_a_save_keeps_the_contact(chat_pair):
    """Before: the safe contact the visitor gave was not put into the operator's empty field,
    so saving the lead deleted it, and the lead said "do not contact"."""
    v, op = await chat_pair()
    cid = v.conversation_id
    await ask(v, op)
    await v.send(type="consent", grant=True, contact="Signal after 20:00", transcript=True)
    await v.expect("consent_recorded")
    shown = await op.expect("lead", conversation=cid)
    assert shown["lead"]["fields"]["safe_contact"] == "Signal after 20:00"
    assert shown["lead"]["editable"] is True
    assert (shown["lead"]["covers_contact"], shown["lead"]["covers_transcript"]) == (True, True)

    # The form as it was: every field sent, the contact empty.
    await op.send(
        type="lead",
        conversation=cid,
        fields={
            "form_of_exploitation": "labour",
            "urgency": "high",
            "summary": "Passport withheld",
            "location": "",
            "safe_contact": "",
        },
    )
    saved = await op.expect("lead_saved", conversation=cid)
    lead = await lead_of(cid)
    assert lead.safe_contact == "Signal after 20:00"
    assert saved["lead"]["fields"]["safe_contact"] == "Signal after 20:00"

    # Every change is in the audit log, with who, and field names only.
    entries = await sync_to_async(audit_entries)(lead.pk)
    operator_id = (await get_conversation(cid)).operator_id
    assert entries == [
        ("lantern.lead.create", {"source": "chat"}, operator_id),
        (
            "lantern.lead.edit",
            {"fields": ["urgency", "form_of_exploitation", "summary"]},
            operator_id,
        ),
    ]


async def test_once_a_caseworker_has_taken_the_lead_the_operator_adds_a_note_instead(
    chat_pair, django_user_model
):
    """Before: after the hand-off an operator's `lead` rewrote the summary and place of a lead
    a caseworker had already referred, with no audit entry."""
    from chat.referrals.actions import Transition, do_transition

    v, op = await chat_pair()
    cid = v.conversation_id
    await ask(v, op)
    await v.send(type="consent", grant=True, contact="")
    await v.expect("consent_recorded")
    lead = await lead_of(cid)
    caseworker = await sync_to_async(django_user_model.objects.create_superuser)(
        "caseworker", "", "pw"
    )
    await sync_to_async(do_transition)(caseworker, lead, Transition(Lead.Status.ASSESSING))

    await op.send(type="lead", conversation=cid, fields={"summary": "Rewritten", "location": "X"})
    error = await op.expect_error(protocol.ERROR_STATE)
    assert error["reason"] == "lead_taken"
    assert ((await lead_of(cid)).summary, (await lead_of(cid)).location) == ("", "")

    await op.send(type="lead_note", conversation=cid, text="  She may call again on Friday ")
    await op.expect("lead_note_saved", conversation=cid)
    notes = await sync_to_async(lambda: list(lead.notes.values_list("text", "author_id")))()
    assert notes == [("She may call again on Friday", op.user.pk)]
    actions = [entry[0] for entry in await sync_to_async(audit_entries)(lead.pk)]
    assert actions == ["lantern.lead.create", "lantern.lead.status", "lantern.lead.note"]


async def test_once_the_chat_has_ended_the_operator_adds_a_note_instead(chat_pair):
    v, op = await chat_pair()
    cid = v.conversation_id
    await ask(v, op)
    await v.send(type="consent", grant=True, contact="")
    await v.expect("consent_recorded")
    await op.send(type="end", conversation=cid)
    await op.expect("conversation_closed", conversation=cid)

    await op.send(type="lead", conversation=cid, fields={"summary": "After the end"})
    assert (await op.expect_error(protocol.ERROR_STATE))["reason"] == "chat_ended"
    await op.send(type="lead_note", conversation=cid, text="Written after the end")
    await op.expect("lead_note_saved", conversation=cid)
    await op.send(type="lead_note", conversation=cid, text="   ")
    await op.expect_error(protocol.ERROR_STATE)


async def test_a_waiting_visitor_cannot_consent_yet(visitor):
    v = await visitor()
    await v.start()

    await v.send(type="consent", grant=True)

    await v.expect_error(protocol.ERROR_STATE)
    assert await sync_to_async(Lead.objects.count)() == 0


async def test_the_visitor_is_not_shown_the_staff_wording_of_their_answer(chat_pair):
    v, op = await chat_pair()
    cid = v.conversation_id
    await ask(v, op)
    await v.send(type="consent", grant=True)
    await v.expect("consent_recorded")

    for_visitor = await sync_to_async(messages_after)(cid, 0, for_visitor=True)
    for_operator = await sync_to_async(messages_after)(cid, 0, for_visitor=False)

    assert "consent_granted" not in {m.event for m in for_visitor}
    assert "consent_granted" in {m.event for m in for_operator}
