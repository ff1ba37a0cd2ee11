"""One fault, end to end: two daphne processes (each behind a proxy), browser visitors and
consoles, protocol clients for volume, the fault itself, the recovery, and the figures.

The shape of every run (`Fleet.run_fault`):

1. *Set up.* Every conversation is between a visitor on one server and an operator on the
   other, so every message crosses the channel layer: three browser visitors (the real widget)
   answered by two browser consoles (the real console; one of them has two conversations), and
   PROTOCOL_PAIRS conversations of protocol clients (tests/faults/clients.py).
2. *Before.* The protocol clients send a message every TRAFFIC_INTERVAL seconds on each side
   (each at most MAX_PENDING unacknowledged at once, as a person stops typing into a chat
   that does not answer); each browser client sends a message into each of its conversations,
   and all is delivered. Each protocol client sends its first message again with the same
   client id (as after a lost ack): the same number must come back, nothing stored twice.
3. *The fault*: its actions at their times, and rounds of messages typed into the browsers
   (the widget and the console keep what they cannot send yet); then, once the fault is over,
   more rounds while the clients come back.
4. *After.* Traffic goes on for AFTER_SECONDS, then stops; the run waits until every message is
   acknowledged and shown to its reader (RECOVERY_SECONDS at most after the fault's end).
   A line a browser marks as failed is retried as a person would, by its retry button, at most
   once in 3 s (counted as "retried by hand"). Then every client, browser and protocol, sends
   one more message into each of its conversations, and that too must arrive: each visitor is
   back in its own conversation.
5. *The figures* (`Figures`), from what each client shows, checked against the database:
   sent, frames (sent with a client id, resends included), acknowledged, delivered (shown to
   its reader), lost (acknowledged but never shown, or not in the database under its number),
   duplicated (stored or shown twice, or acknowledged under two numbers), out of order (a
   sender's messages stored in another order than typed; a reader's log not in number order; a
   number sent on a socket after a higher one, unless asked for with `sync`), never
   acknowledged, and the seconds from the fault's end until every client was back: connected,
   greeted again if it had lost its socket, everything it had sent by the end acknowledged,
   everything sent to it by then shown. `run.json` in the test's temporary folder keeps every
   message, line and socket event behind them.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import secrets
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lantern.testing.daphne import Daphne, free_port
from tests.e2e.conftest import E2EDatabase

from .browsers import BrowserConsole, BrowserVisitor, signed_in_state
from .clients import OperatorClient, ProtocolClient, VisitorClient
from .services import HOST, LoopThread, TcpProxy

SERVER_SETTINGS = "tests.faults.server_settings"
PROTOCOL_PAIRS = 8
TRAFFIC_INTERVAL = 3.0
MAX_PENDING = 5
BEFORE_SECONDS = 4.0
AFTER_SECONDS = 5.0
RECOVERY_SECONDS = 60.0
FINAL_SECONDS = 30.0
POLL_SECONDS = 0.5
SERVER_START_SECONDS = 60
# The frames that greet a socket, so that the client is back in its conversation.
GREETINGS = {"visitor": ("started", "resumed"), "operator": ("state",)}
now = time.time
_clock_start = time.monotonic()


def trace(message: str) -> None:
    """Progress lines on stderr with LANTERN_FAULTS_DEBUG set (how long each step takes)."""
    if os.environ.get("LANTERN_FAULTS_DEBUG"):
        sys.__stderr__.write(f"[faults {time.monotonic() - _clock_start:7.1f}] {message}\n")
        sys.__stderr__.flush()


# --- The database, through tests/e2e's snippet runner ---------------------------------------------


class FaultsDatabase(E2EDatabase):
    """tests/e2e's runner of ORM snippets, against the suite's own cluster. A connection that
    PostgreSQL's restart broke is replaced before each snippet."""

    PREFIX = (
        "from django.db import connection as _connection\n"
        "if _connection.connection is not None and not _connection.is_usable():\n"
        "    _connection.close()\n"
    )

    def run(self, snippet: str, /, **args):
        return super().run(self.PREFIX + snippet, **args)


CONSOLE_PASSWORD = "faults-console-password"  # noqa: S105 - a test server's throwaway account

CREATE_OPERATORS = """
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import Permission
from chat.models import OperatorStatus
permissions = [
    Permission.objects.get(content_type__app_label="chat", codename="operate_chat"),
    Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
]
engine = import_module(settings.SESSION_ENGINE)
result = {"consoles": [], "protocol": []}
for number in range(consoles):
    user, _created = get_user_model().objects.get_or_create(
        username=f"faults-console-{number + 1}",
        defaults={"first_name": "Console", "last_name": str(number + 1)},
    )
    user.set_password(password)
    user.save()
    user.user_permissions.set(permissions)
    result["consoles"].append({"id": user.pk, "username": user.username, "password": password})
for number in range(protocol):
    user, _created = get_user_model().objects.get_or_create(username=f"faults-op-{number + 1:02d}")
    user.set_unusable_password()
    user.save()
    user.user_permissions.set(permissions)
    session = engine.SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    result["protocol"].append({"id": user.pk, "session": session.session_key})
"""

# Every run starts alike: nothing open, the protocol operators available for one chat each,
# the consoles' operators away until their console says otherwise (every language, 3 chats).
RESET = """
from django.utils import timezone
from chat.models import Conversation, Message, OperatorStatus
Message.objects.filter(conversation__in=Conversation.objects.open()).delete()
Conversation.objects.open().update(
    status=Conversation.Status.CLOSED, outcome=Conversation.Outcome.ABANDONED,
    token_hash=None, closed_at=timezone.now(),
)
OperatorStatus.objects.update(available=False)
languages = ["lv", "en", "ru", "uk"]
for user_id in protocol:
    OperatorStatus.objects.update_or_create(user_id=user_id, defaults={
        "available": True, "languages": languages, "max_chats": 1, "last_seen_at": timezone.now(),
    })
for user_id in consoles:
    OperatorStatus.objects.update_or_create(user_id=user_id, defaults={
        "available": False, "languages": languages, "max_chats": 3, "last_seen_at": timezone.now(),
    })
"""

# Whether a browser client's page has opened a socket since a time (ms since the epoch).
OPENED_SINCE = "(since) => window.__faults.events.some((e) => e[1] === 'open' && e[0] > since)"

CONVERSATION_OF_TOKENS = """
from chat.access import hash_token
from chat.models import Conversation
result = [Conversation.objects.get(token_hash=hash_token(token)).pk for token in tokens]
"""

TRANSCRIPTS = """
from chat.models import Conversation, Message
result = {
    "messages": list(
        Message.objects.filter(conversation_id__in=ids, kind="text")
        .order_by("conversation_id", "seq")
        .values_list("conversation_id", "seq", "sender", "client_id", "text")
    ),
    "status": dict(Conversation.objects.filter(pk__in=ids).values_list("pk", "status")),
}
"""


# --- The two servers ------------------------------------------------------------------------------


class Servers:
    """Daphne "a" and "b", sharing the suite's PostgreSQL and Redis, each behind a TcpProxy
    (what clients reach). `kill`, `restart`, `pause`, `resume`, `drop_all` are the faults'."""

    NAMES = ("a", "b")

    def __init__(self, env: dict[str, str], workdir: Path, loop: LoopThread) -> None:
        self.env = env
        self.workdir = workdir
        self.loop = loop
        self.daphnes = {name: self._daphne(name, free_port()) for name in self.NAMES}
        self.proxies = {
            name: TcpProxy(daphne.port, free_port()) for name, daphne in self.daphnes.items()
        }
        self.died: list[str] = []  # servers that stopped by themselves (not killed here)
        self.killed: set[str] = set()
        self.paused: set[str] = set()

    def _daphne(self, name: str, port: int, append: bool = False) -> Daphne:
        return Daphne(
            settings=SERVER_SETTINGS,
            env=self.env,
            log_path=self.workdir / f"daphne-{name}.log",
            port=port,
            ready_path="/robots.txt",
            start_timeout=SERVER_START_SECONDS,
            append_log=append,
        )

    def start(self) -> None:
        errors: list[BaseException] = []

        def start(daphne: Daphne) -> None:
            try:
                daphne.start()
            except BaseException as error:  # re-raised below, in the test's thread
                errors.append(error)

        threads = [threading.Thread(target=start, args=(d,)) for d in self.daphnes.values()]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if errors:
            raise errors[0]
        for proxy in self.proxies.values():
            self.loop.run(proxy.start())

    def url(self, name: str) -> str:
        return f"http://{HOST}:{self.proxies[name].port}"

    def ws_url(self, name: str) -> str:
        return f"ws://{HOST}:{self.proxies[name].port}"

    def drop_all(self) -> int:
        return sum(self.loop.run(proxy.drop_all()) for proxy in self.proxies.values())

    def set_latency(self, seconds: float) -> None:
        def apply() -> None:
            for proxy in self.proxies.values():
                proxy.latency = seconds

        self.loop.call(apply)

    def kill(self, name: str) -> None:
        daphne = self.daphnes[name]
        os.kill(daphne.pid, signal.SIGKILL)
        daphne.process.wait(timeout=10)
        self.killed.add(name)

    def restart(self, name: str) -> None:
        """A new process on the same port (what a supervisor does after a crash)."""
        old = self.daphnes[name]
        self.daphnes[name] = self._daphne(name, old.port, append=True)
        self.daphnes[name].start()

    def pause(self, name: str) -> None:
        os.kill(self.daphnes[name].pid, signal.SIGSTOP)
        self.paused.add(name)

    def resume(self, name: str) -> None:
        os.kill(self.daphnes[name].pid, signal.SIGCONT)
        self.paused.discard(name)

    def stop(self) -> None:
        for name in list(self.paused):
            with contextlib.suppress(ProcessLookupError):
                self.resume(name)
        for proxy in self.proxies.values():
            with contextlib.suppress(Exception):
                self.loop.run(proxy.close(), timeout=10)
        for name, daphne in self.daphnes.items():
            exited = daphne.stop()
            if exited is not None:
                self.died.append(f"daphne {name} exited by itself with {exited}")

    def output(self) -> dict[str, str]:
        return {name: daphne.output() for name, daphne in self.daphnes.items()}


# --- Conversations --------------------------------------------------------------------------------


@dataclass
class Pair:
    """One conversation: its visitor and its operator (browser or protocol clients)."""

    kind: str  # "browser" or "protocol"
    visitor: object
    operator: object
    conversation: int = 0
    label: str = ""


@dataclass
class Sent:
    """A message as its sender knows it, and as the database has it."""

    conversation: int
    side: str
    client: str
    text: str
    sent_at: float
    seq: int | None
    acked_at: float | None
    frames: int
    refused: list[str]
    other_acks: list[int] = field(default_factory=list)


@dataclass
class View:
    """What one reader shows of the other side's messages, in the order shown."""

    conversation: int
    side: str  # the reader's side
    client: str
    lines: list[tuple[int | None, str]]  # (seq, text)
    first_shown: dict[int, float]  # seq -> when it first showed
    repeated_numbers: int = 0  # the same number on two lines (browsers)
    # Shown before a lower number (browsers: the log's order; protocol clients: a number sent
    # on a socket after a higher one, unless the client had asked for it with `sync`).
    inversions: list = field(default_factory=list)
    events: list = field(default_factory=list)  # (time, kind, detail) of its sockets
    greetings: tuple[str, ...] = ()


@dataclass
class Figures:
    fault: str
    sent: int = 0
    frames: int = 0
    acked: int = 0
    delivered: int = 0
    lost: int = 0
    duplicated: int = 0
    out_of_order: int = 0
    unacked: int = 0
    refused: dict = field(default_factory=dict)
    retried_by_hand: int = 0
    recovery_seconds: float | None = None
    slowest_client: str = ""
    clients: int = 0
    browser_clients: int = 0
    conversations: int = 0
    dropped_connections: int = 0
    fault_seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        back = "never" if self.recovery_seconds is None else f"{self.recovery_seconds:.1f} s"
        return (
            f"fault {self.fault}: sent {self.sent} (frames {self.frames}), acked {self.acked}, "
            f"delivered {self.delivered}, lost {self.lost}, duplicated {self.duplicated}, "
            f"out of order {self.out_of_order}, never acked {self.unacked}, "
            f"every client back after {back}"
        )

    def as_dict(self) -> dict:
        return dict(self.__dict__)


# --- The fleet ------------------------------------------------------------------------------------


class Fleet:
    """Everything one fault test runs against (see the module's docstring)."""

    def __init__(self, *, services, browser, loop: LoopThread, workdir: Path) -> None:
        self.services = services
        self.browser = browser
        self.loop = loop
        self.workdir = workdir
        self.db: FaultsDatabase = services.db
        self.tag = "zq" + secrets.token_hex(3)  # in every text: found in any log at once
        services.tags.append(self.tag)
        self.records: dict[str, dict] = {}
        self.servers = Servers(services.server_env, workdir, loop)
        self.pairs: list[Pair] = []
        self.visitors: list[BrowserVisitor] = []
        self.consoles: list[BrowserConsole] = []
        self.protocol: list[ProtocolClient] = []
        self.stop_traffic: asyncio.Event | None = None
        self.traffic: asyncio.Future | None = None
        self.counters: Counter = Counter()
        self.rounds_typed = 0

    # --- setting up -----------------------------------------------------------------------------

    def start(self) -> None:
        self.db.run(
            RESET,
            protocol=[op["id"] for op in self.services.operators["protocol"]],
            consoles=[op["id"] for op in self.services.operators["consoles"]],
        )
        trace("reset")
        self.servers.start()
        trace("servers started")
        self._open_browsers()
        trace("browsers in conversation")
        self._open_protocol()
        trace("protocol clients in conversation")

    def _storage_state(self, number: int) -> dict:
        user = self.services.operators["consoles"][number]
        states = self.services.storage_states
        if user["username"] not in states:
            states[user["username"]] = signed_in_state(self.browser, self.servers.url("b"), user)
        return states[user["username"]]

    def _open_browsers(self) -> None:
        # Console 1 on server b answers visitors 1 and 3 (on a); console 2 on a answers
        # visitor 2 (on b).
        plan = [("v1", "a", 0), ("v2", "b", 1), ("v3", "a", 0)]
        for number, server in ((0, "b"), (1, "a")):
            self.consoles.append(
                BrowserConsole.open(
                    self.browser,
                    f"console{number + 1}",
                    server,
                    self.servers.url(server),
                    self._storage_state(number),
                )
            )
        trace("consoles open")
        for name, server, console in plan:
            visitor = BrowserVisitor.open(self.browser, name, server, self.servers.url(server))
            self.visitors.append(visitor)
            (visitor.conversation,) = self.db.run(CONVERSATION_OF_TOKENS, tokens=[visitor.token])
            trace(f"{name} waiting")
            self.consoles[console].accept(visitor.conversation)
            trace(f"{name} accepted")
            self.pairs.append(
                Pair("browser", visitor, self.consoles[console], visitor.conversation, name)
            )

    def _open_protocol(self) -> None:
        operators = self.services.operators["protocol"][:PROTOCOL_PAIRS]
        self.loop.run(self._start_protocol(operators))

    async def _start_protocol(self, operators: list[dict]) -> None:
        visitors, clients = [], []
        for number, operator in enumerate(operators):
            visitor_server, operator_server = ("a", "b") if number % 2 == 0 else ("b", "a")
            visitor = VisitorClient(
                f"p{number + 1}v", self.servers.ws_url(visitor_server), language="lv"
            )
            client = OperatorClient(
                f"p{number + 1}o", self.servers.ws_url(operator_server), cookie=operator["session"]
            )
            client.start()
            visitors.append(visitor)
            clients.append(client)
        await asyncio.wait_for(asyncio.gather(*(c.greeted.wait() for c in clients)), 30)
        for visitor in visitors:
            visitor.start()
        await asyncio.wait_for(asyncio.gather(*(v.greeted.wait() for v in visitors)), 30)
        ids = await asyncio.to_thread(
            self.db.run, CONVERSATION_OF_TOKENS, tokens=[v.token for v in visitors]
        )
        for visitor, client, conversation in zip(visitors, clients, ids, strict=True):
            accepted = client.expect(
                lambda f, c=conversation: (
                    (f.get("type") == "accepted" and f["conversation"]["id"] == c)
                    or (f.get("type") == "error" and f.get("request") == "accept")
                )
            )
            client.send_frame({"type": "accept", "conversation": conversation})
            frame = await accepted
            assert frame["type"] == "accepted", f"accept refused: {frame}"
            self.pairs.append(Pair("protocol", visitor, client, conversation, visitor.name[:-1]))
        await asyncio.wait_for(
            asyncio.gather(
                *(
                    self._wait(lambda v=v: v.conversation is not None and v.status == "active")
                    for v in visitors
                )
            ),
            30,
        )
        self.protocol = [*visitors, *clients]

    async def _send_again(self) -> None:
        """Each protocol client sends its first acknowledged message again, with its client
        id, as a client whose ack was lost does (every fault loses some): the server answers
        with the same number and stores nothing (figured as duplicated otherwise)."""
        answers = []
        for client in self.protocol:
            entry = next((e for e in client.outgoing.values() if e.seq is not None), None)
            if entry is None:
                continue
            answers.append(
                client.expect(
                    lambda f, cid=entry.client_id: (
                        f.get("type") in ("ack", "error") and f.get("client_id") == cid
                    ),
                    15,
                )
            )
            client.send_frame(client.message_frame(entry))
            entry.transmissions += 1
        await asyncio.gather(*answers, return_exceptions=True)

    @staticmethod
    async def _wait(test: Callable[[], bool]) -> None:
        while not test():
            await asyncio.sleep(0.05)

    def close(self) -> None:
        """Stop every client and both servers, whatever state the run left them in."""
        if self.stop_traffic is not None:
            self.loop.call(self.stop_traffic.set)
        with contextlib.suppress(Exception):
            self.loop.run(self._stop_protocol(), timeout=30)
        for client in [*self.visitors, *self.consoles]:
            client.close()
        self.servers.stop()

    async def _stop_protocol(self) -> None:
        if self.traffic is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(asyncio.wrap_future(self.traffic), 10)
        await asyncio.gather(*(client.stop() for client in self.protocol), return_exceptions=True)

    # --- traffic --------------------------------------------------------------------------------

    def text(self, label: str) -> str:
        self.counters[label] += 1
        return f"{self.tag} {label} {self.counters[label]}"

    def start_traffic(self) -> None:
        async def make_event() -> asyncio.Event:
            return asyncio.Event()

        self.stop_traffic = self.loop.run(make_event())
        self.traffic = self.loop.submit(self._traffic(self.stop_traffic))

    def end_traffic(self) -> None:
        self.loop.call(self.stop_traffic.set)
        self.traffic.result(timeout=30)

    async def _traffic(self, stop: asyncio.Event) -> None:
        async def side(client: ProtocolClient, conversation: int, label: str) -> None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), random.random() * TRAFFIC_INTERVAL)  # noqa: S311
            while not stop.is_set():
                if len(client.pending) < MAX_PENDING:
                    client.say(self.text(label), conversation)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), TRAFFIC_INTERVAL)

        await asyncio.gather(
            *(
                side(client, pair.conversation, f"{pair.label}{client.side[0]}")
                for pair in self.pairs
                if pair.kind == "protocol"
                for client in (pair.visitor, pair.operator)
            )
        )

    def browsers_say(self, phase: str, *, every_conversation: bool = False) -> None:
        """Each browser visitor types a message, and each console one, into its conversations
        in turn (an operator with two conversations does not type twice as fast: the protocol
        allows RATE_MAX_MESSAGES per connection in 10 s)."""
        self.rounds_typed += 1
        for pair in self.pairs:
            if pair.kind == "browser":
                pair.visitor.say(self.text(f"{pair.label}v-{phase}"))
        for console in self.consoles:
            turn = console.conversations[self.rounds_typed % len(console.conversations)]
            for conversation in console.conversations:
                if every_conversation or conversation == turn:
                    label = next(p.label for p in self.pairs if p.conversation == conversation)
                    console.say(conversation, self.text(f"{label}o-{phase}"))

    def cut_and_write(self) -> None:
        """Cut every connection; each browser client types a message at once (kept until it
        can be sent again), and another the moment its socket is open again, before the server
        has greeted it (on a slow network the greeting takes a round trip)."""
        cut_at = now()
        self.servers.drop_all()
        self.browsers_say("cut")
        self.type_when_open(cut_at, "reopened")

    def type_when_open(self, since: float, phase: str, timeout: float = 8.0) -> None:
        clients = {client.name: client for client in [*self.visitors, *self.consoles]}
        deadline = now() + timeout
        while clients and now() < deadline:
            for name, client in list(clients.items()):
                if client.page.evaluate(OPENED_SINCE, since * 1000):
                    del clients[name]
                    if isinstance(client, BrowserVisitor):
                        pair = next(p for p in self.pairs if p.visitor is client)
                        client.say(self.text(f"{pair.label}v-{phase}"))
                    else:
                        turn = client.conversations[self.rounds_typed % len(client.conversations)]
                        pair = next(p for p in self.pairs if p.conversation == turn)
                        client.say(turn, self.text(f"{pair.label}o-{phase}"))
            time.sleep(0.01)

    def protocol_say(self, phase: str) -> None:
        def say_all() -> None:
            for pair in self.pairs:
                if pair.kind == "protocol":
                    pair.visitor.say(self.text(f"{pair.label}v-{phase}"), pair.conversation)
                    pair.operator.say(self.text(f"{pair.label}o-{phase}"), pair.conversation)

        self.loop.call(say_all)

    # --- the run --------------------------------------------------------------------------------

    def run_fault(
        self,
        name: str,
        *,
        actions: dict[float, Callable[[], object]],
        end: Callable[[], object] | None,
        hold: float,
        rounds: tuple[float, ...],
        recovery_rounds: tuple[float, ...] = (),
        latency: float = 0.0,
    ) -> Figures:
        """Traffic, the fault, the recovery, one more message from everybody, and the figures.

        The fault: each of `actions` at its time (seconds from the fault's start: the first at
        0), the browsers typing a round of messages at each of `rounds`; `end()` once `hold`
        seconds have passed (without `end`, the fault ends with its last action: the last
        socket drop). Then a round at each of `recovery_rounds` (seconds from the fault's end):
        typed while the clients come back, when a message typed into a socket that has just
        opened may overtake those still waiting to be sent again. `latency`: seconds the
        proxies add each way from the fault's start to the end of the traffic (a slow network)."""
        self.start_traffic()
        self.browsers_say("before", every_conversation=True)
        complete = self.wait_complete(now() + 30)
        assert complete, "the conversations did not work before the fault:\n" + "\n".join(
            self.incomplete()
        )
        self.loop.run(self._send_again())
        time.sleep(max(0.0, BEFORE_SECONDS - 1))

        trace("fault begins")
        timeline = sorted(
            [(offset, 0, action) for offset, action in actions.items()]
            + [(offset, 1, None) for offset in rounds],
            key=lambda step: step[:2],
        )
        self.servers.set_latency(latency)
        fault_start = last_action = now()
        typed = 0
        for offset, _kind, action in timeline:
            time.sleep(max(0.0, fault_start + offset - now()))
            if action is not None:
                action()
                last_action = now()
            else:
                typed += 1
                self.browsers_say(f"during{typed}")
        time.sleep(max(0.0, fault_start + hold - now()))
        if end is not None:
            end()
        fault_end = now() if end is not None else last_action
        trace(f"fault ended after {fault_end - fault_start:.1f} s")
        for number, offset in enumerate(recovery_rounds):
            time.sleep(max(0.0, fault_end + offset - now()))
            self.browsers_say(f"recovering{number + 1}")

        # Traffic goes on; a line a browser marks as failed is retried (as by a person).
        self.wait_complete(now() + AFTER_SECONDS, retry=True, until_deadline=True)
        self.end_traffic()
        self.servers.set_latency(0.0)
        trace("traffic stopped")
        recovered = self.wait_complete(fault_end + RECOVERY_SECONDS, retry=True)
        trace(f"recovered: {recovered}")

        # One more message from everybody: every visitor is back in its conversation.
        self.browsers_say("after", every_conversation=True)
        self.protocol_say("after")
        final = self.wait_complete(now() + FINAL_SECONDS, retry=True)
        trace("collecting the figures")
        figures = self.figures(name, fault_start, fault_end)
        figures.retried_by_hand = sum(c.retried_by_hand for c in [*self.visitors, *self.consoles])
        figures.dropped_connections = sum(p.dropped for p in self.servers.proxies.values())
        if not recovered:
            figures.problems.append(
                f"not recovered {RECOVERY_SECONDS:g} s after the fault's end:\n  "
                + "\n  ".join(self.incomplete())
            )
        elif not final:
            figures.problems.append(
                "the last messages did not arrive:\n  " + "\n  ".join(self.incomplete())
            )
        figures.problems += self.not_back()
        return figures

    # --- waiting for everything to arrive ---------------------------------------------------------

    def wait_complete(
        self, deadline: float, *, retry: bool = False, until_deadline: bool = False
    ) -> bool:
        """Until every message sent is acknowledged and shown to its reader (or, with
        `until_deadline`, until the deadline whatever); with `retry`, press the retry button of
        lines a browser marks as failed (as a person would). Returns whether all arrived."""
        while True:
            if not until_deadline and not self.incomplete():
                return True
            if now() > deadline:
                return False
            if retry:
                for client in [*self.visitors, *self.consoles]:
                    client.retry_failed()
            time.sleep(POLL_SECONDS)

    def incomplete(self) -> list[str]:
        """What is still missing: messages not acknowledged, or not shown to their reader."""
        sent, views = self.collect()
        shown = {(v.conversation, v.side): {text for _seq, text in v.lines} for v in views}
        missing = []
        for message in sent:
            reader = "operator" if message.side == "visitor" else "visitor"
            if message.seq is None:
                missing.append(f"{message.client}: not acknowledged: {message.text!r}")
            elif message.text not in shown.get((message.conversation, reader), set()):
                missing.append(
                    f"{message.client}: acked as {message.seq}, not shown to the {reader} of "
                    f"#{message.conversation}: {message.text!r}"
                )
        return missing

    # --- what every client shows ----------------------------------------------------------------

    def collect(self) -> tuple[list[Sent], list[View]]:
        """What every client has sent, and what every reader shows (see `Sent`, `View`)."""
        sent: list[Sent] = []
        views: list[View] = []
        self.records = {}
        for visitor in self.visitors:
            record = self.records[visitor.name] = visitor.record()
            lines = visitor.lines()
            s, v = self._browser(visitor, visitor.conversation, lines, record, "widget")
            sent += s
            views.append(v)
        for console in self.consoles:
            record = self.records[console.name] = console.record()
            for conversation in console.conversations:
                lines = console.lines(conversation)
                s, v = self._browser(console, conversation, lines, record, str(conversation))
                sent += s
                views.append(v)
        s, v = self.loop.run(self._protocol_snapshot())
        return sent + s, views + v

    @staticmethod
    def _browser(client, conversation: int, lines: list[dict], record: dict, where: str):
        mine = client.side
        other = "operator" if mine == "visitor" else "visitor"
        by_text: dict[str, list[dict]] = {}
        for line in lines:
            if line["sender"] == mine:
                by_text.setdefault(line["text"], []).append(line)
        frames: Counter = Counter(record["sent"])
        refused: dict[str, list[str]] = record["refused"]
        texts: dict[str, str] = record["texts"]
        sent = []
        for typed in client.typed:
            if typed.conversation != conversation:
                continue
            own = by_text.get(typed.text, [])
            seq = own[0]["seq"] if own else None
            shown_at = record["seqs"].get(f"{where}:{seq}") if seq is not None else None
            ids = [cid for cid, text in texts.items() if text == typed.text]
            sent.append(
                Sent(
                    conversation,
                    mine,
                    client.name,
                    typed.text,
                    typed.typed_at,
                    seq,
                    shown_at / 1000 if shown_at else None,
                    sum(frames[cid] for cid in ids),
                    [code for cid in ids for code in refused.get(cid, [])],
                )
            )
        numbered = [line["seq"] for line in lines if line["seq"] is not None]
        view = View(
            conversation,
            mine,
            client.name,
            [(line["seq"], line["text"]) for line in lines if line["sender"] == other],
            {
                line["seq"]: record["seqs"][f"{where}:{line['seq']}"] / 1000
                for line in lines
                if line["seq"] is not None and f"{where}:{line['seq']}" in record["seqs"]
            },
            repeated_numbers=len(numbered) - len(set(numbered)),
            inversions=[(b, a) for a, b in zip(numbered, numbered[1:], strict=False) if b < a],
            events=[(at / 1000, kind, detail) for at, kind, detail in record["events"]],
            greetings=GREETINGS[mine],
        )
        return sent, view

    async def _protocol_snapshot(self) -> tuple[list[Sent], list[View]]:
        sent, views = [], []
        for pair in self.pairs:
            if pair.kind != "protocol":
                continue
            for client in (pair.visitor, pair.operator):
                other = "operator" if client.side == "visitor" else "visitor"
                for client_id in client.order:
                    entry = client.outgoing[client_id]
                    sent.append(
                        Sent(
                            pair.conversation,
                            client.side,
                            client.name,
                            entry.text,
                            entry.sent_at,
                            entry.seq,
                            entry.acked_at,
                            entry.transmissions,
                            list(entry.errors),
                            list(entry.other_acks),
                        )
                    )
                incoming = client.incoming_for(pair.conversation)
                lines = [
                    (seq, incoming.frames[seq].get("text", ""))
                    for seq in incoming.arrival
                    if incoming.frames[seq].get("sender") == other
                ]
                views.append(
                    View(
                        pair.conversation,
                        client.side,
                        client.name,
                        lines,
                        dict(incoming.first_seen),
                        repeated_numbers=len(incoming.conflicts),
                        inversions=list(incoming.inversions),
                        events=list(client.events),
                        greetings=GREETINGS[client.side],
                    )
                )
        return sent, views

    # --- the figures ------------------------------------------------------------------------------

    def figures(self, name: str, fault_start: float, fault_end: float) -> Figures:
        sent, views = self.collect()
        database = self.db.run(TRANSCRIPTS, ids=[pair.conversation for pair in self.pairs])
        figures = Figures(name, fault_seconds=round(fault_end - fault_start, 1))
        figures.conversations = len(self.pairs)
        figures.browser_clients = len(self.visitors) + len(self.consoles)
        figures.clients = figures.browser_clients + len(self.protocol)
        figures.sent = len(sent)
        figures.frames = sum(message.frames for message in sent)
        figures.acked = sum(1 for message in sent if message.seq is not None)
        figures.unacked = figures.sent - figures.acked
        refused = Counter(code for message in sent for code in message.refused)
        figures.refused = dict(refused)
        problems = figures.problems

        stored: dict[tuple[int, str], list[tuple[int, str]]] = {}
        for conversation, seq, sender, _client_id, text in database["messages"]:
            stored.setdefault((conversation, text), []).append((seq, sender))
        view_of = {(view.conversation, view.side): view for view in views}

        for message in sent:
            if message.seq is None:
                problems.append(f"{message.client}: never acknowledged: {message.text!r}")
                continue
            if message.other_acks:
                figures.duplicated += len(message.other_acks)
                problems.append(
                    f"{message.client}: acked as {message.seq}, then again as {message.other_acks}"
                )
            rows = stored.get((message.conversation, message.text), [])
            if len(rows) > 1:
                figures.duplicated += len(rows) - 1
                problems.append(f"{message.client}: stored {len(rows)} times: {rows}")
            if (message.seq, message.side) not in rows:
                figures.lost += 1
                problems.append(
                    f"{message.client}: acked as {message.seq} but the database has {rows}"
                )
                continue
            reader = view_of.get(
                (message.conversation, "operator" if message.side == "visitor" else "visitor")
            )
            shown = [seq for seq, text in reader.lines if text == message.text] if reader else []
            if not shown:
                figures.lost += 1
                problems.append(
                    f"{message.client}: acked as {message.seq}, never shown to its reader"
                    f" {reader.client if reader else '?'}: {message.text!r}"
                )
                continue
            figures.delivered += 1
            if len(shown) > 1:
                figures.duplicated += len(shown) - 1
                problems.append(f"{reader.client} shows {message.text!r} {len(shown)} times")
            if shown[0] != message.seq:
                figures.lost += 1
                problems.append(
                    f"{reader.client} shows {message.text!r} as {shown[0]}, acked as {message.seq}"
                )

        for view in views:
            figures.duplicated += view.repeated_numbers
            if view.repeated_numbers:
                problems.append(f"{view.client}: {view.repeated_numbers} numbers shown twice")
            if view.inversions:
                figures.out_of_order += len(view.inversions)
                numbers = [seq for seq, _text in view.lines]
                problems.append(
                    f"{view.client} shows #{view.conversation} out of order: {view.inversions}"
                    f" (the other side's, as shown: {numbers})"
                )

        # Each sender's messages stored in the order sent (a refused one, sent again later,
        # is a new attempt and may come after what followed it).
        by_sender: dict[tuple[int, str], list[Sent]] = {}
        for message in sent:
            if message.seq is not None and not message.refused:
                by_sender.setdefault((message.conversation, message.client), []).append(message)
        for (_conversation, client), messages in by_sender.items():
            messages.sort(key=lambda m: m.sent_at)
            numbers = [m.seq for m in messages]
            inversions = sum(1 for a, b in zip(numbers, numbers[1:], strict=False) if b <= a)
            if inversions:
                figures.out_of_order += inversions
                problems.append(f"{client} stored its messages out of order: {numbers}")

        for pair in self.pairs:
            status = database["status"].get(pair.conversation) or database["status"].get(
                str(pair.conversation)
            )
            if status != "active":
                problems.append(f"conversation #{pair.conversation} ({pair.label}) is {status}")

        figures.recovery_seconds, figures.slowest_client = self._recovery(
            sent, views, fault_start, fault_end
        )
        self.dump(sent, views, database, fault_start, fault_end)
        if figures.recovery_seconds is None:
            problems.append(f"{figures.slowest_client} was never back")
        return figures

    def dump(self, sent, views, database, fault_start: float, fault_end: float) -> None:
        """Everything the figures were made of, times in seconds from the fault's start:
        run.json in the test's temporary folder, for whoever has to find out what happened."""

        def at(value):
            return None if value is None else round(value - fault_start, 3)

        data = {
            "fault_end": at(fault_end),
            "sent": [
                {**m.__dict__, "sent_at": at(m.sent_at), "acked_at": at(m.acked_at)} for m in sent
            ],
            "views": [
                {
                    "conversation": view.conversation,
                    "client": view.client,
                    "lines": view.lines,
                    "first_shown": {seq: at(t) for seq, t in view.first_shown.items()},
                    "events": [(at(t), kind, detail) for t, kind, detail in view.events],
                }
                for view in views
            ],
            "database": database,
            "browsers": {
                name: {
                    **record,
                    "events": [(at(t / 1000), k, d) for t, k, d in record["events"]],
                    "seqs": {key: at(t / 1000) for key, t in record["seqs"].items()},
                    "sendTimes": {
                        cid: [at(t / 1000) for t in times]
                        for cid, times in record["sendTimes"].items()
                    },
                    "acks": {
                        cid: [(seq, at(t / 1000)) for seq, t in acks]
                        for cid, acks in record["acks"].items()
                    },
                }
                for name, record in self.records.items()
            },
        }
        path = self.workdir / "run.json"
        path.write_text(json.dumps(data, indent=1, default=str))
        self.dump_path = path

    @staticmethod
    def _recovery(sent: list[Sent], views: list[View], fault_start: float, fault_end: float):
        """Seconds from the fault's end until every client was back: connected (greeted again
        if its socket was lost), everything it had sent by then acknowledged, everything sent
        to it by then shown. (None, client) when one never was."""
        slowest, worst = "", 0.0
        for view in views:
            back = fault_end
            closes = [at for at, kind, _d in view.events if kind == "close" and at >= fault_start]
            if closes:
                greeted = [
                    at
                    for at, kind, detail in view.events
                    if at > max(closes) and kind == "greeted" and detail in view.greetings
                ]
                if not greeted:
                    return None, view.client
                back = max(back, min(greeted))
            for message in sent:
                if message.conversation != view.conversation or message.sent_at >= fault_end:
                    continue
                if message.side == view.side and message.client == view.client:
                    if message.acked_at is None:
                        return None, view.client
                    back = max(back, message.acked_at)
                elif message.side != view.side and message.seq is not None:
                    shown = view.first_shown.get(message.seq)
                    if shown is None:
                        return None, view.client
                    back = max(back, shown)
            if back - fault_end > worst:
                slowest, worst = view.client, back - fault_end
        return round(worst, 2), slowest

    def not_back(self) -> list[str]:
        """Each visitor in its own conversation, each console connected, each client greeted."""
        problems = []
        for visitor in self.visitors:
            if visitor.view() not in ("conversation",):
                problems.append(f"{visitor.name}'s widget shows {visitor.view()!r}")
            if visitor.stored_token() != visitor.token:
                problems.append(f"{visitor.name} lost its conversation's token")
        for console in self.consoles:
            if console.connection_state() != "connected":
                problems.append(f"{console.name} says {console.connection_state()!r}")
            for conversation in console.conversations:
                if console.card_closed(conversation):
                    problems.append(f"{console.name} shows #{conversation} as closed")

        async def protocol_states() -> list[str]:
            out = []
            for client in self.protocol:
                if client.final_code is not None:
                    out.append(f"{client.name} was closed for good ({client.final_code})")
                elif not client.greeted.is_set():
                    out.append(f"{client.name} is not connected")
                if isinstance(client, VisitorClient) and client.ended:
                    out.append(f"{client.name} was told its chat ended: {client.ended}")
            return out

        return problems + self.loop.run(protocol_states())

    # --- what may never be in the servers' output -------------------------------------------------

    def secrets_in(self, text: str) -> list[str]:
        found = []
        if self.tag in text:
            found.append(f"message text ({self.tag} …)")
        tokens = [v.token for v in self.visitors] + [
            c.token for c in self.protocol if isinstance(c, VisitorClient)
        ]
        for token in tokens:
            if token and token in text:
                found.append("a visitor's token")
        return found
