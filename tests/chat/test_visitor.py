"""The visitor's side of a conversation: nothing before "start", the token, the queue, resume and
sync, idempotent sends, text and links, sent/delivered, typing, and isolation between visitors."""

from __future__ import annotations

import base64
import datetime

from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer

from chat import protocol
from chat.access import hash_token
from chat.actions import messages
from chat.actions.messages import do_post_message
from chat.announce import deferring
from chat.models import Conversation, Message

from .conftest import (
    CHAT_DB,
    db_counts,
    db_tables_containing,
    get_conversation,
    make_user,
    messages_of,
)

pytestmark = CHAT_DB

INJECTIONS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    "'; DROP TABLE chat_message; --",
    "{{ 7*7 }} {% debug %} ${7*7}",
    '<a href="javascript:alert(1)">click</a> &lt;b&gt; &amp;',
]


# --- Nothing before the visitor acts ----------------------------------------------------------


async def test_connecting_creates_nothing_and_sends_nothing(visitor):
    before = await db_counts()
    v = await visitor()
    assert await v.settle() == []
    assert await db_counts() == before


async def test_availability_answers_and_creates_nothing(visitor, monkeypatch):
    v = await visitor()
    before = await db_counts()

    await v.send(type="availability")
    frame = await v.expect("availability")
    assert frame == {
        "type": "availability",
        "open": False,  # no site and no opening hours in this database
        "operators_available": False,
        "accepting": False,
        "out_of_service": False,
    }

    await sync_to_async(make_user)("avail", available=True)
    before = await db_counts()
    await v.send(type="availability")
    frame = await v.expect("availability")
    assert frame["operators_available"] is True
    assert frame["accepting"] is True

    monkeypatch.setattr(protocol, "MAX_WAITING", 0)
    await v.send(type="availability")
    frame = await v.expect("availability")
    assert frame["operators_available"] is True
    assert frame["accepting"] is False

    assert await db_counts() == before
    assert await sync_to_async(Conversation.objects.count)() == 0


async def test_the_development_setting_opens_the_chat_whatever_the_hour(visitor, settings):
    """`make run` (LANTERN_CHAT_ALWAYS_OPEN): a newcomer can try the chat at any hour."""
    settings.LANTERN_CHAT_ALWAYS_OPEN = True
    v = await visitor()
    await v.send(type="availability")
    assert (await v.expect("availability"))["open"] is True


async def test_availability_follows_opening_hours(visitor):
    @sync_to_async
    def open_all_week():
        from wagtail.models import Locale, Page, Site

        from awareness.models import ChatOpeningHours, SafetySettings

        Locale.objects.get_or_create(language_code="lv")
        root = Page.add_root(instance=Page(title="Root", slug="root"))
        site = Site.objects.create(hostname="localhost", root_page=root, is_default_site=True)
        settings = SafetySettings.for_site(site)
        for weekday in range(7):
            ChatOpeningHours.objects.create(
                settings=settings,
                weekday=weekday,
                opens=datetime.time(0, 0),
                closes=datetime.time(23, 59, 59, 999999),
            )

    await open_all_week()
    v = await visitor()
    before = await db_counts()
    await v.send(type="availability")
    frame = await v.expect("availability")
    assert frame["open"] is True
    assert await db_counts() == before


# --- Start and the token ----------------------------------------------------------------------


async def test_start_creates_one_conversation_storing_only_a_token_hash(visitor):
    v = await visitor()
    before = await db_counts()
    state = await v.start(language="ru", topic="online")
    after = await db_counts()

    assert after["chat.Conversation"] == before["chat.Conversation"] + 1
    changed = {label for label in after if after[label] != before[label]}
    assert changed == {"chat.Conversation"}

    token = v.token
    raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    assert len(raw) * 8 >= 128
    conversation = await get_conversation(v.conversation_id)
    assert conversation.token_hash != token
    assert conversation.token_hash == hash_token(token)
    assert await db_tables_containing(token) == []

    assert state["conversation"]["status"] == "waiting"
    assert state["conversation"]["language"] == "ru"
    assert state["conversation"]["topic"] == "online"
    queue = await v.expect("queue")
    assert queue["position"] == 1
    assert isinstance(queue["estimated_wait_seconds"], int)


async def test_tokens_differ_between_conversations(visitor):
    tokens = set()
    for _ in range(3):
        v = await visitor()
        await v.start()
        tokens.add(v.token)
    assert len(tokens) == 3


async def test_queue_position_is_updated_live(visitor, operator):
    op = await operator()
    first, second, third = await visitor(), await visitor(), await visitor()
    for v in (first, second, third):
        await v.start()
    assert (await third.expect("queue", position=3))["estimated_wait_seconds"] >= 0
    third.consume("queue")

    # Someone ahead leaves.
    await first.send(type="end")
    await first.expect_closed(protocol.CLOSE_ENDED)
    update = await third.expect("queue", position=2)
    assert isinstance(update["estimated_wait_seconds"], int)
    await second.expect("queue", position=1)
    third.consume("queue")

    # Someone ahead is accepted.
    await op.accept(second.conversation_id)
    await third.expect("queue", position=1)
    await second.expect("state", where=lambda f: f["conversation"]["status"] == "active")
    # The accepted visitor no longer gets queue frames.
    second.consume("queue")
    await third.send(type="end")
    await third.expect_closed(protocol.CLOSE_ENDED)
    await second.settle()
    assert second.consume("queue") == []


# --- Resume and sync --------------------------------------------------------------------------


async def test_resume_after_disconnect_gets_the_rest_in_order_once(visitor, chat_pair):
    v, op = await chat_pair()
    cid = v.conversation_id
    await v.say("one")
    await op.say(cid, "two")
    seen = await v.expect_message(text="two")
    last_seq = seen["seq"]
    await v.disconnect()

    for text in ("three", "four"):
        await op.say(cid, text)
    await op.note(cid, "private: not for the visitor")
    await op.say(cid, "five")

    again = await visitor()
    state = await again.resume(v.token, last_seq=last_seq)
    assert state["conversation"]["status"] == "active"
    await again.expect_message(text="five")
    await again.settle()
    messages = again.of_type("message")
    assert [m["text"] for m in messages] == ["three", "four", "five"]
    assert all(m["conversation"] == cid for m in messages)
    seqs = [m["seq"] for m in messages]
    assert seqs == sorted(set(seqs))
    assert all(seq > last_seq for seq in seqs)

    # Live messages keep coming, once each.
    await op.say(cid, "six")
    await again.expect_message(text="six")
    await again.settle()
    assert [m["text"] for m in again.of_type("message")].count("six") == 1


async def test_resume_from_zero_gets_everything_visible(chat_pair, visitor):
    v, op = await chat_pair()
    cid = v.conversation_id
    await v.say("hello")
    await op.note(cid, "internal note")
    await op.say(cid, "hi")
    await v.expect_message(text="hi")
    await v.disconnect()

    again = await visitor()
    await again.resume(v.token, last_seq=0)
    await again.expect_message(text="hi")
    await again.settle()
    texts = [m["text"] for m in again.of_type("message") if m["kind"] == "text"]
    assert texts == ["hello", "hi"]
    assert all(m["kind"] != "note" for m in again.of_type("message"))


async def test_sync_returns_exactly_what_follows(chat_pair):
    v, op = await chat_pair()
    cid = v.conversation_id
    for n in range(5):
        await op.say(cid, f"m{n}")
    await v.expect_message(text="m4")
    await v.settle()
    everything = v.of_type("message")
    seqs = [m["seq"] for m in everything]
    assert seqs == sorted(set(seqs))

    # The client lost the last two (as after a dropped layer message) and asks for them.
    after = everything[-3]["seq"]
    start = len(v.frames)
    await v.send(type="sync", after=after)
    await v.settle()
    resent = [f for f in v.frames[start:] if f["type"] == "message"]
    assert [m["seq"] for m in resent] == [m["seq"] for m in everything[-2:]]
    assert [m["text"] for m in resent] == ["m3", "m4"]


async def test_operator_sync_returns_exactly_what_follows_including_notes(chat_pair):
    v, op = await chat_pair()
    cid = v.conversation_id
    first = await v.say("first")
    await op.note(cid, "a note")
    await v.say("second")
    await op.expect("message", text="second")
    await op.settle()
    start = len(op.frames)
    await op.send(type="sync", conversation=cid, after=first["seq"])
    await op.settle()
    resent = [f for f in op.frames[start:] if f["type"] == "message"]
    assert [m["text"] for m in resent] == ["a note", "second"]


# --- Idempotent sends -------------------------------------------------------------------------


async def test_visitor_resend_stores_one_message_with_one_seq(chat_pair, visitor):
    v, op = await chat_pair()
    first = await v.say("only once", client_id="same-id")
    second = await v.say("only once", client_id="same-id")
    assert first["seq"] == second["seq"]

    # A resend after a reconnect (the widget's pending messages) is the same message too.
    await v.disconnect()
    again = await visitor()
    await again.resume(v.token, last_seq=first["seq"])
    third = await again.say("only once", client_id="same-id")
    assert third["seq"] == first["seq"]

    rows = [m for m in await messages_of(v.conversation_id) if m.sender == "visitor"]
    assert [m.text for m in rows] == ["only once"]
    await op.settle()
    assert [m["text"] for m in op.of_type("message")].count("only once") == 1


async def test_operator_resend_stores_one_message_with_one_seq(chat_pair):
    v, op = await chat_pair()
    cid = v.conversation_id
    first = await op.say(cid, "from the operator", client_id="op-same")
    second = await op.say(cid, "from the operator", client_id="op-same")
    assert first["seq"] == second["seq"]
    rows = [m for m in await messages_of(cid) if m.sender == "operator"]
    assert len(rows) == 1
    await v.settle()
    assert [m["text"] for m in v.of_type("message")].count("from the operator") == 1


async def test_client_id_reused_for_other_content_is_not_silently_swallowed(chat_pair):
    """A client id that names a different message (a note, or other text) must not be acked
    as if the new message were stored."""
    v, op = await chat_pair()
    cid = v.conversation_id
    await op.note(cid, "a private note", client_id="x-1")
    await op.send(type="message", conversation=cid, client_id="x-1", text="hello visitor")
    frame = await op.expect("error", where=lambda f: f.get("client_id") == "x-1")
    assert frame["code"] == protocol.ERROR_INVALID
    assert [
        m.text for m in await messages_of(cid) if m.kind == "text" and m.sender == "operator"
    ] == []


# --- Text and links ---------------------------------------------------------------------------


async def test_visitor_links_have_no_segments_operator_links_do(chat_pair):
    v, op = await chat_pair()
    cid = v.conversation_id
    ack = await v.say("look at https://evil.example/login please")
    to_operator = await op.expect("message", sender="visitor")
    assert "segments" not in to_operator
    await v.send(type="sync", after=ack["seq"] - 1)  # one's own message, read back
    own = await v.expect_message(sender="visitor")
    assert "segments" not in own

    text = "See https://help.example.org/guide. Not javascript:alert(1) nor data:text/html,x"
    await op.say(cid, text)
    frame = await v.expect_message(sender="operator")
    assert frame["text"] == text
    segments = frame["segments"]
    assert "".join(s["text"] for s in segments) == text
    links = [s["href"] for s in segments if "href" in s]
    assert links == ["https://help.example.org/guide"]
    assert all(href.startswith(("http://", "https://")) for href in links)

    await op.say(cid, "javascript:alert(document.cookie)")
    frame = await v.expect_message(text="javascript:alert(document.cookie)")
    assert all("href" not in s for s in frame["segments"])


async def test_injection_strings_are_stored_and_delivered_as_sent(chat_pair):
    v, op = await chat_pair()
    cid = v.conversation_id
    for text in INJECTIONS:
        await v.say(text)
        received = await op.expect("message", sender="visitor", text=text)
        assert received["text"] == text
        await op.say(cid, text)
        received = await v.expect_message(sender="operator", text=text)
        assert "".join(s["text"] for s in received["segments"]) == text
    stored = await messages_of(cid)
    visitor_texts = [m.text for m in stored if m.sender == "visitor"]
    operator_texts = [m.text for m in stored if m.sender == "operator"]
    assert visitor_texts == INJECTIONS
    assert operator_texts == INJECTIONS


async def test_text_is_normalised_by_clean_text(chat_pair):
    v, op = await chat_pair()
    # Controls and bidi overrides go, NFC applies, CRLF becomes LF, surrounding space goes.
    sent = "  e\u0301vil\u202e<b>\r\nline\x07  "
    await v.say(sent)
    frame = await op.expect("message", sender="visitor")
    assert frame["text"] == "\u00e9vil<b>\nline"


# --- Sent, delivered, typing ------------------------------------------------------------------


async def test_ack_for_sent_and_delivered_after_received(chat_pair):
    v, op = await chat_pair()
    cid = v.conversation_id
    ack = await v.say("are you there?")
    assert ack["seq"] > 0
    message = await op.expect("message", seq=ack["seq"])
    await v.settle()
    assert all(f["seq"] < ack["seq"] for f in v.of_type("delivered"))

    await op.send(type="received", conversation=cid, seq=message["seq"])
    await v.expect("delivered", seq=ack["seq"])
    assert (await get_conversation(cid)).operator_delivered_seq == ack["seq"]

    # And the other way round.
    ack = await op.say(cid, "yes")
    assert ack["conversation"] == cid
    message = await v.expect_message(seq=ack["seq"])
    await op.settle()
    assert all(f["seq"] < ack["seq"] for f in op.of_type("delivered"))
    await v.send(type="received", seq=message["seq"])
    await op.expect("delivered", conversation=cid, seq=ack["seq"])


async def test_received_beyond_the_last_message_is_ignored(chat_pair):
    v, op = await chat_pair()
    cid = v.conversation_id
    last = (await get_conversation(cid)).last_seq
    await v.send(type="received", seq=last + 100)
    await op.settle()
    assert (await get_conversation(cid)).visitor_delivered_seq == 0


async def test_typing_reaches_the_other_side_and_is_not_stored(chat_pair):
    v, op = await chat_pair()
    cid = v.conversation_id
    before = await get_conversation(cid)
    rows_before = await db_counts()

    await v.send(type="typing")
    assert await op.expect("typing") == {"type": "typing", "conversation": cid}
    await op.send(type="typing", conversation=cid)
    assert await v.expect("typing") == {"type": "typing"}

    await v.settle()
    await op.settle()
    # Nobody hears their own typing.
    assert v.of_type("typing") == [{"type": "typing"}]
    assert len(op.of_type("typing")) == 1
    after = await get_conversation(cid)
    assert after.last_seq == before.last_seq
    assert await db_counts() == rows_before


# --- Isolation --------------------------------------------------------------------------------


async def test_a_visitor_only_reaches_their_own_conversation(visitor, operator):
    op = await operator()
    alice, bob = await visitor(), await visitor()
    await alice.start()
    await bob.start()
    await op.accept(alice.conversation_id)
    await op.accept(bob.conversation_id)

    await alice.say("alice's secret")
    await op.say(alice.conversation_id, "for alice only")
    await alice.expect_message(text="for alice only")
    await bob.say("bob here")
    await op.expect("message", text="bob here")
    await bob.settle()
    texts = [m["text"] for m in bob.of_type("message")]
    assert "alice's secret" not in texts
    assert "for alice only" not in texts
    assert all(m["conversation"] == bob.conversation_id for m in bob.of_type("message"))

    # Bob's socket cannot sync its way into Alice's conversation: sync has no conversation field
    # for visitors, and a resume with a made-up token fails.
    await bob.send(type="sync", after=0, conversation=alice.conversation_id)
    await bob.settle()
    assert all(m["conversation"] == bob.conversation_id for m in bob.of_type("message"))
    stored = await messages_of(bob.conversation_id)
    assert all(m.conversation_id == bob.conversation_id for m in stored)
    # (Texts are sealed: compared once read, not in the database.)
    kept = await messages_of(alice.conversation_id)
    assert [m.text for m in kept].count("alice's secret") == 1


async def test_resume_sends_everything_in_batches(chat_pair, visitor, monkeypatch):
    monkeypatch.setattr(protocol, "SYNC_BATCH", 2)
    v, op = await chat_pair()
    cid = v.conversation_id
    for n in range(7):
        await op.say(cid, f"batch {n}")
    await v.expect_message(text="batch 6")
    await v.disconnect()
    again = await visitor()
    await again.resume(v.token, last_seq=0)
    await again.expect_message(text="batch 6")
    await again.settle()
    texts = [m["text"] for m in again.of_type("message") if m["kind"] == "text"]
    assert texts == [f"batch {n}" for n in range(7)]


async def test_a_failing_channel_layer_loses_no_message(chat_pair, monkeypatch, caplog):
    """The database is the source of truth: when the layer cannot announce a message, the
    sender still gets its ack, the failure is logged without the text, and the other side gets
    the message on its next sync. The consumer sends the announcement before the ack, so the
    layer is whole again before the test goes on: nothing here depends on timing."""
    v, op = await chat_pair()
    cid = v.conversation_id
    layer = get_channel_layer()
    working = layer.group_send

    async def broken(group, event):
        if event["type"] == "chat.update":
            raise ConnectionError("layer down")
        await working(group, event)

    monkeypatch.setattr(layer, "group_send", broken)
    ack = await v.say("said while the layer was down")
    monkeypatch.undo()
    await op.settle()
    assert all(m.get("seq") != ack["seq"] for m in op.of_type("message"))
    failures = [r.getMessage() for r in caplog.records if "announcement" in r.getMessage()]
    assert failures and failures[0].startswith("chat announcement chat.update failed")
    assert not any("said while" in r.getMessage() for r in caplog.records)

    await op.send(type="sync", conversation=cid, after=ack["seq"] - 1)
    frame = await op.expect("message", seq=ack["seq"])
    assert frame["text"] == "said while the layer was down"
    # The next announcement reaches the operator again, and with it the conversation goes on.
    ack = await v.say("and the layer is back")
    await op.expect("message", seq=ack["seq"], text="and the layer is back")


async def test_a_missed_announcement_is_read_from_the_database_with_the_next(
    chat_pair, monkeypatch
):
    """Announcements carry the message; one that does not follow the reader's last message
    (one was missed) makes the reader read the database instead, so both arrive, in order."""
    v, op = await chat_pair()
    layer = get_channel_layer()
    working = layer.group_send

    async def dropping(group, event):
        if event["type"] != "chat.update":
            await working(group, event)

    monkeypatch.setattr(layer, "group_send", dropping)
    first = await v.say("the one whose announcement was lost")
    monkeypatch.undo()
    second = await op.say(v.conversation_id, "the next one")
    await v.expect_message(text="the next one")
    await op.expect("message", seq=first["seq"])
    await op.settle()
    # The console's own message is not echoed, from the announcement or from the database.
    seqs = [m["seq"] for m in op.of_type("message")]
    assert seqs[-1] == first["seq"] and second["seq"] not in seqs
    assert first["seq"] not in [m["seq"] for m in v.of_type("message")]


async def test_announcements_out_of_order_are_delivered_in_order_without_the_database(
    chat_pair, monkeypatch
):
    """Two messages stored at nearly the same moment can be announced in either order: the
    reader holds the later one until the earlier arrives, and reads nothing back."""
    v, op = await chat_pair()
    cid = v.conversation_id

    @sync_to_async
    def store(text, client_id):
        return deferring(do_post_message)(
            cid, Message.Sender.VISITOR, text, client_id
        ).announcements

    first, second = await store("first", "o1"), await store("second", "o2")

    def no_reading(*args, **kwargs):
        raise AssertionError("read the database")

    monkeypatch.setattr(messages, "update_for_reader", no_reading)
    layer = get_channel_layer()
    for group, event in second + first:
        await layer.group_send(group, event)
    await op.expect("message", text="second")
    await op.settle()
    texts = [m["text"] for m in op.of_type("message")]
    assert texts[-2:] == ["first", "second"]
    assert op.close_code is None


async def test_a_message_is_not_echoed_to_its_socket_but_reaches_every_other(chat_pair, operator):
    """The `ack` gives the sender its message's number; the other side, and another console
    of the same operator, receive the message itself."""
    v, op = await chat_pair()
    cid = v.conversation_id
    second_console = await operator(user=op.user)

    from_visitor = await v.say("from the visitor")
    await op.expect("message", seq=from_visitor["seq"])
    await second_console.expect("message", seq=from_visitor["seq"])
    from_console = await op.say(cid, "from the console")
    await v.expect_message(seq=from_console["seq"])
    await second_console.expect("message", seq=from_console["seq"])

    # Each socket's cursor passed its own message: what follows flows on.
    after = await v.say("and after it")
    await op.expect("message", seq=after["seq"])
    await v.settle()
    await op.settle()
    assert {from_visitor["seq"], after["seq"]}.isdisjoint(m["seq"] for m in v.of_type("message"))
    assert from_console["seq"] not in [m["seq"] for m in op.of_type("message")]


async def test_delivered_is_sent_when_the_mark_moves_not_after_every_message(chat_pair):
    v, op = await chat_pair()
    cid = v.conversation_id
    for number in range(3):
        await v.say(f"visitor {number}")
    last = await op.expect("message", text="visitor 2")
    reply = await op.say(cid, "the adviser")
    await v.expect_message(seq=reply["seq"])
    await v.settle()
    await op.settle()
    assert [f["seq"] for f in v.of_type("delivered")] == [0]
    assert [f["seq"] for f in op.of_type("delivered")] == [0]

    await op.send(type="received", conversation=cid, seq=last["seq"])
    await v.expect("delivered", seq=last["seq"])
    await v.send(type="received", seq=reply["seq"])
    await op.expect("delivered", conversation=cid, seq=reply["seq"])
    await v.settle()
    await op.settle()
    assert [f["seq"] for f in v.of_type("delivered")] == [0, last["seq"]]
    assert [f["seq"] for f in op.of_type("delivered")] == [0, reply["seq"]]
