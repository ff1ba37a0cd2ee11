"""Helpers for the chat tests.

Every websocket test talks to the real ASGI application (`lantern.asgi.application`), so the
origin validator and the session/auth middleware are the ones production runs. Clients are
created through the `visitor` and `operator` factories, which register them so that every
socket is disconnected at teardown, whatever the test did; a consumer that crashed shows up
there as an error of the test.

Consumers run their database work in a worker thread, so tests that use sockets need
`@pytest.mark.django_db(transaction=True)` (see `CHAT_DB`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import uuid
from collections.abc import Callable

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.utils import timezone

import pytest
from asgiref.sync import sync_to_async
from channels.layers import channel_layers, get_channel_layer
from channels.testing import WebsocketCommunicator

from chat.access import hash_token
from chat.models import Conversation, OperatorStatus

# Imported at collection: building the ASGI application runs `django.setup()`, which configures
# logging again and would drop pytest's log capture from the first test that imported it.
from lantern.asgi import application as _application
from lantern.testing.challenge import solve as solve_challenge

CHAT_DB = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _failures_logged_afresh():
    """Each test sees its own failures logged: the chat logs a repeated one once in a while."""
    from chat.consumers.base import log_failure

    log_failure.logged_at.clear()
    log_failure.left_out.clear()


@pytest.fixture(autouse=True)
def _no_sightings_left_over():
    """Visitors seen during one test's outage are not written into another test's database."""
    from chat.consumers.sightings import sightings

    yield
    sightings.conversations.clear()
    sightings.tokens.clear()
    if sightings.task is not None:
        sightings.task.cancel()
        sightings.task = None


ORIGIN = b"http://localhost"
HOST = b"localhost"
VISITOR_PATH = "/ws/chat/visitor/"
OPERATOR_PATH = "/ws/chat/operator/"
# Documentation addresses (RFC 5737): the visitor's socket address and a proxy header. Neither
# may ever be stored or logged.
CLIENT_ADDRESS = ("203.0.113.77", 51234)
FORWARDED_FOR = "198.51.100.23"
TIMEOUT = 3.0


def application():
    return _application


# --- Clients ---------------------------------------------------------------------------------


class ChatClient:
    """A websocket client that keeps every frame it receives.

    `expect()` returns the first not yet consumed frame of a type (and matching fields),
    reading more if needed; frames it skips stay available to later `expect()` calls. It never
    lets the communicator time out (that would cancel the application), it only stops
    waiting."""

    path = VISITOR_PATH

    def __init__(self, *, origin: bytes | None = ORIGIN, cookie: str | None = None, headers=()):
        hdrs = [(b"host", HOST)]
        if origin is not None:
            hdrs.append((b"origin", origin))
        if cookie:
            hdrs.append((b"cookie", f"sessionid={cookie}".encode()))
        hdrs.append((b"x-forwarded-for", FORWARDED_FOR.encode()))
        hdrs.extend(headers)
        self.comm = WebsocketCommunicator(application(), self.path, headers=hdrs)
        # Daphne puts the peer's address into the scope; so does this client.
        self.comm.scope["client"] = list(CLIENT_ADDRESS)
        self.frames: list[dict] = []  # every frame received, in order
        self.inbox: list[dict] = []  # received, not yet consumed by expect()
        self.close_code: int | None = None
        self.connected = False
        self.disconnected = False

    # --- connection ---------------------------------------------------------------------

    async def connect(self) -> tuple[bool, object]:
        connected, detail = await self.comm.connect(timeout=TIMEOUT)
        self.connected = connected
        if not connected:
            self.close_code = detail
        return connected, detail

    async def disconnect(self) -> None:
        if self.disconnected:
            return
        self.disconnected = True
        if not self.connected:
            self.comm.stop(exceptions=False)
            return
        with contextlib.suppress(asyncio.CancelledError):
            await self.comm.disconnect(timeout=TIMEOUT)

    # --- sending ------------------------------------------------------------------------

    async def send(self, **frame) -> None:
        await self.comm.send_json_to(frame)

    async def send_text(self, text: str) -> None:
        await self.comm.send_input({"type": "websocket.receive", "text": text})

    async def send_bytes(self, data: bytes) -> None:
        await self.comm.send_input({"type": "websocket.receive", "bytes": data})

    # --- receiving ----------------------------------------------------------------------

    def _raise_if_crashed(self) -> None:
        future = self.comm._future
        if future is not None and future.done() and not future.cancelled():
            future.result()

    async def _read(self, timeout: float) -> bool:
        """Read one output of the application; False if none came within `timeout`."""
        self._raise_if_crashed()
        try:
            output = await asyncio.wait_for(self.comm.output_queue.get(), timeout)
        except TimeoutError:
            self._raise_if_crashed()
            return False
        if output["type"] == "websocket.send":
            frame = json.loads(output["text"])
            self.frames.append(frame)
            self.inbox.append(frame)
        elif output["type"] == "websocket.close":
            self.close_code = output.get("code", 1000)
        return True

    @staticmethod
    def _matches(frame: dict, type_: str, match: dict, where: Callable | None) -> bool:
        if frame.get("type") != type_:
            return False
        if any(frame.get(key) != value for key, value in match.items()):
            return False
        return where is None or where(frame)

    async def expect(
        self, type_: str, *, timeout: float = TIMEOUT, where: Callable | None = None, **match
    ) -> dict:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            for index, frame in enumerate(self.inbox):
                if self._matches(frame, type_, match, where):
                    return self.inbox.pop(index)
            remaining = deadline - loop.time()
            if remaining <= 0 or not await self._read(remaining):
                raise AssertionError(
                    f"no {type_!r} frame matching {match} within {timeout}s; "
                    f"close code {self.close_code}; frames: {self.frames}"
                )

    async def expect_error(self, code: str, *, timeout: float = TIMEOUT, **match) -> dict:
        return await self.expect("error", code=code, timeout=timeout, **match)

    async def expect_closed(self, code: int, *, timeout: float = TIMEOUT) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self.close_code is None:
            remaining = deadline - loop.time()
            if remaining <= 0 or not await self._read(remaining):
                raise AssertionError(f"socket not closed within {timeout}s; frames: {self.frames}")
        assert self.close_code == code, (self.close_code, self.frames)

    async def settle(self, quiet: float = 0.15) -> list[dict]:
        """Read until nothing arrives for `quiet` seconds; returns the frames read."""
        start = len(self.frames)
        while await self._read(quiet):
            pass
        return self.frames[start:]

    def of_type(self, type_: str) -> list[dict]:
        return [frame for frame in self.frames if frame.get("type") == type_]

    def consume(self, type_: str) -> list[dict]:
        """Remove and return every unconsumed frame of a type."""
        taken = [frame for frame in self.inbox if frame.get("type") == type_]
        self.inbox = [frame for frame in self.inbox if frame.get("type") != type_]
        return taken


class Visitor(ChatClient):
    path = VISITOR_PATH

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.token: str | None = None
        self.conversation_id: int | None = None
        self._client_ids = 0

    def next_client_id(self) -> str:
        self._client_ids += 1
        return f"v-{self._client_ids}"

    async def proof(self, purpose: str = "start") -> str:
        """A solved challenge for `purpose`, asked for on this socket (lantern.challenge)."""
        await self.send(type="challenge", **{"for": purpose})
        frame = await self.expect("challenge", where=lambda f: f["for"] == purpose)
        return await asyncio.to_thread(solve_challenge, frame["challenge"])

    async def start(self, language: str = "lv", topic: str = "work") -> dict:
        await self.send(type="start", language=language, topic=topic, proof=await self.proof())
        started = await self.expect("started")
        self.token = started["token"]
        state = await self.expect("state")
        self.conversation_id = await sync_to_async(
            lambda: Conversation.objects.get(token_hash=hash_token(self.token)).pk
        )()
        return state

    async def resume(self, token: str | None = None, last_seq: int = 0) -> dict:
        await self.send(type="resume", token=token or self.token, last_seq=last_seq)
        await self.expect("resumed")
        return await self.expect("state")

    async def say(self, text: str, client_id: str | None = None) -> dict:
        client_id = client_id or self.next_client_id()
        await self.send(type="message", client_id=client_id, text=text)
        return await self.expect("ack", client_id=client_id)

    async def expect_message(self, **match) -> dict:
        return await self.expect("message", **match)


class Operator(ChatClient):
    path = OPERATOR_PATH

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self.state: dict | None = None
        self._client_ids = 0

    def next_client_id(self) -> str:
        self._client_ids += 1
        return f"o-{self._client_ids}"

    async def accept(self, conversation_id: int) -> dict:
        await self.send(type="accept", conversation=conversation_id)
        return await self.expect(
            "accepted", where=lambda f: f["conversation"]["id"] == conversation_id
        )

    async def say(self, conversation_id: int, text: str, client_id: str | None = None) -> dict:
        client_id = client_id or self.next_client_id()
        await self.send(
            type="message", conversation=conversation_id, client_id=client_id, text=text
        )
        return await self.expect("ack", client_id=client_id)

    async def note(self, conversation_id: int, text: str, client_id: str | None = None) -> dict:
        client_id = client_id or self.next_client_id()
        await self.send(type="note", conversation=conversation_id, client_id=client_id, text=text)
        return await self.expect("ack", client_id=client_id)


# --- Users -----------------------------------------------------------------------------------


def make_user(username: str | None = None, *, permission: bool = True, **status):
    """A staff user, with the chat permission unless told otherwise, and an operator status
    (`available`, `languages`, `max_chats`) when given."""
    user = get_user_model().objects.create_user(
        username=username or f"op-{uuid.uuid4().hex[:8]}", password="x" * 16
    )
    if permission:
        user.user_permissions.add(
            Permission.objects.get(codename="operate_chat", content_type__app_label="chat")
        )
    if status:
        status.setdefault("last_seen_at", timezone.now())
        OperatorStatus.objects.update_or_create(user=user, defaults=status)
    return user


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


@pytest.fixture
async def _chat_clients():
    clients: list[ChatClient] = []
    yield clients
    errors = []
    for client in clients:
        try:
            await client.disconnect()
        except Exception as error:  # surfaced after every client is disconnected
            errors.append(error)
    if errors:
        raise errors[0]


@pytest.fixture
def visitor(_chat_clients):
    """`await visitor()` → a connected visitor (`connect=False` for one not yet connected)."""

    async def factory(*, connect: bool = True, **kwargs) -> Visitor:
        client = Visitor(**kwargs)
        _chat_clients.append(client)
        if connect:
            connected, _ = await client.connect()
            assert connected
        return client

    return factory


@pytest.fixture
def operator(_chat_clients):
    """`await operator(languages=["ru"])` → a signed-in operator, connected, with the `state`
    frame read. `available` defaults to True. Pass `user=` to connect an existing user;
    `permission=False` for a user without the chat permission; `connect=False` to skip
    connecting."""

    async def factory(
        username: str | None = None,
        *,
        user=None,
        permission: bool = True,
        connect: bool = True,
        available: bool = True,
        languages: list[str] | tuple[str, ...] = (),
        max_chats: int = 3,
    ) -> Operator:
        if user is None:
            user = await sync_to_async(make_user)(
                username,
                permission=permission,
                available=available,
                languages=list(languages),
                max_chats=max_chats,
            )
        cookie = await sync_to_async(session_cookie)(user)
        client = Operator(user=user, cookie=cookie)
        _chat_clients.append(client)
        if connect:
            connected, _ = await client.connect()
            assert connected
            if permission:
                client.state = await client.expect("state")
        return client

    return factory


@pytest.fixture
def anonymous_operator_socket(_chat_clients):
    async def factory(**kwargs) -> Operator:
        client = Operator(**kwargs)
        _chat_clients.append(client)
        return client

    return factory


class FakeClock:
    """Stands in for the rate limiter's clock: `clock.now += protocol.RATE_WINDOW_SECONDS`
    opens a new window at once."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    """The rate limiter on a clock of the test's, and judged alone: the process's pause watch
    (which lets a burst through after a pause of the server's) is kept out of it, since the
    test's event loop does not run between tests."""
    from chat.consumers.base import PauseWatch, RateLimiter

    clock = FakeClock()
    monkeypatch.setattr(RateLimiter, "clock", staticmethod(clock))
    monkeypatch.setattr(PauseWatch, "catching_up", property(lambda self: False))
    return clock


@pytest.fixture(autouse=True)
async def _fresh_channel_layer():
    """Each test gets a channel layer of its own: no groups left over from earlier tests, and
    (on Redis) no locks or connections bound to an earlier test's event loop."""
    channel_layers.backends.clear()
    layer = get_channel_layer()
    if hasattr(layer, "flush"):
        await layer.flush()
    yield
    if hasattr(layer, "flush"):
        await layer.flush()
    if hasattr(layer, "close_pools"):
        await layer.close_pools()
    channel_layers.backends.clear()


# --- Database helpers ------------------------------------------------------------------------


def row_counts() -> dict[str, int]:
    """Rows per model, for every installed model."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def tables_containing(*needles: str) -> list[tuple[str, str]]:
    """Every (table, needle) where some column of some row contains one of the needles, read
    with raw SQL from every table of the database."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for value in row:
                    if value is None:
                        continue
                    text = value if isinstance(value, str) else str(value)
                    for needle in needles:
                        if needle in text:
                            found.append((table, needle))
    return found


db_counts = sync_to_async(row_counts)
db_tables_containing = sync_to_async(tables_containing)


@sync_to_async
def get_conversation(pk: int) -> Conversation:
    return Conversation.objects.get(pk=pk)


@sync_to_async
def messages_of(pk: int) -> list:
    from chat.models import Message

    return list(Message.objects.filter(conversation_id=pk).order_by("seq"))


@pytest.fixture
def chat_pair(visitor, operator):
    """`await chat_pair()` → (visitor, operator) in an active conversation."""

    async def factory(language: str = "lv", topic: str = "work", **operator_kwargs):
        op = await operator(**operator_kwargs)
        v = await visitor()
        await v.start(language, topic)
        await op.accept(v.conversation_id)
        await v.expect("state", where=lambda f: f["conversation"]["status"] == "active")
        # The operator's console has taken in the acceptance too (its "delivered" answer), so
        # that nothing of it is still on the way when the test goes on.
        await op.expect("delivered", conversation=v.conversation_id)
        return v, op

    return factory
