"""Development settings: `make run` serves these on http://127.0.0.1:8000."""

import os

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
# A development-only key; production refuses to start without its own.
SECRET_KEY = os.environ.get("SECRET_KEY", "django-insecure-development-only-key-not-for-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
LANTERN_SHOW_DEMO_LOGINS = True
LANTERN_DEMO_ACCOUNTS = True
# Try the chat at any hour: the demo's opening hours (weekdays 10:00-20:00) are still shown.
LANTERN_CHAT_ALWAYS_OPEN = True
# A development-only key for the withdrawal codes' keyed hashes; production needs its own.
LANTERN_WITHDRAWAL_CODE_KEYS = env_list("LANTERN_WITHDRAWAL_CODE_KEYS") or [
    "development-only-withdrawal-code-key"
]
# A development-only long-term data key (32 bytes, base64); production needs its own.
LANTERN_DATA_KEY = env_list("LANTERN_DATA_KEY") or ["ZGV2ZWxvcG1lbnQtb25seS1kYXRhLWtleS0xMjM0NTY"]
