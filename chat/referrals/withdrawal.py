"""Withdrawal of consent: the person's right to have everything we kept about them deleted.

The visitor got a withdrawal code when they consented (`chat.actions.consent`); only its keyed
hash is stored (`ConsentRecord.withdrawal_code_hash`, see `chat.consent`: HMAC with a key from
the environment, so a leaked backup alone cannot be searched for codes). A valid code deletes
the lead with its transcript (a column of the lead), its notes and its consent record, and
leaves one anonymous `Withdrawal` row (a date) for the statistics. The audit log stays: it
holds only codes and staff ids, never the person's words (see audit.py), and shows who read
the lead before.

Guessing is made expensive without ever knowing who guesses (Lantern never sees an address):

- Every attempt from the page carries a proof of work (`lantern.challenge`, solved by the
  page's script), whose difficulty rises with the number of attempts everybody together made
  in the window (`challenge_work`): a flood makes each of its guesses cost more, and a proven
  attempt is never refused for what others did.
- Attempts without a proof (a browser without JavaScript, or the chat panel's short form) are
  still checked, but only within `LANTERN_WITHDRAWAL_ATTEMPTS_TOTAL` attempts of everybody
  together per window; past that, the page asks for the browser's check (press the button
  again, with JavaScript on) or points to the hotline.
- One counter per code prefix (a person retyping their code, or someone who saw half of it)
  refuses any attempt, proven or not, past `LANTERN_WITHDRAWAL_ATTEMPTS_PER_PREFIX`.

With 32¹⁰ possible codes, even a machine solving proofs all day long guesses a given code
only after many thousands of years.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from chat.consent import (
    CODE_ALPHABET,
    CODE_LENGTH,
    KEY_SEPARATOR,
    normalise_withdrawal_code,
    withdrawal_code_keys,
    withdrawal_code_lookups,
    withdrawal_key_id,
)
from lantern import challenge, ratelimit

from . import audit
from .models import ConsentRecord, Lead, Withdrawal

PREFIX_LENGTH = 5  # the first group of the code as it is shown: ABCDE-FGHJK
CHALLENGE_PURPOSE = "withdrawal"
_CACHE_PREFIX = "referrals:withdrawal"


def is_well_formed(code: str) -> bool:
    """Whether `code` could be a withdrawal code at all (length and alphabet)."""
    normalised = normalise_withdrawal_code(code)
    return len(normalised) == CODE_LENGTH and all(ch in CODE_ALPHABET for ch in normalised)


# --- Rate limit -----------------------------------------------------------------------------

# Why an attempt is not tried (`register_attempt`).
LIMITED_PREFIX = "prefix"  # too many attempts with this code's first group
NEEDS_PROOF = "proof"  # no proof of work, and everybody together tried too often


def _total_key(now: float | None = None, purpose: str = CHALLENGE_PURPOSE) -> str:
    current = ratelimit.window(settings.LANTERN_WITHDRAWAL_WINDOW_SECONDS, now)
    return f"{_CACHE_PREFIX}:{purpose}:total:{current}"


def challenge_work(now: float | None = None, purpose: str = CHALLENGE_PURPOSE) -> int:
    """The proof of work asked of the next attempt: the normal level while everybody together
    made no more than the usual number of attempts in this window, rising above it."""
    load = ratelimit.count(_total_key(now, purpose)) / settings.LANTERN_WITHDRAWAL_ATTEMPTS_USUAL
    return challenge.work_for(load)


def _prefix_key(code: str, purpose: str, now: float | None = None) -> str:
    current = ratelimit.window(settings.LANTERN_WITHDRAWAL_WINDOW_SECONDS, now)
    digest = ratelimit.keyed(f"{purpose}.prefix", normalise_withdrawal_code(code)[:PREFIX_LENGTH])
    return f"{_CACHE_PREFIX}:{purpose}:prefix:{current}:{digest}"


def register_failure(code: str, *, purpose: str, now: float | None = None) -> None:
    """Count a code that opened nothing against its prefix (for `register_attempt(...,
    count_prefix=False)`)."""
    ratelimit.bump(_prefix_key(code, purpose, now), settings.LANTERN_WITHDRAWAL_WINDOW_SECONDS)


def register_attempt(
    code: str,
    *,
    proven: bool,
    now: float | None = None,
    purpose: str = CHALLENGE_PURPOSE,
    count_prefix: bool = True,
) -> str:
    """Count an attempt with `code`, made with a valid proof of work (`proven`) or without;
    returns "" if it may be tried, else why not (`LIMITED_PREFIX`, `NEEDS_PROOF`). `purpose`:
    whose codes are guessed ("withdrawal", or "return" for return codes: counters of their own,
    the same limits).

    The per-prefix counter is keyed on a keyed hash (HMAC with SECRET_KEY) of the code's
    first group, so the cache holds nothing that reveals a code; the database holds no prefix
    at all (only the whole code's keyed hash). Counters are per fixed window and expire with
    it. `count_prefix=False`: the prefix's counter is only read, and the caller counts a code
    that opened nothing with `register_failure` (a return code is used again and again by the
    person it belongs to: only wrong codes count against it)."""
    window_seconds = settings.LANTERN_WITHDRAWAL_WINDOW_SECONDS
    key = _prefix_key(code, purpose, now)
    per_prefix = ratelimit.bump(key, window_seconds) if count_prefix else ratelimit.count(key) + 1
    total = ratelimit.bump(_total_key(now, purpose), window_seconds)
    if per_prefix > settings.LANTERN_WITHDRAWAL_ATTEMPTS_PER_PREFIX:
        return LIMITED_PREFIX
    if not proven and total > settings.LANTERN_WITHDRAWAL_ATTEMPTS_TOTAL:
        return NEEDS_PROOF
    return ""


# --- Withdrawal -----------------------------------------------------------------------------


def do_withdraw(code: str) -> bool:
    """Delete the lead whose consent `code` unlocks, and everything kept with it.

    Returns False, changing nothing, if no consent record has this code (wrong code, already
    withdrawn, or anonymised by the retention command, which unlinks the code). Does not
    rate-limit: callers facing the public call `register_attempt` first."""
    if not is_well_formed(code):
        return False
    with transaction.atomic():
        consent = (
            ConsentRecord.objects.select_for_update()
            # One indexed query, whichever configured key the code was stored under.
            .filter(withdrawal_code_hash__in=withdrawal_code_lookups(code))
            .first()
        )
        if consent is None:
            return False
        lead_id = consent.lead_id
        audit.log(None, Lead(pk=lead_id), audit.WITHDRAW)  # by the person, who has no account
        # The consent record, the notes (and anything else that hangs off the lead) go by
        # cascade; the transcript is a column of the lead. The conversation, if any, stays:
        # what it holds after it closes is anonymous.
        Lead.objects.filter(pk=lead_id).delete()
        Withdrawal.objects.create()
    return True


# --- Keys ------------------------------------------------------------------------------------


@dataclass
class KeyUse:
    """What one key id protects: the codes of leads not yet anonymised, stored under it."""

    key_id: str
    position: int | None  # in LANTERN_WITHDRAWAL_CODE_KEYS (0: current); None: not listed
    codes: int = 0
    open_leads: int = 0  # not closed: their codes stay until withdrawn or closed + retention
    last_closed: datetime.datetime | None = None

    @property
    def needed_until(self) -> datetime.date | None:
        """When the last code under this key is anonymised by retention, if every lead it
        protects is closed (None: no code left, or an open lead keeps it)."""
        if self.open_leads or self.last_closed is None:
            return None
        days = datetime.timedelta(days=settings.LANTERN_LEAD_RETENTION_DAYS)
        return timezone.localdate(self.last_closed + days)


def codes_per_key() -> tuple[list[KeyUse], int]:
    """How many stored codes each key protects (configured keys first, in their order, then
    key ids found in the database but no longer configured), and how many are stored as a bare
    digest (not wrapped yet: run `migrate`). Never reads or shows a key itself."""
    uses = {
        withdrawal_key_id(key): KeyUse(withdrawal_key_id(key), position)
        for position, key in reversed(list(enumerate(withdrawal_code_keys())))
    }
    bare = 0
    rows = ConsentRecord.objects.filter(lead__anonymised_at__isnull=True).values_list(
        "withdrawal_code_hash", "lead__status", "lead__closed_at"
    )
    for stored, status, closed_at in rows.iterator():
        key_id, separator, _mac = stored.partition(KEY_SEPARATOR)
        if not separator:
            bare += 1
            continue
        use = uses.setdefault(key_id, KeyUse(key_id, None))
        use.codes += 1
        if status != Lead.Status.CLOSED or closed_at is None:
            use.open_leads += 1
        elif use.last_closed is None or closed_at > use.last_closed:
            use.last_closed = closed_at
    ordered = sorted(
        uses.values(), key=lambda use: (use.position is None, use.position or 0, use.key_id)
    )
    return ordered, bare
