"""Messages: storing one with its sequence number, reading them back, delivered marks."""

from __future__ import annotations

import contextlib
import datetime
from typing import cast

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from .. import protocol
from ..access import check_operator, operator_conversation, operator_permission_sql
from ..announce import Outcome, announce_update, conversation_group, update_event
from ..db import execute_on_loop, on_postgresql
from ..delivery import Read
from ..frames import check_client_id, check_text, is_conversation_id, message_frame
from ..keyring import keyring
from ..models import Conversation, Message
from ..protocol import ChatError

# The statuses in which a conversation takes messages, and private notes.
MESSAGE_STATUSES = (Conversation.Status.WAITING, Conversation.Status.ACTIVE)
NOTE_STATUSES = (Conversation.Status.ACTIVE, Conversation.Status.ENDING)


def do_post_message(
    conversation_id: int,
    sender: str,
    text: str,
    client_id: str = "",
    *,
    kind: str = Message.Kind.TEXT,
    author_id: int | None = None,
    event: str = "",
    allowed_statuses=MESSAGE_STATUSES,
    operator_id: int | None = None,
    burst_limit: int | None = None,
) -> tuple[Message, bool]:
    """Store a message with the conversation's next sequence number and announce it.

    With `operator_id`, the conversation must be that operator's and the chat permission
    theirs now (`operator_conversation` raises the reason when it is not).

    Idempotent: a message with the same sender and client id as an earlier one stores nothing
    and returns the earlier message (created=False). A client id that names a different
    message (other text, kind or author) is refused rather than acknowledged, since the new
    message would be lost without anybody knowing.

    With `burst_limit`, a visitor's message is refused (`rate_limited`) once the conversation
    has stored that many of them in the current window (protocol.RATE_WINDOW_SECONDS), however
    many sockets sent them: what a visitor's socket stores (chat/consumers/visitor.py)."""

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

    message = _new_message(conversation_id, sender, text, client_id, kind, author_id, event)
    try:
        marks = _store(message, allowed_statuses, operator_id=operator_id, burst_limit=burst_limit)
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
        if (
            burst_limit is not None
            and Conversation.objects.filter(
                pk=conversation_id, status__in=allowed_statuses
            ).exists()
        ):
            # Open: the visitor's limit for the conversation (`_sequence_update`); the client
            # sends it again after a while.
            raise ChatError(protocol.ERROR_RATE_LIMITED)
        raise ChatError(protocol.ERROR_CLOSED)
    announce_update(conversation_id, message, marks)
    return message, True


async def post_message_on_loop(
    conversation_id: int,
    sender: str,
    text: str,
    client_id: str,
    *,
    kind: str = Message.Kind.TEXT,
    author_id: int | None = None,
    allowed_statuses=MESSAGE_STATUSES,
    operator_id: int | None = None,
    burst_limit: int | None = None,
) -> Outcome | None:
    """`do_post_message`'s common case, from the event loop (PostgreSQL, chat/db.py): its one
    statement, and the announcement for the caller to send. None when that statement did not
    store the message (a refusal, a resend, a failure): the caller then runs
    `do_post_message`, which answers the resend or says why."""
    if not on_postgresql() or not keyring.held_key(conversation_id):
        # The key to seal it with is fetched from Redis (or made) in the pool's thread.
        return None
    message = _new_message(conversation_id, sender, text, client_id, kind, author_id, "")
    sql, params = _store_statement(
        message, allowed_statuses, operator_id=operator_id, burst_limit=burst_limit
    )
    row = await execute_on_loop(sql, params)
    if row is None:
        return None
    marks = _stored(message, row)
    event = update_event(conversation_id, message, marks)
    return Outcome((message, True), None, [(conversation_group(conversation_id), event)])


def _new_message(conversation_id, sender, text, client_id, kind, author_id, event) -> Message:
    return Message(
        conversation_id=conversation_id,
        sender=sender,
        kind=kind,
        author_id=author_id,
        client_id=client_id,
        text=text,
        event=event,
    )


def _store(
    message: Message,
    statuses,
    *,
    operator_id: int | None = None,
    burst_limit: int | None = None,
) -> list[int] | None:
    """Give `message` its conversation's next sequence number and insert it (see
    `_store_statement`). Returns the two delivered marks, or None when the conversation
    refuses; an IntegrityError (a client id used before) stores nothing."""
    if connection.vendor == "postgresql":
        statement, params = _store_statement(
            message, statuses, operator_id=operator_id, burst_limit=burst_limit
        )
        # Its own transaction; inside a caller's, a savepoint keeps a refused client id from
        # breaking the caller's transaction.
        savepoint = transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()
        with savepoint, connection.cursor() as cursor:
            cursor.execute(statement, params)
            row = cursor.fetchone()
        return None if row is None else _stored(message, row)
    update, update_params = _sequence_update(message, statuses, operator_id, burst_limit)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(update, update_params)
        row = cursor.fetchone()
        if row is None:
            return None
        message.seq = row[0]
        placeholders, insert_params = _insert_values(message)
        table, columns, pk = _message_table()
        cursor.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) RETURNING {pk}",  # noqa: S608
            insert_params,
        )
        return _stored(message, (*row, cursor.fetchone()[0]))


def _store_statement(
    message: Message,
    statuses,
    *,
    operator_id: int | None = None,
    burst_limit: int | None = None,
) -> tuple[str, list]:
    """The PostgreSQL statement that stores `message` if the conversation's status is one of
    `statuses` (and, with `operator_id`, if it is that operator's and they may operate the
    chat now), returning its seq, the two delivered marks and its id, or no row.

    The number is taken by an UPDATE … RETURNING, which holds the row's write lock until the
    end of the transaction, so numbers never collide, and the row is inserted with it: the
    UPDATE in a WITH, the INSERT from its row, one trip to the database and no transaction
    around it. (SQLite allows no UPDATE in a WITH: there `_store` runs the two statements in
    one transaction.) The ORM's update() cannot say RETURNING, and its create() spent more time
    building the INSERT than the database took to run it (docs/performance.md); the model has
    no save signals, and values are prepared by their fields. Only names and placeholders go
    into the statements; values are params."""
    update, update_params = _sequence_update(message, statuses, operator_id, burst_limit)
    placeholders, insert_params = _insert_values(message, seq="n.last_seq")
    table, columns, pk = _message_table()
    statement = (
        f"WITH n AS ({update}), m AS (INSERT INTO {table} ({columns})"  # noqa: S608
        f" SELECT {placeholders} FROM n RETURNING {pk}, seq)"
        f" SELECT m.seq, n.visitor_delivered_seq, n.operator_delivered_seq, m.{pk}"
        " FROM m, n"
    )
    return statement, [*update_params, *insert_params]


def _sequence_update(
    message: Message, statuses, operator_id: int | None, burst_limit: int | None = None
) -> tuple[str, list]:
    """The UPDATE that takes the conversation's next number (and, for a visitor's message,
    marks the visitor present: a visitor who talks is present; with `burst_limit`, counts it
    in the conversation's window and takes no number once the window has had that many)."""
    quote = connection.ops.quote_name
    seen, params = "", []
    conditions, condition_params = "", []
    if message.sender == Message.Sender.VISITOR:
        field = Conversation._meta.get_field("visitor_seen_at")
        now = timezone.now()
        seen = f", {quote('visitor_seen_at')} = %s"
        params.append(field.get_db_prep_value(now, connection))
        if burst_limit is not None:
            # The window's count is on the conversation's row, which the UPDATE locks: the
            # limit holds exactly, whatever the number of sockets and processes.
            window_start = now - datetime.timedelta(seconds=protocol.RATE_WINDOW_SECONDS)
            since = field.get_db_prep_value(window_start, connection)
            burst, burst_at = quote("visitor_burst"), quote("visitor_burst_at")
            seen += (
                f", {burst} = CASE WHEN {burst_at} > %s THEN {burst} + 1 ELSE 1 END"
                f", {burst_at} = CASE WHEN {burst_at} > %s THEN {burst_at} ELSE %s END"
            )
            params += [since, since, params[-1]]
            conditions = f" AND ({burst_at} IS NULL OR {burst_at} <= %s OR {burst} < %s)"
            condition_params = [since, burst_limit]
    statuses = [str(status) for status in statuses]
    params += [message.conversation_id, *statuses, *condition_params]
    if operator_id is not None:
        allowed, allowed_params = operator_permission_sql(connection.alias, operator_id)
        conditions += f" AND operator_id = %s AND EXISTS ({allowed})"
        params += [operator_id, *allowed_params]
    if message.client_id:
        # A resend takes no number: the statement stores nothing, and `do_post_message`
        # answers with the earlier message. Left to the unique constraint, the failed INSERT
        # would be in PostgreSQL's log, with what the client sent in it.
        # (`client_id <> ''` lets PostgreSQL use the constraint's partial index.)
        table = quote(Message._meta.db_table)
        conditions += (
            f" AND NOT EXISTS (SELECT 1 FROM {table} WHERE conversation_id = %s"  # noqa: S608
            " AND sender = %s AND client_id = %s AND client_id <> '')"
        )
        params += [message.conversation_id, message.sender, message.client_id]
    # The row is found by its key alone: the status is tested on it (`IS TRUE` is no index
    # condition). Given `status IN (…)`, PostgreSQL chose the status index whenever its
    # statistics showed few open conversations, and walked every open conversation's row
    # versions on every message (docs/performance.md, session 7).
    sql = (
        f"UPDATE {quote(Conversation._meta.db_table)} SET last_seq = last_seq + 1{seen}"  # noqa: S608
        f" WHERE id = %s AND (status IN ({', '.join(['%s'] * len(statuses))})) IS TRUE{conditions}"
        " RETURNING last_seq, visitor_delivered_seq, operator_delivered_seq"
    )
    return sql, params


def _message_fields():
    return [field for field in Message._meta.concrete_fields if not field.primary_key]


def _message_table() -> tuple[str, str, str]:
    """The message table, its columns (but the key) and its key, quoted."""
    quote, meta = connection.ops.quote_name, Message._meta
    columns = ", ".join(quote(cast(str, field.column)) for field in _message_fields())
    return quote(meta.db_table), columns, quote(cast(str, meta.pk.column))


def _insert_values(message: Message, seq: str | None = None) -> tuple[str, list]:
    """The INSERT's placeholders and params; `seq`, when given, is the SQL of the number."""
    placeholders, params = [], []
    for field in _message_fields():
        if seq is not None and field.attname == "seq":
            placeholders.append(seq)
        else:
            placeholders.append("%s")
            # As the ORM saves: `pre_save` (which seals the text, chat/crypto.py), then the
            # value prepared for the database.
            params.append(field.get_db_prep_save(field.pre_save(message, True), connection))
    return ", ".join(placeholders), params


def _stored(message: Message, row) -> list[int]:
    """`message` as stored (from the row: seq, the two delivered marks, id); its marks."""
    message.seq, *marks, message.pk = row
    message._state.adding = False
    message._state.db = connection.alias
    return list(marks)


def do_post_event(conversation_id: int, event: str, *statuses: str) -> Message:
    """A system event in the conversation (worded in each reader's language when sent), if
    its status is one of `statuses` (by default: waiting or active)."""
    message, _created = do_post_message(
        conversation_id,
        Message.Sender.SYSTEM,
        "",
        kind=Message.Kind.EVENT,
        event=event,
        allowed_statuses=statuses or MESSAGE_STATUSES,
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
        client_id, text = _operator_input(client_id, text, note=note)
    except ChatError:
        operator_conversation(user_id, conversation_id)
        raise
    message, _created = do_post_message(
        conversation_id, Message.Sender.OPERATOR, text, client_id, **_operators(user_id, note)
    )
    return message


async def operator_post_on_loop(
    user_id: int, conversation_id, client_id, text, *, note: bool
) -> Outcome | None:
    """`do_operator_post`'s common case from the event loop (see `post_message_on_loop`).
    None for anything else, wrong input included: `do_operator_post` raises its error, after
    the permission's."""
    if not is_conversation_id(conversation_id):
        return None
    try:
        client_id, text = _operator_input(client_id, text, note=note)
    except ChatError:
        return None
    outcome = await post_message_on_loop(
        conversation_id, Message.Sender.OPERATOR, text, client_id, **_operators(user_id, note)
    )
    if outcome is None:
        return None
    message, _created = cast(tuple[Message, bool], outcome.result)
    return Outcome(message, None, outcome.announcements)  # as do_operator_post returns it


def _operators(user_id: int, note: bool) -> dict:
    """How an operator's message (or note) is stored: its kind, author, the statuses that take
    it, and the operator's permission and conversation checked by the statement."""
    return {
        "kind": Message.Kind.NOTE if note else Message.Kind.TEXT,
        "author_id": user_id,
        "allowed_statuses": NOTE_STATUSES if note else MESSAGE_STATUSES,
        "operator_id": user_id,
    }


def _operator_input(client_id, text, *, note: bool) -> tuple[str, str]:
    client_id = check_client_id(client_id)
    return client_id, check_text(
        text, protocol.MAX_NOTE_CHARS if note else protocol.MAX_MESSAGE_CHARS
    )


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
    if conversation is not None and conversation.status != Conversation.Status.CLOSED:
        # A reader of an open conversation is a process serving it: it holds the key from now
        # on, to open what it reads and seal what its socket sends (chat/keyring.py).
        keyring.sealing_key(conversation_id)
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
