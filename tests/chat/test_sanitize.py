"""chat/sanitize.py: text is kept as typed (clients render it as text), invisible tricks go, and
only http(s) links become links."""

from __future__ import annotations

import pytest

from chat.sanitize import clean_text, link_segments


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ('"><svg onload=alert(1)>', '"><svg onload=alert(1)>'),
        ("  padded \n", "padded"),
        ("a\r\nb\rc", "a\nb\nc"),
        ("e\u0301", "\u00e9"),  # NFC
        ("left\u202eright", "leftright"),  # bidi override
        ("a\u2066b\u2069c", "abc"),  # isolates
        ("zero\u200fwidth\u200emarks", "zerowidthmarks"),
        ("\ufeffbom", "bom"),
        ("bell\x07 nul\x00 esc\x1b del\x7f c1\x85", "bell nul esc del c1"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("emoji 👍 and ž", "emoji 👍 and ž"),
    ],
)
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


TEXTS = [
    "See https://help.example.org/guide. Then call.",
    "(see https://x.org/a)",
    "see (https://x.org/a) ok",
    "https://en.wikipedia.org/wiki/Foo_(bar)",
    "www.example.org, or example.lv!",
    "javascript:alert(1)",
    "JAVASCRIPT://example.com/%0aalert(1)",
    "jAvAsCrIpT:alert(document.domain)//https://x.com",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    '<a href="javascript:alert(1)">x</a>',
    'https://ex.com/"onmouseover=alert(1)',
    "http://x.com/<script>alert(1)</script>",
    "no links here at all",
    "",
    "(((",
]


@pytest.mark.parametrize("text", TEXTS)
def test_segments_rebuild_the_text_and_link_only_http(text):
    segments = link_segments(text)
    assert "".join(segment["text"] for segment in segments) == text
    for segment in segments:
        assert set(segment) <= {"text", "href"}
        if "href" in segment:
            assert segment["href"].lower().startswith(("http://", "https://", "tel:"))
            assert "javascript:" not in segment["href"].lower()
            assert "<" not in segment["href"] and '"' not in segment["href"]


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("See https://help.example.org/guide. Then call.", ["https://help.example.org/guide"]),
        ("(see https://x.org/a)", ["https://x.org/a"]),
        ("see (https://x.org/a) ok", ["https://x.org/a"]),
        ("https://en.wikipedia.org/wiki/Foo_(bar)", ["https://en.wikipedia.org/wiki/Foo_(bar)"]),
        ("www.example.org, or example.lv!", ["https://www.example.org", "https://example.lv"]),
        ("javascript:alert(1)", []),
        ("(javascript:alert(1))", []),
        ("data:text/html,<script>alert(1)</script>", []),
        ('<a href="javascript:alert(1)">x</a>', []),
    ],
)
def test_links_found(text, links):
    assert [s["href"] for s in link_segments(text) if "href" in s] == links


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        (
            "Call 112 or 116 006, or +371 67 219 340 (24/7).",
            ["tel:112", "tel:116006", "tel:+37167219340"],
        ),
        ("The hotline: 8000-2012.", ["tel:80002012"]),
        ("see https://example.org/8000-2012 or 8000 2012", ["tel:80002012"]),
        # Dates, times, years, amounts, postcodes and codes are not numbers to call.
        ("On 12.05.2026 at 20:00 (2026), LV-1050, 100 EUR, room 1120", []),
        ("code 123456789012345678", []),
        ("order A1234567", []),
    ],
)
def test_phone_numbers_in_an_operators_message_become_tel_links(text, numbers):
    """A visitor on a phone calls the number the adviser gave with one tap."""
    segments = link_segments(text)
    assert "".join(segment["text"] for segment in segments) == text
    links = [s["href"] for s in segments if "href" in s and s["href"].startswith("tel:")]
    assert links == numbers
