"""Statistics for coordinators: anonymous aggregates of conversations, leads and withdrawals.

Everything here reads querysets and returns plain values; nothing writes. Views render the
`Report` as tables and SVG charts, or as CSV.

Small counts
------------
A count from 1 to `LANTERN_STATS_MIN_COUNT` − 1 ("small") could single somebody out, so it is
never shown, in tables, charts or the CSV: it reads "<5" (for the default of 5). Zero is
shown: it singles out nobody.

The cells of a breakdown add up to a total that is known (it is shown, or it is the sum of
another breakdown of the same people), so hiding one cell alone would not hide it: total
minus the cells shown gives it back. The rule, applied to every breakdown and to every pair
of figures that adds up to a shown total (missed / not missed, accepted / not accepted):

1. Every small cell is hidden ("<5").
2. While any hidden cell could still be worked out exactly from the total and the cells
   shown, the smallest cell still shown (not zero) is hidden as well, marked "hidden"
   ("complementary suppression"). "Worked out" assumes the reader knows the total, knows
   that a "<5" cell is between 1 and 4, that a "hidden" cell is at least 5, and that a
   "hidden" cell is no larger than any cell still shown (it was the smallest).
3. If even hiding every cell leaves one that could be worked out (very few people in all),
   the breakdown is withheld: no cell, not even its categories, is shown.

A free-text category (the place a lead gave) is shown by name only if at least the minimum
count of leads gave it; the others are merged into one "other places" cell first, so no rare
place name ever appears.

What this does not prevent: comparing two reports whose periods differ by a few days. The
page is for staff with the permission "Can see chat and referral statistics"; exports for
third parties should use whole months or quarters.
"""

from __future__ import annotations

import datetime
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, QuerySet
from django.db.models.functions import TruncWeek
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext

from lantern.choices import ExploitationForm

from ..models import Conversation, Topic
from .keys import lead_keys
from .models import Lead, Withdrawal

DEFAULT_PERIOD_DAYS = 90

SMALL = "small"
COMPLEMENTARY = "complementary"


def min_count() -> int:
    return max(1, int(getattr(settings, "LANTERN_STATS_MIN_COUNT", 5)))


# --- Suppression ----------------------------------------------------------------------------


def _derivable(counts: Sequence[int], marks: Sequence[str], k: int) -> bool:
    """Whether some hidden cell's exact value follows from the total and the cells shown."""
    hidden = [i for i, mark in enumerate(marks) if mark]
    if not hidden:
        return False
    shown_nonzero = [n for n, mark in zip(counts, marks, strict=True) if not mark and n > 0]
    cap = min(shown_nonzero) if shown_nonzero else math.inf
    bounds = [(1, k - 1) if marks[i] == SMALL else (k, cap) for i in hidden]
    known_sum = sum(counts[i] for i in hidden)
    sum_lo = sum(lo for lo, _hi in bounds)
    finite_hi = sum(hi for _lo, hi in bounds if hi != math.inf)
    unbounded = sum(1 for _lo, hi in bounds if hi == math.inf)
    for lo, hi in bounds:
        # The other hidden cells add up to between others_lo and others_hi.
        others_lo = sum_lo - lo
        if hi == math.inf:
            others_hi = math.inf if unbounded > 1 else finite_hi
        else:
            others_hi = math.inf if unbounded else finite_hi - hi
        lowest = max(lo, known_sum - others_hi)
        highest = min(hi, known_sum - others_lo)
        if lowest >= highest:
            return True
    return False


def suppress(counts: Sequence[int], k: int | None = None) -> list[str] | None:
    """Suppression marks for the cells of one breakdown ("", SMALL or COMPLEMENTARY), or None
    if no choice of cells protects them and the breakdown must be withheld. See the module's
    docstring for the rule."""
    k = min_count() if k is None else k
    marks = [SMALL if 0 < n < k else "" for n in counts]
    while _derivable(counts, marks, k):
        candidates = [i for i, n in enumerate(counts) if n > 0 and not marks[i]]
        if not candidates:
            return None
        smallest = min(candidates, key=lambda i: (counts[i], i))
        marks[smallest] = COMPLEMENTARY
    return marks


# --- Values as shown ------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A count as it may be shown: `value` is None when it is hidden; `threshold` is the
    smallest count shown."""

    value: int | None
    suppression: str = ""
    threshold: int = 5

    @classmethod
    def of(cls, count: int, mark: str, k: int) -> Figure:
        return cls(None if mark else count, mark, k)

    @property
    def hidden(self) -> bool:
        return self.value is None

    @property
    def display(self) -> str:
        if self.value is not None:
            return str(self.value)
        if self.suppression == SMALL:
            return f"<{self.threshold}"
        return gettext("hidden")


def single_figure(count: int, k: int | None = None) -> Figure:
    """A count shown on its own (no total it is part of): hidden only if small."""
    k = min_count() if k is None else k
    return Figure.of(count, SMALL if 0 < count < k else "", k)


def paired_figure(part: int, total: int, k: int | None = None) -> Figure:
    """A count that is part of a shown total: it and its complement are protected together."""
    k = min_count() if k is None else k
    marks = suppress([part, total - part], k)
    if marks is None:
        return Figure(None, COMPLEMENTARY if part >= k else SMALL, k)
    return Figure.of(part, marks[0], k)


@dataclass(frozen=True)
class Cell:
    key: str
    label: str
    figure: Figure


@dataclass(frozen=True)
class Breakdown:
    """How a population (conversations or leads of the period) divides into categories."""

    key: str
    title: str
    population: str
    total: Figure
    cells: list[Cell] = field(default_factory=list)
    withheld: bool = False
    note: str = ""

    @property
    def largest(self) -> int:
        return max((c.figure.value or 0 for c in self.cells), default=0)


def protect(
    key: str,
    title: str,
    population: str,
    rows: Iterable[tuple[str, str, int]],
    total: int,
    *,
    k: int | None = None,
    note: str = "",
) -> Breakdown:
    """A breakdown of `total` into `rows` of (key, label, count), with small counts hidden."""
    rows = list(rows)
    k = min_count() if k is None else k
    counts = [count for _key, _label, count in rows]
    marks = suppress(counts, k)
    shown_total = single_figure(total, k)
    if marks is None:
        return Breakdown(key, title, population, shown_total, [], withheld=True, note=note)
    cells = [
        Cell(row_key, label, Figure.of(count, mark, k))
        for (row_key, label, count), mark in zip(rows, marks, strict=True)
    ]
    return Breakdown(key, title, population, shown_total, cells, note=note)


# --- Counting -------------------------------------------------------------------------------


def period_bounds(
    start: datetime.date, end: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    """The period from the start of `start` to the end of `end`, in the site's time zone, as
    [from, until)."""
    tz = timezone.get_current_timezone()
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    until = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tz)
    return since, until


def count_by(queryset: QuerySet, field_name: str) -> dict[str, int]:
    """Rows per value of a field."""
    return {
        row[field_name]: row["n"]
        for row in queryset.order_by().values(field_name).annotate(n=Count("pk"))
    }


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def count_per_week(
    queryset: QuerySet, start: datetime.date, end: datetime.date, field_name: str = "created_at"
) -> dict[datetime.date, int]:
    """Rows per week (Monday to Sunday, site time zone), every week of the period present."""
    counts: dict[datetime.date, int] = {}
    monday = week_start(start)
    while monday <= end:
        counts[monday] = 0
        monday += datetime.timedelta(days=7)
    tz = timezone.get_current_timezone()
    rows = (
        queryset.order_by()
        .annotate(week=TruncWeek(field_name, tzinfo=tz))
        .values("week")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        week = row["week"]
        if isinstance(week, datetime.datetime):
            week = timezone.localtime(week, tz).date() if timezone.is_aware(week) else week.date()
        counts[week] = counts.get(week, 0) + row["n"]
    return counts


def wait_seconds(conversations: QuerySet) -> list[int]:
    """Seconds from start to acceptance of every accepted conversation, sorted."""
    pairs = conversations.filter(accepted_at__isnull=False).values_list("created_at", "accepted_at")
    return sorted(max(0, int((accepted - created).total_seconds())) for created, accepted in pairs)


def percentile(sorted_values: Sequence[int], fraction: float) -> int | None:
    """Nearest-rank percentile: the smallest value with at least `fraction` of all values at
    or below it."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def place_counts(leads: QuerySet) -> dict[str, tuple[str, int]]:
    """Leads per place as typed (municipality or country), grouped without regard to case and
    spacing: normalised key -> (the most frequent spelling, count). Blank places are left
    out."""
    # Places are sealed (chat/crypto.py): the database cannot group them, so each lead's is
    # opened here (their keys read at once) and counted.
    placed = leads.exclude(location="")
    lead_keys.preload(placed)
    spellings: dict[str, Counter] = {}
    for location in placed.values_list("location", flat=True).iterator():
        spelling = " ".join((location or "").split())
        if not spelling:
            continue
        spellings.setdefault(spelling.casefold(), Counter())[spelling] += 1
    return {
        key: (variants.most_common(1)[0][0], sum(variants.values()))
        for key, variants in spellings.items()
    }


def format_seconds(seconds: int | None) -> str:
    if seconds is None:
        return "–"
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return gettext("%(hours)d h %(minutes)02d min") % {"hours": hours, "minutes": minutes}
    if minutes:
        return gettext("%(minutes)d min %(seconds)02d s") % {"minutes": minutes, "seconds": secs}
    return gettext("%(seconds)d s") % {"seconds": secs}


# --- The report -----------------------------------------------------------------------------


@dataclass(frozen=True)
class WaitingTimes:
    accepted: Figure
    p50: int | None
    p90: int | None
    longest: int | None
    shown: bool

    @property
    def rows(self) -> list[tuple[str, str, int | None]]:
        return [
            ("p50", gettext("Half waited at most (median)"), self.p50),
            ("p90", gettext("Nine in ten waited at most (90th percentile)"), self.p90),
            ("max", gettext("Longest wait"), self.longest),
        ]


@dataclass(frozen=True)
class Report:
    start: datetime.date
    end: datetime.date
    min_count: int
    conversations: Figure
    missed: Figure
    waiting: WaitingTimes
    leads: Figure
    withdrawals: Figure
    breakdowns: list[Breakdown]


def _choice_rows(
    counts: dict[str, int],
    choices: Iterable[tuple[str, str | Promise]],
    blank_label: str | None = None,
) -> list[tuple[str, str, int]]:
    """One row per choice (zeros included), then values no longer among the choices, then
    the blank value as `blank_label` (always if a label is given, otherwise if any). The rows
    add up to the whole queryset, which the suppression rule relies on."""
    choices = list(choices)
    rows = [(value, str(label), counts.get(value, 0)) for value, label in choices]
    known = {value for value, _label in choices} | {""}
    rows += [(value, value, n) for value, n in sorted(counts.items()) if value not in known]
    if blank_label is not None or counts.get("", 0):
        rows.append(("none", blank_label or gettext("Not recorded"), counts.get("", 0)))
    return rows


def conversation_breakdowns(
    conversations: QuerySet, start: datetime.date, end: datetime.date, k: int
) -> list[Breakdown]:
    total = conversations.count()
    weeks = count_per_week(conversations, start, end)
    week_rows = [
        (
            f"{monday.isocalendar().year}-W{monday.isocalendar().week:02d}",
            gettext("Week of %(date)s")
            % {"date": formats.date_format(monday, "SHORT_DATE_FORMAT")},
            n,
        )
        for monday, n in sorted(weeks.items())
    ]
    choices = list(Topic.choices)
    return [
        protect(
            "conversations_by_week",
            gettext("Conversations per week"),
            "conversations",
            week_rows,
            total,
            k=k,
            note=gettext(
                "Weeks run from Monday to Sunday; the first and the last week count only the "
                "days within the period."
            ),
        ),
        protect(
            "conversations_by_language",
            gettext("Conversations by language"),
            "conversations",
            _choice_rows(count_by(conversations, "language"), settings.LANGUAGES),
            total,
            k=k,
        ),
        protect(
            "conversations_by_topic",
            gettext("Conversations by topic"),
            "conversations",
            _choice_rows(count_by(conversations, "topic"), choices),
            total,
            k=k,
        ),
    ]


def lead_breakdowns(leads: QuerySet, k: int) -> list[Breakdown]:
    total = leads.count()
    places = place_counts(leads)
    named = sorted(
        ((key, spelling, n) for key, (spelling, n) in places.items() if n >= k),
        key=lambda row: (-row[2], row[1].casefold()),
    )
    others = sum(n for _spelling, n in places.values() if n < k)
    unknown = total - sum(n for _spelling, n in places.values())
    place_rows = [(f"place:{i}", spelling, n) for i, (_key, spelling, n) in enumerate(named, 1)]
    place_rows += [
        (
            "other",
            ngettext(
                "Other places (each given by fewer than %(count)d lead)",
                "Other places (each given by fewer than %(count)d leads)",
                k,
            )
            % {"count": k},
            others,
        ),
        ("none", gettext("Not recorded, or made anonymous"), unknown),
    ]
    return [
        protect(
            "leads_by_source",
            gettext("Leads by source"),
            "leads",
            # Third-party reports apart: someone worried about another person, not the person.
            _choice_rows(count_by(leads, "source"), Lead.Source.choices),
            total,
            k=k,
        ),
        protect(
            "leads_by_form",
            gettext("Leads by form of exploitation"),
            "leads",
            _choice_rows(
                count_by(leads, "form_of_exploitation"),
                ExploitationForm.choices,
                gettext("Not recorded"),
            ),
            total,
            k=k,
        ),
        protect(
            "leads_by_place",
            gettext("Leads by region (municipality or country)"),
            "leads",
            place_rows,
            total,
            k=k,
            note=gettext(
                "Places are grouped as typed, ignoring case. Anonymised leads no longer have "
                "a place."
            ),
        ),
        protect(
            "leads_by_status",
            gettext("Leads by status"),
            "leads",
            _choice_rows(count_by(leads, "status"), Lead.Status.choices),
            total,
            k=k,
        ),
        protect(
            "leads_by_referral",
            gettext("Leads by referral target"),
            "leads",
            _choice_rows(
                count_by(leads, "referred_to"),
                Lead.ReferralTarget.choices,
                gettext("Not referred"),
            ),
            total,
            k=k,
        ),
    ]


def build_report(
    start: datetime.date,
    end: datetime.date,
    *,
    k: int | None = None,
    conversations: QuerySet | None = None,
    leads: QuerySet | None = None,
    withdrawals: QuerySet | None = None,
) -> Report:
    """Everything the statistics page shows for the days `start` to `end` (inclusive, site
    time zone). Conversations and leads count by when they started; withdrawals by their
    day. Querysets may be narrowed by the caller (tests, a future per-organisation view)."""
    k = min_count() if k is None else k
    since, until = period_bounds(start, end)
    conversations = (Conversation.objects.all() if conversations is None else conversations).filter(
        created_at__gte=since, created_at__lt=until
    )
    leads = (Lead.objects.all() if leads is None else leads).filter(
        created_at__gte=since, created_at__lt=until
    )
    withdrawals = (Withdrawal.objects.all() if withdrawals is None else withdrawals).filter(
        date__gte=start, date__lte=end
    )
    total = conversations.count()
    missed = conversations.filter(outcome=Conversation.Outcome.VISITOR_LEFT).count()
    waits = wait_seconds(conversations)
    enough = len(waits) >= k
    waiting = WaitingTimes(
        accepted=paired_figure(len(waits), total, k),
        p50=percentile(waits, 0.5) if enough else None,
        p90=percentile(waits, 0.9) if enough else None,
        longest=waits[-1] if enough else None,
        shown=enough,
    )
    return Report(
        start=start,
        end=end,
        min_count=k,
        conversations=single_figure(total, k),
        missed=paired_figure(missed, total, k),
        waiting=waiting,
        leads=single_figure(leads.count(), k),
        withdrawals=single_figure(withdrawals.count(), k),
        breakdowns=conversation_breakdowns(conversations, start, end, k)
        + lead_breakdowns(leads, k),
    )


# --- CSV ------------------------------------------------------------------------------------

CSV_HEADER = ["section", "category", "label", "value"]


def _csv_safe(text: str) -> str:
    """Keep spreadsheet programs from reading a label as a formula."""
    return f"'{text}" if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


def csv_rows(report: Report) -> list[list[str]]:
    """The report as rows of (section, category, label, value); values as on the page."""
    rows = [
        CSV_HEADER,
        ["period", "start", gettext("From"), report.start.isoformat()],
        ["period", "end", gettext("To (inclusive)"), report.end.isoformat()],
        ["period", "min_count", gettext("Smallest count shown"), str(report.min_count)],
        ["totals", "conversations", gettext("Conversations"), report.conversations.display],
        [
            "totals",
            "missed",
            gettext("Missed: the visitor left before an answer"),
            report.missed.display,
        ],
        [
            "totals",
            "accepted",
            gettext("Accepted by an operator"),
            report.waiting.accepted.display,
        ],
        ["totals", "leads", gettext("Leads"), report.leads.display],
        ["totals", "withdrawals", gettext("Withdrawals of consent"), report.withdrawals.display],
    ]
    for key, label, seconds in report.waiting.rows:
        value = str(seconds) if report.waiting.shown and seconds is not None else ""
        rows.append(["waiting_seconds", key, label, value])
    for breakdown in report.breakdowns:
        if breakdown.withheld:
            rows.append([breakdown.key, "", gettext("Too few to break down"), ""])
            continue
        for cell in breakdown.cells:
            rows.append([breakdown.key, cell.key, _csv_safe(cell.label), cell.figure.display])
        rows.append([breakdown.key, "total", gettext("Total"), breakdown.total.display])
    return rows
