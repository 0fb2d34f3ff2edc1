"""The finance charts, drawn with the shared SVG helpers of `lotse.documents.svg` (same
markup on the page and in the PDF; every chart has a table next to it)."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from lotse.documents.svg import BAR
from lotse.documents.svg import GRID
from lotse.documents.svg import MUTED
from lotse.documents.svg import WIDTH
from lotse.documents.svg import Frame
from lotse.documents.svg import _open
from lotse.documents.svg import _shorten

from .money import committee

PLAN = "#8a96a8"
RED = "#b3261e"


def burn_chart(
    *, chart_id: str, title: str, desc: str, series: Sequence[tuple[str, Decimal, Decimal | None]]
) -> SafeString:
    """Cumulative plan (dashed) against cumulative actual (solid) over the year's months."""
    frame = Frame(left=72, right=12, top_pad=22, bottom=52, height=260, slots=len(series))
    top = max([Decimal(1), *[p for _m, p, _a in series], *[a or 0 for _m, _p, a in series]])
    parts = frame.open(
        chart_id=chart_id, title=title, desc=desc, top=top, label=lambda v: committee(Decimal(v))
    )

    def point(x: float, value: Decimal) -> str:
        return f"{x:.1f},{frame.base - float(value / top) * frame.plot_h:.1f}"

    plan_points, actual_points = [], []
    for i, (label, plan, actual) in enumerate(series):
        cx = frame.centre(i)
        parts.append(
            f'<text x="{cx:.1f}" y="{frame.base + 16}" text-anchor="middle" '
            f'font-size="11">{escape(_shorten(label, 6))}</text>'
        )
        plan_points.append(point(cx, plan))
        if actual is not None:
            actual_points.append(point(cx, actual))
    parts.append(
        f'<polyline points="{" ".join(plan_points)}" fill="none" stroke="{PLAN}" '
        f'stroke-width="2" stroke-dasharray="6 4"/>'
    )
    if actual_points:
        parts.append(
            f'<polyline points="{" ".join(actual_points)}" fill="none" stroke="{BAR}" '
            f'stroke-width="3"/>'
        )
    left, legend_y = frame.left, frame.height - 12
    plan_label, actual_label = escape(_("Plan (anteilig)")), escape(_("Ist (kumuliert)"))
    parts.append(
        f'<line x1="{left}" y1="{legend_y - 4}" x2="{left + 28}" y2="{legend_y - 4}" '
        f'stroke="{PLAN}" stroke-width="2" stroke-dasharray="6 4"/>'
        f'<text x="{left + 34}" y="{legend_y}">{plan_label}</text>'
        f'<line x1="{left + 180}" y1="{legend_y - 4}" x2="{left + 208}" y2="{legend_y - 4}" '
        f'stroke="{BAR}" stroke-width="3"/>'
        f'<text x="{left + 214}" y="{legend_y}">{actual_label}</text>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def deadline_timeline(
    *, chart_id: str, title: str, desc: str, items: Sequence[tuple[date, str, str]], today: date
) -> SafeString:
    """Deadlines on a time axis: (day, label, state) with state open / met / missed / overdue;
    a marker for today. The state is written next to each label, not shown by colour alone."""
    if not items:
        return mark_safe("")
    left, right, row = 16, 16, 22
    days = [d for d, _l, _s in items] + [today]
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    axis_y = 30
    height = axis_y + 16 + row * len(items) + 8
    plot_w = WIDTH - left - right

    def x_of(day: date) -> float:
        return left + plot_w * (day - first).days / span

    parts = _open(chart_id, title, desc, height)
    parts.append(
        f'<line x1="{left}" y1="{axis_y}" x2="{WIDTH - right}" y2="{axis_y}" '
        f'stroke="{GRID}" stroke-width="2"/>'
    )
    tx = x_of(today)
    parts.append(
        f'<line x1="{tx:.1f}" y1="{axis_y - 14}" x2="{tx:.1f}" y2="{height - 4}" '
        f'stroke="{MUTED}" stroke-dasharray="3 3"/>'
        f'<text x="{tx:.1f}" y="{axis_y - 18}" text-anchor="middle" fill="{MUTED}" '
        f'font-size="11">{escape(_("heute"))}</text>'
    )
    labels = {
        "open": _("offen"),
        "met": _("eingehalten"),
        "missed": _("verpasst"),
        "overdue": _("überfällig"),
    }
    for i, (day, label, state) in enumerate(items):
        x = x_of(day)
        y = axis_y + 16 + row * i
        colour = RED if state in ("overdue", "missed") else (MUTED if state == "met" else BAR)
        parts.append(f'<circle cx="{x:.1f}" cy="{axis_y}" r="5" fill="{colour}"/>')
        parts.append(
            f'<line x1="{x:.1f}" y1="{axis_y}" x2="{x:.1f}" y2="{y - 4}" stroke="{GRID}"/>'
        )
        text = f"{day:%d.%m.%Y} {_shorten(label, 60)} ({labels.get(state, state)})"
        anchor = "end" if x > WIDTH / 2 else "start"
        parts.append(
            f'<text x="{x + (-6 if anchor == "end" else 6):.1f}" y="{y + 8}" '
            f'text-anchor="{anchor}" font-size="11" fill="{colour}">{escape(text)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
