"""Staff sessions that end: after a time without activity (idle), and at the latest a fixed
time after signing in (absolute), whatever "remember me" said.

Every session stamps when its person signed in (`user_logged_in`) and when they were last
active (`StaffSessionMiddleware`, on admin requests that are the person's own doing; the
chat console's socket, on operator frames). A session past either limit is ended at its
next admin request (signed out, sent to the sign-in page with a message saying why) and its
operator sockets close (`session_problem`, chat/consumers/operator.py).

Not activity: Wagtail's own background requests (the page editor's editing-sessions ping),
and reading the deadlines (`status`, GET). The admin's script (static/js/staff-session.js)
asks `status` for the deadlines, warns before the end, and POSTs to it when the person
chooses to stay signed in.

Settings: LANTERN_STAFF_IDLE_SECONDS, LANTERN_STAFF_IDLE_WARNING_SECONDS,
LANTERN_STAFF_SESSION_MAX_SECONDS, LANTERN_STAFF_SESSION_CHECK_SECONDS (the sockets' timer).
"""

from __future__ import annotations

import contextlib
import time
from importlib import import_module

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    load_backend,
    logout,
)
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.contrib.sessions.backends.base import SessionBase, UpdateError
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .ratelimit import keyed
from .two_factor import policy as two_factor

# Kept in the session: seconds since the epoch (JSON numbers).
SIGNED_IN_AT = "lantern_signed_in_at"
ACTIVE_AT = "lantern_active_at"

IDLE = "idle"
ABSOLUTE = "absolute"
# Why a socket's session no longer holds (`session_problem`); the two above as well.
ENDED = "ended"  # signed out, expired by its row, deleted, or another person's
PASSWORD = "password"  # noqa: S105  (a reason, not a secret): the password changed since
SECOND_FACTOR = "second_factor"

REASON_MESSAGES = {
    IDLE: _("You were signed out because you were inactive for too long. Please sign in again."),
    ABSOLUTE: _(
        "You were signed out because your session reached its maximum length. Please sign in again."
    ),
}

STATUS_URL_NAME = "lantern_staff_session"
# Requests that Wagtail's scripts make by themselves, and reading the deadlines: not activity.
PASSIVE_VIEW_NAMES = frozenset(
    {
        "wagtailadmin_editing_sessions:ping",
        "wagtailadmin_editing_sessions:release",
        STATUS_URL_NAME,
    }
)
ADMIN_ACCESS_PERMISSION = "wagtailadmin.access_admin"


def now() -> float:
    """The clock the limits are measured by (tests replace it)."""
    return time.time()


def idle_seconds() -> float:
    return float(settings.LANTERN_STAFF_IDLE_SECONDS)


def max_seconds() -> float:
    return float(settings.LANTERN_STAFF_SESSION_MAX_SECONDS)


def warning_seconds() -> float:
    """How long before the end the person is warned: well short of the idle time itself (a
    warning as long would show as soon as a page loads)."""
    return max(0.0, min(float(settings.LANTERN_STAFF_IDLE_WARNING_SECONDS), idle_seconds() * 0.75))


def activity_resolution() -> float:
    """Activity is written to the session at most this often: once a minute, or more often
    when the idle time is short (a test's seconds). Each write is a write of the session row,
    which, racing another request's, may undo what that one wrote."""
    return min(60.0, idle_seconds() / 20)


# --- The stamps -----------------------------------------------------------------------------


@receiver(user_logged_in, dispatch_uid="lantern.sessions.stamp_sign_in")
def stamp_sign_in(sender, request, user, **kwargs) -> None:
    session = getattr(request, "session", None)
    if session is not None:
        moment = now()
        session[SIGNED_IN_AT] = moment
        session[ACTIVE_AT] = moment


def touch(session: SessionBase, moment: float, *, force: bool = False) -> bool:
    """Record activity at `moment` (unless it was recorded less than `activity_resolution`
    ago and `force` is false). A session signed in before these stamps existed, or made by
    hand, counts as signed in now. True if the session changed."""
    changed = False
    if session.get(SIGNED_IN_AT) is None:
        session[SIGNED_IN_AT] = moment
        changed = True
    last = session.get(ACTIVE_AT)
    if force or changed or last is None or moment - last >= activity_resolution():
        session[ACTIVE_AT] = moment
        changed = True
    return changed


def ended(session, moment: float) -> str | None:
    """IDLE or ABSOLUTE if the session is past that limit at `moment`, else None. A session
    without stamps has not been measured yet (see `touch`)."""
    signed_in = session.get(SIGNED_IN_AT)
    active = session.get(ACTIVE_AT)
    if signed_in is not None and moment - signed_in >= max_seconds():
        return ABSOLUTE
    if active is not None and moment - active >= idle_seconds():
        return IDLE
    return None


def remaining(session, moment: float) -> dict:
    """Seconds left before each limit, and which comes first."""
    signed_in = session.get(SIGNED_IN_AT, moment)
    active = session.get(ACTIVE_AT, moment)
    idle_left = max(0.0, active + idle_seconds() - moment)
    absolute_left = max(0.0, signed_in + max_seconds() - moment)
    return {
        "remaining": min(idle_left, absolute_left),
        "idle_remaining": idle_left,
        "absolute_remaining": absolute_left,
        "ends_by": ABSOLUTE if absolute_left <= idle_left else IDLE,
    }


# --- Requests -------------------------------------------------------------------------------


def admin_prefix() -> str:
    return reverse("wagtailadmin_home")


def login_url() -> str:
    return resolve_url(settings.LOGIN_URL)


def wants_json(request: HttpRequest) -> bool:
    accept = request.headers.get("accept", "")
    return (
        request.headers.get("x-requested-with") == "XMLHttpRequest"
        or ("application/json" in accept and "text/html" not in accept)
        or is_status_request(request)
    )


def is_status_request(request: HttpRequest) -> bool:
    try:
        return request.path_info == reverse(STATUS_URL_NAME)
    except Exception:  # no route for it (a project without lantern.urls)
        return False


def counts_as_activity(request: HttpRequest) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is None or match.view_name not in PASSIVE_VIEW_NAMES


class StaffSessionMiddleware:
    """Ends a signed-in session past its idle or absolute limit at its next admin request
    (signed out, and sent to sign in again with a message saying why: JSON with status 401
    instead for scripts), and records the person's activity on the others.

    Anywhere else (a page or document restricted to signed-in people), a session past its
    limits is ended too, without a redirect: the request goes on as an anonymous one. Requests
    without a session cookie (every visitor's) are not looked at.

    Must come after AuthenticationMiddleware and MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(admin_prefix()):
            if (
                settings.SESSION_COOKIE_NAME in request.COOKIES
                and request.user.is_authenticated
                and ended(request.session, now()) is not None
            ):
                logout(request)  # anonymous from here on; its sockets close too
            return self.get_response(request)
        if request.user.is_authenticated:
            reason = ended(request.session, now())
            if reason is not None:
                return self.end(request, reason)
        response = self.get_response(request)
        # Signed in still (not just signed out): the request was the person's activity.
        if request.session.get(SESSION_KEY) is not None and counts_as_activity(request):
            touch(request.session, now())
        return response

    def end(self, request: HttpRequest, reason: str) -> HttpResponse:
        logout(request)  # `user_logged_out`: this session's operator sockets close too
        messages.warning(request, REASON_MESSAGES[reason])
        if wants_json(request):
            return JsonResponse(
                {"signed_in": False, "reason": reason, "login_url": login_url()}, status=401
            )
        if request.path_info == login_url():
            return self.get_response(request)
        return redirect_to_login(request.get_full_path(), login_url())


@never_cache
@require_http_methods(["GET", "POST"])
def status(request: HttpRequest) -> JsonResponse:
    """The deadlines of this session: GET reads them (not activity), POST is activity ("stay
    signed in") and answers with the new ones. 401 without a signed-in user, 403 for one who
    may not use the admin."""
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False, "login_url": login_url()}, status=401)
    if not request.user.has_perm(ADMIN_ACCESS_PERMISSION):
        return JsonResponse({"signed_in": True, "allowed": False}, status=403)
    moment = now()
    if request.method == "POST":
        touch(request.session, moment, force=True)
    return JsonResponse(
        {
            "signed_in": True,
            **remaining(request.session, moment),
            "idle_seconds": idle_seconds(),
            "warning_seconds": warning_seconds(),
            "activity_seconds": activity_resolution(),
            "login_url": login_url(),
        }
    )


# --- Sockets --------------------------------------------------------------------------------


def session_store(session_key: str | None) -> SessionBase:
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key)


def session_tag(session_key: str | None) -> str:
    """A name for a session that can travel on the channel layer (the key itself must not:
    it is the person's credential)."""
    return keyed("session", session_key or "")


def session_problem(session_key: str | None, user_id: int) -> str | None:
    """Why the session `session_key` no longer holds for the user `user_id`, read afresh from
    the database, or None if it does: gone (signed out, its row expired or deleted), another
    user's, the password changed since (its auth hash no longer matches), past the idle or
    absolute limit, or without a second factor the policy asks of it. Unlike Django's
    `get_user`, changes nothing. For consumers, through `db()`."""
    if not session_key:
        return ENDED
    session = session_store(session_key)
    if session.get(SESSION_KEY) != str(user_id):  # loads it: nothing if gone or expired
        return ENDED
    backend_path = session.get(BACKEND_SESSION_KEY)
    if not isinstance(backend_path, str) or backend_path not in settings.AUTHENTICATION_BACKENDS:
        return ENDED
    user = load_backend(backend_path).get_user(user_id)  # None once inactive
    if user is None:
        return ENDED
    session_hash = session.get(HASH_SESSION_KEY) or ""
    if not session_hash or not (
        constant_time_compare(session_hash, user.get_session_auth_hash())
        or any(
            constant_time_compare(session_hash, fallback)
            for fallback in user.get_session_auth_fallback_hash()
        )
    ):
        return PASSWORD
    reason = ended(session, now())
    if reason is not None:
        return reason
    if not two_factor.satisfied(user, session):
        return SECOND_FACTOR
    return None


def stamp_socket(session_key: str | None, *, active: bool) -> None:
    """Record an operator's activity on their console's socket (or, with `active` false,
    only the stamps a session made before they existed lacks). Nothing for a session that
    has gone meanwhile: it is not brought back."""
    if not session_key:
        return
    session = session_store(session_key)
    if session.get(SESSION_KEY) is None:  # gone meanwhile, or nobody's
        return
    moment = now()
    if ended(session, moment) is not None:  # its sockets close at their next check
        return
    if active:
        changed = touch(session, moment)
    else:
        changed = session.get(SIGNED_IN_AT) is None or session.get(ACTIVE_AT) is None
        if changed:
            session.setdefault(SIGNED_IN_AT, moment)
            session.setdefault(ACTIVE_AT, moment)
    if changed:
        with contextlib.suppress(UpdateError):  # deleted meanwhile (signed out): stays gone
            session.save()
