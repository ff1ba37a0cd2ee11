"""The operator's side: who may connect, permission on every action, whose conversations an
operator may touch, the queue, max_chats, status, transfer and private notes."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

from asgiref.sync import sync_to_async

from chat import protocol
from chat.models import Conversation, Message, OperatorStatus

from .conftest import CHAT_DB, get_conversation, make_user, messages_of

pytestmark = CHAT_DB


@sync_to_async
def revoke_permission(user) -> None:
    user.user_permissions.remove(Permission.objects.get(codename="operate_chat"))


@sync_to_async
def deactivate(user) -> None:
    type(user).objects.filter(pk=user.pk).update(is_active=False)


# --- Who may connect --------------------------------------------------------------------------


async def test_anonymous_operator_socket_is_closed_unauthorised(anonymous_operator_socket):
    op = await anonymous_operator_socket()
    connected, _ = await op.connect()
    assert connected  # accepted so that the close code reaches the console
    await op.expect_error(protocol.ERROR_FORBIDDEN)
    await op.expect_closed(protocol.CLOSE_UNAUTHORISED)
    assert op.of_type("state") == []


async def test_made_up_session_cookie_is_closed_unauthorised(anonymous_operator_socket):
    op = await anonymous_operator_socket(cookie="not-a-session-key")
    await op.connect()
    await op.expect_closed(protocol.CLOSE_UNAUTHORISED)
    assert op.of_type("state") == []


async def test_signed_in_without_permission_is_closed_not_operator(operator, visitor):
    """Its own close code: CLOSE_FORBIDDEN says "withdrawn while connected" (issue 16)."""
    v = await visitor()
    await v.start()
    op = await operator(permission=False)
    await op.expect_error(protocol.ERROR_FORBIDDEN)
    await op.expect_closed(protocol.CLOSE_NOT_OPERATOR)
    assert protocol.CLOSE_NOT_OPERATOR != protocol.CLOSE_FORBIDDEN
    assert protocol.CLOSE_NOT_OPERATOR in protocol.NO_RECONNECT_CODES
    assert op.of_type("state") == []
    assert op.of_type("queue") == []


async def test_inactive_user_is_closed_unauthorised(operator):
    user = await sync_to_async(make_user)()
    await deactivate(user)
    op = await operator(user=user, connect=False)
    await op.connect()
    await op.expect_closed(protocol.CLOSE_UNAUTHORISED)
    assert op.of_type("state") == []


async def test_operator_with_permission_gets_state(operator, visitor):
    v = await visitor()
    await v.start(language="ru", topic="online")
    op = await operator(languages=["ru", "en"], max_chats=2)
    state = op.state
    assert state["operator"] == {
        "id": op.user.pk,
        "available": True,
        "languages": ["ru", "en"],
        "max_chats": 2,
    }
    assert [c["id"] for c in state["queue"]] == [v.conversation_id]
    entry = state["queue"][0]
    assert entry["language"] == "ru"
    assert entry["matches_language"] is True
    assert entry["status"] == "waiting"
    assert state["conversations"] == []
    # The visitor's token is nowhere in what operators see.
    assert v.token not in repr(state)


async def test_reconnecting_operator_gets_their_conversations_and_messages(chat_pair, operator):
    v, op = await chat_pair()
    await v.say("before reconnect")
    await op.expect("message", text="before reconnect")
    await op.disconnect()
    again = await operator(user=op.user)
    assert [c["id"] for c in again.state["conversations"]] == [v.conversation_id]
    # A console that shows nothing yet asks for everything (docs/chat-protocol.md).
    await again.send(type="sync", conversation=v.conversation_id, after=0)
    await again.expect("message", text="before reconnect")
    ack = await v.say("after reconnect")
    await again.expect("message", seq=ack["seq"])


async def test_a_console_that_comes_back_is_sent_what_it_missed_only(chat_pair, operator, visitor):
    """Not every conversation from its first message: what came after the last number the
    console shows, and how the conversations it showed ended meanwhile."""
    v, op = await chat_pair()
    cid = v.conversation_id
    shown = [await v.say(f"seen {number}") for number in range(3)]
    await op.expect("message", seq=shown[-1]["seq"])
    other = await visitor()
    await other.start()
    await op.accept(other.conversation_id)
    await op.disconnect()
    missed = await v.say("while the console was away")
    await other.send(type="quick_exit")
    await other.expect_closed(protocol.CLOSE_ENDED)

    again = await operator(user=op.user)
    assert [c["id"] for c in again.state["conversations"]] == [cid]
    assert again.state["closed"][0] == {
        "id": other.conversation_id,
        "outcome": Conversation.Outcome.QUICK_EXIT,
        "do_not_contact": True,
    }
    await again.send(type="sync", conversation=cid, after=shown[-1]["seq"])
    message = await again.expect("message", conversation=cid, seq=missed["seq"])
    assert message["text"] == "while the console was away"
    await again.settle()
    assert [frame["seq"] for frame in again.of_type("message")] == [missed["seq"]]


# --- Permission on every action ---------------------------------------------------------------


async def test_permission_removed_while_connected_forbids_accept(operator, visitor):
    op = await operator()
    v = await visitor()
    await v.start()
    await revoke_permission(op.user)
    await op.send(type="accept", conversation=v.conversation_id)
    await op.expect_error(protocol.ERROR_FORBIDDEN)
    await op.expect_closed(protocol.CLOSE_FORBIDDEN)
    assert (await get_conversation(v.conversation_id)).status == Conversation.Status.WAITING


async def test_deactivated_while_connected_forbids_message(chat_pair):
    v, op = await chat_pair()
    await deactivate(op.user)
    await op.send(type="message", conversation=v.conversation_id, client_id="c", text="hello")
    await op.expect_error(protocol.ERROR_FORBIDDEN)
    await op.expect_closed(protocol.CLOSE_FORBIDDEN)
    assert [m for m in await messages_of(v.conversation_id) if m.sender == "operator"] == []


EVERY_ACTION = [
    {"type": "status", "available": False},
    {"type": "note", "client_id": "n", "text": "x"},
    {"type": "typing"},
    {"type": "received", "seq": 1},
    {"type": "sync", "after": 0},
    {"type": "end"},
    {"type": "request_consent"},
    {"type": "lead", "fields": {"summary": "x"}},
    {"type": "ping"},
]


async def test_every_operator_action_rechecks_the_permission(chat_pair):
    for frame in EVERY_ACTION:
        v, op = await chat_pair()
        await revoke_permission(op.user)
        await op.send(**frame, conversation=v.conversation_id)
        await op.expect_error(protocol.ERROR_FORBIDDEN)
        await op.expect_closed(protocol.CLOSE_FORBIDDEN)
        conversation = await get_conversation(v.conversation_id)
        assert conversation.status == Conversation.Status.ACTIVE, frame
        assert conversation.consent == Conversation.Consent.NOT_ASKED, frame
        assert conversation.last_seq == 1, frame


async def test_revoked_operator_receives_no_more_messages(chat_pair):
    v, op = await chat_pair()
    await revoke_permission(op.user)
    await v.say("said after the permission was withdrawn")
    await op.expect_closed(protocol.CLOSE_FORBIDDEN)
    texts = [m["text"] for m in op.of_type("message")]
    assert "said after the permission was withdrawn" not in texts


@sync_to_async
def operator_by_group(user) -> None:
    """Give the permission through a group instead of directly."""
    group, _created = Group.objects.get_or_create(name="Operators")
    group.permissions.add(Permission.objects.get(codename="operate_chat"))
    # The group first: in between, the user would have no permission, and a console's recheck
    # then would close it (it did, now and then, on PostgreSQL).
    user.groups.add(group)
    user.user_permissions.clear()


async def test_leaving_the_operators_group_closes_the_console_at_once(chat_pair):
    v, op = await chat_pair()
    await operator_by_group(op.user)
    await v.say("still allowed")
    await op.expect("message", text="still allowed")
    await sync_to_async(op.user.groups.clear)()
    await v.say("said after leaving the group")
    await op.expect_closed(protocol.CLOSE_FORBIDDEN)
    assert "said after leaving the group" not in [m["text"] for m in op.of_type("message")]


async def test_a_group_losing_the_permission_closes_its_members_consoles(chat_pair):
    v, op = await chat_pair()
    await operator_by_group(op.user)

    @sync_to_async
    def take_it_from_the_group():
        Group.objects.get(name="Operators").permissions.remove(
            Permission.objects.get(codename="operate_chat")
        )

    await take_it_from_the_group()
    await op.expect_error(protocol.ERROR_FORBIDDEN)
    await op.expect_closed(protocol.CLOSE_FORBIDDEN)


async def test_a_permission_changed_behind_djangos_back_counts_at_the_next_recheck(
    chat_pair, monkeypatch
):
    """Deactivated by an UPDATE (no signal): messages already carried by announcements are
    not delivered once the last check is older than PERMISSION_RECHECK_SECONDS."""
    from chat import access

    v, op = await chat_pair()
    await deactivate(op.user)
    monkeypatch.setattr(access, "PERMISSION_RECHECK_SECONDS", 0)
    await v.say("said after the deactivation")
    await op.expect_closed(protocol.CLOSE_FORBIDDEN)
    assert "said after the deactivation" not in [m["text"] for m in op.of_type("message")]


# --- Whose conversation -----------------------------------------------------------------------


OTHERS_CONVERSATION = [
    {"type": "message", "client_id": "m", "text": "hijack"},
    {"type": "note", "client_id": "n", "text": "hijack"},
    {"type": "typing"},
    {"type": "received", "seq": 1},
    {"type": "sync", "after": 0},
    {"type": "end"},
    {"type": "request_consent"},
    {"type": "lead", "fields": {"summary": "x"}},
    {"type": "transfer", "to": 1, "note": "x"},
]


async def test_operator_cannot_act_on_another_operators_conversation(chat_pair, operator, clock):
    v, owner = await chat_pair()
    intruder = await operator()
    cid = v.conversation_id
    for frame in OTHERS_CONVERSATION:
        clock.now += protocol.RATE_WINDOW_SECONDS
        await intruder.send(**frame, conversation=cid)
        await intruder.expect_error(protocol.ERROR_FORBIDDEN, conversation=cid)
        assert intruder.close_code is None, frame

        await intruder.send(**frame, conversation=cid + 1000)
        await intruder.expect_error(protocol.ERROR_NOT_FOUND, conversation=cid + 1000)

        for bad in ("1", None, True, [cid], {"id": cid}):
            await intruder.send(**frame, conversation=bad)
            await intruder.expect_error(protocol.ERROR_INVALID)

    await intruder.settle()
    assert intruder.of_type("message") == []
    conversation = await get_conversation(cid)
    assert conversation.operator_id == owner.user.pk
    assert conversation.status == Conversation.Status.ACTIVE
    assert conversation.consent == Conversation.Consent.NOT_ASKED
    assert conversation.last_seq == 1
    await v.settle()
    assert [m["text"] for m in v.of_type("message") if m["sender"] == "operator"] == []
    assert v.of_type("typing") == [] and v.of_type("consent_request") == []
    # The owner still works.
    ack = await owner.say(cid, "still mine")
    await v.expect("message", seq=ack["seq"])


async def test_accept_of_nonexistent_or_taken_or_closed_conversation(operator, visitor):
    op, other = await operator(), await operator()
    await op.send(type="accept", conversation=99999)
    await op.expect_error(protocol.ERROR_NOT_FOUND)
    await op.send(type="accept", conversation="7")
    await op.expect_error(protocol.ERROR_INVALID)

    v = await visitor()
    await v.start()
    await other.accept(v.conversation_id)
    await op.send(type="accept", conversation=v.conversation_id)
    await op.expect_error(protocol.ERROR_TAKEN)

    gone = await visitor()
    await gone.start()
    await gone.send(type="end")
    await gone.expect_closed(protocol.CLOSE_ENDED)
    await op.send(type="accept", conversation=gone.conversation_id)
    await op.expect_error(protocol.ERROR_CLOSED)


# --- The queue --------------------------------------------------------------------------------


async def test_queue_puts_the_operators_languages_first_and_shows_everyone(visitor, operator):
    order = ["lv", "ru", "en", "ru", "uk"]
    visitors = []
    for language in order:
        v = await visitor()
        await v.start(language=language)
        visitors.append(v)
    ids = [v.conversation_id for v in visitors]

    russian = await operator(languages=["ru"])
    english = await operator(languages=["en", "uk"])
    nobody = await operator(languages=[])
    away = await operator(available=False)

    def languages(state):
        return [c["language"] for c in state["queue"]]

    assert languages(russian.state) == ["ru", "ru", "lv", "en", "uk"]
    assert languages(english.state) == ["en", "uk", "lv", "ru", "ru"]
    assert languages(nobody.state) == order
    for op in (russian, english, nobody, away):
        assert sorted(c["id"] for c in op.state["queue"]) == sorted(ids)
    assert [c["matches_language"] for c in russian.state["queue"]] == [
        True,
        True,
        False,
        False,
        False,
    ]

    # A new visitor reaches every operator's queue at once, in each one's order.
    late = await visitor()
    await late.start(language="ru")
    for op in (russian, english, nobody):
        frame = await op.expect("queue", where=lambda f: len(f["queue"]) == 6)
        assert late.conversation_id in [c["id"] for c in frame["queue"]]
    frame = russian.of_type("queue")[-1]
    assert languages(frame) == ["ru", "ru", "ru", "lv", "en", "uk"]


async def test_max_chats_is_enforced(operator, visitor):
    op = await operator(max_chats=1)
    first, second = await visitor(), await visitor()
    await first.start()
    await second.start()
    await op.accept(first.conversation_id)
    await op.send(type="accept", conversation=second.conversation_id)
    error = await op.expect_error(protocol.ERROR_STATE)
    assert error["reason"] == "max_chats"
    assert (await get_conversation(second.conversation_id)).status == Conversation.Status.WAITING

    await op.send(type="status", max_chats=2)
    await op.expect("status", max_chats=2)
    await op.accept(second.conversation_id)


async def test_the_queue_lists_the_colleagues_one_can_transfer_to(chat_pair, operator):
    """Available colleagues who may operate, with their languages and free places; not the
    operator themselves, not one who is away or has no permission."""
    v, busy = await chat_pair(available=True, languages=["ru", "lv"], max_chats=2)
    await sync_to_async(make_user)("away", available=False, languages=["en"])
    await sync_to_async(make_user)("no-permission", permission=False, available=True)
    me = await operator(available=True, languages=["lv"])
    state = me.of_type("state")[-1]
    busy_name = busy.user.get_username()
    assert state["colleagues"] == [
        {"id": busy.user.pk, "name": busy_name, "languages": ["ru", "lv"], "free": 1}
    ]
    # A change of anyone's chats or status comes with the next queue.
    await busy.send(type="status", max_chats=3)
    queue = await me.expect(
        "queue", where=lambda frame: frame["colleagues"] and frame["colleagues"][0]["free"] == 2
    )
    assert [c["id"] for c in queue["colleagues"]] == [busy.user.pk]
    del v


BAD_STATUS = [
    ({"available": "yes"}, "available"),
    ({"available": 1}, "available"),
    ({"available": None}, "available"),
    ({"languages": "lv"}, "languages"),
    ({"languages": ["lv", "xx"]}, "languages"),
    ({"languages": [["lv"]]}, "languages"),
    ({"languages": [{"lv": 1}]}, "languages"),
    ({"languages": [1]}, "languages"),
    ({"languages": None}, "languages"),
    ({"max_chats": 0}, "max_chats"),
    ({"max_chats": 11}, "max_chats"),
    ({"max_chats": "3"}, "max_chats"),
    ({"max_chats": True}, "max_chats"),
    ({"max_chats": 2.5}, "max_chats"),
    ({"available": False, "max_chats": 0}, "max_chats"),  # all or nothing
]


async def test_status_frame_is_validated(operator, caplog):
    op = await operator(languages=["lv"], max_chats=3)
    for frame, field in BAD_STATUS:
        await op.send(type="status", **frame)
        error = await op.expect_error(protocol.ERROR_INVALID)
        assert error["field"] == field, frame
        assert op.close_code is None
    status = await sync_to_async(OperatorStatus.objects.get)(user=op.user)
    assert (status.available, status.languages, status.max_chats) == (True, ["lv"], 3)
    assert op.of_type("status") == []
    assert [r for r in caplog.records if r.levelno >= 40] == []


async def test_status_frame_changes_the_status(operator):
    op = await operator(available=False)
    await op.send(type="status", available=True, languages=["uk", "ru", "uk"], max_chats=5)
    frame = await op.expect("status")
    assert frame == {"type": "status", "available": True, "languages": ["ru", "uk"], "max_chats": 5}
    status = await sync_to_async(OperatorStatus.objects.get)(user=op.user)
    assert status.available and status.languages == ["ru", "uk"] and status.max_chats == 5
    assert status.last_seen_at is not None


# --- Transfer ---------------------------------------------------------------------------------


async def test_transfer_with_a_private_note(chat_pair, operator, visitor):
    v, first = await chat_pair()
    cid = v.conversation_id
    await v.say("I need help with my passport")
    await first.expect("message", text="I need help with my passport")
    second = await operator(languages=["lv"])

    note = "She is afraid of her employer; speaks Latvian"
    await first.send(type="transfer", conversation=cid, to=second.user.pk, note=note)
    await first.expect("transferred", conversation=cid)
    await first.expect("unassigned", conversation=cid)

    assigned = await second.expect("assigned")
    assert assigned["conversation"]["id"] == cid
    assert assigned["conversation"]["operator"] == second.user.pk
    await second.expect("message", text="I need help with my passport")
    transfer_note = await second.expect("message", kind="note")
    assert note in transfer_note["text"]
    assert transfer_note["sender"] == "operator"
    await second.expect("message", kind="event", event="transferred")

    conversation = await get_conversation(cid)
    assert conversation.operator_id == second.user.pk
    stored_note = [m for m in await messages_of(cid) if m.kind == Message.Kind.NOTE]
    assert len(stored_note) == 1 and note in stored_note[0].text

    # The visitor sees that somebody else took over, never the note.
    await v.expect("message", kind="event", event="transferred")
    ack = await second.say(cid, "Hello, I am taking over")
    await v.expect("message", seq=ack["seq"])
    await v.settle()
    assert all(note not in f.get("text", "") for f in v.frames)
    assert all(f.get("kind") != "note" for f in v.of_type("message"))

    # Nor after a resume from the beginning, nor a sync.
    await v.disconnect()
    again = await visitor()
    await again.resume(v.token, last_seq=0)
    await again.send(type="sync", after=0)
    await again.settle()
    assert again.of_type("message")
    assert all(note not in f.get("text", "") for f in again.frames)

    # The first operator is out of the conversation.
    await first.settle()
    first_texts = [f["text"] for f in first.of_type("message")]
    assert "Hello, I am taking over" not in first_texts
    await first.send(type="message", conversation=cid, client_id="late", text="still here?")
    await first.expect_error(protocol.ERROR_FORBIDDEN)


async def test_transfer_is_validated(chat_pair, operator):
    v, first = await chat_pair()
    cid = v.conversation_id
    away = await operator(available=False)
    busy = await operator(max_chats=1)
    no_permission = await sync_to_async(make_user)(permission=False, available=True)

    cases = [
        (first.user.pk, protocol.ERROR_INVALID),  # to oneself
        (999999, protocol.ERROR_INVALID),
        ("2", protocol.ERROR_INVALID),
        (None, protocol.ERROR_INVALID),
        (no_permission.pk, protocol.ERROR_INVALID),
        (away.user.pk, protocol.ERROR_STATE),
    ]
    for to, code in cases:
        await first.send(type="transfer", conversation=cid, to=to, note="x")
        await first.expect_error(code)

    # An operator who already has as many chats as they take gets no more by transfer.
    extra = await sync_to_async(Conversation.objects.create)(language="lv")
    await busy.accept(extra.pk)
    await first.send(type="transfer", conversation=cid, to=busy.user.pk, note="x")
    error = await first.expect_error(protocol.ERROR_STATE)
    assert error.get("reason") == "max_chats"

    conversation = await get_conversation(cid)
    assert conversation.operator_id == first.user.pk
    assert [m for m in await messages_of(cid) if m.kind == Message.Kind.NOTE] == []


# --- Private notes ----------------------------------------------------------------------------


async def test_private_notes_never_reach_the_visitor(chat_pair, visitor):
    v, op = await chat_pair()
    cid = v.conversation_id
    secret = "possible sexual exploitation, call police liaison"
    ack = await op.note(cid, secret)
    # Not echoed to the console that wrote it; a sync reads it back.
    await op.send(type="sync", conversation=cid, after=ack["seq"] - 1)
    mine = await op.expect("message", seq=ack["seq"])
    assert mine["kind"] == "note"
    assert "segments" not in mine or all("href" not in s for s in mine["segments"])
    await op.say(cid, "visible")
    await v.expect("message", text="visible")
    await v.settle()
    assert all(secret not in f.get("text", "") for f in v.frames)

    await v.send(type="sync", after=0)
    await v.settle()
    assert all(secret not in f.get("text", "") for f in v.frames)

    await v.disconnect()
    again = await visitor()
    await again.resume(v.token, last_seq=0)
    await again.settle()
    assert any(f.get("text") == "visible" for f in again.frames)
    assert all(secret not in f.get("text", "") for f in again.frames)


async def test_notes_are_limited_and_need_an_open_conversation(chat_pair):
    v, op = await chat_pair()
    cid = v.conversation_id
    await op.send(
        type="note", conversation=cid, client_id="n1", text="x" * (protocol.MAX_NOTE_CHARS + 1)
    )
    await op.expect_error(protocol.ERROR_TOO_LONG, client_id="n1")
    await op.note(cid, "y" * protocol.MAX_NOTE_CHARS)


# --- Channel-layer events -------------------------------------------------------------------


async def test_layer_event_for_a_revoked_operator_closes_forbidden(operator):
    from channels.layers import get_channel_layer

    from chat.announce import operator_group

    op = await operator()
    conversation = await sync_to_async(Conversation.objects.create)(language="lv")
    await revoke_permission(op.user)
    await get_channel_layer().group_send(
        operator_group(op.user.pk), {"type": "chat.assigned", "id": conversation.pk}
    )
    await op.expect_error(protocol.ERROR_FORBIDDEN)
    await op.expect_closed(protocol.CLOSE_FORBIDDEN)
    assert op.of_type("assigned") == []


async def test_failing_layer_event_closes_the_socket_cleanly(operator, caplog):
    from channels.layers import get_channel_layer

    from chat.announce import operator_group

    op = await operator()
    await get_channel_layer().group_send(
        operator_group(op.user.pk), {"type": "chat.assigned", "id": 987654}
    )
    await op.expect_closed(protocol.CLOSE_SERVER_ERROR)
    assert any(
        "chat event chat.assigned failed: DoesNotExist" in r.getMessage() for r in caplog.records
    )


async def test_a_burst_of_queue_changes_costs_a_console_one_read_at_a_time(
    operator, visitor, monkeypatch
):
    """Twenty queue changes arrive while the console is still reading the queue: it reads
    once more afterwards, not twenty times, and its last queue is the current one."""
    import asyncio
    import threading

    from channels.layers import get_channel_layer

    from chat.actions import conversations
    from chat.announce import OPERATORS_GROUP

    op = await operator()
    release, reads = threading.Event(), []
    original = conversations.queue_for

    def slow_queue_for(user):
        reads.append(1)
        release.wait(5)
        return original(user)

    monkeypatch.setattr(conversations, "queue_for", slow_queue_for)
    layer = get_channel_layer()
    for _ in range(20):
        await layer.group_send(OPERATORS_GROUP, {"type": "chat.queue"})
    await asyncio.sleep(0.3)  # the console takes the twenty changes in while the read waits
    release.set()
    v = await visitor()
    await v.start()  # one more change, after the burst
    await op.expect("queue", where=lambda f: [c["id"] for c in f["queue"]] == [v.conversation_id])
    await op.settle()
    assert len(reads) <= 4 and len(op.of_type("queue")) <= 4, len(reads)
    assert [c["id"] for c in op.of_type("queue")[-1]["queue"]] == [v.conversation_id]


async def test_queue_changes_close_together_are_read_once(operator, monkeypatch):
    """Changes that arrive within QUEUE_SETTLE_SECONDS of the first (visitors arriving and
    being accepted in a burst) cost the console one read of the queue, not one each."""
    import asyncio

    from channels.layers import get_channel_layer

    from chat.actions import conversations
    from chat.announce import OPERATORS_GROUP
    from chat.consumers.base import QUEUE_SETTLE_SECONDS

    op = await operator()
    reads = []
    original = conversations.queue_for

    def counting_queue_for(user):
        reads.append(1)
        return original(user)

    monkeypatch.setattr(conversations, "queue_for", counting_queue_for)
    layer = get_channel_layer()
    gap = QUEUE_SETTLE_SECONDS / 20
    for _ in range(10):  # spread over half the settling time
        await layer.group_send(OPERATORS_GROUP, {"type": "chat.queue"})
        await asyncio.sleep(gap)
    await op.expect("queue")
    await op.settle(QUEUE_SETTLE_SECONDS * 2)
    assert len(reads) == 1 and len(op.of_type("queue")) == 1


async def test_the_console_is_told_when_its_visitor_leaves_and_comes_back(chat_pair, visitor):
    """So that the list shows a visitor reconnecting, live (the queue alone said so only for
    those waiting)."""
    v, op = await chat_pair()
    cid = v.conversation_id
    await v.disconnect()
    assert (await op.expect("presence", conversation=cid))["online"] is False
    back = await visitor()
    await back.resume(v.token)
    assert (await op.expect("presence", conversation=cid, online=True))["online"] is True
