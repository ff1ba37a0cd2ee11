"""Every bad input gets its documented answer (issue 16), through the real ASGI application:
text that is not valid Unicode, numbers beyond what the columns hold, nothing a client sends
quoted in a log line or sent back unchecked, a path that is no route, and the close code of a
user who may not operate the chat at all. What only a real daphne shows (the frame size limit,
sending after a close): test_daphne_input.py."""

from __future__ import annotations

import json
import logging

from channels.testing import WebsocketCommunicator

from chat import protocol
from chat.frames import CONVERSATION_ID_RANGE, SEQ_RANGE

from .conftest import CHAT_DB, HOST, ORIGIN, application, get_conversation

pytestmark = CHAT_DB

MARKER = "KUKUSHONOK"  # what a client sends, looked for where it must never be


def logged(caplog) -> str:
    """Everything the test's log holds, tracebacks included."""
    lines = []
    for record in caplog.records:
        lines.append(record.getMessage())
        if record.exc_info:
            lines.append(logging.Formatter().formatException(record.exc_info))
    return "\n".join(lines)


def errors_logged(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


def sendable(frame: dict) -> bool:
    """Whether daphne can send the frame: its JSON encodes as UTF-8."""
    try:
        json.dumps(frame, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# --- Text that is not Unicode -----------------------------------------------------------------

VISITOR_SURROGATES = [
    '{"type": "\\ud800"}',
    '{"type": "ping\\udfff"}',
    '{"type": "message", "client_id": "\\ud800", "text": "hi"}',
    '{"type": "message", "client_id": "c-1", "text": "half \\ud83d of a smile"}',
    '{"type": "ping", "\\udbff": 1}',
    '{"type": "ping", "deep": [[{"x": ["\\udc00"]}]]}',
    '{"type": "sync", "after": 0, "note": "' + MARKER + '\\ud800"}',
]
OPERATOR_SURROGATES = [
    '{"type": "\\ud800' + MARKER + '"}',
    '{"type": "note", "conversation": CID, "client_id": "n-1", "text": "\\ud800"}',
    '{"type": "message", "conversation": CID, "client_id": "\\udfff", "text": "x"}',
    '{"type": "lead", "conversation": CID, "fields": {"summary": "\\ud800"}}',
    '{"type": "status", "languages": ["lv", "\\ud800"]}',
]


async def test_text_that_is_not_unicode_is_malformed_anywhere_in_a_frame(chat_pair, caplog):
    """A lone surrogate (JSON's "\\ud800") in the type, an id, a key or any string: before,
    the type or id was sent back, which daphne cannot encode (close 1011, a traceback)."""
    v, op = await chat_pair()
    before = (await get_conversation(v.conversation_id)).last_seq
    for client, frames in ((v, VISITOR_SURROGATES), (op, OPERATOR_SURROGATES)):
        for raw in frames:
            start = len(client.frames)
            await client.send_text(raw.replace("CID", str(v.conversation_id)))
            frame = await client.expect("error")
            assert frame["code"] == protocol.ERROR_MALFORMED, (raw, frame)
            assert "client_id" not in frame and "request" not in frame, (raw, frame)
            assert all(sendable(f) for f in client.frames[start:]), raw
            assert client.close_code is None
    assert (await get_conversation(v.conversation_id)).last_seq == before
    # Both sockets still answer.
    await v.send(type="ping")
    await v.expect("pong")
    await op.send(type="ping")
    await op.expect("pong")
    assert errors_logged(caplog) == []
    assert MARKER not in logged(caplog)


# --- Numbers beyond the columns ---------------------------------------------------------------

HUGE = 2**64


async def test_numbers_beyond_the_columns_are_invalid_before_any_sql(chat_pair, visitor, caplog):
    """Before: an operator's message to conversation 2**64 reached the raw SQL that stores it
    (OverflowError on SQLite, DataError on PostgreSQL): `server_error` and a traceback."""
    v, op = await chat_pair()
    cid = v.conversation_id
    too_big_id, too_big_seq = CONVERSATION_ID_RANGE[1] + 1, SEQ_RANGE[1] + 1
    operator_frames = [
        (
            {"type": "message", "conversation": HUGE, "client_id": "o-1", "text": "x"},
            "conversation",
        ),
        (
            {"type": "note", "conversation": too_big_id, "client_id": "o-2", "text": "x"},
            "conversation",
        ),
        (
            {"type": "message", "conversation": -HUGE, "client_id": "o-3", "text": "x"},
            "conversation",
        ),
        ({"type": "accept", "conversation": HUGE}, "conversation"),
        ({"type": "typing", "conversation": HUGE}, "conversation"),
        ({"type": "end", "conversation": -HUGE}, "conversation"),
        ({"type": "lead", "conversation": HUGE, "fields": {"summary": "x"}}, "conversation"),
        ({"type": "sync", "conversation": cid, "after": HUGE}, "seq"),
        ({"type": "received", "conversation": cid, "seq": too_big_seq}, "seq"),
        ({"type": "received", "conversation": cid, "seq": HUGE}, "seq"),
    ]
    for frame, field in operator_frames:
        await op.send(**frame)
        error = await op.expect("error")
        assert (error["code"], error.get("field")) == (protocol.ERROR_INVALID, field), frame
        if "client_id" in frame:
            assert error["client_id"] == frame["client_id"]
    # An id the column can hold, of no conversation, is `not_found`, as documented.
    await op.send(type="accept", conversation=CONVERSATION_ID_RANGE[1])
    await op.expect_error(protocol.ERROR_NOT_FOUND)

    for frame in (
        {"type": "sync", "after": HUGE},
        {"type": "received", "seq": too_big_seq},
        {"type": "received", "seq": HUGE},
    ):
        await v.send(**frame)
        error = await v.expect("error")
        assert (error["code"], error.get("field")) == (protocol.ERROR_INVALID, "seq"), frame

    again = await visitor()
    await again.send(type="resume", token=v.token, last_seq=HUGE)
    error = await again.expect("error")
    assert (error["code"], error.get("field")) == (protocol.ERROR_INVALID, "seq")
    assert again.close_code is None

    assert v.close_code is None and op.close_code is None
    ack = await v.say("still here")
    await op.expect("message", seq=ack["seq"])
    assert errors_logged(caplog) == []


# --- Nothing a client sends is logged, or sent back unchecked ---------------------------------


async def test_what_a_client_sends_is_neither_logged_nor_sent_back_unchecked(chat_pair, caplog):
    """An unknown type was sent back as `request` (the first 32 characters of anything), and an
    id the protocol refuses as `client_id`; only what the server knows or has checked is."""
    v, op = await chat_pair()
    await v.send(type=f"{MARKER}-type")
    frame = await v.expect_error(protocol.ERROR_UNKNOWN_TYPE)
    assert "request" not in frame
    await v.send(type="message", client_id=f"{MARKER} not an id", text="x")
    frame = await v.expect_error(protocol.ERROR_INVALID, field="client_id")
    assert "client_id" not in frame
    await v.send(type="message", client_id="c-ok", text=5)
    frame = await v.expect_error(protocol.ERROR_INVALID, field="text")
    assert (frame["client_id"], frame["request"]) == ("c-ok", "message")

    await op.send(type=MARKER)
    assert "request" not in await op.expect_error(protocol.ERROR_UNKNOWN_TYPE)
    await op.send(type="message", conversation=MARKER, client_id=MARKER * 10, text=MARKER)
    frame = await op.expect_error(protocol.ERROR_INVALID, field="conversation")
    assert "client_id" not in frame
    await op.send(type="transfer", conversation=v.conversation_id, to=MARKER, note=MARKER)
    await op.expect_error(protocol.ERROR_INVALID, field="to")

    for client in (v, op):
        assert MARKER not in json.dumps(client.frames, ensure_ascii=False)
    assert MARKER not in logged(caplog)


# --- Paths that are no route ------------------------------------------------------------------


async def test_a_path_that_is_no_route_is_refused_at_the_handshake(caplog):
    """Before: Channels' router raised "No route found for path …" (HTTP 500 from daphne, and
    the path, a token put into the URL say, in its log)."""
    for path in (f"/ws/chat/visitor/{MARKER}/", f"/ws/{MARKER}", f"/{MARKER}?token={MARKER}"):
        communicator = WebsocketCommunicator(
            application(), path, headers=[(b"host", HOST), (b"origin", ORIGIN)]
        )
        connected, code = await communicator.connect(timeout=3)
        assert connected is False, path
        assert code == 1000  # closed before being accepted: daphne answers HTTP 403
        await communicator.wait(timeout=1)
    assert MARKER not in logged(caplog)
