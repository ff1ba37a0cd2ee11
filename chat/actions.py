"""State changes of the chat. Consumers parse and check frames, call one function here, and send.

- `check_…` validates input and permission and raises `ChatError`;
- `access_…` fetches an object and checks that the caller may use it;
- `do_…` changes data in a transaction and announces the change on the channel layer only
  after the commit, so whoever is told "something new" finds it in the database.

All functions are synchronous. Consumers call the `do_…` ones through `deferring`, which hands
the announcements back so that the consumer sends them from the event loop (the database
thread is not held up by the channel layer); elsewhere (views, commands) they are sent on commit.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import hashlib
import re
import secrets
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone, translation
from django.utils.translation import gettext

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from lantern.choices import ExploitationForm

from . import protocol
from .consent import (
    CONSENT_VERSION,
    consent_text,
    hash_withdrawal_code,
    new_withdrawal_code,
    wording_hash,
)
from .models import Conversation, Message, OperatorStatus, Topic
from .protocol import ChatError
from .referrals.models import ConsentRecord, Lead
from .referrals.notify import notify_new_lead
from .sanitize import clean_text, link_segments

OPERATORS_GROUP = "chat.operators"
WAITING_GROUP = "chat.waiting"
OPERATOR_PRESENCE_SECONDS = 90
LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}
OPERATE_PERMISSION = "chat.operate_chat"
# How long a console goes on receiving messages on its last permission check (see
# OperatorConsumer.permission_is_fresh); every action of the operator checks afresh.
PERMISSION_RECHECK_SECONDS = 5


def operator_group(user_id: int) -> str:
    return f"chat.operator.{user_id}"


def hash_token(token: str) -> str:
    return hashlib.sha256(f"visitor:{token}".encode()).hexdigest()


# --- Announcements --------------------------------------------------------------------------


def _group_send(group: str, event: dict) -> None:
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(group, event)


# Set by `deferring`: the announcements of the call, for its caller to send.
_deferred: ContextVar[list | None] = ContextVar("chat_deferred_announcements", default=None)


def announce(group: str, event: dict) -> None:
    """Send `event` to `group` once the current transaction commits (at once outside one).

    Robust: what was committed stays committed and its caller's answer stands if the layer
    fails (the failure is logged); clients catch up from the database. Inside `deferring`,
    the committed announcement is handed to the caller instead of being sent here."""

    def send() -> None:  # a function, not a partial: Django logs a failure by its __qualname__
        pending = _deferred.get()
        if pending is not None:
            pending.append((group, event))
        else:
            _group_send(group, event)

    transaction.on_commit(send, robust=True)


@dataclass
class Outcome:
    """What `deferring` returns: the call's result or error, and what it announced."""

    result: object
    error: Exception | None
    announcements: list[tuple[str, dict]]


def deferring(func: Callable) -> Callable[..., Outcome]:
    """`func`, made to collect its committed announcements instead of sending them.

    Consumers run actions this way in the database thread and send what was announced from
    the event loop afterwards (`ChatConsumer.act`), also when the action failed after a commit."""

    def run(*args, **kwargs) -> Outcome:
        pending: list[tuple[str, dict]] = []
        token = _deferred.set(pending)
        try:
            return Outcome(func(*args, **kwargs), None, pending)
        except Exception as error:
            return Outcome(None, error, pending)
        finally:
            _deferred.reset(token)

    return run


def message_payload(message: Message) -> dict:
    """A stored message as the channel layer carries it (only types every layer can encode)."""
    return {
        "seq": message.seq,
        "sender": message.sender,
        "kind": message.kind,
        "client_id": message.client_id,
        "text": message.text,
        "event": message.event,
        "created_at": message.created_at.isoformat(),
    }


def message_from_payload(conversation_id: int, payload: dict) -> Message:
    return Message(
        conversation_id=conversation_id,
        seq=payload["seq"],
        sender=payload["sender"],
        kind=payload["kind"],
        client_id=payload["client_id"],
        text=payload["text"],
        event=payload["event"],
        created_at=datetime.datetime.fromisoformat(payload["created_at"]),
    )


def announce_update(conversation_id: int, message: Message | None = None, marks=None) -> None:
    """Something new in the conversation. A new message and the delivered marks travel with
    the announcement, so that readers whose cursor it continues need not read them back; a
    reader that sees a gap (or gets the bare announcement) reads the database."""
    event: dict = {"type": "chat.update", "id": conversation_id}
    if message is not None:
        event["message"] = message_payload(message)
    if marks is not None:
        event["visitor_delivered_seq"], event["operator_delivered_seq"] = marks
    announce(f"chat.conversation.{conversation_id}", event)


def announce_queue() -> None:
    """Operators see the new queue; waiting visitors their new place in it."""
    announce(OPERATORS_GROUP, {"type": "chat.queue"})
    announce(WAITING_GROUP, {"type": "chat.queue"})


# --- Frames ---------------------------------------------------------------------------------

EVENT_TEXTS = {
    "accepted": lambda: gettext("A trained adviser has joined the conversation."),
    "transferred": lambda: gettext("Another adviser has taken over the conversation."),
    "consent_requested": lambda: gettext("The adviser asked whether you agree to pass this on."),
    "consent_granted": lambda: gettext("The visitor agreed to pass this on."),
    "consent_declined": lambda: gettext("The visitor did not agree to pass this on."),
    "operator_ended": lambda: gettext("The adviser ended the conversation."),
}


# Events only staff see: the visitor already knows their own answer.
STAFF_EVENTS = frozenset({"consent_granted", "consent_declined"})


def event_text(code: str, language: str) -> str:
    with translation.override(language):
        return EVENT_TEXTS[code]() if code in EVENT_TEXTS else code


def message_frame(message: Message, language: str) -> dict:
    """A message as a client sees it. `language` renders event texts; operators' text comes
    with link segments, visitors' text never does (their links are shown as text)."""
    frame = {
        "type": "message",
        "conversation": message.conversation_id,
        "seq": message.seq,
        "sender": message.sender,
        "kind": message.kind,
        "client_id": message.client_id,
        "sent_at": message.created_at.isoformat(),
        "text": event_text(message.event, language) if message.event else message.text,
        "event": message.event,
    }
    if message.sender == Message.Sender.OPERATOR and message.kind == Message.Kind.TEXT:
        frame["segments"] = link_segments(message.text)
    return frame


def conversation_summary(conversation: Conversation, user=None, language: str = "") -> dict:
    """A conversation as the console lists it; labels in the operator's language."""
    now = timezone.now()
    status = getattr(user, "chat_status", None) if user else None
    language = language or (operator_language(user) if user else settings.LANGUAGE_CODE)
    with translation.override(language):
        topic_label = str(conversation.get_topic_display())
    return {
        "id": conversation.pk,
        "language": conversation.language,
        "topic": conversation.topic,
        "topic_label": topic_label,
        "status": conversation.status,
        "waiting_seconds": int((now - conversation.created_at).total_seconds()),
        "created_at": conversation.created_at.isoformat(),
        "consent": conversation.consent,
        "do_not_contact": conversation.do_not_contact,
        "visitor_online": (now - conversation.visitor_seen_at).total_seconds()
        < OPERATOR_PRESENCE_SECONDS,
        "matches_language": bool(status and conversation.language in status.languages),
        "operator": conversation.operator_id,
        "last_seq": conversation.last_seq,
        "visitor_delivered_seq": conversation.visitor_delivered_seq,
        "operator_delivered_seq": conversation.operator_delivered_seq,
        # A lead needs the visitor's consent, never given while waiting: the queue, sent to
        # every operator at every change, asks the database nothing per waiting conversation.
        "has_lead": conversation.status != Conversation.Status.WAITING
        and Lead.objects.filter(conversation=conversation).exists(),
    }


# --- Input checks ---------------------------------------------------------------------------


def check_text(value, limit: int = protocol.MAX_MESSAGE_CHARS) -> str:
    if not isinstance(value, str):
        raise ChatError(protocol.ERROR_INVALID, field="text")
    text = clean_text(value)
    if not text:
        raise ChatError(protocol.ERROR_INVALID, field="text")
    if len(text) > limit:
        raise ChatError(protocol.ERROR_TOO_LONG, limit=limit)
    return text


CLIENT_ID_RE = re.compile(r"[A-Za-z0-9_.:-]+")


def check_client_id(value) -> str:
    """Clients choose their ids (random hex in both of ours): printable ASCII only, so that
    an id is stored and echoed back exactly."""
    if (
        not isinstance(value, str)
        or not 0 < len(value) <= protocol.MAX_CLIENT_ID_CHARS
        or not CLIENT_ID_RE.fullmatch(value)
    ):
        raise ChatError(protocol.ERROR_INVALID, field="client_id")
    return value


def check_seq(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ChatError(protocol.ERROR_INVALID, field="seq")
    return value


def check_language(value) -> str:
    if not isinstance(value, str) or value not in LANGUAGE_CODES:
        raise ChatError(protocol.ERROR_INVALID, field="language")
    return value


def check_topic(value) -> str:
    if value is None or value == "":
        return Topic.UNSAID
    if not isinstance(value, str) or value not in Topic.values:
        raise ChatError(protocol.ERROR_INVALID, field="topic")
    return value


# --- Availability and the queue -------------------------------------------------------------


def available_operators():
    cutoff = timezone.now() - datetime.timedelta(seconds=OPERATOR_PRESENCE_SECONDS)
    return OperatorStatus.objects.filter(
        available=True, last_seen_at__gte=cutoff, user__is_active=True
    )


def chat_availability(now: datetime.datetime | None = None) -> dict:
    """What the widget shows before the visitor types anything."""
    from wagtail.models import Site

    from awareness.models import SafetySettings

    site = Site.objects.filter(is_default_site=True).first()
    safety = SafetySettings.for_site(site) if site else None
    is_open = safety.chat_is_open(now) if safety else False
    operators = available_operators().count()
    waiting = Conversation.objects.waiting().count()
    return {
        "type": "availability",
        "open": is_open,
        "operators_available": operators > 0,
        "accepting": operators > 0 and waiting < protocol.MAX_WAITING,
    }


def queue_position(conversation: Conversation) -> dict:
    ahead = (
        Conversation.objects.waiting()
        .filter(created_at__lt=conversation.created_at)
        .exclude(pk=conversation.pk)
        .count()
    )
    recent = Conversation.objects.filter(
        accepted_at__isnull=False,
        accepted_at__gte=timezone.now() - datetime.timedelta(days=7),
    ).order_by("-accepted_at")[:20]
    waits = sorted(c.wait_seconds for c in recent if c.wait_seconds is not None)
    typical = waits[len(waits) // 2] if waits else 120
    operators = max(1, available_operators().count())
    return {
        "type": "queue",
        "position": ahead + 1,
        "estimated_wait_seconds": int(typical * (ahead + 1) / operators),
    }


def queue_for(user) -> list[dict]:
    """Waiting conversations, every one visible to every operator; those in a language the
    operator speaks first, then the longest waiting."""
    status, _created = OperatorStatus.objects.get_or_create(user=user)
    user.chat_status = status
    waiting = list(Conversation.objects.waiting().order_by("created_at"))
    waiting.sort(key=lambda c: (c.language not in status.languages, c.created_at))
    language = operator_language(user)
    return [conversation_summary(c, user, language) for c in waiting]


# --- Visitor actions ------------------------------------------------------------------------


def check_start(language, topic) -> tuple[str, str]:
    language, topic = check_language(language), check_topic(topic)
    if Conversation.objects.waiting().count() >= protocol.MAX_WAITING:
        raise ChatError(protocol.ERROR_QUEUE_FULL)
    return language, topic


def do_start(language: str, topic: str) -> tuple[Conversation, str]:
    """Create a waiting conversation. Returns it with the visitor's token, which is shown to
    the visitor once and stored only as a hash."""
    token = secrets.token_urlsafe(protocol.TOKEN_BYTES)
    with transaction.atomic():
        conversation = Conversation.objects.create(
            token_hash=hash_token(token), language=language, topic=topic
        )
        announce_queue()
    return conversation, token


def access_visitor_conversation(token) -> Conversation:
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        raise ChatError(protocol.ERROR_TOKEN, close_code=protocol.CLOSE_TOKEN)
    conversation = Conversation.objects.open().filter(token_hash=hash_token(token)).first()
    if conversation is None:
        raise ChatError(protocol.ERROR_TOKEN, close_code=protocol.CLOSE_TOKEN)
    if conversation.visitor_seen_at < resume_cutoff():
        # Gone longer than the resume period: the sweep closes it; nobody may take it up again.
        raise ChatError(protocol.ERROR_TOKEN, close_code=protocol.CLOSE_TOKEN)
    return conversation


def resume_cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    """A visitor last seen before this has been gone longer than the resume period."""
    now = now or timezone.now()
    return now - datetime.timedelta(seconds=settings.LANTERN_CHAT_RESUME_SECONDS)


def do_visitor_seen(conversation_id: int) -> None:
    Conversation.objects.filter(pk=conversation_id).update(visitor_seen_at=timezone.now())


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


@functools.lru_cache(maxsize=256)
def _operator_permission_sql(alias: str, user_id: int) -> tuple[str, tuple]:
    """`_operators(user_id)` as SQL, compiled by the ORM (the permission rule lives in one
    place) once per operator and process: building it took longer than running it. Only the
    statement is kept; the database evaluates the permission afresh every time."""
    query = _operators(user_id).values("pk").query
    sql, params = query.get_compiler(using=alias).as_sql()
    return sql, tuple(params)


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
        allowed, allowed_params = _operator_permission_sql(connection.alias, operator_id)
        operator = f" AND operator_id = %s AND EXISTS ({allowed})"
        update_params += [operator_id, *allowed_params]
    update = (
        f"UPDATE {quote(Conversation._meta.db_table)} SET last_seq = last_seq + 1{seen}"  # noqa: S608
        f" WHERE id = %s AND status IN ({', '.join(['%s'] * len(statuses))}){operator}"
        " RETURNING last_seq, visitor_delivered_seq, operator_delivered_seq"
    )
    meta = Message._meta
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    columns = ", ".join(quote(field.column) for field in fields)
    table, pk = quote(meta.db_table), quote(meta.pk.column)

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


def visible_to_visitor(message: Message) -> bool:
    """Private notes and the events worded for staff never reach the visitor (the same rule
    as `messages_after`'s, for a message in hand)."""
    return message.kind != Message.Kind.NOTE and message.event not in STAFF_EVENTS


def messages_after(conversation_id: int, after: int, *, for_visitor: bool) -> list[Message]:
    messages = Message.objects.filter(conversation_id=conversation_id, seq__gt=after)
    if for_visitor:
        # Private notes and the events worded for staff never reach the visitor.
        messages = messages.exclude(kind=Message.Kind.NOTE).exclude(event__in=STAFF_EVENTS)
    return list(messages.order_by("seq")[: protocol.SYNC_BATCH])


def update_for_reader(
    conversation_id: int, after: int, *, for_visitor: bool, operator_id: int | None = None
) -> tuple[list[Message], Conversation | None]:
    """What a `chat.update` brings a reader, in one call (one trip to the database thread):
    for an operator, the permission checked afresh first; then the conversation (for its
    delivered marks, and its last seq: every message up to it is among those read next) and
    the messages after the reader's cursor."""
    if operator_id is not None:
        check_operator(operator_id)
    conversation = Conversation.objects.filter(pk=conversation_id).first()
    return messages_after(conversation_id, after, for_visitor=for_visitor), conversation


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


def do_request_consent(conversation: Conversation) -> None:
    with transaction.atomic():
        Conversation.objects.filter(pk=conversation.pk).update(consent=Conversation.Consent.ASKED)
        do_post_message(
            conversation.pk,
            Message.Sender.SYSTEM,
            "",
            kind=Message.Kind.EVENT,
            event="consent_requested",
            allowed_statuses=(Conversation.Status.ACTIVE, Conversation.Status.ENDING),
        )
        announce(
            conversation.group_name,
            {"type": "chat.consent_request", "id": conversation.pk},
        )


def consent_frame(conversation: Conversation) -> dict:
    return {
        "type": "consent_request",
        "version": CONSENT_VERSION,
        "text": consent_text(conversation.language),
    }


@dataclass
class ConsentAnswer:
    grant: bool
    transcript: bool
    contact: str


def check_consent(data: dict) -> ConsentAnswer:
    grant = data.get("grant")
    if not isinstance(grant, bool):
        raise ChatError(protocol.ERROR_INVALID, field="grant")
    transcript = data.get("transcript", False)
    contact = data.get("contact", "")
    if not isinstance(transcript, bool) or not isinstance(contact, str):
        raise ChatError(protocol.ERROR_INVALID)
    contact = clean_text(contact)
    if len(contact) > 500:
        raise ChatError(protocol.ERROR_TOO_LONG, field="contact", limit=500)
    return ConsentAnswer(grant=grant, transcript=grant and transcript, contact=contact)


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
        do_post_message(
            conversation.pk,
            Message.Sender.SYSTEM,
            "",
            kind=Message.Kind.EVENT,
            event="consent_granted" if answer.grant else "consent_declined",
            allowed_statuses=(
                Conversation.Status.ACTIVE,
                Conversation.Status.ENDING,
                Conversation.Status.WAITING,
            ),
        )
        if conversation.status == Conversation.Status.ENDING:
            do_close(conversation.pk, conversation.outcome or Conversation.Outcome.OPERATOR_ENDED)
        announce_queue()
    return code


@dataclass
class LeftMessage:
    language: str
    topic: str
    what_happened: str
    contact: str


def check_leave_message(data: dict) -> LeftMessage:
    if data.get("consent") is not True:
        raise ChatError(protocol.ERROR_INVALID, field="consent")
    contact = data.get("contact", "")
    if not isinstance(contact, str) or len(clean_text(contact)) > 500:
        raise ChatError(protocol.ERROR_INVALID, field="contact")
    return LeftMessage(
        language=check_language(data.get("language")),
        topic=check_topic(data.get("topic")),
        what_happened=check_text(data.get("text"), protocol.MAX_NOTE_CHARS),
        contact=clean_text(contact),
    )


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


def do_close(conversation_id: int, outcome: str, *, do_not_contact: bool = False) -> None:
    """Close a conversation. Its messages are deleted in every case; with consent that covers
    the transcript, they are first copied into the lead. What stays is anonymous: language,
    topic, times and outcome. Idempotent."""
    with transaction.atomic():
        conversation = Conversation.objects.select_for_update().get(pk=conversation_id)
        if conversation.status == Conversation.Status.CLOSED:
            return
        lead = Lead.objects.filter(conversation=conversation).select_related("consent").first()
        if lead is not None:
            if lead.consent.covers_transcript:
                lead.transcript = [
                    {
                        "seq": m.seq,
                        "sender": m.sender,
                        "text": event_text(m.event, conversation.language) if m.event else m.text,
                        "sent_at": m.created_at.isoformat(),
                    }
                    for m in conversation.messages.exclude(kind=Message.Kind.NOTE)
                ]
            lead.do_not_contact = lead.do_not_contact or do_not_contact
            lead.save(update_fields=["transcript", "do_not_contact", "updated_at"])
        conversation.messages.all().delete()
        conversation.token_hash = None
        conversation.status = Conversation.Status.CLOSED
        conversation.outcome = outcome
        conversation.do_not_contact = conversation.do_not_contact or do_not_contact
        conversation.closed_at = timezone.now()
        if conversation.consent == Conversation.Consent.ASKED:
            conversation.consent = Conversation.Consent.DECLINED
        conversation.save()
        announce(
            conversation.group_name,
            {
                "type": "chat.closed",
                "id": conversation.pk,
                "outcome": outcome,
                "do_not_contact": conversation.do_not_contact,
            },
        )
        announce_queue()


def do_visitor_end(conversation: Conversation, *, quick_exit: bool = False) -> None:
    if quick_exit:
        outcome = Conversation.Outcome.QUICK_EXIT
    elif conversation.status == Conversation.Status.WAITING:
        outcome = Conversation.Outcome.VISITOR_LEFT
    else:
        outcome = Conversation.Outcome.VISITOR_ENDED
    do_close(conversation.pk, outcome, do_not_contact=quick_exit)


def do_sweep(now: datetime.datetime | None = None) -> int:
    """Close conversations whose visitor has been gone longer than the resume period: waiting
    ones count as missed, active ones as abandoned, ending ones keep their outcome. Returns
    how many were closed."""
    cutoff = resume_cutoff(now)
    stale = list(
        Conversation.objects.open().filter(visitor_seen_at__lt=cutoff).values_list("pk", "status")
    )
    for pk, status in stale:
        outcome = {
            Conversation.Status.WAITING: Conversation.Outcome.VISITOR_LEFT,
            Conversation.Status.ACTIVE: Conversation.Outcome.ABANDONED,
        }.get(status, Conversation.Outcome.OPERATOR_ENDED)
        do_close(pk, outcome)
    return len(stale)


# --- Operator actions -----------------------------------------------------------------------


def _operators(user_id: int):
    """The user, if they may operate the chat now: what Django's ModelBackend (the only
    authentication backend) grants for `chat.operate_chat` (an active superuser, or the
    permission given to the user or to one of their groups), as one query."""
    app_label, codename = OPERATE_PERMISSION.split(".")
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return (
        get_user_model()
        .objects.filter(pk=user_id, is_active=True)
        .filter(
            Q(is_superuser=True)
            | Exists(permission.filter(user=OuterRef("pk")))
            | Exists(permission.filter(group__user=OuterRef("pk")))
        )
    )


def check_operator(user_id: int):
    """The operator, fetched afresh so that a permission withdrawn a moment ago counts."""
    user = _operators(user_id).first()
    if user is None:
        raise ChatError(protocol.ERROR_FORBIDDEN, close_code=protocol.CLOSE_FORBIDDEN)
    return user


def operator_conversation(user_id: int, conversation_id) -> Conversation:
    """The operator's own conversation, with the permission checked afresh in the same query.
    The permission's error comes first, then the id's, then the conversation's."""
    if isinstance(conversation_id, bool) or not isinstance(conversation_id, int):
        check_operator(user_id)
        raise ChatError(protocol.ERROR_INVALID, field="conversation")
    conversation = (
        Conversation.objects.filter(pk=conversation_id)
        .annotate(operator_allowed=Exists(_operators(user_id)))
        .first()
    )
    if conversation is None:
        check_operator(user_id)
        raise ChatError(protocol.ERROR_NOT_FOUND, conversation=conversation_id)
    if not conversation.operator_allowed:
        raise ChatError(protocol.ERROR_FORBIDDEN, close_code=protocol.CLOSE_FORBIDDEN)
    if conversation.operator_id != user_id:
        raise ChatError(protocol.ERROR_FORBIDDEN, conversation=conversation_id)
    return conversation


def access_operator_conversation(user_id: int, conversation_id) -> tuple[object, Conversation]:
    conversation = operator_conversation(user_id, conversation_id)
    return get_user_model().objects.get(pk=user_id), conversation


def do_operator_post(user_id: int, conversation_id, client_id, text, *, note: bool) -> Message:
    """An operator's message (or private note, kept for staff): the permission, the
    conversation and the input checked and the message stored. The permission and the
    conversation are checked by the statement that takes the sequence number; only when it
    refuses (or the input is wrong) are they read to say why, the permission's error first."""
    if isinstance(conversation_id, bool) or not isinstance(conversation_id, int):
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


def operator_language(user) -> str:
    """The language the operator reads the console in (their Wagtail admin preference)."""
    profile = getattr(user, "wagtail_userprofile", None)
    language = profile.get_preferred_language() if profile else ""
    return language if language in LANGUAGE_CODES else "en"


def do_operator_seen(user_id: int) -> None:
    OperatorStatus.objects.update_or_create(
        user_id=user_id, defaults={"last_seen_at": timezone.now()}
    )


def check_status(data: dict) -> dict:
    changes = {}
    if "available" in data:
        if not isinstance(data["available"], bool):
            raise ChatError(protocol.ERROR_INVALID, field="available")
        changes["available"] = data["available"]
    if "languages" in data:
        languages = data["languages"]
        if not isinstance(languages, list) or not all(
            isinstance(code, str) and code in LANGUAGE_CODES for code in languages
        ):
            raise ChatError(protocol.ERROR_INVALID, field="languages")
        changes["languages"] = sorted(set(languages))
    if "max_chats" in data:
        max_chats = data["max_chats"]
        if (
            isinstance(max_chats, bool)
            or not isinstance(max_chats, int)
            or not 1 <= max_chats <= 10
        ):
            raise ChatError(protocol.ERROR_INVALID, field="max_chats")
        changes["max_chats"] = max_chats
    return changes


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
        do_post_message(
            conversation_id,
            Message.Sender.SYSTEM,
            "",
            kind=Message.Kind.EVENT,
            event="accepted",
        )
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
        do_post_message(
            conversation.pk, Message.Sender.SYSTEM, "", kind=Message.Kind.EVENT, event="transferred"
        )
        announce(operator_group(target.pk), {"type": "chat.assigned", "id": conversation.pk})
        announce(conversation.group_name, {"type": "chat.reassigned", "id": conversation.pk})
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
        do_post_message(
            conversation.pk,
            Message.Sender.SYSTEM,
            "",
            kind=Message.Kind.EVENT,
            event="operator_ended",
            allowed_statuses=(Conversation.Status.ENDING,),
        )
        do_request_consent(conversation)


LEAD_FIELDS = {
    "form_of_exploitation": 16,
    "summary": protocol.MAX_NOTE_CHARS,
    "urgency": 16,
    "location": 120,
    "safe_contact": 500,
}


def check_lead_fields(data: dict) -> dict:
    fields = data.get("fields")
    if not isinstance(fields, dict) or not fields or set(fields) - set(LEAD_FIELDS):
        raise ChatError(protocol.ERROR_INVALID, field="fields")
    cleaned = {}
    for name, value in fields.items():
        if not isinstance(value, str):
            raise ChatError(protocol.ERROR_INVALID, field=name)
        value = clean_text(value)
        if len(value) > LEAD_FIELDS[name]:
            raise ChatError(protocol.ERROR_TOO_LONG, field=name, limit=LEAD_FIELDS[name])
        cleaned[name] = value
    if cleaned.get("form_of_exploitation", "") not in {"", *ExploitationForm.values}:
        raise ChatError(protocol.ERROR_INVALID, field="form_of_exploitation")
    if "urgency" in cleaned and cleaned["urgency"] not in Lead.Urgency.values:
        raise ChatError(protocol.ERROR_INVALID, field="urgency")
    return cleaned


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
