"""Consent: asking the visitor, their answer, the lead it creates, and leaving a message."""

from __future__ import annotations

from django.db import transaction

from .. import protocol
from ..announce import announce, announce_queue, conversation_group
from ..frames import ConsentAnswer, LeftMessage
from ..models import ChatRules, Conversation
from ..protocol import ChatError
from ..referrals import actions as leads
from ..referrals.models import ConsentRecord, Lead
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


def rules_shown(version: int | None) -> ChatRules | None:
    """The chat rules a visitor was shown: the version their answer names (refused if there is
    no such version), or the current one if it names none."""
    if version is None:
        return ChatRules.objects.current()
    rules = ChatRules.objects.filter(pk=version).first()
    if rules is None:
        raise ChatError(protocol.ERROR_INVALID, field="rules")
    return rules


def do_answer_consent(conversation_id: int, answer: ConsentAnswer) -> leads.Consented | None:
    """Record the visitor's answer. Granting creates the lead and returns it with its codes
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
        consented = None
        if answer.grant:
            consented = leads.do_create_from_consent(
                source=Lead.Source.CHAT,
                method=ConsentRecord.Method.CHAT,
                language=conversation.language,
                topic=conversation.topic,
                transcript=answer.transcript,
                contact=answer.contact,
                rules=rules_shown(answer.rules),
                conversation=conversation,
                created_by=conversation.operator,
            )
            announce(
                conversation_group(conversation.pk), {"type": "chat.lead", "id": conversation.pk}
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
    return consented


def do_leave_message(message: LeftMessage) -> leads.Consented:
    """A self-referral left when nobody is online: a consented lead, whose thread the person
    can come back to with the return code (chat.referrals.thread). Returns it with its codes."""
    with transaction.atomic():
        return leads.do_create_from_consent(
            source=Lead.Source.MESSAGE,
            method=ConsentRecord.Method.MESSAGE,
            language=message.language,
            topic=message.topic,
            transcript=False,
            contact=message.contact,
            rules=rules_shown(message.rules),
            what_happened=message.what_happened,
        )


def do_update_lead(user, conversation: Conversation, fields: dict) -> Lead:
    """The operator fills in the lead the visitor consented to (chat/referrals/actions.py has
    the rules); a refusal is the chat's `wrong_state` with its reason."""
    try:
        lead, _changed = leads.do_operator_edit(user, conversation.pk, fields)
    except leads.LeadError as error:
        raise ChatError(protocol.ERROR_STATE, reason=error.reason) from None
    return lead


def do_lead_note(user, conversation: Conversation, text) -> None:
    """The operator's note for the caseworker, once the lead is no longer theirs to edit."""
    try:
        leads.do_operator_note(user, conversation.pk, leads.check_note(text))
    except leads.LeadError as error:
        raise ChatError(protocol.ERROR_STATE, reason=error.reason or "invalid") from None
