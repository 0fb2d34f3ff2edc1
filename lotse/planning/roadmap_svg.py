"""The roadmap and the dependency map as server-rendered SVG (the same markup on the page and
in the A3 PDF). Each is an image with a title and a description; the page puts a table with
the same content beside it, so nothing is said by colour or position alone.
"""

from __future__ import annotations

from datetime import date
from datetime import timedelta

from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lotse.documents.svg import FONT
from lotse.documents.svg import GRID
from lotse.documents.svg import INK
from lotse.documents.svg import MUTED
from lotse.documents.svg import PALETTE

from .roadmap import Arrow
from .roadmap import DependencyMap
from .roadmap import FieldBlock
from .roadmap import Roadmap
from .roadmap import Row

LABEL_W = 270
HEAD_H = 44
LABEL_PX = 7  # the width of a character of a knock-on's label (11 px, bold), at most
FIELD_H = 26
ROW_H = 30
TODAY = "#a61c00"
LATE = "#f4cccc"
KNOCK = "#a61c00"
DONE = "#38761d"
ONE_DAY = timedelta(days=1)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class Axis:
    def __init__(self, roadmap: Roadmap, width: int) -> None:
        self.window = roadmap.window
        self.left, self.right = LABEL_W, width - 16

    def x(self, day: date) -> float:
        span = max(self.window.days, 1)
        offset = (min(max(day, self.window.start), self.window.end) - self.window.start).days
        return self.left + (self.right - self.left) * offset / span


def _defs() -> str:
    return (
        "<defs>"
        '<marker id="rm-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{MUTED}"/></marker>'
        '<marker id="rm-arrow-knock" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{KNOCK}"/></marker>'
        "</defs>"
    )


def _header(axis: Axis, height: int) -> list[str]:
    parts = []
    for tick in axis.window.ticks:
        x = axis.x(tick.day)
        parts.append(
            f'<line x1="{x:.1f}" y1="{HEAD_H - 14}" x2="{x:.1f}" y2="{height - 4}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{x + 4:.1f}" y="{HEAD_H - 18}" fill="{MUTED}" font-size="11">'
            f"{escape(tick.label)}</text>"
        )
    return parts


def _diamond(x: float, y: float, filled: bool, colour: str) -> str:
    fill = colour if filled else "#ffffff"
    return (
        f'<path d="M{x:.1f},{y - 6:.1f} L{x + 6:.1f},{y:.1f} L{x:.1f},{y + 6:.1f} '
        f'L{x - 6:.1f},{y:.1f} z" fill="{fill}" stroke="{colour}" stroke-width="1.5"/>'
    )


def _row(axis: Axis, row: Row, y: int, colour: str) -> list[str]:
    window = axis.window
    css = "roadmap-row knock-on" if row.has_knock_on else "roadmap-row"
    waits = "; ".join(k.downstream_text for k in row.waits_for)
    title = row.project.title + (f" – {waits}" if waits else "")
    parts = [f'<g class="{css}" data-project="{row.project.pk}"><title>{escape(title)}</title>']
    label_colour = KNOCK if row.waits_for else INK
    marker = "⚠ " if row.waits_for else ""
    parts.append(
        f'<text x="8" y="{y + 19}" fill="{label_colour}">'
        f"{escape(marker + _short(row.project.title, 38))}</text>"
    )
    for bar in row.bars:
        if not window.overlaps(bar.start, bar.end):
            continue
        x1, x2 = axis.x(bar.start), axis.x(bar.end + ONE_DAY)
        parts.append(
            f'<rect x="{x1:.1f}" y="{y + 8}" width="{max(x2 - x1, 2):.1f}" height="14" '
            f'fill="{colour}" stroke="#ffffff" stroke-width="1"><title>{escape(bar.label)}'
            "</title></rect>"
        )
        if (
            bar.planned_end
            and bar.end > bar.planned_end
            and window.overlaps(bar.planned_end, bar.end)
        ):
            lx = axis.x(bar.planned_end + ONE_DAY)
            parts.append(
                f'<rect x="{lx:.1f}" y="{y + 8}" width="{max(x2 - lx, 2):.1f}" height="14" '
                f'fill="{LATE}" stroke="{KNOCK}" stroke-width="1" stroke-dasharray="3 2"/>'
            )
    for mark in row.milestones:
        if mark.moved and window.overlaps(
            min(mark.planned, mark.expected), max(mark.planned, mark.expected)
        ):
            parts.append(
                f'<line x1="{axis.x(mark.planned):.1f}" y1="{y + 15}" '
                f'x2="{axis.x(mark.expected):.1f}" y2="{y + 15}" stroke="{KNOCK}" '
                'stroke-width="1.5" stroke-dasharray="2 2"/>'
            )
        if window.contains(mark.planned):
            parts.append(_diamond(axis.x(mark.planned), y + 15, False, INK))
        if mark.moved and window.contains(mark.expected):
            done = mark.actual is not None
            parts.append(_diamond(axis.x(mark.expected), y + 15, True, DONE if done else KNOCK))
        elif not mark.moved and mark.actual is not None and window.contains(mark.actual):
            parts.append(_diamond(axis.x(mark.actual), y + 15, True, DONE))
    parts.append("</g>")
    return parts


def _collapsed_block(axis: Axis, block: FieldBlock, y: int, colour: str) -> list[str]:
    text = ngettext("%(n)d Projekt", "%(n)d Projekte", block.count) % {"n": block.count}
    if block.knock_on_count:
        text += ", " + _("%(n)d mit Knock-on") % {"n": block.knock_on_count}
    parts = [
        f'<text x="8" y="{y + 19}" fill="{MUTED}">{escape(text)}</text>',
    ]
    if block.start and block.end and axis.window.overlaps(block.start, block.end):
        x1, x2 = axis.x(block.start), axis.x(block.end)
        parts.append(
            f'<rect x="{x1:.1f}" y="{y + 8}" width="{max(x2 - x1, 2):.1f}" height="14" '
            f'fill="{colour}" fill-opacity="0.5"/>'
        )
    return parts


def _arrow(axis: Axis, arrow: Arrow, ys: dict[int, int], ends: dict[int, tuple]) -> str:
    y1, y2 = ys[arrow.upstream_id] + 15, ys[arrow.downstream_id] + 15
    knock = arrow.knock_on
    if knock is not None:
        x1, x2 = axis.x(knock.item_expected), axis.x(knock.anchor_date)
    else:
        x1 = axis.x(ends[arrow.upstream_id][1] or axis.window.end)
        x2 = axis.x(ends[arrow.downstream_id][0] or axis.window.start)
    bend = max(abs(x2 - x1) / 2, 24)
    path = f"M{x1:.1f},{y1} C{x1 + bend:.1f},{y1} {x2 - bend:.1f},{y2} {x2:.1f},{y2}"
    if arrow.kind == "synergy":
        style = f'stroke="{MUTED}" stroke-width="1.2" stroke-dasharray="1 3"'
    elif knock is not None:
        style = f'stroke="{KNOCK}" stroke-width="2.2" marker-end="url(#rm-arrow-knock)"'
    else:
        style = f'stroke="{MUTED}" stroke-width="1.2" marker-end="url(#rm-arrow)"'
    css = "roadmap-arrow knock-on" if knock else "roadmap-arrow"
    title = knock.detail if knock else arrow.kind_label
    parts = [f'<g class="{css}"><title>{escape(title)}</title>']
    parts.append(f'<path d="{path}" fill="none" {style}/>')
    if knock is not None:
        label = _("+%(n)d T.") % {"n": knock.delay_days}
        # Right of the arrow's end; left of it where the chart ends there (a waiting project
        # that starts after the window): right of it the chart's edge cut the label off.
        place = f'x="{x2 + 4:.1f}"'
        if x2 + 4 + LABEL_PX * len(label) > axis.right + 16:
            place = f'x="{x2 - 4:.1f}" text-anchor="end"'
        parts.append(
            f'<text {place} y="{y2 - 8}" fill="{KNOCK}" font-size="11" '
            f'font-weight="bold">{escape(label)}</text>'
        )
    parts.append("</g>")
    return "".join(parts)


def roadmap_svg(roadmap: Roadmap, *, width: int = 1100, chart_id: str = "roadmap") -> SafeString:
    """The roadmap as one SVG image."""
    axis = Axis(roadmap, width)
    body: list[str] = []
    ys: dict[int, int] = {}
    ends: dict[int, tuple] = {}
    y = HEAD_H
    for index, block in enumerate(roadmap.blocks):
        colour = PALETTE[index % len(PALETTE)]
        body.append(
            f'<rect x="0" y="{y}" width="{width}" height="{FIELD_H}" fill="#eef2f7"/>'
            f'<text x="8" y="{y + 17}" font-weight="bold">{escape(_short(block.field.name, 60))}'
            "</text>"
        )
        y += FIELD_H
        if roadmap.collapsed:
            body.extend(_collapsed_block(axis, block, y, colour))
            y += ROW_H
            continue
        for row in block.rows:
            ys[row.project.pk] = y
            ends[row.project.pk] = (row.start, row.end)
            body.extend(_row(axis, row, y, colour))
            y += ROW_H
    height = y + 8
    title = _("Roadmap %(programme)s – %(window)s") % {
        "programme": roadmap.programme.name,
        "window": roadmap.window.label,
    }
    desc = _(
        "Projekte nach Themenfeldern mit Phasen als Balken, Meilensteinen (hohle Raute: "
        "geplant, gefüllte Raute: Prognose oder erreicht), der Linie für heute und den "
        "Abhängigkeiten als Pfeilen. %(knock)s Die Tabelle unter der Grafik enthält dieselben "
        "Angaben."
    ) % {
        "knock": ngettext(
            "%(n)d Knock-on-Effekt.", "%(n)d Knock-on-Effekte.", len(roadmap.knock_ons)
        )
        % {"n": len(roadmap.knock_ons)}
    }
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart roadmap-chart" id="{chart_id}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" {FONT} font-size="12" fill="{INK}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
        _defs(),
        *_header(axis, height),
        *body,
    ]
    for arrow in roadmap.arrows:
        if arrow.upstream_id in ys and arrow.downstream_id in ys:
            parts.append(_arrow(axis, arrow, ys, ends))
    if roadmap.window.contains(roadmap.today):
        x = axis.x(roadmap.today)
        parts.append(
            f'<g class="roadmap-today"><line x1="{x:.1f}" y1="{HEAD_H - 12}" x2="{x:.1f}" '
            f'y2="{height - 4}" stroke="{TODAY}" stroke-width="1.5" stroke-dasharray="5 3"/>'
            f'<text x="{x + 3:.1f}" y="{HEAD_H - 2}" fill="{TODAY}" font-size="11" '
            f'font-weight="bold">{escape(_("heute"))}</text></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


NODE_W, NODE_H, NODE_GAP = 190, 36, 14


def _node_positions(
    dep_map: DependencyMap, width: int
) -> tuple[dict[int, tuple[float, float]], list[tuple[str, float]]]:
    """Projects in one column per field of action (other programmes' projects last), in
    the order of their first appearance."""
    columns: dict[int | None, list[int]] = {f.pk: [] for f in dep_map.fields}
    for node in dep_map.nodes:
        key = node.field_of_action_id if node.field_of_action_id in columns else None
        columns.setdefault(key, []).append(node.pk)
    used = [(key, ids) for key, ids in columns.items() if ids]
    names = {f.pk: f.name for f in dep_map.fields}
    step = (width - 20) / max(len(used), 1)
    positions: dict[int, tuple[float, float]] = {}
    headers = []
    for index, (key, ids) in enumerate(used):
        x = 10 + index * step + max((step - NODE_W) / 2, 0)
        headers.append((names.get(key, _("andere Programme")) if key else _("andere Programme"), x))
        for row, pk in enumerate(ids):
            positions[pk] = (x, HEAD_H + row * (NODE_H + NODE_GAP))
    return positions, headers


def dependency_map_svg(dep_map: DependencyMap, *, width: int = 1100) -> SafeString:
    """The programme's dependencies as boxes (projects, by field) and lines: "benötigt" and
    "blockiert" as arrows towards the project that waits, synergies dotted."""
    positions, headers = _node_positions(dep_map, width)
    rows = max(
        (round((y - HEAD_H) / (NODE_H + NODE_GAP)) for _x, y in positions.values()), default=0
    )
    height = HEAD_H + (rows + 1) * (NODE_H + NODE_GAP) + 10
    box_w = min(NODE_W, (width - 20) / max(len(headers), 1) - 16)
    title = _("Abhängigkeiten im Programm %(programme)s") % {"programme": dep_map.programme.name}
    desc = _(
        "Projekte als Kästen, nach Themenfeldern in Spalten. Pfeile zeigen auf das Projekt, "
        "das wartet (benötigt / blockiert), gepunktete Linien sind Synergien, rote Pfeile "
        "Knock-on-Effekte. Die Tabelle unter der Grafik enthält dieselben Angaben."
    )
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart dependency-map" '
        'id="dependency-map" role="img" aria-labelledby="dependency-map-title '
        f'dependency-map-desc" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'{FONT} font-size="11" fill="{INK}">',
        f'<title id="dependency-map-title">{escape(title)}</title>',
        f'<desc id="dependency-map-desc">{escape(desc)}</desc>',
        _defs(),
    ]
    for name, x in headers:
        parts.append(
            f'<text x="{x:.1f}" y="{HEAD_H - 14}" font-weight="bold" font-size="12">'
            f"{escape(_short(name, 28))}</text>"
        )
    for link in dep_map.links:
        (sx, sy), (tx, ty) = positions[link.source.pk], positions[link.target.pk]
        if link.kind == "needs":  # the arrow points at the project that waits
            (sx, sy), (tx, ty) = (tx, ty), (sx, sy)
        x1, x2 = (
            (sx + box_w, tx)
            if sx < tx
            else (sx, tx + box_w)
            if sx > tx
            else (sx + box_w, tx + box_w)
        )
        y1, y2 = sy + NODE_H / 2, ty + NODE_H / 2
        bend = 60 if sx == tx else abs(x2 - x1) / 2
        c1 = x1 + bend if x1 <= x2 or sx == tx else x1 - bend
        c2 = x2 - bend if x1 < x2 else x2 + bend
        path = f"M{x1:.1f},{y1:.1f} C{c1:.1f},{y1:.1f} {c2:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"
        if link.kind == "synergy":
            style = f'stroke="{MUTED}" stroke-width="1.4" stroke-dasharray="1 3"'
        elif link.knock_on is not None:
            style = f'stroke="{KNOCK}" stroke-width="2.2" marker-end="url(#rm-arrow-knock)"'
        else:
            style = f'stroke="{MUTED}" stroke-width="1.4" marker-end="url(#rm-arrow)"'
        label = f"{link.source.title} {link.kind_label} {link.target.title}"
        if link.knock_on is not None:
            label += " – " + link.knock_on.detail
        parts.append(
            f'<g class="map-link map-{link.kind}"><title>{escape(label)}</title>'
            f'<path d="{path}" fill="none" {style}/></g>'
        )
    knocked = {k.downstream_id for k in dep_map.knock_ons}
    for node in dep_map.nodes:
        x, y = positions[node.pk]
        stroke = KNOCK if node.pk in knocked else INK
        parts.append(
            f'<g class="map-node"><title>{escape(node.title)}</title>'
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{box_w:.1f}" height="{NODE_H}" rx="4" '
            f'fill="#ffffff" stroke="{stroke}" stroke-width="{2 if node.pk in knocked else 1}"/>'
            f'<text x="{x + 6:.1f}" y="{y + 22:.1f}">'
            f"{escape(_short(('⚠ ' if node.pk in knocked else '') + node.title, int(box_w / 6.5)))}"
            "</text></g>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
