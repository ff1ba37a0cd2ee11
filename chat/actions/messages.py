"""Messages: storing one with its sequence number, reading them back, delivered marks."""

from __future__ import annotations

import contextlib
from typing import cast

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from .. import protocol
from ..access import check_operator, operator_conversation, operator_permission_sql
from ..announce import announce_update
from ..delivery import Read
from ..frames import check_client_id, check_text, is_conversation_id, message_frame
from ..models import Conversation, Message
from ..protocol import ChatError


def do_post_message(
    conversation_id: int,
    sender: str,
    text: str,
    client_id: str = "",
    *,
    kind: str = Message.Kind.TEXT,
    author_id: int | None = None,
    event: str = "",
    allowed_statuses=(Conversation.Status.WAITING, Conversation.Status.ACTIVE),
    operator_id: int | None = None,
) -> tuple[Message, bool]:
    """Store a message with the conversation's next sequence number and announce it.

    With `operator_id`, the conversation must be that operator's and the chat permission
    theirs now (`operator_conversation` raises the reason when it is not).

    Idempotent: a message with the same sender and client id as an earlier one stores nothing
    and returns the earlier message (created=False). A client id that names a different
    message (other text, kind or author) is refused rather than acknowledged, since the new
    message would be lost without anybody knowing."""

    def resent(earlier: Message) -> tuple[Message, bool]:
        same = earlier.kind == kind and earlier.text == text and earlier.author_id == author_id
        if not same:
            raise ChatError(protocol.ERROR_INVALID, field="client_id")
        return earlier, False

    def earlier_one() -> Message | None:
        if not client_id:
            return None
        return Message.objects.filter(
            conversation_id=conversation_id, sender=sender, client_id=client_id
        ).first()

    message = Message(
        conversation_id=conversation_id,
        sender=sender,
        kind=kind,
        author_id=author_id,
        client_id=client_id,
        text=text,
        event=event,
    )
    try:
        marks = _store(
            message,
            allowed_statuses,
            # A visitor who talks is present.
            seen_at=timezone.now() if sender == Message.Sender.VISITOR else None,
            operator_id=operator_id,
        )
    except IntegrityError:
        # A resend of the same client id breaks the unique constraint: nothing was stored, the
        # number was given back, and the earlier message answers.
        earlier = earlier_one()
        if earlier is None:
            raise
        return resent(earlier)
    if marks is None:
        if operator_id is not None:
            # Refused: the operator's permission or conversation says why, first.
            operator_conversation(operator_id, conversation_id)
        earlier = earlier_one()  # a resend of a message stored before the end
        if earlier is not None:
            return resent(earlier)
        raise ChatError(protocol.ERROR_CLOSED)
    announce_update(conversation_id, message, marks)
    return message, True


def _store(
    message: Message, statuses, *, seen_at, operator_id: int | None = None
) -> list[int] | None:
    """Give `message` its conversation's next sequence number and insert it, if the
    conversation's status is one of `statuses` (and, with `operator_id`, if it is that
    operator's and they may operate the chat now). Returns the two delivered marks, or None
    when the conversation refuses; an IntegrityError (a client id used before) stores nothing.

    The number is taken by an UPDATE … RETURNING, which holds the row's write lock until the
    end of the transaction, so numbers never collide, and the row is inserted with it. On
    PostgreSQL that is one statement (the UPDATE in a WITH, the INSERT from its row): one trip
    to the database and no transaction around it. SQLite allows no UPDATE in a WITH, so there
    they are two statements in one transaction. The ORM's update() cannot say RETURNING, and
    its create() spent more time building the INSERT than the database took to run it
    (docs/performance.md); the model has no save signals, and values are prepared by their
    fields. Only names and placeholders go into the statements; values are params."""
    quote = connection.ops.quote_name
    seen, update_params = "", []
    if seen_at is not None:
        seen = f", {quote('visitor_seen_at')} = %s"
        field = Conversation._meta.get_field("visitor_seen_at")
        update_params.append(field.get_db_prep_value(seen_at, connection))
    statuses = [str(status) for status in statuses]
    update_params += [message.conversation_id, *statuses]
    operator = ""
    if operator_id is not None:
        allowed, allowed_params = operator_permission_sql(connection.alias, operator_id)
        operator = f" AND operator_id = %s AND EXISTS ({allowed})"
        update_params += [operator_id, *allowed_params]
    update = (
        f"UPDATE {quote(Conversation._meta.db_table)} SET last_seq = last_seq + 1{seen}"  # noqa: S608
        f" WHERE id = %s AND status IN ({', '.join(['%s'] * len(statuses))}){operator}"
        " RETURNING last_seq, visitor_delivered_seq, operator_delivered_seq"
    )
    meta = Message._meta
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    columns = ", ".join(quote(cast(str, field.column)) for field in fields)
    table, pk = quote(meta.db_table), quote(cast(str, meta.pk.column))

    def values(seq: str | None = None) -> tuple[str, list]:
        """The INSERT's placeholders and params; `seq`, when given, is the SQL of the number."""
        placeholders, params = [], []
        for field in fields:
            if seq is not None and field.attname == "seq":
                placeholders.append(seq)
            else:
                placeholders.append("%s")
                params.append(field.get_db_prep_save(getattr(message, field.attname), connection))
        return ", ".join(placeholders), params

    if connection.vendor == "postgresql":
        placeholders, insert_params = values(seq="n.last_seq")
        statement = (
            f"WITH n AS ({update}), m AS (INSERT INTO {table} ({columns})"  # noqa: S608
            f" SELECT {placeholders} FROM n RETURNING {pk}, seq)"
            f" SELECT m.seq, n.visitor_delivered_seq, n.operator_delivered_seq, m.{pk}"
            " FROM m, n"
        )
        # Its own transaction; inside a caller's, a savepoint keeps a refused client id from
        # breaking the caller's transaction.
        savepoint = transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()
        with savepoint, connection.cursor() as cursor:
            cursor.execute(statement, [*update_params, *insert_params])
            row = cursor.fetchone()
        if row is None:
            return None
        message.seq, *marks, message.pk = row
    else:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(update, update_params)
            row = cursor.fetchone()
            if row is None:
                return None
            message.seq, *marks = row
            placeholders, insert_params = values()
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) RETURNING {pk}",  # noqa: S608
                insert_params,
            )
            message.pk = cursor.fetchone()[0]
    message._state.adding = False
    message._state.db = connection.alias
    return marks


def do_post_event(conversation_id: int, event: str, *statuses: str) -> Message:
    """A system event in the conversation (worded in each reader's language when sent), if
    its status is one of `statuses` (by default: waiting or active)."""
    message, _created = do_post_message(
        conversation_id,
        Message.Sender.SYSTEM,
        "",
        kind=Message.Kind.EVENT,
        event=event,
        allowed_statuses=statuses or (Conversation.Status.WAITING, Conversation.Status.ACTIVE),
    )
    return message


def do_operator_post(user_id: int, conversation_id, client_id, text, *, note: bool) -> Message:
    """An operator's message (or private note, kept for staff): the permission, the
    conversation and the input checked and the message stored. The permission and the
    conversation are checked by the statement that takes the sequence number; only when it
    refuses (or the input is wrong) are they read to say why, the permission's error first."""
    if not is_conversation_id(conversation_id):
        operator_conversation(user_id, conversation_id)  # raises
    try:
        client_id = check_client_id(client_id)
        text = check_text(text, protocol.MAX_NOTE_CHARS if note else protocol.MAX_MESSAGE_CHARS)
    except ChatError:
        operator_conversation(user_id, conversation_id)
        raise
    if note:
        statuses = (Conversation.Status.ACTIVE, Conversation.Status.ENDING)
    else:
        statuses = (Conversation.Status.WAITING, Conversation.Status.ACTIVE)
    message, _created = do_post_message(
        conversation_id,
        Message.Sender.OPERATOR,
        text,
        client_id,
        kind=Message.Kind.NOTE if note else Message.Kind.TEXT,
        author_id=user_id,
        allowed_statuses=statuses,
        operator_id=user_id,
    )
    return message


def messages_after(conversation_id: int, after: int, *, for_visitor: bool) -> list[Message]:
    """The next batch (SYNC_BATCH at most) of the messages after `after` that the reader may
    see, in order."""
    messages = Message.objects.filter(conversation_id=conversation_id, seq__gt=after)
    if for_visitor:
        messages = messages.for_visitor()
    return list(messages.order_by("seq")[: protocol.SYNC_BATCH])


def update_for_reader(
    conversation_id: int, after: int, *, for_visitor: bool, operator_id: int | None = None
) -> Read:
    """What a reader reads of a conversation, in one call (one trip to the database pool): for
    an operator, the permission checked afresh first; then the conversation (for its
    delivered marks, and its last seq: every message up to it is among those read next) and
    the messages after the reader's cursor, as the frames the reader sends."""
    if operator_id is not None:
        check_operator(operator_id)
    conversation = Conversation.objects.filter(pk=conversation_id).first()
    frames = [
        message_frame(message)
        for message in messages_after(conversation_id, after, for_visitor=for_visitor)
    ]
    return Read(frames, conversation)


def do_mark_delivered(conversation_id: int, reader: str, seq: int) -> None:
    """The reader's client has shown everything up to `seq`. Tell the other side."""
    field = "visitor_delivered_seq" if reader == "visitor" else "operator_delivered_seq"
    with transaction.atomic():
        updated = Conversation.objects.filter(
            pk=conversation_id, last_seq__gte=seq, **{f"{field}__lt": seq}
        ).update(**{field: seq})
        if updated:
            marks = Conversation.objects.values_list(
                "visitor_delivered_seq", "operator_delivered_seq"
            ).get(pk=conversation_id)
            announce_update(conversation_id, marks=marks)
