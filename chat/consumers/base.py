"""What both consumers share: a frame's way in, lanes, actions and their announcements, errors.

A frame is counted (`RateLimiter`, readable or not), size-checked and parsed
(`frames.parse_frame`), its type checked, and handed to `on_<type>`. Frames that store a
message run in lanes: a socket goes on reading while its messages are being stored, and every
other frame waits for the messages sent before it. Anything that goes wrong becomes an error
frame (and, where the error says so, a close code); nothing a client sends reaches the log.
Once a socket has closed (or its client has gone), it neither reads nor sends anything more.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import random
import time
import traceback

from django.conf import settings
from django.utils import translation

from autobahn.exception import Disconnected
from channels.consumer import get_handler_name
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from .. import protocol
from ..actions import conversations
from ..announce import conversation_group, deferring
from ..db import db
from ..delivery import Read, Reader
from ..frames import is_client_id, parse_frame
from ..models import Conversation
from ..protocol import ChatError

logger = logging.getLogger("chat.consumers")

# Every socket compares, this often (± a quarter, so that sockets do not all ask at once),
# what it has sent of each conversation it follows with the database, and catches up: an
# announcement lost on the way (the channel layer down, or a publish that reached nobody
# after it came back) is repaired by then, without waiting for the next message.
CHECK_SECONDS = 20.0

# A change to the queue is shown after this long, so that the changes of a burst (a campaign
# sends many visitors at once, operators accept them) cost each socket one read, not one each.
QUEUE_SETTLE_SECONDS = 0.2


# A failure that repeats (a dependency down: every frame and event fails the same way) is
# logged once in this many seconds, with the count of those left out meanwhile.
LOG_REPEAT_SECONDS = 10.0


class FailureLog:
    """Log a failure by its kind and place only. The exception's message is left out: it may
    quote what a visitor sent (message text, a token), which no log may hold. The same
    failure (kind, place, exception type) is logged at most once in LOG_REPEAT_SECONDS: an
    outage is a few lines, not a traceback per frame."""

    clock = staticmethod(time.monotonic)  # tests replace it

    def __init__(self) -> None:
        self.logged_at: dict[tuple[str, str, str], float] = {}
        self.left_out: dict[tuple[str, str, str], int] = {}

    def __call__(self, what: str, name: str, error: BaseException) -> None:
        key = (what, name, type(error).__name__)
        now = self.clock()
        last = self.logged_at.get(key)
        if last is not None and now - last < LOG_REPEAT_SECONDS:
            self.left_out[key] = self.left_out.get(key, 0) + 1
            return
        self.logged_at[key] = now
        left_out = self.left_out.pop(key, 0)
        logger.error(
            "chat %s %s failed: %s%s\n%s",
            what,
            name,
            key[2],
            f" (and {left_out} times more since it was last logged)" if left_out else "",
            "".join(traceback.format_tb(error.__traceback__)).rstrip(),
        )


log_failure = FailureLog()


# A process that has not run for this long (paused: stopped, a frozen machine; or starved)
# comes back to frames its sockets sent meanwhile.
PAUSE_SECONDS = 3.0


class PauseWatch:
    """Notices when this process comes back from a pause. A timer asks to run every second;
    when it runs more than PAUSE_SECONDS late, the process was not running, and the frames it
    reads while it catches up were sent during the pause, at their senders' own pace: they
    arrive as a burst that nobody sent as one. For as long as the pause lasted (one rate
    window at most), the rate limiter counts frames without refusing any."""

    clock = staticmethod(time.monotonic)  # tests replace it
    TICK = 1.0

    def __init__(self) -> None:
        self.loop: asyncio.AbstractEventLoop | None = None
        self.due = 0.0
        self.resumed_at = float("-inf")
        self.paused_for = 0.0

    def watch(self) -> None:
        """Start the timer on the running loop (once per loop)."""
        loop = asyncio.get_running_loop()
        if self.loop is not loop:
            self.loop = loop
            self._schedule(loop)

    def _schedule(self, loop: asyncio.AbstractEventLoop) -> None:
        self.due = self.clock() + self.TICK
        loop.call_later(self.TICK, self.tick)

    def tick(self) -> None:
        now = self.clock()
        late = now - self.due
        if late > PAUSE_SECONDS:
            self.resumed_at, self.paused_for = now, late
        if self.loop is not None and not self.loop.is_closed():
            self._schedule(self.loop)

    @property
    def catching_up(self) -> bool:
        grace = min(self.paused_for, protocol.RATE_WINDOW_SECONDS)
        return self.clock() - self.resumed_at < grace


pause_watch = PauseWatch()


class RateLimiter:
    """Frames and messages per fixed window, counted as they are read; repeated excess closes
    the socket. Frames read while the process catches up after a pause are not refused
    (`PauseWatch`)."""

    clock = staticmethod(time.monotonic)  # tests replace it

    def __init__(self) -> None:
        self.window_start = self.clock()
        self.frames = 0
        self.messages = 0
        self.strikes = 0
        self.struck_this_window = False

    def hit(self, *, message: bool) -> bool:
        now = self.clock()
        if now - self.window_start >= protocol.RATE_WINDOW_SECONDS:
            # Strikes count windows over the limit *in a row*: a window without a strike,
            # including a quiet one in which nothing was sent at all, forgives them.
            quiet_window_between = now - self.window_start >= 2 * protocol.RATE_WINDOW_SECONDS
            if not self.struck_this_window or quiet_window_between:
                self.strikes = 0
            self.window_start, self.frames, self.messages = now, 0, 0
            self.struck_this_window = False
        self.frames += 1
        self.messages += int(message)
        if pause_watch.catching_up:
            return True
        over = self.frames > protocol.RATE_MAX_FRAMES or self.messages > protocol.RATE_MAX_MESSAGES
        if over and not self.struck_this_window:
            self.strikes += 1
            self.struck_this_window = True
        return not over

    @property
    def exhausted(self) -> bool:
        return self.strikes >= protocol.RATE_STRIKES_BEFORE_CLOSE


class OutageGuard:
    """ASGI middleware for the chat's websockets: a socket that cannot be served because a
    dependency is down before it is accepted (the session's database, while the user is
    loaded; the channel layer, which Channels asks for the socket's channel first) is told so
    in the protocol's terms, instead of a failed handshake (HTTP 500, and a traceback in
    daphne's log for every attempt): accepted, told `out_of_service`, closed with
    CLOSE_SERVER_ERROR. The widget shows a new visitor the hotline; a visitor or a console
    coming back tries again after its back-off. The failure is logged once in a while. (A path
    no route matches is not a failure: `lantern.asgi.application_for` refuses it.)"""

    def __init__(self, inner) -> None:
        self.inner = inner

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "websocket":
            await self.inner(scope, receive, send)
            return
        state = {"connect": False, "answered": False}

        async def receiving():
            message = await receive()
            if message.get("type") == "websocket.connect":
                state["connect"] = True
            return message

        async def sending(message):
            if message.get("type") in ("websocket.accept", "websocket.close"):
                state["answered"] = True
            await send(message)

        try:
            await self.inner(scope, receiving, sending)
        except Exception as error:  # redis-py, its connection going away, raises AttributeError too
            if state["answered"]:
                raise
            log_failure("connect of", "a socket", error)
            if not state["connect"] and (await receive()).get("type") != "websocket.connect":
                return
            with translation.override(settings.LANGUAGE_CODE):  # whose, nobody knows yet
                frame = ChatError(protocol.ERROR_UNAVAILABLE).frame()
            await send({"type": "websocket.accept"})
            await send({"type": "websocket.send", "text": json.dumps(frame, ensure_ascii=False)})
            await send({"type": "websocket.close", "code": protocol.CLOSE_SERVER_ERROR})


class ChatConsumer(AsyncJsonWebsocketConsumer):
    """Frame handling shared by both sides: size limit, JSON, rate limit, dispatch to
    `on_<type>` methods, and error frames for everything that goes wrong."""

    side: str  # delivery.VISITOR or delivery.OPERATOR
    frame_types: frozenset[str] = frozenset()
    message_types: frozenset[str] = frozenset({"message"})
    # Frames that store a message run side by side, in one lane per conversation (see
    # `receive`), so that a socket goes on reading while its messages are being stored.
    posting_types: frozenset[str] = frozenset({"message"})

    # Set once the socket is closed, by either side: from then on nothing is read or sent.
    closed = False

    async def connect(self) -> None:
        pause_watch.watch()
        self.limiter = RateLimiter()
        self.groups_joined: set[str] = set()
        self.refreshing: dict[str, asyncio.Task] = {}
        self.stale: set[str] = set()
        # The last posting frame of each lane still running, by `lane_of` its frame.
        self.lanes: dict[object, asyncio.Task] = {}
        self.reader = Reader(
            self.side,
            send=self.send_json,
            fetch=self.fetch,
            schedule=self.refresh,
            origin=self.channel_name,
            language="lv",
        )
        await self.accept()
        self.checking = asyncio.create_task(self._check_periodically())
        await self.on_connect()

    async def on_connect(self) -> None:
        """Called after the socket is accepted."""

    @property
    def language(self) -> str:
        """The language of this socket's texts: the visitor's, or the operator's."""
        return self.reader.language

    @language.setter
    def language(self, value: str) -> None:
        self.reader.language = value

    async def fetch(self, conversation_id: int, after: int) -> Read:
        """Read a conversation after `after` for this socket's reader (`delivery.Read`)."""
        raise NotImplementedError

    async def join(self, group: str) -> None:
        if group not in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
            self.groups_joined.add(group)

    async def leave(self, group: str) -> None:
        if group in self.groups_joined:
            await self.channel_layer.group_discard(group, self.channel_name)
            self.groups_joined.discard(group)

    async def __call__(self, scope, receive, send) -> None:
        async def send_unless_closed(message: dict) -> None:
            """Every message to the client goes through here (accept, frames, close). Nothing
            is sent once the socket is closed: not after its close, nor once the client has
            gone. Daphne's websocket library raises `Disconnected` when the client's close,
            or its going away, came first: a reply racing it is dropped, not an error."""
            if self.closed:
                return
            if message.get("type") == "websocket.close":
                self.closed = True
            try:
                await send(message)
            except Disconnected:
                self.closed = True

        await super().__call__(scope, receive, send_unless_closed)

    async def websocket_disconnect(self, message) -> None:
        self.closed = True
        # What the socket sent before it closed is stored and announced first.
        await self.lanes_done()
        await super().websocket_disconnect(message)

    async def disconnect(self, code) -> None:
        checking = getattr(self, "checking", None)
        if checking is not None:
            checking.cancel()
        for task in list(self.refreshing.values()):
            task.cancel()
        self.reader.close()
        for group in list(self.groups_joined):
            try:
                await self.leave(group)
            except Exception as error:  # the layer is down: its subscriptions go with it
                self.groups_joined.discard(group)
                log_failure("leaving", "a group", error)

    async def _check_periodically(self) -> None:
        while True:
            await asyncio.sleep(CHECK_SECONDS * random.uniform(0.75, 1.25))  # noqa: S311
            if not self.reader.followed:
                continue
            try:
                await self.check()
            except ChatError as error:
                await self.send_error(error)
            except Exception as error:  # the database is down: the next check tries again
                log_failure("check of", self.side, error)

    async def check(self) -> None:
        """Compare the conversations this socket follows with the database: catch up where
        something new was stored, and say so where one has closed (see CHECK_SECONDS)."""
        rows = await db(conversations.states)(list(self.reader.followed))
        for conversation_id in list(self.reader.followed):
            row = rows.get(conversation_id)
            if row is None or row["status"] == Conversation.Status.CLOSED:
                await self.closed_meanwhile(conversation_id, row)
            elif row["last_seq"] > self.reader.cursor(conversation_id):
                await self.reader.catch_up(conversation_id)

    async def closed_meanwhile(self, conversation_id: int, row: dict | None) -> None:
        """A conversation this socket follows has closed without its announcement arriving."""
        await self.handle(
            {
                "type": "chat.closed",
                "id": conversation_id,
                "outcome": row["outcome"] if row else "",
                "do_not_contact": row["do_not_contact"] if row else False,
            }
        )

    def refresh(self, name: str, read_and_send, *, settle: float = 0) -> None:
        """Send a fresh snapshot (the queue, a place in it) after a change, coalescing changes:
        the first change starts a read (`settle` seconds later, so that a burst is read once);
        changes that arrive before or while it runs mark it stale, and one more read follows.
        A burst of changes (a campaign sends many visitors at once) costs each console one read
        at a time instead of one per change, and the events behind it in the consumer
        (messages) do not wait for those reads."""
        self.stale.add(name)
        if name not in self.refreshing:
            self.refreshing[name] = asyncio.create_task(self._refresh(name, read_and_send, settle))

    async def _refresh(self, name: str, read_and_send, settle: float) -> None:
        try:
            while name in self.stale:
                if settle:
                    await asyncio.sleep(settle)
                self.stale.discard(name)
                await read_and_send()
        except ChatError as error:
            await self.send_error(error)
        except Exception as error:
            log_failure("refresh of", name, error)
            await self.close(code=protocol.CLOSE_SERVER_ERROR)
        finally:
            self.refreshing.pop(name, None)

    @classmethod
    async def encode_json(cls, content) -> str:
        return json.dumps(content, ensure_ascii=False)

    async def act(self, action, *args, before_announcing=None, on_loop=None, **kwargs):
        """Run a `do_…` action in the database pool, then send what it announced from here,
        also when it failed after a commit (`announce.deferring`). A layer that fails loses
        nothing: it is logged, and the readers catch up from the database. Each announcement
        carries this socket's channel name as its `origin` (chat/delivery.py).

        `on_loop`, when given, is the action's common case run on the event loop, with the
        same arguments (storing a message: `messages.post_message_on_loop`); the action runs
        only when it returns None instead of an `Outcome`.

        `await before_announcing(result)` runs first when the action succeeded: this socket
        reads while the action runs, so what it must know of the result before the
        announcement comes back to it (its own message's seq) is set there."""
        outcome = await on_loop(*args, **kwargs) if on_loop is not None else None
        if outcome is None:
            outcome = await db(deferring(action))(*args, **kwargs)
        if outcome.error is None and before_announcing is not None:
            await before_announcing(outcome.result)
        for group, event in outcome.announcements:
            event["origin"] = self.channel_name
            try:
                await self.channel_layer.group_send(group, event)
            except Exception as error:
                log_failure("announcement", event["type"], error)
        if outcome.error is not None:
            raise outcome.error
        return outcome.result

    async def typing(self, conversation_id: int) -> None:
        """Tell the conversation's other side that this one is typing. Nothing is stored and
        nothing depends on it: with the channel layer down it is dropped, not an error."""
        try:
            await self.channel_layer.group_send(
                conversation_group(conversation_id),
                {"type": "chat.typing", "id": conversation_id, "sender": self.side},
            )
        except Exception as error:
            log_failure("announcement", "chat.typing", error)

    async def send_error(self, error: ChatError, **extra) -> None:
        with translation.override(self.language):
            frame = error.frame()
        frame.update(extra)
        await self.send_json(frame)
        if error.close_code:
            await self.close(code=error.close_code)

    # Channels' `receive` decodes JSON and hands it to `receive_json`; here a frame must be
    # counted and size-checked before it is parsed, and every unreadable one (binary, not
    # JSON, too big) answered with its error instead of raising.
    async def receive(self, text_data=None, bytes_data=None, **kwargs) -> None:
        if self.closed:
            return  # frames that crossed the close: nobody is listening for the answers
        data, problem = parse_frame(text_data)
        frame_type = data["type"] if data else None
        client_id = data.get("client_id") if data else None
        # Errors about a message name it, so the client knows which one failed; only an id
        # the protocol allows is sent back.
        extra = {"client_id": client_id} if is_client_id(client_id) else {}
        # Every frame counts, readable or not.
        if not self.limiter.hit(message=frame_type in self.message_types):
            close_code = protocol.CLOSE_FLOOD if self.limiter.exhausted else None
            await self.send_error(
                ChatError(protocol.ERROR_RATE_LIMITED, close_code=close_code), **extra
            )
            return
        if data is None or frame_type is None:
            await self.send_error(ChatError(problem or protocol.ERROR_MALFORMED))
            return
        if frame_type not in self.frame_types:
            # Not sent back: `request` names only the types the server knows.
            await self.send_error(ChatError(protocol.ERROR_UNKNOWN_TYPE))
            return
        if frame_type in self.posting_types:
            # Stored while the socket goes on: an operator's message to one conversation does
            # not hold up what arrives in the others (nor the visitor's, the operator's reply).
            key = self.lane_of(data)
            task = asyncio.create_task(
                self.run_frame(frame_type, data, extra, after=self.lanes.get(key))
            )
            self.lanes[key] = task
            task.add_done_callback(functools.partial(self.lane_finished, key))
            return
        # Every other frame comes after the messages sent before it (a message, then `end`).
        await self.lanes_done()
        await self.run_frame(frame_type, data, extra)

    def lane_of(self, data: dict) -> object:
        """The lane of a posting frame: frames of one lane are handled in the order sent."""
        return None

    def lane_finished(self, key: object, task: asyncio.Task) -> None:
        if self.lanes.get(key) is task:
            del self.lanes[key]

    async def lanes_done(self) -> None:
        while self.lanes:
            await asyncio.wait(list(self.lanes.values()))

    async def run_frame(
        self, frame_type: str, data: dict, extra: dict, *, after: asyncio.Task | None = None
    ) -> None:
        if after is not None:
            await asyncio.wait([after])
        try:
            await getattr(self, f"on_{frame_type}")(data)
        except ChatError as error:
            await self.send_error(error, request=frame_type, **extra)
        except Exception as error:
            # Never an unhandled exception on the socket.
            log_failure("frame of type", frame_type, error)
            await self.send_error(ChatError(protocol.ERROR_SERVER), request=frame_type, **extra)

    async def dispatch(self, message: dict) -> None:
        """Channel-layer events: a `ChatError` (a permission withdrawn meanwhile) becomes an
        error frame and its close code; anything else closes the socket, and the client
        reconnects and resumes from the database."""
        if message.get("type", "").startswith("websocket."):
            await self.handle(message)
            return
        if self.closed:
            return  # the socket is going: its `websocket.disconnect` cleans up
        try:
            await self.handle(message)
        except ChatError as error:
            await self.send_error(error)
        except Exception as error:
            log_failure("event", str(message.get("type"))[:32], error)
            await self.close(code=protocol.CLOSE_SERVER_ERROR)

    async def handle(self, message: dict) -> None:
        # Channels' `AsyncConsumer.dispatch` without its `aclose_old_connections()`: a trip to
        # Channels' one thread for synchronous code before every frame and every event, 64 µs
        # alone and 361 ms for a burst of 2,000 (every socket of the process queued behind one
        # another; measured on 2026-12-01, docs/performance.md). These consumers touch the
        # database only through `db()`, whose calls close old connections themselves.
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)
