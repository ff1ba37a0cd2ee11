"""Recovery codes: single-use codes for a person who lost their phone or passkey.

They are django-otp's static tokens, but the database holds only a keyed hash of each code
(HMAC with SECRET_KEY; codes made under an older key in SECRET_KEY_FALLBACKS still work), so
that a copy of the database does not hand out a way in. Each code is 12 random letters and
digits (60 bits), shown once, in groups of four; typed in, spaces, dashes and capitals do not
matter. A code works once: it is deleted when used. Wrong codes are throttled like an
authenticator app's (OTP_STATIC_THROTTLE_FACTOR).
"""

from __future__ import annotations

import base64
import re
import secrets

from django.conf import settings
from django.db import transaction
from django.utils.crypto import salted_hmac

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

DEVICE_NAME = "Recovery codes"
_SALT = "lantern.two_factor.recovery"
_CODE_BYTES = 8  # 64 random bits, of which the 12 characters shown keep 60
_CODE_CHARS = 12
_GROUP = 4
# Letters and digits only: anything else typed (spaces, dashes, dots) is ignored.
_NOT_CODE = re.compile(r"[^a-z2-7]")
# Digits often typed for the letters they resemble; base32 has neither 0, 1 nor 8.
_LOOKALIKES = str.maketrans({"0": "o", "1": "l", "8": "b"})


def normalise(typed: str) -> str:
    return _NOT_CODE.sub("", typed.casefold().translate(_LOOKALIKES))


def _hash(code: str, secret: str | None = None) -> str:
    # StaticToken.token holds at most 16 characters: 80 bits of the HMAC, in base32.
    digest = salted_hmac(_SALT, code, secret=secret, algorithm="sha256").digest()
    return base64.b32encode(digest).decode()[:16].lower()


def _hashes(code: str) -> list[str]:
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [_hash(code, key) for key in keys]


def _new_code() -> str:
    return base64.b32encode(secrets.token_bytes(_CODE_BYTES)).decode()[:_CODE_CHARS].lower()


def shown(code: str) -> str:
    """A code as shown: `abcd-efgh-ijkl`."""
    return "-".join(code[i : i + _GROUP] for i in range(0, len(code), _GROUP))


def replace_codes(user) -> list[str]:
    """New recovery codes for `user`, replacing any earlier ones (deleted one by one, so that
    Django's signals fire). Returns the codes as shown, the only time they exist in clear."""
    codes = [_new_code() for _ in range(settings.LANTERN_2FA_RECOVERY_CODES)]
    with transaction.atomic():
        for old in StaticDevice.objects.filter(user=user):
            old.delete()
        device = StaticDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
        StaticToken.objects.bulk_create(
            StaticToken(device=device, token=_hash(code)) for code in codes
        )
    return [shown(code) for code in codes]


def remove_codes(user) -> None:
    for device in StaticDevice.objects.filter(user=user):
        device.delete()


def codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def looks_like_a_code(typed: str) -> bool:
    return len(normalise(typed)) == _CODE_CHARS


def verify(device: StaticDevice, typed: str) -> bool:
    """Whether `typed` is one of `device`'s unused codes; a right one is used up. Call only
    when `device.verify_is_allowed()` (the throttle) allows it."""
    code = normalise(typed)
    if len(code) != _CODE_CHARS:
        return False
    with transaction.atomic():
        locked = StaticDevice.objects.select_for_update().get(pk=device.pk)
        for hashed in _hashes(code):
            if locked.token_set.filter(token=hashed).exists():
                return locked.verify_token(hashed)
        # Counted as a wrong code by the device's throttle.
        return locked.verify_token("-")
