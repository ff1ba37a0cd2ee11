"""Keeps a session without its second factor out of the admin."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from . import policy
from .views import url_with_next

# What a person who gave only their password may still open: signing in and out, resetting a
# forgotten password, the two pages that ask for the second factor, and what every admin page
# loads (the icon sprite and the script translations: nothing of anybody's data).
OPEN_URL_NAMES = frozenset(
    {
        "wagtailadmin_sprite",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_password_reset",
        "wagtailadmin_password_reset_done",
        "wagtailadmin_password_reset_confirm",
        "wagtailadmin_password_reset_complete",
        "two_factor_verify",
        "two_factor_setup",
        # A passkey given after the password, or set up as the first factor (these views
        # check the rest themselves: lantern.two_factor.passkeys).
        "two_factor_passkey_authenticate_begin",
        "two_factor_passkey_authenticate_complete",
        "two_factor_passkey_register_begin",
        "two_factor_passkey_register_complete",
        # The staff session's deadlines (lantern.sessions): the idle warning works on the
        # pages above too, and it tells nothing but when the session ends.
        "lantern_staff_session",
    }
)


class SecondFactorMiddleware:
    """Under the admin, a session whose user needs a second factor (see policy.is_required)
    and has not given one is sent to give it, or to set up a first one.
    Anything but a plain page load (a form post, a fetch) is refused with 403 instead.

    Anywhere else (a page or document restricted to signed-in people), such a session counts
    as nobody's: the person is anonymous there until they give the factor. Requests without a
    session cookie (every visitor's) are not looked at.

    Must come after django_otp.middleware.OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = "/admin/"

    def __call__(self, request):
        if request.path.startswith(self.prefix):
            if self.blocked(request):
                return self.refuse(request)
        elif settings.SESSION_COOKIE_NAME in request.COOKIES and self.unverified(request):
            request.user = AnonymousUser()
        return self.get_response(request)

    def unverified(self, request) -> bool:
        user = request.user
        return user.is_authenticated and not user.is_verified() and policy.is_required(user)

    def blocked(self, request) -> bool:
        if not self.unverified(request):
            return False
        try:
            url_name = resolve(request.path_info).url_name
        except Resolver404:
            return True
        return url_name not in OPEN_URL_NAMES

    def refuse(self, request):
        ajax = request.headers.get("x-requested-with") == "XMLHttpRequest"
        if request.method not in ("GET", "HEAD") or ajax:
            return HttpResponseForbidden(
                _("Give your second factor first: a passkey, a code or a recovery code."),
                content_type="text/plain; charset=utf-8",
            )
        target = "two_factor_verify" if policy.has_device(request.user) else "two_factor_setup"
        return redirect(url_with_next(target, request.get_full_path()))
