"""The milestone and risk sections of the project cockpit and the status report, and the
cockpit's report history, each as one tag (issue 14: the cockpit at Redmine's shape,
bench/redmine_bench.py). As template markup the timeline, the two tables, the 16 cells of the
risk matrix and the rows' edit links cost ~1,500 variable lookups, ~60 `{% translate %}` and
a `{% url %}` per link on every request, half of the page's own time.

Built like `boards/templatetags/board_cards.py`: `str.format` on values escaped once with
`html.escape` (what Django's `escape` does). Every text a user typed goes through `escape`
(or `linebreaksbr`, which escapes); the tests check that."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date
from html import escape
from typing import Any

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils import formats
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lotse.http import id_url

from ..presentation import MilestoneRow
from ..presentation import RiskRow
from .report_badges import light_badge
from .report_badges import trend_badge

register = template.Library()


@functools.lru_cache(maxsize=4096)
def _date(day: date, form: str, language: str | None) -> str:
    """`{{ day|date:form }}` in `language`, escaped: the same days (periods, milestones, the
    axis' months) come back on every request, and Django's formatting is ~10 µs a date."""
    return escape(formats.date_format(day, form))


def _short_date(day: date | None) -> str:
    """`{{ day|date:"SHORT_DATE_FORMAT"|default:"–" }}`."""
    return _date(day, "SHORT_DATE_FORMAT", get_language()) if day else "–"


def _row_actions(kind: str, item_id: int | None, title: str) -> str:
    """The edit and delete links of a milestone's or risk's table row (`kind` as in the URL
    names), each naming the item (escaped `title`) for screen readers."""
    edit = id_url(f"reporting:{kind}_edit", item_id)
    delete = id_url(f"reporting:{kind}_delete", item_id)
    edit_word, delete_word = escape(_("bearbeiten")), escape(_("löschen"))
    return (
        '<td class="row-actions">\n'
        f'        <a href="{edit}">{edit_word}'
        f'<span class="visually-hidden"> {title}</span></a> ·\n'
        f'        <a href="{delete}">{delete_word}'
        f'<span class="visually-hidden"> {title}</span></a>\n'
        "      </td>"
    )


def _table(css_class: str, caption: str, headings: Iterable[str], editable: bool, rows: str) -> str:
    """A table of the items with their column headings (and an "Aktionen" column, hidden
    but for screen readers, where the rows can be edited)."""
    cells = [f'\n    <th scope="col">{escape(heading)}</th>' for heading in headings]
    if editable:
        actions = escape(_("Aktionen"))
        cells.append(f'\n    <th scope="col"><span class="visually-hidden">{actions}</span></th>')
    return (
        '<div class="table-wrap">\n'
        f'<table class="{css_class}">\n'
        f"  <caption>{caption}</caption>\n"
        f"  <thead><tr>{''.join(cells)}\n  </tr></thead>\n"
        f"  <tbody>\n  {rows}\n  </tbody>\n</table>\n</div>"
    )


# ---------------------------------------------------------------------------------------------
# Milestones: a planned-vs-forecast timeline (inline SVG, no script) and a table, which is the
# text alternative.

LEGEND_ITEM = '  <li><svg viewBox="-7 -7 14 14">{shape}</svg>{label}</li>\n'
DIAMOND = '<polygon class="tl-{kind}" points="0,-6 6,0 0,6 -6,0"/>'
TICK = (
    '<line class="tl-tick" x1="{x}" x2="{x}" y1="{axis_y}" y2="{bottom}"/>\n'
    '    <text x="{x}" y="{label_y}" text-anchor="middle">{label}</text>\n    '
)
TIMELINE_ROW = (
    '\n  <g class="tl-row">\n'
    "    <title>{title}</title>\n"
    '    <line class="tl-guide" x1="{left}" x2="{right}" y1="{y}" y2="{y}"/>\n'
    '    <text x="{label_x}" y="{text_y}" text-anchor="end">{short_title}</text>\n'
    "    {slip}\n"
    '    <polygon class="tl-planned" points="{planned_points}"/>\n'
    "    {expected}\n"
    "  </g>\n  "
)
MILESTONE_ROW = (
    "\n    <tr>\n"
    '      <th scope="row">{title}</th>\n'
    '      <td class="nowrap">{planned}</td>\n'
    '      <td class="nowrap">{forecast}</td>\n'
    '      <td class="nowrap">{actual}</td>\n'
    '      <td class="nowrap"><span class="{slip_class}">{slippage}</span></td>\n'
    "      {actions}\n"
    "    </tr>\n  "
)


def _legend(today_label: str) -> str:
    items = [
        (DIAMOND.format(kind="planned"), escape(_("geplant"))),
        ('<circle class="tl-forecast" r="6"/>', escape(_("Prognose"))),
        (DIAMOND.format(kind="actual"), escape(_("erreicht"))),
        ('<line class="tl-today" x1="0" x2="0" y1="-7" y2="7"/>', today_label),
    ]
    return (
        '<ul class="tl-legend" aria-hidden="true">\n'
        + "".join(LEGEND_ITEM.format(shape=shape, label=label) for shape, label in items)
        + "</ul>\n"
    )


def _timeline_rows(tl: dict[str, Any]) -> str:
    parts = []
    for r in tl["rows"]:
        slip = ""
        if r.slip and r.expected_x is not None:
            slip = (
                f'<line class="tl-slip tl-slip--{r.slip}" x1="{r.planned_x}" '
                f'x2="{r.expected_x}" y1="{r.y}" y2="{r.y}"/>'
            )
        expected = ""
        if r.expected_x is not None:
            expected = (
                f'<polygon class="tl-actual" points="{r.expected_points}"/>'
                if r.reached
                else f'<circle class="tl-forecast" cx="{r.expected_x}" cy="{r.y}" r="6"/>'
            )
        parts.append(
            TIMELINE_ROW.format(
                title=escape(r.title),
                left=tl["chart_left"],
                right=tl["chart_right"],
                y=r.y,
                label_x=tl["label_x"],
                text_y=r.text_y,
                short_title=escape(r.short_title),
                slip=slip,
                planned_points=r.planned_points,
                expected=expected,
            )
        )
    return "".join(parts)


def _timeline(tl: dict[str, Any], chart_id: str, today_label: str) -> str:
    """The SVG; numbers unlocalised (`{% localize off %}`: a decimal point, never a comma)."""
    language = get_language()
    ticks = "".join(
        TICK.format(
            x=t["x"],
            axis_y=tl["axis_y"],
            bottom=tl["bottom"],
            label_y=tl["tick_label_y"],
            label=_date(t["day"], "M Y", language),
        )
        for t in tl["ticks"]
    )
    region = escape(_("Zeitleiste der Meilensteine"))
    return (
        '<div class="timeline-wrap" tabindex="0" role="region" '
        f'aria-label="{region}">\n'
        f'<svg class="timeline" viewBox="0 0 {tl["width"]} {tl["height"]}" role="img" '
        f'aria-labelledby="{chart_id}-title" id="{chart_id}">\n'
        f'  <title id="{chart_id}-title">'
        + escape(
            _(
                "Zeitleiste der Meilensteine: geplante Termine gegenüber Prognose und Ist. "
                "Die Tabelle enthält dieselben Angaben."
            )
        )
        + "</title>\n"
        f'  <g class="tl-axis">\n    {ticks}\n  </g>\n  {_timeline_rows(tl)}\n'
        f'  <line class="tl-today" x1="{tl["today_x"]}" x2="{tl["today_x"]}" '
        f'y1="{tl["axis_y"]}" y2="{tl["bottom"]}"/>\n'
        f'  <text class="tl-today-label" x="{tl["today_label_x"]}" y="{tl["today_label_y"]}" '
        f'text-anchor="{tl["today_anchor"]}">{today_label}</text>\n'
        "</svg>\n</div>\n"
    )


def _milestone_rows(milestones: Iterable[MilestoneRow], editable: bool) -> str:
    rows = []
    for m in milestones:
        title = escape(m.title)
        days = m.slippage_days
        rows.append(
            MILESTONE_ROW.format(
                title=title,
                planned=_short_date(m.planned_date),
                forecast=_short_date(m.forecast_date),
                actual=_short_date(m.actual_date),
                slip_class="slip--late" if days > 0 else "slip--early" if days < 0 else "",
                slippage=escape(m.slippage_label),
                actions=_row_actions("milestone", m.id, title) if editable else "",
            )
        )
    return "".join(rows)


@register.simple_tag
def milestone_section(
    milestones: list[MilestoneRow], timeline: dict[str, Any] | None, editable: bool, chart_id: str
) -> SafeString:
    """Milestones as a timeline and as a table (`editable`: with edit and delete links);
    `chart_id` names the SVG (two charts may share a page)."""
    if not milestones or timeline is None:
        return SafeString(
            '<p class="muted">' + escape(_("Noch keine Meilensteine erfasst.")) + "</p>"
        )
    today_label = escape(str(timeline["today_label"]))
    headings = [_("Meilenstein"), _("geplant"), _("Prognose"), _("erreicht am"), _("Abweichung")]
    return SafeString(
        _legend(today_label)
        + _timeline(timeline, escape(chart_id), today_label)
        + _table(
            "milestone-table",
            escape(_("Meilensteine: geplant, Prognose und Ist")),
            headings,
            editable,
            _milestone_rows(milestones, editable),
        )
    )


# ---------------------------------------------------------------------------------------------
# Risks: a 4×4 matrix (probability rows 4..1, impact columns 1..4; each cell names its level
# in words) and a table.

MATRIX_CELL = (
    '\n      <td class="risk-cell--{level}" data-cell="{probability}-{impact}">\n'
    '        <span class="risk-level">{level_label}</span>\n'
    "        {risks}\n"
    "      </td>\n      "
)
RISK_ROW = (
    "\n    <tr>\n"
    '      <th scope="row">{title}{description}</th>\n'
    "      <td>{probability}</td>\n"
    "      <td>{impact}</td>\n"
    '      <td><span class="risk-badge risk-badge--{level}">{level_label}</span></td>\n'
    "      <td>{owner}</td>\n"
    "      <td>{mitigation}</td>\n"
    "      <td>{status}</td>\n"
    "      {actions}\n"
    "    </tr>\n  "
)


def _cell_risks(risks: list[RiskRow], none: str) -> str:
    if not risks:
        return none
    count = ngettext("%(n)s Risiko", "%(n)s Risiken", len(risks)) % {"n": len(risks)}
    titles = "".join(f"<li>{escape(r.title)}</li>" for r in risks)
    return f"\n        <span>{count}</span>\n        <ul>{titles}</ul>\n        "


def _matrix(matrix: dict[str, Any], matrix_id: str) -> str:
    probability, impact = escape(_("Wahrscheinlichkeit")), escape(_("Auswirkung"))
    none = '<span class="visually-hidden">' + escape(_("keine Risiken")) + "</span>"
    columns = "".join(
        f'<th scope="col" class="axis"><span class="visually-hidden">{impact} </span>'
        f"{escape(i['label'])}</th>"
        for i in matrix["impacts"]
    )
    rows = []
    for row in matrix["rows"]:
        cells = "".join(
            MATRIX_CELL.format(
                level=c["level"]["key"],
                probability=row["probability"],
                impact=c["impact"],
                level_label=escape(c["level"]["label"]),
                risks=_cell_risks(c["risks"], none),
            )
            for c in row["cells"]
        )
        rows.append(
            "\n    <tr>\n"
            f'      <th scope="row" class="axis"><span class="visually-hidden">{probability} '
            f"</span>{escape(row['label'])}</th>\n      {cells}\n    </tr>\n  "
        )
    region = escape(_("Risikomatrix"))
    return (
        '<div class="table-wrap" tabindex="0" role="region" '
        f'aria-label="{region}">\n'
        f'<table class="risk-matrix" id="{matrix_id}">\n'
        "  <caption>"
        + escape(_("Risikomatrix: Wahrscheinlichkeit × Auswirkung (ohne geschlossene Risiken)"))
        + "</caption>\n"
        '  <thead><tr>\n    <td class="axis corner"><span aria-hidden="true">'
        f"{probability} ↓<br>{impact} →</span></td>\n    {columns}\n  </tr></thead>\n"
        f"  <tbody>\n  {''.join(rows)}\n  </tbody>\n</table>\n</div>\n"
    )


def _risk_rows(risks: Iterable[RiskRow], editable: bool) -> str:
    rows = []
    for r in risks:
        title = escape(r.title)
        level = r.level
        description = ""
        if r.description:
            description = f'<span class="risk-description">{linebreaksbr(r.description)}</span>'
        rows.append(
            RISK_ROW.format(
                title=title,
                description=description,
                probability=r.probability,
                impact=r.impact,
                level=level["key"],
                level_label=escape(level["label"]),
                owner=escape(r.owner) if r.owner else "–",
                mitigation=linebreaksbr(r.mitigation or "–"),
                status=escape(r.status_label),
                actions=_row_actions("risk", r.id, title) if editable else "",
            )
        )
    return "".join(rows)


@register.simple_tag
def risk_section(
    risks: list[RiskRow], matrix: dict[str, Any], editable: bool, matrix_id: str
) -> SafeString:
    """Risks as a matrix and as a table (`editable`: with edit and delete links); `matrix_id`
    names the matrix."""
    if not risks:
        return SafeString('<p class="muted">' + escape(_("Noch keine Risiken erfasst.")) + "</p>")
    headings = [
        _("Risiko"),
        _("Wahrscheinlichkeit"),
        _("Auswirkung"),
        _("Einstufung"),
        _("Verantwortlich"),
        _("Gegenmaßnahmen"),
        _("Status"),
    ]
    return SafeString(
        _matrix(matrix, escape(matrix_id))
        + _table(
            "risk-table", escape(_("Risiken")), headings, editable, _risk_rows(risks, editable)
        )
    )


# ---------------------------------------------------------------------------------------------
# The cockpit's report history


@register.simple_tag
def history_rows(history: Iterable[Any]) -> SafeString:
    """The rows of the report history (views.project.HistoryRow, newest first): the period
    (a link to its report), the report's overall light, trend and state, or "kein Bericht"."""
    current = ' <span class="muted">(' + escape(_("aktuell")) + ")</span>"
    missing = '<td colspan="3" class="muted">' + escape(_("kein Bericht")) + "</td>"
    rows = []
    for row in history:
        # str(period), which formats both days anew
        period = f"{_short_date(row.period.start)} – {_short_date(row.period.end)}"
        css = ' class="current"' if row.is_current else ""
        if row.report:
            period = f'<a href="{row.report.get_absolute_url()}">{period}</a>'
            cells = (
                f"<td>{light_badge(row.report.overall, row.overall_label)}</td>\n"
                f"        <td>{trend_badge(row.trend)}</td>\n"
                f"        <td>{escape(row.state_label)}</td>"
            )
        else:
            cells = missing
        rows.append(
            f"\n      <tr{css}>\n"
            f'        <th scope="row">{period}{current if row.is_current else ""}</th>\n'
            f"        {cells}\n      </tr>\n    "
        )
    return SafeString("".join(rows))
