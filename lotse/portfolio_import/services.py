"""The portfolio import: projects, milestones, risks and past status reports of a programme
from a city's spreadsheet. Preview first, then all or nothing.

- Every problem is named with sheet, row, column, value and why, in German; one problem
  anywhere and nothing is written.
- The same file twice changes nothing: projects are matched by title within the programme,
  milestones and risks by title within their project, reports by project and reporting
  period; an unchanged row writes nothing, a changed one updates the object (recorded now).
- New objects carry their own dates in the history (`lotse.history.valid_from`): a project
  is valid from its earliest date in the file (start, milestone plan, first report), a report
  from its report date (submitted and accepted on that day, its snapshot frozen then), so
  every view "as of" an earlier day shows them.
- People (project leads) are matched by display name, full name or user name, org units by
  name, code or both as Lotse's exports write them ("FB 23 – Fachbereich Bildung"); what
  cannot be matched is listed and left empty, not guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.history import at
from lotse.history import backdate
from lotse.history import valid_from
from lotse.http import AnyUser
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.portfolio.models import Stage
from lotse.reporting import services as reporting
from lotse.reporting.models import Milestone
from lotse.reporting.models import Rating
from lotse.reporting.models import ReportingPeriod
from lotse.reporting.models import Risk
from lotse.reporting.models import StatusReport
from lotse.reporting.periods import ensure_periods

from .columns import MILESTONES
from .columns import PROJECTS
from .columns import REPORTS
from .columns import RISKS
from .columns import SHEETS
from .columns import Column
from .reader import Sheet

TRUE = {"ja", "j", "x", "1", "wahr", "true", "yes"}
FALSE = {"nein", "n", "", "0", "falsch", "false", "no"}


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int
    column: str
    value: str
    why: str

    def __str__(self) -> str:
        return _("%(sheet)s, Zeile %(row)s, Spalte „%(column)s“ („%(value)s“): %(why)s") % {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "why": self.why,
        }


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class Result:
    problems: list[Problem] = field(default_factory=list)
    unmatched_people: dict[str, list[int]] = field(default_factory=dict)
    unmatched_units: dict[str, list[int]] = field(default_factory=dict)
    counts: dict[str, Counts] = field(default_factory=lambda: {s: Counts() for s in SHEETS})
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def changes(self) -> int:
        return sum(c.created + c.updated for c in self.counts.values())


class _RowError(Exception):
    def __init__(self, column: Column, value: str, why: str):
        self.column, self.value, self.why = column, value, why


# --- cell parsing ----------------------------------------------------------------------------


def _date(column: Column, value: str) -> date | None:
    if not value:
        return None
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
        try:
            parsed = datetime.strptime(value, pattern).date()  # noqa: DTZ007 - a day, no time
        except ValueError:
            continue
        if not date(1900, 1, 1) <= parsed <= date(2200, 12, 31):
            raise _RowError(column, value, _("liegt nicht zwischen 1900 und 2200."))
        return parsed
    raise _RowError(column, value, _("kein Datum im Format TT.MM.JJJJ."))


def _choice(column: Column, value: str, choices: Any) -> str | None:
    if not value:
        return None
    wanted = value.strip().lower()
    for code, label in choices.choices:
        if wanted in (str(code).lower(), str(label).lower()):
            return str(code)
    labels = ", ".join(str(label) for _code, label in choices.choices)
    raise _RowError(
        column, value, _("unbekannter Wert; erlaubt sind: %(labels)s.") % {"labels": labels}
    )


def _light(column: Column, value: str) -> str | None:
    return _choice(column, value, Rating)


def _bool(column: Column, value: str) -> bool:
    wanted = value.strip().lower()
    if wanted in TRUE:
        return True
    if wanted in FALSE:
        return False
    raise _RowError(column, value, _("bitte „ja“ oder „nein“."))


def _score(column: Column, value: str) -> int:
    if not re.fullmatch(r"[1-4]", value.strip()):
        raise _RowError(column, value, _("eine ganze Zahl von 1 bis 4."))
    return int(value)


def _text(column: Column, value: str, limit: int) -> str:
    if len(value) > limit:
        raise _RowError(column, value[:40] + "…", _("höchstens %(n)s Zeichen.") % {"n": limit})
    return value


# --- matching --------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


class Directory:
    """People and org units by the names a spreadsheet uses."""

    def __init__(self) -> None:
        self.people: dict[str, Any] = {}
        ambiguous: set[str] = set()
        for user in get_user_model().objects.filter(is_active=True):
            for name in {
                user.get_username(),
                user.get_full_name(),
                getattr(user, "display_name", ""),
            }:
                key = _norm(name or "")
                if not key:
                    continue
                if key in self.people and self.people[key].pk != user.pk:
                    ambiguous.add(key)
                self.people[key] = user
        for key in ambiguous:  # two people of the same name: not guessed
            self.people.pop(key, None)
        self.units: dict[str, OrgUnit] = {}
        for unit in OrgUnit.objects.all():
            # by name, code, or both as the exports write them ("9012 – Strategische Steuerung")
            for name in (unit.name, unit.code, str(unit)):
                self.units[_norm(name)] = unit


# --- the import ------------------------------------------------------------------------------


def _columns(sheet: Sheet, result: Result) -> dict[str, int] | None:
    """Column key → index in the sheet's rows; missing required columns are problems."""
    wanted = SHEETS[sheet.name]
    index = {_norm(h): i for i, h in enumerate(sheet.header)}
    found = {}
    for column in wanted:
        position = index.get(_norm(column.heading))
        if position is None and column.heading != column.heading.split(" (")[0]:
            position = index.get(_norm(column.heading.split(" (")[0]))
        if position is not None:
            found[column.key] = position
        elif column.required:
            result.problems.append(
                Problem(
                    sheet.name,
                    1,
                    column.heading,
                    "",
                    _("Die Pflichtspalte fehlt in der Kopfzeile."),
                )
            )
    return found if all(c.key in found for c in wanted if c.required) else None


def _values(sheet: Sheet, positions: dict[str, int], cells: list[str]) -> dict[str, str]:
    return {
        key: (cells[position].strip() if position < len(cells) else "")
        for key, position in positions.items()
    }


@dataclass
class _Row:
    number: int
    values: dict[str, Any]


class _Cells:
    """Reads a row's cells; every cell's problem is collected, not only the first."""

    def __init__(self) -> None:
        self.errors: list[_RowError] = []

    def __call__(self, read: Callable[..., Any], *args: Any) -> Any:
        try:
            return read(*args)
        except _RowError as exc:
            self.errors.append(exc)
            return None

    def problem(self, column: Column, value: str, why: str) -> None:
        self.errors.append(_RowError(column, value, why))


def _parse(
    sheet: Sheet | None,
    result: Result,
    parse: Callable[[dict[str, str], dict[str, Column], _Cells], dict[str, Any]],
) -> list[_Row]:
    """Every row's values; every problem of every row becomes a Problem (all of them, so a
    city corrects its file once, not once per problem)."""
    if sheet is None:
        return []
    positions = _columns(sheet, result)
    if positions is None:
        return []
    by_key = {c.key: c for c in SHEETS[sheet.name]}
    parsed = []
    for number, cells in sheet.rows:
        raw = _values(sheet, positions, cells)
        missing = [c for key, c in by_key.items() if c.required and not raw.get(key)]
        take = _Cells()
        values = parse(raw, by_key, take)
        errors = [_RowError(c, "", _("Pflichtangabe fehlt.")) for c in missing]
        errors += [e for e in take.errors if e.column not in missing]
        for exc in errors:
            result.problems.append(
                Problem(sheet.name, number, exc.column.heading, exc.value, exc.why)
            )
        if not errors:
            parsed.append(_Row(number, values))
    return parsed


def _project_values(raw: dict[str, str], c: dict[str, Column], take: _Cells) -> dict[str, Any]:
    values: dict[str, Any] = {
        "title": take(_text, c["title"], raw["title"], 200),
        "field": raw["field"],
        "stage": take(_choice, c["stage"], raw.get("stage", ""), Stage),
        "kind": take(_choice, c["kind"], raw.get("kind", ""), Project.Kind),
        "lead": raw.get("lead", ""),
        "org_unit": raw.get("org_unit", ""),
        "planned_start": take(_date, c["planned_start"], raw.get("planned_start", "")),
        "planned_end": take(_date, c["planned_end"], raw.get("planned_end", "")),
        "goals": raw.get("goals", "").replace(" | ", "\n"),
        "description": raw.get("description", ""),
        "published": take(_bool, c["published"], raw.get("published", "")),
    }
    start, end = values["planned_start"], values["planned_end"]
    if start and end and end < start:
        take.problem(c["planned_end"], raw["planned_end"], _("Das Ende liegt vor dem Beginn."))
    return values


def _milestone_values(raw: dict[str, str], c: dict[str, Column], take: _Cells) -> dict[str, Any]:
    return {
        "project": raw["project"],
        "title": take(_text, c["title"], raw["title"], 200),
        "planned_date": take(_date, c["planned_date"], raw["planned_date"]),
        "forecast_date": take(_date, c["forecast_date"], raw.get("forecast_date", "")),
        "actual_date": take(_date, c["actual_date"], raw.get("actual_date", "")),
    }


def _risk_values(raw: dict[str, str], c: dict[str, Column], take: _Cells) -> dict[str, Any]:
    return {
        "project": raw["project"],
        "title": take(_text, c["title"], raw["title"], 200),
        "probability": take(_score, c["probability"], raw["probability"]),
        "impact": take(_score, c["impact"], raw["impact"]),
        "owner": take(_text, c["owner"], raw.get("owner", ""), 150),
        "mitigation": raw.get("mitigation", ""),
        "status": take(_choice, c["status"], raw.get("status", ""), Risk.Status)
        or Risk.Status.OPEN,
    }


def _report_values(raw: dict[str, str], c: dict[str, Column], take: _Cells) -> dict[str, Any]:
    day = take(_date, c["date"], raw["date"])
    if day and day > timezone.localdate():
        take.problem(c["date"], raw["date"], _("Das Berichtsdatum liegt in der Zukunft."))
    values: dict[str, Any] = {"project": raw["project"], "date": day}
    for light in ("overall", "schedule", "budget"):
        rating = take(_light, c[light], raw.get(light, ""))
        values[light] = rating or Rating.GREEN
        note = raw.get(f"{light}_note", "")
        values[f"{light}_note"] = note
        if rating and rating != Rating.GREEN and not note:
            take.problem(
                c[f"{light}_note"],
                "",
                _("„%(light)s“ ist nicht grün; bitte erläutern.") % {"light": c[light].heading},
            )
    for text in ("summary", "achievements", "next_steps"):
        values[text] = raw.get(text, "")
    return values


def _match_projects(programme: Programme, projects: list[_Row], result: Result) -> dict[str, _Row]:
    """The file's projects by normalised title: duplicates and unknown fields are problems,
    leads and org units are matched by name (what is not found is listed, left empty)."""
    directory = Directory()
    fields = {_norm(f.name): f for f in programme.fields_of_action.all()}
    in_file: dict[str, _Row] = {}
    for row in projects:
        key = _norm(row.values["title"])
        if key in in_file:
            why = _("Das Projekt steht schon in Zeile %(row)s.") % {"row": in_file[key].number}
            result.problems.append(Problem(PROJECTS, row.number, "Titel", row.values["title"], why))
            continue
        in_file[key] = row
        row.values["field"], name = fields.get(_norm(row.values["field"])), row.values["field"]
        if row.values["field"] is None:
            known = ", ".join(f.name for f in fields.values()) or "–"
            why = _("Dieses Themenfeld gibt es im Programm nicht (vorhanden: %(known)s).") % {
                "known": known
            }
            result.problems.append(Problem(PROJECTS, row.number, "Themenfeld", name, why))
        for key_, found, unmatched in (
            ("lead", directory.people, result.unmatched_people),
            ("org_unit", directory.units, result.unmatched_units),
        ):
            name = row.values[key_]
            row.values[key_] = found.get(_norm(name)) if name else None
            if name and row.values[key_] is None:
                unmatched.setdefault(name, []).append(row.number)
    return in_file


def _check_references(known_titles: set[str], parts: dict[str, list[_Row]], result: Result) -> None:
    """Milestones, risks and reports name a project of the file or the programme, once each."""
    for sheet_name, rows in parts.items():
        seen: dict[tuple[str, Any], int] = {}
        for row in rows:
            key = _norm(row.values["project"])
            if key not in known_titles:
                why = _("Dieses Projekt steht weder im Blatt „Projekte“ noch im Programm.")
                result.problems.append(
                    Problem(sheet_name, row.number, "Projekt", row.values["project"], why)
                )
                continue
            second = row.values.get("title") or row.values.get("date")
            if (key, second) in seen:
                why = _("Derselbe Eintrag steht schon in Zeile %(row)s.") % {
                    "row": seen[(key, second)]
                }
                result.problems.append(
                    Problem(sheet_name, row.number, "Projekt", row.values["project"], why)
                )
            seen[(key, second)] = row.number


def _titles(sheet: Sheet | None) -> set[str]:
    if sheet is None:
        return set()
    headers = [_norm(h) for h in sheet.header]
    if _norm("Titel") not in headers:
        return set()
    position = headers.index(_norm("Titel"))
    return {_norm(cells[position]) for _n, cells in sheet.rows if position < len(cells)}


def run_import(
    *, programme: Programme, user: AnyUser, sheets: dict[str, Sheet], commit: bool
) -> Result:
    """Check everything, then write everything in one transaction. Without `commit` (the
    preview) the transaction is rolled back at its end, so the preview counts exactly what
    the import would create, change and leave; with problems nothing is written at all."""
    result = Result()
    projects = _parse(sheets.get(PROJECTS), result, _project_values)
    parts = {
        MILESTONES: _parse(sheets.get(MILESTONES), result, _milestone_values),
        RISKS: _parse(sheets.get(RISKS), result, _risk_values),
        REPORTS: _parse(sheets.get(REPORTS), result, _report_values),
    }
    existing = {_norm(p.title): p for p in programme.projects.all()}
    in_file = _match_projects(programme, projects, result)
    # A project row with a problem still counts as named: its milestones, risks and reports
    # are not refused a second time for it.
    named = _titles(sheets.get(PROJECTS))
    _check_references(set(in_file) | set(existing) | named, parts, result)
    if parts[REPORTS]:
        _check_periods(programme, parts[REPORTS], result)
    if result.problems:
        return result
    try:
        with transaction.atomic():
            by_title = _write_projects(programme, existing, in_file, parts, result)
            _write_parts(by_title, parts, result)
            _write_reports(programme, user, by_title, parts[REPORTS], result)
            if result.problems or not commit:
                raise _Rollback
    except _Rollback:
        if result.problems:
            result.counts = {s: Counts() for s in SHEETS}
        return result
    result.committed = True
    return result


class _Rollback(Exception):
    pass


def _check_periods(programme: Programme, reports: list[_Row], result: Result) -> None:
    """Every report date must fall into a reporting period of the programme."""
    periods = list(ReportingPeriod.objects.filter(programme=programme).order_by("start"))
    config = getattr(programme, "reporting_config", None)
    first = config.first_period_start if config else None
    for row in reports:
        day = row.values["date"]
        if any(p.start <= day <= p.end for p in periods):
            continue
        if first is not None and day >= first:
            continue  # the period is created on import
        result.problems.append(
            Problem(
                REPORTS,
                row.number,
                "Berichtsdatum",
                day.strftime("%d.%m.%Y"),
                _(
                    "Für diesen Tag hat das Programm keinen Berichtszeitraum (Berichte "
                    "beginnen am %(first)s); bitte zuerst den Berichtsrhythmus einstellen."
                )
                % {"first": first.strftime("%d.%m.%Y") if first else "–"},
            )
        )


PROJECT_FIELDS = (
    "field_of_action",
    "stage",
    "kind",
    "lead",
    "org_unit",
    "planned_start",
    "planned_end",
    "goals",
    "description",
    "published",
)


def _project_data(values: dict[str, Any]) -> dict[str, Any]:
    data = {
        "field_of_action": values["field"],
        "lead": values["lead"],
        "org_unit": values["org_unit"],
        "planned_start": values["planned_start"],
        "planned_end": values["planned_end"],
        "goals": values["goals"],
        "description": values["description"],
        "published": values["published"],
    }
    if values["stage"]:
        data["stage"] = values["stage"]
    if values["kind"]:
        data["kind"] = values["kind"]
    return data


def _update(obj: Any, data: dict[str, Any]) -> bool:
    changed = [name for name, value in data.items() if getattr(obj, name) != value]
    if not changed:
        return False
    for name in changed:
        setattr(obj, name, data[name])
    obj._change_reason = "Portfolio-Import"
    obj.save()
    return True


def _earliest(*days: date | None) -> date:
    found = [d for d in days if d]
    today = timezone.localdate()
    return min([*found, today]) if found else today


def _write_projects(
    programme: Programme,
    existing: dict[str, Project],
    in_file: dict[str, _Row],
    parts: dict[str, list[_Row]],
    result: Result,
) -> dict[str, Project]:
    now = timezone.now()
    first_day: dict[str, date] = {}
    for rows, attribute in ((parts[MILESTONES], "planned_date"), (parts[REPORTS], "date")):
        for row in rows:
            key = _norm(row.values["project"])
            first_day[key] = min(first_day.get(key, row.values[attribute]), row.values[attribute])
    by_title: dict[str, Project] = dict(existing)
    for key, row in in_file.items():
        data = _project_data(row.values)
        project = existing.get(key)
        if project is None:
            day = _earliest(row.values["planned_start"], first_day.get(key))
            moment = min(at(day, 8), now - timedelta(seconds=10))
            with valid_from(moment):
                project = Project(programme=programme, title=row.values["title"], **data)
                project._change_reason = "Portfolio-Import"  # type: ignore[attr-defined]
                project.full_clean()
                project.save()
            backdate(project, created_at=moment)
            result.counts[PROJECTS].created += 1
        elif _update(project, data):
            result.counts[PROJECTS].updated += 1
        else:
            result.counts[PROJECTS].unchanged += 1
        by_title[key] = project
    return by_title


PART_FIELDS = {
    MILESTONES: (Milestone, "milestones", ("planned_date", "forecast_date", "actual_date")),
    RISKS: (Risk, "risks", ("probability", "impact", "owner", "mitigation", "status")),
}


def _write_parts(
    by_title: dict[str, Project], parts: dict[str, list[_Row]], result: Result
) -> None:
    now = timezone.now()
    for sheet_name, (model, related, names) in PART_FIELDS.items():
        for row in parts[sheet_name]:
            project = by_title[_norm(row.values["project"])]
            data = {name: row.values[name] for name in names}
            found = getattr(project, related).filter(title=row.values["title"]).first()
            if found is None:
                with valid_from(_moment_for(project, now), strict=False):
                    model._default_manager.create(
                        project=project, title=row.values["title"], **data
                    )
                result.counts[sheet_name].created += 1
            elif _update(found, data):
                result.counts[sheet_name].updated += 1
            else:
                result.counts[sheet_name].unchanged += 1


def _write_reports(
    programme: Programme,
    user: AnyUser,
    by_title: dict[str, Project],
    reports: list[_Row],
    result: Result,
) -> None:
    if not reports:
        return
    now = timezone.now()
    periods = ensure_periods(programme, max(row.values["date"] for row in reports))
    for row in sorted(reports, key=lambda r: r.values["date"]):
        project = by_title[_norm(row.values["project"])]
        day = row.values["date"]
        period = next((p for p in periods if p.start <= day <= p.end), None)
        if period is None:
            why = _("Für diesen Tag hat das Programm keinen Berichtszeitraum.")
            result.problems.append(
                Problem(REPORTS, row.number, "Berichtsdatum", day.strftime("%d.%m.%Y"), why)
            )
            continue
        if StatusReport.objects.filter(project=project, period=period).exists():
            result.counts[REPORTS].unchanged += 1
            continue
        _report(project, period, row, user, now)
        result.counts[REPORTS].created += 1


def _moment_for(project: Project, now: datetime) -> datetime:
    """New parts of a project are valid from the project's first record."""
    first = project.history.order_by("history_date").values_list("history_date", flat=True).first()
    return min(first or now, now - timedelta(seconds=1))


def _report(
    project: Project, period: ReportingPeriod, row: _Row, user: AnyUser, now: datetime
) -> None:
    """A past report, written, submitted and accepted on its report date (its snapshot holds
    the milestones and risks of that day)."""
    day = row.values["date"]
    moment = min(at(day, 12), now - timedelta(seconds=2))
    data = {k: v for k, v in row.values.items() if k not in ("project", "date")}
    with valid_from(moment, strict=False):
        report = reporting.report_start(project=project, period=period, user=user)
        try:
            report = reporting.report_update(
                report=report, data=data, expected_version=report.version
            )
            report = reporting.report_submit(report=report, user=user)
            report = reporting.report_accept(report=report, user=user)
        except ValidationError as exc:
            raise ValidationError(
                _("Statusberichte, Zeile %(row)s: %(why)s")
                % {"row": row.number, "why": " ".join(exc.messages)}
            ) from exc
    backdate(
        report,
        created_at=moment,
        submitted_at=moment,
        first_submitted_at=moment,
        reviewed_at=moment,
    )
