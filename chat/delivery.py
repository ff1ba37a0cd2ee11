"""Delivery: how one socket sends the messages of the conversations it reads, each once, in
order, and nothing the reader may not see.

A `Reader` belongs to one socket. For each conversation the socket follows it keeps a cursor:
the last sequence number it has handled (sent, or passed on purpose). Messages come two ways:

- **Announced** (`announced`). A `chat.update` carries the stored message as the frame to send
  (`frames.message_frame`) and the conversation's delivered marks. A message that continues
  the cursor is sent at once, without the database. Messages stored at nearly the same moment
  can be announced in either order: one that arrives ahead of a missing one waits for it,
  GAP_SECONDS at most, then the database is read.
- **Read** (`catch_up`, `flush`): everything after the cursor, from the database, which is the
  truth. A bare announcement, a gap, a `sync`, a `resume` and a conversation newly followed
  are read; so is an announcement the socket may not trust without a check (an operator's
  permission to be checked again: the socket's `fetch` does that).

The socket's own messages: their `ack` already told the client their number, so they are not
sent back. The socket calls `acked` when one of its messages is stored; if it continues the
cursor, the cursor passes it then and there. Otherwise its announcement comes back with the
socket's own channel name as `origin` (every announcement of an action carries the name of
the socket that ran it) and, since it has a client id, is passed in its turn, also when a read
of the database brings it. Only a read between the `ack` and the announcement's return (after
a gap) can send it back, and clients drop a message whose number they already show
(docs/chat-protocol.md).

A visitor's reader passes, without sending, what the visitor may not see (private notes,
events worded for staff: `Message.shown_to_visitor`). Events are worded in the reader's
language (`frames.for_reader`). Each socket is sent the other side's delivered mark when it
differs from the last one sent on that socket.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from . import protocol
from .frames import for_reader
from .models import Conversation, Message

# How long a reader waits for a message announced out of order before reading the database.
GAP_SECONDS = 1.0

VISITOR = "visitor"
OPERATOR = "operator"


@dataclass
class Read:
    """What one read of the database brings: up to SYNC_BATCH frames after the cursor that the
    reader may see, in order, and the conversation as read just before them (None if gone):
    every message up to its `last_seq` is among those frames or hidden from this reader."""

    frames: list[dict]
    conversation: Conversation | None


@dataclass
class _Followed:
    cursor: int = 0
    # Announced frames that arrived ahead of a missing one, by seq; None: the socket's own.
    ahead: dict[int, dict | None] = field(default_factory=dict)
    gap_timer: asyncio.TimerHandle | None = None
    delivered_sent: int | None = None


class Reader:
    """The delivery of one socket (see the module's docstring).

    `send(frame)` sends a frame on the socket; `fetch(conversation_id, after)` reads the
    database (`Read`), with whatever checks the socket needs; `schedule(name, read)` runs
    `read()` soon, once for a burst of calls (`ChatConsumer.refresh`); `origin` is the
    socket's channel name, which announcements of its own messages carry."""

    def __init__(
        self,
        side: str,
        *,
        send: Callable[[dict], Awaitable[None]],
        fetch: Callable[[int, int], Awaitable[Read]],
        schedule: Callable[[str, Callable[[], Awaitable[None]]], None],
        origin: str,
        language: str,
    ) -> None:
        self.side = side
        self.send = send
        self.fetch = fetch
        self.schedule = schedule
        self.origin = origin
        self.language = language
        self.followed: dict[int, _Followed] = {}

    # --- what the socket follows ------------------------------------------------------------

    def follow(self, conversation_id: int, cursor: int = 0) -> None:
        """Start reading a conversation after `cursor` (or move an existing cursor back)."""
        state = self.followed.setdefault(conversation_id, _Followed(cursor=cursor))
        state.cursor = min(state.cursor, cursor)

    def unfollow(self, conversation_id: int) -> None:
        """The conversation left this socket: forget everything kept about it."""
        state = self.followed.pop(conversation_id, None)
        if state is not None and state.gap_timer is not None:
            state.gap_timer.cancel()

    def cursor(self, conversation_id: int) -> int:
        state = self.followed.get(conversation_id)
        return state.cursor if state else 0

    def close(self) -> None:
        for conversation_id in list(self.followed):
            self.unfollow(conversation_id)

    # --- messages in ------------------------------------------------------------------------

    async def acked(self, conversation_id: int, seq: int) -> None:
        """The socket stored message `seq` and acknowledges it: it is not sent back."""
        state = self.followed.get(conversation_id)
        if state is not None and seq == state.cursor + 1:
            state.cursor = seq
            await self._send_ahead(conversation_id, state)

    async def announced(self, conversation_id: int, event: dict) -> None:
        """A `chat.update`: the carried message and delivered marks, or a read if it carries
        no marks (a bare announcement)."""
        state = self.followed.get(conversation_id)
        if state is None:
            return
        mark = event.get(self._mark_field)
        if mark is None:
            await self.catch_up(conversation_id)
            return
        frame = event.get("message")
        if frame is not None and frame["seq"] > state.cursor:
            state.ahead[frame["seq"]] = None if self._own(event, frame) else frame
        await self._send_ahead(conversation_id, state)
        await self._send_delivered(conversation_id, state, mark)

    async def catch_up(self, conversation_id: int) -> Conversation | None:
        """Read what is new from the database and send it; returns the conversation read."""
        state = self.followed.get(conversation_id)
        if state is None:
            return None
        read = await self.fetch(conversation_id, state.cursor)
        await self._send_read(conversation_id, state, read)
        if len(read.frames) >= protocol.SYNC_BATCH:
            await self.flush(conversation_id)
        await self._send_ahead(conversation_id, state)
        if read.conversation is not None:
            await self._send_delivered(
                conversation_id, state, getattr(read.conversation, self._mark_field)
            )
        return read.conversation

    async def flush(self, conversation_id: int, *, after: int | None = None) -> None:
        """Send everything after the cursor (moved back to `after` first, if given: a `sync`
        or a `resume`), one's own messages included, in batches of SYNC_BATCH."""
        state = self.followed.get(conversation_id)
        if state is None:
            return
        if after is not None:
            state.cursor = min(state.cursor, after)
        while conversation_id in self.followed:
            read = await self.fetch(conversation_id, state.cursor)
            await self._send_read(conversation_id, state, read)
            if len(read.frames) < protocol.SYNC_BATCH:
                break
        await self._send_ahead(conversation_id, state)

    # --- sending ----------------------------------------------------------------------------

    @property
    def _mark_field(self) -> str:
        """The other side's delivered mark, which this reader is sent."""
        return "operator_delivered_seq" if self.side == VISITOR else "visitor_delivered_seq"

    def _own(self, event: dict, frame: dict) -> bool:
        """A message a client sent (it has a client id) from this very socket: its `ack` told
        the client its number. Messages an action of this socket stored for others (events,
        a transfer's note) have no client id and are sent."""
        return bool(frame["client_id"]) and event.get("origin") == self.origin

    async def _send_frame(self, state: _Followed, frame: dict) -> None:
        """Send `frame` if it follows the cursor and the reader may see it; the cursor passes
        it either way."""
        if frame["seq"] <= state.cursor:
            return
        state.cursor = frame["seq"]
        if self.side == OPERATOR or Message.shown_to_visitor(frame["kind"], frame["event"]):
            await self.send(for_reader(frame, self.language, for_staff=self.side == OPERATOR))

    async def _send_read(self, conversation_id: int, state: _Followed, read: Read) -> None:
        for frame in read.frames:
            seq = frame["seq"]
            if seq in state.ahead and state.ahead[seq] is None:  # the socket's own, announced
                state.cursor = max(state.cursor, seq)
                continue
            await self._send_frame(state, frame)
        if read.conversation is not None and len(read.frames) < protocol.SYNC_BATCH:
            # Whatever this reader may not see, up to the number read before the messages,
            # was left out on purpose: the cursor passes it.
            state.cursor = max(state.cursor, read.conversation.last_seq)

    async def _send_ahead(self, conversation_id: int, state: _Followed) -> None:
        """Send the announced frames that now follow the cursor; wait for a missing one."""
        ahead = state.ahead
        while ahead:
            for seq in [seq for seq in ahead if seq <= state.cursor]:
                del ahead[seq]
            following = state.cursor + 1
            if following not in ahead:
                break
            frame = ahead.pop(following)
            if frame is None:  # the socket's own
                state.cursor = following
            else:
                await self._send_frame(state, frame)
        if not ahead:
            if state.gap_timer is not None:
                state.gap_timer.cancel()
                state.gap_timer = None
        elif state.gap_timer is None:
            state.gap_timer = asyncio.get_running_loop().call_later(
                GAP_SECONDS, self._gap_expired, conversation_id
            )

    def _gap_expired(self, conversation_id: int) -> None:
        state = self.followed.get(conversation_id)
        if state is None:
            return
        state.gap_timer = None
        if state.ahead:
            self.schedule(f"gap.{conversation_id}", lambda: self._catch_up_gap(conversation_id))

    async def _catch_up_gap(self, conversation_id: int) -> None:
        await self.catch_up(conversation_id)

    async def _send_delivered(self, conversation_id: int, state: _Followed, mark: int) -> None:
        if state.delivered_sent != mark:
            state.delivered_sent = mark
            frame: dict = {"type": "delivered", "seq": mark}
            if self.side == OPERATOR:
                frame["conversation"] = conversation_id
            await self.send(frame)
