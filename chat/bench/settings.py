"""Settings of the benchmark's daphne and of the benchmark commands (development only).

Production's behaviour where it matters for speed (DEBUG off, real PostgreSQL and Redis from
`DATABASE_URL` / `REDIS_URL`, the page cache, every middleware), without what needs a real
deployment: TLS (no redirect, no secure-only cookies), collected static files (WhiteNoise
serves them from the source folders instead) and a second factor for operators (the bench
operators' sessions carry a verified device anyway, see `chat.bench.operators`).

Only these settings install the benchmark app (`chat.bench`): its commands (`chat_loadtest`,
`page_benchmark`, `bench_report`), its URL conf (the site's plus a trivial view) and its ASGI
application (the site's plus a bare Channels chat). What it imports beyond the site's own
dependencies is the `bench` extra of pyproject.toml (`make bench` installs it).
"""

import os

from lantern.settings.base import *  # noqa: F403
from lantern.settings.base import INSTALLED_APPS, env_list

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY") or "bench-only-key-never-used-in-production"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A bench-only long-term data key (chat/referrals/keys.py), for any lead the demo content makes.
LANTERN_DATA_KEY = env_list("LANTERN_DATA_KEY") or ["YmVuY2gtb25seS1kYXRhLWtleS1uZXZlci11c2VkISE"]

# A new list: the one imported above is the site's own.
INSTALLED_APPS = [*INSTALLED_APPS, "chat.bench"]
ROOT_URLCONF = "chat.bench.urls"
ASGI_APPLICATION = "chat.bench.asgi.application"

# The benchmark measures the chat; the proof of work before a start is measured on its own
# (`make bench-challenge`, docs/performance.md). Its clients still solve one per start.
LANTERN_CHALLENGE_COST = 1
LANTERN_CHALLENGE_NORMAL_WORK = 1
LANTERN_CHALLENGE_RAISED_WORK = 1
