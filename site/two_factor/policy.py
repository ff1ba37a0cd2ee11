"""Who must give a second factor, whether a session has given one, and how recently."""

from __future__ import annotations

import time

from django.conf import settings

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

# Who can reach the Wagtail admin: every group's members (editors, moderators, coordinators,
# operators, caseworkers) and superusers, who have every permission.
ADMIN_PERMISSION = "wagtailadmin.access_admin"
# Staff, for the requirement: whoever reaches the admin, and whoever may read chats (the
# operator socket) or leads, even without it.
STAFF_PERMISSIONS = (ADMIN_PERMISSION, "chat.operate_chat", "referrals.work_lead")

# When this session last gave a factor (a Unix time): signing in, setting one up, or
# confirming it is you before changing your sign-in methods.
PROVEN_AT_SESSION_KEY = "lantern_2fa_proven_at"


def reaches_admin(user) -> bool:
    """Whether `user` can reach the admin."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.has_perm(ADMIN_PERMISSION)


def is_staff_member(user) -> bool:
    """Whether `user` is staff: reaches the admin, or may read chats or leads."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return any(user.has_perm(permission) for permission in STAFF_PERMISSIONS)


def is_required(user) -> bool:
    """Whether `user` must give a second factor before reaching anything in the admin: every
    member of staff when `LANTERN_REQUIRE_2FA` is on, and, whatever the setting, anybody who
    has set one up (a factor that can be skipped protects nothing). Reads the database."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if settings.LANTERN_REQUIRE_2FA and is_staff_member(user):
        return True
    return has_device(user)


def totp_devices(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk")


def passkeys(user):
    return WebAuthnCredential.objects.devices_for_user(user, confirmed=True).order_by("pk")


def recovery_device(user) -> StaticDevice | None:
    return StaticDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()


def has_device(user) -> bool:
    """Whether `user` has an authenticator app or a passkey (recovery codes only back these
    up: they go when the last of them goes)."""
    return totp_devices(user).exists() or passkeys(user).exists()


def factors(user) -> list[Device]:
    """The authenticator apps and passkeys of `user`, oldest first."""
    return [*totp_devices(user), *passkeys(user)]


def session_verified(user, session) -> bool:
    """Whether `session` holds a second factor given by `user` (for websocket scopes, which
    django-otp's middleware does not see). Reads the database."""
    persistent_id = session.get(DEVICE_ID_SESSION_KEY) if session is not None else None
    if not persistent_id or not isinstance(persistent_id, str):
        return False
    device = Device.from_persistent_id(persistent_id)
    return device is not None and device.user_id == user.pk and device.confirmed


def satisfied(user, session) -> bool:
    """True unless `user` needs a second factor that `session` has not given."""
    return not is_required(user) or session_verified(user, session)


# --- A recent proof, for changing sign-in methods ---------------------------------------------


def record_proof(session, now: float | None = None) -> None:
    session[PROVEN_AT_SESSION_KEY] = time.time() if now is None else now


def proven_recently(request, now: float | None = None) -> bool:
    """Whether this session gave a factor of its user within `LANTERN_2FA_FRESH_SECONDS`."""
    if not getattr(request.user, "is_verified", lambda: False)():
        return False
    proven_at = request.session.get(PROVEN_AT_SESSION_KEY)
    if not isinstance(proven_at, int | float):
        return False
    elapsed = (time.time() if now is None else now) - proven_at
    return 0 <= elapsed <= settings.LANTERN_2FA_FRESH_SECONDS


def may_change_factors(request) -> bool:
    """Adding or removing a factor: free while the person has none (first set-up, on the
    password session alone), otherwise only with a recent proof of a current one."""
    return proven_recently(request) or not has_device(request.user)


def fresh_until(request) -> float | None:
    proven_at = request.session.get(PROVEN_AT_SESSION_KEY)
    if not proven_recently(request) or proven_at is None:
        return None
    return proven_at + settings.LANTERN_2FA_FRESH_SECONDS


def fresh_seconds() -> int:
    return int(settings.LANTERN_2FA_FRESH_SECONDS)
