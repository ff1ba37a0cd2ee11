"""Announcements: what the chat tells its sockets on the channel layer, and when.

An action announces a change only after its transaction commits, so that whoever is told
"something new" finds it in the database. Inside a consumer's action (`deferring`) the
committed announcements are handed back to the consumer, which sends them from the event
loop (the database thread is not held up by the channel layer); elsewhere (views, commands,
signals) they are sent on commit.

The groups:
- `conversation_group(id)`: the sockets reading one conversation (its visitor, its operator's
  consoles);
- `OPERATORS_GROUP`: every console (the queue changed); `WAITING_GROUP`: every waiting
  visitor (their place in the queue changed);
- `operator_group(user_id)`: one operator's consoles (assigned a conversation, permissions
  changed).

The event types and what each reader does with them: docs/architecture.md.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import transaction

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from .frames import message_frame
from .models import Message

OPERATORS_GROUP = "chat.operators"
WAITING_GROUP = "chat.waiting"


def operator_group(user_id: int) -> str:
    return f"chat.operator.{user_id}"


def conversation_group(conversation_id: int) -> str:
    return f"chat.conversation.{conversation_id}"


def visitor_group(conversation_id: int) -> str:
    """The visitor's own sockets of a conversation: one at a time (a new one replaces the
    others, chat/consumers/visitor.py)."""
    return f"chat.visitor.{conversation_id}"


# How often a process asks the channel layer whether it works, at most (`layer_reachable`).
LAYER_CHECK_SECONDS = 2.0
LAYER_CHECK_TIMEOUT = 1.0
HEALTH_GROUP = "chat.health"  # nobody listens: a publish that only proves the layer works
_layer_checked: dict[str, float | bool] = {"at": float("-inf"), "reachable": True}


async def layer_reachable() -> bool:
    """Whether the channel layer takes an announcement now: without it, no socket can be
    told anything, so the chat takes nobody new (availability says so). One publish to a
    group nobody is in, at most once in LAYER_CHECK_SECONDS per process."""
    now = time.monotonic()
    if now - _layer_checked["at"] < LAYER_CHECK_SECONDS:
        return bool(_layer_checked["reachable"])
    layer = get_channel_layer()
    try:
        if layer is not None:
            await asyncio.wait_for(
                layer.group_send(HEALTH_GROUP, {"type": "chat.health"}), LAYER_CHECK_TIMEOUT
            )
        reachable = True
    except Exception:  # down, or not answering in time
        reachable = False
    _layer_checked.update(at=time.monotonic(), reachable=reachable)
    return reachable


def _group_send(group: str, event: dict) -> None:
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(group, event)


# Set by `deferring`: the announcements of the call, for its caller to send.
_deferred: ContextVar[list | None] = ContextVar("chat_deferred_announcements", default=None)


def announce(group: str, event: dict) -> None:
    """Send `event` to `group` once the current transaction commits (at once outside one).

    Robust: what was committed stays committed and its caller's answer stands if the layer
    fails (the failure is logged); clients catch up from the database. Inside `deferring`,
    the committed announcement is handed to the caller instead of being sent here."""

    def send() -> None:  # a function, not a partial: Django logs a failure by its __qualname__
        pending = _deferred.get()
        if pending is not None:
            pending.append((group, event))
        else:
            _group_send(group, event)

    transaction.on_commit(send, robust=True)


@dataclass
class Outcome:
    """What `deferring` returns: the call's result or error, and what it announced."""

    result: object
    error: Exception | None
    announcements: list[tuple[str, dict]]


def deferring(func: Callable) -> Callable[..., Outcome]:
    """`func`, made to collect its committed announcements instead of sending them.

    Consumers run actions this way in the database thread and send what was announced from
    the event loop afterwards (`ChatConsumer.act`), also when the action failed after a commit."""

    def run(*args, **kwargs) -> Outcome:
        pending: list[tuple[str, dict]] = []
        token = _deferred.set(pending)
        try:
            return Outcome(func(*args, **kwargs), None, pending)
        except Exception as error:
            return Outcome(None, error, pending)
        finally:
            _deferred.reset(token)

    return run


def announce_update(
    conversation_id: int, message: Message | None = None, marks: Sequence[int] | None = None
) -> None:
    """Something new in the conversation (`update_event`)."""
    announce(conversation_group(conversation_id), update_event(conversation_id, message, marks))


def update_event(
    conversation_id: int, message: Message | None = None, marks: Sequence[int] | None = None
) -> dict:
    """The announcement of something new in a conversation. A new message travels with it as
    the frame readers send (`frames.message_frame`), and so do the delivered marks, so that
    readers whose cursor it continues need not read them back; a reader that sees a gap (or
    gets the bare announcement) reads the database (chat/delivery.py)."""
    event: dict = {"type": "chat.update", "id": conversation_id}
    if message is not None:
        event["message"] = message_frame(message)
    if marks is not None:
        event["visitor_delivered_seq"], event["operator_delivered_seq"] = marks
    return event


def announce_queue() -> None:
    """Operators see the new queue; waiting visitors their new place in it."""
    announce(OPERATORS_GROUP, {"type": "chat.queue"})
    announce(WAITING_GROUP, {"type": "chat.queue"})
