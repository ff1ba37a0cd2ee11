"""Slugs in Latin letters, whatever the language a title is written in (issue 19): a Latvian,
Russian or Ukrainian title gives an address anyone can type, read aloud and share.

Cyrillic is romanised as each language does it officially, simplified for addresses: Ukrainian
by the national system of 2010 (the forms at the start of a word: є ye, ї yi, й y, ю yu, я ya),
Russian by a common passport-like system; Latvian letters lose their marks (ā a, š s).
"""

from __future__ import annotations

import re
import unicodedata

from django.conf import settings

_COMMON = {
    "а": "a", "б": "b", "в": "v", "д": "d", "е": "e", "ж": "zh", "з": "z", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ъ": "",
}  # fmt: skip
_UKRAINIAN = {
    **_COMMON,
    "г": "h", "ґ": "g", "и": "y", "і": "i", "ї": "i", "й": "i", "є": "ie", "ю": "iu", "я": "ia",
}  # fmt: skip
_UKRAINIAN_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_RUSSIAN = {
    **_COMMON,
    "г": "g", "и": "i", "й": "y", "ы": "y", "э": "e", "ё": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
_APOSTROPHES = "'’ʼ`"
_UKRAINIAN_LETTERS = set("ґєії")
MAX_LENGTH = 80


def latin_slug(text: str, language: str | None = None) -> str:
    """`text` as an address's last part: Latin letters, digits and dashes ("" if nothing is
    left). `language`: the title's ("uk" or "ru" decide how Cyrillic is read; otherwise a
    Ukrainian letter in the text decides)."""
    lowered = (text or "").lower()
    if language not in ("uk", "ru"):
        language = "uk" if _UKRAINIAN_LETTERS & set(lowered) else "ru"
    table = _UKRAINIAN if language == "uk" else _RUSSIAN
    letters = []
    word_start = True
    for char in lowered:
        if char in _APOSTROPHES:
            continue  # part of the word: from’їзд is one word
        if language == "uk" and word_start and char in _UKRAINIAN_INITIAL:
            letters.append(_UKRAINIAN_INITIAL[char])
        else:
            letters.append(table.get(char, char))
        word_start = not char.isalnum()
    ascii_text = (
        unicodedata.normalize("NFKD", "".join(letters)).encode("ascii", "ignore").decode("ascii")
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug[:MAX_LENGTH].rstrip("-")


def missing_slugs(
    titles: dict[str, str], slugs: dict[str, str], stored: dict[str, str] | None = None
) -> dict[str, str]:
    """The slugs to set, by language: one left empty is made from that language's title, one
    typed in another script is romanised, unless it is the slug the page has (`stored`: an
    address already in use stays as it is). Used by the page form (before its fields are
    checked) and by `LanternPage.full_clean` (pages saved in code)."""
    changes = {}
    # The default language's slug is Wagtail's own (the others fall back to it): a page written
    # in another language first gets it from the first title there is.
    first = next(((code, title) for code, title in titles.items() if title), None)
    for code, slug in slugs.items():
        slug = (slug or "").strip()
        if slug and stored and slug == stored.get(code):
            continue
        if slug and not slug.isascii():
            changes[code] = latin_slug(slug, code) or slug
        elif not slug and titles.get(code):
            made = latin_slug(titles[code], code)
            if made:
                changes[code] = made
        elif not slug and code == settings.LANGUAGE_CODE and first:
            made = latin_slug(first[1], first[0])
            if made:
                changes[code] = made
    return changes
