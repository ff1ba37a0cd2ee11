"""Websocket consumers: thin. Each parses and checks a frame, calls one action, and sends.

The channel layer only says "something new in conversation N"; each consumer then reads
what it has not sent yet from the database (after its own cursor), so a dropped layer message
costs a little latency, never a message.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import json
import logging
import time
import traceback
from concurrent.futures import ThreadPoolExecutor

from django.db import connection
from django.utils import translation

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer

from lantern.two_factor import policy as two_factor

from . import actions, protocol
from .models import Conversation, Message
from .protocol import ChatError

logger = logging.getLogger(__name__)

# On PostgreSQL the consumers' database work runs in a pool of threads, each with a connection
# of its own, so that one message's wait for PostgreSQL (a commit: a WAL flush) does not hold
# up everybody else's, and commits that overlap share a flush (docs/performance.md). SQLite
# takes one writer at a time: there it stays in Channels' one database thread. Each socket
# stores its messages while it goes on reading (`posting_types`), so calls overlap: with 4
# threads, 200 conversations queued for the pool (docs/performance.md).
DB_THREADS = 8
_db_pool = ThreadPoolExecutor(max_workers=DB_THREADS, thread_name_prefix="chat-db")


# How long a reader waits for a message announced out of order before reading the database.
GAP_SECONDS = 1.0

# A change to the queue is shown after this long, so that the changes of a burst (a campaign
# sends many visitors at once, operators accept them) cost each socket one read, not one each.
QUEUE_SETTLE_SECONDS = 0.2


def db(func):
    """`func` as the consumers await it (see DB_THREADS).

    On PostgreSQL a plain hand-off to the pool, in a copy of the caller's context: asgiref's
    `sync_to_async` does more (it lets `async_to_sync` in the thread find this loop, and it
    copies the context back), which cost as much as the hand-off itself on every message and
    which these functions do not need: actions run through `db` announce with `deferring`."""
    if connection.vendor == "sqlite":
        return database_sync_to_async(func)
    run = _keeping_the_connection(func)

    async def call(*args, **kwargs):
        context = contextvars.copy_context()
        return await asyncio.get_running_loop().run_in_executor(
            _db_pool, functools.partial(context.run, run, *args, **kwargs)
        )

    return call


def _keeping_the_connection(func):
    """Each pool thread keeps its connection from call to call, whatever CONN_MAX_AGE says:
    under daphne, Django's persistent connections belong to per-request threads and pile up
    (so production runs with CONN_MAX_AGE=0), while these few threads live as long as the
    process. A connection that failed and can no longer be used is closed; the next call
    opens a new one."""

    def run(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        finally:
            if connection.errors_occurred:
                if connection.connection is not None and not connection.is_usable():
                    connection.close()
                connection.errors_occurred = False

    return run


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


def parse_frame(text_data: str | None) -> tuple[dict | None, str | None]:
    """The frame as a dict, or the error code that refuses it."""
    if text_data is None:
        return None, protocol.ERROR_MALFORMED  # binary frames are refused unread
    # The limit is in bytes of UTF-8; a character takes at most four.
    if len(text_data) > protocol.MAX_FRAME_BYTES or (
        len(text_data) * 4 > protocol.MAX_FRAME_BYTES
        and len(text_data.encode("utf-8", "surrogatepass")) > protocol.MAX_FRAME_BYTES
    ):
        return None, protocol.ERROR_TOO_BIG
    try:
        data = json.loads(text_data)
    except (ValueError, RecursionError):  # deeply nested arrays exhaust the parser's stack
        return None, protocol.ERROR_MALFORMED
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        return None, protocol.ERROR_MALFORMED
    return data, None


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


class ChatConsumer(AsyncWebsocketConsumer):
    """Frame handling shared by both sides: size limit, JSON, rate limit, dispatch to
    `on_<type>` methods, and error frames for everything that goes wrong."""

    frame_types: frozenset[str] = frozenset()
    message_types: frozenset[str] = frozenset({"message"})
    # Frames that store a message run side by side, in one lane per conversation (see
    # `receive`), so that a socket goes on reading while its messages are being stored.
    posting_types: frozenset[str] = frozenset({"message"})
    language = "lv"

    async def connect(self) -> None:
        self.limiter = RateLimiter()
        self.groups_joined: set[str] = set()
        self.refreshing: dict[str, asyncio.Task] = {}
        self.stale: set[str] = set()
        # Announced messages that arrived ahead of a missing one, by conversation and seq.
        self.ahead: dict[int, dict[int, Message]] = {}
        self.gap_timers: dict[int, asyncio.TimerHandle] = {}
        # Messages this socket sent, acknowledged but not yet passed by its cursor: they are
        # not echoed back (the `ack` gave their seq), by conversation and seq.
        self.sent_here: set[tuple[int, int]] = set()
        # The other side's delivered mark as last sent on this socket, by conversation.
        self.delivered_sent: dict[int, int] = {}
        # The last posting frame of each lane still running, by `lane_of` its frame.
        self.lanes: dict[object, asyncio.Task] = {}
        await self.accept()
        await self.on_connect()

    async def on_connect(self) -> None:
        """Called after the socket is accepted."""

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
        for timer in self.gap_timers.values():
            timer.cancel()
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

    async def send_json(self, content: dict) -> None:
        await self.send(text_data=json.dumps(content, ensure_ascii=False))

    async def act(self, action, *args, before_announcing=None, **kwargs):
        """Run a `do_…` action in the database thread, then send what it announced from here,
        also when it failed after a commit (`actions.deferring`). A layer that fails loses
        nothing: it is logged, and the readers catch up from the database.

        `before_announcing(result)` runs first when the action succeeded: this socket reads
        while the action runs, so what it must know of the result before the announcement
        comes back to it (its own message's seq) is set there."""
        outcome = await db(actions.deferring(action))(*args, **kwargs)
        if outcome.error is None and before_announcing is not None:
            before_announcing(outcome.result)
        for group, event in outcome.announcements:
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

    async def receive(self, text_data=None, bytes_data=None) -> None:
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
        if problem:
            await self.send_error(ChatError(problem))
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

    # --- reading a conversation ------------------------------------------------------------
    # Each reader keeps a cursor per conversation (the last seq it has handled). Announcements
    # carry their message; those of messages stored at nearly the same moment can arrive in
    # either order, so one that arrives ahead of a missing one waits for it, GAP_SECONDS at
    # most, and then the database is read (`catch_up`): what the layer dropped is never lost.

    def cursor_of(self, conversation_id: int) -> int:
        raise NotImplementedError

    def move_cursor(self, conversation_id: int, seq: int) -> None:
        raise NotImplementedError

    async def send_carried(self, conversation_id: int, message: Message) -> None:
        """Send a message that follows the cursor, and move the cursor onto it."""
        raise NotImplementedError

    def acknowledged(self, conversation_id: int, seq: int) -> None:
        """This socket sent message `seq` and was told its number: it is not echoed back."""
        if seq > self.cursor_of(conversation_id):
            self.sent_here.add((conversation_id, seq))

    def not_echoed(self, conversation_id: int, messages: list[Message]) -> list[Message]:
        """`messages` without those this socket sent itself (which the cursor passes)."""
        if not self.sent_here:
            return messages
        kept = []
        for message in messages:
            key = (conversation_id, message.seq)
            if key in self.sent_here:
                self.sent_here.discard(key)
                self.move_cursor(conversation_id, message.seq)
            else:
                kept.append(message)
        return kept

    def forget_sent(self, conversation_id: int, *, everything: bool = False) -> None:
        """Drop what the cursor has passed (a `sync` or `resume` sends one's own too)."""
        if self.sent_here:
            cursor = float("inf") if everything else self.cursor_of(conversation_id)
            self.sent_here = {
                (cid, seq) for cid, seq in self.sent_here if cid != conversation_id or seq > cursor
            }

    def delivered_frame(self, conversation_id: int, seq: int) -> dict:
        raise NotImplementedError

    async def send_delivered(self, conversation_id: int, seq: int) -> None:
        """The other side's delivered mark, when it differs from the last one sent here."""
        if self.delivered_sent.get(conversation_id) != seq:
            self.delivered_sent[conversation_id] = seq
            await self.send_json(self.delivered_frame(conversation_id, seq))

    async def catch_up(self, conversation_id: int, event: dict | None = None) -> None:
        """Read what is new from the database and send it."""
        raise NotImplementedError

    async def take_announced(self, conversation_id: int, event: dict) -> None:
        payload = event.get("message")
        if payload is not None and payload["seq"] > self.cursor_of(conversation_id):
            message = actions.message_from_payload(conversation_id, payload)
            self.ahead.setdefault(conversation_id, {})[message.seq] = message
        await self.send_ahead(conversation_id)

    async def send_ahead(self, conversation_id: int) -> None:
        """Send the messages that now follow the cursor; wait for a missing one."""
        ahead = self.ahead.get(conversation_id, {})
        while ahead:
            cursor = self.cursor_of(conversation_id)
            for seq in [seq for seq in ahead if seq <= cursor]:
                del ahead[seq]
            if cursor + 1 not in ahead:
                break
            for message in self.not_echoed(conversation_id, [ahead.pop(cursor + 1)]):
                await self.send_carried(conversation_id, message)
        if ahead:
            if conversation_id not in self.gap_timers:
                self.gap_timers[conversation_id] = asyncio.get_running_loop().call_later(
                    GAP_SECONDS, self.gap_expired, conversation_id
                )
        else:
            self.forget(conversation_id)

    def gap_expired(self, conversation_id: int) -> None:
        self.gap_timers.pop(conversation_id, None)
        if self.ahead.get(conversation_id):
            self.refresh(f"gap.{conversation_id}", lambda: self.catch_up(conversation_id))

    def forget(self, conversation_id: int) -> None:
        self.ahead.pop(conversation_id, None)
        timer = self.gap_timers.pop(conversation_id, None)
        if timer is not None:
            timer.cancel()

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
        """Channels' `AsyncConsumer.dispatch` without its `aclose_old_connections()`: that is a
        trip to Channels' one thread for synchronous code before every frame and every event,
        which queues every socket of the process behind one another (and behind whatever that
        thread is doing). These consumers touch the database only through `db()`, whose
        calls close old connections themselves, in the thread that uses them."""
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)


class VisitorConsumer(ChatConsumer):
    """The anonymous visitor's side. No conversation exists until the visitor sends `start`
    (or `leave_message`); after that the consumer knows only that conversation."""

    frame_types = frozenset(
        {
            "availability",
            "start",
            "resume",
            "message",
            "typing",
            "received",
            "sync",
            "consent",
            "consent_wording",
            "end",
            "quick_exit",
            "leave_message",
            "ping",
        }
    )
    message_types = frozenset({"message", "start", "resume", "leave_message", "consent"})

    async def on_connect(self) -> None:
        self.conversation_id: int | None = None
        self.cursor = 0

    async def disconnect(self, code) -> None:
        if self.conversation_id is not None:
            # The resume period counts from now.
            await self.act(actions.do_visitor_seen, self.conversation_id)
            await self.channel_layer.group_send(
                actions.OPERATORS_GROUP, {"type": "chat.presence", "id": self.conversation_id}
            )
        await super().disconnect(code)

    # --- helpers --------------------------------------------------------------------------

    def require_conversation(self) -> int:
        if self.conversation_id is None:
            raise ChatError(protocol.ERROR_NO_CONVERSATION)
        return self.conversation_id

    async def attach(self, conversation: Conversation) -> None:
        self.conversation_id = conversation.pk
        self.language = conversation.language
        await self.join(conversation.group_name)
        if conversation.status == Conversation.Status.WAITING:
            await self.join(actions.WAITING_GROUP)

    async def send_state(self, conversation: Conversation) -> None:
        await self.send_json(
            {
                "type": "state",
                "conversation": {
                    "status": conversation.status,
                    "language": conversation.language,
                    "topic": conversation.topic,
                    "consent": conversation.consent,
                    "last_seq": conversation.last_seq,
                    "delivered_seq": conversation.operator_delivered_seq,
                },
            }
        )
        if conversation.status == Conversation.Status.WAITING:
            await self.send_json(await db(actions.queue_position)(conversation))
        if conversation.consent == Conversation.Consent.ASKED:
            await self.send_json(actions.consent_frame(conversation))

    async def flush(self) -> None:
        """Send every message after the cursor, in order, in batches of SYNC_BATCH."""
        while self.conversation_id is not None:
            messages = await db(actions.messages_after)(
                self.conversation_id, self.cursor, for_visitor=True
            )
            await self.send_messages(messages)
            if len(messages) < protocol.SYNC_BATCH:
                return

    async def send_messages(self, messages) -> None:
        for message in messages:
            await self.send_json(actions.message_frame(message, self.language))
            self.cursor = max(self.cursor, message.seq)
        if self.conversation_id is not None:
            self.forget_sent(self.conversation_id)

    # --- frames ---------------------------------------------------------------------------

    async def on_availability(self, data: dict) -> None:
        await self.send_json(await db(actions.chat_availability)())

    async def on_start(self, data: dict) -> None:
        if self.conversation_id is not None:
            raise ChatError(protocol.ERROR_STATE)
        language, topic = await db(actions.check_start)(data.get("language"), data.get("topic"))
        conversation, token = await self.act(actions.do_start, language, topic)
        await self.attach(conversation)
        await self.send_json({"type": "started", "token": token})
        await self.send_state(conversation)

    async def on_resume(self, data: dict) -> None:
        if self.conversation_id is not None:
            raise ChatError(protocol.ERROR_STATE)
        after = actions.check_seq(data.get("last_seq", 0))
        conversation = await db(actions.access_visitor_conversation)(data.get("token"))
        await self.act(actions.do_visitor_seen, conversation.pk)
        await self.attach(conversation)
        # A number beyond the last message (a stale or made-up one) must not hide new ones.
        self.cursor = min(after, conversation.last_seq)
        await self.send_json({"type": "resumed"})
        await self.send_state(conversation)
        await self.flush()
        await self.channel_layer.group_send(
            actions.OPERATORS_GROUP, {"type": "chat.presence", "id": conversation.pk}
        )

    async def on_message(self, data: dict) -> None:
        conversation_id = self.require_conversation()
        client_id = actions.check_client_id(data.get("client_id"))
        text = actions.check_text(data.get("text"))
        message, _created = await self.act(
            actions.do_post_message,
            conversation_id,
            Message.Sender.VISITOR,
            text,
            client_id,
            before_announcing=lambda stored: self.acknowledged(conversation_id, stored[0].seq),
        )
        await self.send_json({"type": "ack", "client_id": client_id, "seq": message.seq})

    async def on_typing(self, data: dict) -> None:
        conversation_id = self.require_conversation()
        await self.channel_layer.group_send(
            f"chat.conversation.{conversation_id}",
            {"type": "chat.typing", "id": conversation_id, "sender": "visitor"},
        )

    async def on_received(self, data: dict) -> None:
        conversation_id = self.require_conversation()
        seq = actions.check_seq(data.get("seq"))
        await self.act(actions.do_mark_delivered, conversation_id, "visitor", seq)

    async def on_sync(self, data: dict) -> None:
        self.require_conversation()
        self.cursor = min(self.cursor, actions.check_seq(data.get("after", 0)))
        await self.flush()

    async def on_ping(self, data: dict) -> None:
        if self.conversation_id is not None:
            await self.act(actions.do_visitor_seen, self.conversation_id)
        await self.send_json({"type": "pong"})

    async def on_consent(self, data: dict) -> None:
        conversation_id = self.require_conversation()
        answer = actions.check_consent(data)
        code = await self.act(actions.do_answer_consent, conversation_id, answer)
        await self.send_json(
            {"type": "consent_recorded", "granted": answer.grant, "withdrawal_code": code}
        )

    async def on_consent_wording(self, data: dict) -> None:
        """The visitor is about to end the chat: show the consent question first. A waiting
        visitor has told nobody anything yet, so there is nothing to consent to."""
        conversation_id = self.require_conversation()
        conversation = await db(Conversation.objects.get)(pk=conversation_id)
        if conversation.status == Conversation.Status.WAITING:
            await self._end(quick_exit=False)
            return
        await self.send_json(actions.consent_frame(conversation))

    async def on_end(self, data: dict) -> None:
        await self._end(quick_exit=False)

    async def on_quick_exit(self, data: dict) -> None:
        await self._end(quick_exit=True)

    async def _end(self, *, quick_exit: bool) -> None:
        conversation_id = self.require_conversation()
        conversation = await db(Conversation.objects.get)(pk=conversation_id)
        await self.act(actions.do_visitor_end, conversation, quick_exit=quick_exit)
        # chat.closed arrives through the group and closes the socket.

    async def on_leave_message(self, data: dict) -> None:
        if self.conversation_id is not None:
            raise ChatError(protocol.ERROR_STATE)
        message = actions.check_leave_message(data)
        self.language = message.language
        code = await self.act(actions.do_leave_message, message)
        await self.send_json({"type": "message_left", "withdrawal_code": code})

    # --- channel layer events -------------------------------------------------------------

    def cursor_of(self, conversation_id: int) -> int:
        return self.cursor

    def move_cursor(self, conversation_id: int, seq: int) -> None:
        self.cursor = max(self.cursor, seq)

    async def send_carried(self, conversation_id: int, message: Message) -> None:
        if actions.visible_to_visitor(message):
            await self.send_json(actions.message_frame(message, self.language))
        self.cursor = message.seq

    def delivered_frame(self, conversation_id: int, seq: int) -> dict:
        return {"type": "delivered", "seq": seq}

    async def chat_update(self, event: dict) -> None:
        if self.conversation_id is None:
            return
        if "accepted" not in event and "operator_delivered_seq" in event:
            await self.take_announced(self.conversation_id, event)
            await self.send_delivered(self.conversation_id, event["operator_delivered_seq"])
            return
        await self.catch_up(self.conversation_id, event)

    async def catch_up(self, conversation_id: int, event: dict | None = None) -> None:
        """One trip to the database for the new messages and the delivered mark."""
        if self.conversation_id != conversation_id:
            return
        messages, conversation = await db(actions.update_for_reader)(
            conversation_id, self.cursor, for_visitor=True
        )
        await self.send_messages(self.not_echoed(conversation_id, messages))
        if len(messages) >= protocol.SYNC_BATCH:
            await self.flush()
        elif conversation is not None:
            # Notes and staff events up to the number read before the messages were skipped
            # on purpose: the cursor passes them.
            self.cursor = max(self.cursor, conversation.last_seq)
        await self.send_ahead(conversation_id)
        if conversation is not None:
            await self.send_delivered(conversation_id, conversation.operator_delivered_seq)
            if conversation.status == Conversation.Status.ACTIVE and (event or {}).get("accepted"):
                await self.leave(actions.WAITING_GROUP)
                await self.send_state(conversation)

    async def chat_typing(self, event: dict) -> None:
        if event.get("sender") == "operator":
            await self.send_json({"type": "typing"})

    async def chat_consent_request(self, event: dict) -> None:
        conversation = await db(Conversation.objects.get)(pk=event["id"])
        await self.send_json(actions.consent_frame(conversation))

    async def chat_closed(self, event: dict) -> None:
        await self.send_json({"type": "ended", "outcome": event["outcome"]})
        self.conversation_id = None
        await self.close(code=protocol.CLOSE_ENDED)

    async def chat_queue(self, event: dict) -> None:
        """Queue changes reach waiting visitors as a new place in the queue."""
        if self.conversation_id is not None:
            self.refresh("queue", self.send_place, settle=QUEUE_SETTLE_SECONDS)

    async def send_place(self) -> None:
        if self.conversation_id is None:
            return
        conversation = await db(Conversation.objects.filter(pk=self.conversation_id).first)()
        if conversation is None or conversation.status != Conversation.Status.WAITING:
            await self.leave(actions.WAITING_GROUP)
            return
        await self.send_json(await db(actions.queue_position)(conversation))

    async def chat_reassigned(self, event: dict) -> None:
        """Operators' business."""


class OperatorConsumer(ChatConsumer):
    """A signed-in operator's console. Permission is checked at connect and again, from the
    database, on every frame."""

    frame_types = frozenset(
        {
            "status",
            "accept",
            "message",
            "note",
            "typing",
            "received",
            "sync",
            "transfer",
            "end",
            "request_consent",
            "lead",
            "ping",
        }
    )
    message_types = frozenset({"message", "note"})
    posting_types = message_types

    async def on_connect(self) -> None:
        user = self.scope.get("user")
        self.cursors: dict[int, int] = {}
        self.permission_checked_at = float("-inf")
        self.user_id = user.pk if user is not None and user.is_authenticated else None
        if self.user_id is None:
            await self.send_error(
                ChatError(protocol.ERROR_FORBIDDEN, close_code=protocol.CLOSE_UNAUTHORISED)
            )
            return
        if not await db(two_factor.satisfied)(user, self.scope.get("session")):
            await self.send_error(
                ChatError(protocol.ERROR_SECOND_FACTOR, close_code=protocol.CLOSE_UNAUTHORISED)
            )
            return
        try:
            operator = await self.operator()
        except ChatError as error:
            await self.send_error(error)
            return
        self.language = await db(actions.operator_language)(operator)
        await self.join(actions.OPERATORS_GROUP)
        await self.join(actions.operator_group(self.user_id))
        await self.act(actions.do_operator_seen, self.user_id)
        conversations = await db(lambda: list(Conversation.objects.for_operator(operator)))()
        for conversation in conversations:
            await self.join(conversation.group_name)
        await self.send_state(operator)
        for conversation in conversations:
            await self.flush(conversation.pk)

    async def operator(self):
        """Every frame re-checks the permission from the database."""
        operator = await db(actions.check_operator)(self.user_id)
        self.permission_checked_at = time.monotonic()
        return operator

    async def conversation(self, data: dict):
        access = await db(actions.access_operator_conversation)(
            self.user_id, data.get("conversation")
        )
        self.permission_checked_at = time.monotonic()
        return access

    @property
    def permission_is_fresh(self) -> bool:
        """Messages delivered to the console need no check of their own while the last one is
        recent: a permission changed through Django is announced at once (`chat.permissions`,
        see chat.signals), and one changed behind Django's back counts after this long."""
        age = time.monotonic() - self.permission_checked_at
        return age < actions.PERMISSION_RECHECK_SECONDS

    async def send_state(self, operator) -> None:
        def build():
            status = actions.OperatorStatus.objects.get_or_create(user=operator)[0]
            return {
                "type": "state",
                "operator": {
                    "id": operator.pk,
                    "available": status.available,
                    "languages": status.languages,
                    "max_chats": status.max_chats,
                },
                "queue": actions.queue_for(operator),
                "conversations": [
                    actions.conversation_summary(c, operator)
                    for c in Conversation.objects.for_operator(operator)
                ],
            }

        await self.send_json(await db(build)())

    async def send_queue(self) -> None:
        operator = await self.operator()
        queue = await db(actions.queue_for)(operator)
        await self.send_json({"type": "queue", "queue": queue})

    async def flush(self, conversation_id: int) -> None:
        while True:
            messages = await db(actions.messages_after)(
                conversation_id, self.cursors.get(conversation_id, 0), for_visitor=False
            )
            await self.send_messages(conversation_id, messages)
            if len(messages) < protocol.SYNC_BATCH:
                return

    async def send_messages(self, conversation_id: int, messages) -> None:
        for message in messages:
            await self.send_json(actions.message_frame(message, self.language))
            self.move_cursor(conversation_id, message.seq)
        self.forget_sent(conversation_id)

    # --- frames ---------------------------------------------------------------------------

    async def on_ping(self, data: dict) -> None:
        await self.operator()
        await self.act(actions.do_operator_seen, self.user_id)
        closed = await self.act(actions.do_sweep)
        await self.send_json({"type": "pong", "swept": closed})

    async def on_status(self, data: dict) -> None:
        operator = await self.operator()
        changes = actions.check_status(data)
        status = await self.act(actions.do_set_status, operator, changes)
        await self.send_json(
            {
                "type": "status",
                "available": status.available,
                "languages": status.languages,
                "max_chats": status.max_chats,
            }
        )

    async def on_accept(self, data: dict) -> None:
        operator = await self.operator()
        conversation_id = data.get("conversation")
        if isinstance(conversation_id, bool) or not isinstance(conversation_id, int):
            raise ChatError(protocol.ERROR_INVALID, field="conversation")
        conversation = await self.act(actions.do_accept, operator, conversation_id)
        await self.join(conversation.group_name)
        summary = await db(actions.conversation_summary)(conversation, operator)
        await self.send_json({"type": "accepted", "conversation": summary})
        await self.flush(conversation.pk)
        await self.channel_layer.group_send(
            conversation.group_name,
            {"type": "chat.update", "id": conversation.pk, "accepted": True},
        )

    def lane_of(self, data: dict) -> object:
        """Messages and notes to one conversation keep their order; a malformed conversation
        (refused when its frame runs) shares one lane."""
        conversation_id = data.get("conversation")
        return conversation_id if type(conversation_id) is int else None

    async def on_message(self, data: dict) -> None:
        await self.post(data, note=False)

    async def on_note(self, data: dict) -> None:
        await self.post(data, note=True)

    async def post(self, data: dict, *, note: bool) -> None:
        # One trip to the database thread: permission, conversation, input, the message.
        message = await self.act(
            actions.do_operator_post,
            self.user_id,
            data.get("conversation"),
            data.get("client_id"),
            data.get("text"),
            note=note,
            before_announcing=lambda stored: self.acknowledged(stored.conversation_id, stored.seq),
        )
        self.permission_checked_at = time.monotonic()
        await self.send_json(
            {
                "type": "ack",
                "conversation": message.conversation_id,
                "client_id": message.client_id,
                "seq": message.seq,
            }
        )

    async def on_typing(self, data: dict) -> None:
        _operator, conversation = await self.conversation(data)
        await self.channel_layer.group_send(
            conversation.group_name,
            {"type": "chat.typing", "id": conversation.pk, "sender": "operator"},
        )

    async def on_received(self, data: dict) -> None:
        _operator, conversation = await self.conversation(data)
        seq = actions.check_seq(data.get("seq"))
        await self.act(actions.do_mark_delivered, conversation.pk, "operator", seq)

    async def on_sync(self, data: dict) -> None:
        _operator, conversation = await self.conversation(data)
        after = actions.check_seq(data.get("after", 0))
        self.cursors[conversation.pk] = min(self.cursors.get(conversation.pk, 0), after)
        await self.flush(conversation.pk)

    async def on_transfer(self, data: dict) -> None:
        operator, conversation = await self.conversation(data)
        note = actions.check_text(data.get("note") or "-", protocol.MAX_NOTE_CHARS)
        await self.act(actions.do_transfer, operator, conversation, data.get("to"), note)
        await self.send_json({"type": "transferred", "conversation": conversation.pk})

    async def on_end(self, data: dict) -> None:
        _operator, conversation = await self.conversation(data)
        if conversation.status == Conversation.Status.CLOSED:
            raise ChatError(protocol.ERROR_CLOSED)
        await self.act(actions.do_operator_end, conversation)

    async def on_request_consent(self, data: dict) -> None:
        _operator, conversation = await self.conversation(data)
        if conversation.status != Conversation.Status.ACTIVE:
            raise ChatError(protocol.ERROR_STATE)
        if conversation.consent == Conversation.Consent.GRANTED:
            raise ChatError(protocol.ERROR_STATE, reason="already_granted")
        await self.act(actions.do_request_consent, conversation)

    async def on_lead(self, data: dict) -> None:
        operator, conversation = await self.conversation(data)
        fields = actions.check_lead_fields(data)
        lead = await self.act(actions.do_update_lead, operator, conversation, fields)
        await self.send_json(
            {"type": "lead_saved", "conversation": conversation.pk, "lead": lead.pk}
        )

    # --- channel layer events -------------------------------------------------------------

    async def chat_queue(self, event: dict) -> None:
        self.refresh("queue", self.send_queue, settle=QUEUE_SETTLE_SECONDS)

    async def chat_presence(self, event: dict) -> None:
        await self.chat_queue(event)

    def cursor_of(self, conversation_id: int) -> int:
        return self.cursors.get(conversation_id, 0)

    def move_cursor(self, conversation_id: int, seq: int) -> None:
        self.cursors[conversation_id] = max(self.cursors.get(conversation_id, 0), seq)

    async def send_carried(self, conversation_id: int, message: Message) -> None:
        await self.send_messages(conversation_id, [message])

    def delivered_frame(self, conversation_id: int, seq: int) -> dict:
        return {"type": "delivered", "conversation": conversation_id, "seq": seq}

    def stop_reading(self, conversation_id: int) -> None:
        """The conversation left this console: forget everything kept about it."""
        self.cursors.pop(conversation_id, None)
        self.delivered_sent.pop(conversation_id, None)
        self.forget_sent(conversation_id, everything=True)
        self.forget(conversation_id)

    async def chat_update(self, event: dict) -> None:
        # Messages reach only an operator who may still read them: a permission withdrawn
        # meanwhile closes the socket (through `dispatch`) instead.
        conversation_id = event["id"]
        if self.permission_is_fresh and "visitor_delivered_seq" in event:
            await self.take_announced(conversation_id, event)
            await self.send_delivered(conversation_id, event["visitor_delivered_seq"])
            return
        await self.catch_up(conversation_id, event)

    async def catch_up(self, conversation_id: int, event: dict | None = None) -> None:
        """One trip to the database for the permission, the new messages and the
        conversation (a gap, a bare announcement, or a permission to check again)."""
        messages, conversation = await db(actions.update_for_reader)(
            conversation_id,
            self.cursor_of(conversation_id),
            for_visitor=False,
            operator_id=self.user_id,
        )
        self.permission_checked_at = time.monotonic()
        await self.send_messages(conversation_id, self.not_echoed(conversation_id, messages))
        if len(messages) >= protocol.SYNC_BATCH:
            await self.flush(conversation_id)
        await self.send_ahead(conversation_id)
        if conversation is not None:
            await self.send_delivered(conversation_id, conversation.visitor_delivered_seq)

    async def chat_permissions(self, event: dict) -> None:
        """This operator's groups or permissions changed: check them now (closes the socket
        with `forbidden` if they no longer allow the chat)."""
        await self.operator()

    async def chat_typing(self, event: dict) -> None:
        if event.get("sender") == "visitor":
            await self.send_json({"type": "typing", "conversation": event["id"]})

    async def chat_consent_request(self, event: dict) -> None:
        """The visitor's business; operators see the event message."""

    async def chat_closed(self, event: dict) -> None:
        await self.leave(f"chat.conversation.{event['id']}")
        self.stop_reading(event["id"])
        await self.send_json(
            {
                "type": "conversation_closed",
                "conversation": event["id"],
                "outcome": event["outcome"],
                "do_not_contact": event["do_not_contact"],
            }
        )

    async def chat_assigned(self, event: dict) -> None:
        operator = await self.operator()
        conversation = await db(Conversation.objects.get)(pk=event["id"])
        await self.join(conversation.group_name)
        summary = await db(actions.conversation_summary)(conversation, operator)
        await self.send_json({"type": "assigned", "conversation": summary})
        await self.flush(conversation.pk)

    async def chat_reassigned(self, event: dict) -> None:
        conversation = await db(Conversation.objects.get)(pk=event["id"])
        if conversation.operator_id != self.user_id:
            await self.leave(conversation.group_name)
            self.stop_reading(conversation.pk)
            await self.send_json({"type": "unassigned", "conversation": conversation.pk})
