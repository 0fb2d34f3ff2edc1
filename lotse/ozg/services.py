"""Every change to the OZG catalogue goes through these functions (UI, API, import, demo).

Versioned saves: an update names the version the editor loaded and refuses to overwrite a
newer one (`EditConflict`). After every change the signal `catalogue_changed` tells the apps
above (the OKR key results that read from the catalogue).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.portfolio.services import EditConflict
from lotse.portfolio.services import claim_version
from lotse.portfolio.services import save_versioned
from lotse.validation import raise_errors
from lotse.validation import save_checked

from .models import CatalogueSettings
from .models import PublicService
from .signals import catalogue_changed

__all__ = ["EditConflict"]

# What the catalogue's managers edit, in the form's order; a service's projects are set apart
# from its row's fields.
MANAGER_FIELDS = [
    "name",
    "leika_key",
    "ozg_field",
    "bundle",
    "org_unit",
    "maturity",
    "target_level",
    "target_date",
    "channel",
    "projects",
    "note",
]
SERVICE_FIELDS = set(MANAGER_FIELDS) - {"projects"}
# The same fields as stored in the row (foreign keys by their column).
SERVICE_FIELDS_DB = sorted(name + "_id" if name == "org_unit" else name for name in SERVICE_FIELDS)
SETTINGS_FIELDS = {"publish", "note"}


def _apply(obj: Any, data: dict[str, Any], allowed: set[str]) -> None:
    unknown = set(data) - allowed - {"projects"}
    if unknown:
        raise ValidationError(
            {name: [_("Dieses Feld gibt es hier nicht.")] for name in sorted(unknown)}
        )
    for name, value in data.items():
        if name in allowed:
            setattr(obj, name, value)


def _validate(service: PublicService, projects: Iterable[Project] | None) -> None:
    errors: dict[str, list[str]] = {}
    for name in ("name", "leika_key", "ozg_field", "bundle"):
        setattr(service, name, (getattr(service, name) or "").strip())
    if service.org_unit_id is not None and not isinstance(service.org_unit, OrgUnit):
        errors["org_unit"] = [_("Unbekannte Organisationseinheit.")]
    if service.target_date is not None and service.target_level is None:
        errors["target_level"] = [_("Zu einem Zieltermin gehört ein Ziel-Reifegrad.")]
    if projects is not None:
        foreign = [p for p in projects if p.programme_id != service.programme_id]
        if foreign:
            errors["projects"] = [
                _("„%(title)s“ gehört nicht zu diesem Programm.") % {"title": foreign[0].title}
            ]
    duplicates = PublicService.objects.filter(programme_id=service.programme_id).exclude(
        pk=service.pk
    )
    if service.name and duplicates.filter(name__iexact=service.name).exists():
        errors.setdefault("name", []).append(
            _("Eine Leistung „%(name)s“ gibt es im Katalog schon.") % {"name": service.name}
        )
    if service.leika_key and duplicates.filter(leika_key=service.leika_key).exists():
        errors.setdefault("leika_key", []).append(
            _("Den LeiKa-Schlüssel %(key)s trägt schon eine andere Leistung.")
            % {"key": service.leika_key}
        )
    raise_errors(errors, lambda: service.full_clean(exclude=["programme", "version"]))


def _changed(programme: Programme, user: AbstractBaseUser | None) -> None:
    catalogue_changed.send(sender=PublicService, programme=programme, user=user)


@transaction.atomic
def public_service_create(
    *,
    programme: Programme,
    data: dict[str, Any],
    user: AbstractBaseUser | None = None,
    notify: bool = True,
) -> PublicService:
    service = PublicService(programme=programme)
    _apply(service, data, SERVICE_FIELDS)
    projects = data.get("projects")
    _validate(service, projects)
    save_checked(service, lambda: _validate(service, projects))
    if projects:
        service.projects.set(projects)
    if notify:
        _changed(programme, user)
    return service


@transaction.atomic
def public_service_update(
    *,
    service: PublicService,
    data: dict[str, Any],
    expected_version: int | None,
    user: AbstractBaseUser | None = None,
    notify: bool = True,
) -> PublicService:
    """Change the service; `projects` (when given) replaces the list of raising projects.

    One change is one version in the history, whether fields, projects or both changed (the
    m2m history would otherwise add a version per removal and addition, the save one without
    any change); an edit that changes nothing records no version."""
    stored = PublicService.objects.filter(pk=service.pk).values(*SERVICE_FIELDS_DB).first()
    _apply(service, data, SERVICE_FIELDS)
    projects = data.get("projects")
    _validate(service, projects)
    claim_version(service, expected_version)
    fields_changed = stored is None or any(
        getattr(service, name) != stored[name] for name in SERVICE_FIELDS_DB
    )
    projects_changed = projects is not None and {p.pk for p in service.projects.all()} != {
        p.pk for p in projects
    }
    service.skip_history_when_saving = True  # type: ignore[attr-defined]
    try:
        save_checked(service, lambda: _validate(service, projects))
        if projects_changed:
            service.projects.set(projects)  # type: ignore[arg-type]
    finally:
        del service.skip_history_when_saving  # type: ignore[attr-defined]
    if fields_changed or projects_changed:
        service.save()  # the one historical record, with the projects as they are now
    if notify:
        _changed(service.programme, user)
    return service


@transaction.atomic
def public_service_delete(
    *, service: PublicService, expected_version: int | None, user: AbstractBaseUser | None = None
) -> None:
    claim_version(service, expected_version)
    programme = service.programme
    service.delete()
    _changed(programme, user)


def catalogue_settings_for(programme: Programme) -> CatalogueSettings:
    found = CatalogueSettings.objects.filter(programme=programme).first()
    return found or CatalogueSettings(programme=programme)


@transaction.atomic
def catalogue_settings_update(
    *, programme: Programme, data: dict[str, Any], expected_version: int | None
) -> CatalogueSettings:
    settings = catalogue_settings_for(programme)
    _apply(settings, data, SETTINGS_FIELDS)
    raise_errors({}, lambda: settings.full_clean(exclude=["programme", "version"]))
    return save_versioned(settings, expected_version)


def catalogue_changed_notify(*, programme: Programme, user: AbstractBaseUser | None) -> None:
    """Tell the listeners once after a batch of changes made with `notify=False` (import)."""
    _changed(programme, user)
