"""Two daphne processes sharing Redis and the database: a visitor on one and an operator on the
other talk as if they were on the same server. This is how Lantern scales (many daphne
processes behind a reverse proxy), so the channel layer must carry every "something new"
between processes.

Runs only with `REDIS_URL` (CI's second pass). The servers use the test database: the
PostgreSQL one directly, or, on SQLite, a file copy of the migrated in-memory test database.
The websocket client is a few lines of asyncio (see `Client`), so no extra dependency.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import os
import struct
import uuid
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

import pytest
from asgiref.sync import sync_to_async

from chat import protocol
from lantern.testing.daphne import Daphne

from .conftest import make_user, session_cookie

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"),
        reason="needs REDIS_URL: two daphne processes share a Redis channel layer",
    ),
]

BASE_DIR = Path(settings.BASE_DIR)
TIMEOUT = 15.0


def database_url_for_servers(tmp_path: Path) -> str:
    """A DATABASE_URL that shows the servers what this test has committed."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        user = quote(db.get("USER") or "")
        password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
        host = db.get("HOST") or "127.0.0.1"
        port = db.get("PORT") or 5432
        return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"
    assert connection.vendor == "sqlite"
    target = tmp_path / "db.sqlite3"
    import sqlite3

    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    return f"sqlite:///{target}"


class Client:
    """A small websocket client (RFC 6455) on asyncio streams, enough for JSON text frames.

    autobahn's asyncio client cannot be used in this process: daphne, installed as a Django
    app, has already bound autobahn's txaio to Twisted. Frames are collected by a reader task;
    `expect()` works like the test communicator's."""

    def __init__(self) -> None:
        self.frames: list[dict] = []
        self.inbox: asyncio.Queue = asyncio.Queue()
        self.close_code: int | None = None
        self.local_port: int | None = None
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.task: asyncio.Task | None = None

    async def connect(self, port: int, path: str, cookie: str | None = None) -> None:
        self.reader, self.writer = await asyncio.wait_for(
            asyncio.open_connection("127.0.0.1", port), TIMEOUT
        )
        self.local_port = self.writer.get_extra_info("sockname")[1]
        key = base64.b64encode(os.urandom(16)).decode()
        lines = [
            f"GET {path} HTTP/1.1",
            f"Host: 127.0.0.1:{port}",
            "Upgrade: websocket",
            "Connection: Upgrade",
            f"Sec-WebSocket-Key: {key}",
            "Sec-WebSocket-Version: 13",
            f"Origin: http://127.0.0.1:{port}",
        ]
        if cookie:
            lines.append(f"Cookie: sessionid={cookie}")
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
        await self.writer.drain()
        head = await asyncio.wait_for(self.reader.readuntil(b"\r\n\r\n"), TIMEOUT)
        assert head.startswith(b"HTTP/1.1 101"), head
        accept = base64.b64encode(
            hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()  # noqa: S324
        )
        assert accept in head, head
        self.task = asyncio.create_task(self._read_frames())

    async def _read_frame(self) -> tuple[int, bytes]:
        first, second = await self.reader.readexactly(2)
        opcode, length = first & 0x0F, second & 0x7F
        if length == 126:
            length = struct.unpack("!H", await self.reader.readexactly(2))[0]
        elif length == 127:
            length = struct.unpack("!Q", await self.reader.readexactly(8))[0]
        mask = await self.reader.readexactly(4) if second & 0x80 else None
        payload = await self.reader.readexactly(length)
        if mask:
            payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        return (opcode if first & 0x80 else opcode | 0x100), payload

    async def _read_frames(self) -> None:
        buffer = b""
        try:
            while True:
                opcode, payload = await self._read_frame()
                final, opcode = not opcode & 0x100, opcode & 0xFF
                if opcode in (0x0, 0x1):
                    buffer += payload
                    if final:
                        frame = json.loads(buffer.decode("utf-8"))
                        buffer = b""
                        self.frames.append(frame)
                        self.inbox.put_nowait(frame)
                elif opcode == 0x8:
                    self.close_code = struct.unpack("!H", payload[:2])[0] if payload else 1005
                    self._send_frame(0x8, payload[:2])
                    return
                elif opcode == 0x9:
                    self._send_frame(0xA, payload)
        except (asyncio.IncompleteReadError, ConnectionError):
            if self.close_code is None:
                self.close_code = 1006

    def _send_frame(self, opcode: int, payload: bytes) -> None:
        mask = os.urandom(4)
        length = len(payload)
        if length < 126:
            header = struct.pack("!BB", 0x80 | opcode, 0x80 | length)
        elif length < 65536:
            header = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, length)
        else:
            header = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, length)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.writer.write(header + mask + masked)

    def send(self, **frame) -> None:
        self._send_frame(0x1, json.dumps(frame).encode("utf-8"))

    async def expect(self, type_: str, where=None, **match) -> dict:
        skipped = []
        try:
            async with asyncio.timeout(TIMEOUT):
                while True:
                    frame = await self.inbox.get()
                    if (
                        frame.get("type") == type_
                        and all(frame.get(k) == v for k, v in match.items())
                        and (where is None or where(frame))
                    ):
                        return frame
                    skipped.append(frame)
        except TimeoutError:
            raise AssertionError(f"no {type_} {match}; frames: {self.frames}") from None
        finally:
            for frame in skipped:
                self.inbox.put_nowait(frame)

    async def close(self) -> None:
        if self.writer is None:
            return
        if self.close_code is None:
            try:
                self._send_frame(0x8, struct.pack("!H", protocol.CLOSE_NORMAL))
                await self.writer.drain()
            except ConnectionError:
                pass
        if self.task is not None:
            try:
                await asyncio.wait_for(self.task, 2)
            except (TimeoutError, asyncio.CancelledError):
                self.task.cancel()
        self.writer.close()


async def test_visitor_and_operator_on_different_servers_talk(tmp_path):
    user = await sync_to_async(make_user)(available=True)
    cookie = await sync_to_async(session_cookie)(user)
    database_url = await sync_to_async(database_url_for_servers)(tmp_path)

    env = {
        "DATABASE_URL": database_url,
        "REDIS_URL": os.environ["REDIS_URL"],
        "CHANNEL_LAYER_PREFIX": f"lantern-two-servers-{uuid.uuid4().hex[:12]}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONPATH": str(BASE_DIR),
        "LOG_LEVEL": "INFO",
    }
    servers = [
        Daphne(
            settings="tests.chat.daphne_settings", env=env, log_path=tmp_path / f"daphne-{name}.log"
        )
        for name in "ab"
    ]
    visitor, operator = Client(), Client()
    try:
        started = await asyncio.gather(
            *(asyncio.to_thread(server.start) for server in servers), return_exceptions=True
        )
        for outcome in started:
            if isinstance(outcome, BaseException):
                raise outcome
        a, b = servers

        await operator.connect(b.port, "/ws/chat/operator/", cookie=cookie)
        state = await operator.expect("state")
        assert state["operator"]["id"] == user.pk

        await visitor.connect(a.port, "/ws/chat/visitor/")
        visitor.send(type="start", language="en", topic="work")
        token = (await visitor.expect("started"))["token"]
        await visitor.expect("queue", position=1)

        queue = await operator.expect("queue", where=lambda f: len(f["queue"]) == 1)
        cid = queue["queue"][0]["id"]
        operator.send(type="accept", conversation=cid)
        await operator.expect("accepted")
        await visitor.expect("message", event="accepted")
        await visitor.expect("state", where=lambda f: f["conversation"]["status"] == "active")

        text = "Hello from server A: my secret words"
        visitor.send(type="message", client_id="v1", text=text)
        ack = await visitor.expect("ack", client_id="v1")
        message = await operator.expect("message", seq=ack["seq"])
        assert message["text"] == text
        operator.send(type="received", conversation=cid, seq=message["seq"])
        await visitor.expect("delivered", seq=ack["seq"])

        reply = "Hello from server B"
        operator.send(type="message", conversation=cid, client_id="o1", text=reply)
        ack = await operator.expect("ack", client_id="o1")
        message = await visitor.expect("message", seq=ack["seq"])
        assert message["text"] == reply
        visitor.send(type="received", seq=message["seq"])
        await operator.expect("delivered", conversation=cid, seq=ack["seq"])

        operator.send(type="typing", conversation=cid)
        await visitor.expect("typing")

        visitor.send(type="quick_exit")
        await visitor.expect("ended", outcome="quick_exit")
        closed = await operator.expect("conversation_closed", conversation=cid)
        assert closed["do_not_contact"] is True
        await asyncio.wait_for(visitor.task, TIMEOUT)
        assert visitor.close_code == protocol.CLOSE_ENDED
    finally:
        await visitor.close()
        await operator.close()
        for server in servers:
            await asyncio.to_thread(server.stop)

    # The servers' own output holds no message, no token and no client port.
    logs = "\n".join(server.output() for server in servers)
    for needle in (text, token, f":{visitor.local_port}", str(visitor.local_port)):
        assert needle not in logs, needle


async def test_a_server_failure_closes_the_socket_with_a_code_daphne_can_send(tmp_path):
    """A socket whose event fails is closed with CLOSE_SERVER_ERROR ("reconnect and resume")
    through a real daphne: 1011 was refused by daphne's websocket library, which raised and
    dropped the connection without a close frame."""
    from channels_redis.pubsub import RedisPubSubChannelLayer

    from chat.announce import operator_group

    user = await sync_to_async(make_user)(available=True)
    cookie = await sync_to_async(session_cookie)(user)
    prefix = f"lantern-two-servers-{uuid.uuid4().hex[:12]}"
    env = {
        "DATABASE_URL": await sync_to_async(database_url_for_servers)(tmp_path),
        "REDIS_URL": os.environ["REDIS_URL"],
        "CHANNEL_LAYER_PREFIX": prefix,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONPATH": str(BASE_DIR),
        "LOG_LEVEL": "INFO",
    }
    server = Daphne(settings="tests.chat.daphne_settings", env=env, log_path=tmp_path / "d.log")
    operator = Client()
    try:
        await asyncio.to_thread(server.start)
        await operator.connect(server.port, "/ws/chat/operator/", cookie=cookie)
        await operator.expect("state")
        config = settings.CHANNEL_LAYERS["default"]["CONFIG"]
        layer = RedisPubSubChannelLayer(**{**config, "prefix": prefix})
        try:
            # An assignment of a conversation that does not exist: the event fails.
            await layer.group_send(operator_group(user.pk), {"type": "chat.assigned", "id": 987654})
        finally:
            await layer.flush()
        await asyncio.wait_for(operator.task, TIMEOUT)
        assert operator.close_code == protocol.CLOSE_SERVER_ERROR
    finally:
        await operator.close()
        await asyncio.to_thread(server.stop)
    output = server.output()
    assert "chat event chat.assigned failed: DoesNotExist" in output
    assert "Attempt to send on a closed protocol" not in output
    assert "invalid close code" not in output.lower()
