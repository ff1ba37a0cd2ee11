"""Bad input through a real daphne (issue 16): what the test communicator cannot show, since
it neither encodes frames nor enforces websocket limits. One daphne for the module, started as
production starts it (`python -m lantern.serve`, lantern.testing.daphne), on the test database
(tests/chat/servers.py); each test reads what the server wrote meanwhile.

- Text that is not Unicode is answered `malformed` (before: close 1011 and a traceback).
- Frames sent after `end`, or after a refused `resume`, are quiet (before: "Attempt to send on
  a closed protocol" in the log).
- A path that is no route gets HTTP 403, and the log holds nothing of it (before: HTTP 500, and
  the path, token included, in the log twice).
- A frame over the protocol's limit is closed with 1009 and a close frame (before: daphne read
  up to 1 MiB, and dropped the connection without a close frame above that).
"""

from __future__ import annotations

import asyncio
import json

import pytest

from chat import protocol
from lantern.testing.daphne import Daphne

from .servers import Client, database_url_for_servers, handshake_status, server_env

pytestmark = pytest.mark.django_db(transaction=True)

VISITOR_PATH = "/ws/chat/visitor/"
MARKER = "KUKUSHONOK"  # what a client sends, looked for where it must never be
# What daphne writes when the application fails, or the application's failures look like.
NEVER_LOGGED = [
    "Traceback",
    "Exception inside application",
    "Attempt to send on a closed protocol",
    " ERROR ",
    '" 500 ',
    MARKER,
]


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("daphne-input")
    with django_db_blocker.unblock():
        database_url = database_url_for_servers(workdir)
    daphne = Daphne(
        settings="tests.chat.daphne_settings",
        env=server_env(database_url),
        log_path=workdir / "daphne.log",
    )
    daphne.start()
    yield daphne
    daphne.stop()


class Written:
    """What the server writes from now on."""

    def __init__(self, server: Daphne) -> None:
        self.server, self.start = server, len(server.output())

    async def since(self) -> str:
        # Daphne reports a failed application when it reaps it (once a second).
        await asyncio.sleep(1.5)
        return self.server.output()[self.start :]

    async def assert_quiet(self) -> None:
        written = await self.since()
        found = [needle for needle in NEVER_LOGGED if needle in written]
        assert not found, f"{found} in daphne's output:\n{written}"


async def connected(server: Daphne) -> Client:
    client = Client()
    await client.connect(server.port, VISITOR_PATH)
    return client


async def still_answers(server: Daphne) -> None:
    client = await connected(server)
    client.send(type="ping")
    await client.expect("pong")
    await client.close()


async def test_text_that_is_not_unicode_is_malformed_not_a_server_failure(server):
    written = Written(server)
    for raw in [
        '{"type": "' + MARKER + '\\ud800"}',
        '{"type": "message", "client_id": "' + MARKER + '\\ud800", "text": "x"}',
        '{"type": "ping", "x": ["' + MARKER + '\\udfff"]}',
    ]:
        client = await connected(server)
        client.send_text(raw)
        assert (await client.expect("error"))["code"] == protocol.ERROR_MALFORMED
        client.send(type="ping")
        await client.expect("pong")
        await client.close()
    await written.assert_quiet()


async def test_frames_after_end_are_quiet(server):
    written = Written(server)
    client = await connected(server)
    await client.start()
    client.send(type="end")
    for number in range(10):
        client.send(type="ping")
        client.send(type="message", client_id=f"late-{number}", text="still there?")
    await client.expect("ended")
    assert await client.closed() == protocol.CLOSE_ENDED
    await written.assert_quiet()


async def test_frames_after_a_refused_resume_are_quiet(server):
    written = Written(server)
    client = await connected(server)
    client.send(type="resume", token="A" * 43, last_seq=0)
    for _ in range(10):
        client.send(type="ping")
        client.send(type="sync", after=0)
    await client.expect("error", code=protocol.ERROR_TOKEN)
    assert await client.closed() == protocol.CLOSE_TOKEN
    await written.assert_quiet()


async def test_a_path_that_is_no_route_is_refused_and_not_logged(server):
    written = Written(server)
    for path in (
        f"/ws/chat/visitor/{MARKER}/",
        f"/ws/chat/{MARKER}/?token={MARKER}",
        f"/{MARKER}",
    ):
        assert await handshake_status(server.port, path) == 403, path
    await written.assert_quiet()
    await still_answers(server)


def frame_of(size: int) -> str:
    """A `ping` frame of exactly `size` bytes of UTF-8."""
    frame = json.dumps({"type": "ping", "pad": ""})
    return frame[:-2] + "x" * (size - len(frame)) + '"}'


async def test_a_frame_at_the_limit_is_read_and_answered(server):
    written = Written(server)
    client = await connected(server)
    client.send_text(frame_of(protocol.MAX_FRAME_BYTES))
    await client.expect("pong")
    await client.close()
    await written.assert_quiet()


@pytest.mark.parametrize("size", [17 * 1024, 2 * 1024 * 1024], ids=["17KiB", "2MiB"])
async def test_a_frame_over_the_limit_is_closed_with_1009_unread(server, size):
    written = Written(server)
    client = await connected(server)
    client.send_text(frame_of(size))
    assert await client.closed() == protocol.CLOSE_TOO_BIG  # a close frame, not a drop
    assert client.frames == []
    await written.assert_quiet()
    await still_answers(server)
