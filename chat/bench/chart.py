"""The growth chart of docs/performance.md: throughput and p99 latency against the number of
conversations, Lantern and bare Channels, as a standalone SVG written by hand (no library),
with a <title> and a <desc> that reads out every point."""

from __future__ import annotations

from xml.sax.saxutils import escape

PANEL_WIDTH = 360
PANEL_HEIGHT = 220
MARGIN = {"left": 56, "right": 16, "top": 40, "bottom": 44}
SERIES = {"lantern": ("Lantern", "#2f6f9f", ""), "bare": ("bare Channels", "#b35900", "6 4")}


def _nice_max(value: float) -> float:
    """A round upper bound for an axis."""
    if value <= 0:
        return 1.0
    step = 10 ** (len(str(int(value))) - 1)
    for factor in (1, 2, 2.5, 5, 10):
        if value <= factor * step:
            return factor * step
    return 10 * step


def _panel(x0, title, xs, series, unit, limit=None) -> list[str]:
    """One line chart: `series` maps a target to its y values (one per x)."""
    width = PANEL_WIDTH - MARGIN["left"] - MARGIN["right"]
    height = PANEL_HEIGHT - MARGIN["top"] - MARGIN["bottom"]
    top = _nice_max(max([*(v for ys in series.values() for v in ys), limit or 0]))
    left, base = x0 + MARGIN["left"], MARGIN["top"] + height

    def px(index):
        return left + (width * index / max(1, len(xs) - 1))

    def py(value):
        return base - height * value / top

    parts = [
        f'<text x="{x0 + PANEL_WIDTH / 2}" y="22" text-anchor="middle" font-weight="bold">'
        f"{escape(title)}</text>",
        f'<line x1="{left}" y1="{base}" x2="{left + width}" y2="{base}" stroke="#666"/>',
        f'<line x1="{left}" y1="{MARGIN["top"]}" x2="{left}" y2="{base}" stroke="#666"/>',
    ]
    for tick in range(5):
        value = top * tick / 4
        y = py(value)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + width}" y2="{y:.1f}" stroke="#ddd"/>'
        )
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{value:g}</text>')
    for index, x in enumerate(xs):
        parts.append(f'<text x="{px(index):.1f}" y="{base + 18}" text-anchor="middle">{x}</text>')
    parts.append(
        f'<text x="{left + width / 2}" y="{base + 36}" text-anchor="middle">'
        f"conversations ({escape(unit)})</text>"
    )
    if limit is not None:
        y = py(limit)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + width}" y2="{y:.1f}" '
            f'stroke="#c00" stroke-dasharray="2 3"/>'
            f'<text x="{left + width}" y="{y - 4:.1f}" text-anchor="end" fill="#c00">'
            f"budget {limit:g}</text>"
        )
    for name, ys in series.items():
        _label, colour, dash = SERIES[name]
        points = " ".join(f"{px(i):.1f},{py(v):.1f}" for i, v in enumerate(ys))
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"{dashes}/>'
        )
        for i, v in enumerate(ys):
            parts.append(f'<circle cx="{px(i):.1f}" cy="{py(v):.1f}" r="3" fill="{colour}"/>')
    return parts


def growth_chart(growth: list[dict], date: str, p99_budget_ms: float = 100) -> str:
    """The SVG of a growth series (the `growth` list of chat_loadtest's JSON)."""
    xs = [item["load"]["conversations"] for item in growth]
    targets = [name for name in SERIES if all(name in item["runs"] for item in growth)]
    throughput = {n: [item["runs"][n]["throughput_per_s"] for item in growth] for n in targets}
    p99 = {n: [item["runs"][n]["latency_ms"]["p99"] for item in growth] for n in targets}
    rate = growth[0]["load"]["rate"]
    width, height = 2 * PANEL_WIDTH, PANEL_HEIGHT + 30
    description = "; ".join(
        f"{SERIES[n][0]} at {x} conversations: {throughput[n][i]} messages/s, p99 {p99[n][i]} ms"
        for n in targets
        for i, x in enumerate(xs)
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-family="sans-serif" font-size="12" '
        f'aria-labelledby="title desc">',
        f'<title id="title">Chat growth, {rate:g} message/s per side ({escape(date)})</title>',
        f'<desc id="desc">{escape(description)}</desc>',
        f'<rect width="{width}" height="{height}" fill="#fff"/>',
    ]
    parts += _panel(0, "Throughput (messages/s)", xs, throughput, f"{rate:g} msg/s per side")
    parts += _panel(PANEL_WIDTH, "p99 latency (ms)", xs, p99, "end to end", p99_budget_ms)
    legend_y = height - 10
    for index, name in enumerate(targets):
        label, colour, dash = SERIES[name]
        x = 20 + index * 180
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{x}" y1="{legend_y - 4}" x2="{x + 24}" y2="{legend_y - 4}" '
            f'stroke="{colour}" stroke-width="2"{dashes}/>'
            f'<text x="{x + 30}" y="{legend_y}">{escape(label)}</text>'
        )
    parts.append(f'<text x="{width - 10}" y="{legend_y}" text-anchor="end">{escape(date)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
