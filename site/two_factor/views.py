"""Giving a second factor (after the password, or again before changing sign-in methods),
and setting up the first one.

- `verify`: the second step of signing in. It offers whatever the person has: a passkey, a
  code from their authenticator app, a recovery code.
- `confirm`: the same, for a signed-in session whose last proof is older than
  `LANTERN_2FA_FRESH_SECONDS`, before it may add or remove a factor (lantern.two_factor.methods).
- `setup`: the first factor of a person who has none, on the password session alone: an
  authenticator app (QR code and key) or a passkey; it ends by showing recovery codes once.
"""

from __future__ import annotations

import base64
from urllib.parse import urlencode

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from wagtail.admin.auth import require_admin_access

import segno
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import policy, proof, recovery
from .forms import CodeForm, RecoveryCodeForm

DEVICE_NAME = "Authenticator app"
FEW_CODES_LEFT = 3


def url_with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def next_url(request, default: str = "wagtailadmin_home") -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(default)


def _throttled(device, form, field: str) -> bool:
    """Whether `device` refuses to check a code now; adds the reason to the form if so."""
    allowed, details = device.verify_is_allowed()
    if allowed:
        return False
    until = timezone.localtime((details or {}).get("locked_until") or timezone.now())
    form.add_error(
        field,
        _("Too many wrong codes. Wait until %(time)s, then try again.")
        % {"time": formats.time_format(until, "H:i:s")},
    )
    return True


def check_code(device: TOTPDevice, form: CodeForm) -> bool:
    """Whether the form's code is right for `device`; adds the reason to the form if not.

    Checked on the device's row locked: django-otp counts failures and remembers the last
    code used by reading and writing the row, so two requests at once would each get a
    guess for one step of the back-off, or put back the code that one of them just used."""
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if _throttled(locked, form, "code"):
            return False
        right = locked.verify_token(form.cleaned_data["code"])
    if not right:
        form.add_error("code", _("That code is not right, or it has expired. Try the next one."))
    return right


def check_recovery_code(device: StaticDevice, form: RecoveryCodeForm) -> bool:
    if _throttled(device, form, "recovery_code"):
        return False
    if not recovery.verify(device, form.cleaned_data["recovery_code"]):
        form.add_error(
            "recovery_code", _("That is not one of your recovery codes, or it was used already.")
        )
        return False
    return True


def _prove(request, *, confirming: bool):
    """The page that asks for a factor the person has, and takes it."""
    user = request.user
    totp = policy.totp_devices(user).first()
    codes = policy.recovery_device(user)
    codes_left = recovery.codes_left(user) if codes is not None else 0
    method = request.POST.get("method", CodeForm.method) if request.method == "POST" else None
    code_form = CodeForm(request.POST if method == CodeForm.method else None)
    recovery_form = RecoveryCodeForm(request.POST if method == RecoveryCodeForm.method else None)

    by_app = method == CodeForm.method and totp is not None
    if by_app and code_form.is_valid() and check_code(totp, code_form):
        proof.given(request, totp)
        return redirect(next_url(request))
    by_code = method == RecoveryCodeForm.method and codes is not None
    if by_code and recovery_form.is_valid() and check_recovery_code(codes, recovery_form):
        proof.given(request, codes)
        _tell_codes_left(request, codes_left - 1)
        return redirect(next_url(request))

    context = {
        "confirming": confirming,
        "next": next_url(request),
        "totp": totp,
        "code_form": code_form,
        "has_passkeys": policy.passkeys(user).exists(),
        "recovery_form": recovery_form if codes_left else None,
        "recovery_open": method == RecoveryCodeForm.method,
        "fresh_minutes": policy.fresh_seconds() // 60,
    }
    return TemplateResponse(request, "two_factor/verify.html", context)


def _tell_codes_left(request, left: int) -> None:
    text = ngettext(
        "You used a recovery code: %(count)d is left.",
        "You used a recovery code: %(count)d are left.",
        left,
    ) % {"count": left}
    if left <= FEW_CODES_LEFT:
        text += " " + _("Make new ones under Account, Sign-in methods.")
        messages.warning(request, text)
    else:
        messages.info(request, text)


@never_cache
@sensitive_post_parameters("code", "recovery_code")
@require_admin_access
def verify(request):
    """Second step of signing in."""
    if not policy.has_device(request.user):
        return redirect(url_with_next("two_factor_setup", next_url(request)))
    if request.user.is_verified():
        return redirect(next_url(request))
    return _prove(request, confirming=False)


@never_cache
@sensitive_post_parameters("code", "recovery_code")
@require_admin_access
def confirm(request):
    """A fresh proof of a factor, before adding or removing one."""
    if not policy.has_device(request.user) or policy.proven_recently(request):
        return redirect(next_url(request, "two_factor_methods"))
    if not request.user.is_verified():
        return redirect(url_with_next("two_factor_verify", next_url(request)))
    return _prove(request, confirming=True)


# --- Setting up an authenticator app --------------------------------------------------------


PENDING_SESSION_KEY = "lantern_pending_app"


def pending_device(request) -> TOTPDevice:
    """The app being set up in this session: one unconfirmed device, kept across reloads so
    that a code scanned once stays valid, and never shown to another session (which would
    otherwise learn the secret the person is about to confirm). A session that has none
    starts afresh: any other pending device of the person is deleted."""
    user = request.user
    pk = request.session.get(PENDING_SESSION_KEY)
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False, pk=pk).first()
            if isinstance(pk, int)
            else None
        )
        if device is None:
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
            request.session[PENDING_SESSION_KEY] = device.pk
    return device


def grouped_key(device: TOTPDevice) -> str:
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def app_context(device: TOTPDevice) -> dict:
    qr = segno.make(device.config_url, error="m")
    return {
        # An image (img-src allows data: URIs), so that no markup is written from a library.
        "qr_data_uri": qr.svg_data_uri(scale=5, border=4, dark="#000", light="#fff"),
        "key": grouped_key(device),
    }


def confirm_app(request, device: TOTPDevice) -> None:
    """`device` (pending) becomes the person's authenticator app, replacing any other (each
    deleted on its own, so that Django's signals fire)."""
    with transaction.atomic():
        for old in TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk):
            old.delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    request.session.pop(PENDING_SESSION_KEY, None)


def show_recovery_codes(request, codes: list[str], *, first: bool, next_url_: str):
    """The only page that ever shows these codes."""
    return TemplateResponse(
        request,
        "two_factor/recovery_codes.html",
        {"codes": codes, "first": first, "next": next_url_, "showing": True},
    )


@never_cache
@sensitive_post_parameters("code")
@require_admin_access
def setup(request):
    """The first factor, while the person has none (after that, the sign-in methods page adds
    and removes them, with a fresh proof; a lost phone with no other factor is reset by an
    administrator with `manage.py reset_two_factor`)."""
    if policy.has_device(request.user):
        if not request.user.is_verified():
            return redirect(url_with_next("two_factor_verify", next_url(request)))
        messages.info(request, _("You have already set up a second factor."))
        return redirect(next_url(request))
    device = pending_device(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and check_code(device, form):
        confirm_app(request, device)
        proof.given(request, device)
        codes = recovery.replace_codes(request.user)
        messages.success(request, _("Your authenticator app is set up."))
        return show_recovery_codes(request, codes, first=True, next_url_=next_url(request))
    context = {
        "form": form,
        "next": next_url(request),
        "required": policy.is_required(request.user),
        **app_context(device),
    }
    return TemplateResponse(request, "two_factor/setup.html", context)
