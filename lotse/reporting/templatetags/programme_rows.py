"""The Programm-Cockpit's table rows in one tag each: a page shows 50 projects with five
lights, trend, report state and reasons, plus up to 50 projects without a report, and as
template markup those rows were about half of the page's processor time (issue 14,
bench/pages_bench.py). Same markup as the loops in reporting/programme_cockpit.html had
(the light as `{% light_badge %}` shows it).

Built with `str.format` on values escaped once with `html.escape` (what Django's `escape`
does), like lotse/boards/templatetags/board_cards.py."""

from collections.abc import Iterable
from html import escape

from django import template
from django.utils import formats
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from lotse.http import id_url_around
from lotse.reporting.cockpit import MISSING
from lotse.reporting.cockpit import CockpitRow
from lotse.reporting.models import LIGHTS
from lotse.reporting.models import ReportingPeriod

from .report_badges import light_badge

register = template.Library()

ROW = (
    "\n    <tr{attention}>\n"
    '      <th scope="row"><a href="{url}">{title}</a>{lead}</th>\n'
    "      {lights}\n"
    '      <td class="trend">{trend}</td>\n'
    '      <td><span class="badge badge--state">{state}</span></td>\n'
    "      <td>{reasons}</td>\n"
    "    </tr>\n"
    "    "
)
NOT_REPORTED = (
    "\n    <tr>\n"
    '      <th scope="row"><a href="{url}">{title}</a><br><span class="muted">{field}</span></th>\n'
    "      <td>{lead}</td>\n"
    '      <td><span class="badge badge--state">{state}</span></td>\n'
    '      <td class="nowrap">{due}{overdue}</td>\n'
    "    </tr>\n"
    "    "
)


def _lights(row: CockpitRow, cells: dict[tuple[str, str], str]) -> str:
    """The five lights of a row with a report (a cell per light, each markup built once per
    page), or one cell saying there is none."""
    if row.report is None:
        return f'<td colspan="{len(LIGHTS)}">{light_badge(MISSING, row.state_label)}</td>'
    out = []
    for light in row.lights:
        key = (light.value, light.value_label)
        if key not in cells:
            cells[key] = f"<td>{light_badge(*key)}</td>"
        out.append(cells[key])
    return "".join(out) + "\n      "


@register.simple_tag
def cockpit_rows(rows: Iterable[CockpitRow]) -> SafeString:
    """A field's rows of the cockpit table: project and lead, lights, trend, report state and
    the reasons for attention."""
    head, tail = id_url_around("portfolio:project_detail")
    none = '<span class="reasons--none">' + escape(_("keiner")) + "</span>"
    cells: dict[tuple[str, str], str] = {}
    out = []
    for row in rows:
        project = row.project
        lead = f'<br><span class="muted">{escape(str(project.lead))}</span>' if project.lead else ""
        trend = "–"
        if row.trend:
            trend = (
                f'<span aria-hidden="true">{escape(row.trend_symbol)}</span> '
                f"{escape(row.trend_label)}"
            )
        reasons = none
        if row.reasons:
            items = "".join(f"<li>{escape(r.text)}</li>" for r in row.reasons)
            reasons = f'<ul class="reasons">{items}</ul>'
        out.append(
            ROW.format(
                attention=' class="needs-attention"' if row.needs_attention else "",
                url=f"{head}{int(project.pk)}{tail}",
                title=escape(str(project.title)),
                lead=lead,
                lights=_lights(row, cells),
                trend=trend,
                state=escape(row.state_label),
                reasons=reasons,
            )
        )
    return SafeString("".join(out))


@register.simple_tag
def not_reported_rows(rows: Iterable[CockpitRow], period: ReportingPeriod) -> SafeString:
    """The rows of "Wer hat noch nicht berichtet?": project, field, lead, report state, due
    date and whether it is overdue."""
    head, tail = id_url_around("portfolio:project_detail")
    due = escape(formats.date_format(period.due_date, "SHORT_DATE_FORMAT"))
    overdue = f' <span class="badge badge--overdue">{escape(_("überfällig"))}</span>'
    out = []
    for row in rows:
        project = row.project
        out.append(
            NOT_REPORTED.format(
                url=f"{head}{int(project.pk)}{tail}",
                title=escape(str(project.title)),
                field=escape(str(project.field_of_action.name)),
                lead=escape(str(project.lead)) if project.lead else "–",
                state=escape(row.state_label),
                due=due,
                overdue=overdue if row.is_overdue else "",
            )
        )
    return SafeString("".join(out))
