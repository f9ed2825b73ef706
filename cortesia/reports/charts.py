"""Charts drawn on the server as SVG: a line chart for series over intervals and a bar
chart (one or more series side by side) for groups or for created vs solved.

No script, no style attribute (the Content Security Policy forbids both): colours come
from the classes ``series-1`` … ``series-6`` that ``reports/reports.css`` paints, with
presentation attributes as the fallback. Every chart carries ``role="img"``, a
``<title>`` and a ``<desc>`` it is labelled by; the page shows a data table with the same
numbers beside it.

Right-to-left pages mirror the chart: time runs from right to left (the first interval
on the right), the value axis stands on the right, and its labels are anchored to the
side that faces the plot. Labels and numbers arrive already localized (the caller formats
them with Babel in the viewer's language). The value axis always spans round ticks
(1, 2, 2.5 or 5 × a power of ten) that include zero; a chart with no value at all is ``None``,
so the page shows an empty state instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

Number = Decimal | int | None
Formatter = Callable[[Decimal], str]

WIDTH = 640
HEIGHT = 260
MARGIN_AXIS = 56  # the side of the value axis (its labels)
MARGIN_FAR = 16
MARGIN_TOP = 16
MARGIN_BOTTOM = 40
MAX_X_LABELS = 8
MAX_SERIES = 6
MAX_DOTS = 62  # beyond two months of days a line has no dots (the table has the values)
STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
PALETTE = ("#2563eb", "#d97706", "#059669", "#9333ea", "#dc2626", "#0891b2")


@dataclass(frozen=True)
class Series:
    """One line, or one bar per category: a name and a value per category (None: none)."""

    label: str
    values: Sequence[Number]


@dataclass(frozen=True)
class Chart:
    """What every chart needs besides its numbers."""

    chart_id: str  # unique on the page; the title and desc ids derive from it
    title: str
    desc: str
    categories: Sequence[str]  # the x axis labels, localized, in time or group order
    keys: Sequence[str]  # a stable key per category (an ISO date, a group key)
    number: Formatter
    rtl: bool = False


def nice_ticks(low: Decimal, high: Decimal, count: int = 5) -> list[Decimal]:
    """Return round ticks covering ``low``–``high`` and zero: steps of 1, 2, 2.5 or 5
    times a power of ten, about ``count`` of them. An empty span gives 0 and 1."""
    low, high = min(low, Decimal(0)), max(high, Decimal(0))
    if low == high:
        return [Decimal(0), Decimal(1)]
    raw = (high - low) / Decimal(max(count - 1, 1))
    power = Decimal(10) ** raw.adjusted()
    step = next(m * power for m in STEPS if m * power >= raw)
    first = (low / step).to_integral_value(ROUND_FLOOR) * step
    last = (high / step).to_integral_value(ROUND_CEILING) * step
    ticks = []
    tick = first
    while tick <= last:
        whole = tick == tick.to_integral_value()
        ticks.append(tick.quantize(Decimal(1)) if whole else tick.normalize())
        tick += step
    return ticks


class _Frame:
    """The plot area and the mapping of categories and values to coordinates."""

    def __init__(self, chart: Chart, ticks: list[Decimal]) -> None:
        self.rtl = chart.rtl
        self.count = len(chart.categories)
        self.left = MARGIN_FAR if chart.rtl else MARGIN_AXIS
        self.right = WIDTH - (MARGIN_AXIS if chart.rtl else MARGIN_FAR)
        self.top = MARGIN_TOP
        self.bottom = HEIGHT - MARGIN_BOTTOM
        self.low, self.high = ticks[0], ticks[-1]

    @property
    def band(self) -> float:
        return (self.right - self.left) / max(self.count, 1)

    def x(self, index: int) -> float:
        """The centre of category ``index``: from the left, or from the right when RTL."""
        offset = self.band * (index + 0.5)
        return self.right - offset if self.rtl else self.left + offset

    def y(self, value: Decimal) -> float:
        share = (value - self.low) / (self.high - self.low)
        return self.bottom - float(share) * (self.bottom - self.top)


def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _values(series: Sequence[Series]) -> list[Decimal]:
    return [Decimal(v) for s in series for v in s.values if v is not None]


def _open(chart: Chart, kind: str) -> list[str]:
    title, desc = f"{chart.chart_id}-title", f"{chart.chart_id}-desc"
    direction = "rtl" if chart.rtl else "ltr"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'direction="{direction}" aria-labelledby="{title} {desc}" id="{escape(chart.chart_id)}">',
        f'<title id="{title}">{escape(chart.title)}</title>',
        f'<desc id="{desc}">{escape(chart.desc)}</desc>',
    ]


def _axes(chart: Chart, frame: _Frame, ticks: list[Decimal]) -> list[str]:
    """The grid lines with the value labels, and the category labels (thinned to at most
    MAX_X_LABELS, always keeping the first)."""
    parts = ['<g class="chart-axis chart-axis-y">']
    axis_x = frame.right + 8 if frame.rtl else frame.left - 8
    for tick in ticks:
        y = _f(frame.y(tick))
        parts.append(
            f'<line class="chart-grid" x1="{frame.left}" x2="{frame.right}" y1="{y}" y2="{y}" '
            'stroke="#d4d4d8" stroke-width="1"/>'
        )
        # With direction="rtl", "end" is the left end of the text: the side facing the plot.
        parts.append(
            f'<text x="{axis_x}" y="{y}" text-anchor="end" dominant-baseline="middle" '
            f'font-size="12" fill="#52525b">{escape(chart.number(tick))}</text>'
        )
    parts.append("</g>")
    parts.append('<g class="chart-axis chart-axis-x">')
    step = -(-frame.count // MAX_X_LABELS)
    label_y = frame.bottom + 20
    for index, (label, key) in enumerate(zip(chart.categories, chart.keys, strict=True)):
        if index % step:
            continue
        parts.append(
            f'<text x="{_f(frame.x(index))}" y="{label_y}" text-anchor="middle" '
            f'font-size="12" fill="#52525b" data-key="{escape(key)}">{escape(label)}</text>'
        )
    parts.append("</g>")
    return parts


def _point_title(chart: Chart, index: int, series: Series, value: Decimal) -> str:
    name = f"{series.label}: " if series.label else ""
    text = f"{chart.categories[index]} · {name}{chart.number(value)}"
    return f"<title>{escape(text)}</title>"


def _start(
    chart: Chart, series: Sequence[Series], kind: str
) -> tuple[list[Series], _Frame, list[str]] | None:
    """The first MAX_SERIES series, the frame their values need and the opening of the
    drawing with its axes; None when there is nothing to draw."""
    kept = list(series)[:MAX_SERIES]
    values = _values(kept)
    if not chart.categories or not values:
        return None
    ticks = nice_ticks(min(values), max(values))
    frame = _Frame(chart, ticks)
    return kept, frame, _open(chart, kind) + _axes(chart, frame, ticks)


def line_chart(chart: Chart, series: Sequence[Series]) -> SafeString | None:
    """Return a line chart of up to MAX_SERIES ``series`` over ``chart.categories`` (the
    intervals in time order), or None when there is no value at all. A missing value
    breaks the line."""
    started = _start(chart, series, "line")
    if started is None:
        return None
    series, frame, parts = started
    for number, line in enumerate(series, start=1):
        colour = PALETTE[number - 1]
        path, dots, pen_down = [], [], False
        for index, raw in enumerate(line.values):
            if raw is None:
                pen_down = False
                continue
            value = Decimal(raw)
            x, y = _f(frame.x(index)), _f(frame.y(value))
            path.append(f"{'L' if pen_down else 'M'}{x} {y}")
            pen_down = True
            if frame.count <= MAX_DOTS:
                dots.append(
                    f'<circle cx="{x}" cy="{y}" r="3" fill="{colour}" '
                    f'data-key="{escape(chart.keys[index])}">'
                    f"{_point_title(chart, index, line, value)}</circle>"
                )
        parts.append(f'<g class="series-{number}">')
        parts.append(f'<path d="{" ".join(path)}" fill="none" stroke="{colour}" stroke-width="2"/>')
        parts.extend(dots)
        parts.append("</g>")
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (every text above is escaped)


def bar_chart(chart: Chart, series: Sequence[Series]) -> SafeString | None:
    """Return a bar chart: per category one bar per series, side by side (in the reading
    order of the page), or None when there is no value at all. Negative values hang
    below the zero line."""
    started = _start(chart, series, "bar")
    if started is None:
        return None
    series, frame, parts = started
    zero = frame.y(Decimal(0))
    width = frame.band * 0.8 / len(series)
    for number, bars in enumerate(series, start=1):
        colour = PALETTE[number - 1]
        parts.append(f'<g class="series-{number}">')
        for index, raw in enumerate(bars.values):
            if raw is None:
                continue
            value = Decimal(raw)
            # The n-th bar of a category sits n widths from the category's reading start.
            offset = -frame.band * 0.4 + width * (number - 1)
            start = frame.x(index) - offset - width if frame.rtl else frame.x(index) + offset
            y = frame.y(value)
            top, height = min(y, zero), abs(zero - y)
            parts.append(
                f'<rect x="{_f(start)}" y="{_f(top)}" width="{_f(width)}" '
                f'height="{_f(height)}" fill="{colour}" data-key="{escape(chart.keys[index])}">'
                f"{_point_title(chart, index, bars, value)}</rect>"
            )
        parts.append("</g>")
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (every text above is escaped)


def day_key(day: date | None) -> str:
    return day.isoformat() if day else ""
