"""Settings shared by every environment.

Everything that differs between machines comes from environment variables (see
`.env.example`). Without any, the project runs on the embedded default: SQLite, the in-memory
channel layer and the local-memory cache.
"""

import os
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _

import dj_database_url
from csp.constants import NONCE, NONE, SELF

# The repository root: `site/settings/base.py` -> parents[2].
BASE_DIR = Path(__file__).resolve().parents[2]
# The package's own folder: `site/` in a checkout, `lantern/` when installed from the wheel.
PROJECT_DIR = Path(__file__).resolve().parents[1]


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # wagtail_modeltranslation must come before the apps whose models it translates; its two
    # companions replace `makemigrations` and `migrate` so that the translated columns it adds
    # to Wagtail's own Page table are kept in step (see its README).
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "modeltranslation",
    "daphne",
    "lantern",
    "awareness",
    "chat",
    "chat.referrals",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "channels",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # recovery codes
    "django_otp_webauthn",  # passkeys
    "lantern.two_factor",  # its Wagtail hooks (the "Sign-in methods" link)
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: X-Forwarded-* headers count only from the proxies named in LANTERN_TRUSTED_PROXIES.
    "lantern.middleware.TrustedProxyHeadersMiddleware",
    # The page cache (awareness/middleware.py): stores a page once every middleware below has
    # had the response, and looks pages up last of all, just before Wagtail routes them.
    "awareness.middleware.PageCacheStoreMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "lantern.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "lantern.middleware.FrameAncestorsMiddleware",
    # Keeps the request for the nonce of templates' own inline scripts (lantern.script_nonce).
    "lantern.script_nonce.CurrentRequestMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "lantern.two_factor.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Ends staff sessions idle or too old, and records activity (after the messages: it says
    # why on the sign-in page).
    "lantern.sessions.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that a cached page gets every header above exactly as a rendered one does.
    "awareness.middleware.PageCacheMiddleware",
]

ROOT_URLCONF = "lantern.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "OPTIONS": {
            # The usual loaders, cached, with the CSP nonce given to the inline scripts written
            # in templates' own source and to no other (lantern.script_nonce).
            "loaders": [
                (
                    "lantern.script_nonce.Loader",
                    [
                        "django.template.loaders.filesystem.Loader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
            "builtins": ["lantern.script_nonce"],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Widget templates (Wagtail's date and time inputs) get the nonce the same way.
FORM_RENDERER = "lantern.script_nonce.FormRenderer"

ASGI_APPLICATION = "lantern.asgi.application"
WSGI_APPLICATION = None

# --- Data stores ----------------------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # What is deleted is overwritten with zeros in the file, not only unlinked from its pages
    # (some builds of SQLite do it by default; Lantern does not rely on the build).
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA secure_delete = ON;"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")

# Declared up front: the two branches build differently shaped values, and test.py edits them.
CACHES: dict[str, dict[str, Any]]
CHANNEL_LAYERS: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "lantern"),
            # One connection pool per process, not one per request (site/cachepool.py).
            "OPTIONS": {"pool_class": "lantern.cachepool.SharedConnectionPool"},
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            # Redis publish/subscribe: each process subscribes to its consumers' channels and
            # groups, and Redis pushes events to it as they are published. The list-based
            # `RedisChannelLayer` keeps one inbox per process, capped at `capacity` (100)
            # events and emptied one blocking read at a time: under load that inbox fills and
            # group messages are dropped silently (docs/performance.md). Both are at most
            # once; the database is the source of truth either way.
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {
                # The same Redis, named 16 times. The layer keeps a publishing and a subscribing
                # connection per entry, and a publish waits for the one before it on the same
                # connection: through one, a busy process's publishes queued for up to seconds
                # (docs/performance.md). Channels and groups are spread over the entries by a
                # hash of their name, the same in every process.
                "hosts": [
                    {
                        "address": REDIS_URL,
                        # A Redis that stops answering fails a publish after this long instead
                        # of holding the consumer that sent it.
                        "socket_timeout": 15,
                    }
                ]
                * 16,
                "prefix": os.environ.get("CHANNEL_LAYER_PREFIX", "lantern"),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "lantern",
        }
    }
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --- Authentication -------------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"
# Pages and documents restricted to signed-in people send them to the same sign-in (site/urls.py
# turns Wagtail's own form away).
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
WAGTAILADMIN_USER_LOGIN_FORM = "lantern.two_factor.signin.ThrottledLoginForm"

# Two-factor sign-in (lantern.two_factor): with this on (production, settings/production.py),
# every account that can reach the admin must give a second factor; off (development and
# tests), only those who set one up must give it.
LANTERN_REQUIRE_2FA = env_bool("LANTERN_REQUIRE_2FA", False)
# Adding or removing a factor needs one given this recently in the same session.
LANTERN_2FA_FRESH_SECONDS = 5 * 60
LANTERN_2FA_RECOVERY_CODES = 10  # made at a time, each usable once
OTP_TOTP_ISSUER = "Lantern"
OTP_TOTP_THROTTLE_FACTOR = 1  # after n wrong codes, wait 2^(n-1) seconds
OTP_STATIC_THROTTLE_FACTOR = 1


def webauthn_relying_party(base_url: str) -> tuple[str, list[str]]:
    """Passkeys' relying party ID (a domain: browsers refuse an IP address) and the origins
    allowed to use them, for an admin served at `base_url`: its host and origin, or
    `localhost` when the host is an address (`make run` serves http://127.0.0.1:8000; open
    http://localhost:8000/admin/ to use passkeys there: with the ID `localhost`, any port of
    http://localhost is accepted, see lantern.two_factor.passkeys)."""
    import ipaddress
    from urllib.parse import urlsplit

    parts = urlsplit(base_url)
    host = parts.hostname or ""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        if host:
            return host, [f"{parts.scheme}://{parts.netloc}"]
    return "localhost", ["http://localhost:8000"]


# Override with LANTERN_WEBAUTHN_RP_ID and LANTERN_WEBAUTHN_ORIGINS (comma-separated https
# origins). Changing the ID later makes every passkey unusable (they are bound to it).
_rp_id, _origins = webauthn_relying_party(
    os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
)
OTP_WEBAUTHN_RP_ID = os.environ.get("LANTERN_WEBAUTHN_RP_ID") or _rp_id
OTP_WEBAUTHN_RP_NAME = "Lantern"
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list("LANTERN_WEBAUTHN_ORIGINS") or _origins
# A passkey is a second factor after the password, never a sign-in of its own (which would
# skip the sign-in form's throttling).
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_HELPER_CLASS = "lantern.two_factor.passkeys.PasskeyHelper"
# The package would log a traceback for every malformed answer a browser sends.
OTP_WEBAUTHN_EXCEPTION_LOGGER_NAME = ""
# Failed sign-ins (lantern.two_factor.signin), per window: past these, a browser without this
# account's device cookie must pass the proof of work (per account, and everybody together);
# a device cookie stops counting after its own failures. The device cookie lasts this long.
LANTERN_SIGNIN_WINDOW_SECONDS = 15 * 60
LANTERN_SIGNIN_FAILURES_PER_ACCOUNT = 5
LANTERN_SIGNIN_FAILURES_TOTAL = 200
LANTERN_SIGNIN_FAILURES_PER_DEVICE = 5
LANTERN_SIGNIN_DEVICE_COOKIE_DAYS = 365

# Staff sessions only: public pages never touch the session, so they set no cookie.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Staff sessions end (lantern.sessions) after this long without activity, with a warning this
# long before; and this long after signing in at the latest, "remember me" or not. An
# operator's console checks its session this often.
LANTERN_STAFF_IDLE_SECONDS = int(os.environ.get("LANTERN_STAFF_IDLE_SECONDS", str(30 * 60)))
LANTERN_STAFF_IDLE_WARNING_SECONDS = int(
    os.environ.get("LANTERN_STAFF_IDLE_WARNING_SECONDS", str(2 * 60))
)
LANTERN_STAFF_SESSION_MAX_SECONDS = int(
    os.environ.get("LANTERN_STAFF_SESSION_MAX_SECONDS", str(12 * 60 * 60))
)
LANTERN_STAFF_SESSION_CHECK_SECONDS = float(
    os.environ.get("LANTERN_STAFF_SESSION_CHECK_SECONDS", "5")
)
# The cookie and the stored session never outlive the absolute limit.
SESSION_COOKIE_AGE = LANTERN_STAFF_SESSION_MAX_SECONDS
CSRF_COOKIE_HTTPONLY = True

# The admin's password reset (lantern.password_reset): links good for an hour; requests
# counted per window under a keyed hash of the address (never the address), per address and
# for everybody together; past either, the form still answers the same, but sends nothing.
PASSWORD_RESET_TIMEOUT = 60 * 60
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "lantern.password_reset.ThrottledPasswordResetForm"  # noqa: S105
LANTERN_PASSWORD_RESET_WINDOW_SECONDS = 60 * 60
LANTERN_PASSWORD_RESET_PER_ACCOUNT = 3
LANTERN_PASSWORD_RESET_TOTAL = 100

# --- Internationalisation -------------------------------------------------------------------

LANGUAGE_CODE = "lv"
LANGUAGES = [
    ("lv", _("Latvian")),
    ("en", _("English")),
    ("ru", _("Russian")),
    ("uk", _("Ukrainian")),
]
# Each language's own name for itself, for the language switcher.
LANGUAGE_NATIVE_NAMES = {"lv": "Latviešu", "en": "English", "ru": "Русский", "uk": "Українська"}
# locales/ sits at the top of a checkout; the wheel carries it inside the package (pyproject.toml).
LOCALE_PATHS = [
    PROJECT_DIR / "locales" if (PROJECT_DIR / "locales").is_dir() else BASE_DIR / "locales"
]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Riga"

MODELTRANSLATION_DEFAULT_LANGUAGE = "lv"
MODELTRANSLATION_LANGUAGES = ("lv", "en", "ru", "uk")
# A page not translated into the visitor's language is shown in Latvian, then English, and
# says so (awareness.models.LanternPage.shown_language); a page that has neither (written in
# Russian or Ukrainian first) is shown only in its own languages, and in Latvian with the note.
LANTERN_PAGE_FALLBACK_LANGUAGES = ("lv", "en")
# What a translated field gives where it is empty (a page written in Russian or Ukrainian first
# is cleaned and saved in its own language: LanternPage._in_own_language).
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": LANTERN_PAGE_FALLBACK_LANGUAGES}
WAGTAILMODELTRANSLATION_TRANSLATE_SLUGS = True
# Slugs in Latin letters in every language: the admin romanises as the editor types, and
# awareness.slugs does it on save (a title in Cyrillic gives an address anyone can type).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILMODELTRANSLATION_LOCALE_PICKER = True

# --- Static and media files -----------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# static/ sits at the top of a checkout; the wheel carries it as the package's own static/
# folder, which the app directories finder finds like any app's (pyproject.toml).
STATICFILES_DIRS = [] if (PROJECT_DIR / "static").is_dir() else [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "lantern.storage.StaticStorage"},
}

# --- Wagtail --------------------------------------------------------------------------------

WAGTAIL_SITE_NAME = "Lantern"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "docx", "txt"]
WAGTAIL_I18N_ENABLED = False  # languages are columns (modeltranslation), not page copies
# Nothing in the admin may reach another host either.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILEMBEDS_FINDERS: list[dict[str, Any]] = []  # no oEmbed look-ups from the admin to other hosts
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True

# --- Security headers -----------------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
# The reverse proxies (addresses or networks) whose X-Forwarded-* headers count; from any
# other peer they are removed (lantern.proxies). None by default.
LANTERN_TRUSTED_PROXIES = env_list("LANTERN_TRUSTED_PROXIES")
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()"
)

# django-csp 4: one policy. No 'unsafe-inline' anywhere: public pages carry no inline script or
# style at all (so that cached pages never hold a stale nonce); staff pages that need an inline
# script get a nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [SELF],
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [NONE],
    },
}

# --- Logging --------------------------------------------------------------------------------
# No visitor address, message text or token is ever logged. Django's request logger would
# write the path and, for errors, the request (which holds the address): it goes through a
# filter that keeps only the status line.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "privacy": {"()": "lantern.logging.PrivacyFilter"},
        "silenced": {"()": "lantern.logging.Silenced"},
        "repeated": {"()": "lantern.logging.Repeated"},
    },
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["privacy"],
        },
        # The console, for loggers of dependencies that repeat themselves (a handler's filter
        # sees the records of the logger's children too; a logger's own filter would not).
        "repeated": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["privacy", "repeated"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.channels.server": {"handlers": [], "level": "CRITICAL", "propagate": False},
        "daphne": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django_tasks": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # The channel layer reports Redis being down from every socket's receive task, with a
        # traceback each: once in a while instead (lantern.logging.Repeated).
        "channels_redis": {"handlers": ["repeated"], "level": "WARNING", "propagate": False},
        # redis-py logs every event the channel layer's subscription receives (message text
        # included) at DEBUG under this name: never written, at any level.
        "push_response": {
            "handlers": [],
            "level": "CRITICAL",
            "propagate": False,
            "filters": ["silenced"],
        },
    },
}

# --- Lantern --------------------------------------------------------------------------------

# Where quick exit goes when no editor has set a destination yet.
LANTERN_DEFAULT_QUICK_EXIT_URL = "https://www.google.com/search?q=weather"
# Rendered public pages are cached per language for this long; publishing clears them.
LANTERN_PAGE_CACHE_SECONDS = int(os.environ.get("LANTERN_PAGE_CACHE_SECONDS", "600"))
# Closed leads are anonymised this many days after they close.
LANTERN_LEAD_RETENTION_DAYS = int(os.environ.get("LANTERN_LEAD_RETENTION_DAYS", "365"))
# A visitor who disconnects gets this long to come back (reload, network loss) before their
# conversation is closed.
LANTERN_CHAT_RESUME_SECONDS = int(os.environ.get("LANTERN_CHAT_RESUME_SECONDS", "120"))
# A visitor's message that no operator has answered for this long is marked urgent in the
# operator's console.
LANTERN_CHAT_URGENT_SECONDS = int(os.environ.get("LANTERN_CHAT_URGENT_SECONDS", "120"))
# A conversation still open this long after it started is closed by `apply_retention`
# (the chat sweep normally closes it within minutes of the visitor leaving).
LANTERN_CHAT_MAX_AGE_HOURS = int(os.environ.get("LANTERN_CHAT_MAX_AGE_HOURS", "24"))
# Statistics hide counts from 1 to this number minus one ("<5"), so nobody can be singled out.
LANTERN_STATS_MIN_COUNT = int(os.environ.get("LANTERN_STATS_MIN_COUNT", "5"))
# Whether `load_demo_content` creates the demo staff accounts (known passwords): only the dev
# and test settings turn this on; anywhere else the command loads the content without them.
LANTERN_DEMO_ACCOUNTS = False
# Development only (`make run`): the chat is open whatever the hour, so a newcomer can try it
# at any time; the opening hours are still shown. The production settings never allow it.
LANTERN_CHAT_ALWAYS_OPEN = False
# Withdrawal codes (chat/referrals/withdrawal.py), counted per window in the cache, never by
# address: attempts allowed for codes that start alike (with or without a proof of work);
# attempts allowed without a proof (no JavaScript) for everyone together; and the usual number
# of attempts, above which the proof asked of every attempt grows (twice as many: raised).
LANTERN_WITHDRAWAL_WINDOW_SECONDS = 3600
LANTERN_WITHDRAWAL_ATTEMPTS_PER_PREFIX = 5
LANTERN_WITHDRAWAL_ATTEMPTS_TOTAL = 300
LANTERN_WITHDRAWAL_ATTEMPTS_USUAL = 30
# Keys of the withdrawal codes' keyed hashes (chat/consent.py), comma-separated, the current
# one first: new codes use the first, lookups try them all (rotation: docs/privacy.md). None
# here: dev and test settings have a fixed development-only key, production refuses to start
# without its own.
LANTERN_WITHDRAWAL_CODE_KEYS = env_list("LANTERN_WITHDRAWAL_CODE_KEYS")
# The long-term key that wraps each lead's own key (chat/referrals/keys.py): 32 random bytes in
# base64 (`manage.py data_keys --new`), comma-separated, the current one first; older ones stay
# listed until `manage.py data_keys --rotate` has re-wrapped every lead key with the current
# one. Separate from SECRET_KEY, and never in the database or its backups. Dev and test
# settings have a fixed development-only key; production refuses to start without its own.
LANTERN_DATA_KEY = env_list("LANTERN_DATA_KEY")
# New-lead emails to caseworkers (chat/referrals/notify.py): at most one per this many
# minutes, with the count of leads since the last one.
LANTERN_LEAD_EMAIL_MINUTES = int(os.environ.get("LANTERN_LEAD_EMAIL_MINUTES", "5"))

# The proof of work asked before a chat starts, a message is left, a withdrawal is checked and,
# after failed sign-ins, a staff sign-in (lantern.challenge): PBKDF2 iterations per attempt,
# the attempts at most when all is quiet and under a flood, and how long a challenge is good.
LANTERN_CHALLENGE_COST = int(os.environ.get("LANTERN_CHALLENGE_COST", "1000"))
LANTERN_CHALLENGE_NORMAL_WORK = int(os.environ.get("LANTERN_CHALLENGE_NORMAL_WORK", "200"))
LANTERN_CHALLENGE_RAISED_WORK = int(os.environ.get("LANTERN_CHALLENGE_RAISED_WORK", "42000"))
LANTERN_CHALLENGE_SECONDS = 600
# What is usual for the chat (load 1: the normal level; twice that: the raised level).
LANTERN_CHALLENGE_USUAL_WAITING = 20
LANTERN_CHALLENGE_USUAL_STARTS_PER_MINUTE = 10
LANTERN_CHALLENGE_USUAL_LEFT_PER_MINUTE = 5

# --- Mail -----------------------------------------------------------------------------------
# New-lead notices to caseworkers (no personal data) go out only when a mail server is set.
if os.environ.get("EMAIL_HOST"):
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "lantern@localhost")
