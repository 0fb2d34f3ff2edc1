"""The rows of the portfolio exports, built from the selectors' data (the views only respond)."""

from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from .models import Project


def project_list_headers() -> list[str]:
    return [
        _("Titel"),
        _("Kurzname"),
        _("Themenfeld"),
        _("Phase"),
        _("Projektart"),
        _("Vorgehen"),
        _("Organisationseinheit"),
        _("Projektleitung"),
        _("geplanter Beginn"),
        _("geplantes Ende"),
        _("übergeordnetes Projekt"),
        _("veröffentlicht"),
        _("Projektziele"),
    ]


def project_list_rows(projects: Iterable[Project]) -> Iterator[list]:
    """One row per project of the filtered list (`goal_list` comes from the selector)."""
    return (
        [
            p.title,
            p.short_name,
            p.field_of_action.name,
            p.get_stage_display(),
            p.get_kind_display(),
            p.get_method_display(),
            p.org_unit.code if p.org_unit else "",
            str(p.lead) if p.lead else "",
            p.planned_start,
            p.planned_end,
            p.parent.title if p.parent else "",
            _("ja") if p.published else _("nein"),
            "\n".join(p.goal_list),
        ]
        for p in projects
    )
