"""What both consumers share: a frame's way in, lanes, actions and their announcements, errors.

A frame is counted (`RateLimiter`, readable or not), size-checked and parsed
(`frames.parse_frame`), its type checked, and handed to `on_<type>`. Frames that store a
message run in lanes: a socket goes on reading while its messages are being stored, and every
other frame waits for the messages sent before it. Anything that goes wrong becomes an error
frame (and, where the error says so, a close code); nothing a client sends reaches the log.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import time
import traceback

from django.utils import translation

from channels.consumer import get_handler_name
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from .. import protocol
from ..announce import deferring
from ..db import db
from ..delivery import Read, Reader
from ..frames import parse_frame
from ..protocol import ChatError

logger = logging.getLogger("chat.consumers")

# A change to the queue is shown after this long, so that the changes of a burst (a campaign
# sends many visitors at once, operators accept them) cost each socket one read, not one each.
QUEUE_SETTLE_SECONDS = 0.2


def log_failure(what: str, name: str, error: BaseException) -> None:
    """Log a failure by its kind and place only. The exception's message is left out: it may
    quote what a visitor sent (message text, a token), which no log may hold."""
    logger.error(
        "chat %s %s failed: %s\n%s",
        what,
        name,
        type(error).__name__,
        "".join(traceback.format_tb(error.__traceback__)).rstrip(),
    )


class RateLimiter:
    """Frames and messages per fixed window; repeated excess closes the socket."""

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
        over = self.frames > protocol.RATE_MAX_FRAMES or self.messages > protocol.RATE_MAX_MESSAGES
        if over and not self.struck_this_window:
            self.strikes += 1
            self.struck_this_window = True
        return not over

    @property
    def exhausted(self) -> bool:
        return self.strikes >= protocol.RATE_STRIKES_BEFORE_CLOSE


class ChatConsumer(AsyncJsonWebsocketConsumer):
    """Frame handling shared by both sides: size limit, JSON, rate limit, dispatch to
    `on_<type>` methods, and error frames for everything that goes wrong."""

    side: str  # delivery.VISITOR or delivery.OPERATOR
    frame_types: frozenset[str] = frozenset()
    message_types: frozenset[str] = frozenset({"message"})
    # Frames that store a message run side by side, in one lane per conversation (see
    # `receive`), so that a socket goes on reading while its messages are being stored.
    posting_types: frozenset[str] = frozenset({"message"})

    async def connect(self) -> None:
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

    async def websocket_disconnect(self, message) -> None:
        # What the socket sent before it closed is stored and announced first.
        await self.lanes_done()
        await super().websocket_disconnect(message)

    async def disconnect(self, code) -> None:
        for task in list(self.refreshing.values()):
            task.cancel()
        self.reader.close()
        for group in list(self.groups_joined):
            await self.leave(group)

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
        data, problem = parse_frame(text_data)
        frame_type = data["type"] if data else None
        client_id = data.get("client_id") if data else None
        # Errors about a message name it, so the client knows which one failed.
        extra = (
            {"client_id": client_id[: protocol.MAX_CLIENT_ID_CHARS]}
            if isinstance(client_id, str) and client_id
            else {}
        )
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
            await self.send_error(ChatError(protocol.ERROR_UNKNOWN_TYPE), request=frame_type[:32])
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
