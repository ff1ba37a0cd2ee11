"""Operators: their status, accepting, transferring and ending a conversation."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from .. import protocol
from ..access import check_operator
from ..announce import announce, announce_queue, conversation_group, operator_group
from ..models import Conversation, Message, OperatorStatus
from ..protocol import ChatError
from .consent import do_request_consent
from .conversations import available_operators, do_close
from .messages import do_post_event, do_post_message


def do_operator_seen(user_id: int) -> None:
    OperatorStatus.objects.update_or_create(
        user_id=user_id, defaults={"last_seen_at": timezone.now()}
    )


def do_set_status(user, changes: dict) -> OperatorStatus:
    with transaction.atomic():
        status, _created = OperatorStatus.objects.select_for_update().get_or_create(user=user)
        for name, value in changes.items():
            setattr(status, name, value)
        status.last_seen_at = timezone.now()
        status.save()
        announce_queue()
    return status


def _lock_operator_status(user) -> OperatorStatus:
    """Lock an operator's status row for the rest of the transaction and return it.

    A no-op UPDATE rather than SELECT … FOR UPDATE: on PostgreSQL it takes the row lock the
    same way, and on SQLite it makes the transaction a writer from its first statement (a
    read that later wants to write can fail with "database is locked" instead of waiting).
    Whatever counts an operator's chats against max_chats runs under this lock, so two
    accepts (or transfers) at once cannot both slip under the limit."""
    mine = OperatorStatus.objects.filter(user=user)
    if not mine.update(max_chats=F("max_chats")):
        OperatorStatus.objects.get_or_create(user=user)
        mine.update(max_chats=F("max_chats"))
    return mine.get()


def do_accept(user, conversation_id: int) -> Conversation:
    """Take a waiting conversation. Two operators pressing accept at once: the conditional
    UPDATE lets exactly one of them change the row; the other gets ERROR_TAKEN."""
    with transaction.atomic():
        status = _lock_operator_status(user)
        if Conversation.objects.for_operator(user).count() >= status.max_chats:
            raise ChatError(protocol.ERROR_STATE, reason="max_chats")
        taken = Conversation.objects.filter(
            pk=conversation_id, status=Conversation.Status.WAITING
        ).update(status=Conversation.Status.ACTIVE, operator=user, accepted_at=timezone.now())
        if not taken:
            current = (
                Conversation.objects.filter(pk=conversation_id)
                .values_list("status", flat=True)
                .first()
            )
            if current is None:
                raise ChatError(protocol.ERROR_NOT_FOUND, conversation=conversation_id)
            if current == Conversation.Status.CLOSED:
                raise ChatError(protocol.ERROR_CLOSED, conversation=conversation_id)
            raise ChatError(protocol.ERROR_TAKEN, conversation=conversation_id)
        do_post_event(conversation_id, "accepted")
        announce_queue()
        return Conversation.objects.get(pk=conversation_id)


def do_transfer(user, conversation: Conversation, to_user_id, note: str) -> Conversation:
    if isinstance(to_user_id, bool) or not isinstance(to_user_id, int) or to_user_id == user.pk:
        raise ChatError(protocol.ERROR_INVALID, field="to")
    try:
        target = check_operator(to_user_id)
    except ChatError as error:
        raise ChatError(protocol.ERROR_INVALID, field="to") from error
    if not available_operators().filter(user=target).exists():
        raise ChatError(protocol.ERROR_STATE, reason="operator_away")
    with transaction.atomic():
        status = _lock_operator_status(target)
        if Conversation.objects.for_operator(target).count() >= status.max_chats:
            raise ChatError(protocol.ERROR_STATE, reason="max_chats")
        moved = Conversation.objects.filter(
            pk=conversation.pk, operator=user, status=Conversation.Status.ACTIVE
        ).update(operator=target)
        if not moved:
            raise ChatError(protocol.ERROR_STATE)
        name = user.get_full_name() or user.get_username()
        do_post_message(
            conversation.pk,
            Message.Sender.OPERATOR,
            gettext("Transferred by %(name)s: %(note)s") % {"name": name, "note": note},
            kind=Message.Kind.NOTE,
            author_id=user.pk,
        )
        do_post_event(conversation.pk, "transferred")
        announce(operator_group(target.pk), {"type": "chat.assigned", "id": conversation.pk})
        announce(
            conversation_group(conversation.pk), {"type": "chat.reassigned", "id": conversation.pk}
        )
    return Conversation.objects.get(pk=conversation.pk)


def do_operator_end(conversation: Conversation) -> None:
    """The operator ends the chat. If the visitor has not answered on consent yet, they are
    asked now and the conversation waits in ENDING for their answer (or their leaving)."""
    with transaction.atomic():
        conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if conversation.status == Conversation.Status.CLOSED:
            raise ChatError(protocol.ERROR_CLOSED)
        if conversation.status != Conversation.Status.ACTIVE:
            raise ChatError(protocol.ERROR_STATE)  # already ending: the visitor is being asked
        if conversation.consent in (Conversation.Consent.GRANTED, Conversation.Consent.DECLINED):
            do_close(conversation.pk, Conversation.Outcome.OPERATOR_ENDED)
            return
        Conversation.objects.filter(pk=conversation.pk).update(
            status=Conversation.Status.ENDING, outcome=Conversation.Outcome.OPERATOR_ENDED
        )
        do_post_event(conversation.pk, "operator_ended", Conversation.Status.ENDING)
        do_request_consent(conversation)
