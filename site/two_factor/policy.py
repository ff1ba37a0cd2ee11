"""Who must give a second factor, and whether they have."""

from __future__ import annotations

from django.conf import settings

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

# Reading chats (operators) or leads (caseworkers). Superusers have every permission.
SENSITIVE_PERMISSIONS = ("chat.operate_chat", "referrals.work_lead")


def is_required(user) -> bool:
    """Whether `user` must give a second factor before reaching anything in the admin."""
    if not settings.LANTERN_REQUIRE_2FA:
        return False
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return any(user.has_perm(permission) for permission in SENSITIVE_PERMISSIONS)


def has_device(user) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def session_verified(user, session) -> bool:
    """Whether `session` holds a second factor given by `user` (for websocket scopes, which
    django-otp's middleware does not see). Reads the database."""
    persistent_id = session.get(DEVICE_ID_SESSION_KEY) if session is not None else None
    if not persistent_id:
        return False
    device = Device.from_persistent_id(persistent_id)
    return device is not None and device.user_id == user.pk and device.confirmed


def satisfied(user, session) -> bool:
    """True unless `user` needs a second factor that `session` has not given."""
    return not is_required(user) or session_verified(user, session)
