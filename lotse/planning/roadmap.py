"""The programme roadmap: every project by field of action on one time axis, its phases as
bars (its planned start and end where it has no phases), milestones planned and forecast,
today's line, the dependencies between the projects and their knock-on.

Reads only; the page, the PDF, the table and the API all take a `Roadmap` from `roadmap()`.
The number of queries is fixed: fields, the count and one page of projects, their phases,
milestones and dependencies, and the knock-on's own few. A programme with more projects
than `COLLAPSE_AT` shows one summary line per field (counted in the database) until a field
is chosen; a field's projects come in pages of `PAGE_SIZE`.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import timedelta

from django.core.paginator import Page
from django.core.paginator import Paginator
from django.db.models import Count
from django.db.models import Max
from django.db.models import Min
from django.db.models import Q
from django.db.models import QuerySet
from django.utils import formats
from django.utils.translation import gettext as _

from lotse.portfolio.models import Dependency
from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.reporting.models import Milestone
from lotse.reporting.signals import KnockOn

from .knockon import PHASE_FIELDS
from .knockon import programme_knock_ons
from .models import Phase

PAGE_SIZE = 100
COLLAPSE_AT = 150


class Zoom:
    QUARTER = "quartal"
    YEAR = "jahr"
    ALL = "gesamt"
    CHOICES = ((YEAR, "Jahr"), (QUARTER, "Quartal"), (ALL, "Gesamtlaufzeit"))


@dataclass(frozen=True)
class Filters:
    zoom: str = Zoom.YEAR
    year: int | None = None
    quarter: int | None = None
    field: int | None = None
    stage: str = ""
    org_unit: int | None = None
    knock_on_only: bool = False
    page: int = 1


@dataclass(frozen=True)
class Tick:
    day: date
    label: str


@dataclass(frozen=True)
class Window:
    start: date
    end: date
    zoom: str
    label: str
    ticks: list[Tick]
    previous: dict[str, str] | None = None  # query parameters of the previous window
    next: dict[str, str] | None = None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, start: date, end: date) -> bool:
        return start <= self.end and end >= self.start


@dataclass(frozen=True)
class Bar:
    label: str
    start: date
    end: date
    planned_end: date | None
    is_phase: bool

    @property
    def late_days(self) -> int:
        return (self.end - self.planned_end).days if self.planned_end else 0


@dataclass(frozen=True)
class MilestoneMark:
    title: str
    planned: date
    forecast: date | None
    actual: date | None

    @property
    def expected(self) -> date:
        return self.actual or self.forecast or self.planned

    @property
    def moved(self) -> bool:
        return self.expected != self.planned


@dataclass
class Row:
    project: Project
    bars: list[Bar]
    milestones: list[MilestoneMark]
    waits_for: list[KnockOn] = field(default_factory=list)
    delays: list[KnockOn] = field(default_factory=list)

    @property
    def start(self) -> date | None:
        return min((b.start for b in self.bars), default=None)

    @property
    def end(self) -> date | None:
        return max((b.end for b in self.bars), default=None)

    @property
    def has_knock_on(self) -> bool:
        return bool(self.waits_for or self.delays)


@dataclass
class FieldBlock:
    field: FieldOfAction
    rows: list[Row]
    count: int
    start: date | None = None  # the span of the field's projects (collapsed view)
    end: date | None = None
    knock_on_count: int = 0


@dataclass(frozen=True)
class Arrow:
    upstream_id: int
    downstream_id: int
    kind: str
    kind_label: str
    knock_on: KnockOn | None


@dataclass
class Roadmap:
    programme: Programme
    today: date
    window: Window
    filters: Filters
    blocks: list[FieldBlock]
    arrows: list[Arrow]
    knock_ons: list[KnockOn]
    total: int
    collapsed: bool
    page: Page | None

    @property
    def rows(self) -> list[Row]:
        return [row for block in self.blocks for row in block.rows]


# --- the time window ----------------------------------------------------------------------


def _month_ticks(start: date, end: date, fmt: str) -> list[Tick]:
    ticks, day = [], start.replace(day=1)
    while day <= end:
        if day >= start:
            ticks.append(Tick(day, formats.date_format(day, fmt)))
        day = (day + timedelta(days=32)).replace(day=1)
    return ticks


def _quarter_ticks(start: date, end: date) -> list[Tick]:
    ticks = []
    for year in range(start.year, end.year + 1):
        for number in range(4):
            day = date(year, 3 * number + 1, 1)
            if start <= day <= end:
                ticks.append(Tick(day, f"Q{number + 1} {year}"))
    return ticks


def _year_ticks(start: date, end: date) -> list[Tick]:
    return [
        Tick(date(y, 1, 1), str(y))
        for y in range(start.year, end.year + 1)
        if date(y, 1, 1) >= start
    ]


def window_for(filters: Filters, today: date, span: tuple[date | None, date | None]) -> Window:
    """The window the zoom asks for: one quarter, one year, or the programme's whole span."""
    year = filters.year or today.year
    if filters.zoom == Zoom.QUARTER:
        number = filters.quarter or (today.month - 1) // 3 + 1
        start = date(year, 3 * number - 2, 1)
        last_month = 3 * number
        end = date(year, last_month, calendar.monthrange(year, last_month)[1])
        prev_q = (year, number - 1) if number > 1 else (year - 1, 4)
        next_q = (year, number + 1) if number < 4 else (year + 1, 1)
        return Window(
            start,
            end,
            Zoom.QUARTER,
            f"Q{number} {year}",
            _month_ticks(start, end, "F Y"),
            {"ansicht": Zoom.QUARTER, "jahr": str(prev_q[0]), "quartal": str(prev_q[1])},
            {"ansicht": Zoom.QUARTER, "jahr": str(next_q[0]), "quartal": str(next_q[1])},
        )
    if filters.zoom == Zoom.ALL:
        first, last = span
        start = date((first or today).year, 1, 1)
        end = date(max((last or today).year, start.year), 12, 31)
        ticks = _year_ticks(start, end) if end.year - start.year > 3 else _quarter_ticks(start, end)
        return Window(start, end, Zoom.ALL, _("Gesamtlaufzeit"), ticks)
    start, end = date(year, 1, 1), date(year, 12, 31)
    return Window(
        start,
        end,
        Zoom.YEAR,
        str(year),
        _month_ticks(start, end, "M"),
        {"ansicht": Zoom.YEAR, "jahr": str(year - 1)},
        {"ansicht": Zoom.YEAR, "jahr": str(year + 1)},
    )


# --- the projects -------------------------------------------------------------------------


def _projects(programme: Programme, filters: Filters, knocked: set[int]) -> QuerySet[Project]:
    projects = Project.objects.filter(programme=programme)
    if filters.field:
        projects = projects.filter(field_of_action_id=filters.field)
    if filters.stage:
        projects = projects.filter(stage=filters.stage)
    if filters.org_unit:
        projects = projects.filter(org_unit_id=filters.org_unit)
    if filters.knock_on_only:
        projects = projects.filter(pk__in=knocked)
    return projects


def _bars(project: Project, phases: list[tuple]) -> list[Bar]:
    bars = []
    for name, p_start, p_end, f_start, f_end, started, closed in phases:
        start = started or f_start or p_start
        end = closed or f_end or p_end
        if start is None or end is None:
            continue
        bars.append(Bar(name, start, max(start, end), p_end, True))
    if not bars and project.planned_start and project.planned_end:
        bars.append(
            Bar(_("Projektlaufzeit"), project.planned_start, project.planned_end, None, False)
        )
    return bars


def _rows(projects: list[Project], found: list[KnockOn]) -> list[Row]:
    ids = [p.pk for p in projects]
    phases: dict[int, list[tuple]] = defaultdict(list)
    for pid, *values in (
        Phase.objects.filter(project_id__in=ids)
        .order_by("project_id", "order", "pk")
        .values_list("project_id", *PHASE_FIELDS)
    ):
        phases[pid].append(tuple(values))
    marks: dict[int, list[MilestoneMark]] = defaultdict(list)
    for pid, title, planned, forecast, actual in (
        Milestone.objects.filter(project_id__in=ids)
        .order_by("project_id", "planned_date", "order", "pk")
        .values_list("project_id", "title", "planned_date", "forecast_date", "actual_date")
    ):
        marks[pid].append(MilestoneMark(title, planned, forecast, actual))
    waits: dict[int, list[KnockOn]] = defaultdict(list)
    delays: dict[int, list[KnockOn]] = defaultdict(list)
    for knock_on in found:
        waits[knock_on.downstream_id].append(knock_on)
        delays[knock_on.upstream_id].append(knock_on)
    rows = []
    for project in projects:
        row = Row(project, _bars(project, phases[project.pk]), marks[project.pk])
        row.waits_for, row.delays = waits[project.pk], delays[project.pk]
        rows.append(row)
    return rows


def _arrows(ids: set[int], found: list[KnockOn]) -> list[Arrow]:
    """The dependencies between two projects on the page, upstream → downstream; a synergy
    is drawn from its source without an arrowhead."""
    by_dependency = {k.dependency_id: k for k in found}
    arrows = []
    for pk, source, target, kind in Dependency.objects.filter(
        source_id__in=ids, target_id__in=ids
    ).values_list("id", "source_id", "target_id", "kind"):
        upstream, downstream = (
            (target, source) if kind == Dependency.Kind.NEEDS else (source, target)
        )
        label = str(Dependency.Kind(kind).label)
        arrows.append(Arrow(upstream, downstream, kind, label, by_dependency.get(pk)))
    return arrows


def _collapsed(
    projects: QuerySet[Project], fields: list[FieldOfAction], found: list[KnockOn]
) -> list[FieldBlock]:
    """One summary block per field: how many projects, their span, how many knock-ons."""
    stats = {
        row["field_of_action_id"]: row
        for row in projects.values("field_of_action_id").annotate(
            n=Count("pk"), first=Min("planned_start"), last=Max("planned_end")
        )
    }
    knocked = {k.downstream_id for k in found}
    counts = dict(
        projects.filter(pk__in=knocked)
        .values("field_of_action_id")
        .annotate(n=Count("pk"))
        .values_list("field_of_action_id", "n")
    )
    return [
        FieldBlock(
            f,
            [],
            stats[f.pk]["n"],
            stats[f.pk]["first"],
            stats[f.pk]["last"],
            counts.get(f.pk, 0),
        )
        for f in fields
        if f.pk in stats
    ]


def roadmap(programme: Programme, filters: Filters, today: date) -> Roadmap:
    found = programme_knock_ons(programme, today)
    knocked = {k.downstream_id for k in found} | {k.upstream_id for k in found}
    projects = _projects(programme, filters, knocked)
    fields = list(programme.fields_of_action.order_by("order", "name"))
    span = Project.objects.filter(programme=programme).aggregate(
        first=Min("planned_start"), last=Max("planned_end")
    )
    window = window_for(filters, today, (span["first"], span["last"]))
    total = projects.count()
    if total > COLLAPSE_AT and not filters.field:
        blocks = _collapsed(projects, fields, found)
        return Roadmap(programme, today, window, filters, blocks, [], found, total, True, None)
    ordered = projects.select_related("field_of_action").order_by(
        "field_of_action__order", "field_of_action__name", "title", "pk"
    )
    page = Paginator(ordered, PAGE_SIZE).get_page(filters.page)
    rows = _rows(list(page.object_list), found)
    by_field: dict[int, list[Row]] = defaultdict(list)
    for row in rows:
        by_field[row.project.field_of_action_id].append(row)
    blocks = [FieldBlock(f, by_field[f.pk], len(by_field[f.pk])) for f in fields if by_field[f.pk]]
    arrows = _arrows({r.project.pk for r in rows}, found)
    return Roadmap(programme, today, window, filters, blocks, arrows, found, total, False, page)


# --- the dependency map -------------------------------------------------------------------

# More nodes than this make the drawing unreadable; the map then shows the table only.
MAP_LIMIT = 120


@dataclass(frozen=True)
class Link:
    dependency_id: int
    source: Project
    target: Project
    kind: str
    kind_label: str
    note: str
    knock_on: KnockOn | None


@dataclass
class DependencyMap:
    programme: Programme
    today: date
    fields: list[FieldOfAction]
    links: list[Link]
    knock_ons: list[KnockOn]
    page: Page

    @property
    def nodes(self) -> list[Project]:
        seen: dict[int, Project] = {}
        for link in self.links:
            seen.setdefault(link.source.pk, link.source)
            seen.setdefault(link.target.pk, link.target)
        return list(seen.values())

    @property
    def drawable(self) -> bool:
        return 0 < len(self.nodes) <= MAP_LIMIT


def dependency_map(
    programme: Programme, today: date, *, kind: str = "", page: int = 1
) -> DependencyMap:
    """Every dependency with a project of the programme on either side (needs, blocks,
    synergy), with the knock-on it carries today; in pages of `PAGE_SIZE` * 2."""
    found = programme_knock_ons(programme, today)
    by_dependency = {k.dependency_id: k for k in found}
    dependencies = (
        Dependency.objects.filter(Q(source__programme=programme) | Q(target__programme=programme))
        .select_related("source__field_of_action", "target__field_of_action")
        .order_by("source__field_of_action__order", "source__title", "kind", "target__title", "pk")
    )
    if kind:
        dependencies = dependencies.filter(kind=kind)
    current = Paginator(dependencies, PAGE_SIZE * 2).get_page(page)
    links = [
        Link(
            d.pk,
            d.source,
            d.target,
            d.kind,
            str(d.get_kind_display()),
            d.note,
            by_dependency.get(d.pk),
        )
        for d in current.object_list
    ]
    fields = list(programme.fields_of_action.order_by("order", "name"))
    return DependencyMap(programme, today, fields, links, found, current)
