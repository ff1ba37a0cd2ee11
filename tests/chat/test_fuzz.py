"""Fuzzing both websocket endpoints (issue 16): a seeded generator sends each of them
FRAMES_PER_ENDPOINT frames through the real ASGI application (lantern.asgi, with the origin
check, the session and the routes production runs): valid frames and valid frames with one field
spoiled, unknown and wrong types, numbers far beyond any column, lone surrogates, deep nesting,
big strings, binary and unreadable frames, frames over the size limit, and frames sent after
the socket closed (after `end`, or a refused `resume`).

What must hold, whatever was sent:
- nothing is logged at ERROR, and no traceback at all, and nothing the fuzzer sent is quoted;
- every answer is sendable (UTF-8), every error code is documented, and none is
  `server_error`; every close code is documented, and none is a server failure (4500);
- nothing is sent on a socket after its close;
- a socket that was not closed still answers `ping`;
- a conversation the fuzzer does not hold (another visitor and operator, talking meanwhile) is
  untouched: it carries messages both ways before and after, its sides were sent nothing but
  what their own conversation brought, and it holds exactly their messages.

The seed is LANTERN_FUZZ_SEED (default: a fixed one, so that every run sends the same frames;
a failure names the seed). About 2 × 2,000 frames: 20-30 s on SQLite, 50 s on PostgreSQL.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import random
import string

import pytest

from chat import protocol
from chat.frames import CONVERSATION_ID_RANGE, SEQ_RANGE

from .conftest import CHAT_DB, Operator, Visitor, messages_of

pytestmark = CHAT_DB

SEED = int(os.environ.get("LANTERN_FUZZ_SEED", "16"))
FRAMES_PER_ENDPOINT = 2000
BATCH = 20  # frames sent before the answers are read (fewer than the rate limit's frames)
MARKER = "KUKUSHONOK"  # in the fuzzer's strings; never in a log line

# Closes a fuzzer may cause: all documented, none a failure of the server's.
EXPECTED_CLOSES = {
    protocol.CLOSE_ENDED,
    protocol.CLOSE_TOKEN,
    protocol.CLOSE_FLOOD,
    *(code for code in (getattr(protocol, "CLOSE_REPLACED", None),) if code),
}
# The endpoints' frame types, but `ping`: a `pong` answers only the ping that ends each batch,
# after which the socket has answered everything sent before it (`Endpoint.barrier`).
VISITOR_TYPES = sorted(
    ["availability", "start", "resume", "message", "typing", "received", "sync", "consent"]
    + ["consent_wording", "end", "quick_exit", "leave_message", "challenge"]
)
OPERATOR_TYPES = sorted(
    ["status", "accept", "message", "note", "typing", "received", "sync", "transfer", "end"]
    + ["request_consent", "lead", "lead_note"]
)


class Fuzzer:
    """The seeded generator of values and frames."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)  # noqa: S311 - reproducible on purpose
        self.conversation_ids: list[int] = []
        self.user_ids: list[int] = []
        self.token: str | None = None

    def choice(self, values):
        return self.random.choice(values)

    def chance(self, probability: float) -> bool:
        return self.random.random() < probability

    # --- values ---------------------------------------------------------------------------

    def number(self):
        return self.choice(
            [
                0,
                1,
                -1,
                7,
                SEQ_RANGE[1],
                SEQ_RANGE[1] + 1,
                CONVERSATION_ID_RANGE[1],
                CONVERSATION_ID_RANGE[1] + 1,
                CONVERSATION_ID_RANGE[0] - 1,
                2**64,
                -(2**64),
                10**40,
                1.5,
                -0.0,
                1e308,
                True,
                False,
                self.random.randint(-1000, 10**6),
            ]
        )

    def text(self):
        kind = self.random.randrange(12)
        if kind == 0:
            return ""
        if kind == 1:
            return MARKER
        if kind == 2:  # half of a surrogate pair: escaped by json.dumps, as JSON may carry it
            return f"{MARKER}{chr(self.random.randint(0xD800, 0xDFFF))}"
        if kind == 3:
            return MARKER * self.random.randint(1, 2000)  # up to 20,000 characters
        if kind == 4:
            return "".join(chr(self.random.randint(0, 0x20)) for _ in range(8))
        if kind == 5:
            return "\u202e\u200b\ufeff" + MARKER + "\U0001f642"
        if kind == 6:
            return "<script>'\"; DROP TABLE chat_message; --" + MARKER
        if kind == 7:
            return "x" * self.choice([63, 64, 65, 2000, 2001, 4001])
        if kind == 8:
            return self.choice(["lv", "en", "ru", "uk", "work", "other", "start", "leave_message"])
        if kind == 9:
            return "".join(self.random.choices(string.printable, k=self.random.randint(1, 80)))
        if kind == 10:
            return "ж" * self.random.randint(1, 9000)  # two bytes each: over the frame limit
        return f"{MARKER}-{self.random.randrange(10**6)}"

    def nested(self, depth: int):
        value = self.any_scalar()
        for _ in range(depth):
            value = [value] if self.chance(0.5) else {MARKER: value}
        return value

    def any_scalar(self):
        return self.choice([None, self.number(), self.text(), True])

    def anything(self):
        kind = self.random.randrange(6)
        if kind == 0:
            return self.nested(self.random.randint(1, 60))
        if kind == 1:
            return [self.any_scalar() for _ in range(self.random.randint(0, 5))]
        if kind == 2:
            return {self.text(): self.any_scalar() for _ in range(self.random.randint(0, 4))}
        return self.any_scalar()

    def client_id(self):
        if self.chance(0.7):
            return f"f-{self.random.randrange(10**9)}"
        return self.anything()

    def conversation(self):
        if self.conversation_ids and self.chance(0.7):
            return self.choice(self.conversation_ids)
        return self.choice([self.number(), self.anything()])

    def seq(self):
        return self.random.randint(0, 50) if self.chance(0.6) else self.number()

    # --- frames ---------------------------------------------------------------------------

    def visitor_frame(self, frame_type: str) -> dict:
        fields: dict = {
            "start": {"language": self.choice(["lv", "en", "xx"]), "topic": "work"},
            "resume": {"token": self.token or self.text(), "last_seq": self.seq()},
            "message": {"client_id": self.client_id(), "text": self.choice(["hi", "ok"])},
            "received": {"seq": self.seq()},
            "sync": {"after": self.seq()},
            "consent": {"grant": self.chance(0.5), "transcript": True, "contact": "x"},
            "leave_message": {"language": "lv", "text": "call me", "consent": True},
            "challenge": {"for": self.choice(["start", "leave_message", "other"])},
        }.get(frame_type, {})
        return {"type": frame_type, **fields}

    def operator_frame(self, frame_type: str) -> dict:
        conversation = self.conversation()
        fields: dict = {
            "status": {
                "available": self.chance(0.5),
                "languages": ["lv", "en"],
                "max_chats": self.random.randint(0, 11),
            },
            "accept": {"conversation": conversation},
            "message": {"conversation": conversation, "client_id": self.client_id(), "text": "a"},
            "note": {"conversation": conversation, "client_id": self.client_id(), "text": "n"},
            "typing": {"conversation": conversation},
            "received": {"conversation": conversation, "seq": self.seq()},
            "sync": {"conversation": conversation, "after": self.seq()},
            "transfer": {
                "conversation": conversation,
                "to": self.choice(self.user_ids) if self.user_ids else 1,
                "note": "n",
            },
            "end": {"conversation": conversation},
            "request_consent": {"conversation": conversation},
            "lead": {"conversation": conversation, "fields": {"summary": "s", "urgency": "high"}},
            "lead_note": {"conversation": conversation, "text": "t"},
        }.get(frame_type, {})
        return {"type": frame_type, **fields}

    def frame(self, types: list[str], build) -> str | bytes:
        """One frame, as sent: mostly JSON objects of the endpoint's types."""
        kind = self.random.randrange(100)
        if kind < 35:  # valid, or nearly: the way in to the handlers' own checks
            return json.dumps(build(self.choice(types)))
        if kind < 65:  # one field spoiled, or added
            frame = build(self.choice(types))
            key = self.choice([*frame.keys(), "extra", MARKER]) if self.chance(0.9) else "type"
            frame[key] = self.anything()
            return json.dumps(frame)
        if kind < 72:  # a type nobody knows, or another endpoint's
            other = self.choice([*VISITOR_TYPES, *OPERATOR_TYPES, self.text(), "on_ping"])
            if other not in types:
                return json.dumps({"type": other, "conversation": self.conversation()})
            return json.dumps({"type": self.text()})
        if kind < 78:  # a type that is no string at all
            return json.dumps({"type": self.anything()})
        if kind < 84:  # nesting deeper than the parser's stack, or just deep
            depth = self.choice([5000, 900, 100])
            return '{"type": "sync", "x": ' + "[" * depth + "]" * depth + "}"
        if kind < 88:  # not an object
            return json.dumps(self.anything())
        if kind < 92:  # not JSON
            return self.choice(["", "{", "null", "{'type': 'sync'}", MARKER, '{"type": "pi'])
        if kind < 95:  # binary
            return self.random.randbytes(self.random.randint(0, 64))
        if kind < 98:  # over the size limit
            return json.dumps({"type": "message", "client_id": "big", "text": "x" * 17000})
        # escapes JSON allows that are no text: in the type, a key, a value
        return self.choice(
            [
                '{"type": "ping\\udc00"}',
                '{"type": "sync", "\\ud800": 1}',
                '{"type": "message", "client_id": "\\udbff", "text": "x"}',
            ]
        )


class Endpoint:
    """The fuzzer's sockets on one endpoint, one at a time: each closed socket is checked and
    replaced by a new one."""

    def __init__(self, fuzzer: Fuzzer, open_socket, clock) -> None:
        self.fuzzer, self.open_socket, self.clock = fuzzer, open_socket, clock
        self.client = None
        self.retired: list = []
        self.sent = 0
        self.problems: list[str] = []

    async def send(self, frame: str | bytes) -> None:
        if self.client is None:
            self.client = await self.open_socket()
        if isinstance(frame, bytes):
            await self.client.send_bytes(frame)
        else:
            await self.client.send_text(frame)
        self.sent += 1
        if self.sent % BATCH == 0:
            await self.barrier()

    async def barrier(self) -> None:
        """A `ping`, and its `pong`: the socket has answered everything sent before (or it
        has closed). Then a new rate window: the limiter counts the frames, and the messages
        of a batch may go over its limit, but the fuzzer is not closed for the frames of
        batches the socket had not read yet."""
        client = self.client
        if client is None:
            return
        await client.send(type="ping")
        loop_time = asyncio.get_running_loop().time
        deadline = loop_time() + 10
        while not client.consume("pong") and client.close_code is None:
            if loop_time() > deadline or not await client._read(deadline - loop_time()):
                self.problems.append(f"no pong within 10 s: {client.frames[-5:]}")
                break
        self.clock.now += protocol.RATE_WINDOW_SECONDS
        self.check(client)
        if client.close_code is not None:
            await self.retire()

    async def retire(self) -> None:
        client, self.client = self.client, None
        # Frames after the close: read by nobody, answered with nothing.
        for _ in range(self.fuzzer.random.randint(0, 3)):
            await client.send(type="ping")
        await client.settle(0.02)
        self.check(client)
        await client.disconnect()
        self.retired.append(client)

    def check(self, client) -> None:
        if getattr(client, "checked_up_to", 0) == len(client.frames) and not client.close_code:
            return
        for frame in client.frames[getattr(client, "checked_up_to", 0) :]:
            try:
                json.dumps(frame, ensure_ascii=False).encode("utf-8")
            except UnicodeEncodeError:
                self.problems.append(f"not sendable: {frame!r}")
            if frame.get("type") == "error":
                code = frame.get("code")
                if code not in protocol.ERROR_MESSAGES or code == protocol.ERROR_SERVER:
                    self.problems.append(f"error {code!r}: {frame!r}")
                if not isinstance(frame.get("message"), str) or not frame["message"]:
                    self.problems.append(f"error without a message: {frame!r}")
        client.checked_up_to = len(client.frames)
        if client.close_code is not None:
            if client.close_code not in EXPECTED_CLOSES:
                self.problems.append(f"closed with {client.close_code}")
            if not hasattr(client, "frames_at_close"):
                client.frames_at_close = len(client.frames)
            elif len(client.frames) != client.frames_at_close:
                self.problems.append(
                    f"sent after its close: {client.frames[client.frames_at_close :]}"
                )

    async def still_answers(self) -> None:
        """The last socket, unless it was closed (as documented), answers a ping.

        A close that the socket's own frames caused may come after the pong of the batch that
        caused it: the end of a conversation, or its being taken up by another socket, reaches
        the socket as a message of its group through the channel layer, behind the frames the
        socket answers itself. So a second ping asks again; `barrier` records a ping left
        unanswered, and `check` a close that is not documented."""
        await self.barrier()
        await self.barrier()
        assert self.client is None or self.client.close_code is None


async def fuzz(endpoint: Endpoint, build, types: list[str], frames: int) -> None:
    fuzzer = endpoint.fuzzer
    while endpoint.sent < frames:
        await endpoint.send(fuzzer.frame(types, build))


def logged(caplog) -> list[str]:
    lines = []
    for record in caplog.records:
        lines.append(f"{record.levelname} {record.name}: {record.getMessage()}")
        if record.exc_info or record.exc_text:
            lines.append(f"TRACEBACK of {record.name}")
    return lines


def check_logs(caplog) -> None:
    lines = logged(caplog)
    bad = [line for line in lines if line.startswith(("ERROR", "CRITICAL")) or "TRACEBACK" in line]
    bad += [line for line in lines if MARKER in line]
    assert not bad, f"seed {SEED}: " + "\n".join(bad[:20])


@pytest.fixture
async def other_conversation(chat_pair):
    """A conversation the fuzzer does not hold, talking before and after."""
    v, op = await chat_pair()
    said = [
        (await v.say("before the storm"))["seq"],
        (await op.say(v.conversation_id, "hi"))["seq"],
    ]
    await v.expect("message", seq=said[1])
    await op.expect("message", seq=said[0])
    return v, op, said


async def after_the_storm(v: Visitor, op: Operator, said: list[int]) -> None:
    ack = await v.say("still there?")
    await op.expect("message", seq=ack["seq"])
    reply = await op.say(v.conversation_id, "yes")
    await v.expect("message", seq=reply["seq"])
    said += [ack["seq"], reply["seq"]]
    stored = await messages_of(v.conversation_id)
    texts = [m.text for m in stored if m.seq in said]
    assert texts == ["before the storm", "hi", "still there?", "yes"]
    assert not [m for m in stored if MARKER in m.text or m.seq not in said and not m.event]
    for client in (v, op):
        assert client.close_code is None
        errors = [f for f in client.frames if f.get("type") == "error"]
        assert errors == [], errors
    assert not [f for f in op.frames if f.get("type") in ("assigned", "conversation_closed")]


async def test_fuzzed_visitor_frames(visitor, operator, other_conversation, clock, caplog):
    caplog.set_level(logging.INFO)
    other_v, other_op, said = other_conversation
    fuzzer = Fuzzer(SEED)
    fuzzer.conversation_ids.append(other_v.conversation_id)

    async def open_socket() -> Visitor:
        client = await visitor()
        if fuzzer.chance(0.6):
            await client.start(fuzzer.choice(["lv", "ru"]), "work")
            fuzzer.token = client.token
            fuzzer.conversation_ids.append(client.conversation_id)
        return client

    endpoint = Endpoint(fuzzer, open_socket, clock)
    await fuzz(endpoint, fuzzer.visitor_frame, VISITOR_TYPES, FRAMES_PER_ENDPOINT)
    await endpoint.still_answers()
    assert not endpoint.problems, f"seed {SEED}: " + "\n".join(endpoint.problems[:20])
    assert len(endpoint.retired) >= 2  # it ended conversations, and went on with new sockets
    await after_the_storm(other_v, other_op, said)
    check_logs(caplog)


async def test_fuzzed_operator_frames(visitor, operator, other_conversation, clock, caplog):
    caplog.set_level(logging.INFO)
    other_v, other_op, said = other_conversation
    fuzzer = Fuzzer(SEED + 1)
    fuzzer.conversation_ids.append(other_v.conversation_id)
    waiting = []
    for _ in range(3):  # conversations for the fuzzed operator to accept, answer, end
        v = await visitor()
        await v.start("lv")
        waiting.append(v)
        fuzzer.conversation_ids.append(v.conversation_id)
    first = await operator(languages=["lv"])
    colleague = await operator(languages=["lv"])
    fuzzer.user_ids += [colleague.user.pk, first.user.pk, 10**12]

    async def open_socket() -> Operator:
        return (
            first
            if first.close_code is None and not first.disconnected
            else (await operator(user=first.user))
        )

    endpoint = Endpoint(fuzzer, open_socket, clock)
    await fuzz(endpoint, fuzzer.operator_frame, OPERATOR_TYPES, FRAMES_PER_ENDPOINT)
    await endpoint.still_answers()
    assert not endpoint.problems, f"seed {SEED + 1}: " + "\n".join(endpoint.problems[:20])
    await after_the_storm(other_v, other_op, said)
    for v in waiting:  # the fuzzed operator's visitors: sockets open, or closed as documented
        await v.settle(0.05)
        assert v.close_code in (None, *EXPECTED_CLOSES)
        assert not [f for f in v.frames if f.get("code") == protocol.ERROR_SERVER]
    check_logs(caplog)
