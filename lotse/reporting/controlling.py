"""Plan-vs-actual controlling for the PMO: milestone slippage and reports on time.

Definitions (shown on the page, too):
- A milestone's delay is its actual date minus the planned date once done; before that, its
  forecast (or planned) date minus the planned date, or today minus the planned date once
  that date has passed. Delays below zero (early) count as zero in averages.
- A milestone is on time when its delay is zero or less.
- A report is on time when it was first submitted on or before the period's due date (a
  returned and resubmitted report keeps the time of its first submission).
Four queries however large the programme: projects, milestones, periods, report counts.
"""

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field
from datetime import date

from django.db.models import Count
from django.db.models import F
from django.db.models import Q
from django.utils import formats
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.documents.svg import bar_chart
from lotse.documents.svg import period_chart
from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project

from .cockpit import milestone_delay
from .models import SILENT_STAGES
from .models import Milestone
from .models import ReportingPeriod
from .models import StatusReport

CHART_PROJECTS = 20  # the delay chart shows the projects with the largest delay


@dataclass
class MilestoneStats:
    count: int = 0
    on_time: int = 0
    delays: list[int] = field(default_factory=list)

    def add(self, delay: int) -> None:
        self.count += 1
        self.on_time += delay <= 0
        self.delays.append(max(delay, 0))

    @property
    def late(self) -> int:
        return self.count - self.on_time

    @property
    def share_on_time(self) -> float | None:
        return self.on_time / self.count if self.count else None

    @property
    def percent_on_time(self) -> float | None:
        share = self.share_on_time
        return None if share is None else share * 100

    @property
    def average_delay(self) -> float | None:
        return sum(self.delays) / self.count if self.count else None

    @property
    def max_delay(self) -> int | None:
        return max(self.delays) if self.delays else None


@dataclass
class ProjectLine:
    project: Project
    stats: MilestoneStats


@dataclass
class FieldLine:
    field: FieldOfAction
    stats: MilestoneStats


@dataclass
class PeriodLine:
    period: ReportingPeriod
    expected: int
    on_time: int
    late: int

    @property
    def missing(self) -> int:
        return max(self.expected - self.on_time - self.late, 0)

    @property
    def percent_on_time(self) -> float | None:
        return self.on_time / self.expected * 100 if self.expected else None

    @property
    def label(self) -> str:
        return formats.date_format(self.period.end, "m/y")


def milestone_controlling(programme: Programme, today: date) -> dict:
    """Delay and share on time per project (largest delay first), per field, in total."""
    projects = {
        p.pk: p
        for p in Project.objects.filter(programme=programme)
        .exclude(stage="cancelled")
        .select_related("field_of_action")
    }
    per_project: dict[int, MilestoneStats] = defaultdict(MilestoneStats)
    per_field: dict[int, MilestoneStats] = defaultdict(MilestoneStats)
    total = MilestoneStats()
    for project_id, planned, forecast, actual in Milestone.objects.filter(
        project__programme=programme
    ).values_list("project_id", "planned_date", "forecast_date", "actual_date"):
        project = projects.get(project_id)
        if project is None:
            continue
        delay = milestone_delay(planned, forecast, actual, today)
        per_project[project_id].add(delay)
        per_field[project.field_of_action_id].add(delay)
        total.add(delay)
    project_lines = sorted(
        (ProjectLine(projects[pid], stats) for pid, stats in per_project.items()),
        key=lambda line: (-(line.stats.max_delay or 0), -line.stats.late, line.project.title),
    )
    fields = {p.field_of_action_id: p.field_of_action for p in projects.values()}
    field_lines = sorted(
        (FieldLine(fields[fid], stats) for fid, stats in per_field.items()),
        key=lambda line: (line.field.order, line.field.name),
    )
    return {"projects": project_lines, "fields": field_lines, "total": total}


def report_punctuality(programme: Programme, periods: list[ReportingPeriod]) -> list[PeriodLine]:
    """Per period: reports submitted by the due date, late, and missing.

    Expected are the projects that owe reports now and existed by the period's end, or the
    reports actually there if that is more (projects that have since finished).
    """
    created = sorted(
        timezone.localdate(ts)
        for ts in Project.objects.filter(programme=programme)
        .exclude(stage__in=SILENT_STAGES)
        .values_list("created_at", flat=True)
    )
    counts = {
        row["period_id"]: row
        # Periods not stored yet (pk None) have no reports.
        for row in StatusReport.objects.filter(period__in=[p.pk for p in periods if p.pk])
        .values("period_id")
        .annotate(
            on_time=Count("pk", filter=Q(first_submitted_at__date__lte=F("period__due_date"))),
            late=Count("pk", filter=Q(first_submitted_at__date__gt=F("period__due_date"))),
        )
        .order_by()
    }
    lines = []
    for period in periods:
        row = (
            counts.get(period.pk, {"on_time": 0, "late": 0})
            if period.pk
            else {"on_time": 0, "late": 0}
        )
        expected = max(bisect_right(created, period.end), row["on_time"] + row["late"])
        lines.append(PeriodLine(period, expected, row["on_time"], row["late"]))
    return lines


def charts(milestones: dict, periods: list[PeriodLine]) -> dict:
    """The three SVG charts of the controlling page; their tables are on the page."""
    worst = [line for line in milestones["projects"] if line.stats.max_delay][:CHART_PROJECTS]
    return {
        "delay": bar_chart(
            chart_id="chart-delay",
            title=_("Größter Meilenstein-Verzug je Projekt (Tage)"),
            desc=_(
                "Die %(n)d Projekte mit dem größten Verzug eines Meilensteins gegenüber dem "
                "Plan; die Tabelle unter der Grafik enthält dieselben Zahlen."
            )
            % {"n": len(worst)},
            items=[(line.project.title, line.stats.max_delay) for line in worst],
            unit=" " + _("Tage"),
        ),
        "fields": bar_chart(
            chart_id="chart-fields",
            title=_("Termintreue je Themenfeld (Anteil pünktlicher Meilensteine)"),
            desc=_("Anteil der Meilensteine je Themenfeld, die im Plan liegen, in Prozent."),
            items=[(line.field.name, line.stats.percent_on_time) for line in milestones["fields"]],
            unit=" %",
            max_value=100,
        ),
        "reports": period_chart(
            chart_id="chart-reports",
            title=_("Pünktlich eingereichte Berichte je Periode"),
            desc=_(
                "Anteil der erwarteten Statusberichte, die bis zum Fälligkeitstag eingereicht "
                "wurden, für die letzten %(n)d Berichtsperioden, in Prozent."
            )
            % {"n": len(periods)},
            items=[(line.label, line.percent_on_time) for line in periods],
            unit=" %",
            max_value=100,
            kind="line",
        ),
    }
