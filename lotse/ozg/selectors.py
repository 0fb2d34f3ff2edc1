"""Reads of the OZG catalogue: visibility, the overview (distribution by maturity level now
and over time, by org unit, progress towards the targets), a service's history, and the
count a key result reads. Every page costs the same number of queries for ten services as for
five hundred: the live rows in one query, the whole history in one more.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from typing import Any

from django.db.models import Prefetch
from django.db.models import Q
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.http import AnyUser
from lotse.http import require_perm
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project

from .models import Channel
from .models import Level
from .models import PublicService

LEVELS: list[int] = [int(level) for level in Level.values]
MAX_PERIODS = 12


def get_service_for(user: AnyUser, pk: int, perm: str = "ozg.view_catalogue") -> PublicService:
    """The service if the user may read its programme and `perm` holds, else 404 / 403."""
    service = (
        PublicService.objects.select_related("programme", "org_unit")
        .prefetch_related(Prefetch("projects", queryset=Project.objects.order_by("title")))
        .filter(pk=pk)
        .first()
    )
    if service is None:
        raise Http404
    if not user.has_perm("ozg.view_catalogue", service.programme):
        raise Http404
    require_perm(user, perm, service if perm == "ozg.change_service" else service.programme)
    return service


def services_of(programme: Programme) -> QuerySet[PublicService]:
    return (
        PublicService.objects.filter(programme=programme)
        .select_related("org_unit")
        .prefetch_related(Prefetch("projects", queryset=Project.objects.order_by("title")))
        .order_by("name", "pk")
    )


@dataclass
class Filters:
    query: str = ""
    org_unit: int | None = None
    level: int | None = None
    channel: str = ""
    project: int | None = None

    @property
    def active(self) -> bool:
        return bool(
            self.query
            or self.org_unit is not None
            or self.level is not None
            or self.channel
            or self.project is not None
        )


def _int(text: str | None) -> int | None:
    if not text or not text.isdigit() or len(text) > 9:
        return None
    return int(text)


def parse_filters(params: Any) -> Filters:
    """Filters from the query string; unknown values are ignored instead of failing."""
    level = _int(params.get("reifegrad"))
    channel = params.get("zugang") or ""
    return Filters(
        query=(params.get("q") or "").strip()[:100],
        org_unit=_int(params.get("einheit")),
        level=level if level in LEVELS else None,
        channel=channel if channel in Channel.values else "",
        project=_int(params.get("projekt")),
    )


def catalogue_rows(programme: Programme, filters: Filters | None = None) -> QuerySet[PublicService]:
    rows = services_of(programme)
    if filters is None:
        return rows
    if filters.query:
        rows = rows.filter(
            Q(name__icontains=filters.query)
            | Q(leika_key__icontains=filters.query)
            | Q(ozg_field__icontains=filters.query)
            | Q(bundle__icontains=filters.query)
        )
    if filters.org_unit is not None:
        rows = rows.filter(org_unit_id=filters.org_unit)
    if filters.level is not None:
        rows = rows.filter(maturity=filters.level)
    if filters.channel:
        rows = rows.filter(channel=filters.channel)
    if filters.project is not None:
        rows = rows.filter(projects__id=filters.project)
    return rows


# --- the overview ------------------------------------------------------------------------


@dataclass
class LevelCount:
    level: int
    label: str
    count: int


class ByLevel:
    """Counts of services by maturity level (`counts`), their total and one row per level."""

    counts: dict[int, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def rows(self) -> list[int]:
        return [self.counts.get(level, 0) for level in LEVELS]


@dataclass
class Period(ByLevel):
    """The distribution by maturity level at the end of a quarter (or today)."""

    label: str
    end: date
    counts: dict[int, int]


@dataclass
class UnitRow(ByLevel):
    unit: OrgUnit | None
    counts: dict[int, int] = field(default_factory=dict)
    with_target: int = 0
    reached: int = 0
    overdue: int = 0

    @property
    def label(self) -> str:
        return str(self.unit) if self.unit is not None else _("ohne Organisationseinheit")


@dataclass
class Progress:
    with_target: int = 0
    reached: int = 0
    overdue: int = 0
    due_soon: int = 0

    @property
    def percent(self) -> int | None:
        if not self.with_target:
            return None
        return round(100 * self.reached / self.with_target)


@dataclass
class Overview:
    total: int
    levels: list[LevelCount]
    periods: list[Period]
    units: list[UnitRow]
    progress: Progress
    overdue: list[PublicService]


def level_labels() -> list[tuple[int, str]]:
    return [(int(value), str(label)) for value, label in Level.choices]


def _quarter_end(day: date) -> date:
    month = ((day.month - 1) // 3 + 1) * 3
    following = date(day.year + (month == 12), month % 12 + 1, 1)
    return following - timedelta(days=1)


def _quarter_label(day: date) -> str:
    return _("Q%(q)s/%(y)s") % {"q": (day.month - 1) // 3 + 1, "y": day.year}


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


def _period_ends(first: date, today: date) -> list[date]:
    ends: list[date] = []
    end = _quarter_end(first)
    while end < today:
        ends.append(end)
        end = _quarter_end(end + timedelta(days=1))
    ends.append(today)
    return ends[-MAX_PERIODS:]


def timeline(programme: Programme, today: date) -> list[Period]:
    """The distribution by maturity level at the end of each quarter since the first recorded
    service (at most the last twelve quarters; the last period ends today). One query."""
    records = (
        PublicService.history.filter(programme_id=programme.pk, history_date__lte=_end_of(today))
        .order_by("history_date", "history_id")
        .values_list("id", "history_date", "history_type", "maturity")
    )
    state: dict[int, int] = {}
    periods: list[Period] = []
    ends: list[date] | None = None
    index = 0
    for service_id, moment, kind, maturity in records.iterator():
        day = timezone.localdate(moment)
        if ends is None:
            ends = _period_ends(day, today)
        while index < len(ends) and day > ends[index]:
            periods.append(_snapshot(state, ends[index], today))
            index += 1
        if kind == "-":
            state.pop(service_id, None)
        else:
            state[service_id] = maturity
    if ends is None:
        return []
    while index < len(ends):
        periods.append(_snapshot(state, ends[index], today))
        index += 1
    return periods


def _snapshot(state: dict[int, int], end: date, today: date) -> Period:
    counts: dict[int, int] = defaultdict(int)
    for maturity in state.values():
        counts[maturity] += 1
    label = _("heute") if end == today else _quarter_label(end)
    return Period(label=label, end=end, counts=dict(counts))


def distribution_as_of(programme_id: int, moment: datetime | None = None) -> dict[int, int]:
    """How many services of the programme had each maturity level at `moment` (now if None).
    Reproduced from the history: one query."""
    if moment is None:
        rows = PublicService.objects.filter(programme_id=programme_id).values_list("id", "maturity")
        state = dict(rows)
    else:
        state = {}
        records = (
            PublicService.history.filter(programme_id=programme_id, history_date__lte=moment)
            .order_by("history_date", "history_id")
            .values_list("id", "history_type", "maturity")
        )
        for service_id, kind, maturity in records.iterator():
            if kind == "-":
                state.pop(service_id, None)
            else:
                state[service_id] = maturity
    counts: dict[int, int] = defaultdict(int)
    for maturity in state.values():
        counts[maturity] += 1
    return dict(counts)


def count_at_least(programme_id: int, level: int, moment: datetime | None = None) -> int:
    """How many services of the programme had at least maturity `level` at `moment` (now if
    None) — the value of a key result that reads from the catalogue."""
    return sum(n for lvl, n in distribution_as_of(programme_id, moment).items() if lvl >= level)


def _unit_rows(services: Iterable[PublicService], today: date) -> tuple[list[UnitRow], Progress]:
    units: dict[int | None, UnitRow] = {}
    progress = Progress()
    soon = today + timedelta(days=90)
    for service in services:
        row = units.get(service.org_unit_id)
        if row is None:
            row = units[service.org_unit_id] = UnitRow(unit=service.org_unit)
        row.counts[service.maturity] = row.counts.get(service.maturity, 0) + 1
        if service.target_level is None:
            continue
        row.with_target += 1
        progress.with_target += 1
        if service.maturity >= service.target_level:
            row.reached += 1
            progress.reached += 1
        elif service.target_date is not None and service.target_date < today:
            row.overdue += 1
            progress.overdue += 1
        elif service.target_date is not None and service.target_date <= soon:
            progress.due_soon += 1
    ordered = sorted(units.values(), key=lambda r: (r.unit is None, r.unit.code if r.unit else ""))
    return ordered, progress


def overview(programme: Programme, today: date | None = None) -> Overview:
    """The catalogue's overview page: two queries, whatever the number of services."""
    today = today or timezone.localdate()
    services = list(PublicService.objects.filter(programme=programme).select_related("org_unit"))
    counts: dict[int, int] = defaultdict(int)
    for service in services:
        counts[service.maturity] += 1
    units, progress = _unit_rows(services, today)
    overdue = sorted(
        (
            s
            for s in services
            if s.target_level is not None
            and s.maturity < s.target_level
            and s.target_date is not None
            and s.target_date < today
        ),
        key=lambda s: (s.target_date or today, s.name),
    )
    return Overview(
        total=len(services),
        levels=[LevelCount(level, label, counts.get(level, 0)) for level, label in level_labels()],
        periods=timeline(programme, today),
        units=units,
        progress=progress,
        overdue=overdue[:50],
    )


# --- a service's history -------------------------------------------------------------------


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class Version:
    when: datetime
    who: str
    kind: str
    changes: list[Change]


HISTORY_FIELDS = [
    "name",
    "leika_key",
    "ozg_field",
    "bundle",
    "org_unit_id",
    "maturity",
    "target_level",
    "target_date",
    "channel",
    "note",
]


def _display(name: str, value: Any, units: dict[int, OrgUnit]) -> str:
    if value is None or value == "":
        return "–"
    if name == "org_unit_id":
        unit = units.get(value)
        return str(unit) if unit else str(value)
    if name in ("maturity", "target_level"):
        return str(Level(value).label)
    if name == "channel":
        return str(Channel(value).label) if value in Channel.values else str(value)
    if name == "target_date":
        return value.strftime("%d.%m.%Y")
    return str(value)


def _label(name: str) -> str:
    model_field = PublicService._meta.get_field(name.removesuffix("_id"))
    return str(getattr(model_field, "verbose_name", name))


def service_history(service: PublicService, limit: int = 100) -> list[Version]:
    """Who changed what when, newest first: two queries however long the history."""
    records = list(
        service.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    unit_ids = {r.org_unit_id for r in records if r.org_unit_id is not None}
    units = {u.pk: u for u in OrgUnit.objects.filter(pk__in=unit_ids)} if unit_ids else {}
    linked = _projects_by_version(records)
    versions: list[Version] = []
    for i, record in enumerate(records[:limit]):
        older = records[i + 1] if i + 1 < len(records) else None
        changes: list[Change] = []
        for name in HISTORY_FIELDS:
            new = getattr(record, name)
            old = getattr(older, name) if older is not None else None
            if older is None and new in (None, ""):
                continue
            if older is None or old != new:
                changes.append(
                    Change(_label(name), _display(name, old, units), _display(name, new, units))
                )
        if older is not None and linked[record.history_id] != linked[older.history_id]:
            changes.append(
                Change(
                    _("Projekte"),
                    _titles(linked[older.history_id]),
                    _titles(linked[record.history_id]),
                )
            )
        user = record.history_user
        who = (user.get_full_name() or user.get_username()) if user is not None else _("System")
        versions.append(
            Version(record.history_date, who, record.get_history_type_display(), changes)
        )
    return versions


def _projects_by_version(records: list[Any]) -> dict[int, tuple[str, ...]]:
    """The titles of the raising projects in each historical version: one query."""
    result: dict[int, tuple[str, ...]] = {r.history_id: () for r in records}
    if not records:
        return result
    through = PublicService.history.model._meta.get_field(
        "historicalpublicservice_projects"
    ).related_model
    rows = (
        through.objects.filter(history_id__in=list(result))
        .order_by("project__title")
        .values_list("history_id", "project__title")
    )
    grouped: dict[int, list[str]] = defaultdict(list)
    for history_id, title in rows:
        grouped[history_id].append(title)
    return {key: tuple(grouped.get(key, ())) for key in result}


def _titles(titles: tuple[str, ...]) -> str:
    return ", ".join(titles) if titles else "–"


# The catalogue as open data (public page, CSV and JSON): (name, description) per column.
OPEN_DATA_COLUMNS = [
    ("name", "Bezeichnung der Leistung"),
    ("leika_key", "Schlüssel im Leistungskatalog (LeiKa), leer wenn unbekannt"),
    ("ozg_field", "OZG-Themenfeld"),
    ("bundle", "OZG-Leistungsbündel"),
    ("org_unit", "verantwortliche Organisationseinheit"),
    ("maturity", "Reifegrad heute (0–4)"),
    ("target_level", "Ziel-Reifegrad (0–4), leer ohne Ziel"),
    ("target_date", "Zieltermin (ISO 8601), leer ohne Ziel"),
    ("channel", "Online-Zugang"),
    ("projects", "veröffentlichte Projekte, die den Reifegrad heben (durch „; “ getrennt)"),
]


def open_data_rows(programme: Programme) -> list[list[Any]]:
    """One row per service of the catalogue (columns as OPEN_DATA_COLUMNS); only projects
    that are published themselves are named. Two queries however large the catalogue."""
    services = (
        PublicService.objects.filter(programme=programme)
        .select_related("org_unit")
        .prefetch_related(
            Prefetch(
                "projects",
                queryset=Project.objects.filter(published=True).order_by("title"),
                to_attr="published_projects",
            )
        )
        .order_by("name", "pk")
    )
    return [
        [
            service.name,
            service.leika_key,
            service.ozg_field,
            service.bundle,
            service.org_unit.name if service.org_unit else "",
            service.maturity,
            service.target_level,
            service.target_date.isoformat() if service.target_date else None,
            service.get_channel_display(),
            "; ".join(p.title for p in service.published_projects),
        ]
        for service in services
    ]
