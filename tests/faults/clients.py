"""Protocol clients for volume: visitors and operators that speak docs/chat-protocol.md over
real websockets (the `websockets` package), and come back after a failure the way the browser
clients (static/js/chat-socket.js, chat-panel.js, chat-console.js) do:

- after an unexpected close they reconnect with exponential back-off (1 s doubling to 15 s,
  "equal jitter"), except after 4001, 4003, 4010 and 4011;
- every HEARTBEAT_SECONDS they ping, and a socket that answers nothing within PONG_TIMEOUT is
  given up as dead (a paused server);
- a visitor sends `resume` with the highest number it has been sent, an operator syncs each of
  its conversations from the last number up to which it shows everything (and, like the
  console, syncs after a gap that does not fill within GAP_SECONDS);
- each message has a client id; those not acknowledged are sent again, in order, once the
  socket is greeted again (`resumed`, or the operator's `state`); a message refused with
  `server_error` or `rate_limited` is sent again RETRY_SECONDS later, then twice as late
  each time (a person pressing "retry"), never with a new client id;
- a visitor whose `resume` is refused with an error other than a bad token (the server could
  not attach it: its database or channel layer down) closes the socket and comes back after
  the back-off, as after a lost connection.

Each client records what it needs for the figures: every message it sent (when, its number,
when acknowledged), every number it was sent with its first arrival, the order of arrival, the
socket's greetings and closes. Nothing is logged; texts and tokens stay in memory.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import time
from dataclasses import dataclass, field

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus
from websockets.typing import Origin

from chat import protocol
from lantern.testing.challenge import solve as solve_challenge

VISITOR_PATH = "/ws/chat/visitor/"
OPERATOR_PATH = "/ws/chat/operator/"
NO_RECONNECT = protocol.NO_RECONNECT_CODES  # as the browser clients read them from the page
RETRIED_ERRORS = ("server_error", "rate_limited")
FIRST_RECONNECT = 1.0
MAX_RECONNECT = 15.0
HEARTBEAT_SECONDS = 25.0
PONG_TIMEOUT = 10.0
OPEN_TIMEOUT = 10.0
GAP_SECONDS = 1.5
RETRY_SECONDS = 3.0  # a refused message is sent again after this, doubling up to MAX_RETRY
MAX_RETRY_SECONDS = 12.0
now = time.time  # wall clock: the browsers' Date.now() is compared with it


@dataclass
class Outgoing:
    """One message a client sent: first sent at `sent_at`; `seq` once acknowledged."""

    client_id: str
    text: str
    sent_at: float
    conversation: int | None = None
    seq: int | None = None
    acked_at: float | None = None
    transmissions: int = 0
    errors: list[str] = field(default_factory=list)
    failed: bool = False  # refused: waiting for its retry
    retry_delay: float = RETRY_SECONDS
    other_acks: list[int] = field(default_factory=list)  # acknowledged again, another number


@dataclass
class Incoming:
    """What a client has been sent of one conversation."""

    first_seen: dict[int, float] = field(default_factory=dict)  # seq -> first arrival
    frames: dict[int, dict] = field(default_factory=dict)  # seq -> the first frame
    arrival: list[int] = field(default_factory=list)  # new numbers, in order of arrival
    repeats: int = 0  # a number sent again (resume, sync: allowed, dropped by clients)
    conflicts: list[int] = field(default_factory=list)  # a number sent again, different
    own: set[int] = field(default_factory=set)  # numbers of its own messages (acks)
    # Order on one socket: the server sends each socket's messages in order, and only a
    # `sync` asks for numbers below those already sent (the console's way after a reconnect).
    socket_top: int = 0  # the highest number sent on the current socket
    asked_after: int | None = None  # the lowest `after` of a sync sent on the current socket
    inversions: list[tuple[int, int]] = field(default_factory=list)  # (seq, after what)

    def new_socket(self) -> None:
        self.socket_top, self.asked_after = 0, None

    def asked(self, after: int) -> None:
        self.asked_after = after if self.asked_after is None else min(self.asked_after, after)

    def note(self, frame: dict, at: float) -> None:
        seq = frame["seq"]
        if seq in self.first_seen:
            self.repeats += 1
            known = self.frames[seq]
            if (known.get("text"), known.get("sender")) != (frame.get("text"), frame.get("sender")):
                self.conflicts.append(seq)
            return
        self.first_seen[seq] = at
        self.frames[seq] = frame
        self.arrival.append(seq)
        if seq < self.socket_top and not (self.asked_after is not None and seq > self.asked_after):
            self.inversions.append((seq, self.socket_top))
        self.socket_top = max(self.socket_top, seq)

    def contiguous(self) -> int:
        """The highest number up to which every number was sent or acknowledged."""
        top = 0
        while top + 1 in self.first_seen or top + 1 in self.own:
            top += 1
        return top


class ProtocolClient:
    """One side of the chat on one socket at a time, reconnecting as the browser clients do."""

    side = ""
    path = ""

    def __init__(self, name: str, ws_base: str, *, cookie: str | None = None) -> None:
        self.name = name
        self.ws_base = ws_base  # ws://127.0.0.1:<proxy port>
        self.cookie = cookie
        self.ws: ClientConnection | None = None
        self.greeted = asyncio.Event()
        self.final_code: int | None = None
        self.outgoing: dict[str, Outgoing] = {}
        self.order: list[str] = []  # client ids in the order first sent
        self.incoming: dict[int, Incoming] = {}
        self.events: list[tuple[float, str, object]] = []  # (time, "open"/"close"/"greeted", …)
        self.errors: list[dict] = []
        self.frames_seen = 0
        self.counter = 0
        self.runner: asyncio.Task | None = None
        self.stopping = False
        self.delay = FIRST_RECONNECT
        self.retry_tasks: set[asyncio.Task] = set()
        self.last_frame_at = 0.0
        self.waiters: list[tuple[object, asyncio.Future]] = []

    # --- the connection ------------------------------------------------------------------------

    def start(self) -> None:
        self.runner = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while not self.stopping:
            code = await self._connection()
            if self.stopping:
                return
            if code in NO_RECONNECT:
                self.final_code = code
                return
            wait = self.delay * (0.5 + random.random() * 0.5)  # noqa: S311
            self.delay = min(self.delay * 2, MAX_RECONNECT)
            await asyncio.sleep(wait)

    async def _connection(self) -> int:
        """One socket, from opening to its close; returns its close code (1006: lost)."""
        headers = {"Cookie": f"sessionid={self.cookie}"} if self.cookie else None
        origin = self.ws_base.replace("ws://", "http://")
        try:
            ws = await connect(
                self.ws_base + self.path,
                origin=Origin(origin),
                additional_headers=headers,
                compression=None,
                proxy=None,
                open_timeout=OPEN_TIMEOUT,
                ping_interval=None,  # the protocol's own ping, as the browsers do
                close_timeout=2,
                max_queue=None,
                user_agent_header=None,
            )
        except (OSError, TimeoutError, InvalidHandshake, InvalidStatus, EOFError) as error:
            self.events.append((now(), "refused", type(error).__name__))
            return 1006
        self.ws = ws
        self.delay = FIRST_RECONNECT  # as chat-socket.js: the back-off starts again once open
        self.events.append((now(), "open", None))
        for incoming in self.incoming.values():
            incoming.new_socket()
        heartbeat = asyncio.create_task(self._heartbeat(ws))
        try:
            await self.greet()
            async for raw in ws:
                at = now()
                self.last_frame_at = at
                frame = json.loads(raw)
                self.frames_seen += 1
                await self.on_frame(frame, at)
                for waiter in list(self.waiters):
                    test, future = waiter
                    if not future.done() and test(frame):
                        future.set_result(frame)
                        self.waiters.remove(waiter)
        except ConnectionClosed:
            pass
        finally:
            heartbeat.cancel()
            self.greeted.clear()
            self.ws = None
        code = ws.close_code if ws.close_code is not None else 1006  # 1006: no close frame
        self.events.append((now(), "close", code))
        return code

    async def _heartbeat(self, ws: ClientConnection) -> None:
        with contextlib.suppress(ConnectionClosed, asyncio.CancelledError):
            while True:
                await asyncio.sleep(HEARTBEAT_SECONDS)
                pinged = now()
                await ws.send(json.dumps({"type": "ping"}))
                await asyncio.sleep(PONG_TIMEOUT)
                if self.last_frame_at < pinged:
                    # Nothing at all since the ping: the socket is dead without having closed.
                    self.events.append((now(), "dead", None))
                    ws.transport.abort()
                    return

    async def stop(self) -> None:
        self.stopping = True
        for task in list(self.retry_tasks):
            task.cancel()
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.ws.close(), 3)
        if self.runner is not None:
            self.runner.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self.runner

    def send_frame(self, frame: dict) -> bool:
        """Send now if the socket is open (as chat-socket.js: no queue); False if not."""
        ws = self.ws
        if ws is None or ws.state.name != "OPEN":
            return False
        task = asyncio.ensure_future(ws.send(json.dumps(frame)))
        task.add_done_callback(lambda t: t.exception() if not t.cancelled() else None)
        return True

    def expect(self, test, timeout: float = 30.0):
        future = asyncio.get_running_loop().create_future()
        self.waiters.append((test, future))
        return asyncio.wait_for(future, timeout)

    # --- messages ------------------------------------------------------------------------------

    def message_frame(self, entry: Outgoing) -> dict:
        raise NotImplementedError

    @property
    def pending(self) -> list[Outgoing]:
        return [self.outgoing[cid] for cid in self.order if self.outgoing[cid].seq is None]

    def say(self, text: str, conversation: int | None = None) -> Outgoing:
        self.counter += 1
        entry = Outgoing(f"{self.name}.{self.counter}", text, now(), conversation)
        self.outgoing[entry.client_id] = entry
        self.order.append(entry.client_id)
        if self.greeted.is_set():
            self._transmit(entry)
        return entry

    def _transmit(self, entry: Outgoing) -> None:
        if self.send_frame(self.message_frame(entry)):
            entry.transmissions += 1

    def resend_pending(self) -> None:
        for entry in self.pending:
            entry.failed = False
            self._transmit(entry)

    def on_ack(self, frame: dict, at: float) -> None:
        entry = self.outgoing.get(frame.get("client_id"))
        if entry is None:
            return
        if entry.seq is None:
            entry.seq, entry.acked_at = frame["seq"], at
            entry.failed = False
        elif entry.seq != frame["seq"]:
            entry.other_acks.append(frame["seq"])  # stored twice

    def on_error(self, frame: dict) -> None:
        self.errors.append({k: frame.get(k) for k in ("code", "request", "client_id")})
        entry = self.outgoing.get(frame.get("client_id") or "")
        if entry is None or entry.seq is not None:
            return
        entry.errors.append(frame.get("code", "?"))
        if frame.get("code") in RETRIED_ERRORS:
            entry.failed = True
            task = asyncio.create_task(self._retry(entry))
            self.retry_tasks.add(task)
            task.add_done_callback(self.retry_tasks.discard)

    async def _retry(self, entry: Outgoing) -> None:
        await asyncio.sleep(entry.retry_delay)
        entry.retry_delay = min(entry.retry_delay * 2, MAX_RETRY_SECONDS)
        if entry.seq is None and entry.failed and self.greeted.is_set():
            entry.failed = False
            self._transmit(entry)

    # --- what a subclass says and hears ----------------------------------------------------------

    async def greet(self) -> None:
        raise NotImplementedError

    async def on_frame(self, frame: dict, at: float) -> None:
        raise NotImplementedError

    def incoming_for(self, conversation: int) -> Incoming:
        return self.incoming.setdefault(conversation, Incoming())


class VisitorClient(ProtocolClient):
    side = "visitor"
    path = VISITOR_PATH

    def __init__(self, name: str, ws_base: str, *, language: str = "en") -> None:
        super().__init__(name, ws_base)
        self.language = language
        self.token: str | None = None
        self.conversation: int | None = None
        self.last_seq = 0  # the highest number of a `message` frame (as the widget keeps it)
        self.status: str | None = None
        self.received_sent = 0
        self.received_timer: asyncio.TimerHandle | None = None
        self.ended: dict | None = None

    def message_frame(self, entry: Outgoing) -> dict:
        return {"type": "message", "client_id": entry.client_id, "text": entry.text}

    async def greet(self) -> None:
        if self.token is None:
            # A start needs a solved challenge, as the widget's does (lantern/challenge.py).
            self.send_frame({"type": "challenge", "for": "start"})
        else:
            self.send_frame({"type": "resume", "token": self.token, "last_seq": self.last_seq})

    async def on_frame(self, frame: dict, at: float) -> None:
        kind = frame.get("type")
        if kind == "challenge" or (kind == "error" and frame.get("code") == "proof_required"):
            proof = await asyncio.to_thread(solve_challenge, frame["challenge"])
            start = {"type": "start", "language": self.language, "topic": "work"}
            self.send_frame({**start, "proof": proof})
        elif kind == "started":
            self.token = frame["token"]
            self.events.append((at, "greeted", "started"))
            self.greeted.set()
        elif kind == "resumed":
            self.events.append((at, "greeted", "resumed"))
            self.greeted.set()
            self.resend_pending()
        elif kind == "state":
            self.status = frame["conversation"]["status"]
        elif kind == "message":
            if self.conversation is None and frame.get("conversation"):
                self.conversation = frame["conversation"]
            self.last_seq = max(self.last_seq, frame["seq"])
            if self.conversation is not None:
                self.incoming_for(self.conversation).note(frame, at)
            if frame.get("sender") != "visitor":
                self._acknowledge(frame["seq"])
        elif kind == "ack":
            self.on_ack(frame, at)
            if self.conversation is not None:
                self.incoming_for(self.conversation).own.add(frame["seq"])
        elif kind == "error":
            self.on_error(frame)
            if frame.get("request") in ("resume", "start") and not self.greeted.is_set():
                # Not back in the conversation: try again later, on a new socket.
                self.events.append((at, "greeting refused", frame.get("code")))
                if frame.get("code") != "bad_token" and self.ws is not None:
                    await self.ws.close()
        elif kind == "ended":
            self.ended = frame

    def _acknowledge(self, seq: int) -> None:
        if seq <= self.received_sent:
            return
        self.received_sent = seq
        if self.received_timer is None:

            def fire() -> None:
                self.received_timer = None
                self.send_frame({"type": "received", "seq": self.received_sent})

            self.received_timer = asyncio.get_running_loop().call_later(0.25, fire)


class OperatorClient(ProtocolClient):
    side = "operator"
    path = OPERATOR_PATH

    def __init__(self, name: str, ws_base: str, *, cookie: str) -> None:
        super().__init__(name, ws_base, cookie=cookie)
        self.conversations: set[int] = set()
        self.queue: list[dict] = []
        self.gap_timers: dict[int, asyncio.TimerHandle] = {}
        self.received: dict[int, int] = {}
        self.received_timers: dict[int, asyncio.TimerHandle] = {}
        self.closed: list[dict] = []

    def message_frame(self, entry: Outgoing) -> dict:
        return {
            "type": "message",
            "conversation": entry.conversation,
            "client_id": entry.client_id,
            "text": entry.text,
        }

    async def greet(self) -> None:
        """The server speaks first: `state` (see on_frame)."""

    async def on_frame(self, frame: dict, at: float) -> None:
        kind = frame.get("type")
        if kind == "state":
            self.queue = frame["queue"]
            listed = {summary["id"] for summary in frame["conversations"]}
            for conversation in sorted(self.conversations):
                if conversation in listed:
                    # What it missed while away, as the console asks for it.
                    self.sync(conversation)
            self.closed = frame.get("closed", [])
            self.events.append((at, "greeted", "state"))
            self.greeted.set()
            self.resend_pending()
        elif kind == "queue":
            self.queue = frame["queue"]
        elif kind == "accepted":
            self.conversations.add(frame["conversation"]["id"])
        elif kind == "message":
            conversation = frame["conversation"]
            incoming = self.incoming_for(conversation)
            incoming.note(frame, at)
            if frame.get("sender") == "visitor":
                self._acknowledge(conversation, frame["seq"])
            self._watch_gap(conversation)
        elif kind == "ack":
            self.on_ack(frame, at)
            entry = self.outgoing.get(frame.get("client_id") or "")
            conversation = frame.get("conversation") or (entry.conversation if entry else None)
            if conversation is not None:
                self.incoming_for(conversation).own.add(frame["seq"])
                self._watch_gap(conversation)
        elif kind == "error":
            self.on_error(frame)
        elif kind == "conversation_closed":
            self.closed.append(frame)

    def sync(self, conversation: int) -> None:
        """Ask for everything after the last number up to which everything is shown."""
        incoming = self.incoming_for(conversation)
        after = incoming.contiguous()
        if self.send_frame({"type": "sync", "conversation": conversation, "after": after}):
            incoming.asked(after)

    def _watch_gap(self, conversation: int) -> None:
        incoming = self.incoming_for(conversation)
        top = max([*incoming.first_seen, *incoming.own], default=0)
        if top > incoming.contiguous() and conversation not in self.gap_timers:

            def expired() -> None:
                self.gap_timers.pop(conversation, None)
                if max([*incoming.first_seen, *incoming.own], default=0) > incoming.contiguous():
                    self.sync(conversation)

            self.gap_timers[conversation] = asyncio.get_running_loop().call_later(
                GAP_SECONDS, expired
            )

    def _acknowledge(self, conversation: int, seq: int) -> None:
        """Tell the server what is shown, at most a few times a second (as the console)."""
        if seq <= self.received.get(conversation, 0):
            return
        self.received[conversation] = seq
        if conversation not in self.received_timers:

            def fire() -> None:
                self.received_timers.pop(conversation, None)
                self.send_frame(
                    {
                        "type": "received",
                        "conversation": conversation,
                        "seq": self.received[conversation],
                    }
                )

            self.received_timers[conversation] = asyncio.get_running_loop().call_later(0.25, fire)
