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
from dataclasses import dataclass

from django.db import transaction

from chat.consent import (
    CODE_ALPHABET,
    RETURN_CODE_LENGTH,
    normalise_withdrawal_code,
    return_code_lookups,
)
from chat.sanitize import clean_text

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
    """As for a withdrawal code: "" if the code may be tried, else why not."""
    return withdrawal.register_attempt(code, proven=proven, purpose=CHALLENGE_PURPOSE)


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

    sender: str  # ThreadMessage.Sender
    text: str
    sent_at: datetime.datetime


def entries(lead: Lead) -> list[Entry]:
    """The thread, oldest first: a left message opens it (what the person wrote then)."""
    thread = [
        Entry(message.sender, message.text, message.sent_at)
        for message in ThreadMessage.objects.filter(lead=lead)
    ]
    if lead.source == Lead.Source.MESSAGE and lead.what_happened:
        thread.insert(0, Entry(ThreadMessage.Sender.PERSON, lead.what_happened, lead.created_at))
    return thread


def check_text(text) -> str:
    """A message as it is kept: cleaned (no control characters), not empty, not too long."""
    if not isinstance(text, str):
        raise ValueError("empty")
    text = clean_text(text).strip()
    if not text:
        raise ValueError("empty")
    if len(text) > MAX_CHARS:
        raise ValueError("too_long")
    return text


def do_person_writes(lead: Lead, text: str) -> ThreadMessage:
    """The person writes again (`text` from `check_text`): kept, and waiting for an answer."""
    with transaction.atomic():
        locked = Lead.objects.select_for_update().get(pk=lead.pk)
        message = ThreadMessage.objects.create(
            lead=locked, sender=ThreadMessage.Sender.PERSON, text=text
        )
        if locked.reply_waiting_since is None:
            Lead.objects.filter(pk=locked.pk).update(reply_waiting_since=message.sent_at)
        audit.log(None, locked, audit.THREAD, {"from": "person"})
    return message


def do_staff_answers(user, lead: Lead, text: str) -> ThreadMessage:
    """An operator or a caseworker answers (`text` from `check_text`): the person reads it
    when they come back; the thread no longer waits."""
    with transaction.atomic():
        locked = Lead.objects.select_for_update().get(pk=lead.pk)
        if locked.anonymised_at is not None:
            raise ValueError("anonymised")
        message = ThreadMessage.objects.create(
            lead=locked, sender=ThreadMessage.Sender.STAFF, author=user, text=text
        )
        Lead.objects.filter(pk=locked.pk).update(reply_waiting_since=None)
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
