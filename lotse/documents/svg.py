"""Server-rendered SVG charts: the same markup on the page and in the PDF.

Every chart is an accessible image (role="img" with <title> and <desc>); the page puts a
table with the same numbers right below it. Only presentation attributes are used (no
style attributes), so the charts pass the CSP and render in Typst (PDF) alike.
"""

from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.safestring import mark_safe

WIDTH = 640
INK = "#1d2430"
MUTED = "#4a5566"
GRID = "#c9d1dc"
BAR = "#0b5394"
FONT = 'font-family="DejaVu Sans, Liberation Sans, sans-serif"'

Item = tuple[str, float | None]


def _num(value: float, decimals: int) -> str:
    return number_format(round(value, decimals), decimal_pos=decimals)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _open(chart_id: str, title: str, desc: str, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{escape(chart_id)}" '
        f'role="img" aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" {FONT} '
        f'font-size="12" fill="{INK}">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>',
    ]


@dataclass(frozen=True)
class Frame:
    """The plot of a chart with a value axis: margins around it inside WIDTH × `height`, and
    `slots` equal columns across it (one per period or month)."""

    left: int
    right: int
    top_pad: int
    bottom: int
    height: int
    slots: int

    def centre(self, i: int) -> float:
        """The x of the middle of slot `i`."""
        return self.left + self.slot * i + self.slot / 2

    @property
    def plot_h(self) -> int:
        return self.height - self.top_pad - self.bottom

    @property
    def base(self) -> int:
        """The y of the value 0: the plot's bottom line."""
        return self.top_pad + self.plot_h

    @property
    def slot(self) -> float:
        return (WIDTH - self.left - self.right) / max(self.slots, 1)

    def open(
        self, *, chart_id: str, title: str, desc: str, top: Any, label: Callable[[Any], str]
    ) -> list[str]:
        """The chart's opening and its value axis: five horizontal grid lines from 0 to `top`
        (a quarter apart), each with its value (`label(value)`, escaped here) left of the
        plot."""
        parts = _open(chart_id, title, desc, self.height)
        for step in range(5):
            value = top * step / 4
            y = self.top_pad + self.plot_h - self.plot_h * step / 4
            parts.append(
                f'<line x1="{self.left}" y1="{y:.1f}" x2="{WIDTH - self.right}" y2="{y:.1f}" '
                f'stroke="{GRID}" stroke-width="1"/>'
            )
            parts.append(
                f'<text x="{self.left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}" '
                f'font-size="11">{escape(label(value))}</text>'
            )
        return parts


def bar_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    items: Sequence[Item],
    unit: str = "",
    max_value: float | None = None,
    decimals: int = 0,
) -> SafeString:
    """Horizontal bars, one row per item: label left, bar, value with unit at its end."""
    label_width, value_width, row, bar = 250, 80, 26, 16
    plot = WIDTH - label_width - value_width
    height = 8 + row * max(len(items), 1) + 8
    top = max([max_value or 0, *[v or 0 for _label, v in items]]) or 1
    parts = _open(chart_id, title, desc, height)
    parts.append(
        f'<line x1="{label_width}" y1="4" x2="{label_width}" y2="{height - 4}" '
        f'stroke="{GRID}" stroke-width="1"/>'
    )
    for i, (label, value) in enumerate(items):
        y = 8 + i * row
        parts.append(
            f'<text x="{label_width - 8}" y="{y + bar - 3}" text-anchor="end">'
            f"{escape(_shorten(label, 32))}</text>"
        )
        if value is None:
            parts.append(f'<text x="{label_width + 6}" y="{y + bar - 3}" fill="{MUTED}">–</text>')
            continue
        length = max(value, 0) / top * plot
        parts.append(
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar}" fill="{BAR}"/>'
        )
        text = f"{_num(value, decimals)}{unit}"
        parts.append(
            f'<text x="{label_width + length + 6:.1f}" y="{y + bar - 3}">{escape(text)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def period_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    items: Sequence[Item],
    unit: str = "",
    max_value: float | None = None,
    decimals: int = 0,
    kind: str = "column",
) -> SafeString:
    """Values over periods, as columns or a line; a period without a value is left empty."""
    frame = Frame(left=48, right=12, top_pad=22, bottom=36, height=240, slots=len(items))
    top = max([max_value or 0, *[v or 0 for _label, v in items]]) or 1
    parts = frame.open(
        chart_id=chart_id, title=title, desc=desc, top=top, label=lambda t: _num(t, 0) + unit
    )
    points, body = [], []
    for i, (label, value) in enumerate(items):
        cx = frame.centre(i)
        body.append(
            f'<text x="{cx:.1f}" y="{frame.base + 16}" text-anchor="middle" '
            f'font-size="11">{escape(_shorten(label, 10))}</text>'
        )
        if value is None:
            body.append(
                f'<text x="{cx:.1f}" y="{frame.base - 4}" text-anchor="middle" '
                f'fill="{MUTED}">–</text>'
            )
            continue
        y = frame.base - max(value, 0) / top * frame.plot_h
        if kind == "column":
            width = frame.slot * 0.6
            body.append(
                f'<rect x="{cx - width / 2:.1f}" y="{y:.1f}" width="{width:.1f}" '
                f'height="{frame.base - y:.1f}" fill="{BAR}"/>'
            )
        else:
            points.append(f"{cx:.1f},{y:.1f}")
            body.append(f'<circle cx="{cx:.1f}" cy="{y:.1f}" r="4" fill="{BAR}"/>')
        body.append(
            f'<text x="{cx:.1f}" y="{y - 6:.1f}" text-anchor="middle" font-size="11">'
            f"{escape(_num(value, decimals) + unit)}</text>"
        )
    if points:  # the line first, so points and values are drawn over it
        parts.append(
            f'<polyline points="{" ".join(points)}" fill="none" stroke="{BAR}" stroke-width="2"/>'
        )
    parts.extend(body)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


# Colours for categories (fields of action), distinguishable and dark enough for white text;
# the legend and the table carry the names, so colour is never the only cue.
PALETTE = ["#0b5394", "#b45f06", "#38761d", "#741b47", "#134f5c", "#7f6000", "#3d3d8f", "#a61c00"]


def bubble_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    points: Sequence[tuple[str, float, float, float | None, int]],
    categories: Sequence[str],
    x_label: str,
    y_label: str,
    quadrant_labels: tuple[str, str, str, str],
    midpoint: float = 50.0,
    first_number: int = 1,
) -> SafeString:
    """A 0…100 × 0…100 bubble chart. `points` are (label, x, y, size, category index); size
    None draws the smallest bubble. `quadrant_labels` are top-left, top-right, bottom-left,
    bottom-right. Each bubble is numbered from `first_number` (a page of a longer list keeps
    its numbers); the table below the chart uses the same numbers."""
    left, right, top, bottom = 56, 170, 16, 48
    plot_w, plot_h = WIDTH - left - right, 360
    height = top + plot_h + bottom
    sizes = [p[3] for p in points if p[3] is not None and p[3] > 0]
    biggest = max(sizes) if sizes else 1

    def px(x: float) -> float:
        return left + max(0.0, min(100.0, x)) / 100 * plot_w

    def py(y: float) -> float:
        return top + plot_h - max(0.0, min(100.0, y)) / 100 * plot_h

    parts = _open(chart_id, title, desc, height)
    parts.append(
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" '
        f'stroke="{GRID}"/>'
    )
    parts.append(
        f'<line x1="{px(midpoint):.1f}" y1="{top}" x2="{px(midpoint):.1f}" '
        f'y2="{top + plot_h}" stroke="{GRID}" stroke-dasharray="4 3"/>'
    )
    parts.append(
        f'<line x1="{left}" y1="{py(midpoint):.1f}" x2="{left + plot_w}" '
        f'y2="{py(midpoint):.1f}" stroke="{GRID}" stroke-dasharray="4 3"/>'
    )
    corners = [
        (left + 6, top + 14, "start"),
        (left + plot_w - 6, top + 14, "end"),
        (left + 6, top + plot_h - 6, "start"),
        (left + plot_w - 6, top + plot_h - 6, "end"),
    ]
    for (corner_x, corner_y, anchor), label in zip(corners, quadrant_labels, strict=True):
        parts.append(
            f'<text x="{corner_x}" y="{corner_y}" text-anchor="{anchor}" fill="{MUTED}" '
            f'font-style="italic">{escape(label)}</text>'
        )
    parts.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 12}" text-anchor="middle">'
        f"{escape(x_label)}</text>"
    )
    parts.append(
        f'<text x="14" y="{top + plot_h / 2:.1f}" text-anchor="middle" '
        f'transform="rotate(-90 14 {top + plot_h / 2:.1f})">{escape(y_label)}</text>'
    )
    for value in (0, 50, 100):
        parts.append(
            f'<text x="{px(value):.1f}" y="{top + plot_h + 16}" text-anchor="middle" '
            f'fill="{MUTED}">{value}</text>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{py(value) + 4:.1f}" text-anchor="end" '
            f'fill="{MUTED}">{value}</text>'
        )
    for number, (label, x, y, size, category) in enumerate(points, start=first_number):
        radius = 6 + (18 * ((size or 0) / biggest) ** 0.5 if size else 0)
        colour = PALETTE[category % len(PALETTE)]
        parts.append(
            f"<g><title>{number}: {escape(label)}</title>"
            f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="{radius:.1f}" fill="{colour}" '
            f'fill-opacity="0.75" stroke="#ffffff" stroke-width="1"/>'
            f'<text x="{px(x):.1f}" y="{py(y) + 4:.1f}" text-anchor="middle" fill="#ffffff" '
            f'font-size="11" font-weight="bold">{number}</text></g>'
        )
    legend_x = left + plot_w + 16
    for index, name in enumerate(categories):
        y = top + 8 + index * 20
        parts.append(
            f'<rect x="{legend_x}" y="{y}" width="12" height="12" '
            f'fill="{PALETTE[index % len(PALETTE)]}"/>'
            f'<text x="{legend_x + 18}" y="{y + 10}">{escape(_shorten(name, 22))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
