"""The "Sign-in methods" page of a signed-in member of staff (linked from their account page,
see wagtail_hooks): their authenticator app, passkeys and how many recovery codes remain;
adding a passkey, adding or replacing the app, making new recovery codes, removing a factor.

Every change needs a recent proof of a current factor in this session (policy.may_change_
factors: given within `LANTERN_2FA_FRESH_SECONDS`, else the person is sent to confirm it is
them first), gives the session a new key (proof.factors_changed), and removes devices one by
one with `delete()`, so that Django's signals fire (the chat closes the sockets of a session
whose factor went). The last factor cannot be removed while the policy requires one.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from wagtail.admin.auth import require_admin_access

from . import policy, proof, recovery
from .forms import CodeForm
from .views import (
    app_context,
    check_code,
    confirm_app,
    next_url,
    pending_device,
    show_recovery_codes,
    url_with_next,
)

KINDS = {"authenticator": policy.totp_devices, "passkey": policy.passkeys}


def _page(title: str) -> dict:
    return {"page_title": title, "header_title": title, "header_icon": "key"}


def _confirm_first(request):
    """Sends the person to confirm it is them, then back to the sign-in methods page."""
    messages.info(request, _("Confirm it is you first: then you can change your sign-in methods."))
    return redirect(url_with_next("two_factor_confirm", reverse("two_factor_methods")))


def last_factor_protected(user) -> bool:
    """Whether the policy keeps this person from having no factor at all."""
    return settings.LANTERN_REQUIRE_2FA and policy.is_staff_member(user)


@never_cache
@require_admin_access
def methods(request):
    user = request.user
    factors = policy.factors(user)
    until = policy.fresh_until(request)
    context = {
        **_page(_("Sign-in methods")),
        "apps": list(policy.totp_devices(user)),
        "passkeys": list(policy.passkeys(user)),
        "codes_left": recovery.codes_left(user),
        "has_factor": bool(factors),
        "may_change": policy.may_change_factors(request),
        "fresh_until": timezone.localtime(datetime.fromtimestamp(until, tz=UTC)) if until else None,
        "last_protected": len(factors) <= 1 and last_factor_protected(user),
        "required": policy.is_required(user),
    }
    return TemplateResponse(request, "two_factor/methods.html", context)


@never_cache
@sensitive_post_parameters("code")
@require_admin_access
def authenticator(request):
    """Adds an authenticator app, or replaces the one there is (a new phone)."""
    if not policy.has_device(request.user):
        return redirect(url_with_next("two_factor_setup", reverse("two_factor_methods")))
    if not policy.may_change_factors(request):
        return _confirm_first(request)
    device = pending_device(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and check_code(device, form):
        replacing = policy.totp_devices(request.user).exists()
        confirm_app(request, device)
        proof.factors_changed(request)
        messages.success(
            request,
            _("Your new authenticator app is set up; the old one no longer works.")
            if replacing
            else _("Your authenticator app is set up."),
        )
        return redirect("two_factor_methods")
    context = {
        **_page(_("Set up an authenticator app")),
        "form": form,
        "replacing": policy.totp_devices(request.user).exists(),
        **app_context(device),
    }
    return TemplateResponse(request, "two_factor/authenticator.html", context)


@never_cache
@require_admin_access
def recovery_codes(request):
    """New recovery codes (the old ones stop working), shown once. Also the last step of
    setting up a first passkey (`?first=1`)."""
    user = request.user
    if not policy.has_device(user):
        return redirect(url_with_next("two_factor_setup", reverse("two_factor_methods")))
    first = request.GET.get("first") == "1" or request.POST.get("first") == "1"
    if request.method == "POST":
        if not policy.may_change_factors(request):
            return _confirm_first(request)
        codes = recovery.replace_codes(user)
        proof.factors_changed(request)
        return show_recovery_codes(
            request, codes, first=first, next_url_=next_url(request, "two_factor_methods")
        )
    context = {
        **_page(_("Recovery codes")),
        "codes_left": recovery.codes_left(user),
        "first": first,
        "next": next_url(request, "two_factor_methods"),
        "may_change": policy.may_change_factors(request),
    }
    return TemplateResponse(request, "two_factor/recovery_codes.html", context)


@never_cache
@require_POST
@require_admin_access
def remove(request, kind: str, pk: int):
    """Removes an authenticator app or a passkey of the signed-in person."""
    user = request.user
    devices = KINDS.get(kind)
    if devices is None:
        raise Http404
    device = devices(user).filter(pk=pk).first()
    if device is None:
        raise Http404
    if not policy.may_change_factors(request):
        return _confirm_first(request)
    with transaction.atomic():
        # One removal at a time per person: two at once would each count the other's factor
        # as the one that remains.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        others = [other for other in policy.factors(user) if other != device]
        if not others and last_factor_protected(user):
            messages.error(
                request,
                _(
                    "This is your only second factor, and you need one: add another before "
                    "removing it."
                ),
            )
            return redirect("two_factor_methods")
        if not devices(user).filter(pk=pk).exists():
            raise Http404  # removed meanwhile
        device.delete()
        if not others:
            recovery.remove_codes(user)  # nothing left for them to back up
    proof.factors_changed(request)
    messages.success(
        request,
        _("The passkey is removed.")
        if kind == "passkey"
        else _("The authenticator app is removed."),
    )
    return redirect("two_factor_methods")
