"""Staff sessions end (lantern.sessions, issue 17): after LANTERN_STAFF_IDLE_SECONDS without
the person's activity, and LANTERN_STAFF_SESSION_MAX_SECONDS after signing in whatever
"remember me" said; the admin's script reads the deadlines from a status endpoint and warns.

Before: sessions lasted 8 hours, slid forward with every request, and "remember me" kept them.
"""

from __future__ import annotations

import importlib.util

from django.conf import settings as django_settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.models import Permission
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest

from lantern import sessions

pytestmark = pytest.mark.django_db

PASSWORD = "a password long enough"  # noqa: S105  (a test account's)
STATUS = "/admin/session/"


def make_user(username: str = "staff", *, admin: bool = True):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    if admin:
        user.user_permissions.add(
            Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
        )
    return user


@pytest.fixture
def staff():
    return make_user()


@pytest.fixture
def client_of(staff):
    """A browser signed in as `staff` (reading English)."""
    client = Client(headers={"accept-language": "en"})
    client.force_login(staff)
    return client


def shift(client: Client, key: str, seconds: float) -> float:
    """Move one of the session's stamps `seconds` into the past; the new value."""
    session = client.session
    session[key] = session[key] - seconds
    session.save()
    return session[key]


def stamp(client: Client, key: str) -> float:
    return client.session[key]


def signed_in(client: Client) -> bool:
    return SESSION_KEY in client.session


def message_texts(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- The stamps and the limits ----------------------------------------------------------------


def test_signing_in_stamps_the_session(client_of):
    moment = sessions.now()
    assert moment - 60 < stamp(client_of, sessions.SIGNED_IN_AT) <= moment
    assert stamp(client_of, sessions.ACTIVE_AT) == stamp(client_of, sessions.SIGNED_IN_AT)


def test_an_idle_session_ends_at_its_next_admin_request_and_says_why(client_of, settings):
    settings.LANTERN_STAFF_IDLE_SECONDS = 600
    shift(client_of, sessions.ACTIVE_AT, 601)

    response = client_of.get(reverse("wagtailadmin_home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login") + "?next=")
    assert not signed_in(client_of)
    page = client_of.get(response["Location"])
    with translation.override("en"):
        assert message_texts(page) == [str(sessions.REASON_MESSAGES[sessions.IDLE])]


def test_a_session_short_of_the_idle_limit_holds(client_of, settings):
    settings.LANTERN_STAFF_IDLE_SECONDS = 600
    shift(client_of, sessions.ACTIVE_AT, 590)

    assert client_of.get(reverse("wagtailadmin_home")).status_code == 200
    assert signed_in(client_of)


def test_activity_extends_it(client_of, settings):
    settings.LANTERN_STAFF_IDLE_SECONDS = 600
    before = shift(client_of, sessions.ACTIVE_AT, 500)

    client_of.get(reverse("wagtailadmin_home"))

    assert stamp(client_of, sessions.ACTIVE_AT) >= before + 500 - 1
    shift(client_of, sessions.ACTIVE_AT, 500)  # 500 s after the page, not 1000 after signing in
    assert client_of.get(reverse("wagtailadmin_home")).status_code == 200


def test_wagtails_background_pings_are_not_activity(client_of, settings, staff):
    settings.LANTERN_STAFF_IDLE_SECONDS = 600
    before = shift(client_of, sessions.ACTIVE_AT, 500)
    # The page editor's editing-sessions ping, as its script sends it every few seconds.
    ping = reverse("wagtailadmin_editing_sessions:ping", args=["wagtailcore", "page", "1", 123456])

    client_of.post(ping)

    assert stamp(client_of, sessions.ACTIVE_AT) == before
    shift(client_of, sessions.ACTIVE_AT, 101)
    client_of.post(ping)
    assert not signed_in(client_of)


def test_the_absolute_limit_holds_with_remember_me(settings, staff):
    settings.LANTERN_STAFF_SESSION_MAX_SECONDS = 3600
    settings.SESSION_COOKIE_AGE = 3600  # as base.py derives it
    client = Client(headers={"accept-language": "en"})
    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": staff.username, "password": PASSWORD, "remember": "on"},
    )
    assert response.status_code == 302 and signed_in(client)
    assert client.session.get_expiry_age() <= 3600
    assert int(client.cookies[django_settings.SESSION_COOKIE_NAME]["max-age"]) <= 3600

    # Active all along, but signed in an hour ago.
    shift(client, sessions.SIGNED_IN_AT, 3601)
    shift(client, sessions.ACTIVE_AT, 0)
    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 302
    assert not signed_in(client)
    page = client.get(response["Location"])
    with translation.override("en"):
        assert message_texts(page) == [str(sessions.REASON_MESSAGES[sessions.ABSOLUTE])]


def test_the_session_cookie_never_outlives_the_absolute_limit():
    assert django_settings.SESSION_COOKIE_AGE <= django_settings.LANTERN_STAFF_SESSION_MAX_SECONDS


def test_a_session_from_before_the_stamps_counts_from_its_next_request(staff, settings):
    """A session stored before this change (no stamps) is measured from now, not ended."""
    client = Client()
    client.force_login(staff)
    session = client.session
    del session[sessions.SIGNED_IN_AT], session[sessions.ACTIVE_AT]
    session.save()

    assert client.get(reverse("wagtailadmin_home")).status_code == 200

    assert stamp(client, sessions.SIGNED_IN_AT) > sessions.now() - 60
    assert stamp(client, sessions.ACTIVE_AT) > sessions.now() - 60


def test_scripts_are_told_with_json(client_of, settings):
    settings.LANTERN_STAFF_IDLE_SECONDS = 600
    shift(client_of, sessions.ACTIVE_AT, 601)

    response = client_of.get(
        reverse("wagtailadmin_home"), headers={"x-requested-with": "XMLHttpRequest"}
    )

    assert response.status_code == 401
    assert response.json() == {
        "signed_in": False,
        "reason": "idle",
        "login_url": reverse("wagtailadmin_login"),
    }


def test_public_pages_are_not_activity(client_of, settings):
    # (A session already past its limits is ended there too: test_signed_in_elsewhere.py.)
    settings.LANTERN_STAFF_IDLE_SECONDS = 600
    before = shift(client_of, sessions.ACTIVE_AT, 300)

    client_of.get("/robots.txt")

    assert signed_in(client_of)
    assert stamp(client_of, sessions.ACTIVE_AT) == before


# --- The status endpoint ----------------------------------------------------------------------


def test_status_anonymous_is_told_to_sign_in():
    response = Client().get(STATUS)

    assert response.status_code == 401
    assert response.json()["signed_in"] is False
    assert response.json()["login_url"] == reverse("wagtailadmin_login")


def test_status_refuses_a_user_without_admin_access():
    client = Client()
    client.force_login(make_user("outsider", admin=False))

    response = client.get(STATUS)

    assert response.status_code == 403
    assert "remaining" not in response.json()


def test_status_answers_staff_with_the_deadlines(client_of, settings):
    settings.LANTERN_STAFF_IDLE_SECONDS = 600
    settings.LANTERN_STAFF_IDLE_WARNING_SECONDS = 120
    settings.LANTERN_STAFF_SESSION_MAX_SECONDS = 3600
    shift(client_of, sessions.ACTIVE_AT, 100)

    response = client_of.get(STATUS)

    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    data = response.json()
    assert data["signed_in"] is True
    assert 495 <= data["remaining"] <= 500
    assert data["remaining"] == data["idle_remaining"] < data["absolute_remaining"] <= 3600
    assert data["ends_by"] == "idle"
    assert data["warning_seconds"] == 120
    assert data["idle_seconds"] == 600


def test_status_get_is_not_activity_and_post_is(settings, staff):
    settings.LANTERN_STAFF_IDLE_SECONDS = 600
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    client.get(reverse("wagtailadmin_home"))  # the page that carries the token
    before = shift(client, sessions.ACTIVE_AT, 300)

    client.get(STATUS)
    assert stamp(client, sessions.ACTIVE_AT) == before

    assert client.post(STATUS).status_code == 403  # without the CSRF token
    assert stamp(client, sessions.ACTIVE_AT) == before

    token = client.cookies[django_settings.CSRF_COOKIE_NAME].value
    response = client.post(STATUS, headers={"x-csrftoken": token})
    assert response.status_code == 200
    assert stamp(client, sessions.ACTIVE_AT) >= before + 299
    assert response.json()["remaining"] > 590


def test_status_of_an_ended_session_ends_it_and_says_so(client_of, settings):
    settings.LANTERN_STAFF_IDLE_SECONDS = 600
    key = client_of.session.session_key
    shift(client_of, sessions.ACTIVE_AT, 601)

    response = client_of.get(STATUS)

    assert response.status_code == 401
    assert response.json()["signed_in"] is False
    assert not signed_in(client_of)
    assert not Session.objects.filter(session_key=key).exists()


# --- The warning's script on every admin page -----------------------------------------------


def test_every_admin_page_loads_the_warning_configured_by_attributes(client_of):
    html = client_of.get(reverse("wagtailadmin_home")).content.decode()

    assert '<script type="module" src="/static/js/staff-session.js" data-staff-session' in html
    assert f'data-status-url="{STATUS}"' in html
    assert 'href="/static/css/staff-session.css"' in html
    for attribute in ("data-title", "data-idle-message", "data-absolute-message", "data-stay"):
        assert f'{attribute}="' in html


# --- Settings ---------------------------------------------------------------------------------


def base_settings(monkeypatch, **env):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    path = django_settings.BASE_DIR / "site" / "settings" / "base.py"
    spec = importlib.util.spec_from_file_location("lantern_settings_copy", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_defaults(monkeypatch):
    for name in (
        "LANTERN_STAFF_IDLE_SECONDS",
        "LANTERN_STAFF_IDLE_WARNING_SECONDS",
        "LANTERN_STAFF_SESSION_MAX_SECONDS",
        "LANTERN_STAFF_SESSION_CHECK_SECONDS",
    ):
        monkeypatch.delenv(name, raising=False)
    base = base_settings(monkeypatch)
    assert base.LANTERN_STAFF_IDLE_SECONDS == 30 * 60
    assert base.LANTERN_STAFF_IDLE_WARNING_SECONDS == 2 * 60
    assert base.LANTERN_STAFF_SESSION_MAX_SECONDS == 12 * 60 * 60
    assert base.LANTERN_STAFF_SESSION_CHECK_SECONDS == 5
    assert base.SESSION_COOKIE_AGE == base.LANTERN_STAFF_SESSION_MAX_SECONDS


def test_the_environment_sets_them(monkeypatch):
    base = base_settings(
        monkeypatch,
        LANTERN_STAFF_IDLE_SECONDS="12",
        LANTERN_STAFF_IDLE_WARNING_SECONDS="8",
        LANTERN_STAFF_SESSION_MAX_SECONDS="7200",
        LANTERN_STAFF_SESSION_CHECK_SECONDS="0.5",
    )
    assert base.LANTERN_STAFF_IDLE_SECONDS == 12
    assert base.LANTERN_STAFF_IDLE_WARNING_SECONDS == 8
    assert base.LANTERN_STAFF_SESSION_MAX_SECONDS == 7200
    assert base.LANTERN_STAFF_SESSION_CHECK_SECONDS == 0.5
    assert base.SESSION_COOKIE_AGE == 7200
