"""Coming back later: a lead's thread with the person, reopened with a return code.

A consent (in a chat, or with a left message) gives the person two codes, each shown once: the
withdrawal code, and a return code (`chat.consent.new_return_code`: twelve letters and digits
in three groups of four). With the return code, from any device and without an account, they
open the return page (`views.come_back`), read what staff answered while they were away, and
write again. Staff answer from the operator console's replies list (`chat.views.replies`) or
from the lead's page.

Only the code's keyed hash is stored (`ConsentRecord.return_code_hash`), under the keys of the
withdrawal codes with a digest of its own. Guessing is throttled as for withdrawal codes
(`withdrawal.register_attempt` with `purpose="return"`: counters of their own). The code is
never in an address and the page keeps nothing in the browser: each request carries it in its
form. The thread is sealed with the lead's key (`ThreadMessage.text`): withdrawal deletes it
with the lead; retention deletes it and forgets the code when the lead is anonymised.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from chat.consent import (
    CODE_ALPHABET,
    RETURN_CODE_LENGTH,
    normalise_withdrawal_code,
    return_code_lookups,
)
from chat.sanitize import clean_text
from lantern import ratelimit

from . import audit, withdrawal
from .models import ConsentRecord, Lead, ThreadMessage

CHALLENGE_PURPOSE = "return"
MAX_CHARS = 4000  # one message of the person's or of staff


def is_well_formed(code: str) -> bool:
    """Whether `code` could be a return code at all (length and alphabet)."""
    normalised = normalise_withdrawal_code(code)
    return len(normalised) == RETURN_CODE_LENGTH and all(ch in CODE_ALPHABET for ch in normalised)


def challenge_work(now: float | None = None) -> int:
    return withdrawal.challenge_work(now, purpose=CHALLENGE_PURPOSE)


def register_attempt(code: str, *, proven: bool) -> str:
    """As for a withdrawal code: "" if the code may be tried, else why not. Only codes that
    open nothing count against their prefix (`register_failure`): the person comes back, and
    writes, as often as they need."""
    return withdrawal.register_attempt(
        code, proven=proven, purpose=CHALLENGE_PURPOSE, count_prefix=False
    )


def register_failure(code: str) -> None:
    withdrawal.register_failure(code, purpose=CHALLENGE_PURPOSE)


def first_send(once: str) -> bool:
    """Whether the write form shown with the one-time value `once` is sent for the first
    time (a page reloaded after sending sends it again: it must not be kept twice)."""
    if not once:
        return True
    key = f"lantern:return:once:{ratelimit.keyed('return.once', once)}"
    return cache.add(key, 1, settings.LANTERN_WITHDRAWAL_WINDOW_SECONDS * 24)


def new_once() -> str:
    return secrets.token_urlsafe(16)


def lead_for(code: str) -> Lead | None:
    """The lead whose thread `code` opens: None for a code that opens nothing (wrong, withdrawn,
    or anonymised by retention). Does not rate-limit: callers facing the public call
    `register_attempt` first."""
    if not is_well_formed(code):
        return None
    consent = (
        ConsentRecord.objects.select_related("lead")
        .filter(return_code_hash__in=return_code_lookups(code), lead__anonymised_at__isnull=True)
        .first()
    )
    return consent.lead if consent is not None else None


@dataclass
class Entry:
    """One message of a thread, as the person and staff read it."""

    pk: int
    sender: str  # ThreadMessage.Sender
    text: str
    sent_at: datetime.datetime


def entries(lead: Lead) -> list[Entry]:
    """The thread, oldest first (a left message or a report opens it: `start`)."""
    return [
        Entry(message.pk, message.sender, message.text, message.sent_at)
        for message in ThreadMessage.objects.filter(lead=lead)
    ]


def start(lead: Lead) -> None:
    """A lead made from a left message or a report: what the person wrote opens its thread, as
    they wrote it (the lead's own field is the caseworkers' to correct)."""
    if lead.source in (Lead.Source.MESSAGE, Lead.Source.THIRD_PARTY) and lead.what_happened:
        ThreadMessage.objects.create(
            lead=lead,
            sender=ThreadMessage.Sender.PERSON,
            text=lead.what_happened,
            sent_at=lead.created_at,
        )


def check_text(text) -> str:
    """A message as it is kept: cleaned (no control characters), not empty, not too long.
    Raises ValueError("empty") or ValueError("too_long")."""
    if not isinstance(text, str):
        raise ValueError("empty")
    text = clean_text(text).strip()
    if not text:
        raise ValueError("empty")
    if len(text) > MAX_CHARS:
        raise ValueError("too_long")
    return text


def do_person_writes(lead: Lead, text: str) -> ThreadMessage | None:
    """The person writes again (`text` from `check_text`): kept, and waiting for an answer.
    None if the lead went meanwhile (withdrawn, or anonymised by retention). Not in the audit
    log: when the person came back is theirs, and would outlive a withdrawal there."""
    with transaction.atomic():
        locked = (
            Lead.objects.select_for_update().filter(pk=lead.pk, anonymised_at__isnull=True).first()
        )
        if locked is None:
            return None
        message = ThreadMessage.objects.create(
            lead=locked, sender=ThreadMessage.Sender.PERSON, text=text
        )
        if locked.reply_waiting_since is None:
            Lead.objects.filter(pk=locked.pk).update(reply_waiting_since=message.sent_at)
    return message


def do_staff_answers(user, lead: Lead, text: str, seen_through: int | None = None):
    """An operator or a caseworker answers (`text` from `check_text`), having read the thread
    up to the message `seen_through` (its id; None: all of it). The person reads the answer
    when they come back; the thread waits no more, unless they wrote again meanwhile. Raises
    ValueError("anonymised") if the lead is gone or anonymised."""
    with transaction.atomic():
        locked = (
            Lead.objects.select_for_update().filter(pk=lead.pk, anonymised_at__isnull=True).first()
        )
        if locked is None:
            raise ValueError("anonymised")
        message = ThreadMessage.objects.create(
            lead=locked, sender=ThreadMessage.Sender.STAFF, author=user, text=text
        )
        newer = None  # when the person wrote what staff had not seen yet
        if seen_through is not None:
            newer = (
                ThreadMessage.objects.filter(
                    lead=locked, sender=ThreadMessage.Sender.PERSON, pk__gt=seen_through
                )
                .order_by("pk")
                .values_list("sent_at", flat=True)
                .first()
            )
        Lead.objects.filter(pk=locked.pk).update(reply_waiting_since=newer)
        audit.log(user, locked, audit.THREAD, {"from": "staff"})
    return message


def waiting():
    """Threads where the person wrote and nobody has answered yet, the longest waiting first."""
    return Lead.objects.filter(
        reply_waiting_since__isnull=False, anonymised_at__isnull=True
    ).order_by("reply_waiting_since")


def forget(lead: Lead) -> int:
    """At anonymisation (retention): the thread is deleted and the code opens nothing any more.
    Returns the number of messages deleted."""
    deleted = ThreadMessage.objects.filter(lead=lead).delete()[0]
    ConsentRecord.objects.filter(lead=lead).update(return_code_hash=None)
    Lead.objects.filter(pk=lead.pk).update(reply_waiting_since=None)
    return deleted
