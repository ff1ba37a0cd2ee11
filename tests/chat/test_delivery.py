"""The delivery component (chat/delivery.py) on its own: a `Reader` with a recording `send`
and a scripted database, no socket and no channel layer. What it must hold: every message the
reader may see is sent once, in order; announced messages need no database; a gap is read
from the database after a short wait; the socket's own messages are not sent back; a visitor
never gets a private note or an event worded for staff; delivered marks go out when they move.
"""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest

from chat import delivery, protocol
from chat.delivery import OPERATOR, VISITOR, Read, Reader
from chat.frames import event_text

CID = 7
ME = "me-channel"
OTHER = "other-channel"


def frame(seq: int, *, sender="visitor", kind="text", client_id="", event="", text=None) -> dict:
    return {
        "type": "message",
        "conversation": CID,
        "seq": seq,
        "sender": sender,
        "kind": kind,
        "client_id": client_id or (f"c{seq}" if sender != "system" else ""),
        "sent_at": "2026-12-01T00:00:00+00:00",
        "text": "" if event else (text if text is not None else f"text {seq}"),
        "event": event,
    }


def update(message: dict | None, *, origin: str = OTHER, marks=(0, 0)) -> dict:
    event: dict = {"type": "chat.update", "id": CID, "origin": origin}
    if message is not None:
        event["message"] = message
    if marks is not None:
        event["visitor_delivered_seq"], event["operator_delivered_seq"] = marks
    return event


class Database:
    """The messages stored so far, read the way `update_for_reader` reads them."""

    def __init__(self, *frames: dict, for_visitor: bool = False) -> None:
        self.frames = list(frames)
        self.for_visitor = for_visitor
        self.reads: list[int] = []
        self.marks = (0, 0)

    async def fetch(self, conversation_id: int, after: int) -> Read:
        self.reads.append(after)
        from chat.models import Message

        visible = [
            f
            for f in self.frames
            if f["seq"] > after
            and (not self.for_visitor or Message.shown_to_visitor(f["kind"], f["event"]))
        ]
        last_seq = max((f["seq"] for f in self.frames), default=0)
        conversation = SimpleNamespace(
            last_seq=last_seq,
            visitor_delivered_seq=self.marks[0],
            operator_delivered_seq=self.marks[1],
        )
        return Read(visible[: protocol.SYNC_BATCH], conversation)  # type: ignore[arg-type]


class Scheduler:
    """`ChatConsumer.refresh` in small: runs each scheduled read as a task."""

    def __init__(self) -> None:
        self.tasks: list[asyncio.Task] = []

    def __call__(self, name, read) -> None:
        self.tasks.append(asyncio.create_task(read()))

    async def done(self) -> None:
        while self.tasks:
            await self.tasks.pop(0)


def make_reader(side: str, database: Database, language: str = "en"):
    sent: list[dict] = []

    async def send(frame: dict) -> None:
        sent.append(frame)

    scheduler = Scheduler()
    reader = Reader(
        side,
        send=send,
        fetch=database.fetch,
        schedule=scheduler,
        origin=ME,
        language=language,
    )
    return reader, sent, scheduler


def seqs(sent: list[dict]) -> list[int]:
    return [f["seq"] for f in sent if f["type"] == "message"]


@pytest.fixture(autouse=True)
def short_gap(monkeypatch):
    monkeypatch.setattr(delivery, "GAP_SECONDS", 0.02)


async def test_an_announced_message_that_continues_the_cursor_is_sent_without_the_database():
    database = Database()
    reader, sent, _ = make_reader(OPERATOR, database)
    reader.follow(CID)
    await reader.announced(CID, update(frame(1)))
    await reader.announced(CID, update(frame(2)))
    assert seqs(sent) == [1, 2]
    assert database.reads == []


async def test_messages_announced_out_of_order_are_sent_in_order_without_the_database():
    database = Database()
    reader, sent, _ = make_reader(OPERATOR, database)
    reader.follow(CID)
    await reader.announced(CID, update(frame(2)))
    assert seqs(sent) == []
    await reader.announced(CID, update(frame(1)))
    await asyncio.sleep(0.05)
    assert seqs(sent) == [1, 2]
    assert database.reads == []


async def test_a_gap_that_stays_is_read_from_the_database_and_each_message_is_sent_once():
    database = Database(frame(1), frame(2), frame(3))
    reader, sent, scheduler = make_reader(OPERATOR, database)
    reader.follow(CID)
    await reader.announced(CID, update(frame(1)))
    await reader.announced(CID, update(frame(3)))  # 2 was never announced
    assert seqs(sent) == [1]
    await asyncio.sleep(0.05)
    await scheduler.done()
    assert seqs(sent) == [1, 2, 3]
    assert database.reads == [1]
    await reader.announced(CID, update(frame(3)))  # a late duplicate announcement
    assert seqs(sent) == [1, 2, 3]


async def test_the_sockets_own_message_is_passed_when_it_continues_the_cursor():
    reader, sent, _ = make_reader(VISITOR, Database(for_visitor=True))
    reader.follow(CID)
    await reader.acked(CID, 1)
    assert reader.cursor(CID) == 1
    await reader.announced(CID, update(frame(1, client_id="mine"), origin=ME))
    await reader.announced(CID, update(frame(2, sender="operator")))
    assert seqs(sent) == [2]


async def test_the_sockets_own_message_ahead_of_a_missing_one_is_passed_in_its_turn():
    database = Database()
    reader, sent, _ = make_reader(OPERATOR, database)
    reader.follow(CID)
    await reader.acked(CID, 2)  # 1 (the visitor's) is not here yet
    assert reader.cursor(CID) == 0
    await reader.announced(CID, update(frame(2, sender="operator"), origin=ME))
    await reader.announced(CID, update(frame(1)))
    assert seqs(sent) == [1]
    assert reader.cursor(CID) == 2
    assert database.reads == []


async def test_the_sockets_own_message_is_not_sent_back_by_the_read_after_a_gap():
    database = Database(frame(1), frame(2, sender="operator", client_id="mine"))
    reader, sent, scheduler = make_reader(OPERATOR, database)
    reader.follow(CID)
    await reader.acked(CID, 2)
    await reader.announced(CID, update(frame(2, sender="operator", client_id="mine"), origin=ME))
    # 1's announcement is lost: the gap is read from the database.
    await asyncio.sleep(0.05)
    await scheduler.done()
    assert seqs(sent) == [1]
    assert reader.cursor(CID) == 2


async def test_what_an_action_of_the_socket_stored_for_others_is_sent_to_it_too():
    """An event (no client id) announced by this socket's own action: the operator who asked
    for consent sees the "consent requested" line."""
    reader, sent, _ = make_reader(OPERATOR, Database())
    reader.follow(CID)
    await reader.announced(
        CID, update(frame(1, sender="system", kind="event", event="consent_requested"), origin=ME)
    )
    assert seqs(sent) == [1]
    assert sent[0]["text"] == event_text("consent_requested", "en", for_staff=True)
    assert sent[0]["text"] != event_text("consent_requested", "en")  # worded for the operator


async def test_a_visitor_never_gets_a_private_note_or_an_event_worded_for_staff():
    note = frame(2, sender="operator", kind="note")
    staff_event = frame(3, sender="system", kind="event", event="consent_granted")
    database = Database(frame(1), note, staff_event, frame(4, sender="operator"), for_visitor=True)
    reader, sent, _ = make_reader(VISITOR, database, language="ru")
    reader.follow(CID)
    for message in (frame(1), note, staff_event, frame(4, sender="operator")):
        await reader.announced(CID, update(message))
    assert seqs(sent) == [1, 4]
    # The same from the database (a resume), and the cursor passes what was left out.
    again, sent_again, _ = make_reader(VISITOR, database, language="ru")
    again.follow(CID)
    await again.flush(CID)
    assert seqs(sent_again) == [1, 4]
    assert again.cursor(CID) == 4


async def test_an_operator_gets_notes_and_staff_events_worded_in_their_language():
    staff_event = frame(1, sender="system", kind="event", event="consent_granted")
    reader, sent, _ = make_reader(OPERATOR, Database(), language="lv")
    reader.follow(CID)
    await reader.announced(CID, update(staff_event))
    await reader.announced(CID, update(frame(2, sender="operator", kind="note")))
    assert seqs(sent) == [1, 2]
    assert sent[0]["text"] == event_text("consent_granted", "lv", for_staff=True)
    assert staff_event["text"] == ""  # the carried frame is shared by every reader: unchanged


async def test_delivered_marks_are_sent_when_they_move():
    reader, sent, _ = make_reader(VISITOR, Database(for_visitor=True))
    reader.follow(CID)
    await reader.announced(CID, update(frame(1), marks=(0, 0)))
    await reader.announced(CID, update(None, marks=(1, 0)))  # the visitor's own mark moved
    await reader.announced(CID, update(None, marks=(1, 1)))
    delivered = [f["seq"] for f in sent if f["type"] == "delivered"]
    assert delivered == [0, 1]
    assert all("conversation" not in f for f in sent if f["type"] == "delivered")


async def test_a_bare_announcement_is_read_from_the_database():
    database = Database(frame(1), frame(2))
    reader, sent, _ = make_reader(OPERATOR, database)
    reader.follow(CID)
    await reader.announced(CID, update(None, marks=None))
    assert seqs(sent) == [1, 2]
    assert database.reads == [0]
    assert [f for f in sent if f["type"] == "delivered"] == [
        {"type": "delivered", "seq": 0, "conversation": CID}
    ]


async def test_flush_reads_in_batches_and_a_sync_moves_the_cursor_back(monkeypatch):
    monkeypatch.setattr(protocol, "SYNC_BATCH", 2)
    database = Database(*(frame(seq) for seq in range(1, 6)))
    reader, sent, _ = make_reader(OPERATOR, database)
    reader.follow(CID)
    await reader.flush(CID)
    assert seqs(sent) == [1, 2, 3, 4, 5]
    assert database.reads == [0, 2, 4]
    await reader.flush(CID, after=3)  # the client asks again from 3: its own included
    assert seqs(sent)[5:] == [4, 5]


async def test_a_conversation_left_is_forgotten_with_its_gap():
    database = Database(frame(1), frame(2))
    reader, sent, scheduler = make_reader(OPERATOR, database)
    reader.follow(CID)
    await reader.announced(CID, update(frame(2)))
    reader.unfollow(CID)
    await asyncio.sleep(0.05)
    await scheduler.done()
    await reader.announced(CID, update(frame(1)))
    assert seqs(sent) == [] and database.reads == []
