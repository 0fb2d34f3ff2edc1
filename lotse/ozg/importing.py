"""The catalogue from a CSV or XLSX file: upload → preview (every problem listed) → import
all rows or none.

Columns (header in the first row, case does not matter): "Bezeichnung" (or "Leistung") and
"Reifegrad" are required; optional "LeiKa", "Themenfeld", "Leistungsbündel",
"Organisationseinheit" (Kürzel or Bezeichnung), "Ziel-Reifegrad", "Zieltermin" (31.12.2026),
"Online-Zugang" (Kommunalportal, Landesportal, eigenes Angebot, kein), "Projekte" (titles or
short names, separated by "|" or line breaks) and "Anmerkung". CSV is semicolon-separated
(comma and tab are recognised too), UTF-8 or Windows-1252; levels may be written "3" or "3,0".

A row is matched to a service of the catalogue by its LeiKa key, else by its name; columns
the file does not have stay as they are. Importing the same file twice changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lotse import hygiene
from lotse.documents import tabular
from lotse.documents.tabular import Problem
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project

from . import services
from .models import Channel
from .models import PublicService

MAX_ROWS = 20000
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("bezeichnung", "leistung", "name", "leistungsbezeichnung"),
    "leika_key": ("leika", "leika-schlüssel", "leika-schluessel", "leika-id", "leika-schlüssel"),
    "ozg_field": ("themenfeld", "ozg-themenfeld"),
    "bundle": ("leistungsbündel", "leistungsbuendel", "ozg-leistungsbündel"),
    "org_unit": ("organisationseinheit", "oe", "verantwortlich", "zuständig"),
    "maturity": ("reifegrad",),
    "target_level": ("ziel-reifegrad", "zielreifegrad"),
    "target_date": ("zieltermin", "zieldatum"),
    "channel": ("online-zugang", "zugang", "kanal"),
    "projects": ("projekte", "projekt"),
    "note": ("anmerkung",),
}
REQUIRED = {"name": "Bezeichnung", "maturity": "Reifegrad"}
CHANNEL_WORDS = {
    "kommunalportal": Channel.KOMMUNALPORTAL,
    "landesportal": Channel.LANDESPORTAL,
    "eigenes angebot": Channel.OWN,
    "eigenes": Channel.OWN,
    "eigenes portal": Channel.OWN,
    "own": Channel.OWN,
    "kein": Channel.NONE,
    "kein online-zugang": Channel.NONE,
    "keiner": Channel.NONE,
    "none": Channel.NONE,
    "": Channel.NONE,
}
DATE_FORMATS = ["%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"]
LEVEL = re.compile(r"^(?:reifegrad\s*)?([0-4])(?:[.,]0+)?$", re.IGNORECASE)
TEXT_LIMITS = {"name": 300, "leika_key": 30, "ozg_field": 200, "bundle": 200}
FIELD_LABELS = {
    "name": "Bezeichnung",
    "leika_key": "LeiKa",
    "ozg_field": "Themenfeld",
    "bundle": "Leistungsbündel",
    "org_unit": "Organisationseinheit",
    "maturity": "Reifegrad",
    "target_level": "Ziel-Reifegrad",
    "target_date": "Zieltermin",
    "channel": "Online-Zugang",
    "projects": "Projekte",
    "note": "Anmerkung",
}


@dataclass
class Change:
    row: int
    service: PublicService | None
    data: dict[str, Any]
    changed: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(self.data.get("name") or (self.service.name if self.service else ""))

    @property
    def status(self) -> str:
        if self.service is None:
            return _("neu")
        if not self.changed:
            return _("unverändert")
        return _("geändert: %(fields)s") % {"fields": ", ".join(self.changed)}

    @property
    def writes(self) -> bool:
        return self.service is None or bool(self.changed)


class Checked(tabular.Checked[Change]):
    """The check of an import of the catalogue."""

    @property
    def new(self) -> int:
        return sum(1 for c in self.changes if c.service is None)

    @property
    def updated(self) -> int:
        return sum(1 for c in self.changes if c.service is not None and c.changed)

    @property
    def unchanged(self) -> int:
        return sum(1 for c in self.changes if not c.writes)


def _norm(text: str) -> str:
    return " ".join(text.strip().lower().split())


def _columns(header: list[str]) -> tuple[dict[str, int], dict[str, str], list[Problem]]:
    """Field → column index, field → the header as written, and the missing columns."""
    index: dict[str, int] = {}
    written: dict[str, str] = {}
    for i, title in enumerate(header):
        key = _norm(title)
        for name, aliases in COLUMNS.items():
            if key in aliases and name not in index:
                index[name] = i
                written[name] = title.strip()
    problems = [
        Problem(0, "", "", _("Die Spalte „%(col)s“ fehlt.") % {"col": label})
        for name, label in REQUIRED.items()
        if name not in index
    ]
    return index, written, problems


@dataclass
class _Lookups:
    units: dict[str, OrgUnit]
    projects: dict[str, Project]
    by_leika: dict[str, PublicService]
    by_name: dict[str, PublicService]
    project_ids: dict[int, set[int]]


def _lookups(programme: Programme) -> _Lookups:
    units: dict[str, OrgUnit] = {}
    for unit in OrgUnit.objects.all():
        units.setdefault(_norm(unit.code), unit)
        units.setdefault(_norm(unit.name), unit)
        units.setdefault(_norm(str(unit)), unit)
    projects: dict[str, Project] = {}
    for project in Project.objects.filter(programme=programme):
        projects.setdefault(_norm(project.title), project)
        if project.short_name:
            projects.setdefault(_norm(project.short_name), project)
    existing = list(PublicService.objects.filter(programme=programme))
    links: dict[int, set[int]] = {s.pk: set() for s in existing}
    through = PublicService.projects.through.objects.filter(publicservice__programme=programme)
    for service_id, project_id in through.values_list("publicservice_id", "project_id"):
        links[service_id].add(project_id)
    return _Lookups(
        units=units,
        projects=projects,
        by_leika={s.leika_key: s for s in existing if s.leika_key},
        by_name={_norm(s.name): s for s in existing},
        project_ids=links,
    )


class _Row:
    """One row of the file and what is wrong with it."""

    def __init__(
        self, number: int, cells: list[str], index: dict[str, int], written: dict[str, str]
    ) -> None:
        self.number = number
        self.cells = cells
        self.index = index
        self.written = written
        self.problems: list[Problem] = []

    def has(self, name: str) -> bool:
        return name in self.index

    def value(self, name: str) -> str:
        i = self.index.get(name)
        return self.cells[i].strip() if i is not None and i < len(self.cells) else ""

    def problem(self, name: str, value: str, message: str) -> None:
        self.problems.append(Problem(self.number, self.written.get(name, name), value, message))


def _level(row: _Row, name: str, *, required: bool) -> int | None:
    text = row.value(name)
    if not text:
        if required:
            row.problem(name, text, _("Bitte geben Sie einen Reifegrad von 0 bis 4 an."))
        return None
    match = LEVEL.match(text)
    if match is None:
        row.problem(name, text, _("Kein Reifegrad; erwartet wird eine Zahl von 0 bis 4."))
        return None
    return int(match.group(1))


def _date(row: _Row) -> date | None:
    text = row.value("target_date")
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            day = datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar day
        except ValueError:
            continue
        try:
            return hygiene.check_date(day)
        except hygiene.Refused as exc:
            row.problem("target_date", text, str(exc))
            return None
    row.problem("target_date", text, _("Kein Datum; erwartet z. B. 31.12.2026."))
    return None


def _texts(row: _Row, data: dict[str, Any]) -> None:
    for name in ("name", "leika_key", "ozg_field", "bundle", "note"):
        if not row.has(name):
            continue
        text = row.value(name)
        try:
            hygiene.check_text(text, multiline=name == "note")
        except hygiene.Refused as exc:
            row.problem(name, text[:40], str(exc))
            continue
        limit = TEXT_LIMITS.get(name)
        if limit and len(text) > limit:
            row.problem(
                name,
                text[:40] + "…",
                _("Höchstens %(n)s Zeichen, hier sind es %(m)s.") % {"n": limit, "m": len(text)},
            )
            continue
        data[name] = text
    if row.has("name") and not row.value("name"):
        row.problem("name", "", _("Die Bezeichnung der Leistung fehlt."))


def _relations(row: _Row, lookups: _Lookups, data: dict[str, Any]) -> None:
    if row.has("org_unit"):
        text = row.value("org_unit")
        unit = lookups.units.get(_norm(text)) if text else None
        if text and unit is None:
            row.problem(
                "org_unit",
                text,
                _("Diese Organisationseinheit gibt es nicht (Kürzel oder Bezeichnung angeben)."),
            )
        else:
            data["org_unit"] = unit
    if row.has("channel"):
        text = row.value("channel")
        channel = CHANNEL_WORDS.get(_norm(text))
        if channel is None:
            row.problem(
                "channel",
                text,
                _(
                    "Unbekannter Online-Zugang; erlaubt: Kommunalportal, Landesportal, eigenes "
                    "Angebot, kein."
                ),
            )
        else:
            data["channel"] = channel
    if row.has("projects"):
        found: list[Project] = []
        for part in re.split(r"[|\n]", row.value("projects")):
            if not part.strip():
                continue
            project = lookups.projects.get(_norm(part))
            if project is None:
                row.problem(
                    "projects", part.strip(), _("Dieses Projekt gibt es im Programm nicht.")
                )
            elif project not in found:
                found.append(project)
        data["projects"] = found


def _parse(row: _Row, lookups: _Lookups) -> dict[str, Any]:
    data: dict[str, Any] = {}
    _texts(row, data)
    level = _level(row, "maturity", required=True)
    if level is not None:
        data["maturity"] = level
    if row.has("target_level"):
        data["target_level"] = _level(row, "target_level", required=False)
    if row.has("target_date"):
        data["target_date"] = _date(row)
        if data["target_date"] and data.get("target_level") is None and not row.problems:
            row.problem(
                "target_date",
                row.value("target_date"),
                _("Zu einem Zieltermin gehört ein Ziel-Reifegrad."),
            )
    _relations(row, lookups, data)
    return data


def _differences(service: PublicService, data: dict[str, Any], lookups: _Lookups) -> list[str]:
    changed: list[str] = []
    for name, value in data.items():
        if name == "projects":
            if {p.pk for p in value} != lookups.project_ids.get(service.pk, set()):
                changed.append(FIELD_LABELS[name])
        elif name == "org_unit":
            if service.org_unit_id != (value.pk if value else None):
                changed.append(FIELD_LABELS[name])
        elif getattr(service, name) != value:
            changed.append(FIELD_LABELS[name])
    return changed


def _match(
    row: _Row, data: dict[str, Any], lookups: _Lookups, seen: dict[str, int]
) -> tuple[bool, PublicService | None]:
    """The existing service the row updates (None: a new one); False if the row conflicts."""
    key = data.get("leika_key") or ""
    name = _norm(str(data.get("name", "")))
    identity = f"leika:{key}" if key else f"name:{name}"
    if identity in seen:
        row.problem(
            "leika_key" if key else "name",
            key or str(data.get("name", "")),
            _("Dieselbe Leistung steht schon in Zeile %(row)s.") % {"row": seen[identity]},
        )
        return False, None
    seen[identity] = row.number
    service = lookups.by_leika.get(key) if key else None
    if service is None:
        service = lookups.by_name.get(name)
        if service is not None and key and service.leika_key and service.leika_key != key:
            row.problem(
                "name",
                str(data.get("name", "")),
                _(
                    "Eine Leistung mit dieser Bezeichnung hat im Katalog einen anderen "
                    "LeiKa-Schlüssel (%(key)s)."
                )
                % {"key": service.leika_key},
            )
            return False, None
    elif name and lookups.by_name.get(name, service) != service:
        row.problem(
            "name",
            str(data.get("name", "")),
            _("Diese Bezeichnung trägt im Katalog schon eine andere Leistung."),
        )
        return False, None
    if key and name:
        name_key = f"name:{name}"
        if name_key in seen and seen[name_key] != row.number:
            row.problem(
                "name",
                str(data.get("name", "")),
                _("Dieselbe Bezeichnung steht schon in Zeile %(row)s.") % {"row": seen[name_key]},
            )
            return False, None
        seen[name_key] = row.number
    return True, service


def check(programme: Programme, header: list[str], rows: list[list[str]]) -> Checked:
    """Match and validate every row; nothing is written."""
    result = Checked(rows=len(rows))
    index, written, problems = _columns(header)
    if problems:
        result.problems.extend(problems)
        return result
    if len(rows) > MAX_ROWS:
        result.problems.append(
            Problem(
                0,
                "",
                "",
                _("Mehr als %(n)s Zeilen; bitte teilen Sie die Datei auf.") % {"n": MAX_ROWS},
            )
        )
        return result
    lookups = _lookups(programme)
    seen: dict[str, int] = {}
    for number, cells in enumerate(rows, start=2):  # row 1 is the header
        row = _Row(number, cells, index, written)
        data = _parse(row, lookups)
        if not row.problems:
            ok, service = _match(row, data, lookups, seen)
            if ok:
                changed = _differences(service, data, lookups) if service else []
                result.changes.append(Change(number, service, data, changed))
        result.problems.extend(row.problems)
    if not result.changes and not result.problems:
        result.problems.append(Problem(0, "", "", _("Die Datei enthält keine Zeilen.")))
    return result


@transaction.atomic
def apply(programme: Programme, checked: Checked, *, user: AbstractBaseUser | None = None) -> int:
    """Write every change or none. Returns how many services were created or changed."""
    if checked.problems:
        raise ValidationError([str(p) for p in checked.problems])
    written = 0
    for change in checked.changes:
        if not change.writes:
            continue
        try:
            if change.service is None:
                services.public_service_create(
                    programme=programme, data=change.data, user=user, notify=False
                )
            else:
                services.public_service_update(
                    service=change.service,
                    data=change.data,
                    expected_version=change.service.version,
                    user=user,
                    notify=False,
                )
        except ValidationError as exc:
            messages = exc.messages
            raise ValidationError(
                [str(Problem(change.row, "", change.name, m)) for m in messages]
            ) from exc
        written += 1
    if written:
        services.catalogue_changed_notify(programme=programme, user=user)
    return written
