"""An operator's console closes within seconds once the session it was opened with ends
(issue 17): signing out, idle and absolute expiry, the session row expired or deleted, a
password change, losing the permission, and removing a second factor. Each closes the socket
with CLOSE_SIGNED_OUT (CLOSE_FORBIDDEN for the permission), after a `signed_out` error that
says where to sign in again; the clients do not reconnect after it.

Before: the socket checked the session only at connect, and went on delivering visitors'
messages after any of these.
"""

from __future__ import annotations

import asyncio
import datetime

from django.contrib.auth.models import Permission
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest
from asgiref.sync import sync_to_async
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from chat import protocol
from lantern import sessions

from .conftest import CHAT_DB, Operator, make_user, session_cookie

pytestmark = CHAT_DB

# Long enough that only an event (a signal) can close the socket within the test's wait.
NO_TIMER = 600
# Short enough that the timer closes it within the test's wait.
QUICK_TIMER = 0.2


def ADMIN_ACCESS() -> Permission:  # noqa: N802  (read as the constant it stands for)
    return Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")


@pytest.fixture
def quick_checks(settings):
    settings.LANTERN_STAFF_SESSION_CHECK_SECONDS = QUICK_TIMER
    return settings


@pytest.fixture
def events_only(settings):
    settings.LANTERN_STAFF_SESSION_CHECK_SECONDS = NO_TIMER
    return settings


async def connected(cookie: str, _chat_clients, user=None) -> Operator:
    client = Operator(user=user, cookie=cookie)
    _chat_clients.append(client)
    connected, _ = await client.connect()
    assert connected
    await client.expect("state")
    return client


async def expect_signed_out(op: Operator) -> dict:
    error = await op.expect_error(protocol.ERROR_SIGNED_OUT)
    await op.expect_closed(protocol.CLOSE_SIGNED_OUT)
    assert error["sign_in"]["url"].startswith(reverse("wagtailadmin_login") + "?next=")
    assert error["sign_in"]["label"]
    return error


@sync_to_async
def shift_stamp(cookie: str, key: str, seconds: float) -> None:
    """Move one of the session's stamps `seconds` into the past."""
    session = sessions.session_store(cookie)
    session[key] = session[key] - seconds
    session.save()


@sync_to_async
def stamp(cookie: str, key: str) -> float:
    return sessions.session_store(cookie)[key]


async def test_signing_out_closes_the_console_at_once(operator, events_only):
    op = await operator()

    @sync_to_async
    def sign_out():
        # Wagtail's sign-out is one of its admin views: for those who may use the admin.
        op.user.user_permissions.add(ADMIN_ACCESS())
        client = Client()
        client.cookies["sessionid"] = cookie_of(op)
        return client.post(reverse("wagtailadmin_logout"))

    assert (await sign_out()).status_code == 302

    await expect_signed_out(op)


async def test_signing_out_elsewhere_leaves_this_console_open(operator, events_only):
    op = await operator()
    other = await sync_to_async(session_cookie)(op.user)

    @sync_to_async
    def sign_out_the_other():
        op.user.user_permissions.add(ADMIN_ACCESS())
        client = Client()
        client.cookies["sessionid"] = other
        client.post(reverse("wagtailadmin_logout"))

    await sign_out_the_other()
    await op.send(type="ping")

    await op.expect("pong")
    assert op.close_code is None


async def test_idle_expiry_closes_the_console(operator, quick_checks):
    quick_checks.LANTERN_STAFF_IDLE_SECONDS = 60
    op = await operator()
    cookie = cookie_of(op)

    await shift_stamp(cookie, sessions.ACTIVE_AT, 61)

    await expect_signed_out(op)


async def test_automatic_frames_are_not_activity_and_the_operators_are(operator, settings):
    settings.LANTERN_STAFF_IDLE_SECONDS = 20  # activity written at most once a second
    op = await operator()
    cookie = cookie_of(op)
    await shift_stamp(cookie, sessions.ACTIVE_AT, 10)
    before = await stamp(cookie, sessions.ACTIVE_AT)
    await asyncio.sleep(sessions.activity_resolution() + 0.1)

    await op.send(type="ping")
    await op.expect("pong")
    assert await stamp(cookie, sessions.ACTIVE_AT) == before

    await op.send(type="status", available=True)
    await op.expect("status")
    assert await stamp(cookie, sessions.ACTIVE_AT) > before + 9


async def test_absolute_expiry_closes_the_console(operator, quick_checks):
    quick_checks.LANTERN_STAFF_SESSION_MAX_SECONDS = 3600
    op = await operator()

    await shift_stamp(cookie_of(op), sessions.SIGNED_IN_AT, 3601)

    await expect_signed_out(op)


@pytest.mark.parametrize("how", ["deleted", "expired"])
async def test_the_session_row_gone_behind_djangos_back_closes_the_console(
    operator, quick_checks, how
):
    op = await operator()
    rows = Session.objects.filter(session_key=cookie_of(op))

    if how == "deleted":
        await sync_to_async(rows.delete)()
    else:
        past = timezone.now() - datetime.timedelta(seconds=1)
        await sync_to_async(rows.update)(expire_date=past)

    await expect_signed_out(op)


async def test_a_password_change_closes_the_console_at_once(operator, events_only):
    op = await operator()

    @sync_to_async
    def change_password():
        op.user.set_password("another password, long enough")
        op.user.save()

    await change_password()

    await expect_signed_out(op)


async def test_a_password_set_behind_djangos_back_closes_the_console(operator, quick_checks):
    op = await operator()

    @sync_to_async
    def change_password():
        op.user.set_password("another password, long enough")
        type(op.user).objects.filter(pk=op.user.pk).update(password=op.user.password)

    await change_password()

    await expect_signed_out(op)


async def test_losing_the_permission_closes_the_console_at_once(operator, events_only):
    op = await operator()

    @sync_to_async
    def take_it():
        op.user.user_permissions.remove(Permission.objects.get(codename="operate_chat"))

    await take_it()

    await op.expect_error(protocol.ERROR_FORBIDDEN)
    await op.expect_closed(protocol.CLOSE_FORBIDDEN)


@sync_to_async
def verified_operator() -> tuple[object, str, TOTPDevice]:
    """An operator who must give a second factor, and a session that has given it."""
    user = make_user(available=True)
    user.user_permissions.add(ADMIN_ACCESS())
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    cookie = session_cookie(user)
    session = sessions.session_store(cookie)
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return user, cookie, device


async def test_removing_the_second_factor_closes_the_console_at_once(
    settings, events_only, _chat_clients
):
    settings.LANTERN_REQUIRE_2FA = True
    user, cookie, device = await verified_operator()
    op = await connected(cookie, _chat_clients, user)

    await sync_to_async(device.delete)()

    await expect_signed_out(op)


async def test_removing_another_kind_of_device_rechecks_too(settings, events_only, _chat_clients):
    """Every kind of django_otp device announces its removal (recovery codes here); the
    session's own factor still holds, so the console stays."""
    settings.LANTERN_REQUIRE_2FA = True
    user, cookie, _device = await verified_operator()
    op = await connected(cookie, _chat_clients, user)
    codes = await sync_to_async(StaticDevice.objects.create)(user=user, name="Recovery codes")

    await sync_to_async(codes.delete)()
    await op.send(type="ping")

    await op.expect("pong")
    assert op.close_code is None


async def test_a_console_opened_on_an_idle_session_is_refused(operator, settings, _chat_clients):
    settings.LANTERN_STAFF_IDLE_SECONDS = 60
    op = await operator(connect=False)
    await shift_stamp(cookie_of(op), sessions.ACTIVE_AT, 61)

    connected, _ = await op.connect()

    assert connected
    await expect_signed_out(op)
    assert op.of_type("state") == []


def test_signed_out_is_served_to_the_clients_and_not_reconnected():
    assert protocol.CLOSE_SIGNED_OUT in protocol.NO_RECONNECT_CODES
    assert protocol.for_clients()["CLOSE_SIGNED_OUT"] == protocol.CLOSE_SIGNED_OUT
    assert protocol.CLOSE_SIGNED_OUT not in {
        value
        for name, value in vars(protocol).items()
        if name.startswith("CLOSE_") and name != "CLOSE_SIGNED_OUT" and isinstance(value, int)
    }


def cookie_of(op: Operator) -> str:
    header = dict(op.comm.scope["headers"])[b"cookie"].decode()
    return header.split("=", 1)[1]
