"""The one place chat text is cleaned and links are found. Every call to bleach is here.

bleach 6.4 is the last release, so no security property rests on it alone: chat text is
always rendered as text by the clients (`textContent`), never as HTML. This module

- normalises text (Unicode NFC, newlines) and removes what could disguise it: control
  characters and bidirectional overrides;
- splits an operator's text into text and link segments, using bleach's URL pattern, so the
  client can build real links (http and https only) without ever parsing HTML; phone numbers
  become `tel:` links, so that a visitor on a phone calls a number the adviser gave with one
  tap.
"""

from __future__ import annotations

import re
import unicodedata

from bleach.linkifier import build_url_re

LINK_PROTOCOLS = frozenset({"http", "https"})
URL_RE = build_url_re(protocols=LINK_PROTOCOLS)

# C0/C1 controls except tab and newline; bidi embeddings, overrides and isolates; BOM; and lone
# surrogates (JSON can escape half of a pair; such text cannot even be stored as UTF-8).
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)


def clean_text(text: str) -> str:
    """The text as it will be stored and shown: normalised, without invisible controls, with
    surrounding whitespace removed. Markup is kept as the characters typed; clients render it
    as text."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return _INVISIBLE.sub("", text).strip()


def _trim(url: str) -> str:
    """Trailing punctuation belongs to the sentence, not the link; a closing parenthesis only
    when the link has no opening one to match it (…/Foo_(bar) keeps its own)."""
    while url and url[-1] in ".,;:!?)":
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


# A phone number: an optional +, then digits in groups separated by single spaces or hyphens,
# not inside a word, a date or a longer number. At least 6 digits (fewer are years, amounts,
# postcodes), or the emergency number 112; at most 15 (E.164).
_PHONE_RE = re.compile(r"(?<![\w.,:/+-])(\+?\d+(?:[ -]\d+)*)(?![\w/-]|[.,:]\d)")
EMERGENCY = "112"


def _phone_segments(text: str) -> list[dict[str, str]]:
    segments: list[dict[str, str]] = []
    position = 0
    for match in _PHONE_RE.finditer(text):
        number = match.group(1)
        digits = re.sub(r"\D", "", number)
        if not (6 <= len(digits) <= 15 or number == EMERGENCY):
            continue
        if match.start() > position:
            segments.append({"text": text[position : match.start()]})
        plus = "+" if number.startswith("+") else ""
        segments.append({"text": number, "href": f"tel:{plus}{digits}"})
        position = match.end()
    if position < len(text):
        segments.append({"text": text[position:]})
    return segments


def link_segments(text: str) -> list[dict[str, str]]:
    """Split text into `{"text": …}` and `{"text": …, "href": …}` segments, for links that
    operators send. Only http(s) links become links; a bare domain gets https://; phone
    numbers outside them become `tel:` links. The texts of the segments, joined, are the
    text."""
    segments: list[dict[str, str]] = []
    position = 0
    for match in URL_RE.finditer(text):
        url = match.group(0)
        # Opening parentheses before a link belong to the sentence: "(see https://…)".
        start = match.start() + len(url) - len(url.lstrip("("))
        stripped = _trim(url.lstrip("("))
        if not stripped:
            continue
        end = start + len(stripped)
        if start > position:
            segments.extend(_phone_segments(text[position:start]))
        scheme = stripped.split("://", 1)[0].lower() if "://" in stripped else ""
        if scheme and scheme not in LINK_PROTOCOLS:
            segments.append({"text": stripped})
        else:
            href = stripped if scheme else f"https://{stripped}"
            segments.append({"text": stripped, "href": href})
        position = end
    if position < len(text):
        segments.extend(_phone_segments(text[position:]))
    return segments
