"""The catalogue's chart: the distribution by maturity level over time as stacked bars,
drawn like the shared charts of `lotse.documents.svg` (accessible image with title and
description; the page shows a table with the same numbers right below it)."""

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from lotse.documents.svg import MUTED
from lotse.documents.svg import WIDTH
from lotse.documents.svg import Frame
from lotse.documents.svg import _shorten

from .selectors import Period
from .selectors import level_labels

# Level 0 to 4 from light to dark: the darker, the more digital. Contrast against white is
# only needed for the outlines; values are written beside the bars and in the table.
COLOURS = ["#d9dee6", "#a9c4e0", "#6f9fcf", "#2f6fae", "#0b3d6b"]


def stacked_levels(
    *,
    chart_id: str,
    title: str,
    desc: str,
    periods: Sequence[Period],
    labels: Sequence[tuple[int, str]],
) -> SafeString:
    """One vertical bar per period, stacked by maturity level, total above each bar."""
    frame = Frame(left=48, right=12, top_pad=24, bottom=78, height=300, slots=len(periods))
    top = max([1, *[p.total for p in periods]])
    bar = min(48.0, frame.slot * 0.6)
    parts = frame.open(
        chart_id=chart_id, title=title, desc=desc, top=top, label=lambda v: str(round(v))
    )
    for i, period in enumerate(periods):
        x = frame.left + frame.slot * i + (frame.slot - bar) / 2
        y: float = frame.base
        for (level, label), colour in zip(labels, COLOURS, strict=False):
            count = period.counts.get(level, 0)
            if not count:
                continue
            h = frame.plot_h * count / top
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{colour}" stroke="#ffffff" stroke-width="0.5">'
                f"<title>{escape(period.label)}: {escape(label)}: {count}</title></rect>"
            )
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" '
            f'font-size="11">{period.total}</text>'
        )
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{frame.base + 16}" text-anchor="middle" '
            f'font-size="11">{escape(_shorten(period.label, 9))}</text>'
        )
    left, height = frame.left, frame.height
    legend_y = height - 36
    step_x = (WIDTH - left) / max(len(labels), 1)
    for i, ((_level, label), colour) in enumerate(zip(labels, COLOURS, strict=False)):
        x = left + step_x * i
        parts.append(
            f'<rect x="{x:.1f}" y="{legend_y}" width="12" height="12" fill="{colour}" '
            f'stroke="{MUTED}" stroke-width="0.5"/>'
        )
        parts.append(
            f'<text x="{x + 16:.1f}" y="{legend_y + 10}" font-size="10">'
            f"{escape(_shorten(label, 18))}</text>"
        )
    caption = escape(_("Anzahl der Leistungen je Reifegrad am Ende des Quartals"))
    parts.append(
        f'<text x="{left}" y="{height - 8}" font-size="10" fill="{MUTED}">{caption}</text>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def level_chart(periods: Sequence[Period], chart_id: str = "chart-ozg-levels") -> SafeString:
    return stacked_levels(
        chart_id=chart_id,
        title=_("OZG-Leistungen nach Reifegrad im Zeitverlauf"),
        desc=_(
            "Gestapelte Säulen: je Quartal die Zahl der Leistungen je Reifegrad; die Tabelle "
            "unter dem Diagramm nennt dieselben Zahlen."
        ),
        periods=periods,
        labels=level_labels(),
    )
