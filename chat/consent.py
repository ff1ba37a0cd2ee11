"""The consent wording shown to visitors, its version and hash, and withdrawal codes."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
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


# The third-party report form's wording (chat.referrals.report); versioned as the above.
REPORT_CONSENT_VERSION = "2026-12-report-a"


def report_consent_text(language: str) -> str:
    """What the reporter agrees to, in their language: what happens to the report, and to
    their own details (as they choose on the form)."""
    years = max(1, round(settings.LANTERN_LEAD_RETENTION_DAYS / 365))
    with translation.override(language):
        return "\n\n".join(
            [
                gettext(
                    "We pass your report to the trained caseworkers of our organisation, who "
                    "decide how to help the person you are worried about. Where someone may be "
                    "in danger, this can include the police or another institution."
                ),
                gettext(
                    "What happens to your own details is your choice below: shared with the "
                    "institutions we involve, kept within our organisation, or not given at all."
                ),
                gettext(
                    "We keep the report until the case is closed, then at most %(years)s "
                    "year(s), after which it is made anonymous. You can withdraw it at any time "
                    "with the withdrawal code you will get now: everything is then deleted."
                )
                % {"years": years},
            ]
        )


def wording_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def new_withdrawal_code() -> str:
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{code[:5]}-{code[5:]}"


# A return code reopens a consented lead's thread (chat.referrals.thread): longer than a
# withdrawal code and grouped otherwise (ABCD-EFGH-JKLM), so that neither is taken for the other.
RETURN_CODE_LENGTH = 12


def new_return_code() -> str:
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(RETURN_CODE_LENGTH))
    return "-".join(code[start : start + 4] for start in range(0, RETURN_CODE_LENGTH, 4))


def normalise_withdrawal_code(code: str) -> str:
    """A withdrawal code as typed (any case, with or without the dash, spaces) as it was
    given: letters and digits only, upper case."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


# --- Withdrawal codes at rest ------------------------------------------------------------------
#
# A code is stored as a keyed hash, `<key id>$<HMAC-SHA256(key, SHA-256 digest of the code)>`,
# with a key from the environment (`LANTERN_WITHDRAWAL_CODE_KEYS`): a database backup without
# the key cannot be searched for codes by trying all 32¹⁰ of them. The HMAC is taken over the
# code's SHA-256 digest (the value stored before keys existed), so that rows stored that way
# are wrapped into the keyed form without knowing their codes (migration 0007 of
# chat.referrals). The first key makes new codes; every key listed is tried on lookup, in one
# indexed query. Rotation: docs/privacy.md.

KEY_ID_LENGTH = 8
KEY_SEPARATOR = "$"


def withdrawal_code_keys() -> list[str]:
    """The configured keys, the current one first. Refuses to run without any: a code must
    never be stored under a guessable hash."""
    keys = list(getattr(settings, "LANTERN_WITHDRAWAL_CODE_KEYS", None) or [])
    if not keys:
        raise ImproperlyConfigured(
            "LANTERN_WITHDRAWAL_CODE_KEYS is not set: withdrawal codes cannot be stored or checked."
        )
    return keys


def withdrawal_key_id(key: str) -> str:
    """A short public name of a key, derived from it (and revealing nothing useful about it):
    stored in front of each hash, shown by `manage.py withdrawal_code_keys`."""
    mac = hmac.new(key.encode(), b"lantern withdrawal code key id", hashlib.sha256)
    return mac.hexdigest()[:KEY_ID_LENGTH]


def withdrawal_code_digest(code: str, purpose: str = "withdrawal") -> str:
    """The unkeyed SHA-256 digest of a code (hex): what was stored before keys, and what the
    keyed hash is taken over. Never stored by itself any more. `purpose` keeps a return code's
    hashes apart from a withdrawal code's."""
    normalised = normalise_withdrawal_code(code)
    return hashlib.sha256(f"{purpose}:{normalised}".encode()).hexdigest()


def wrap_withdrawal_digest(digest: str, key: str) -> str:
    """The stored form of a code whose SHA-256 digest (hex) is `digest`, under `key`."""
    mac = hmac.new(key.encode(), digest.encode(), hashlib.sha256).hexdigest()
    return f"{withdrawal_key_id(key)}{KEY_SEPARATOR}{mac}"


def hash_withdrawal_code(code: str) -> str:
    """What is stored for a new code: its keyed hash under the current (first) key."""
    return wrap_withdrawal_digest(withdrawal_code_digest(code), withdrawal_code_keys()[0])


def withdrawal_code_lookups(code: str) -> list[str]:
    """Every stored form `code` may have: one per configured key (the current one first)."""
    digest = withdrawal_code_digest(code)
    return [wrap_withdrawal_digest(digest, key) for key in withdrawal_code_keys()]


def hash_return_code(code: str) -> str:
    """What is stored for a new return code: its keyed hash under the current key (the keys of
    the withdrawal codes, over a digest of their own)."""
    return wrap_withdrawal_digest(withdrawal_code_digest(code, "return"), withdrawal_code_keys()[0])


def return_code_lookups(code: str) -> list[str]:
    """Every stored form a return code may have: one per configured key."""
    digest = withdrawal_code_digest(code, "return")
    return [wrap_withdrawal_digest(digest, key) for key in withdrawal_code_keys()]
