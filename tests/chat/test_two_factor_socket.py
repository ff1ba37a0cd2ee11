"""With LANTERN_REQUIRE_2FA on, or when the operator has set up a second factor, the operator
socket, like the console page, needs a session that has given it (lantern.two_factor)."""

from __future__ import annotations

from django.contrib.sessions.backends.db import SessionStore

from asgiref.sync import sync_to_async
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from chat import protocol

from .conftest import CHAT_DB, Operator, make_user, session_cookie

pytestmark = CHAT_DB


@sync_to_async
def operator_session(*, verified: bool, device: bool = True) -> tuple[object, str]:
    user = make_user(available=True)
    cookie = session_cookie(user)
    if not device:
        return user, cookie
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    if verified:
        session = SessionStore(session_key=cookie)
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return user, cookie


async def connect(cookie: str, _chat_clients) -> Operator:
    client = Operator(cookie=cookie)
    _chat_clients.append(client)
    connected, _ = await client.connect()
    assert connected
    return client


async def test_operator_socket_refused_without_the_second_factor(settings, _chat_clients):
    settings.LANTERN_REQUIRE_2FA = True
    _, cookie = await operator_session(verified=False)

    op = await connect(cookie, _chat_clients)

    await op.expect_error(protocol.ERROR_SECOND_FACTOR)
    await op.expect_closed(protocol.CLOSE_UNAUTHORISED)
    assert op.of_type("state") == []
    assert op.of_type("queue") == []


async def test_operator_socket_opens_after_the_second_factor(settings, _chat_clients):
    settings.LANTERN_REQUIRE_2FA = True
    _, cookie = await operator_session(verified=True)

    op = await connect(cookie, _chat_clients)

    await op.expect("state")


async def test_a_reset_device_no_longer_counts(settings, _chat_clients):
    settings.LANTERN_REQUIRE_2FA = True
    user, cookie = await operator_session(verified=True)
    await sync_to_async(lambda: TOTPDevice.objects.filter(user=user).delete())()

    op = await connect(cookie, _chat_clients)

    await op.expect_error(protocol.ERROR_SECOND_FACTOR)
    await op.expect_closed(protocol.CLOSE_UNAUTHORISED)


async def test_setting_off_needs_no_second_factor_of_an_operator_without_one(
    settings, _chat_clients
):
    settings.LANTERN_REQUIRE_2FA = False
    _, cookie = await operator_session(verified=False, device=False)

    op = await connect(cookie, _chat_clients)

    await op.expect("state")


async def test_setting_off_still_needs_the_factor_an_operator_set_up(settings, _chat_clients):
    """Issue 17: a factor that was set up must be given, whatever the setting."""
    settings.LANTERN_REQUIRE_2FA = False
    _, cookie = await operator_session(verified=False)

    op = await connect(cookie, _chat_clients)

    await op.expect_error(protocol.ERROR_SECOND_FACTOR)
    await op.expect_closed(protocol.CLOSE_UNAUTHORISED)
