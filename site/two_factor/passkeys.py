"""Passkeys (WebAuthn) as a second factor, with django-otp-webauthn.

The package's ceremonies (its JSON views and py_webauthn's checks), with Lantern's rules:

- A passkey is a second factor after the password, never a sign-in of its own
  (OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN is off): both ceremonies need a signed-in person
  who can reach the admin.
- Adding one needs a recent proof of a current factor, or no factor yet (the first set-up,
  on the password session alone): policy.may_change_factors.
- Giving one (signing in, or confirming it is you) gives the session a new key and counts as
  a recent proof; so does adding one (proof.given, proof.factors_changed).
- The relying party ID and the allowed origins come from the settings (settings/base.py,
  "Two-factor sign-in"). With the ID `localhost` (development and the browser tests), any
  port of http://localhost counts as an allowed origin, since the port a development server
  or a test server listens on is not known in advance; browsers refuse an IP address as the
  ID, so passkeys do not work on http://127.0.0.1:8000.
- The browser's side is static/js/two-factor-passkey.js (served from our own static files,
  loaded as a module; the package's script tags and its JavaScript catalog are not used).
- A malformed answer from a browser gets a 4xx JSON answer, never a traceback in the log.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from django.contrib import messages
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from django_otp_webauthn import exceptions
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.utils import rewrite_exceptions
from django_otp_webauthn.views import (
    BaseWebAuthnView,
    BeginCredentialAuthenticationView,
    BeginCredentialRegistrationView,
    CompleteCredentialAuthenticationView,
    CompleteCredentialRegistrationView,
)

from . import policy, proof
from .views import next_url

DEVICE_NAME = "Passkey"


class PasskeyHelper(WebAuthnHelper):
    """OTP_WEBAUTHN_HELPER_CLASS."""

    def get_allowed_origins(self) -> list[str]:
        origins = list(super().get_allowed_origins())
        if self.get_relying_party_domain() == "localhost":
            own = f"{self.request.scheme}://{self.request.get_host()}"
            if urlsplit(own).hostname == "localhost" and own not in origins:
                origins.append(own)
        return origins

    def create_credential(self, user, response, parsed_credential, original_data):
        device = super().create_credential(user, response, parsed_credential, original_data)
        device.name = DEVICE_NAME
        return device


class ProofNeeded(exceptions.OTPWebAuthnApiError):
    status_code = 403
    default_detail = gettext_lazy("Confirm it is you first.")
    default_code = "proof_needed"


class NoAdminAccess(exceptions.OTPWebAuthnApiError):
    status_code = 403
    default_detail = gettext_lazy("Authentication required.")
    default_code = "not_authenticated"


class _Robust(BaseWebAuthnView):
    """Only for staff; answers what a browser sends that is not even well-formed with a 400,
    not a 500. (First among the bases of the views below.)"""

    def handle_exception(self, exc):
        if isinstance(exc, ValueError | TypeError | KeyError | AttributeError):
            exc = exceptions.MalformedRequest()
        return super().handle_exception(exc)

    def initial(self, request, *args, **kwargs):
        if not policy.reaches_admin(request.user):
            raise NoAdminAccess()
        if not isinstance(request.data, dict):
            raise exceptions.MalformedRequest()
        super().initial(request, *args, **kwargs)


class BeginRegistration(_Robust, BeginCredentialRegistrationView):
    def check_can_register(self):
        if not policy.may_change_factors(self.request):
            raise ProofNeeded()


class CompleteRegistration(_Robust, CompleteCredentialRegistrationView):
    def check_can_register(self):
        if not policy.may_change_factors(self.request):
            raise ProofNeeded()

    def post(self, *args, **kwargs):
        request = self.request
        first = not policy.has_device(request.user)
        state = self.get_state()
        with rewrite_exceptions(logger=None):
            device = self.get_helper().register_complete(
                user=request.user, state=state, data=request.data
            )
        if first:
            # The first factor: the session is verified by it (as after setting up an app),
            # and the set-up ends with the recovery codes.
            proof.given(request, device)
            query = urlencode({"first": "1", "next": next_url(request)})
            target = f"{reverse('two_factor_recovery_codes')}?{query}"
            return JsonResponse({"id": device.pk, "redirect_url": target})
        proof.factors_changed(request)
        messages.success(request, _("Your passkey is added."))
        return JsonResponse({"id": device.pk, "redirect_url": reverse("two_factor_methods")})


class BeginAuthentication(_Robust, BeginCredentialAuthenticationView):
    def check_can_authenticate(self):
        pass  # a signed-in person who can reach the admin: checked in initial()


class CompleteAuthentication(_Robust, CompleteCredentialAuthenticationView):
    def check_can_authenticate(self):
        pass

    def complete_auth(self, device) -> None:
        # authenticate_complete() has checked that the passkey is this person's.
        proof.given(self.request, device)

    def get_success_url(self) -> str:
        return next_url(self.request)
