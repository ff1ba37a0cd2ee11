"""What a session holds of its second factor, as it changes: each step of signing in and each
change of a person's factors gives the session a new key (so that a key seen before the step
is worth nothing after it)."""

from __future__ import annotations

import django_otp
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device

from . import policy


def given(request, device: Device) -> None:
    """`request.user` just gave `device` (a code, a passkey, a recovery code, or a factor
    they just set up): the session counts as verified by it, and as a recent proof."""
    request.session.cycle_key()
    django_otp.login(request, device)
    policy.record_proof(request.session)


def factors_changed(request) -> None:
    """After adding or removing a factor (with a recent proof, see policy.may_change_factors):
    a new session key, and the session stays verified by a factor that still exists."""
    request.session.cycle_key()
    persistent_id = request.session.get(DEVICE_ID_SESSION_KEY)
    current = Device.from_persistent_id(persistent_id) if persistent_id else None
    if current is not None and current.user_id == request.user.pk and current.confirmed:
        return
    remaining = policy.factors(request.user)
    if remaining:
        django_otp.login(request, remaining[0])
    else:
        request.session.pop(DEVICE_ID_SESSION_KEY, None)
        request.user.otp_device = None
