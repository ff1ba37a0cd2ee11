"""Bad input gets the documented error frame or close code, never an unhandled exception, and
never disturbs anybody else's conversation. Also: flood limits, the queue limit, the origin
check."""

from __future__ import annotations

import json
import logging

from asgiref.sync import sync_to_async

from chat import protocol
from chat.models import Conversation

from .conftest import CHAT_DB, CLIENT_ADDRESS, Visitor, db_counts, get_conversation

pytestmark = CHAT_DB


async def still_works(v: Visitor, op) -> None:
    """The other, well-behaved conversation still carries messages both ways."""
    ack = await v.say("still here?")
    await op.expect("message", seq=ack["seq"])
    ack = await op.say(v.conversation_id, "yes")
    await v.expect("message", seq=ack["seq"])


# --- Frames that are not what the protocol says -----------------------------------------------

# (frame as sent, error code). Frames are sent raw: strings are sent as they are.
BEFORE_START = [
    ("not json", protocol.ERROR_MALFORMED),
    ("{'single': 'quotes'}", protocol.ERROR_MALFORMED),
    ('{"type": "message", "text": "unterminated', protocol.ERROR_MALFORMED),
    ("[1, 2, 3]", protocol.ERROR_MALFORMED),
    ('"just a string"', protocol.ERROR_MALFORMED),
    ("42", protocol.ERROR_MALFORMED),
    ("null", protocol.ERROR_MALFORMED),
    ("[" * 5000 + "]" * 5000, protocol.ERROR_MALFORMED),  # nesting deeper than the parser's stack
    ('{"type": "ping", "x": ' + "[" * 5000 + "]" * 5000 + "}", protocol.ERROR_MALFORMED),
    ('{"type": "message", "text": "\\ud800"}', protocol.ERROR_MALFORMED),  # not Unicode
    ("{}", protocol.ERROR_MALFORMED),
    ('{"text": "no type"}', protocol.ERROR_MALFORMED),
    ('{"type": 7}', protocol.ERROR_MALFORMED),
    ('{"type": null}', protocol.ERROR_MALFORMED),
    ('{"type": "launch_missiles"}', protocol.ERROR_UNKNOWN_TYPE),
    ('{"type": "on_message"}', protocol.ERROR_UNKNOWN_TYPE),
    ('{"type": "__init__"}', protocol.ERROR_UNKNOWN_TYPE),
    ('{"type": "accept", "conversation": 1}', protocol.ERROR_UNKNOWN_TYPE),  # operators' only
    ('{"type": "message", "client_id": "a", "text": "hi"}', protocol.ERROR_NO_CONVERSATION),
    ('{"type": "typing"}', protocol.ERROR_NO_CONVERSATION),
    ('{"type": "sync", "after": 0}', protocol.ERROR_NO_CONVERSATION),
    ('{"type": "received", "seq": 1}', protocol.ERROR_NO_CONVERSATION),
    ('{"type": "end"}', protocol.ERROR_NO_CONVERSATION),
    ('{"type": "quick_exit"}', protocol.ERROR_NO_CONVERSATION),
    ('{"type": "consent", "grant": true}', protocol.ERROR_NO_CONVERSATION),
    ('{"type": "start", "language": "xx"}', protocol.ERROR_INVALID),
    ('{"type": "start", "language": 1}', protocol.ERROR_INVALID),
    ('{"type": "start", "language": ["lv"]}', protocol.ERROR_INVALID),
    ('{"type": "start", "language": {"lv": 1}}', protocol.ERROR_INVALID),
    ('{"type": "start", "language": "lv", "topic": "bogus"}', protocol.ERROR_INVALID),
    ('{"type": "start", "language": "lv", "topic": ["work"]}', protocol.ERROR_INVALID),
    ('{"type": "start", "language": "lv", "topic": {"a": 1}}', protocol.ERROR_INVALID),
    ('{"type": "leave_message", "consent": false, "language": "lv", "text": "x"}', "invalid"),
    ('{"type": "leave_message", "consent": "true", "language": "lv", "text": "x"}', "invalid"),
    ('{"type": "leave_message", "consent": true, "language": "lv", "text": 5}', "invalid"),
    ('{"type": "leave_message", "consent": true, "language": ["lv"], "text": "x"}', "invalid"),
    ('{"type": "leave_message", "consent": true, "language": "lv", "text": "   "}', "invalid"),
    (
        '{"type": "leave_message", "consent": true, "language": "lv", "text": "x", "contact": 5}',
        "invalid",
    ),
]

AFTER_START = [
    ('{"type": "start", "language": "lv"}', protocol.ERROR_STATE),
    ('{"type": "resume", "token": "whatever-it-is-it-is-long-enough"}', protocol.ERROR_STATE),
    (
        '{"type": "leave_message", "consent": true, "language": "lv", "text": "x"}',
        protocol.ERROR_STATE,
    ),
    ('{"type": "message", "text": "no client id"}', protocol.ERROR_INVALID),
    ('{"type": "message", "client_id": 5, "text": "numeric id"}', protocol.ERROR_INVALID),
    ('{"type": "message", "client_id": "", "text": "empty id"}', protocol.ERROR_INVALID),
    ('{"type": "message", "client_id": ["a"], "text": "list id"}', protocol.ERROR_INVALID),
    ('{"type": "message", "client_id": "' + "x" * 65 + '", "text": "long id"}', "invalid"),
    ('{"type": "message", "client_id": "a b", "text": "space in id"}', "invalid"),
    ('{"type": "message", "client_id": "\\ud800", "text": "surrogate id"}', "malformed"),
    ('{"type": "message", "client_id": "<b>", "text": "markup id"}', "invalid"),
    ('{"type": "message", "client_id": "a"}', protocol.ERROR_INVALID),
    ('{"type": "message", "client_id": "a", "text": 5}', protocol.ERROR_INVALID),
    ('{"type": "message", "client_id": "a", "text": null}', protocol.ERROR_INVALID),
    ('{"type": "message", "client_id": "a", "text": ["hi"]}', protocol.ERROR_INVALID),
    ('{"type": "message", "client_id": "a", "text": "   \\n\\t "}', protocol.ERROR_INVALID),
    ('{"type": "message", "client_id": "a", "text": "\\u202e\\u0000"}', protocol.ERROR_INVALID),
    ('{"type": "sync", "after": "3"}', protocol.ERROR_INVALID),
    ('{"type": "sync", "after": -1}', protocol.ERROR_INVALID),
    ('{"type": "sync", "after": 1.5}', protocol.ERROR_INVALID),
    ('{"type": "sync", "after": true}', protocol.ERROR_INVALID),
    ('{"type": "received"}', protocol.ERROR_INVALID),
    ('{"type": "received", "seq": "1"}', protocol.ERROR_INVALID),
    ('{"type": "received", "seq": -5}', protocol.ERROR_INVALID),
    ('{"type": "consent", "grant": "yes"}', protocol.ERROR_INVALID),
    ('{"type": "consent"}', protocol.ERROR_INVALID),
    ('{"type": "consent", "grant": true, "transcript": "yes"}', protocol.ERROR_INVALID),
    ('{"type": "consent", "grant": true, "contact": 5}', protocol.ERROR_INVALID),
]


async def send_and_expect(v: Visitor, raw: str, code: str) -> None:
    start = len(v.frames)
    await v.send_text(raw)
    frame = await v.expect("error")
    assert frame["code"] == code, (raw, frame)
    assert isinstance(frame["message"], str) and frame["message"]
    assert v.close_code is None, (raw, v.close_code)
    # Exactly one answer, and nothing else (queue updates may come at any time).
    await v.settle(0.02)
    answers = [f for f in v.frames[start:] if f["type"] != "queue"]
    assert len(answers) == 1, (raw, answers)


async def test_bad_frames_get_their_error_and_others_keep_talking(
    visitor, chat_pair, caplog, clock
):
    other, op = await chat_pair()
    v = await visitor()
    before = await db_counts()
    with caplog.at_level(logging.ERROR):
        for raw, code in BEFORE_START:
            await send_and_expect(v, raw, code)
            clock.now += protocol.RATE_WINDOW_SECONDS  # keep clear of the rate limit
    assert await db_counts() == before
    await still_works(other, op)

    await v.start()
    v.consume("queue")
    with caplog.at_level(logging.ERROR):
        for raw, code in AFTER_START:
            await send_and_expect(v, raw, code)
            clock.now += protocol.RATE_WINDOW_SECONDS
    assert (await get_conversation(v.conversation_id)).last_seq == 0
    await still_works(other, op)
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


async def test_message_errors_carry_the_client_id(chat_pair):
    v, _op = await chat_pair()
    await v.send(type="message", client_id="c-77", text=5)
    frame = await v.expect_error(protocol.ERROR_INVALID)
    assert frame["client_id"] == "c-77"
    assert frame["request"] == "message"


async def test_binary_frame_is_refused(visitor, chat_pair):
    other, op = await chat_pair()
    v = await visitor()
    await v.send_bytes(b'{"type": "availability"}')
    await v.expect_error(protocol.ERROR_MALFORMED)
    await v.send_bytes(b"\x00\xff\x00")
    await v.expect_error(protocol.ERROR_MALFORMED)
    assert v.of_type("availability") == []
    await still_works(other, op)


async def test_oversized_frames_are_refused_unread(visitor, chat_pair):
    other, op = await chat_pair()
    v = await visitor()
    await v.start()
    padding = "x" * protocol.MAX_FRAME_BYTES
    await v.send_text(json.dumps({"type": "message", "client_id": "big", "text": padding}))
    frame = await v.expect_error(protocol.ERROR_TOO_BIG)
    assert "client_id" not in frame  # it was not parsed

    # Size is counted in bytes: 6,000 Cyrillic letters are 12,000 bytes as UTF-8, and the frame
    # is under the limit in characters but over it in bytes once other text is added.
    wide = "ж" * (protocol.MAX_FRAME_BYTES // 2 + 10)
    assert len(wide) < protocol.MAX_FRAME_BYTES < len(wide.encode())
    await v.send_text(
        json.dumps({"type": "message", "client_id": "wide", "text": wide}, ensure_ascii=False)
    )
    await v.expect_error(protocol.ERROR_TOO_BIG)
    assert (await get_conversation(v.conversation_id)).last_seq == 0
    await still_works(other, op)


async def test_text_over_the_limit_is_too_long_and_at_the_limit_is_fine(chat_pair):
    v, op = await chat_pair()
    await v.send(type="message", client_id="long", text="a" * (protocol.MAX_MESSAGE_CHARS + 1))
    frame = await v.expect_error(protocol.ERROR_TOO_LONG)
    assert frame["client_id"] == "long"
    assert frame["limit"] == protocol.MAX_MESSAGE_CHARS
    ack = await v.say("b" * protocol.MAX_MESSAGE_CHARS)
    received = await op.expect("message", seq=ack["seq"])
    assert len(received["text"]) == protocol.MAX_MESSAGE_CHARS

    await op.send(
        type="message",
        conversation=v.conversation_id,
        client_id="op-long",
        text="c" * (protocol.MAX_MESSAGE_CHARS + 1),
    )
    await op.expect_error(protocol.ERROR_TOO_LONG, client_id="op-long")


async def test_unknown_expired_and_bad_tokens_close_the_socket(visitor, chat_pair, monkeypatch):
    other, op = await chat_pair()
    for token in [
        "A" * 43,  # well formed, unknown
        "short",
        "",
        None,
        12345,
        ["x" * 43],
        "x" * 5000,
    ]:
        v = await visitor()
        await v.send(type="resume", token=token, last_seq=0)
        await v.expect_error(protocol.ERROR_TOKEN)
        await v.expect_closed(protocol.CLOSE_TOKEN)
    await still_works(other, op)


async def test_expired_token_is_refused(visitor, monkeypatch, settings):
    import datetime

    from chat import access

    v = await visitor()
    await v.start()
    token = v.token
    await v.disconnect()

    real_now = access.timezone.now

    class Later:
        @staticmethod
        def now():
            return real_now() + datetime.timedelta(seconds=settings.LANTERN_CHAT_RESUME_SECONDS + 5)

    monkeypatch.setattr(access, "timezone", Later)
    again = await visitor()
    await again.send(type="resume", token=token, last_seq=0)
    await again.expect_error(protocol.ERROR_TOKEN)
    await again.expect_closed(protocol.CLOSE_TOKEN)


async def test_token_of_a_closed_conversation_is_refused(visitor):
    v = await visitor()
    await v.start()
    token = v.token
    await v.send(type="end")
    await v.expect("ended")
    await v.expect_closed(protocol.CLOSE_ENDED)

    again = await visitor()
    await again.send(type="resume", token=token, last_seq=0)
    await again.expect_error(protocol.ERROR_TOKEN)
    await again.expect_closed(protocol.CLOSE_TOKEN)


async def test_resume_with_a_cursor_beyond_the_end_still_gets_new_messages(chat_pair, visitor):
    v, op = await chat_pair()
    await v.disconnect()
    again = await visitor()
    await again.resume(v.token, last_seq=10_000)
    ack = await op.say(v.conversation_id, "are you back?")
    await again.expect("message", seq=ack["seq"])


# --- Flood ------------------------------------------------------------------------------------


async def test_messages_over_the_limit_are_rate_limited_with_their_client_id(
    chat_pair, monkeypatch, clock
):
    monkeypatch.setattr(protocol, "RATE_MAX_MESSAGES", 3)
    v, op = await chat_pair()
    clock.now += protocol.RATE_WINDOW_SECONDS  # "start" counted in the first window
    for n in range(5):
        await v.send(type="message", client_id=f"f{n}", text=f"flood {n}")
    for n in range(3):
        await v.expect("ack", client_id=f"f{n}")
    for n in (3, 4):
        frame = await v.expect_error(protocol.ERROR_RATE_LIMITED, client_id=f"f{n}")
        assert frame["message"]
    assert v.close_code is None
    # The next window is open again.
    clock.now += protocol.RATE_WINDOW_SECONDS
    await v.say("after the pause")


async def test_repeated_flooding_closes_the_socket(chat_pair, visitor, monkeypatch, clock):
    monkeypatch.setattr(protocol, "RATE_MAX_MESSAGES", 2)
    other, op = await chat_pair()
    v = await visitor()
    await v.start()
    clock.now += protocol.RATE_WINDOW_SECONDS
    for window in range(protocol.RATE_STRIKES_BEFORE_CLOSE):
        for n in range(3):
            await v.send(type="message", client_id=f"w{window}-{n}", text="flood")
        if window < protocol.RATE_STRIKES_BEFORE_CLOSE - 1:
            await v.expect_error(protocol.ERROR_RATE_LIMITED, client_id=f"w{window}-2")
            assert v.close_code is None
            clock.now += protocol.RATE_WINDOW_SECONDS
    await v.expect_error(protocol.ERROR_RATE_LIMITED)
    await v.expect_closed(protocol.CLOSE_FLOOD)
    await still_works(other, op)


async def test_a_quiet_window_forgives_earlier_flooding(chat_pair, monkeypatch, clock):
    monkeypatch.setattr(protocol, "RATE_MAX_MESSAGES", 1)
    v, _op = await chat_pair()
    clock.now += protocol.RATE_WINDOW_SECONDS
    for window in range(protocol.RATE_STRIKES_BEFORE_CLOSE * 2):
        await v.send(type="message", client_id=f"q{window}-a", text="x")
        await v.send(type="message", client_id=f"q{window}-b", text="x")
        await v.expect_error(protocol.ERROR_RATE_LIMITED, client_id=f"q{window}-b")
        # Two windows later: a whole window went by without a frame.
        clock.now += protocol.RATE_WINDOW_SECONDS * 2
    assert v.close_code is None


async def test_frame_flood_of_any_kind_is_limited(visitor, monkeypatch, clock):
    """Typing, pings and even unreadable frames count towards the frame limit."""
    monkeypatch.setattr(protocol, "RATE_MAX_FRAMES", 4)
    v = await visitor()
    await v.start()
    clock.now += protocol.RATE_WINDOW_SECONDS
    for _ in range(4):
        await v.send(type="ping")
    await v.send_text("garbage")
    await v.expect_error(protocol.ERROR_RATE_LIMITED)
    assert len(v.of_type("pong")) == 4


# --- Queue length -----------------------------------------------------------------------------


async def test_full_queue_refuses_the_next_start(visitor, monkeypatch):
    monkeypatch.setattr(protocol, "MAX_WAITING", 2)
    first, second, third = await visitor(), await visitor(), await visitor()
    await first.start()
    await second.start()
    await third.send(type="start", language="lv", topic="work")
    await third.expect_error(protocol.ERROR_QUEUE_FULL)
    assert await sync_to_async(Conversation.objects.count)() == 2
    assert third.close_code is None
    # Leaving a message is still possible.
    proof = await third.proof("leave_message")
    await third.send(
        type="leave_message", consent=True, language="lv", text="please call", proof=proof
    )
    await third.expect("message_left")


# --- Origin -----------------------------------------------------------------------------------


FOREIGN_ORIGINS = [
    b"http://evil.example",
    b"https://localhost.evil.example",
    b"http://localhost.evil.example",
    b"null",
    b"http://localhost:666@evil.example",
    b"https://localhost",  # another scheme of the site's host
    b"http://localhost:8080",  # another port of the site's host
    b"http://localhost/",  # not an origin
    None,  # no Origin header at all
]


async def test_foreign_or_missing_origin_is_rejected(visitor):
    """The origin is compared whole, scheme, host and port: Channels' validator compared the
    host alone, and let another scheme or port of an allowed host in (issue 16)."""
    for origin in FOREIGN_ORIGINS:
        v = await visitor(connect=False, origin=origin)
        connected, _code = await v.connect()
        assert connected is False, origin
    for origin in (b"http://localhost", b"http://localhost:80", b"HTTP://LocalHost"):
        v = await visitor(connect=False, origin=origin)
        connected, _code = await v.connect()
        assert connected is True, origin


async def test_the_sites_origin_is_its_host_and_port_with_the_scheme_the_browser_used(
    visitor, settings
):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # The proxy is one of those named in settings (from anyone else, the header is ignored:
    # tests/lantern/test_proxies.py).
    settings.LANTERN_TRUSTED_PROXIES = [CLIENT_ADDRESS[0]]
    behind_tls = [(b"x-forwarded-proto", b"https")]
    for origin, headers, allowed in [
        # Behind a TLS-terminating proxy that says so, the page is https.
        (b"https://localhost:8443", behind_tls, True),
        (b"http://localhost:8443", behind_tls, False),
        (b"https://localhost", behind_tls, False),
        (b"http://localhost:8443", [], True),
        (b"https://localhost:8443", [], False),
    ]:
        v = await visitor(connect=False, origin=origin)
        v.comm.scope["headers"] = [
            *(header for header in v.comm.scope["headers"] if header[0] != b"host"),
            (b"host", b"localhost:8443"),
            *headers,
        ]
        connected, _code = await v.connect()
        assert connected is allowed, (origin, headers)


async def test_csrf_trusted_origins_may_open_sockets(visitor, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://chat.example.org", "https://*.lantern.example"]
    for origin, allowed in [
        (b"https://chat.example.org", True),
        (b"https://chat.example.org:443", True),
        (b"http://chat.example.org", False),
        (b"https://chat.example.org:8443", False),
        (b"https://www.lantern.example", True),
        (b"http://www.lantern.example", False),
        (b"https://lantern.example.evil", False),
    ]:
        v = await visitor(connect=False, origin=origin)
        connected, _code = await v.connect()
        assert connected is allowed, origin


async def test_foreign_origin_is_rejected_for_operators_too(operator):
    op = await operator(connect=False)
    op.comm.scope["headers"] = [
        (name, b"http://evil.example" if name == b"origin" else value)
        for name, value in op.comm.scope["headers"]
    ]
    connected, _code = await op.connect()
    assert connected is False


async def test_lone_surrogates_are_refused_and_escaped_pairs_kept(chat_pair, caplog):
    """JSON may escape half of a surrogate pair: text that cannot be encoded as UTF-8, so it
    can be neither stored nor sent back nor logged. The frame is refused whole as malformed
    (before: its text was cleaned, its `client_id` or `type` echoed back, which daphne could
    not send: close 1011 and a traceback). An escaped pair is one character, and fine."""
    v, op = await chat_pair()
    await v.send_text('{"type": "message", "client_id": "s1", "text": "half \\ud83d of a smile"}')
    frame = await v.expect_error(protocol.ERROR_MALFORMED)
    assert "client_id" not in frame
    await v.send_text('{"type": "message", "client_id": "s2", "text": "\\ud83d\\udc4d"}')
    ack = await v.expect("ack", client_id="s2")
    assert (await op.expect("message", seq=ack["seq"]))["text"] == "👍"
    assert ack["seq"] == (await get_conversation(v.conversation_id)).last_seq
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
