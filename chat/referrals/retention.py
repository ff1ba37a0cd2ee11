"""Retention: what the site keeps, and for how long. Applied daily by `manage.py apply_retention`.

1. Conversations still open `LANTERN_CHAT_MAX_AGE_HOURS` after they started are closed through
   `chat.actions.conversations.close_left` (waiting ones as missed, active ones as abandoned),
   which deletes their messages (after copying them into a consented lead's transcript, if
   the consent covers it) and clears their token hash.
2. Messages of closed conversations are deleted. `do_close` already does this; this step
   makes sure nothing was left behind by a crash or a bug.
3. Token hashes of closed conversations are cleared (likewise).
4. Closed leads are anonymised `LANTERN_LEAD_RETENTION_DAYS` after they closed:

   - blanked: summary, what happened, place (location), safe contact, the name of the
     organisation referred to (free text), the transcript;
   - deleted: every caseworker's note (the audit log stays: it holds only codes and staff
     ids, never the person's words; see audit.py), and the lead's key (keys.py), so that
     what the fields said is unreadable in every copy of the database taken before;
   - unlinked: the conversation; the operator and the caseworker (nothing statistical needs
     who worked a case, and a name next to a case is itself something about the person);
     the withdrawal code (its hash is replaced by a random value, so nobody, not even the
     holder of the code, can point at the record any more: it is then anonymous, not merely
     pseudonymous);
   - kept, for the statistics: source, language, topic, form of exploitation, urgency,
     status, referral target, closing reason, "do not contact", the dates, and the consent
     record's wording version, method and date (the proof that the lead existed lawfully);
   - `anonymised_at` is set, and an anonymised lead is never touched again.

5. Keys of closed conversations that a close left in Redis are deleted (chat/keyring.py), and on
   PostgreSQL the lead key table is rewritten, so that the destroyed keys are gone from its
   live files too (keys.py, `compact_key_table`).

Every step is idempotent: a second run finds nothing to do. With `dry_run`, nothing changes
and the counts say what a real run would do.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from chat.actions.conversations import close_left
from chat.keyring import keyring
from chat.models import Conversation, Message

from . import audit, thread
from .keys import compact_key_table, lead_keys
from .models import ConsentRecord, Lead, LeadNote

# Cleared when a lead is anonymised: field name -> the empty value.
ANONYMISED_FIELDS: dict[str, object] = {
    "summary": "",
    "what_happened": "",
    "location": "",
    "safe_contact": "",
    "referred_to_detail": "",
    "transcript": [],
    "conversation": None,
    "created_by": None,
    "assigned_to": None,
}


@dataclass
class RetentionCounts:
    conversations_closed: int = 0
    messages_deleted: int = 0
    token_hashes_cleared: int = 0
    leads_anonymised: int = 0
    notes_deleted: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def stale_conversations(now: datetime.datetime):
    hours = getattr(settings, "LANTERN_CHAT_MAX_AGE_HOURS", 24)
    return Conversation.objects.open().filter(created_at__lt=now - datetime.timedelta(hours=hours))


def leads_due(now: datetime.datetime):
    """Closed leads whose retention period is over and that still hold personal data."""
    cutoff = now - datetime.timedelta(days=settings.LANTERN_LEAD_RETENTION_DAYS)
    return Lead.objects.filter(
        status=Lead.Status.CLOSED,
        closed_at__isnull=False,
        closed_at__lt=cutoff,
        anonymised_at__isnull=True,
    )


def close_stale_conversations(now: datetime.datetime, *, dry_run: bool = False) -> int:
    if dry_run:
        return stale_conversations(now).count()
    return close_left(stale_conversations(now))


def delete_leftover_messages(*, dry_run: bool = False) -> int:
    leftover = Message.objects.filter(conversation__status=Conversation.Status.CLOSED)
    if dry_run:
        return leftover.count()
    deleted, _per_model = leftover.delete()
    return deleted


def clear_token_hashes(*, dry_run: bool = False) -> int:
    leftover = Conversation.objects.filter(
        status=Conversation.Status.CLOSED, token_hash__isnull=False
    )
    if dry_run:
        return leftover.count()
    return leftover.update(token_hash=None)


def anonymise_leads(now: datetime.datetime, *, dry_run: bool = False) -> tuple[int, int]:
    """Anonymise the leads due. Returns (leads, notes deleted)."""
    due = leads_due(now)
    if dry_run:
        return due.count(), LeadNote.objects.filter(lead__in=due).count()
    leads = notes = 0
    for lead_id in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            # Locked and checked again: a caseworker may have reopened it meanwhile.
            lead = leads_due(now).select_for_update().filter(pk=lead_id).first()
            if lead is None:
                continue
            # An UPDATE, not save(): no signal or model hook sees the old values once more.
            Lead.objects.filter(pk=lead.pk).update(
                **ANONYMISED_FIELDS, anonymised_at=now, updated_at=now
            )
            notes += LeadNote.objects.filter(lead=lead).delete()[0]
            thread.forget(lead)  # its messages, and the return code that opened it
            # What the rows said, in every copy of the database, can no longer be opened.
            lead_keys.destroy(lead.key_id)
            ConsentRecord.objects.filter(lead=lead).update(
                withdrawal_code_hash=hashlib.sha256(secrets.token_bytes(32)).hexdigest()
            )
            audit.log(None, lead, audit.ANONYMISE)
            leads += 1
    return leads, notes


def apply_retention(
    now: datetime.datetime | None = None, *, dry_run: bool = False
) -> RetentionCounts:
    """Apply every retention rule (see the module's docstring) as of `now`."""
    now = now or timezone.now()
    counts = RetentionCounts()
    counts.conversations_closed = close_stale_conversations(now, dry_run=dry_run)
    counts.messages_deleted = delete_leftover_messages(dry_run=dry_run)
    counts.token_hashes_cleared = clear_token_hashes(dry_run=dry_run)
    counts.leads_anonymised, counts.notes_deleted = anonymise_leads(now, dry_run=dry_run)
    if not dry_run:
        keyring.destroy_closed()  # keys left in Redis by a close while Redis was away
        compact_key_table()  # destroyed lead keys out of the key table's file
    return counts
