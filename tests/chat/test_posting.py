"""A socket stores its messages while it goes on reading: what arrives meanwhile is not held up
behind them, messages to one conversation keep their order, every other frame comes after the
messages sent before it, and a socket that closes still has what it sent stored and delivered."""

from __future__ import annotations

import asyncio
import threading

from channels.layers import get_channel_layer

from chat.actions import messages
from chat.models import Conversation, Message

from .conftest import CHAT_DB, get_conversation, messages_of

pytestmark = CHAT_DB


# Where each kind of message is stored: its action in the database pool, and the action's
# common case on the event loop (PostgreSQL; chat/db.py).
STORING = {
    "do_operator_post": "operator_post_on_loop",
    "do_post_message": "post_message_on_loop",
}


def hold(monkeypatch, name: str) -> tuple[threading.Event, threading.Event]:
    """Make `messages.<name>` wait until released, in its database thread, and so its common
    case on the event loop (without holding the loop up): (started, release)."""
    started, release = threading.Event(), threading.Event()
    original = getattr(messages, name)
    original_on_loop = getattr(messages, STORING[name])

    def held(*args, **kwargs):
        started.set()
        if not release.wait(10):
            raise TimeoutError("never released")
        return original(*args, **kwargs)

    async def held_on_loop(*args, **kwargs):
        started.set()
        if not await asyncio.to_thread(release.wait, 10):
            raise TimeoutError("never released")
        return await original_on_loop(*args, **kwargs)

    monkeypatch.setattr(messages, name, held)
    monkeypatch.setattr(messages, STORING[name], held_on_loop)
    return started, release


async def test_a_console_goes_on_reading_while_its_message_is_stored(chat_pair, monkeypatch):
    v, op = await chat_pair()
    cid = v.conversation_id
    started, release = hold(monkeypatch, "do_operator_post")
    try:
        await op.send(type="message", conversation=cid, client_id="held", text="from the console")
        assert await asyncio.to_thread(started.wait, 10)
        # The visitor types while the console's message is still being stored: the console
        # shows it now, not after its own message.
        await v.send(type="typing")
        await op.expect("typing", conversation=cid)
        assert op.of_type("ack") == []
    finally:
        release.set()
    ack = await op.expect("ack", client_id="held")
    message = await v.expect_message(seq=ack["seq"])
    assert message["text"] == "from the console"


async def test_a_visitor_goes_on_reading_while_their_message_is_stored(chat_pair, monkeypatch):
    v, op = await chat_pair()
    cid = v.conversation_id
    started, release = hold(monkeypatch, "do_post_message")
    try:
        await v.send(type="message", client_id="held", text="from the visitor")
        assert await asyncio.to_thread(started.wait, 10)
        # The operator's typing, as the channel layer brings it (the operator's own socket
        # would read the database first, which SQLite's one thread cannot do meanwhile).
        await get_channel_layer().group_send(
            f"chat.conversation.{cid}", {"type": "chat.typing", "id": cid, "sender": "operator"}
        )
        await v.expect("typing")
        assert v.of_type("ack") == []
    finally:
        release.set()
    ack = await v.expect("ack", client_id="held")
    await op.expect("message", conversation=cid, seq=ack["seq"])


async def test_messages_to_one_conversation_keep_the_order_they_were_sent_in(chat_pair):
    v, op = await chat_pair()
    cid = v.conversation_id
    for number in range(5):
        await op.send(type="message", conversation=cid, client_id=f"o{number}", text=f"o{number}")
        await v.send(type="message", client_id=f"v{number}", text=f"v{number}")
    op_acks = [await op.expect("ack", client_id=f"o{number}") for number in range(5)]
    v_acks = [await v.expect("ack", client_id=f"v{number}") for number in range(5)]
    assert [ack["seq"] for ack in op_acks] == sorted(ack["seq"] for ack in op_acks)
    assert [ack["seq"] for ack in v_acks] == sorted(ack["seq"] for ack in v_acks)

    stored = [m for m in await messages_of(cid) if m.kind == Message.Kind.TEXT]
    by_sender = {
        sender: [m.text for m in stored if m.sender == sender]
        for sender in (Message.Sender.OPERATOR, Message.Sender.VISITOR)
    }
    assert by_sender[Message.Sender.OPERATOR] == [f"o{number}" for number in range(5)]
    assert by_sender[Message.Sender.VISITOR] == [f"v{number}" for number in range(5)]
    # Each side reads the other's five, once each, in order, and none of its own.
    await op.expect("message", sender="visitor", text="v4")
    await v.expect_message(sender="operator", text="o4")
    await op.settle()
    await v.settle()
    assert texts_from(op, "visitor") == [f"v{number}" for number in range(5)]
    assert texts_from(v, "operator") == [f"o{number}" for number in range(5)]


def texts_from(client, sender: str) -> list[str]:
    return [m["text"] for m in client.of_type("message") if m["sender"] == sender]


async def test_a_frame_after_a_message_waits_for_the_message(chat_pair, monkeypatch):
    """A message, then `end` at once: the message is stored and reaches the visitor, and the
    conversation ends after it, not before (which would refuse the message)."""
    v, op = await chat_pair()
    cid = v.conversation_id
    started, release = hold(monkeypatch, "do_operator_post")
    try:
        await op.send(type="message", conversation=cid, client_id="last", text="take care")
        await op.send(type="end", conversation=cid)
        assert await asyncio.to_thread(started.wait, 10)
    finally:
        release.set()
    ack = await op.expect("ack", client_id="last")
    message = await v.expect_message(seq=ack["seq"], text="take care")
    # With something said, ending asks the visitor for consent first.
    ended = await v.expect_message(event="operator_ended")
    assert ended["seq"] > message["seq"]
    assert v.frames.index(message) < v.frames.index(ended)
    assert op.of_type("error") == []
    assert (await get_conversation(cid)).status == Conversation.Status.ENDING


async def test_what_a_closing_socket_sent_is_stored_and_delivered(chat_pair, monkeypatch):
    v, op = await chat_pair()
    cid = v.conversation_id
    started, release = hold(monkeypatch, "do_post_message")
    try:
        await v.send(type="message", client_id="going", text="one more thing")
        assert await asyncio.to_thread(started.wait, 10)
        closing = asyncio.create_task(v.disconnect())
        await asyncio.sleep(0.1)
    finally:
        release.set()
    await closing
    message = await op.expect("message", conversation=cid, text="one more thing")
    assert message["sender"] == "visitor"
    assert [m.text for m in await messages_of(cid) if m.kind == Message.Kind.TEXT] == [
        "one more thing"
    ]
