"""The rows of the portfolio exports, built from the selectors' data (the views only respond)."""

from collections.abc import Iterable
from collections.abc import Iterator

from django.db.models import Field
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


def _labels(name: str) -> dict:
    """A choice field's labels, translated once (not once per row: get_FOO_display rebuilds
    and translates the whole choice list at every call)."""
    field = Project._meta.get_field(name)
    assert isinstance(field, Field)  # noqa: S101 - a concrete choice field of Project
    return {value: str(label) for value, label in field.flatchoices}


def project_list_rows(projects: Iterable[Project]) -> Iterator[list]:
    """One row per project of the filtered list (`goal_list` comes from the selector)."""
    stages, kinds, methods = _labels("stage"), _labels("kind"), _labels("method")
    yes, no = _("ja"), _("nein")
    return (
        [
            p.title,
            p.short_name,
            p.field_of_action.name,
            stages.get(p.stage, p.stage),
            kinds.get(p.kind, p.kind),
            methods.get(p.method, p.method),
            str(p.org_unit) if p.org_unit else "",  # code and name, as the reports
            str(p.lead) if p.lead else "",
            p.planned_start,
            p.planned_end,
            p.parent.title if p.parent else "",
            yes if p.published else no,
            "\n".join(p.goal_list),
        ]
        for p in projects
    )
