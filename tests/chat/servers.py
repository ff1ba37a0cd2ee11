"""Real daphne processes for the chat tests, and a websocket client to talk to them.

- `database_url_for_servers`: a DATABASE_URL that shows a daphne subprocess what the test has
  committed: the PostgreSQL test database itself, or, on SQLite, a file copy of the migrated
  in-memory test database.
- `server_env`: the environment of such a process (`tests.chat.daphne_settings`).
- `Client`: a small websocket client (RFC 6455) on asyncio streams, so no extra dependency;
  it also sends what a browser never would (a frame of any size, any text) and tells a close
  frame (`close_code`) from a connection dropped without one (1006).
- `handshake_status`: the HTTP status of a websocket handshake (101, 403, 500).

The processes themselves are started by `lantern.testing.daphne.Daphne`, through
`lantern.serve`, as in production.
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

from chat import protocol

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
        key = _send_handshake(self.writer, port, path, cookie=cookie)
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
            payload = _masked(payload, mask)
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
        self.writer.write(header + mask + _masked(payload, mask))

    def send(self, **frame) -> None:
        self._send_frame(0x1, json.dumps(frame).encode("utf-8"))

    async def start(self, language: str = "lv", topic: str = "work") -> str:
        """As a visitor: pay the challenge (lantern.challenge), start a conversation; its
        token."""
        from lantern.testing.challenge import solve

        self.send(type="challenge", **{"for": "start"})
        challenge = await self.expect("challenge", where=lambda f: f["for"] == "start")
        proof = await asyncio.to_thread(solve, challenge["challenge"])
        self.send(type="start", language=language, topic=topic, proof=proof)
        return (await self.expect("started"))["token"]

    def send_text(self, text: str) -> None:
        """A text frame as it is, of any size."""
        self._send_frame(0x1, text.encode("utf-8"))

    async def closed(self, timeout: float = TIMEOUT) -> int | None:
        """Wait until the connection ends; its close code (1006: dropped without a close
        frame)."""
        assert self.task is not None
        await asyncio.wait_for(asyncio.shield(self.task), timeout)
        return self.close_code

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


def _masked(payload: bytes, mask: bytes) -> bytes:
    """RFC 6455 masking, a whole frame at once (a byte at a time takes seconds for MiBs)."""
    if not payload:
        return payload
    repeated = (mask * (len(payload) // 4 + 1))[: len(payload)]
    value = int.from_bytes(payload, "big") ^ int.from_bytes(repeated, "big")
    return value.to_bytes(len(payload), "big")


def _send_handshake(
    writer: asyncio.StreamWriter,
    port: int,
    path: str,
    *,
    cookie: str | None = None,
    origin: str | None = "",
) -> str:
    """Write an upgrade request; returns its key. `origin=""` is the server's own origin, None
    sends none."""
    key = base64.b64encode(os.urandom(16)).decode()
    lines = [
        f"GET {path} HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Key: {key}",
        "Sec-WebSocket-Version: 13",
    ]
    if origin is not None:
        lines.append(f"Origin: {origin or f'http://127.0.0.1:{port}'}")
    if cookie:
        lines.append(f"Cookie: sessionid={cookie}")
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
    return key


async def handshake_status(port: int, path: str, *, origin: str | None = "") -> int:
    """The HTTP status daphne answers a websocket handshake on `path` with."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), TIMEOUT)
    try:
        _send_handshake(writer, port, path, origin=origin)
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), TIMEOUT)
    finally:
        writer.close()
    return int(head.split(b" ", 2)[1])


def server_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a daphne subprocess of these tests (`tests.chat.daphne_settings`):
    the test's database, this run's Redis when there is one (with `CHANNEL_LAYER_PREFIX`)."""
    env = {
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONPATH": str(BASE_DIR),
        "LOG_LEVEL": "INFO",
    }
    if os.environ.get("REDIS_URL"):
        env["REDIS_URL"] = os.environ["REDIS_URL"]
        env["CHANNEL_LAYER_PREFIX"] = f"lantern-test-daphne-{uuid.uuid4().hex[:12]}"
    return {**env, **extra}
