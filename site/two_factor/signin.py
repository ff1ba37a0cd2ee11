"""The admin's sign-in form, throttled without storing anybody's address.

Failed sign-ins are counted per account (a keyed hash of the user name) and for everybody
together, in fixed windows (`LANTERN_SIGNIN_WINDOW_SECONDS`). Once an account has had
`LANTERN_SIGNIN_FAILURES_PER_ACCOUNT` failures in a window, or everybody together
`LANTERN_SIGNIN_FAILURES_TOTAL`, the form refuses to check any password for it until the
window ends, so guessing gets no answer at all. The price is that someone who floods the form
can keep a person (or, with the total, everybody) out until the window ends; staff are told
so, and when to try again.
"""

from __future__ import annotations

import math
import time

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin.forms.auth import LoginForm

from lantern import ratelimit

_CACHE_PREFIX = "lantern:signin"


def _keys(username: str, now: float | None = None) -> tuple[str, str]:
    current = ratelimit.window(settings.LANTERN_SIGNIN_WINDOW_SECONDS, now)
    account = ratelimit.keyed("signin.account", username.strip().casefold())
    return (
        f"{_CACHE_PREFIX}:account:{current}:{account}",
        f"{_CACHE_PREFIX}:total:{current}",
    )


def is_locked(username: str, now: float | None = None) -> bool:
    account_key, total_key = _keys(username, now)
    return (
        ratelimit.count(account_key) >= settings.LANTERN_SIGNIN_FAILURES_PER_ACCOUNT
        or ratelimit.count(total_key) >= settings.LANTERN_SIGNIN_FAILURES_TOTAL
    )


def register_failure(username: str, now: float | None = None) -> None:
    timeout = settings.LANTERN_SIGNIN_WINDOW_SECONDS
    for key in _keys(username, now):
        ratelimit.bump(key, timeout)


def minutes_until_unlocked(now: float | None = None) -> int:
    now = time.time() if now is None else now
    ends = ratelimit.window_ends(settings.LANTERN_SIGNIN_WINDOW_SECONDS, now)
    return max(1, math.ceil((ends - now) / 60))


class ThrottledLoginForm(LoginForm):
    """Wagtail's sign-in form (`WAGTAILADMIN_USER_LOGIN_FORM`), refusing to check a password
    for an account that had too many failed sign-ins."""

    error_messages = {
        **LoginForm.error_messages,
        "throttled": _("Too many failed sign-ins, so signing in is paused for now."),
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if username and is_locked(username):
            minutes = minutes_until_unlocked()
            pause = ngettext(
                "It opens again in %(minutes)d minute.",
                "It opens again in %(minutes)d minutes.",
                minutes,
            ) % {"minutes": minutes}
            raise forms.ValidationError(
                f"{self.error_messages['throttled']} {pause}",
                code="throttled",
            )
        try:
            return super().clean()
        except forms.ValidationError as error:
            if username and any(e.code == "invalid_login" for e in error.error_list):
                register_failure(username)
            raise
