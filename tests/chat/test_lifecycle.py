"""How conversations end: quick exit, the sweep of visitors who did not come back; and what the
logs may never contain."""

from __future__ import annotations

import datetime
import logging

from django.db import OperationalError

import pytest
from asgiref.sync import sync_to_async

from chat import access, protocol
from chat.actions import conversations, messages, operators
from chat.consumers import sightings as sightings_module
from chat.models import Conversation
from chat.referrals.models import Lead

from .conftest import (
    CHAT_DB,
    CLIENT_ADDRESS,
    FORWARDED_FOR,
    db_tables_containing,
    get_conversation,
    messages_of,
)

pytestmark = CHAT_DB


class Clock:
    """Stands in for `django.utils.timezone` inside the chat's actions, so time can move on."""

    offset = datetime.timedelta()

    @classmethod
    def now(cls):
        from django.utils import timezone

        return timezone.now() + cls.offset


@pytest.fixture
def clock(monkeypatch):
    Clock.offset = datetime.timedelta()
    for module in (access, conversations, messages, operators, sightings_module):
        monkeypatch.setattr(module, "timezone", Clock)
    yield Clock
    Clock.offset = datetime.timedelta()


# --- Quick exit -------------------------------------------------------------------------------


async def test_quick_exit_closes_with_do_not_contact(chat_pair):
    v, op = await chat_pair()
    cid = v.conversation_id
    await v.say("he is coming back, I have to go")
    await op.expect("message", text="he is coming back, I have to go")

    await v.send(type="quick_exit")
    ended = await v.expect("ended")
    assert ended["outcome"] == "quick_exit"
    await v.expect_closed(protocol.CLOSE_ENDED)

    closed = await op.expect("conversation_closed", conversation=cid)
    assert closed["outcome"] == "quick_exit"
    assert closed["do_not_contact"] is True

    conversation = await get_conversation(cid)
    assert conversation.status == Conversation.Status.CLOSED
    assert conversation.outcome == Conversation.Outcome.QUICK_EXIT
    assert conversation.do_not_contact is True
    assert conversation.token_hash is None
    assert await messages_of(cid) == []
    assert await db_tables_containing("he is coming back") == []

    # The operator can no longer write to it.
    await op.send(type="message", conversation=cid, client_id="after", text="hello?")
    await op.expect_error(protocol.ERROR_CLOSED)


async def test_quick_exit_while_waiting_leaves_the_queue(visitor, operator):
    op = await operator()
    v = await visitor()
    await v.start()
    await op.expect("queue", where=lambda f: len(f["queue"]) == 1)
    await v.send(type="quick_exit")
    await v.expect_closed(protocol.CLOSE_ENDED)
    await op.expect("queue", queue=[])
    conversation = await get_conversation(v.conversation_id)
    assert conversation.outcome == Conversation.Outcome.QUICK_EXIT
    assert conversation.do_not_contact is True


async def test_quick_exit_after_consent_marks_the_lead_do_not_contact(chat_pair):
    v, op = await chat_pair()
    await op.send(type="request_consent", conversation=v.conversation_id)
    await v.expect("consent_request")
    await v.send(type="consent", grant=True, contact="call me on Friday")
    await v.expect("consent_recorded")
    await v.send(type="quick_exit")
    await v.expect_closed(protocol.CLOSE_ENDED)
    lead = await sync_to_async(Lead.objects.get)(conversation_id=v.conversation_id)
    assert lead.do_not_contact is True


async def test_quick_exit_after_the_end_is_harmless(visitor):
    v = await visitor()
    await v.send(type="quick_exit")
    await v.expect_error(protocol.ERROR_NO_CONVERSATION)
    assert v.close_code is None


# --- Sweep ------------------------------------------------------------------------------------


async def test_sweep_closes_conversations_whose_visitor_did_not_return(
    visitor, operator, chat_pair, clock, settings
):
    op = await operator()
    gone_waiting = await visitor()
    await gone_waiting.start()
    gone_active, op_active = await chat_pair()
    await gone_active.say("I'll be right back")
    pinging_waiting = await visitor()
    await pinging_waiting.start()
    pinging_active, op_pinging = await chat_pair()
    await gone_waiting.disconnect()
    await gone_active.disconnect()

    clock.offset = datetime.timedelta(seconds=settings.LANTERN_CHAT_RESUME_SECONDS - 5)
    assert await sync_to_async(conversations.do_sweep)() == 0

    clock.offset = datetime.timedelta(seconds=settings.LANTERN_CHAT_RESUME_SECONDS + 5)
    for v in (pinging_waiting, pinging_active):
        await v.send(type="ping")
        await v.expect("pong")

    assert await sync_to_async(conversations.do_sweep)() == 2

    waiting = await get_conversation(gone_waiting.conversation_id)
    assert waiting.status == Conversation.Status.CLOSED
    assert waiting.outcome == Conversation.Outcome.VISITOR_LEFT
    active = await get_conversation(gone_active.conversation_id)
    assert active.status == Conversation.Status.CLOSED
    assert active.outcome == Conversation.Outcome.ABANDONED
    assert active.token_hash is None
    assert await messages_of(active.pk) == []
    await op_active.expect("conversation_closed", conversation=active.pk, outcome="abandoned")

    for v in (pinging_waiting, pinging_active):
        conversation = await get_conversation(v.conversation_id)
        assert conversation.status != Conversation.Status.CLOSED
        assert v.close_code is None
    ack = await pinging_active.say("still here")
    await op_pinging.expect("message", seq=ack["seq"])
    del op


async def test_a_visitor_who_keeps_talking_is_not_swept(chat_pair, clock, settings):
    v, op = await chat_pair()
    clock.offset = datetime.timedelta(seconds=settings.LANTERN_CHAT_RESUME_SECONDS + 5)
    await v.say("typing away without any ping")
    assert await sync_to_async(conversations.do_sweep)() == 0
    assert (await get_conversation(v.conversation_id)).status == Conversation.Status.ACTIVE


async def test_operator_ping_runs_the_sweep(visitor, operator, clock, settings):
    op = await operator()
    v = await visitor()
    await v.start()
    await v.disconnect()
    clock.offset = datetime.timedelta(seconds=settings.LANTERN_CHAT_RESUME_SECONDS + 5)
    await op.send(type="ping")
    pong = await op.expect("pong")
    assert pong["swept"] == 1
    assert (await get_conversation(v.conversation_id)).outcome == "visitor_left"


async def test_a_visitor_who_tries_to_come_back_while_the_database_is_down_is_not_swept(
    chat_pair, visitor, operator, clock, settings, monkeypatch
):
    """Before: the database missed the visitor's disconnect and their attempts to resume (it
    was down), so when it came back the sweep took the conversation as abandoned while the
    visitor was still within the resume period of their last attempt."""
    from chat.consumers import visitor as visitor_consumer

    resume_seconds = settings.LANTERN_CHAT_RESUME_SECONDS
    v, op = await chat_pair()

    def database_down(*args, **kwargs):
        raise OperationalError("the server closed the connection")

    clock.offset = datetime.timedelta(seconds=resume_seconds - 20)
    monkeypatch.setattr(conversations, "do_visitor_seen", database_down)
    await v.disconnect()
    clock.offset = datetime.timedelta(seconds=resume_seconds - 10)
    monkeypatch.setattr(visitor_consumer, "access_visitor_conversation", database_down)
    trying = await visitor()
    await trying.send(type="resume", token=v.token, last_seq=0)
    await trying.expect_closed(protocol.CLOSE_SERVER_ERROR)
    monkeypatch.undo()
    for module in (access, conversations, messages, operators, sightings_module):
        monkeypatch.setattr(module, "timezone", Clock)

    # The database is back; the sweep comes later than the resume period after what the
    # database last heard, within it after the visitor's last attempt.
    clock.offset = datetime.timedelta(seconds=2 * resume_seconds - 20)
    await op.send(type="ping")
    assert (await op.expect("pong"))["swept"] == 0
    back = await visitor()
    await back.resume(v.token)
    ack = await back.say("still here")
    await op.expect("message", conversation=v.conversation_id, seq=ack["seq"])


async def test_sweep_of_a_connected_but_silent_visitor_tells_them(visitor, clock, settings):
    v = await visitor()
    await v.start()
    clock.offset = datetime.timedelta(seconds=settings.LANTERN_CHAT_RESUME_SECONDS + 5)
    assert await sync_to_async(conversations.do_sweep)() == 1
    await v.expect("ended", outcome="visitor_left")
    await v.expect_closed(protocol.CLOSE_ENDED)


# --- Logs -------------------------------------------------------------------------------------


@pytest.fixture
def every_log(caplog):
    """Capture every record of every logger at DEBUG, including loggers that do not propagate
    to the root (daphne, django.request, django.channels.server)."""
    changed = []
    for logger in list(logging.root.manager.loggerDict.values()):
        if not isinstance(logger, logging.Logger):
            continue
        changed.append((logger, logger.level, logger.propagate))
        logger.setLevel(logging.DEBUG)
        if not logger.propagate:
            logger.addHandler(caplog.handler)
    caplog.set_level(logging.DEBUG)
    yield caplog
    for logger, level, propagate in changed:
        logger.setLevel(level)
        if not propagate:
            logger.removeHandler(caplog.handler)


def rendered(records) -> str:
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s")
    parts = []
    for record in records:
        parts.append(formatter.format(record))
        parts.append(repr(record.__dict__))
        if record.exc_info:
            parts.append(formatter.formatException(record.exc_info))
    return "\n".join(parts)


async def test_no_text_token_or_address_in_any_log(chat_pair, visitor, every_log, monkeypatch):
    secret = "my name is Secret Person and I live at 5 Hidden Street"
    v, op = await chat_pair()
    cid = v.conversation_id
    await v.say(secret)
    await op.expect("message", text=secret)
    await op.say(cid, f"reply about {secret}")
    await op.note(cid, f"note about {secret}")
    await v.send(type="typing")
    await v.send_text('{"type": "message", "client_id": "x", "text": "' + secret)  # malformed
    await v.send(type="message", client_id="y", text=[secret])
    await v.send(type="message", client_id="z", text=secret + "x" * protocol.MAX_MESSAGE_CHARS)
    await v.send(type="resume", token=secret)
    await v.send(type="nonsense", text=secret)

    # A failure inside an action, with the text in the exception, is logged without it.
    def explode(*args, **kwargs):
        raise ValueError(f"cannot store {secret}")

    async def explode_on_loop(*args, **kwargs):
        explode()

    monkeypatch.setattr(messages, "do_post_message", explode)
    monkeypatch.setattr(messages, "post_message_on_loop", explode_on_loop)
    await v.send(type="message", client_id="boom", text=secret)
    error = await v.expect("error", client_id="boom")
    assert error["code"] == "server_error"
    monkeypatch.undo()

    await op.send(type="request_consent", conversation=cid)
    await v.expect("consent_request")
    await v.send(type="consent", grant=True, transcript=True, contact="+371 29999999")
    code = (await v.expect("consent_recorded"))["withdrawal_code"]
    token = v.token
    await v.disconnect()
    again = await visitor()
    await again.resume(token, last_seq=0)
    await again.send(type="quick_exit")
    await again.expect_closed(protocol.CLOSE_ENDED)
    await op.expect("conversation_closed", conversation=cid)
    await op.settle()

    text = rendered(every_log.records)
    assert every_log.records, "nothing was captured at all"
    assert "chat frame of type message failed" in text  # the failure is logged, without data
    for needle in (
        secret,
        "Secret Person",
        token,
        code,
        "+371 29999999",
        CLIENT_ADDRESS[0],
        FORWARDED_FOR,
        str(CLIENT_ADDRESS[1]),
    ):
        assert needle not in text, needle
