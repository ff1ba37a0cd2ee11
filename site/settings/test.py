"""Test settings: fast hashing, plain static storage, the embedded default unless the
environment names PostgreSQL (`DATABASE_URL`) and Redis (`REDIS_URL`)."""

import os
from pathlib import Path

from .base import *  # noqa: F403
from .base import REDIS_URL, env_list

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LANTERN_DEMO_ACCOUNTS = True  # the demo staff accounts, as under `make run`
LANTERN_WITHDRAWAL_CODE_KEYS = env_list("LANTERN_WITHDRAWAL_CODE_KEYS") or ["test-only-code-key"]
LANTERN_DATA_KEY = env_list("LANTERN_DATA_KEY") or ["dGVzdC1vbmx5LWRhdGEta2V5LW5vdC1mb3ItdXNlISE"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", "/tmp/lantern-test-media"))  # noqa: S108
if REDIS_URL:
    # Each test run gets its own key space, so parallel runs never see each other's data.
    CACHES["default"]["KEY_PREFIX"] = f"lantern-test-{os.getpid()}"  # noqa: F405
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = f"lantern-test-{os.getpid()}"  # noqa: F405
# Real challenges, solved by the product's own script, but quick ones (the challenge's
# benchmark, tests/e2e/bench_challenge.py, serves the real levels).
LANTERN_CHALLENGE_COST = int(os.environ.get("LANTERN_CHALLENGE_COST", "10"))
LANTERN_CHALLENGE_NORMAL_WORK = int(os.environ.get("LANTERN_CHALLENGE_NORMAL_WORK", "4"))
LANTERN_CHALLENGE_RAISED_WORK = int(os.environ.get("LANTERN_CHALLENGE_RAISED_WORK", "16"))
