"""What a socket does when a dependency fails or the server itself stops for a while: it
leaves cleanly, logs a repeated failure once in a while, and does not punish its client for
frames the server read late."""

from __future__ import annotations

import logging

from django.db import OperationalError

from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer

from chat import protocol
from chat.actions import conversations
from chat.announce import deferring
from chat.consumers import base
from chat.consumers.base import FailureLog, PauseWatch, RateLimiter
from chat.models import Conversation

from .conftest import CHAT_DB, FakeClock


class Boom(Exception):
    pass


def fail(what: str = "x") -> Boom:
    try:
        raise Boom(f"what a client sent: {what}!")
    except Boom as error:
        return error


def database_down(*args, **kwargs):
    raise OperationalError("the server closed the connection")


def test_a_repeated_failure_is_logged_once_in_a_while_with_a_count(caplog, monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(FailureLog, "clock", staticmethod(clock))
    log = FailureLog()
    with caplog.at_level(logging.ERROR, logger="chat.consumers"):
        for _ in range(50):
            log("announcement", "chat.update", fail())
        log("announcement", "chat.queue", fail())  # another place: its own line
        clock.now += base.LOG_REPEAT_SECONDS
        log("announcement", "chat.update", fail())
    lines = [record.getMessage() for record in caplog.records]
    assert len(lines) == 3, lines
    assert lines[0].startswith("chat announcement chat.update failed: Boom\n")
    assert lines[1].startswith("chat announcement chat.queue failed: Boom\n")
    assert "and 49 times more since it was last logged" in lines[2]
    assert not any("what a client sent: x!" in line for line in lines)


def test_after_a_pause_of_the_process_its_frames_are_not_refused(monkeypatch):
    """A burst read after the server was stopped was sent at its senders' pace meanwhile."""
    clock = FakeClock()
    watch = PauseWatch()
    monkeypatch.setattr(PauseWatch, "clock", staticmethod(clock))
    monkeypatch.setattr(RateLimiter, "clock", staticmethod(clock))
    monkeypatch.setattr(base, "pause_watch", watch)
    watch.due = clock.now + watch.TICK
    clock.now += watch.TICK + 15  # the timer runs 15 s late: the process was stopped
    watch.tick()
    assert watch.catching_up
    limiter = RateLimiter()
    assert all(limiter.hit(message=True) for _ in range(3 * protocol.RATE_MAX_FRAMES))
    assert not limiter.exhausted
    # Once it has caught up (one rate window at most), the limit holds again.
    clock.now += protocol.RATE_WINDOW_SECONDS
    assert not watch.catching_up
    limiter = RateLimiter()
    hits = [limiter.hit(message=True) for _ in range(protocol.RATE_MAX_MESSAGES + 1)]
    assert hits[-1] is False


def test_a_timer_on_time_is_no_pause(monkeypatch):
    clock = FakeClock()
    watch = PauseWatch()
    monkeypatch.setattr(PauseWatch, "clock", staticmethod(clock))
    watch.due = clock.now + watch.TICK
    clock.now += watch.TICK + base.PAUSE_SECONDS - 0.5  # late, but a busy second, not a pause
    watch.tick()
    assert not watch.catching_up


@CHAT_DB
async def test_resume_and_sync_are_not_counted_as_messages(chat_pair, clock):
    v, op = await chat_pair()
    clock.now += protocol.RATE_WINDOW_SECONDS
    for _ in range(protocol.RATE_MAX_MESSAGES + 2):
        await v.send(type="resume", token="t" * 43, last_seq=0)
        await v.send(type="sync", after=0)
    await v.settle()
    assert v.of_type("error") and not [
        frame for frame in v.of_type("error") if frame["code"] == protocol.ERROR_RATE_LIMITED
    ]
    await v.say("still talking")


@CHAT_DB
async def test_a_visitor_leaves_cleanly_when_the_database_fails_at_disconnect(
    chat_pair, monkeypatch, caplog
):
    v, op = await chat_pair()

    monkeypatch.setattr(conversations, "do_visitor_seen", database_down)
    with caplog.at_level(logging.ERROR, logger="chat.consumers"):
        await v.disconnect()  # a crash of the consumer would fail the test at teardown
    assert any(
        "chat disconnect of visitor failed: OperationalError" in record.getMessage()
        for record in caplog.records
    )


@CHAT_DB
async def test_a_message_whose_announcement_was_lost_arrives_by_the_periodic_check(
    chat_pair, monkeypatch
):
    """Stored and acknowledged, but its announcement never reached the readers (the layer
    was down): every socket compares its cursors with the database now and then."""
    monkeypatch.setattr(base, "CHECK_SECONDS", 0.3)
    v, op = await chat_pair()
    cid = v.conversation_id
    layer = get_channel_layer()
    send = layer.group_send

    async def losing_one(group: str, event: dict) -> None:
        if event.get("message", {}).get("client_id") == "lost-1":
            return  # lost on the way
        await send(group, event)

    monkeypatch.setattr(layer, "group_send", losing_one)
    ack = await v.say("lost on the way", client_id="lost-1")
    message = await op.expect("message", conversation=cid, client_id="lost-1")
    assert (message["seq"], message["text"]) == (ack["seq"], "lost on the way")
    await v.settle(0.8)
    assert not [frame for frame in v.of_type("message") if frame["client_id"] == "lost-1"]


@CHAT_DB
async def test_an_end_whose_announcement_was_lost_reaches_both_sides(chat_pair, monkeypatch):
    monkeypatch.setattr(base, "CHECK_SECONDS", 0.3)
    v, op = await chat_pair()
    cid = v.conversation_id
    outcome = await sync_to_async(deferring(conversations.do_close))(
        cid, Conversation.Outcome.OPERATOR_ENDED
    )
    assert outcome.error is None
    ended = await v.expect("ended")
    assert ended["outcome"] == Conversation.Outcome.OPERATOR_ENDED
    await v.expect_closed(protocol.CLOSE_ENDED)
    await op.expect("conversation_closed", conversation=cid)


@CHAT_DB
async def test_a_resume_that_fails_on_the_server_is_closed_to_be_resumed_again(
    chat_pair, visitor, monkeypatch
):
    """Before: the socket stayed open, attached to no conversation; the visitor's messages
    were refused, the operator's never shown. Now the client is told to come back (4500), and
    its next resume works."""
    from chat.consumers import visitor as visitor_consumer

    v, op = await chat_pair()
    cid = v.conversation_id
    await v.disconnect()
    monkeypatch.setattr(visitor_consumer, "access_visitor_conversation", database_down)
    again = await visitor()
    await again.send(type="resume", token=v.token, last_seq=0)
    error = await again.expect_error(protocol.ERROR_SERVER)
    assert error["request"] == "resume"
    await again.expect_closed(protocol.CLOSE_SERVER_ERROR)
    monkeypatch.undo()

    back = await visitor()
    await back.resume(v.token)
    ack = await back.say("I am back")
    await op.expect("message", conversation=cid, seq=ack["seq"])


@CHAT_DB
async def test_a_resume_that_fails_once_attached_leaves_nothing_attached(
    chat_pair, visitor, monkeypatch
):
    from chat.consumers.visitor import VisitorConsumer

    v, op = await chat_pair()
    await v.disconnect()

    async def failing(self, conversation):
        raise OperationalError("the server closed the connection")

    monkeypatch.setattr(VisitorConsumer, "send_state", failing)
    again = await visitor()
    await again.send(type="resume", token=v.token, last_seq=0)
    await again.expect_error(protocol.ERROR_SERVER)
    await again.expect_closed(protocol.CLOSE_SERVER_ERROR)
    monkeypatch.undo()
    # The operator's message reaches nobody on the closed socket, and the visitor who comes
    # back gets it once.
    ack = await op.say(v.conversation_id, "are you there?")
    back = await visitor()
    await back.resume(v.token)
    shown = await back.expect("message", seq=ack["seq"])
    assert shown["text"] == "are you there?"
    await back.settle()
    assert [f["seq"] for f in back.of_type("message")].count(ack["seq"]) == 1


async def test_a_socket_opened_while_the_layer_is_down_is_told_and_closed(visitor, monkeypatch):
    """Before: the handshake failed with HTTP 500 (Channels asks the layer for the socket's
    channel first), and the widget could only say "something went wrong"."""
    layer = get_channel_layer()

    async def layer_down(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(layer, "new_channel", layer_down)
    v = await visitor()
    error = await v.expect_error(protocol.ERROR_UNAVAILABLE)
    assert error["message"] == str(protocol.ERROR_MESSAGES[protocol.ERROR_UNAVAILABLE])
    await v.expect_closed(protocol.CLOSE_SERVER_ERROR)


@CHAT_DB
async def test_availability_says_out_of_service_while_the_layer_or_the_database_is_down(
    async_client, monkeypatch, caplog
):
    from chat import announce
    from chat.actions import conversations as actions

    monkeypatch.setitem(announce._layer_checked, "at", float("-inf"))
    answer = (await async_client.get("/chat/availability/")).json()
    assert answer["out_of_service"] is False

    layer = get_channel_layer()

    async def layer_down(*args, **kwargs):
        raise ConnectionError("Connection refused.")

    monkeypatch.setattr(layer, "group_send", layer_down)
    monkeypatch.setitem(announce._layer_checked, "at", float("-inf"))
    answer = (await async_client.get("/chat/availability/")).json()
    assert (answer["out_of_service"], answer["accepting"]) == (True, False)
    monkeypatch.undo()

    monkeypatch.setattr(actions, "chat_availability", database_down)
    monkeypatch.setattr("chat.views.chat_availability", database_down)
    with caplog.at_level(logging.ERROR, logger="chat.consumers"):
        response = await async_client.get("/chat/availability/")
    assert response.status_code == 200
    assert (response.json()["out_of_service"], response.json()["accepting"]) == (True, False)


@CHAT_DB
async def test_the_widget_is_told_how_far_the_conversation_goes_and_where_it_has_everything(
    chat_pair, visitor
):
    """Private notes skip the visitor's numbers: the pong says how far the conversation goes,
    and `synced` after a sync or a resume says up to where the visitor has everything."""
    v, op = await chat_pair()
    cid = v.conversation_id
    said = await op.say(cid, "visible")
    await v.expect("message", seq=said["seq"])
    note = await op.note(cid, "between us operators")
    await v.send(type="ping")
    assert (await v.expect("pong"))["last_seq"] == note["seq"]
    await v.send(type="sync", after=said["seq"] - 1)
    await v.expect("message", seq=said["seq"])
    assert (await v.expect("synced"))["through"] == note["seq"]
    assert not [frame for frame in v.of_type("message") if frame["seq"] == note["seq"]]

    await v.disconnect()
    back = await visitor()
    await back.resume(v.token)
    assert (await back.expect("synced"))["through"] == note["seq"]


@CHAT_DB
async def test_a_console_opened_while_the_database_is_down_is_told_and_closed(
    operator, monkeypatch, caplog
):
    """Before: the session's database failed while the user was loaded, before any consumer
    ran: the handshake failed (HTTP 500) with a traceback in daphne's log at every attempt."""
    from django.contrib.sessions.backends.db import SessionStore

    op = await operator(connect=False)
    monkeypatch.setattr(SessionStore, "load", database_down)
    with caplog.at_level(logging.ERROR, logger="chat.consumers"):
        connected, _ = await op.connect()
        assert connected
        error = await op.expect_error(protocol.ERROR_UNAVAILABLE)
        await op.expect_closed(protocol.CLOSE_SERVER_ERROR)
    assert error["message"] == str(protocol.ERROR_MESSAGES[protocol.ERROR_UNAVAILABLE])
    assert [record.getMessage().split("\n")[0] for record in caplog.records] == [
        "chat connect of a socket failed: OperationalError"
    ]
