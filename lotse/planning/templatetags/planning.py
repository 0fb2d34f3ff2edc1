"""Template tags of the planning app. Lower apps' pages (the Steckbrief of the portfolio, the
project cockpit of reporting, the agenda of governance) show planning data through these tags
(`{% load planning %}`), so that none of them imports planning."""

from decimal import Decimal
from typing import Any

from django import template
from django.db import connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from lotse.portfolio.models import Project

from .. import selectors

register = template.Library()


def _number(value: Decimal | float | int, places: int = 1) -> str:
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-places))
    if number == number.to_integral():
        places = 0
    return number_format(number, decimal_pos=places, use_l10n=True, force_grouping=True)


@register.filter
def hours(value: Any) -> str:
    """Hours as "1.200 h" / "7,5 h"."""
    if value is None or value == "":
        return "–"
    return f"{_number(value)} h"


@register.filter
def days(value: Any) -> str:
    """Person-days as "3,5 PT"."""
    if value is None or value == "":
        return "–"
    return f"{_number(value)} PT"


@register.simple_tag
def progress_bar(percent: int | None) -> SafeString:
    """A progress bar with its number in text (the colour is never the only carrier)."""
    if percent is None:
        return format_html("–")
    return format_html(
        # A <meter>, not a styled span: the CSP (style-src 'self') forbids style attributes.
        '<meter class="progress" min="0" max="100" value="{}" aria-hidden="true"></meter> '
        '<span class="progress__text">{} %</span>',
        max(0, min(100, percent)),
        percent,
    )


# Whether a project has any phase or work package: one query instead of the plan's two (most
# projects have no plan, and the cockpit asks on every request).
_HAS_PLAN = (
    "SELECT EXISTS (SELECT 1 FROM planning_phase WHERE project_id = %s)"
    " OR EXISTS (SELECT 1 FROM planning_workpackage WHERE project_id = %s)"
)

# `_project_progress.html` without phases and work packages.
_NO_PLAN = (
    '<section class="card" aria-labelledby="h-plan-progress">\n'
    '  <h2 id="h-plan-progress">{title}</h2>\n'
    '  <p class="muted">{empty}</p>\n'
    '  <p><a href="{url}">{link}</a></p>\n'
    "</section>\n"
)


@register.simple_tag
def project_progress(project: Project) -> SafeString:
    """The plan's progress on the Steckbrief and the project cockpit; without a plan the
    empty section is written here, with one query and no template."""
    with connection.cursor() as cursor:
        cursor.execute(_HAS_PLAN, [project.pk, project.pk])
        has_plan = bool(cursor.fetchone()[0])
    if has_plan:
        return render_to_string(
            "planning/_project_progress.html",
            {"summary": selectors.progress_summary(project), "project": project},
        )
    return SafeString(  # every value is escaped here
        _NO_PLAN.format(
            title=escape(_("Planung und Fortschritt")),
            empty=escape(_("Noch keine Phasen oder Arbeitspakete geplant.")),
            url=escape(reverse("planning:project_plan", args=[project.pk])),
            link=escape(_("Zur Planung (Phasen, Arbeitspakete, Kapazität)")),
        )
    )


@register.inclusion_tag("planning/_release_capacity.html")
def release_capacity(project_id: int | None) -> dict[str, Any]:
    """On the Transformationskonferenz agenda: what releasing the project asks of the org
    units and what it does to their load, and the budget it needs."""
    project = (
        Project.objects.select_related("programme").filter(pk=project_id).first()
        if project_id
        else None
    )
    if project is None:
        return {"impact": None}
    return {"impact": selectors.release_impact(project), "label": _("Kapazitätsbedarf")}
