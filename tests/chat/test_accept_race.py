"""Accept is atomic: two operators pressing "accept" at once, exactly one wins.

These tests have no database-specific skip: they run on SQLite (the embedded default) and on
PostgreSQL (CI's second pass, `DATABASE_URL=postgres://…`), where the threads really do run
their UPDATEs at the same moment. They are transactional (`CHAT_DB`), because the accepting
threads and sockets use their own database connections and must see committed rows.
"""

from __future__ import annotations

import asyncio
from functools import partial

from asgiref.sync import sync_to_async

from chat import protocol
from chat.actions.operators import do_accept
from chat.models import Conversation, Message
from chat.protocol import ChatError
from tests.concurrency import at_once

from .conftest import CHAT_DB, get_conversation, make_user, messages_of

pytestmark = CHAT_DB


async def test_two_sockets_accepting_at_once(operator, visitor):
    v = await visitor()
    await v.start()
    first, second = await operator(), await operator()
    cid = v.conversation_id

    await asyncio.gather(
        first.send(type="accept", conversation=cid),
        second.send(type="accept", conversation=cid),
    )

    def answered(op) -> bool:
        return bool(op.of_type("accepted") or op.of_type("error"))

    for _ in range(100):
        if answered(first) and answered(second):
            break
        await asyncio.gather(first.settle(0.02), second.settle(0.02))
    winners = [op for op in (first, second) if op.of_type("accepted")]
    losers = [
        op
        for op in (first, second)
        if any(e["code"] == protocol.ERROR_TAKEN for e in op.of_type("error"))
    ]
    assert len(winners) == 1, (first.frames, second.frames)
    assert len(losers) == 1 and losers[0] is not winners[0]
    conversation = await get_conversation(cid)
    assert conversation.operator_id == winners[0].user.pk
    assert conversation.status == Conversation.Status.ACTIVE
    events = [m for m in await messages_of(cid) if m.event == "accepted"]
    assert len(events) == 1
    # Only the winner is in the conversation.
    ack = await v.say("who is there?")
    await winners[0].expect("message", seq=ack["seq"])
    await losers[0].settle()
    assert all(m.get("seq") != ack["seq"] for m in losers[0].of_type("message"))


def test_do_accept_from_threads_exactly_one_wins():
    everyone = [make_user(available=True, max_chats=10) for _ in range(4)]
    # A few rounds, with two and with four contenders: a race that is lost only sometimes
    # still shows.
    for users in [everyone[:2]] * 3 + [everyone] * 2:
        conversation = Conversation.objects.create(language="lv")
        results = at_once([partial(do_accept, user, conversation.pk) for user in users], ChatError)
        winners = [r for r in results if isinstance(r, Conversation)]
        errors = [r for r in results if not isinstance(r, Conversation)]
        assert len(winners) == 1, results
        assert all(isinstance(e, ChatError) and e.code == protocol.ERROR_TAKEN for e in errors), [
            repr(e) for e in errors
        ]
        conversation.refresh_from_db()
        assert conversation.status == Conversation.Status.ACTIVE
        assert conversation.operator_id == winners[0].operator_id
        assert Message.objects.filter(conversation=conversation, event="accepted").count() == 1
        assert conversation.last_seq == 1


def test_one_operator_accepting_two_at_once_respects_max_chats():
    user = make_user(available=True, max_chats=1)
    first = Conversation.objects.create(language="lv")
    second = Conversation.objects.create(language="lv")
    results = at_once(
        [partial(do_accept, user, first.pk), partial(do_accept, user, second.pk)],
        ChatError,
    )
    assert Conversation.objects.for_operator(user).count() == 1, results
    assert sum(isinstance(r, Conversation) for r in results) == 1
    error = next(r for r in results if not isinstance(r, Conversation))
    assert isinstance(error, ChatError) and error.code == protocol.ERROR_STATE, repr(error)


async def test_accepting_an_accepted_conversation_again_is_taken(operator, visitor):
    v = await visitor()
    await v.start()
    op = await operator()
    await op.accept(v.conversation_id)
    await op.send(type="accept", conversation=v.conversation_id)
    await op.expect_error(protocol.ERROR_TAKEN)
    assert (await sync_to_async(Message.objects.filter(event="accepted").count)()) == 1
