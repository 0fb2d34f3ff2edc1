"""The catalogue as a spreadsheet: the same columns the import reads, so an export can be
edited and imported again."""

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from .models import PublicService


def catalogue_headers() -> list[str]:
    return [
        _("Bezeichnung"),
        _("LeiKa"),
        _("Themenfeld"),
        _("Leistungsbündel"),
        _("Organisationseinheit"),
        _("Reifegrad"),
        _("Ziel-Reifegrad"),
        _("Zieltermin"),
        _("Online-Zugang"),
        _("Projekte"),
        _("Anmerkung"),
    ]


def catalogue_rows(services: Iterable[PublicService]) -> list[list[Any]]:
    """One row per service (expects `org_unit` and `projects` loaded with the services)."""
    return [
        [
            s.name,
            s.leika_key,
            s.ozg_field,
            s.bundle,
            s.org_unit.code if s.org_unit else "",
            s.maturity,
            s.target_level,
            s.target_date,
            s.get_channel_display(),
            " | ".join(p.title for p in s.projects.all()),
            s.note,
        ]
        for s in services
    ]
