"""Setting up an authenticator app, and entering its code after the password."""

from __future__ import annotations

import base64
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from wagtail.admin.auth import require_admin_access

import django_otp
import segno
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import policy

DEVICE_NAME = "Authenticator app"


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=gettext_lazy("Code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        max_length=12,
        error_messages={"invalid": gettext_lazy("The code is the six digits the app shows.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": ""}
        ),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip()


def url_with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


def _check(device: TOTPDevice, form: CodeForm) -> bool:
    """Whether the form's code is right for `device`; adds the reason to the form if not."""
    allowed, details = device.verify_is_allowed()
    if not allowed:
        until = timezone.localtime((details or {}).get("locked_until") or timezone.now())
        form.add_error(
            "code",
            _("Too many wrong codes. Wait until %(time)s, then try again.")
            % {"time": formats.time_format(until, "H:i:s")},
        )
        return False
    if not device.verify_token(form.cleaned_data["code"]):
        form.add_error("code", _("That code is not right, or it has expired. Try the next one."))
        return False
    return True


def _signed_in(request, device: TOTPDevice):
    # A new session key for the more powerful session, as Django does at sign-in.
    request.session.cycle_key()
    django_otp.login(request, device)
    return redirect(_next_url(request))


@never_cache
@sensitive_post_parameters("code")
@require_admin_access
def verify(request):
    """Second step of signing in: the code from the app set up before."""
    device = TOTPDevice.objects.devices_for_user(request.user, confirmed=True).first()
    if device is None:
        return redirect(url_with_next("two_factor_setup", _next_url(request)))
    if request.user.is_verified():
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check(device, form):
        return _signed_in(request, device)
    return TemplateResponse(
        request, "two_factor/verify.html", {"form": form, "next": _next_url(request)}
    )


def _pending_device(user) -> TOTPDevice:
    """The app being set up: one unconfirmed device, kept across reloads so that a code
    scanned once stays valid."""
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, confirmed=False)
            .order_by("pk")
            .first()
        )
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def _grouped_key(device: TOTPDevice) -> str:
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@never_cache
@sensitive_post_parameters("code")
@require_admin_access
def setup(request):
    """Setting up an authenticator app: only while the person has none (after that, a lost
    phone is reset by an administrator with `manage.py reset_two_factor`)."""
    if policy.has_device(request.user):
        if not request.user.is_verified():
            return redirect(url_with_next("two_factor_verify", _next_url(request)))
        messages.info(request, _("Your authenticator app is already set up."))
        return redirect(_next_url(request))
    device = _pending_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check(device, form):
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
        messages.success(request, _("Your authenticator app is set up."))
        return _signed_in(request, device)
    qr = segno.make(device.config_url, error="m")
    context = {
        "form": form,
        "next": _next_url(request),
        # An image (img-src allows data: URIs), so that no markup is written from a library.
        "qr_data_uri": qr.svg_data_uri(scale=5, border=4, dark="#000", light="#fff"),
        "key": _grouped_key(device),
        "required": policy.is_required(request.user),
    }
    return TemplateResponse(request, "two_factor/setup.html", context)
