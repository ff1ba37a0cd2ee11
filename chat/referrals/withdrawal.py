"""Withdrawal of consent: the person's right to have everything we kept about them deleted.

The visitor got a withdrawal code when they consented (`chat.actions.consent`); only its hash is
stored (`ConsentRecord.withdrawal_code_hash`). A valid code deletes the lead with its
transcript (a column of the lead), its notes and its consent record, and leaves one anonymous
`Withdrawal` row (a date) for the statistics. The audit log stays: it holds only codes and
staff ids, never the person's words (see audit.py), and shows who read the lead before.

Guessing is bounded by counters in the cache, never by the visitor's address (which Lantern
never sees): one per code prefix (a person retyping their code, or someone who saw half of
it) and one for everybody together. With 32¹⁰ possible codes and the global budget of
`LANTERN_WITHDRAWAL_ATTEMPTS_TOTAL` attempts an hour, guessing any code at all would take
millions of years. The price is that someone who floods the form can make it refuse real
attempts for the rest of the hour; the page then points to the chat and the hotline.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from chat.consent import (
    CODE_ALPHABET,
    CODE_LENGTH,
    hash_withdrawal_code,
    normalise_withdrawal_code,
)
from lantern import ratelimit

from . import audit
from .models import ConsentRecord, Lead, Withdrawal

PREFIX_LENGTH = 5  # the first group of the code as it is shown: ABCDE-FGHJK
_CACHE_PREFIX = "referrals:withdrawal"


def is_well_formed(code: str) -> bool:
    """Whether `code` could be a withdrawal code at all (length and alphabet)."""
    normalised = normalise_withdrawal_code(code)
    return len(normalised) == CODE_LENGTH and all(ch in CODE_ALPHABET for ch in normalised)


# --- Rate limit -----------------------------------------------------------------------------


def register_attempt(code: str, now: float | None = None) -> bool:
    """Count an attempt with `code`; False if it is over either limit and must not be tried.

    The per-prefix counter is keyed on a keyed hash (HMAC with SECRET_KEY) of the code's
    first group, so the cache holds nothing that reveals a code. Counters are per fixed
    window and expire with it."""
    window_seconds = settings.LANTERN_WITHDRAWAL_WINDOW_SECONDS
    current = ratelimit.window(window_seconds, now)
    digest = ratelimit.keyed("withdrawal.prefix", normalise_withdrawal_code(code)[:PREFIX_LENGTH])
    per_prefix = ratelimit.bump(f"{_CACHE_PREFIX}:prefix:{current}:{digest}", window_seconds)
    total = ratelimit.bump(f"{_CACHE_PREFIX}:total:{current}", window_seconds)
    return (
        per_prefix <= settings.LANTERN_WITHDRAWAL_ATTEMPTS_PER_PREFIX
        and total <= settings.LANTERN_WITHDRAWAL_ATTEMPTS_TOTAL
    )


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
            .filter(withdrawal_code_hash=hash_withdrawal_code(code))
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
