"""Reads: permission-checking getters and the data of the planning pages."""

import heapq
from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from decimal import Decimal
from itertools import islice
from typing import Any

from django.db.models import Prefetch
from django.db.models import Q
from django.db.models import QuerySet
from django.utils import timezone

from lotse.boards.models import Card
from lotse.finance.models import BudgetLine
from lotse.governance.models import Decision
from lotse.governance.models import DecisionKind
from lotse.governance.models import Meeting
from lotse.http import AnyUser
from lotse.http import get_checked
from lotse.http import get_or_404
from lotse.hygiene import clamp_date
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.portfolio.models import Stage
from lotse.portfolio.workdays import calendar_for

from . import capacity as cap
from .models import Allocation
from .models import Availability
from .models import CapacityUnit
from .models import Estimate
from .models import Gate
from .models import Phase
from .models import Step
from .models import WorkPackage
from .models import WorkPackageCard


def get_project_for(user: AnyUser, pk: int, perm: str = "planning.view_plan") -> Project:
    return get_checked(
        Project.objects.select_related("programme"), user, "portfolio.view_project", perm, pk=pk
    )


def get_programme_for(user: AnyUser, slug: str, perm: str = "planning.view_capacity") -> Programme:
    return get_checked(Programme.objects.all(), user, perm, slug=slug)


def get_phase_for(user: AnyUser, pk: int, perm: str = "planning.view_plan") -> Phase:
    return get_checked(
        Phase.objects.select_related("project__programme"), user, "planning.view_plan", perm, pk=pk
    )


def get_work_package_for(user: AnyUser, pk: int, perm: str = "planning.view_plan") -> WorkPackage:
    return get_checked(
        WorkPackage.objects.select_related("project__programme", "phase", "owner", "org_unit"),
        user,
        "planning.view_plan",
        perm,
        pk=pk,
    )


def get_gate_for(user: AnyUser, phase_pk: int, perm: str = "planning.view_plan") -> Gate:
    """The gate at the end of a phase; `perm` is checked on the phase."""
    phase = get_phase_for(user, phase_pk, perm)
    return get_or_404(Gate.objects.select_related("phase__project__programme"), phase=phase)


def get_estimate_for(user: AnyUser, pk: int, perm: str = "planning.change_plan") -> Estimate:
    """An effort estimate; `perm` is checked on its work package."""
    estimate = get_or_404(Estimate.objects.all(), pk=pk)
    get_work_package_for(user, estimate.work_package_id, perm)
    return estimate


def get_availability_for(
    user: AnyUser, pk: int, perm: str = "planning.manage_capacity"
) -> Availability:
    """An availability row; `perm` is checked on its programme."""
    availability = get_or_404(
        Availability.objects.select_related("programme", "org_unit", "person"), pk=pk
    )
    get_programme_for(user, availability.programme.slug, perm)
    return availability


def get_allocation_for(
    user: AnyUser, pk: int, perm: str = "planning.manage_capacity"
) -> Allocation:
    """A direct allocation; `perm` is checked on its project."""
    allocation = get_or_404(Allocation.objects.select_related("project"), pk=pk)
    get_project_for(user, allocation.project_id, perm)
    return allocation


# --- the project's plan and its progress -----------------------------------------------------


@dataclass
class WorkPackageRow:
    work_package: WorkPackage
    steps: list[Step]
    estimates: list[Estimate]
    cards: list[Card]
    hours: Decimal
    actual_hours: Decimal
    done_items: int
    items: int
    progress: int  # whole percent


@dataclass
class PhaseRow:
    phase: Phase | None
    gate: Gate | None
    work_packages: list[WorkPackageRow]
    progress: int | None
    previous_gate_open: bool = False

    @property
    def hours(self) -> Decimal:
        """The estimated hours of its work packages."""
        return sum((r.hours for r in self.work_packages), Decimal("0"))


@dataclass
class ProjectPlan:
    project: Project
    phases: list[PhaseRow]
    hours: Decimal
    actual_hours: Decimal
    progress: int | None
    work_package_count: int

    @property
    def is_empty(self) -> bool:
        return not self.work_package_count and not any(r.phase for r in self.phases)


def work_package_progress(
    work_package: WorkPackage, steps: list[Step], cards: list[Card]
) -> tuple[int, int, int]:
    """(done items, items, percent): done steps and cards in a done column count; a done
    work package is complete whatever its items."""
    items = len(steps) + len(cards)
    done = sum(1 for s in steps if s.done) + sum(1 for c in cards if c.column.is_done)
    if work_package.status == WorkPackage.Status.DONE:
        return done, items, 100
    percent = round(done * 100 / items) if items else 0
    return done, items, percent


def _weighted(rows: list[WorkPackageRow]) -> int | None:
    """Progress of several work packages, weighted by their estimated hours (by count if none
    has an estimate)."""
    if not rows:
        return None
    total = sum((r.hours for r in rows), Decimal("0"))
    if total > 0:
        return round(sum(r.hours * r.progress for r in rows) / total)
    return round(sum(r.progress for r in rows) / len(rows))


def project_plan(project: Project, *, gates: bool = True) -> ProjectPlan:
    """Phases with their gates and work packages, hours and progress, in five queries.
    Without `gates` (the progress summary): no gates, owners or estimate details joined, and
    every row's `gate` is None."""
    phase_qs = Phase.objects.filter(project=project).order_by("order", "pk")
    packages_qs = WorkPackage.objects.filter(project=project)
    estimate_qs = Estimate.objects.all()
    if gates:
        phase_qs = phase_qs.select_related("gate__decision__meeting__series", "gate__passed_by")
        packages_qs = packages_qs.select_related("owner", "org_unit")
        estimate_qs = estimate_qs.select_related("org_unit", "person")
    phases = list(phase_qs)
    packages = list(
        packages_qs.prefetch_related(
            Prefetch("steps", queryset=Step.objects.order_by("order", "pk")),
            Prefetch("estimates", queryset=estimate_qs),
            Prefetch(
                "card_links",
                queryset=WorkPackageCard.objects.select_related("card__column"),
            ),
            "actual_efforts",
        ).order_by("order", "pk")
    )
    by_phase: dict[int | None, list[WorkPackageRow]] = {}
    for wp in packages:
        steps = list(wp.steps.all())
        cards = [link.card for link in wp.card_links.all()]
        estimates = list(wp.estimates.all())
        done, items, percent = work_package_progress(wp, steps, cards)
        by_phase.setdefault(wp.phase_id, []).append(
            WorkPackageRow(
                work_package=wp,
                steps=steps,
                estimates=estimates,
                cards=cards,
                hours=sum((e.hours for e in estimates), Decimal("0")),
                actual_hours=sum((a.hours for a in wp.actual_efforts.all()), Decimal("0")),
                done_items=done,
                items=items,
                progress=percent,
            )
        )
    rows = []
    previous_open = False
    for phase in phases:
        wps = by_phase.get(phase.pk, [])
        gate = getattr(phase, "gate", None) if gates else None
        rows.append(
            PhaseRow(
                phase=phase,
                gate=gate,
                work_packages=wps,
                progress=100 if phase.status == Phase.Status.CLOSED else _weighted(wps),
                previous_gate_open=previous_open,
            )
        )
        previous_open = gate is not None and not gate.passed
    if by_phase.get(None):
        wps = by_phase[None]
        rows.append(
            PhaseRow(
                phase=None,
                gate=None,
                work_packages=wps,
                progress=_weighted(wps),
            )
        )
    all_rows = [r for row in rows for r in row.work_packages]
    return ProjectPlan(
        project=project,
        phases=rows,
        hours=sum((r.hours for r in all_rows), Decimal("0")),
        actual_hours=sum((r.actual_hours for r in all_rows), Decimal("0")),
        progress=_weighted(all_rows),
        work_package_count=len(all_rows),
    )


@dataclass
class ProgressSummary:
    """What the Steckbrief and the cockpit show of the plan."""

    project: Project
    current_phase: Phase | None
    phases: list[tuple[Phase, int | None]]
    progress: int | None
    hours: Decimal
    work_package_count: int


def progress_summary(project: Project) -> ProgressSummary:
    plan = project_plan(project, gates=False)
    current = next(
        (r.phase for r in plan.phases if r.phase and r.phase.status == Phase.Status.ACTIVE), None
    )
    return ProgressSummary(
        project=project,
        current_phase=current,
        phases=[(r.phase, r.progress) for r in plan.phases if r.phase is not None],
        progress=plan.progress,
        hours=plan.hours,
        work_package_count=plan.work_package_count,
    )


def gate_decisions(project: Project) -> list[Decision]:
    """Gate decisions on the project not yet used by a gate."""
    return list(
        Decision.objects.filter(
            project_id=project.pk, kind=DecisionKind.PASS_GATE, gates__isnull=True
        )
        .select_related("meeting__series")
        .order_by("-decided_on")
    )


def meetings_for_gate(project: Project) -> list[Meeting]:
    """Meetings whose body may pass gates and whose minutes are still open."""
    return [
        m
        for m in Meeting.objects.filter(
            series__programme_id=project.programme_id,
            status=Meeting.Status.PLANNED,
            date__lte=timezone.localdate(),
        )
        .select_related("series")
        .order_by("-date")[:200]
        if DecisionKind.PASS_GATE in (m.series.powers or [])
    ]


# --- capacity ------------------------------------------------------------------------------

ZERO = Decimal("0")
# Projects that no longer ask for anybody's time.
FINISHED = (Stage.COMPLETED, Stage.CANCELLED)
UNASSIGNED = 0  # the key of demand that names no org unit


@dataclass
class Demand:
    """Demand in person-days per (org unit id, month) and per project within it, plus the
    hours whose work package has no dates."""

    cells: dict[tuple[int, date], dict[int, Decimal]] = field(default_factory=dict)
    unscheduled: dict[int, Decimal] = field(default_factory=dict)  # project id → hours

    def add(self, unit_id: int, month: date, project_id: int, days: Decimal) -> None:
        per_project = self.cells.setdefault((unit_id, month), {})
        per_project[project_id] = per_project.get(project_id, ZERO) + days

    def total(self, unit_id: int, month: date, without: int | None = None) -> Decimal:
        per_project = self.cells.get((unit_id, month), {})
        return sum((d for p, d in per_project.items() if p != without), ZERO)


def _unit_filter(unit_id: int) -> Q:
    """Estimates that count for this org unit: their own, else their package's, else their
    project's (UNASSIGNED: none of them has one)."""
    none = Q(org_unit__isnull=True)
    no_package_unit = Q(work_package__org_unit__isnull=True)
    if unit_id == UNASSIGNED:
        return none & no_package_unit & Q(work_package__project__org_unit__isnull=True)
    return (
        Q(org_unit_id=unit_id)
        | (none & Q(work_package__org_unit_id=unit_id))
        | (none & no_package_unit & Q(work_package__project__org_unit_id=unit_id))
    )


def _estimate_rows(projects: QuerySet[Project], unit_id: int | None = None) -> list[Any]:
    estimates = Estimate.objects.filter(work_package__project__in=projects)
    if unit_id is not None:
        estimates = estimates.filter(_unit_filter(unit_id))
    rows: list[Any] = list(
        estimates.exclude(work_package__project__stage__in=FINISHED).values(
            "hours",
            "org_unit_id",
            "work_package__org_unit_id",
            "work_package__project_id",
            "work_package__project__org_unit_id",
            "work_package__status",
            "work_package__planned_start",
            "work_package__planned_end",
            "work_package__phase__planned_start",
            "work_package__phase__planned_end",
            "work_package__phase__forecast_start",
            "work_package__phase__forecast_end",
        )
    )
    return rows


def _span(row: dict[str, Any]) -> tuple[date | None, date | None]:
    start = (
        row["work_package__planned_start"]
        or row["work_package__phase__forecast_start"]
        or row["work_package__phase__planned_start"]
    )
    end = (
        row["work_package__planned_end"]
        or row["work_package__phase__forecast_end"]
        or row["work_package__phase__planned_end"]
    )
    return start, end


def demand_of(
    projects: QuerySet[Project],
    months: list[date],
    counter: cap.WorkdayCounter,
    today: date | None = None,
    unit_id: int | None = None,
) -> Demand:
    """Demand of the projects' work packages (estimates spread over their dates; a done
    package asks nothing after the current month) and direct allocations, in two queries."""
    demand = Demand()
    first, last = months[0], months[-1]
    this_month = cap.month_start(today or timezone.localdate())
    for row in _estimate_rows(projects, unit_id):
        unit = (
            row["org_unit_id"]
            or row["work_package__org_unit_id"]
            or row["work_package__project__org_unit_id"]
            or UNASSIGNED
        )
        project_id = row["work_package__project_id"]
        start, end = _span(row)
        if start is not None and end is not None:
            start, end = clamp_date(start), clamp_date(end)
        if start is None or end is None:
            demand.unscheduled[project_id] = demand.unscheduled.get(project_id, ZERO) + row["hours"]
            continue
        if cap.month_start(end) < first or cap.month_start(start) > last:
            continue
        done = row["work_package__status"] == WorkPackage.Status.DONE
        for month, hours in cap.spread(row["hours"], start, end, counter).items():
            if first <= month <= last and not (done and month > this_month):
                demand.add(unit, month, project_id, cap.hours_to_days(hours))
    allocations = Allocation.objects.filter(
        project__in=projects, month__gte=first, month__lte=last
    ).exclude(project__stage__in=FINISHED)
    if unit_id is not None:
        allocations = allocations.filter(org_unit_id=unit_id)
    for alloc in allocations.values("org_unit_id", "project_id", "month", "person_days"):
        demand.add(alloc["org_unit_id"], alloc["month"], alloc["project_id"], alloc["person_days"])
    return demand


@dataclass
class Supply:
    """Availability per (org unit id, month) in person-days: all of it, and the share left
    for projects after line work. An org unit's own entry wins over the sum of its people."""

    total: dict[tuple[int, date], Decimal] = field(default_factory=dict)
    projects: dict[tuple[int, date], Decimal] = field(default_factory=dict)
    line_percent: dict[tuple[int, date], int] = field(default_factory=dict)


def supply_of(programme: Programme, months: list[date], counter: cap.WorkdayCounter) -> Supply:
    rows = Availability.objects.filter(
        programme=programme, month__gte=months[0], month__lte=months[-1]
    ).values("org_unit_id", "person_id", "month", "unit", "amount", "line_work_percent")
    own: dict[tuple[int, date], list[Any]] = defaultdict(list)
    people: dict[tuple[int, date], list[Any]] = defaultdict(list)
    for row in rows:
        key = (row["org_unit_id"], row["month"])
        (people if row["person_id"] else own)[key].append(row)
    supply = Supply()
    for key in set(own) | set(people):
        entries = own.get(key) or people[key]
        total = projects = ZERO
        for entry in entries:
            days = (
                cap.fte_to_person_days(entry["amount"], counter.in_month(entry["month"]))
                if entry["unit"] == CapacityUnit.FTE
                else entry["amount"]
            )
            total += days
            projects += cap.project_share(days, entry["line_work_percent"])
        supply.total[key] = total
        supply.projects[key] = projects
        supply.line_percent[key] = round((total - projects) * 100 / total) if total else 0
    return supply


@dataclass
class Cell:
    org_unit_id: int
    month: date
    demand: Decimal  # person-days
    capacity: Decimal  # person-days for projects
    total: Decimal  # person-days including line work
    percent: int | None
    level: str

    @property
    def line_days(self) -> Decimal:
        """Person-days the projects take from line work."""
        return max(ZERO, min(self.demand, self.total) - self.capacity)


@dataclass
class HeatRow:
    org_unit: OrgUnit | None
    cells: list[Cell]

    @property
    def name(self) -> str:
        return str(self.org_unit) if self.org_unit else "ohne Organisationseinheit"

    @property
    def unit_id(self) -> int:
        return self.org_unit.pk if self.org_unit else UNASSIGNED


@dataclass
class Cause:
    project_id: int
    title: str
    days: Decimal


# The overload list names this many causing projects per cell; the org unit's page has all.
TOP_CAUSES = 10


@dataclass
class Overload:
    row: HeatRow
    cell: Cell
    causes: list[Cause]  # the TOP_CAUSES largest
    cause_count: int


@dataclass
class HeatMap:
    programme: Programme
    months: list[date]
    rows: list[HeatRow]
    overloads: list[Overload]
    unscheduled_hours: Decimal
    projects: dict[int, str]

    @property
    def conflicts(self) -> list[Overload]:
        return [o for o in self.overloads if o.cell.level == "line_conflict"]


def _cell(unit: int, month: date, demand: Decimal, supply: Supply) -> Cell:
    capacity = supply.projects.get((unit, month), ZERO)
    total = supply.total.get((unit, month), ZERO)
    return Cell(
        org_unit_id=unit,
        month=month,
        demand=demand,
        capacity=capacity,
        total=total,
        percent=cap.load_percent(demand, capacity),
        level=cap.load_level(demand, capacity, total),
    )


def _programme_projects(programme: Programme) -> QuerySet[Project]:
    return Project.objects.filter(programme=programme)


def heat_map(programme: Programme, first: date, count: int = 12) -> HeatMap:
    """Org unit × month: demand against availability, the overloads and their causes. A fixed
    number of queries whatever the number of projects and work packages."""
    months = cap.months_from(first, count)
    counter = cap.WorkdayCounter(calendar_for(programme))
    projects = _programme_projects(programme)
    demand = demand_of(projects, months, counter)
    supply = supply_of(programme, months, counter)
    unit_ids = {u for u, _m in demand.cells} | {u for u, _m in supply.total}
    units = {u.pk: u for u in OrgUnit.objects.filter(pk__in=unit_ids - {UNASSIGNED})}
    titles = dict(Project.objects.filter(programme=programme).values_list("pk", "title"))
    rows = []
    for unit_id in sorted(unit_ids, key=lambda u: (u == UNASSIGNED, str(units.get(u, "")).lower())):
        row = HeatRow(
            org_unit=units.get(unit_id),
            cells=[_cell(unit_id, m, demand.total(unit_id, m), supply) for m in months],
        )
        rows.append(row)
    overloads = []
    for row in rows:
        for cell in row.cells:
            if cell.level in ("overload", "line_conflict") or (
                cell.level == "unknown" and row.org_unit is not None
            ):
                per_project = demand.cells.get((row.unit_id, cell.month), {})
                top = heapq.nlargest(TOP_CAUSES, per_project.items(), key=lambda pd: pd[1])
                causes = [Cause(p, titles.get(p, "?"), d) for p, d in top]
                overloads.append(
                    Overload(row=row, cell=cell, causes=causes, cause_count=len(per_project))
                )
    overloads.sort(key=lambda o: (-(o.cell.percent or 10**6), o.cell.month))
    return HeatMap(
        programme=programme,
        months=months,
        rows=rows,
        overloads=overloads,
        unscheduled_hours=sum(demand.unscheduled.values(), ZERO),
        projects=titles,
    )


@dataclass
class UnitProjectRow:
    project_id: int
    title: str
    days: list[Decimal]
    total: Decimal


@dataclass
class UnitLoad:
    """One org unit's months: capacity and the projects that make up its demand."""

    programme: Programme
    org_unit: OrgUnit | None
    months: list[date]
    cells: list[Cell]
    projects: list[UnitProjectRow]


def org_unit_load(
    programme: Programme, org_unit: OrgUnit | None, first: date, count: int = 12
) -> UnitLoad:
    months = cap.months_from(first, count)
    counter = cap.WorkdayCounter(calendar_for(programme))
    unit_id = org_unit.pk if org_unit else UNASSIGNED
    demand = demand_of(_programme_projects(programme), months, counter, unit_id=unit_id)
    supply = supply_of(programme, months, counter)
    project_ids = {p for (u, _m), per in demand.cells.items() if u == unit_id for p in per}
    titles = dict(Project.objects.filter(pk__in=project_ids).values_list("pk", "title"))
    rows = []
    for pid in project_ids:
        days = [demand.cells.get((unit_id, m), {}).get(pid, ZERO) for m in months]
        rows.append(UnitProjectRow(pid, titles.get(pid, "?"), days, sum(days, ZERO)))
    rows.sort(key=lambda r: (-r.total, r.title))
    return UnitLoad(
        programme=programme,
        org_unit=org_unit,
        months=months,
        cells=[_cell(unit_id, m, demand.total(unit_id, m), supply) for m in months],
        projects=rows,
    )


@dataclass
class CarrierRow:
    org_unit: OrgUnit | None
    days: list[Decimal]
    total: Decimal


@dataclass
class Carriers:
    """Who carries a project when: person-days per org unit and month."""

    months: list[date]
    rows: list[CarrierRow]
    unscheduled_hours: Decimal


def _project_months(project: Project) -> list[date]:
    """The months the project's plan covers (at most 36), else the next twelve."""
    spans = list(
        WorkPackage.objects.filter(project=project).values_list("planned_start", "planned_end")
    ) + list(Phase.objects.filter(project=project).values_list("planned_start", "planned_end"))
    allocations = Allocation.objects.filter(project=project).values_list("month", flat=True)
    # Allocation months are stored dates too: clamped like the spans, so 12/9999 cannot
    # take the page down.
    days = [clamp_date(d) for span in spans for d in span if d] + [
        clamp_date(m) for m in allocations
    ]
    if not days:
        return cap.months_from(timezone.localdate(), 12)
    return list(islice(cap.months_between(min(days), max(days)), 36))


def project_carriers(project: Project) -> Carriers:
    months = _project_months(project)
    counter = cap.WorkdayCounter(calendar_for(project.programme))
    demand = demand_of(Project.objects.filter(pk=project.pk), months, counter)
    unit_ids = {u for u, _m in demand.cells}
    units = {u.pk: u for u in OrgUnit.objects.filter(pk__in=unit_ids - {UNASSIGNED})}
    rows = []
    for unit_id in unit_ids:
        days = [demand.total(unit_id, m) for m in months]
        rows.append(CarrierRow(units.get(unit_id), days, sum(days, ZERO)))
    rows.sort(key=lambda r: (r.org_unit is None, -r.total))
    return Carriers(
        months=months, rows=rows, unscheduled_hours=demand.unscheduled.get(project.pk, ZERO)
    )


@dataclass
class ReleaseEffect:
    """What releasing a project does to one org unit's load."""

    org_unit: OrgUnit | None
    days: Decimal
    peak_month: date | None
    before: int | None
    after: int | None
    level_after: str


@dataclass
class ReleaseImpact:
    project: Project
    effects: list[ReleaseEffect]
    days: Decimal
    budget: Decimal | None


def release_impact(project: Project) -> ReleaseImpact:
    """Capacity demand of a project proposed for release, and the load of the org units
    concerned without and with it (in the month where it weighs most); its planned budget."""
    months = _project_months(project)
    counter = cap.WorkdayCounter(calendar_for(project.programme))
    demand = demand_of(_programme_projects(project.programme), months, counter)
    supply = supply_of(project.programme, months, counter)
    own: dict[int, dict[date, Decimal]] = defaultdict(dict)
    for (unit, month), per in demand.cells.items():
        if project.pk in per:
            own[unit][month] = per[project.pk]
    units = {u.pk: u for u in OrgUnit.objects.filter(pk__in=set(own) - {UNASSIGNED})}
    effects = []
    for unit, by_month in own.items():
        peak = max(by_month, key=lambda m: by_month[m])
        capacity = supply.projects.get((unit, peak), ZERO)
        total = supply.total.get((unit, peak), ZERO)
        with_it = demand.total(unit, peak)
        without = demand.total(unit, peak, without=project.pk)
        effects.append(
            ReleaseEffect(
                org_unit=units.get(unit),
                days=sum(by_month.values(), ZERO),
                peak_month=peak,
                before=cap.load_percent(without, capacity),
                after=cap.load_percent(with_it, capacity),
                level_after=cap.load_level(with_it, capacity, total),
            )
        )
    effects.sort(key=lambda e: -(e.after or 0))
    amounts = list(BudgetLine.objects.filter(project=project).values_list("amount", flat=True))
    return ReleaseImpact(
        project=project,
        effects=effects,
        days=sum((e.days for e in effects), ZERO),
        budget=sum(amounts, ZERO) if amounts else None,
    )


def phase_model_read(programme: Programme) -> tuple[Any, list[Any]]:
    """The programme's phase model and its phases, read only: if nobody set one up yet, the
    default of seed 003 as unsaved rows (a GET never writes; the first change stores it)."""
    from .models import PhaseModel
    from .models import PhaseTemplate
    from .services import DEFAULT_GATE_NAME
    from .services import DEFAULT_PHASES

    model = PhaseModel.objects.filter(programme=programme).first()
    if model is not None:
        return model, list(model.templates.all())
    model = PhaseModel(programme=programme)
    templates = [
        PhaseTemplate(order=order, name=name, description=text, gate_name=str(DEFAULT_GATE_NAME))
        for order, (name, text) in enumerate(DEFAULT_PHASES, start=1)
    ]
    return model, templates
