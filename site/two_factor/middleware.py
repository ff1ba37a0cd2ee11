"""Keeps a session without its second factor out of the admin."""

from __future__ import annotations

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
    }
)


class SecondFactorMiddleware:
    """Under the admin, a session whose user needs a second factor (see policy.is_required)
    and has not given one is sent to enter a code, or to set up an authenticator app first.
    Anything but a plain page load (a form post, a fetch) is refused with 403 instead.

    Must come after django_otp.middleware.OTPMiddleware. Public pages are not touched (they
    never read the session)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = "/admin/"

    def __call__(self, request):
        if request.path.startswith(self.prefix) and self.blocked(request):
            return self.refuse(request)
        return self.get_response(request)

    def blocked(self, request) -> bool:
        user = request.user
        if not policy.is_required(user) or user.is_verified():
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
                _("Enter the code from your authenticator app first."),
                content_type="text/plain; charset=utf-8",
            )
        target = "two_factor_verify" if policy.has_device(request.user) else "two_factor_setup"
        return redirect(url_with_next(target, request.get_full_path()))
