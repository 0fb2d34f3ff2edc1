"""Export rows (XLSX) of the planning pages: the work packages and the heat map."""

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from lotse.documents.xlsx import Percent

from .selectors import HeatMap
from .selectors import ProjectPlan


def work_package_headers() -> list[str]:
    return [
        _("Phase"),
        _("Kürzel"),
        _("Arbeitspaket"),
        _("Status"),
        _("verantwortlich"),
        _("Organisationseinheit"),
        _("Beginn"),
        _("Ende"),
        _("Schritte"),
        _("geschätzte Stunden"),
        _("Ist-Stunden"),
        _("Fortschritt"),
    ]


def work_package_rows(plan: ProjectPlan) -> Iterator[list[Any]]:
    for phase in plan.phases:
        for row in phase.work_packages:
            wp = row.work_package
            yield [
                phase.phase.name if phase.phase else _("ohne Phase"),
                wp.code,
                wp.title,
                wp.get_status_display(),
                str(wp.owner or wp.owner_text or ""),
                str(wp.org_unit or ""),
                wp.planned_start,
                wp.planned_end,
                "\n".join(s.title for s in row.steps),
                row.hours,
                row.actual_hours,
                Percent.of_points(row.progress),
            ]


def heat_map_headers(data: HeatMap) -> list[str]:
    return [_("Organisationseinheit"), _("Wert")] + [m.strftime("%m.%Y") for m in data.months]


def heat_map_rows(data: HeatMap) -> Iterator[list[Any]]:
    """Per org unit four lines: demand, project capacity, total availability, load in %."""
    for row in data.rows:
        yield [row.name, _("Bedarf (PT)")] + [round(c.demand, 1) for c in row.cells]
        yield [row.name, _("Kapazität für Projekte (PT)")] + [
            round(c.capacity, 1) for c in row.cells
        ]
        yield [row.name, _("Verfügbarkeit gesamt (PT)")] + [round(c.total, 1) for c in row.cells]
        yield [row.name, _("Auslastung")] + [Percent.of_points(c.percent) for c in row.cells]
