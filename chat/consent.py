"""The consent wording shown to visitors, its version and hash, and withdrawal codes."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

# Change the version whenever the wording below changes in any language.
CONSENT_VERSION = "2026-11-a"
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud, typed from memory
CODE_LENGTH = 10


def consent_text(language: str) -> str:
    """The full consent wording in the visitor's language."""
    years = max(1, round(settings.LANTERN_LEAD_RETENTION_DAYS / 365))
    with translation.override(language):
        return "\n\n".join(
            [
                gettext(
                    "May we pass on what you told us, so that a caseworker of our organisation "
                    "can help you further?"
                ),
                gettext(
                    "We will keep: a short summary of your situation written by the person "
                    "you talked to; the whole conversation only if you tick the box for it; "
                    "and only the contact details you choose to give us."
                ),
                gettext(
                    "Who sees it: only the trained caseworkers of our organisation. We pass it "
                    "on to the police or another institution only if you agree."
                ),
                gettext(
                    "How long: until your case is closed, then at most %(years)s year(s), after "
                    "which it is made anonymous."
                )
                % {"years": years},
                gettext(
                    "You can withdraw your consent at any time with the withdrawal code you "
                    "will get now: everything we kept is then deleted."
                ),
            ]
        )


def wording_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def new_withdrawal_code() -> str:
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{code[:5]}-{code[5:]}"


def normalise_withdrawal_code(code: str) -> str:
    """A withdrawal code as typed (any case, with or without the dash, spaces) as it was
    given: letters and digits only, upper case."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def hash_withdrawal_code(code: str) -> str:
    normalised = normalise_withdrawal_code(code)
    return hashlib.sha256(f"withdrawal:{normalised}".encode()).hexdigest()
