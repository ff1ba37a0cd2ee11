"""On PostgreSQL a message is stored by one statement on a connection of the event loop's own
(chat/db.py, `messages.post_message_on_loop`); anything unusual goes to the action in the
database pool, which answers it as before."""

from __future__ import annotations

import asyncio

from django.db import connection

import pytest
from asgiref.sync import sync_to_async

from chat import db as chat_db
from chat.actions import messages
from chat.models import Conversation, Message

from .conftest import CHAT_DB, messages_of

pytestmark = [
    CHAT_DB,
    pytest.mark.skipif(connection.vendor == "sqlite", reason="PostgreSQL only"),
]


def pool_action_fails(monkeypatch) -> None:
    """The pool's actions for storing messages raise: only the event loop's statement works."""

    def fail(*args, **kwargs):
        raise AssertionError("stored through the database pool")

    monkeypatch.setattr(messages, "do_post_message", fail)
    monkeypatch.setattr(messages, "do_operator_post", fail)


async def test_messages_of_both_sides_are_stored_on_the_event_loop(chat_pair, monkeypatch):
    v, op = await chat_pair()
    cid = v.conversation_id
    pool_action_fails(monkeypatch)
    visitor_ack = await v.say("from the visitor")
    await op.expect("message", conversation=cid, seq=visitor_ack["seq"])
    ack = await op.say(cid, "from the console")
    message = await v.expect_message(seq=ack["seq"])
    assert message["text"] == "from the console"
    stored = await messages_of(cid)
    assert [m.text for m in stored if m.kind == Message.Kind.TEXT][-2:] == [
        "from the visitor",
        "from the console",
    ]


async def test_a_resend_and_a_refusal_are_answered_by_the_pool(chat_pair):
    v, op = await chat_pair()
    cid = v.conversation_id
    await v.send(type="message", client_id="same", text="once")
    first = await v.expect("ack", client_id="same")
    v.consume("ack")
    await v.send(type="message", client_id="same", text="once")
    again = await v.expect("ack", client_id="same")
    assert again["seq"] == first["seq"]
    await op.send(type="note", conversation=cid, client_id="n", text="x" * 10)
    await op.expect("ack", client_id="n")
    # A conversation that takes no more messages: the pool says why.
    await sync_to_async(Conversation.objects.filter(pk=cid).update)(
        status=Conversation.Status.ENDING
    )
    await v.send(type="message", client_id="late", text="too late")
    error = await v.expect_error("closed", client_id="late")
    assert error["request"] == "message"


async def test_a_connection_the_server_dropped_is_replaced(chat_pair):
    v, op = await chat_pair()
    cid = v.conversation_id
    await v.say("before")
    connections = chat_db._loop_connections[asyncio.get_running_loop()]
    backends = [conn.info.backend_pid for conn in connections.idle]
    assert backends, (connections.opened, connections.idle, len(chat_db._loop_connections))

    def terminate() -> None:
        with connection.cursor() as cursor:
            for pid in backends:
                cursor.execute("SELECT pg_terminate_backend(%s)", [pid])

    await sync_to_async(terminate)()
    for number in range(3):
        await v.say(f"after {number}")
    texts = [m.text for m in await messages_of(cid)]
    assert texts[-3:] == ["after 0", "after 1", "after 2"]
    assert not set(backends) & {conn.info.backend_pid for conn in connections.idle}


async def test_a_statement_cancelled_midway_gives_its_place_back():
    """A socket that goes while its message is being stored cancels the statement: its
    connection is closed (its state is unknown) and its place taken by a new one."""
    for _ in range(chat_db.LOOP_CONNECTIONS + 1):
        task = asyncio.create_task(chat_db.execute_on_loop("SELECT pg_sleep(5)", []))
        await asyncio.sleep(0.3)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert await asyncio.wait_for(chat_db.execute_on_loop("SELECT 1", []), 5) == (1,)
