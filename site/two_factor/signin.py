"""The admin's sign-in: failed sign-ins cost whoever fails, never lock a person out, and store
nobody's address or name.

OWASP's "device cookies" (Slow Down Online Guessing Attacks with Device Cookies):

- After a successful sign-in (the password; the second factor, when needed, follows on its
  own page) the browser gets a signed device cookie (`DEVICE_COOKIE`, only sent to /admin/,
  HttpOnly, SameSite=Strict, Secure in production, `LANTERN_SIGNIN_DEVICE_COOKIE_DAYS` long)
  that names the account by a keyed hash (HMAC with SECRET_KEY) of the user name, never the
  name, with a random nonce (docs/privacy.md).
- A browser presenting a valid device cookie for the account it signs in to is trusted:
  failures from elsewhere never stop it, and it is never asked for a proof of work. Its own
  failures are counted per device cookie; after `LANTERN_SIGNIN_FAILURES_PER_DEVICE` in a
  window the cookie stops counting until the window ends (the browser is then one like any
  other).
- Any other browser: failures are counted per account (a keyed hash of the name as typed) and
  for everybody together, in fixed windows (`LANTERN_SIGNIN_WINDOW_SECONDS`). Past
  `LANTERN_SIGNIN_FAILURES_PER_ACCOUNT` for the account, or `LANTERN_SIGNIN_FAILURES_TOTAL`
  in all, the form asks for a proof of work (lantern.challenge, solved by the page's own
  script) before it checks a password, more of it the more failures (the raised level at
  twice the threshold). A missing or wrong proof is refused with a message saying so, and
  the password is not checked.

Nobody is ever paused: a flood of wrong passwords costs its sender work, and costs a person
at most a second's work of their browser, or nothing in a browser where they signed in before.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.auth import LoginForm
from wagtail.admin.views.account import LoginView

from lantern import ratelimit
from lantern.challenge import ChallengeField, work_for

_CACHE_PREFIX = "lantern:signin"
CHALLENGE_PURPOSE = "signin"
PROOF = "proof"  # the form field of the proof of work, when it is asked

DEVICE_COOKIE = "lantern_device"
DEVICE_COOKIE_PATH = "/admin/"
_DEVICE_SALT = "lantern.two_factor.signin.device"
_DEVICE_COOKIE_MAX_CHARS = 400  # a real one is about 150


# --- Counting failures ------------------------------------------------------------------------


def _window(now: float | None) -> int:
    return ratelimit.window(settings.LANTERN_SIGNIN_WINDOW_SECONDS, now)


def _keys(username: str, now: float | None = None) -> tuple[str, str]:
    """The cache keys of this account's failures and of everybody's, in this window."""
    current = _window(now)
    account = ratelimit.keyed("signin.account", username.strip().casefold())
    return (
        f"{_CACHE_PREFIX}:account:{current}:{account}",
        f"{_CACHE_PREFIX}:total:{current}",
    )


def challenge_load(username: str, now: float | None = None) -> float:
    """How far the failures for `username` (and everybody's) are past their thresholds: from
    1, a browser without this account's device cookie must give a proof of work."""
    account_key, total_key = _keys(username, now)
    return max(
        ratelimit.count(account_key) / settings.LANTERN_SIGNIN_FAILURES_PER_ACCOUNT,
        ratelimit.count(total_key) / settings.LANTERN_SIGNIN_FAILURES_TOTAL,
    )


def needs_challenge(username: str, now: float | None = None) -> bool:
    return challenge_load(username, now) >= 1


def register_failure(username: str, now: float | None = None) -> None:
    timeout = settings.LANTERN_SIGNIN_WINDOW_SECONDS
    for key in _keys(username, now):
        ratelimit.bump(key, timeout)


# --- Device cookies ---------------------------------------------------------------------------


def account_hash(username: str) -> str:
    """What a device cookie holds of the account: a keyed hash of the name, never the name."""
    return ratelimit.keyed("signin.device-account", username.strip().casefold())


@dataclass(frozen=True)
class DeviceCookie:
    account: str  # account_hash of the user name
    nonce: str  # random: tells this browser's cookie from another's

    def _failures_key(self, now: float | None) -> str:
        digest = ratelimit.keyed("signin.device", self.nonce)
        return f"{_CACHE_PREFIX}:device:{_window(now)}:{digest}"

    def usable(self, now: float | None = None) -> bool:
        """False once this browser had too many failures of its own in this window."""
        failures = ratelimit.count(self._failures_key(now))
        return failures < settings.LANTERN_SIGNIN_FAILURES_PER_DEVICE

    def trusted_for(self, username: str, now: float | None = None) -> bool:
        same = secrets.compare_digest(self.account.encode(), account_hash(username).encode())
        return same and self.usable(now)

    def register_failure(self, now: float | None = None) -> None:
        ratelimit.bump(self._failures_key(now), settings.LANTERN_SIGNIN_WINDOW_SECONDS)


def _device_max_age() -> int:
    return int(datetime.timedelta(days=settings.LANTERN_SIGNIN_DEVICE_COOKIE_DAYS).total_seconds())


def read_device_cookie(request: HttpRequest | None) -> DeviceCookie | None:
    """The request's device cookie if it is one this site signed and it has not expired."""
    value = request.COOKIES.get(DEVICE_COOKIE, "") if request is not None else ""
    if not value or len(value) > _DEVICE_COOKIE_MAX_CHARS:
        return None
    try:
        data = signing.loads(value, salt=_DEVICE_SALT, max_age=_device_max_age())
    except signing.BadSignature:  # also an expired one
        return None
    if not isinstance(data, dict):
        return None
    account, nonce = data.get("a"), data.get("n")
    if not isinstance(account, str) or not isinstance(nonce, str):
        return None
    return DeviceCookie(account=account, nonce=nonce)


def set_device_cookie(response: HttpResponse, username: str) -> None:
    """Give the browser that just signed in as `username` a new device cookie."""
    value = signing.dumps(
        {"a": account_hash(username), "n": secrets.token_urlsafe(16)}, salt=_DEVICE_SALT
    )
    response.set_cookie(
        DEVICE_COOKIE,
        value,
        max_age=_device_max_age(),
        path=DEVICE_COOKIE_PATH,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )


# --- The form and the view ------------------------------------------------------------------


class ThrottledLoginForm(LoginForm):
    """Wagtail's sign-in form (`WAGTAILADMIN_USER_LOGIN_FORM`), with the proof of work asked
    of browsers without the account's device cookie after failed sign-ins (see above). The
    page renders the proof's field itself (templates/two_factor/login.html)."""

    error_messages = {
        **LoginForm.error_messages,
        "challenge": _(
            "After failed sign-ins, this browser must first pass an automatic check. It did "
            "not arrive or did not succeed, so the password was not checked. Please enter your "
            "password again and sign in; JavaScript must be turned on."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        # Wagtail's page turns autocomplete off for the whole form; the fields say what they
        # are, so that password managers fill them (WCAG 2.2 SC 3.3.8).
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"
        self.device = read_device_cookie(request)
        username = str(self.data.get("username") or "") if self.is_bound else ""
        # Decided once per request, so that the page and the check agree.
        self.trusted = self._trusted(username)
        self.challenged = not self.trusted and needs_challenge(username)
        if self.challenged:
            self._ask_for_proof(username)

    def _trusted(self, username: str) -> bool:
        if self.device is None:
            return False
        if not username:  # the page before a name is typed: this browser signed in before
            return self.device.usable()
        return self.device.trusted_for(username)

    def _ask_for_proof(self, username: str) -> None:
        if PROOF not in self.fields:
            self.fields[PROOF] = ChallengeField(
                CHALLENGE_PURPOSE, work=lambda: work_for(challenge_load(username))
            )

    @property
    def extra_fields(self):
        # Wagtail renders extra fields with a label; the proof has none (see the template).
        for name, field in super().extra_fields:
            if name != PROOF:
                yield name, field

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if not username or self.trusted:
            try:
                return super().clean()
            except forms.ValidationError as error:
                if self.device is not None and _is_invalid_login(error):
                    self.device.register_failure()
                raise
        if self.challenged and self.has_error(PROOF):
            raise forms.ValidationError(self.error_messages["challenge"], code="challenge")
        try:
            return super().clean()
        except forms.ValidationError as error:
            if _is_invalid_login(error):
                register_failure(username)
                if needs_challenge(username):
                    self._ask_for_proof(username)  # on the page shown again
            raise


def _is_invalid_login(error: forms.ValidationError) -> bool:
    return any(e.code == "invalid_login" for e in error.error_list)


class SignInView(LoginView):
    """Wagtail's sign-in view (routed in lantern.urls under its name), which also gives the
    browser its device cookie once the password was right, and whose page renders the proof's
    field when the form asks for one."""

    template_name = "two_factor/login.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        set_device_cookie(response, form.cleaned_data["username"])
        return response
