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
            assert segment["href"].lower().startswith(("http://", "https://"))
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
