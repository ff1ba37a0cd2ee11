"""When a hotline or a service answers, in a short form the site can read, so that every page
can say whether it is open now (Latvian time) without a cookie and without a page per minute:
the page carries the hours as data and the browser compares them with its clock
(static/js/open-now.js).

The form is a small part of OpenStreetMap's `opening_hours`, which many people already know::

    24/7
    Mo-Fr 09:00-17:00
    Mo-Fr 09:00-12:00,13:00-17:00; Sa 10:00-14:00
    Mo,We,Fr 18:00-02:00          (past midnight: until 2:00 the next day)

Days are Mo Tu We Th Fr Sa Su, alone, as a range or in a list; times are HH:MM, 24:00 allowed as
an end. Rules are joined with ";". Anything else is refused with a message saying what to write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
ALWAYS = "24/7"
MINUTES_IN_DAY = 24 * 60
_TIME = re.compile(r"^([01]\d|2[0-4]):([0-5]\d)$")
FORMAT_HELP = _(
    "For example “Mo-Fr 09:00-17:00; Sa 10:00-14:00”, or “24/7”. Days: Mo Tu We Th Fr Sa Su; "
    "times from 00:00 to 24:00."
)


@dataclass(frozen=True, order=True)
class Interval:
    """Open on `weekday` (0 = Monday) from `opens` to `closes`, in minutes after midnight."""

    weekday: int
    opens: int
    closes: int


def _invalid(message, **values) -> ValidationError:
    return ValidationError(message, code="invalid", params=values)


def _minutes(text: str) -> int:
    match = _TIME.match(text)
    if not match or (match.group(1) == "24" and match.group(2) != "00"):
        raise _invalid(_("“%(time)s” is not a time: write it as 09:00."), time=text)
    return int(match.group(1)) * 60 + int(match.group(2))


def _days(text: str) -> list[int]:
    days: list[int] = []
    for part in text.split(","):
        first, _dash, last = part.strip().partition("-")
        if first not in DAYS or (last and last not in DAYS):
            raise _invalid(
                _("“%(days)s” is not a day: write Mo, Tu, We, Th, Fr, Sa or Su."), days=part
            )
        start = DAYS.index(first)
        end = DAYS.index(last) if last else start
        span = (end - start) % 7
        days.extend((start + offset) % 7 for offset in range(span + 1))
    return days


def parse(text: str) -> list[Interval]:
    """The intervals a schedule opens, sorted; [] for an empty one. Raises ValidationError."""
    text = " ".join(text.split())
    if not text:
        return []
    if text == ALWAYS:
        return [Interval(day, 0, MINUTES_IN_DAY) for day in range(7)]
    intervals: set[Interval] = set()
    for rule in filter(None, (rule.strip() for rule in text.split(";"))):
        # The days end where the first time begins.
        split = re.match(r"^([^\d]+?)\s*(\d.*)$", rule)
        if not split:
            raise _invalid(_("“%(rule)s” needs days and times, e.g. Mo-Fr 09:00-17:00."), rule=rule)
        days = _days(split.group(1).replace(" ", ""))
        for times in split.group(2).replace(" ", "").split(","):
            opens_text, dash, closes_text = times.partition("-")
            if not dash:
                raise _invalid(
                    _("“%(times)s” needs a start and an end, e.g. 09:00-17:00."), times=times
                )
            opens, closes = _minutes(opens_text), _minutes(closes_text)
            if opens == closes:
                raise _invalid(_("“%(times)s” opens and closes at the same time."), times=times)
            for day in days:
                if opens < closes:
                    intervals.add(Interval(day, opens, closes))
                else:  # past midnight: the rest of the day, then the next morning
                    intervals.add(Interval(day, opens, MINUTES_IN_DAY))
                    if closes:
                        intervals.add(Interval((day + 1) % 7, 0, closes))
    return sorted(intervals)


def as_data(text: str) -> list[list[int]]:
    """The schedule as the page carries it: [[weekday, opens, closes], ...] in minutes; [] for
    none (or for one that no longer parses: then the page says nothing rather than wrong)."""
    try:
        return [[i.weekday, i.opens, i.closes] for i in parse(text)]
    except ValidationError:
        return []
