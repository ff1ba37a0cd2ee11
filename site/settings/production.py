"""Production settings: real services, and refusal to start with unsafe defaults."""

import base64
import binascii

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    LANTERN_DATA_KEY,
    LANTERN_WITHDRAWAL_CODE_KEYS,
    SECRET_KEY,
    env_bool,
)

if not SECRET_KEY or len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value (50 characters or more) in production."
    )
if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must list this site's host names in production ('*' is refused: any "
        "Host header would then count as this site's own origin, so a page of another name "
        "pointed at this server could open the chat's websockets)."
    )

# Withdrawal codes are kept as keyed hashes (chat/consent.py): without a key of its own, a
# leaked backup could be searched for codes. Old keys stay listed after the current one until
# no code made with them is left (docs/privacy.md).
if not LANTERN_WITHDRAWAL_CODE_KEYS or any(len(key) < 50 for key in LANTERN_WITHDRAWAL_CODE_KEYS):
    raise ImproperlyConfigured(
        "LANTERN_WITHDRAWAL_CODE_KEYS must be set in production: one or more long random keys "
        "(50 characters or more each), comma-separated, the current one first."
    )


def _is_data_key(text: str) -> bool:
    try:
        return len(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))) == 32
    except (binascii.Error, ValueError):
        return False


# Each lead's key is kept wrapped with this one (chat/referrals/keys.py): without it, the
# database and its backups would hold what they need to read every lead.
if not LANTERN_DATA_KEY or not all(_is_data_key(key) for key in LANTERN_DATA_KEY):
    raise ImproperlyConfigured(
        "LANTERN_DATA_KEY must be set in production: one or more keys of 32 random bytes in "
        "base64 (`manage.py data_keys --new`), comma-separated, the current one first."
    )

DEBUG = False
LANTERN_DEMO_ACCOUNTS = False  # never demo staff accounts with known passwords
LANTERN_CHAT_ALWAYS_OPEN = False  # the chat keeps the opening hours the moderators set
LANTERN_REQUIRE_2FA = env_bool("LANTERN_REQUIRE_2FA", True)
# Believed only from the proxies named in LANTERN_TRUSTED_PROXIES (lantern.proxies): from any
# other peer the header is removed before Django reads it.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
