"""Collect a council report "as of" a moment from the recorded history.

Every domain model keeps its history (django-simple-history); `Model.history.as_of(moment)`
gives the rows as they were then. A project's lights, texts, milestones and risks come from
its latest status report that had been submitted or accepted by then (drafts never reach a
council), and from the report's frozen snapshot, as in the programme cockpit; a project
without such a report shows its milestones and risks as recorded at that moment.

The same moment therefore always gives the same report. The number of queries does not grow
with the number of projects.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from typing import TYPE_CHECKING
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils import timezone
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from lotse.accounts.models import ProgrammeRole
from lotse.history import earliest_record
from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.portfolio.models import Stage
from lotse.portfolio.models import StrategicGoal
from lotse.portfolio.selectors import STAGE_ORDER
from lotse.reporting.cockpit import milestone_delay
from lotse.reporting.models import LIGHTS
from lotse.reporting.models import DecisionRequest
from lotse.reporting.models import Milestone
from lotse.reporting.models import Rating
from lotse.reporting.models import ReportingPeriod
from lotse.reporting.models import Risk
from lotse.reporting.models import StatusReport
from lotse.reporting.presentation import risk_level

from . import achievement as okr_data
from .budgets import finance_section
from .data import Count
from .data import FieldSection
from .data import LightLine
from .data import MilestoneLine
from .data import PersonLine
from .data import ProjectPage
from .data import Report
from .data import RequestLine
from .data import RiskLine
from .data import StaffSection
from .decisions import decisions_in_period
from .decisions import escalations_in_period
from .history import records_at
from .kinds import KINDS
from .kinds import Kind

MISSING = "missing"
REPORTED = (StatusReport.State.SUBMITTED, StatusReport.State.ACCEPTED)
TOP_RISKS = 3
OUTLOOK_MONTHS = 6
LIGHT_ORDER = [Rating.RED, Rating.AMBER, Rating.GREEN, MISSING]


# --- dates ------------------------------------------------------------------------------


def moment_for(as_of: date, now: datetime | None = None) -> datetime:
    """The end of the as-of day in the local time zone; now, if that is still to come."""
    now = now or timezone.now()
    end = timezone.make_aware(datetime.combine(as_of + timedelta(days=1), time.min))
    end -= timedelta(microseconds=1)
    return min(end, now)


def shift_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), at the month's end if it is shorter."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


def period_of(kind: str, as_of: date) -> tuple[date, date]:
    """The `months` months up to and including the as-of day."""
    return shift_months(as_of + timedelta(days=1), -KINDS[kind].months), as_of


def _d(day: date | None) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT") if day else ""


def _local_day(moment: datetime | None) -> date | None:
    return timezone.localtime(moment).date() if moment else None


# --- reads from the history --------------------------------------------------------------


def _programme_record(programme: Programme, moment: datetime) -> Any:
    """The programme's historical record valid at `moment` (with its strategic goals)."""
    record = (
        Programme.history.filter(id=programme.pk, history_date__lte=moment)
        .order_by("-history_date", "-history_id")
        .first()
    )
    if record is None or record.history_type == "-":
        raise ValidationError({"as_of": _not_recorded_yet(programme)})
    return record


def _not_recorded_yet(programme: Programme) -> str:
    """The refusal for a day before anything was recorded, naming the earliest day that can
    be reproduced (the day of the programme's first record)."""
    first = earliest_record(Programme, id=programme.pk)
    if first is None:
        return _("Zu diesem Stand gab es das Programm in Lotse noch nicht.")
    return _(
        "Zu diesem Stand gab es das Programm in Lotse noch nicht. Der früheste Stand, der sich "
        "wiedergeben lässt, ist der %(day)s."
    ) % {"day": _d(_local_day(first))}


def _strategic_goals(record: Any, moment: datetime) -> list[str]:
    through = apps.get_model("portfolio", "HistoricalProgramme_strategic_goals")
    goal_ids = through.objects.filter(history=record).values_list("strategicgoal_id", flat=True)
    return list(
        records_at(StrategicGoal, moment)
        .filter(id__in=list(goal_ids))
        .order_by("order", "name")
        .values_list("name", flat=True)
    )


@dataclass(frozen=True)
class Reported:
    """A project's latest report as of the moment, with the period it was for."""

    report: StatusReport
    period: ReportingPeriod | None

    @property
    def start(self) -> date:
        return self.period.start if self.period else date.min


def _latest_reports(project_ids: list[int], moment: datetime) -> dict[int, Reported]:
    """Each project's report of the latest period that was submitted or accepted then."""
    reports = list(
        records_at(StatusReport, moment).filter(project_id__in=project_ids, state__in=REPORTED)
    )
    periods = {
        p.pk: p for p in ReportingPeriod.objects.filter(pk__in={r.period_id for r in reports})
    }
    latest: dict[int, Reported] = {}
    for report in reports:
        found = Reported(report, periods.get(report.period_id))
        best = latest.get(report.project_id)
        if best is None or found.start > best.start:
            latest[report.project_id] = found
    return latest


def _unit_label(unit: Any) -> str:
    """As `OrgUnit.__str__`, for a historical record."""
    if unit is None:
        return ""
    return f"{unit.code} – {unit.name}" if unit.name else unit.code


def _lines(text: str) -> list[str]:
    """One item per line, bullets stripped (as `Project.goal_list` does)."""
    return [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]


def _milestone(project: str, m: dict, as_of: date) -> MilestoneLine:
    delay = milestone_delay(m["planned_date"], m["forecast_date"], m["actual_date"], as_of)
    if m["actual_date"]:
        status = _("erreicht")
    elif delay > 0:
        status = _("verzögert")
    else:
        status = _("im Plan")
    return MilestoneLine(
        project=project,
        title=m["title"],
        planned=m["planned_date"],
        forecast=m["forecast_date"],
        actual=m["actual_date"],
        delay_days=delay,
        status_label=status,
    )


def _parse_day(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _snapshot_milestones(snapshot: dict) -> list[dict]:
    return [
        {
            "title": m["title"],
            **{k: _parse_day(m.get(k)) for k in ("planned_date", "forecast_date", "actual_date")},
        }
        for m in snapshot.get("milestones", [])
    ]


def _top_risks(risks: list[dict]) -> list[RiskLine]:
    live = [r for r in risks if r["status"] in (Risk.Status.OPEN, Risk.Status.OCCURRED)]
    live.sort(key=lambda r: (-r["probability"] * r["impact"], r["title"]))
    labels = dict(Risk.Status.choices)
    return [
        RiskLine(
            title=r["title"],
            probability=r["probability"],
            impact=r["impact"],
            level_label=str(risk_level(r["probability"], r["impact"])["label"]),
            status_label=str(labels.get(r["status"], r["status"])),
            mitigation=r.get("mitigation", ""),
        )
        for r in live[:TOP_RISKS]
    ]


def _live_details(project_ids: list[int], moment: datetime) -> tuple[dict, dict]:
    milestones: dict[int, list[dict]] = defaultdict(list)
    risks: dict[int, list[dict]] = defaultdict(list)
    if not project_ids:
        return milestones, risks
    for m in (
        records_at(Milestone, moment)
        .filter(project_id__in=project_ids)
        .order_by("planned_date", "order", "id")
    ):
        milestones[m.project_id].append(
            {
                "title": m.title,
                "planned_date": m.planned_date,
                "forecast_date": m.forecast_date,
                "actual_date": m.actual_date,
            }
        )
    for r in records_at(Risk, moment).filter(project_id__in=project_ids).order_by("id"):
        risks[r.project_id].append(
            {
                "title": r.title,
                "probability": r.probability,
                "impact": r.impact,
                "status": r.status,
                "mitigation": r.mitigation,
            }
        )
    return milestones, risks


def _requests(
    project_ids: list[int], titles: dict[int, str], moment: datetime, as_of: date
) -> list[RequestLine]:
    bodies = dict(DecisionRequest.Body.choices)
    states = dict(DecisionRequest.Status.choices)
    lines = []
    for d in (
        records_at(DecisionRequest, moment)
        .filter(project_id__in=project_ids)
        .order_by("needed_by", "id")
    ):
        lines.append(
            RequestLine(
                project_pk=d.project_id,
                project=titles.get(d.project_id, ""),
                question=d.question,
                addressed_to=d.addressed_to,
                addressed_label=str(bodies.get(d.addressed_to, d.addressed_to)),
                status=d.status,
                status_label=str(states.get(d.status, d.status)),
                needed_by=d.needed_by,
                raised_on=_local_day(d.created_at),
                overdue=bool(
                    d.status == DecisionRequest.Status.OPEN and d.needed_by and d.needed_by < as_of
                ),
            )
        )
    return lines


# --- building the report -----------------------------------------------------------------


def _counts(
    values: Sequence[str], order: Sequence[str], labels: Mapping[str, StrOrPromise]
) -> list[Count]:
    tally: dict[str, int] = defaultdict(int)
    for value in values:
        tally[value] += 1
    return [Count(key, str(labels[key]), tally[key]) for key in order if tally[key]]


STAGE_LABELS = dict(Stage.choices)


def _light_labels() -> dict[str, str]:
    return {**{k: str(v) for k, v in Rating.choices}, MISSING: _("kein Bericht")}


def _project_page(project: Project, ctx: dict) -> ProjectPage:
    found: Reported | None = ctx["reports"].get(project.id)
    report = found.report if found else None
    as_of = ctx["as_of"]
    if report is not None and report.snapshot:
        milestones = _snapshot_milestones(report.snapshot)
        risks = report.snapshot.get("risks", [])
    else:
        milestones = ctx["milestones"][project.id]
        risks = ctx["risks"][project.id]
    light_labels = _light_labels()
    if report is None:
        lights = [LightLine(n, str(label), MISSING, light_labels[MISSING]) for n, label in LIGHTS]
    else:
        lights = [
            LightLine(
                n,
                str(label),
                getattr(report, n),
                light_labels[getattr(report, n)],
                getattr(report, f"{n}_note"),
            )
            for n, label in LIGHTS
        ]
    period = found.period if found else None
    users = ctx["users"]
    unit = ctx["org_units"].get(project.org_unit_id)
    states = dict(StatusReport.State.choices)
    return ProjectPage(
        pk=project.id,
        title=project.title,
        field_name=ctx["field_names"].get(project.field_of_action_id, ""),
        field_pk=project.field_of_action_id,
        stage=project.stage,
        stage_label=str(STAGE_LABELS.get(project.stage, project.stage)),
        kind_label=str(dict(Project.Kind.choices).get(project.kind, project.kind)),
        method_label=str(dict(Project.Method.choices).get(project.method, project.method)),
        org_unit=_unit_label(unit),
        lead=str(users[project.lead_id]) if project.lead_id in users else "",
        change_manager=(
            str(users[project.change_manager_id]) if project.change_manager_id in users else ""
        ),
        description=project.description,
        goals=_lines(project.goals),
        planned_start=project.planned_start,
        planned_end=project.planned_end,
        report_period=f"{_d(period.start)} – {_d(period.end)}" if period else "",
        report_state=report.state if report else "",
        report_state_label=str(states[report.state]) if report else _("kein Bericht"),
        overall=lights[0].value,
        overall_label=lights[0].value_label,
        lights=lights,
        summary=report.summary if report else "",
        achievements=report.achievements if report else "",
        next_steps=_lines(report.next_steps) if report else [],
        user_involvement=report.user_involvement if report else "",
        milestones=[_milestone(project.title, m, as_of) for m in milestones],
        top_risks=_top_risks(risks),
        decision_requests=[
            r
            for r in ctx["requests_by_project"][project.id]
            if r.status == DecisionRequest.Status.OPEN
            or (r.raised_on and ctx["period_start"] <= r.raised_on <= as_of)
        ],
        decisions=ctx["decisions_by_project"].get(project.id, []),
    )


def _staff_section(
    programme: Programme, moment: datetime, pages: list[ProjectPage], fields: list
) -> StaffSection:
    units = [p.org_unit or _("ohne Organisationseinheit") for p in pages]
    tally: dict[str, int] = defaultdict(int)
    for unit in units:
        tally[unit] += 1
    roles = list(
        records_at(ProgrammeRole, moment).filter(
            programme_id=programme.pk, role=ProgrammeRole.Role.CHANGE_MANAGER
        )
    )
    people = {u.pk: u for u in get_user_model().objects.filter(pk__in={r.user_id for r in roles})}
    units_then = {
        u.id: u for u in records_at(OrgUnit, moment).filter(id__in={r.org_unit_id for r in roles})
    }
    managers = sorted(
        (
            PersonLine(
                str(people[r.user_id]),
                _unit_label(units_then.get(r.org_unit_id)),
            )
            for r in roles
            if r.user_id in people
        ),
        key=lambda p: (p.name.lower(), p.detail),
    )
    return StaffSection(
        org_units=[Count(u, u, n) for u, n in sorted(tally.items(), key=lambda x: (-x[1], x[0]))],
        change_managers=managers,
        involvement=[(p.title, p.user_involvement) for p in pages if p.user_involvement.strip()],
        inward_fields=[f.name for f in fields if f.impact == FieldOfAction.Impact.INWARD],
    )


def report_title(kind: str, programme_name: str, focus_field: str = "") -> str:
    if kind == Kind.FOCUS:
        return _("Themenfeld im Fokus: %(field)s") % {"field": focus_field}
    return str(Kind(kind).label)


def _fields(
    programme: Programme, moment: datetime, kind: str, field_id: int | None
) -> tuple[list[Any], None] | tuple[list[Any], Any]:
    """The programme's fields as of the moment, and the field in focus (focus reports only)."""
    fields = list(
        records_at(FieldOfAction, moment)
        .filter(programme_id=programme.pk)
        .order_by("order", "name")
    )
    if not KINDS[kind].needs_field:
        return fields, None
    focus = next((f for f in fields if f.id == field_id), None)
    if focus is None:
        raise ValidationError(
            {"field": _("Bitte wählen Sie ein Themenfeld, das es zum Stand schon gab.")}
        )
    return fields, focus


def _by_project(pairs: Iterable[tuple[int, Any]]) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for project_id, line in pairs:
        grouped[project_id].append(line)
    return grouped


def _project_pages(
    *,
    projects: list,
    fields: list,
    moment: datetime,
    as_of: date,
    period_start: date,
    requests: list[RequestLine],
    decisions: list,
) -> list[ProjectPage]:
    """The page of every project: its latest report (frozen or live details) as of the moment."""
    project_ids = [p.id for p in projects]
    reports = _latest_reports(project_ids, moment)
    unfrozen = [pid for pid in project_ids if not (pid in reports and reports[pid].report.snapshot)]
    milestones, risks = _live_details(unfrozen, moment)
    user_ids = {p.lead_id for p in projects} | {p.change_manager_id for p in projects}
    ctx = {
        "as_of": as_of,
        "period_start": period_start,
        "reports": reports,
        "milestones": milestones,
        "risks": risks,
        "requests_by_project": _by_project((r.project_pk, r) for r in requests),
        "decisions_by_project": _by_project(decisions),
        "users": {u.pk: u for u in get_user_model().objects.filter(pk__in=user_ids - {None})},
        "org_units": {
            u.id: u
            for u in records_at(OrgUnit, moment).filter(id__in={p.org_unit_id for p in projects})
        },
        "field_names": {f.id: f.name for f in fields},
    }
    return [_project_page(p, ctx) for p in projects]


def _field_sections(
    fields: list[Any], focus: Any, pages: list[ProjectPage], okr_by_field: dict[int | None, Any]
) -> list[FieldSection]:
    """One section per field (only the focus field in a focus report) with its projects."""
    light_labels = _light_labels()
    impacts = dict(FieldOfAction.Impact.choices)
    sections = []
    for f in fields:
        if focus is not None and f.id != focus.id:
            continue
        own = [p for p in pages if p.field_pk == f.id]
        sections.append(
            FieldSection(
                pk=f.id,
                name=f.name,
                target_state=f.target_state,
                summary=f.summary,
                target_date=f.target_date,
                impact=f.impact,
                impact_label=str(impacts.get(f.impact, f.impact)),
                stages=_counts([p.stage for p in own], STAGE_ORDER, STAGE_LABELS),
                lights=_counts([p.overall for p in own], LIGHT_ORDER, light_labels),
                okr=okr_by_field.get(f.id),
                projects=own,
            )
        )
    return sections


def _outlook(shown: list[ProjectPage], as_of: date) -> list[MilestoneLine]:
    """Milestones not reached yet that are expected within the next months."""
    horizon = shift_months(as_of, OUTLOOK_MONTHS)
    return sorted(
        (
            m
            for p in shown
            for m in p.milestones
            if m.actual is None and as_of < (m.forecast or m.planned) <= horizon
        ),
        key=lambda m: (m.forecast or m.planned, m.project, m.title),
    )


def _decision_parts(
    *,
    requests: list[RequestLine],
    decisions: list[Any],
    shown_ids: set[int],
    focus: Any,
    period_start: date,
    as_of: date,
) -> dict[str, Any]:
    """Decision requests of the period, open ones, and decisions, for the projects shown."""
    open_requests = [
        r for r in requests if r.project_pk in shown_ids and r.status == DecisionRequest.Status.OPEN
    ]
    return {
        "requests_in_period": [
            r
            for r in requests
            if r.project_pk in shown_ids and r.raised_on and period_start <= r.raised_on <= as_of
        ],
        "open_requests": open_requests,
        "decisions": [
            line for pid, line in decisions if (pid is None and focus is None) or pid in shown_ids
        ],
        "for_the_mayor": [
            r for r in open_requests if r.addressed_to == DecisionRequest.Body.STRATEGY_BK
        ],
    }


def collect_report(
    *,
    programme: Programme,
    kind: str,
    as_of: date,
    moment: datetime | None = None,
    field_id: int | None = None,
) -> Report:
    """The report of `kind` for `programme` with the data as of `moment` (default: the end
    of the as-of day). Each part of the report is built by a function of its own above."""
    moment = moment or moment_for(as_of)
    period_start, period_end = period_of(kind, as_of)
    record = _programme_record(programme, moment)
    fields, focus = _fields(programme, moment, kind, field_id)
    projects = list(
        records_at(Project, moment).filter(programme_id=programme.pk).order_by("title", "id")
    )
    titles = {p.id: p.title for p in projects}
    requests = _requests([p.id for p in projects], titles, moment, as_of)
    decisions = decisions_in_period(
        programme=programme, moment=moment, start=period_start, end=period_end, titles=titles
    )
    pages = _project_pages(
        projects=projects,
        fields=fields,
        moment=moment,
        as_of=as_of,
        period_start=period_start,
        requests=requests,
        decisions=decisions,
    )
    okr_by_field, okr_total = okr_data.achievement(
        projects=projects, fields=fields, moment=moment, as_of=as_of
    )
    sections = _field_sections(fields, focus, pages, okr_by_field)
    shown = [p for s in sections for p in s.projects]
    shown_ids = {p.pk for p in shown}
    escalations = escalations_in_period(
        moment=moment,
        start=period_start,
        end=period_end,
        project_ids=sorted(shown_ids),
        titles=titles,
    )
    report = Report(
        kind=kind,
        kind_label=str(Kind(kind).label),
        cadence_label=str(KINDS[kind].cadence),
        title=report_title(kind, record.name, focus.name if focus else ""),
        programme_name=record.name,
        programme_short=record.short_name or record.name,
        programme_description=record.description,
        strategic_goals=_strategic_goals(record, moment),
        as_of=as_of,
        moment=moment,
        period_start=period_start,
        period_end=period_end,
        focus_field=focus.name if focus else "",
        fields=sections,
        stages=_counts([p.stage for p in shown], STAGE_ORDER, STAGE_LABELS),
        lights=_counts([p.overall for p in shown], LIGHT_ORDER, _light_labels()),
        okr=[okr_by_field[s.pk] for s in sections if s.pk in okr_by_field],
        okr_total=okr_total if focus is None else okr_by_field.get(focus.id),
        escalations=escalations,
        red_projects=[p for p in shown if p.overall == Rating.RED],
        escalations_to_mayor=[
            e for e in escalations if e.to_body == DecisionRequest.Body.STRATEGY_BK
        ],
        outlook=_outlook(shown, as_of),
        **_decision_parts(
            requests=requests,
            decisions=decisions,
            shown_ids=shown_ids,
            focus=focus,
            period_start=period_start,
            as_of=as_of,
        ),
    )
    if kind == Kind.STAFF_COUNCIL:
        report.staff = _staff_section(programme, moment, shown, fields)
    if kind in (Kind.COMMITTEE, Kind.FOCUS):
        report.finance = finance_section(
            programme_id=programme.pk,
            moment=moment,
            as_of=as_of,
            field_names={f.id: f.name for f in fields},
            project_fields={p.id: p.field_of_action_id for p in projects},
            focus_id=focus.id if focus else None,
        )
    return report
