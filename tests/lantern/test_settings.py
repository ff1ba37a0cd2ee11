"""Settings chosen by the environment, and production's refusal to start with unsafe values.

Each case imports the settings in a fresh interpreter with a clean environment: settings are read
once per process, and the test run's own environment (DATABASE_URL, REDIS_URL in CI) must not
leak in.
"""

import base64
import json
import os
import secrets
import subprocess
import sys
import textwrap

from django.conf import settings

import pytest

REPO = settings.BASE_DIR
GOOD_KEY = secrets.token_urlsafe(64)
GOOD_HOSTS = "lantern.example.org"
# Production also needs a withdrawal-code key (tests/referrals/test_withdrawal_keys.py checks
# its refusal without one); every case gets a proper one unless its env says otherwise.
GOOD_CODE_KEY = secrets.token_urlsafe(48)
# And a long-term data key (tests/referrals/test_lead_keys.py checks its refusal without one).
GOOD_DATA_KEY = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def run(code: str, env: dict[str, str], *args: str, tmp_path=None) -> subprocess.CompletedProcess:
    clean = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.path.expanduser("~"),
        "LANG": "C.UTF-8",
        "PYTHONPATH": str(REPO),
        "PYTHONDONTWRITEBYTECODE": "1",
        "LANTERN_WITHDRAWAL_CODE_KEYS": GOOD_CODE_KEY,
        "LANTERN_DATA_KEY": GOOD_DATA_KEY,
    }
    if tmp_path is not None:
        # Never the developer's db.sqlite3.
        clean["DATABASE_URL"] = f"sqlite:///{tmp_path / 'settings-test.sqlite3'}"
    clean.update(env)
    command = [sys.executable, *args] if args else [sys.executable, "-c", textwrap.dedent(code)]
    return subprocess.run(
        command, cwd=REPO, env=clean, capture_output=True, text=True, timeout=120, check=False
    )


def import_settings(module: str, env: dict[str, str], tmp_path) -> subprocess.CompletedProcess:
    code = f"""
        import importlib, json
        s = importlib.import_module({module!r})
        print(json.dumps({{
            "DATABASES": s.DATABASES,
            "CACHES": s.CACHES,
            "CHANNEL_LAYERS": s.CHANNEL_LAYERS,
            "DEBUG": s.DEBUG,
            "ALLOWED_HOSTS": s.ALLOWED_HOSTS,
            "SECURE_HSTS_SECONDS": getattr(s, "SECURE_HSTS_SECONDS", 0),
            "SECURE_SSL_REDIRECT": getattr(s, "SECURE_SSL_REDIRECT", False),
            "SESSION_COOKIE_SECURE": getattr(s, "SESSION_COOKIE_SECURE", False),
            "CSRF_COOKIE_SECURE": getattr(s, "CSRF_COOKIE_SECURE", False),
            "LANTERN_REQUIRE_2FA": s.LANTERN_REQUIRE_2FA,
        }}, default=str))
    """
    return run(code, env, tmp_path=tmp_path)


def settings_of(module: str, env: dict[str, str], tmp_path) -> dict:
    result = import_settings(module, env, tmp_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# --- Production refuses unsafe values -------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "complaint"),
    [
        ({"ALLOWED_HOSTS": GOOD_HOSTS}, "SECRET_KEY"),
        ({"SECRET_KEY": "", "ALLOWED_HOSTS": GOOD_HOSTS}, "SECRET_KEY"),
        ({"SECRET_KEY": "short-key", "ALLOWED_HOSTS": GOOD_HOSTS}, "SECRET_KEY"),
        ({"SECRET_KEY": "django-insecure-" + "x" * 60, "ALLOWED_HOSTS": GOOD_HOSTS}, "SECRET_KEY"),
        ({"SECRET_KEY": GOOD_KEY}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": f"{GOOD_HOSTS},*"}, "ALLOWED_HOSTS"),
    ],
    ids=[
        "no-key",
        "empty-key",
        "short-key",
        "insecure-key",
        "no-hosts",
        "empty-hosts",
        "star-host",
        "star-among-hosts",
    ],
)
def test_production_refuses_to_start(tmp_path, env, complaint):
    result = import_settings("lantern.settings.production", env, tmp_path)

    assert result.returncode != 0
    assert "django.core.exceptions.ImproperlyConfigured" in result.stderr
    assert complaint in result.stderr.strip().splitlines()[-1]


def test_production_starts_with_a_proper_key_and_hosts(tmp_path):
    values = settings_of(
        "lantern.settings.production",
        {"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": f"{GOOD_HOSTS}, www.{GOOD_HOSTS}"},
        tmp_path,
    )

    assert values["DEBUG"] is False
    assert values["ALLOWED_HOSTS"] == [GOOD_HOSTS, f"www.{GOOD_HOSTS}"]
    assert values["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 180
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["LANTERN_REQUIRE_2FA"] is True


def deploy_check(tmp_path, **env: str) -> subprocess.CompletedProcess:
    return run(
        "",
        {
            "SECRET_KEY": GOOD_KEY,
            "ALLOWED_HOSTS": GOOD_HOSTS,
            "DJANGO_SETTINGS_MODULE": "lantern.settings.production",
            **env,
        },
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
    )


def test_deploy_check_passes_with_production_settings(tmp_path):
    result = deploy_check(tmp_path, LANTERN_TRUSTED_PROXIES="127.0.0.1")

    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_check_warns_when_no_proxy_is_named_behind_tls(tmp_path):
    # X-Forwarded-Proto is believed only from a named proxy: with none, every request behind
    # the TLS-terminating proxy would be redirected to https again, for ever.
    behind_a_proxy = deploy_check(tmp_path)
    terminating_itself = deploy_check(tmp_path, SECURE_SSL_REDIRECT="0")

    assert behind_a_proxy.returncode != 0
    assert "lantern.W001" in behind_a_proxy.stdout + behind_a_proxy.stderr
    # (Django's own check then says that SECURE_SSL_REDIRECT is off; this one says nothing.)
    assert "lantern.W001" not in terminating_itself.stdout + terminating_itself.stderr


def test_production_sends_hsts_and_redirects_to_https(tmp_path):
    code = """
        import json
        import django
        django.setup()
        from django.test import Client
        client = Client(headers={"host": "lantern.example.org"})
        secure = client.get("/robots.txt", secure=True)
        plain = client.get("/robots.txt")
        print(json.dumps({
            "secure_status": secure.status_code,
            "secure": dict(secure.headers),
            "plain_status": plain.status_code,
            "plain_location": plain.get("Location"),
        }))
    """
    result = run(
        code,
        {
            "SECRET_KEY": GOOD_KEY,
            "ALLOWED_HOSTS": GOOD_HOSTS,
            "DJANGO_SETTINGS_MODULE": "lantern.settings.production",
        },
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])

    assert values["secure_status"] == 200
    hsts = values["secure"]["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts
    assert values["secure"]["Referrer-Policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in values["secure"]["Content-Security-Policy"]
    assert values["plain_status"] == 301
    assert values["plain_location"] == "https://lantern.example.org/robots.txt"


# --- Services chosen by the environment -----------------------------------------------------


@pytest.mark.parametrize("module", ["lantern.settings.dev", "lantern.settings.production"])
def test_postgres_and_redis_from_the_environment(tmp_path, module):
    env = {
        "SECRET_KEY": GOOD_KEY,
        "ALLOWED_HOSTS": GOOD_HOSTS,
        "DATABASE_URL": "postgres://lantern:pw@db.internal:5433/lantern",
        "REDIS_URL": "redis://cache.internal:6380/2",
    }

    values = settings_of(module, env, tmp_path)

    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["HOST"], database["PORT"], database["USER"]) == (
        "lantern",
        "db.internal",
        5433,
        "lantern",
    )
    cache = values["CACHES"]["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache["LOCATION"] == "redis://cache.internal:6380/2"
    layer = values["CHANNEL_LAYERS"]["default"]
    # Publish/subscribe: no per-process inbox whose cap drops group messages under load.
    assert layer["BACKEND"] == "channels_redis.pubsub.RedisPubSubChannelLayer"
    # One Redis, through several connections, so that publishes do not queue behind one.
    hosts = layer["CONFIG"]["hosts"]
    assert len(hosts) > 1
    for host in hosts:
        assert host["address"] == "redis://cache.internal:6380/2"
        assert host["socket_timeout"] > 0


def test_embedded_defaults_without_services(tmp_path):
    values = settings_of("lantern.settings.dev", {}, None)

    assert values["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert values["CACHES"]["default"]["BACKEND"] == (
        "django.core.cache.backends.locmem.LocMemCache"
    )
    assert values["CHANNEL_LAYERS"]["default"]["BACKEND"] == (
        "channels.layers.InMemoryChannelLayer"
    )
    assert values["LANTERN_REQUIRE_2FA"] is False


def test_production_two_factor_can_be_switched_off_only_explicitly(tmp_path):
    env = {"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": GOOD_HOSTS, "LANTERN_REQUIRE_2FA": "false"}
    values = settings_of("lantern.settings.production", env, tmp_path)

    assert values["LANTERN_REQUIRE_2FA"] is False


def test_test_settings_give_each_run_its_own_redis_key_space(tmp_path):
    values = settings_of(
        "lantern.settings.test", {"REDIS_URL": "redis://127.0.0.1:6379/0"}, tmp_path
    )

    prefix = values["CACHES"]["default"]["KEY_PREFIX"]
    assert prefix.startswith("lantern-test-")
    assert values["CHANNEL_LAYERS"]["default"]["CONFIG"]["prefix"] == prefix


def test_redis_replies_are_parsed_in_c():
    """hiredis is installed and redis-py uses it for every reply and pushed event (the channel
    layer's share of the chat's event loop, docs/performance.md)."""
    from redis.utils import HIREDIS_AVAILABLE

    assert HIREDIS_AVAILABLE


def test_sqlite_overwrites_what_is_deleted(tmp_path):
    # PRAGMA secure_delete: a deleted row's bytes are zeroed in the file, whatever the build of
    # SQLite defaults to (Debian's happens to have it on; others do not).
    values = settings_of("lantern.settings.dev", {}, None)
    options = values["DATABASES"]["default"]["OPTIONS"]
    assert "PRAGMA secure_delete = ON" in options["init_command"]

    result = run(
        """
        import django
        django.setup()
        from django.db import connection
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete")
            print(cursor.fetchone()[0])
        """,
        {"DJANGO_SETTINGS_MODULE": "lantern.settings.dev"},
        tmp_path=tmp_path,
    )
    assert result.stdout.strip() == "1", result.stderr
