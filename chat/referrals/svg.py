"""Bar charts as inline SVG, drawn on the server: no script, no style attribute (presentation
attributes only, which the CSP does not govern), text in `currentColor` so that the chart
follows the admin's light or dark theme. Each chart has a <title> and a <desc> that reads
out every bar; the page shows the same figures as a table next to it."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from .stats import Breakdown

WIDTH = 720
LABEL_WIDTH = 300
VALUE_WIDTH = 70
ROW_HEIGHT = 26
BAR_HEIGHT = 16
PADDING = 6
MAX_LABEL_CHARS = 42
BAR_FILL = "#2f6f9f"  # 5.6:1 against white, 3.4:1 against the dark theme's background


def _truncate(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def chart_id(breakdown: Breakdown) -> str:
    return f"chart-{breakdown.key.replace('_', '-')}"


def bar_chart(breakdown: Breakdown) -> SafeString:
    """A horizontal bar chart of a breakdown. Hidden cells get no bar, only their marker
    ("<5" or "hidden"); a withheld breakdown gets no chart (an empty string)."""
    if breakdown.withheld or not breakdown.cells:
        return mark_safe("")  # noqa: S308 - a constant
    ident = chart_id(breakdown)
    largest = max(breakdown.largest, 1)
    bar_area = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 2 * PADDING
    height = len(breakdown.cells) * ROW_HEIGHT + 2 * PADDING
    description = "; ".join(f"{cell.label}: {cell.figure.display}" for cell in breakdown.cells)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="referral-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{ident}-title {ident}-desc" font-family="inherit" font-size="13">',
        f'<title id="{ident}-title">{escape(breakdown.title)}</title>',
        f'<desc id="{ident}-desc">{escape(gettext("Bar chart.") + " " + description)}</desc>',
    ]
    for index, cell in enumerate(breakdown.cells):
        top = PADDING + index * ROW_HEIGHT
        middle = top + ROW_HEIGHT / 2
        label = escape(cell.label)
        short = escape(_truncate(cell.label))
        label_text = (
            f'<text x="{LABEL_WIDTH - PADDING}" y="{middle:.1f}" text-anchor="end" '
            f'dominant-baseline="middle" fill="currentColor">'
        )
        if short != label:
            label_text += f"<title>{label}</title>"
        parts.append(f"{label_text}{short}</text>")
        value_x = LABEL_WIDTH + PADDING
        if cell.figure.value:
            bar = max(1, round(bar_area * cell.figure.value / largest))
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{middle - BAR_HEIGHT / 2:.1f}" width="{bar}" '
                f'height="{BAR_HEIGHT}" fill="{BAR_FILL}"/>'
            )
            value_x = LABEL_WIDTH + bar + PADDING
        parts.append(
            f'<text x="{value_x}" y="{middle:.1f}" dominant-baseline="middle" '
            f'fill="currentColor">{escape(cell.figure.display)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text in it is escaped above
