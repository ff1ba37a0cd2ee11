"""The chat load generator: real websocket clients (the `websockets` package) against a
running daphne, through the real protocol of docs/chat-protocol.md.

A *run* sets up N conversations, a visitor and an operator each, then both sides of every
conversation send messages at R per second for M messages, and the conversations end:

- Lantern (`LanternTarget`): operators sign in with a session cookie and declare themselves
  available for up to `chats_per_operator` chats (the protocol's `status`); visitors connect
  and send `start`, in batches; the first operator reads the ids from its `queue` frames and
  the operators `accept` them; a visitor learns its conversation id from the "accepted" event
  message. After the messages, every visitor sends `end` and both sides wait for the close.
- bare Channels (`BareTarget`, chat/bench/consumers.py): the same sockets join a room per
  conversation; a message goes receive → group_send → deliver, and nothing is stored.

Every message carries a client id unique to the run. The other side's client records when it
receives it: latency is the time from the sender's `send()` to the receiver's read, on one
clock (one process). A message counts as delivered the first time the other side reads it,
as duplicated every further time, and as lost if the other side never reads it, even after
the Lantern clients ask the server for what they missed (`sync`, as a real client does when
it sees a gap). The own echo of a sender and Lantern's acks, `delivered` and queue frames
are read and counted as frames, not as messages. No message text is logged: the texts are
fixed strings and reach only the JSON of counts and times.

A message the server refuses for now (`rate_limited`, `server_error`) is sent again with the
same client id after a hold that starts at a second and doubles, as the product's widget and
console do (static/js/chat-socket.js, `Outbox.refused`; they hold their whole outbox, this
generator each refused message, and goes on sending the others on schedule): counted under
`resent`, its latency still measured from the first send, and waited for by the drain. Any
other refusal is final and counted under `refused`.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import functools
import json
import math
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.typing import Origin

from lantern.testing.challenge import solve as solve_challenge

VISITOR_PATH = "/ws/chat/visitor/"
OPERATOR_PATH = "/ws/chat/operator/"
BARE_PATH = "/ws/bench/chat/"
TEXT = "bench message"
LANGUAGES = ("lv", "en", "ru", "uk")
CONNECT_BATCH = 100  # sockets opened at once (daphne refuses a handshake it cannot finish in time)
JOIN_BATCH = 20  # bare Channels group_add calls at once (see BareTarget.setup)
START_BATCH = 10  # Lantern conversations started and accepted at once (keeps the queue short)
SETUP_TIMEOUT = 60.0
# Between setting up and the first message: what the set-up set going in the server (the queue
# read again QUEUE_SETTLE_SECONDS after the last acceptance, by every console and visitor
# still waiting) is done, so that the messages measure conversations under way.
QUIET_BEFORE_SENDING = 1.0
DRAIN_TIMEOUT = 10.0  # seconds without a delivery before the rest counts as lost
# Refusals a client answers by sending the same message again, and its hold before it does
# (the widget's FIRST_RECONNECT_MS and MAX_RECONNECT_MS, static/js/chat-socket.js).
REFUSED_FOR_NOW = ("rate_limited", "server_error")
FIRST_HOLD, MAX_HOLD = 1.0, 15.0
MAX_DRAIN = 300.0
now = time.perf_counter


def percentile(ordered: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an ascending list (0 when empty)."""
    if not ordered:
        return 0.0
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


@dataclass
class Window:
    """What one measurement window sent and received."""

    label: str
    sent: int = 0
    delivered: int = 0
    duplicated: int = 0
    recovered: int = 0  # delivered only after the client asked for what it missed
    refused: Counter = field(default_factory=Counter)  # final refusals, by code
    resent: Counter = field(default_factory=Counter)  # refused for now and sent again, by code
    latencies: list[float] = field(default_factory=list)
    sent_at: list[float] = field(default_factory=list)  # when each latency's message was sent
    first_send: float | None = None
    last_send: float | None = None
    last_receive: float | None = None

    @property
    def lost(self) -> int:
        return self.sent - self.delivered

    def p99_by_second(self) -> list[float]:
        """The p99 latency of the messages sent in each second of the window: a backlog that
        builds up shows as a rise, a pause as a spike."""
        seconds: dict[int, list[float]] = {}
        for sent_at, latency in zip(self.sent_at, self.latencies, strict=True):
            seconds.setdefault(int(sent_at - (self.first_send or 0)), []).append(latency)
        return [
            round(percentile(sorted(seconds.get(second, [])), 0.99) * 1000, 2)
            for second in range(max(seconds) + 1 if seconds else 0)
        ]

    def summary(self) -> dict:
        ordered = sorted(self.latencies)
        span = (self.last_receive or 0) - (self.first_send or 0)
        send_span = (self.last_send or 0) - (self.first_send or 0)
        return {
            "sent": self.sent,
            "delivered": self.delivered,
            "lost": self.lost,
            "duplicated": self.duplicated,
            "recovered_by_sync": self.recovered,
            "refused": dict(self.refused),
            "resent": dict(self.resent),
            "latency_ms": {
                "p50": round(percentile(ordered, 0.50) * 1000, 2),
                "p95": round(percentile(ordered, 0.95) * 1000, 2),
                "p99": round(percentile(ordered, 0.99) * 1000, 2),
                "max": round((ordered[-1] if ordered else 0) * 1000, 2),
                "mean": round((sum(ordered) / len(ordered) if ordered else 0) * 1000, 2),
            },
            "p99_ms_by_second": self.p99_by_second(),
            "duration_s": round(span, 3),
            "send_rate_per_s": round(self.sent / send_span, 1) if send_span > 0 else None,
            "throughput_per_s": round(self.delivered / span, 1) if span > 0 else 0.0,
        }


class Ledger:
    """Every message of a run by client id: which window sent it, when, how often read."""

    def __init__(self) -> None:
        self.entries: dict[str, list] = {}  # client id -> [window, sent at, receipts]
        self.frames = 0
        self.recovering = False
        self.holding = 0  # refused messages waiting for their hold to send them again

    def sent(self, window: Window, client_id: str) -> None:
        at = now()
        self.entries[client_id] = [window, at, 0]
        window.sent += 1
        window.first_send = window.first_send or at
        window.last_send = at

    def received(self, client_id, at: float) -> None:
        entry = self.entries.get(client_id)
        if entry is None:
            return
        window = entry[0]
        entry[2] += 1
        if entry[2] == 1:
            window.delivered += 1
            window.latencies.append(at - entry[1])
            window.sent_at.append(entry[1])
            window.last_receive = max(window.last_receive or at, at)
            if self.recovering:
                window.recovered += 1
        elif not self.recovering:  # answers to `sync` repeat on purpose
            window.duplicated += 1

    def refused(self, client_id, code: str) -> bool:
        """A refusal of a message: True if its client is to send it again (REFUSED_FOR_NOW,
        counted under `resent`), False if it is final (never counted as delivered later)."""
        entry = self.entries.get(client_id)
        if entry is None or entry[2] != 0:
            return False
        if code in REFUSED_FOR_NOW:
            entry[0].resent[code] += 1
            return True
        entry[0].refused[code] += 1
        entry[2] = -1
        return False

    @staticmethod
    def missing(window: Window) -> int:
        return window.sent - window.delivered - sum(window.refused.values())


class Peer:
    """One websocket: a reader task that parses frames, counts them, hands messages to the
    ledger and wakes whoever waits for a frame."""

    def __init__(self, ws: ClientConnection, side: str, ledger: Ledger) -> None:
        self.ws, self.side, self.ledger = ws, side, ledger
        self.waiters: list[tuple[Callable[[dict], bool], asyncio.Future]] = []
        self.close_code: int | None = None
        self.seqs: dict[int, set[int]] = {}  # conversation -> sequence numbers read (Lantern)
        # A visitor's socket has one conversation, and the acks it is sent name none: their
        # numbers belong to it (kept aside until it is known, which is before any message).
        self.conversation: int | None = None
        self.unplaced: set[int] = set()
        # Messages sent, by client id, and the hold before each is sent again if refused.
        self.outbox: dict[str, dict] = {}
        self.holds: dict[str, float] = {}
        self.task = asyncio.create_task(self._read())

    async def _read(self) -> None:
        try:
            async for raw in self.ws:
                at = now()
                frame = json.loads(raw)
                self.ledger.frames += 1
                self.on_frame(frame, at)
                if self.waiters:
                    for waiter in list(self.waiters):
                        test, future = waiter
                        if not future.done() and test(frame):
                            future.set_result(frame)
                            self.waiters.remove(waiter)
        except ConnectionClosed:
            pass
        finally:
            self.close_code = self.ws.close_code
            for _test, future in self.waiters:
                if not future.done():
                    future.set_exception(ConnectionError(f"closed ({self.close_code})"))

    def on_frame(self, frame: dict, at: float) -> None:
        kind = frame.get("type")
        if kind == "message":
            if self.side == "visitor" and self.conversation is None and frame.get("conversation"):
                self.adopt(frame["conversation"])
            if "seq" in frame:
                self.note(frame.get("conversation"), frame["seq"])
            sender = frame.get("sender")
            if sender != self.side and sender in ("visitor", "operator"):
                self.ledger.received(frame.get("client_id"), at)
        elif kind == "ack" and "seq" in frame:
            # One's own message is not echoed back: its number comes with the ack.
            self.note(frame.get("conversation"), frame["seq"])
        elif kind == "error" and frame.get("client_id"):
            client_id = frame["client_id"]
            if self.ledger.refused(client_id, frame.get("code", "?")):
                self.send_again_later(client_id)

    def send_again_later(self, client_id: str) -> None:
        frame = self.outbox.get(client_id)
        if frame is None:
            return
        hold = min(max(self.holds.get(client_id, 0) * 2, FIRST_HOLD), MAX_HOLD)
        self.holds[client_id] = hold

        self.ledger.holding += 1

        def resend() -> None:
            self.ledger.holding -= 1
            if self.close_code is None:
                task = asyncio.create_task(self.send(frame))
                task.add_done_callback(lambda done: done.cancelled() or done.exception())

        asyncio.get_running_loop().call_later(hold, resend)

    def note(self, conversation: int | None, seq: int) -> None:
        """A sequence number read, of `conversation` or (a visitor's ack) of this socket's."""
        if conversation is None:
            conversation = self.conversation
        if conversation is None:
            self.unplaced.add(seq)
        else:
            self.seqs.setdefault(conversation, set()).add(seq)

    def adopt(self, conversation: int) -> None:
        """This (visitor's) socket's conversation is `conversation`."""
        self.conversation = conversation
        if self.unplaced:
            self.seqs.setdefault(conversation, set()).update(self.unplaced)
            self.unplaced.clear()

    def expect(self, test: Callable[[dict], bool], timeout: float = SETUP_TIMEOUT):
        future = asyncio.get_running_loop().create_future()
        self.waiters.append((test, future))
        return asyncio.wait_for(future, timeout)

    async def send(self, frame: dict) -> None:
        if "client_id" in frame:
            self.outbox[frame["client_id"]] = frame
        await self.ws.send(json.dumps(frame))

    def contiguous(self, conversation: int) -> int:
        """The highest sequence number up to which every number was read."""
        seen, top = self.seqs.get(conversation, set()), 0
        while top + 1 in seen:
            top += 1
        return top

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.ws.close(), 5)
        self.task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await self.task


async def open_socket(url: str, *, origin: str, cookie: str | None = None) -> ClientConnection:
    headers = {"Cookie": cookie} if cookie else None
    return await connect(
        url,
        origin=Origin(origin),
        additional_headers=headers,
        compression=None,  # the same for both targets; no CPU spent on deflate
        proxy=None,
        open_timeout=SETUP_TIMEOUT,
        ping_interval=None,  # daphne pings; the client answers
        max_queue=None,
        user_agent_header=None,
    )


async def gather_in_batches(factories: list[Callable], batch: int = CONNECT_BATCH) -> list:
    results = []
    for start in range(0, len(factories), batch):
        results += await asyncio.gather(*(make() for make in factories[start : start + batch]))
    return results


@dataclass
class Conversation:
    """One conversation of a run: its id (Lantern's, or the room number) and both peers."""

    number: int
    visitor: Peer
    operator: Peer
    ident: int | None = None
    counters: dict = field(default_factory=lambda: {"visitor": 0, "operator": 0})


class Target:
    """What both targets share: the sending schedule, the drain and the summary."""

    name = ""

    def __init__(self, base_url: str, ledger: Ledger, *, chats_per_operator: int = 10) -> None:
        self.base_url = base_url.rstrip("/")
        self.origin = self.base_url.replace("ws://", "http://").replace("wss://", "https://")
        self.ledger = ledger
        self.chats_per_operator = chats_per_operator
        self.conversations: list[Conversation] = []
        self.operators: list[Peer] = []

    def message_frame(self, conversation: Conversation, side: str, client_id: str) -> dict:
        raise NotImplementedError

    async def send_messages(
        self, window: Window, messages: int, rate: float, progress: Callable | None = None
    ) -> None:
        """Every side of every conversation sends `messages` at `rate` per second, each on
        its own schedule (a random phase, then every 1/rate seconds, without drift)."""
        interval = 1.0 / rate
        start = now() + QUIET_BEFORE_SENDING

        async def side_loop(conversation: Conversation, side: str) -> None:
            peer = conversation.visitor if side == "visitor" else conversation.operator
            phase = random.random() * interval  # noqa: S311 - spreading load, not security
            for index in range(messages):
                delay = start + phase + index * interval - now()
                if delay > 0:
                    await asyncio.sleep(delay)
                conversation.counters[side] += 1
                client_id = f"{side[0]}{conversation.number}.{conversation.counters[side]}"
                self.ledger.sent(window, client_id)
                try:
                    await peer.send(self.message_frame(conversation, side, client_id))
                except ConnectionClosed:
                    window.refused["socket_closed"] += 1
                    return

        tasks = [
            asyncio.create_task(side_loop(conversation, side))
            for conversation in self.conversations
            for side in ("visitor", "operator")
        ]
        reporter = asyncio.create_task(report_progress(window, progress)) if progress else None
        try:
            await asyncio.gather(*tasks)
            await self.drain(window)
        finally:
            if reporter:
                reporter.cancel()

    async def drain(self, window: Window, timeout: float = DRAIN_TIMEOUT) -> None:
        """Wait for the messages still under way: while they keep arriving (a server behind
        works off its backlog), until none has arrived for `timeout` seconds, at most
        MAX_DRAIN seconds in all."""
        delivered, progress, deadline = window.delivered, now(), now() + MAX_DRAIN

        def stalled() -> bool:  # a message on hold is still under way
            return not self.ledger.holding and now() - progress >= timeout

        while self.ledger.missing(window) and not stalled() and now() < deadline:
            await asyncio.sleep(0.05)
            if window.delivered != delivered:
                delivered, progress = window.delivered, now()

    async def teardown(self) -> None:
        peers = [c.visitor for c in self.conversations] + self.operators
        await asyncio.gather(*(peer.close() for peer in peers))


class LanternTarget(Target):
    name = "lantern"

    async def setup(self, count: int, cookies: list[str], cookie_name: str) -> None:
        needed = math.ceil(count / self.chats_per_operator)
        if len(cookies) < needed:
            raise ValueError(f"{needed} operators needed, {len(cookies)} given")
        url = self.base_url + OPERATOR_PATH

        async def new_operator(cookie: str) -> Peer:
            ws = await open_socket(url, origin=self.origin, cookie=f"{cookie_name}={cookie}")
            peer = Peer(ws, "operator", self.ledger)
            state = peer.expect(lambda f: f.get("type") in ("state", "error"))
            frame = await state
            if frame["type"] == "error":
                raise RuntimeError(f"operator refused: {frame.get('code')}")
            status = peer.expect(lambda f: f.get("type") == "status")
            await peer.send(
                {
                    "type": "status",
                    "available": True,
                    "languages": list(LANGUAGES),
                    "max_chats": self.chats_per_operator,
                }
            )
            await status
            return peer

        self.operators = await gather_in_batches(
            [functools.partial(new_operator, c) for c in cookies[:needed]]
        )
        dispatcher = self.operators[0]
        since = datetime.datetime.now(datetime.UTC) - datetime.timedelta(seconds=2)
        taken: set[int] = set()
        free = [op for op in self.operators for _ in range(self.chats_per_operator)]

        def new_ids(frame: dict) -> list[int]:
            return [
                entry["id"]
                for entry in frame.get("queue", [])
                if entry["id"] not in taken
                and datetime.datetime.fromisoformat(entry["created_at"]) >= since
            ]

        for first in range(0, count, START_BATCH):
            numbers = range(first, min(count, first + START_BATCH))
            size = len(numbers)

            def queue_holds(f: dict, n: int = size) -> bool:
                return f.get("type") == "queue" and len(new_ids(f)) >= n

            waiting = dispatcher.expect(queue_holds)
            visitors = await asyncio.gather(*(self._start_visitor(n) for n in numbers))
            queue = await waiting
            ids = sorted(new_ids(queue))[: len(numbers)]
            pairs = []
            for ident in ids:
                taken.add(ident)
                pairs.append((ident, free.pop(0)))
            await asyncio.gather(*(self._accept(operator, ident) for ident, operator in pairs))
            learnt = await asyncio.gather(*(learn for _peer, learn in visitors))
            by_ident = {
                frame["conversation"]: peer
                for (peer, _learn), frame in zip(visitors, learnt, strict=True)
            }
            for ident, operator in pairs:
                by_ident[ident].adopt(ident)
                number = len(self.conversations)
                self.conversations.append(
                    Conversation(number, by_ident[ident], operator, ident=ident)
                )

    async def _start_visitor(self, number: int):
        ws = await open_socket(self.base_url + VISITOR_PATH, origin=self.origin)
        peer = Peer(ws, "visitor", self.ledger)
        started = peer.expect(lambda f: f.get("type") in ("started", "error"))
        accepted = peer.expect(
            lambda f: f.get("type") == "message" and f.get("event") == "accepted"
        )
        # A start needs a solved challenge, as the widget's does (lantern/challenge.py).
        challenge = peer.expect(lambda f: f.get("type") == "challenge")
        await peer.send({"type": "challenge", "for": "start"})
        proof = await asyncio.to_thread(solve_challenge, (await challenge)["challenge"])
        await peer.send(
            {"type": "start", "language": LANGUAGES[number % 4], "topic": "work", "proof": proof}
        )
        frame = await started
        if frame["type"] == "error":
            raise RuntimeError(f"start refused: {frame.get('code')}")
        return peer, accepted

    async def _accept(self, operator: Peer, ident: int) -> None:
        answer = operator.expect(
            lambda f: (
                (f.get("type") == "accepted" and f["conversation"]["id"] == ident)
                or (f.get("type") == "error" and f.get("request") == "accept")
            )
        )
        await operator.send({"type": "accept", "conversation": ident})
        frame = await answer
        if frame["type"] == "error":
            raise RuntimeError(f"accept refused: {frame.get('code')} {frame.get('reason', '')}")

    def message_frame(self, conversation: Conversation, side: str, client_id: str) -> dict:
        frame: dict[str, str | int | None] = {
            "type": "message",
            "client_id": client_id,
            "text": TEXT,
        }
        if side == "operator":
            frame["conversation"] = conversation.ident
        return frame

    async def drain(self, window: Window, timeout: float = DRAIN_TIMEOUT) -> None:
        """Wait for every message; then, as a client that missed something does, ask for
        everything after the last contiguous sequence number, and wait again."""
        await super().drain(window, timeout)
        if not self.ledger.missing(window):
            return
        self.ledger.recovering = True
        try:
            for conversation in self.conversations:
                ident = conversation.ident
                if ident is None:  # never: setup gives every Lantern conversation its id
                    raise RuntimeError(f"conversation {conversation.number} has no id")
                await conversation.visitor.send(
                    {"type": "sync", "after": conversation.visitor.contiguous(ident)}
                )
                await conversation.operator.send(
                    {
                        "type": "sync",
                        "conversation": ident,
                        "after": conversation.operator.contiguous(ident),
                    }
                )
            await super().drain(window, timeout)
        finally:
            self.ledger.recovering = False

    async def end(self, timeout: float = SETUP_TIMEOUT) -> int:
        """Every visitor ends its chat; both sides see it end. Returns how many ended."""

        async def end_one(conversation: Conversation) -> bool:
            ident = conversation.ident
            ended = conversation.visitor.expect(lambda f: f.get("type") == "ended", timeout)
            closed = conversation.operator.expect(
                lambda f: f.get("type") == "conversation_closed" and f["conversation"] == ident,
                timeout,
            )
            await conversation.visitor.send({"type": "end"})
            try:
                await asyncio.gather(ended, closed)
            except (TimeoutError, ConnectionError):
                return False
            return True

        results = await asyncio.gather(*(end_one(c) for c in self.conversations))
        return sum(results)


class BareTarget(Target):
    name = "bare"

    async def setup(self, count: int, *_args) -> None:
        url = self.base_url + BARE_PATH
        needed = math.ceil(count / self.chats_per_operator)

        async def new_peer(side: str) -> Peer:
            return Peer(await open_socket(url, origin=self.origin), side, self.ledger)

        self.operators = await gather_in_batches(
            [lambda: new_peer("operator") for _ in range(needed)]
        )
        visitors = await gather_in_batches([lambda: new_peer("visitor") for _ in range(count)])
        for number, visitor in enumerate(visitors):
            operator = self.operators[number // self.chats_per_operator]
            self.conversations.append(Conversation(number, visitor, operator, ident=number))

        async def join(peer: Peer, room: int | None) -> None:
            joined = peer.expect(lambda f: f.get("type") == "joined" and f.get("room") == room)
            await peer.send({"type": "join", "room": room})
            await joined

        # A few joins at a time: channels-redis's connection pool (redis-py's default of 100)
        # raises "Too many connections" instead of waiting when a burst exceeds it.
        joins = [(c.visitor, c.ident) for c in self.conversations]
        joins += [(c.operator, c.ident) for c in self.conversations]
        for start in range(0, len(joins), JOIN_BATCH):
            await asyncio.gather(*(join(*pair) for pair in joins[start : start + JOIN_BATCH]))

    def message_frame(self, conversation: Conversation, side: str, client_id: str) -> dict:
        return {
            "type": "message",
            "room": conversation.ident,
            "sender": side,
            "client_id": client_id,
            "text": TEXT,
        }

    async def end(self, timeout: float = SETUP_TIMEOUT) -> int:
        return len(self.conversations)


async def report_progress(window: Window, progress: Callable, every: float = 1.0) -> None:
    while True:
        await asyncio.sleep(every)
        ordered = sorted(window.latencies[-2000:])
        progress(
            f"  {window.label}: sent {window.sent}, delivered {window.delivered}, "
            f"recent p99 {percentile(ordered, 0.99) * 1000:.0f} ms"
        )


# --- Idle connections ------------------------------------------------------------------------


async def hold_idle(
    base_url: str,
    path: str,
    count: int,
    *,
    settle: float,
    sample: Callable[[], dict],
    held: list[ClientConnection],
    progress: Callable | None = None,
) -> dict:
    """Open `count` sockets that only stay open (no frame sent) and measure the server's
    memory before and after: memory per connection = RSS growth / count. The sockets stay
    open (in `held`, for the caller to close): memory freed by closed ones would be reused by
    the next batch and hide its cost."""
    origin = base_url.replace("ws://", "http://")
    warm = await open_socket(base_url + path, origin=origin)  # first-use costs out of the way
    await asyncio.sleep(0.5)
    before = sample()
    sockets: list[ClientConnection] = held
    already = len(held)
    failures: Counter[str] = Counter()
    started = now()
    try:
        for first in range(0, count, CONNECT_BATCH):
            batch = min(CONNECT_BATCH, count - first)
            results = await asyncio.gather(
                *(open_socket(base_url + path, origin=origin) for _ in range(batch)),
                return_exceptions=True,
            )
            for result in results:
                if isinstance(result, BaseException):
                    failures[type(result).__name__] += 1
                else:
                    sockets.append(result)
            if progress:
                progress(f"  idle {path}: {len(sockets) - already} open")
        opened_in = now() - started
        await asyncio.sleep(settle)
        after = sample()
        mine = sockets[already:]
        still_open = sum(1 for ws in mine if ws.close_code is None)
    finally:
        await warm.close()
    opened = len(mine)
    growth = after["rss_kb"] - before["rss_kb"]
    return {
        "path": path,
        "requested": count,
        "opened": opened,
        "still_open_after_settle": still_open,
        "failures": dict(failures),
        "open_seconds": round(opened_in, 2),
        "settle_seconds": settle,
        "server_before": before,
        "server_after": after,
        "rss_growth_kb": growth,
        "kb_per_connection": round(growth / opened, 1) if opened else None,
    }


__all__ = [
    "BareTarget",
    "InvalidStatus",
    "LanternTarget",
    "Ledger",
    "Window",
    "hold_idle",
    "percentile",
]
