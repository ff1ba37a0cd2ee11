"""A proof-of-work challenge: what makes abuse cost the abuser, without knowing who they are.

Before an anonymous visitor may put themselves in the chat's queue or leave a message, and
before the withdrawal form (or a staff sign-in after failures) is checked, the browser solves
an ALTCHA v2 challenge: find the counter whose PBKDF2-SHA-256 key starts with the prefix the
server chose. A person never sees it (no puzzle, no cookie, no third party; the page's own
script solves it with the browser's WebCrypto, static/js/proof-of-work.js); a script that
wants to fill the queue pays the same work for every one of its starts.

The work is measured in attempts: the server picks the counter at random below `work`, so a
solver needs `work / 2` attempts on average and never more than `work`, each one PBKDF2 with
`LANTERN_CHALLENGE_COST` iterations. How much work is asked rises with load (`work_for`):
the normal level when all is quiet, the raised level under a flood, geometric in between.
docs/performance.md has what each level costs a phone and one attacking machine.

A solution is good once (`verify` remembers it in the cache until the challenge expires), for
the purpose it was issued for, and until it expires.
"""

from __future__ import annotations

import json
import math
import secrets
import time
from collections.abc import Callable

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext, gettext_lazy

import altcha

ALGORITHM = "PBKDF2/SHA-256"
MAX_PAYLOAD_CHARS = 4000  # a real payload is about 600 characters
_USED_PREFIX = "lantern:challenge:used"


def _secret(purpose: str) -> str:
    return salted_hmac(f"lantern.challenge.{purpose}", "key", algorithm="sha256").hexdigest()


def work_for(load: float) -> int:
    """The attempts asked at `load`: the normal level up to a load of 1, the raised level from
    a load of 2, geometric in between. Load is each caller's own measure of being flooded,
    as a multiple of what is usual (`chat.actions.conversations.challenge_load`)."""
    normal = settings.LANTERN_CHALLENGE_NORMAL_WORK
    raised = settings.LANTERN_CHALLENGE_RAISED_WORK
    if load <= 1:
        return normal
    if load >= 2:
        return raised
    return int(normal * math.pow(raised / normal, load - 1))


def issue(purpose: str, work: int) -> dict:
    """A signed challenge for `purpose` that takes up to `work` attempts, as the client is
    sent it (ALTCHA v2's JSON)."""
    challenge = altcha.create_challenge(
        ALGORITHM,
        settings.LANTERN_CHALLENGE_COST,
        counter=secrets.randbelow(max(1, work)),
        expires_at=int(time.time()) + settings.LANTERN_CHALLENGE_SECONDS,
        data={"purpose": purpose},
        hmac_secret=_secret("challenge"),
        hmac_key_secret=_secret("key"),
    )
    return challenge.to_dict()


def verify(payload: object, purpose: str) -> bool:
    """Whether `payload` (the client's base64 ALTCHA payload) solves a challenge issued here
    for `purpose` that has not expired and was not used before. Uses it up."""
    if not isinstance(payload, str) or not 0 < len(payload) <= MAX_PAYLOAD_CHARS:
        return False
    try:
        parsed = altcha.Payload.from_base64(payload)
        result = altcha.verify_solution(
            parsed, _secret("challenge"), hmac_key_secret=_secret("key")
        )
        parameters = parsed.challenge.parameters
        data = parameters.data if isinstance(parameters.data, dict) else {}
    except Exception:  # anything a client can send that the library does not expect
        return False
    if not result.verified or data.get("purpose") != purpose:
        return False
    # Once only: the signature names the challenge.
    remaining = max(1, int(parameters.expires_at or 0) - int(time.time()))
    return cache.add(f"{_USED_PREFIX}:{parsed.challenge.signature}", 1, remaining)


# --- HTML forms -----------------------------------------------------------------------------
# A form asks for the proof with a `ChallengeField`. It renders as a hidden input carrying a
# fresh challenge (`data-challenge`), a polite status line, and the page's one script for it,
# static/js/challenge-form.js: that script solves the challenge as soon as the page has loaded
# and puts the payload in the input; a submit before it is solved waits for it, saying
# "Checking the connection…" in the status line. The person sees no puzzle and does nothing.


class ChallengeWidget(forms.HiddenInput):
    """The hidden input with a new challenge each time it is rendered (a payload sent before is
    never rendered back: it has been used), the status line and the script."""

    template_name = "lantern/challenge_field.html"

    def __init__(self, purpose: str, work: int | Callable[[], int], attrs=None):
        super().__init__(attrs)
        self.purpose = purpose
        self.work = work

    def get_context(self, name, value, attrs):
        context = super().get_context(name, None, attrs)
        work = self.work() if callable(self.work) else self.work
        context["widget"]["attrs"].update(
            {
                "data-challenge": json.dumps(issue(self.purpose, work), separators=(",", ":")),
                "data-challenge-waiting": gettext("Checking the connection…"),
            }
        )
        return context


class ChallengeField(forms.Field):
    """A solved challenge for `purpose`, issued with `work` attempts (a number, or a callable
    asked each time the form is rendered, e.g. `lambda: work_for(load())`).

    Cleans to the payload when it verifies (and uses it up), to "" when it is missing and not
    `required`; a payload that does not verify (forged, for another purpose, expired or used
    before) is an error even when the field is not required."""

    default_error_messages = {
        "required": gettext_lazy(
            "Your browser did not send its automatic check. This form needs JavaScript: "
            "please turn it on and try again."
        ),
        "invalid": gettext_lazy(
            "Your browser's automatic check did not succeed or has expired. Please try again."
        ),
    }

    def __init__(self, purpose: str, work: int | Callable[[], int], **kwargs):
        self.purpose = purpose
        kwargs.setdefault("widget", ChallengeWidget(purpose, work))
        kwargs.setdefault("label", "")
        super().__init__(**kwargs)

    def to_python(self, value) -> str:
        return value.strip() if isinstance(value, str) else ""

    def validate(self, value) -> None:
        super().validate(value)
        if value and not verify(value, self.purpose):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
