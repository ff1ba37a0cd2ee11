"""The chat under attack (issue "The chat stays open under attack"): a start or a left message
costs a solved challenge, the queue's cap holds under concurrency, a visitor's messages are
limited per conversation however many sockets send them, and a conversation has one live
visitor socket.

Transactional (`CHAT_DB`): sockets use their own database connections. These run on SQLite and
on PostgreSQL (CI's second pass), where the database work of the sockets runs side by side.
"""

from __future__ import annotations

import asyncio
import base64
import datetime
import json

from django.test import override_settings

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer

from chat import protocol
from chat.actions.conversations import challenge_load
from chat.announce import visitor_group
from chat.models import Conversation, Message
from lantern import challenge
from lantern.testing.challenge import solve

from .conftest import CHAT_DB, messages_of

pytestmark = CHAT_DB


# --- The challenge ------------------------------------------------------------------------------


async def test_a_start_without_a_solved_challenge_is_answered_with_one(visitor):
    v = await visitor()
    await v.send(type="start", language="lv", topic="work")
    error = await v.expect_error(protocol.ERROR_PROOF)
    assert error["challenge"]["parameters"]["data"] == {"purpose": "start"}
    assert await sync_to_async(Conversation.objects.count)() == 0
    # The challenge in the error is enough to start.
    proof = await asyncio.to_thread(solve, error["challenge"])
    await v.send(type="start", language="lv", topic="work", proof=proof)
    await v.expect("started")
    assert v.close_code is None


@pytest.mark.parametrize(
    "proof",
    ["", "x" * 5000, 5, ["a"], {"challenge": {}}, "bm90IGpzb24=", "e30=", "W10=", "bnVsbA=="],
)
async def test_a_forged_proof_is_refused_quietly(visitor, proof, caplog):
    v = await visitor()
    await v.send(type="start", language="lv", topic="work", proof=proof)
    await v.expect_error(protocol.ERROR_PROOF)
    assert await sync_to_async(Conversation.objects.count)() == 0
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]


async def test_a_proof_is_good_once_and_for_its_own_purpose(visitor):
    first, second = await visitor(), await visitor()
    proof = await first.proof("start")
    await first.send(type="start", language="lv", topic="work", proof=proof)
    await first.expect("started")
    # The same solution again, from another socket: used.
    await second.send(type="start", language="lv", topic="work", proof=proof)
    await second.expect_error(protocol.ERROR_PROOF)
    # A solution for a start does not leave a message.
    other = await second.proof("start")
    await second.send(type="leave_message", consent=True, language="lv", text="help", proof=other)
    await second.expect_error(protocol.ERROR_PROOF)
    assert await sync_to_async(Conversation.objects.count)() == 1


async def test_a_tampered_challenge_is_refused(visitor):
    v = await visitor()
    await v.send(type="challenge", **{"for": "start"})
    frame = await v.expect("challenge")
    tampered = dict(frame["challenge"])
    tampered["parameters"] = {**tampered["parameters"], "keyPrefix": "00"}
    with pytest.raises(Exception):  # noqa: B017, PT011  (not solvable as given, or refused)
        proof = await asyncio.to_thread(solve, tampered)
        await v.send(type="start", language="lv", topic="work", proof=proof)
        await v.expect("started", timeout=1)


async def test_an_expired_challenge_is_refused(visitor):
    v = await visitor()
    with override_settings(LANTERN_CHALLENGE_SECONDS=-1):
        proof = await v.proof("start")
    await v.send(type="start", language="lv", topic="work", proof=proof)
    await v.expect_error(protocol.ERROR_PROOF)


async def test_an_unknown_purpose_is_invalid(visitor):
    v = await visitor()
    for purpose in ("withdrawal", None, 5, ["start"]):
        await v.send(type="challenge", **{"for": purpose})
        error = await v.expect_error(protocol.ERROR_INVALID)
        assert error["field"] == "for"


@override_settings(
    LANTERN_CHALLENGE_NORMAL_WORK=100,
    LANTERN_CHALLENGE_RAISED_WORK=10000,
    LANTERN_CHALLENGE_USUAL_WAITING=4,
    LANTERN_CHALLENGE_USUAL_STARTS_PER_MINUTE=100,
)
def test_the_work_asked_rises_with_the_queue():
    def work() -> int:
        return challenge.work_for(challenge_load("start"))

    assert work() == 100
    for _ in range(4):
        Conversation.objects.create(language="lv")
    assert work() == 100  # as usual
    for _ in range(2):
        Conversation.objects.create(language="lv")
    assert 100 < work() < 10000  # 1.5 times the usual
    for _ in range(2):
        Conversation.objects.create(language="lv")
    assert work() == 10000  # twice: the raised level
    # Those that ended a while ago weigh nothing.
    Conversation.objects.update(status=Conversation.Status.CLOSED)
    Conversation.objects.update(created_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    assert work() == 100


@override_settings(
    LANTERN_CHALLENGE_NORMAL_WORK=100,
    LANTERN_CHALLENGE_RAISED_WORK=10000,
    LANTERN_CHALLENGE_USUAL_WAITING=1000,
    LANTERN_CHALLENGE_USUAL_STARTS_PER_MINUTE=3,
)
def test_the_work_asked_rises_with_the_starts_of_the_last_minute():
    for _ in range(6):
        Conversation.objects.create(language="lv", status=Conversation.Status.CLOSED)
    assert challenge.work_for(challenge_load("start")) == 10000


def test_the_work_is_the_counter_range():
    """Work N: the server's counter is below N, so a solver needs N attempts at most."""
    for _ in range(20):
        payload = solve(challenge.issue("start", 3))
        counter = json.loads(base64.b64decode(payload))["solution"]["counter"]
        assert 0 <= counter < 3


# --- The queue's cap ----------------------------------------------------------------------------


async def test_300_starts_at_once_leave_at_most_200_waiting(visitor):
    """300 sockets send a start at the same moment: exactly MAX_WAITING wait, the others are
    told the queue is full (and may leave a message)."""
    sockets = [await visitor() for _ in range(300)]
    proofs = await asyncio.gather(*(v.proof() for v in sockets))
    await asyncio.gather(
        *(
            v.send(type="start", language="lv", topic="work", proof=proof)
            for v, proof in zip(sockets, proofs, strict=True)
        )
    )

    async def answer(v) -> str:
        while True:
            for frame in v.inbox:
                if frame["type"] == "started":
                    return "started"
                if frame["type"] == "error":
                    return frame["code"]
            assert await v._read(30), v.frames

    answers = await asyncio.gather(*(answer(v) for v in sockets))
    waiting = await sync_to_async(Conversation.objects.waiting().count)()
    assert waiting == protocol.MAX_WAITING
    assert answers.count("started") == protocol.MAX_WAITING
    assert answers.count(protocol.ERROR_QUEUE_FULL) == 300 - protocol.MAX_WAITING


# --- Limits that follow the conversation --------------------------------------------------------


async def test_a_second_socket_replaces_the_first(visitor):
    first = await visitor()
    await first.start()
    second = await visitor()
    await second.resume(first.token)
    error = await first.expect_error(protocol.ERROR_REPLACED)
    assert error["message"]
    await first.expect_closed(protocol.CLOSE_REPLACED)
    assert protocol.CLOSE_REPLACED in protocol.NO_RECONNECT_CODES
    # The newer socket has the conversation.
    await second.say("still here")
    assert [m.text for m in await messages_of(first.conversation_id)] == ["still here"]
    assert second.close_code is None


async def answer_to(v, client_id: str) -> dict:
    """The ack or the error that answers the message `client_id`."""
    while True:
        for frame in v.inbox:
            if frame.get("client_id") == client_id and frame["type"] in ("ack", "error"):
                v.inbox.remove(frame)
                return frame
        assert await v._read(5), v.frames


async def test_messages_per_conversation_are_limited_whatever_the_number_of_sockets(visitor):
    """20 sockets resuming one token stored 180 messages in 2 s: the limit is the
    conversation's, counted where messages are stored."""
    owner = await visitor()
    await owner.start()
    answers = []
    for round_ in range(6):
        v = await visitor()
        await v.resume(owner.token)
        for i in range(protocol.CONVERSATION_MAX_MESSAGES):
            client_id = f"s{round_}-{i}"
            await v.send(type="message", client_id=client_id, text=f"spam {round_} {i}")
            answers.append(await answer_to(v, client_id))
    acked = [a for a in answers if a["type"] == "ack"]
    assert len(acked) == protocol.CONVERSATION_MAX_MESSAGES
    assert {a["code"] for a in answers if a["type"] == "error"} == {protocol.ERROR_RATE_LIMITED}
    count = await sync_to_async(
        Message.objects.filter(conversation_id=owner.conversation_id).count
    )()
    assert count == protocol.CONVERSATION_MAX_MESSAGES


async def test_the_conversations_limit_opens_again_with_the_next_window(visitor):
    starter = await visitor()
    await starter.start()
    v = await visitor()  # its socket's own limit counts the start too
    await v.resume(starter.token)
    v.conversation_id = starter.conversation_id
    for i in range(protocol.CONVERSATION_MAX_MESSAGES):
        await v.say(f"m{i}")
    await v.send(type="message", client_id="late", text="one too many")
    assert (await answer_to(v, "late"))["code"] == protocol.ERROR_RATE_LIMITED
    # The window began a window ago: the same message (same client id) now goes in.
    await sync_to_async(
        lambda: Conversation.objects.filter(pk=v.conversation_id).update(
            visitor_burst_at=Conversation.objects.get(pk=v.conversation_id).visitor_burst_at
            - datetime.timedelta(seconds=protocol.RATE_WINDOW_SECONDS)
        )
    )()
    w = await visitor()  # a socket of its own, so that only the conversation's limit counts
    await w.resume(starter.token)
    await w.send(type="message", client_id="late", text="one too many")
    assert (await answer_to(w, "late"))["type"] == "ack"


async def test_a_late_event_of_an_older_socket_replaces_nothing(visitor):
    """A layer may hand a socket an event sent before it joined (Redis publish/subscribe):
    the replacement of an older socket does not close a newer one."""
    first = await visitor()
    await first.start()
    second = await visitor()
    await second.resume(first.token)
    await first.expect_closed(protocol.CLOSE_REPLACED)
    await get_channel_layer().group_send(
        visitor_group(first.conversation_id),
        {"type": "chat.replaced", "id": first.conversation_id, "origin": "older", "at": 1},
    )
    await second.send(type="ping")
    await second.expect("pong")
    assert second.close_code is None
