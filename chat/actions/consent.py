"""Consent: asking the visitor, their answer, the lead it creates, and leaving a message."""

from __future__ import annotations

from django.db import transaction

from .. import protocol
from ..announce import announce, announce_queue, conversation_group
from ..consent import (
    CONSENT_VERSION,
    consent_text,
    hash_withdrawal_code,
    new_withdrawal_code,
    wording_hash,
)
from ..frames import ConsentAnswer, LeftMessage
from ..models import Conversation
from ..protocol import ChatError
from ..referrals.models import ConsentRecord, Lead
from ..referrals.notify import notify_new_lead
from .conversations import do_close
from .messages import do_post_event


def do_request_consent(conversation: Conversation) -> None:
    with transaction.atomic():
        Conversation.objects.filter(pk=conversation.pk).update(consent=Conversation.Consent.ASKED)
        do_post_event(
            conversation.pk,
            "consent_requested",
            Conversation.Status.ACTIVE,
            Conversation.Status.ENDING,
        )
        announce(
            conversation_group(conversation.pk),
            {"type": "chat.consent_request", "id": conversation.pk},
        )


def _create_consented_lead(
    *, source: str, method: str, language: str, topic: str, answer: ConsentAnswer, **fields
) -> tuple[Lead, str]:
    code = new_withdrawal_code()
    wording = consent_text(language)
    lead = Lead.objects.create(
        source=source,
        language=language,
        topic=topic,
        safe_contact=answer.contact,
        **fields,
    )
    ConsentRecord.objects.create(
        lead=lead,
        method=method,
        language=language,
        wording_version=CONSENT_VERSION,
        wording_hash=wording_hash(wording),
        covers_transcript=answer.transcript,
        covers_contact=bool(answer.contact),
        withdrawal_code_hash=hash_withdrawal_code(code),
    )
    notify_new_lead(lead)  # caseworkers are emailed after the commit, without any lead data
    return lead, code


def do_answer_consent(conversation_id: int, answer: ConsentAnswer) -> str | None:
    """Record the visitor's answer. Granting creates the lead and returns the withdrawal code
    (shown to the visitor once). Declining ends with the messages deleted at close."""
    with transaction.atomic():
        conversation = Conversation.objects.select_for_update().get(pk=conversation_id)
        if conversation.status == Conversation.Status.CLOSED:
            raise ChatError(protocol.ERROR_CLOSED)
        if conversation.consent == Conversation.Consent.GRANTED:
            raise ChatError(protocol.ERROR_STATE)
        if conversation.status == Conversation.Status.WAITING:
            # Nobody has talked with the visitor yet: there is nothing to pass on.
            raise ChatError(protocol.ERROR_STATE)
        code = None
        if answer.grant:
            _lead, code = _create_consented_lead(
                source=Lead.Source.CHAT,
                method=ConsentRecord.Method.CHAT,
                language=conversation.language,
                topic=conversation.topic,
                answer=answer,
                conversation=conversation,
                created_by=conversation.operator,
            )
            conversation.consent = Conversation.Consent.GRANTED
        else:
            conversation.consent = Conversation.Consent.DECLINED
        conversation.save(update_fields=["consent"])
        do_post_event(
            conversation.pk,
            "consent_granted" if answer.grant else "consent_declined",
            Conversation.Status.ACTIVE,
            Conversation.Status.ENDING,
            Conversation.Status.WAITING,
        )
        if conversation.status == Conversation.Status.ENDING:
            do_close(conversation.pk, conversation.outcome or Conversation.Outcome.OPERATOR_ENDED)
        announce_queue()
    return code


def do_leave_message(message: LeftMessage) -> str:
    """A self-referral left when nobody is online: a consented lead. Returns the withdrawal
    code."""
    with transaction.atomic():
        _lead, code = _create_consented_lead(
            source=Lead.Source.MESSAGE,
            method=ConsentRecord.Method.MESSAGE,
            language=message.language,
            topic=message.topic,
            answer=ConsentAnswer(grant=True, transcript=False, contact=message.contact),
            what_happened=message.what_happened,
        )
    return code


def do_update_lead(user, conversation: Conversation, fields: dict) -> Lead:
    """Fill in the lead the visitor consented to. Without consent there is no lead."""
    lead = Lead.objects.filter(conversation=conversation).select_related("consent").first()
    if lead is None:
        raise ChatError(protocol.ERROR_STATE, reason="no_consent")
    if fields.get("safe_contact") and not lead.consent.covers_contact:
        # The visitor chose not to leave contact details: none may be recorded for them.
        raise ChatError(protocol.ERROR_STATE, reason="contact_not_covered")
    for name, value in fields.items():
        setattr(lead, name, value)
    lead.created_by = lead.created_by or user
    lead.save()
    return lead
