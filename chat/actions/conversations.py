"""Conversations: starting one, the queue and availability, closing and sweeping."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone, translation

from lantern import challenge
from lantern.staff import staff_language

from .. import protocol
from ..access import hash_token, resume_cutoff
from ..announce import announce, announce_queue, conversation_group
from ..crypto import KeyUnavailable
from ..frames import check_language, check_topic, event_text
from ..keyring import keyring
from ..models import Conversation, Message, OperatorStatus
from ..protocol import ChatError
from ..referrals import actions as leads
from ..referrals.models import Lead

# An operator whose console has not been heard from for this long is not counted as online.
OPERATOR_PRESENCE_SECONDS = 90


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
    is_open = settings.LANTERN_CHAT_ALWAYS_OPEN or bool(safety and safety.chat_is_open(now))
    operators = available_operators().count()
    waiting = Conversation.objects.waiting().count()
    return {
        "type": "availability",
        "open": is_open,
        "operators_available": operators > 0,
        "accepting": operators > 0 and waiting < protocol.MAX_WAITING,
        # The database or the channel layer is down (said by the availability view).
        "out_of_service": False,
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
    language = staff_language(user)
    return [conversation_summary(c, user, language) for c in waiting]


def colleagues_for(user) -> list[dict]:
    """Whom `user` can transfer a conversation to now: colleagues who may operate the chat and
    are available, with their languages and free places (their limit less their open chats).
    Sent with the queue, which every change of an operator's status or chats refreshes."""
    from ..access import operators

    statuses = (
        available_operators()
        .filter(user__in=operators())
        .exclude(user=user)
        .select_related("user")
        .order_by("user__first_name", "user__username")
    )
    busy = dict(
        Conversation.objects.filter(
            status__in=[Conversation.Status.ACTIVE, Conversation.Status.ENDING],
            operator__isnull=False,
        )
        .values("operator")
        .annotate(count=Count("pk"))
        .values_list("operator", "count")
    )
    return [
        {
            "id": status.user_id,
            "name": status.user.get_full_name() or status.user.get_username(),
            "languages": status.languages,
            "free": max(0, status.max_chats - busy.get(status.user_id, 0)),
        }
        for status in statuses
    ]


def conversation_summary(conversation: Conversation, user=None, language: str = "") -> dict:
    """A conversation as the console lists it; labels in the operator's language."""
    now = timezone.now()
    status = getattr(user, "chat_status", None) if user else None
    language = language or (staff_language(user) if user else settings.LANGUAGE_CODE)
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
        "lead": leads.lead_for_operator(leads.lead_of(conversation.pk), user)
        if conversation.status != Conversation.Status.WAITING and user is not None
        else None,
    }


# How far back a console's `state` reports its operator's conversations that closed.
RECENTLY_CLOSED_SECONDS = 3600


def recently_closed(operator) -> list[dict]:
    """The operator's conversations closed in the last RECENTLY_CLOSED_SECONDS: id, outcome
    and whether the visitor may be contacted back (a quick exit may not)."""
    since = timezone.now() - datetime.timedelta(seconds=RECENTLY_CLOSED_SECONDS)
    closed = Conversation.objects.filter(
        operator=operator, status=Conversation.Status.CLOSED, closed_at__gte=since
    ).order_by("-closed_at")
    return [
        {"id": pk, "outcome": outcome, "do_not_contact": do_not_contact}
        for pk, outcome, do_not_contact in closed.values_list("pk", "outcome", "do_not_contact")
    ]


def states(conversation_ids: list[int]) -> dict[int, dict]:
    """Where each of these conversations stands, in one query, by id (gone ones left out):
    its last seq, status, outcome and do-not-contact flag."""
    rows = Conversation.objects.filter(pk__in=conversation_ids).values(
        "pk", "last_seq", "status", "outcome", "do_not_contact"
    )
    return {row["pk"]: dict(row) for row in rows}


def check_start(language, topic) -> tuple[str, str]:
    """A `start`'s fields; a full queue is said before the visitor's browser does any work
    for the challenge (`do_start` checks again, exactly)."""
    language, topic = check_language(language), check_topic(topic)
    if Conversation.objects.waiting().count() >= protocol.MAX_WAITING:
        raise ChatError(protocol.ERROR_QUEUE_FULL)
    return language, topic


# The queue's lock on PostgreSQL (an advisory lock: any number, Lantern's own).
QUEUE_LOCK = 0x4C616E74


def lock_queue() -> None:
    """Hold the queue until the transaction ends, so that counting the waiting visitors and
    adding one are a single step for every process: starts that arrive together take turns,
    and the cap (protocol.MAX_WAITING) holds exactly. PostgreSQL: a transaction-level advisory
    lock. SQLite lets one writer at a time: a write (that changes nothing) takes the turn
    before the count is read."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [QUEUE_LOCK])
        else:
            table = connection.ops.quote_name(Conversation._meta.db_table)
            cursor.execute(f"UPDATE {table} SET id = id WHERE 1 = 0")  # noqa: S608


def do_start(language: str, topic: str) -> tuple[Conversation, str]:
    """Create a waiting conversation, unless MAX_WAITING visitors wait already. Returns it
    with the visitor's token, which is shown to the visitor once and stored only as a hash."""
    token = secrets.token_urlsafe(protocol.TOKEN_BYTES)
    with transaction.atomic():
        lock_queue()
        if Conversation.objects.waiting().count() >= protocol.MAX_WAITING:
            raise ChatError(protocol.ERROR_QUEUE_FULL)
        conversation = Conversation.objects.create(
            token_hash=hash_token(token), language=language, topic=topic
        )
        announce_queue()
    # Its key, made now by the process that will serve the visitor: their messages are sealed
    # on the event loop without a trip to Redis first (chat/keyring.py).
    keyring.sealing_key(conversation.pk, new=True)
    return conversation, token


CHALLENGE_PURPOSES = ("start", "leave_message")


def check_challenge_purpose(value) -> str:
    if value not in CHALLENGE_PURPOSES:
        raise ChatError(protocol.ERROR_INVALID, field="for")
    return value


def new_challenge(purpose: str) -> dict:
    """A challenge for a visitor's `start` or `leave_message`, as hard as the load asks."""
    return challenge.issue(purpose, challenge.work_for(challenge_load(purpose)))


def challenge_load(purpose: str, now: datetime.datetime | None = None) -> float:
    """How flooded the chat is, as a multiple of what is usual (`lantern.challenge.work_for`):
    for a start, the waiting visitors and the starts of the last minute; for a left message or
    a third-party report (chat.referrals.report: the same way into the queue, without anyone
    talking), the messages left and reports made in the last minute together."""
    minute_ago = (now or timezone.now()) - datetime.timedelta(minutes=1)
    if purpose in ("leave_message", "report"):
        left = Lead.objects.filter(
            source__in=[Lead.Source.MESSAGE, Lead.Source.THIRD_PARTY], created_at__gte=minute_ago
        )
        return left.count() / settings.LANTERN_CHALLENGE_USUAL_LEFT_PER_MINUTE
    counts = Conversation.objects.aggregate(
        waiting=Count("pk", filter=Q(status=Conversation.Status.WAITING)),
        recent=Count("pk", filter=Q(created_at__gte=minute_ago)),
    )
    return max(
        counts["waiting"] / settings.LANTERN_CHALLENGE_USUAL_WAITING,
        counts["recent"] / settings.LANTERN_CHALLENGE_USUAL_STARTS_PER_MINUTE,
    )


def do_visitor_seen(conversation_id: int) -> int | None:
    """The visitor is here now. Returns the conversation's last seq (None once it is gone),
    which the visitor's client compares with what it has shown."""
    Conversation.objects.filter(pk=conversation_id).update(visitor_seen_at=timezone.now())
    return (
        Conversation.objects.filter(pk=conversation_id).values_list("last_seq", flat=True).first()
    )


def do_visitors_seen(
    conversations: dict[int, datetime.datetime], tokens: dict[str, datetime.datetime]
) -> None:
    """Visitors seen while the database was down (chat/consumers/sightings.py), by
    conversation or by token hash: their open conversations' `visitor_seen_at` moves forward
    to when they were seen, never back."""
    with transaction.atomic():
        for pk, when in conversations.items():
            Conversation.objects.open().filter(pk=pk, visitor_seen_at__lt=when).update(
                visitor_seen_at=when
            )
        for token_hash, when in tokens.items():
            Conversation.objects.open().filter(
                token_hash=token_hash, visitor_seen_at__lt=when
            ).update(visitor_seen_at=when)


def do_close(conversation_id: int, outcome: str, *, do_not_contact: bool = False) -> None:
    """Close a conversation. Its messages are deleted in every case, and its key destroyed;
    with consent that covers the transcript, they are first copied into the lead (sealed with
    the lead's key). What stays is anonymous: language, topic, times and outcome. Idempotent."""
    with transaction.atomic():
        conversation = Conversation.objects.select_for_update().get(pk=conversation_id)
        if conversation.status == Conversation.Status.CLOSED:
            return
        lead = Lead.objects.filter(conversation=conversation).select_related("consent").first()
        if lead is not None:
            if lead.consent.covers_transcript:
                try:
                    lead.transcript = [
                        {
                            "seq": m.seq,
                            "sender": m.sender,
                            "text": event_text(m.event, conversation.language, for_staff=True)
                            if m.event
                            else m.text,
                            "sent_at": m.created_at.isoformat(),
                        }
                        for m in conversation.messages.exclude(kind=Message.Kind.NOTE)
                    ]
                except KeyUnavailable:
                    # The conversation's key was lost (Redis restarted while the only process
                    # holding it was down): nobody can read its text any more. The lead keeps
                    # what the operator wrote into it; the close goes on.
                    lead.transcript = []
            lead.do_not_contact = lead.do_not_contact or do_not_contact
            lead.save(update_fields=["transcript", "do_not_contact", "updated_at"])
        conversation.messages.all().delete()
        # Whatever copies of the rows remain (the database's files, its backups) can no
        # longer be read: the key exists nowhere else (chat/keyring.py).
        keyring.destroy_on_commit(conversation.pk)
        conversation.token_hash = None
        conversation.status = Conversation.Status.CLOSED
        conversation.outcome = outcome
        conversation.do_not_contact = conversation.do_not_contact or do_not_contact
        conversation.closed_at = timezone.now()
        if conversation.consent == Conversation.Consent.ASKED:
            conversation.consent = Conversation.Consent.DECLINED
        conversation.save()
        announce(
            conversation_group(conversation.pk),
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
    return close_left(Conversation.objects.open().filter(visitor_seen_at__lt=resume_cutoff(now)))


def close_left(conversations) -> int:
    """Close `conversations` (open ones) as left by their visitors: waiting ones count as
    missed, active ones as abandoned, ending ones keep their outcome. Returns how many."""
    stale = list(conversations.values_list("pk", "status"))
    for pk, status in stale:
        outcome = {
            Conversation.Status.WAITING: Conversation.Outcome.VISITOR_LEFT,
            Conversation.Status.ACTIVE: Conversation.Outcome.ABANDONED,
        }.get(status, Conversation.Outcome.OPERATOR_ENDED)
        do_close(pk, outcome)
    return len(stale)
