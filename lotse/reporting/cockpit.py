"""Programme-level reads: every project's lights for one period, why it needs attention,
and what its report shows "as of" then. Used by the programme cockpit, the Projektcheck
(page and PDF) and the XLSX export.

The number of queries is fixed however many projects there are: projects, the period's
reports, the previous period's overall lights and, for projects whose report is not frozen,
their live milestones, risks and open decision requests, each in one query.
`today` is always passed in, so the tests can fix it.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from functools import lru_cache
from typing import Any
from typing import cast

from django.db.models import Q
from django.db.models import QuerySet
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project

from .models import LIGHTS
from .models import RATING_ORDER
from .models import SILENT_STAGES
from .models import DecisionRequest
from .models import Milestone
from .models import Rating
from .models import ReportingPeriod
from .models import Risk
from .models import StatusReport
from .selectors import Trend
from .selectors import trend
from .signals import KnockOn
from .signals import knock_ons

# Projects in these stages owe no report (the same rule as the reminders); they appear only
# if they reported anyway.
REPORTED_STATES = (StatusReport.State.SUBMITTED, StatusReport.State.ACCEPTED)
STATE_LABELS = dict(StatusReport.State.choices)  # lazy labels, translated when shown
MISSING = "missing"  # pseudo report state and pseudo light: no report for the period
TOP_RISKS = 3


class Reason:
    """Why a project needs attention; the order is the order of urgency."""

    RED = "red"
    OVERDUE = "overdue"
    RETURNED = "returned"
    MILESTONE = "milestone"
    KNOCK_ON = "knock_on"
    DECISION = "decision"
    RANK = {RED: 0, OVERDUE: 1, RETURNED: 2, MILESTONE: 3, KNOCK_ON: 4, DECISION: 5}


@dataclass
class Attention:
    kind: str
    text: str


@dataclass
class Light:
    name: str
    label: str
    value: str  # a Rating value or MISSING
    value_label: str
    note: str = ""


@lru_cache(maxsize=256)
def _formatted(value: date, language: str | None) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


@lru_cache(maxsize=16)
def _light_labels(language: str | None) -> tuple[dict[str, str], dict[str, str]]:
    """The lights' and the ratings' words in one language, translated once (a page shows
    five of each per row)."""
    return {n: str(label) for n, label in LIGHTS}, {r.value: str(r.label) for r in Rating}


@lru_cache(maxsize=16)
def _words(language: str | None) -> tuple[dict[str, str], dict[str, str]]:
    """The rows' fixed words in one language, translated once (a page builds a hundred
    rows): the report states' (MISSING: no report) and the reasons' without a number."""
    states = {state: str(label) for state, label in STATE_LABELS.items()}
    states[MISSING] = _("kein Bericht")
    reasons = {
        Reason.RED: _("Gesamtstatus rot"),
        Reason.OVERDUE: _("Bericht überfällig (fällig am %(date)s)"),
        Reason.RETURNED: _("Bericht zurückgegeben"),
    }
    return states, reasons


def _date(value: date) -> str:
    # The same due date stands in every overdue row: format it once per language.
    return _formatted(value, get_language())


def _parse(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


# --- milestones -------------------------------------------------------------------------


def milestone_delay(planned: date, forecast: date | None, actual: date | None, today: date) -> int:
    """Days behind plan: the actual date if done; else the forecast, or today once that has
    passed without the milestone being done. Zero or negative means on time."""
    if actual is not None:
        return (actual - planned).days
    expected = forecast or planned
    return (max(expected, today) - planned).days


def milestone_slipping(m: dict, today: date) -> bool:
    """Not done, and behind plan: forecast later than planned, or the planned date passed."""
    if m["actual_date"] is not None:
        return False
    return milestone_delay(m["planned_date"], m["forecast_date"], None, today) > 0


# A project's live milestones, risks and open requests as the cockpit reads them and as a
# report freezes them (`snapshots.take_snapshot`, which stores the dates as ISO text).


def _values(obj: Milestone | Risk | DecisionRequest, *names: str) -> dict:
    """The object's id and the named attributes, in this order."""
    return {"id": obj.pk, **{name: getattr(obj, name) for name in names}}


def live_milestone(m: Milestone) -> dict:
    return _values(m, "title", "planned_date", "forecast_date", "actual_date", "slippage_days")


def _snapshot_milestone(item: dict) -> dict:
    return {
        **item,
        **{k: _parse(item.get(k)) for k in ("planned_date", "forecast_date", "actual_date")},
    }


def live_risk(r: Risk) -> dict:
    return {
        **_values(r, "title", "description", "probability", "impact", "owner", "mitigation"),
        "status": r.status,
        "status_label": str(r.get_status_display()),
    }


def live_request(d: DecisionRequest) -> dict:
    return {
        **_values(d, "question", "needed_by", "addressed_to"),
        "addressed_to_label": str(d.get_addressed_to_display()),
        "status": d.status,
    }


# --- one project's row ------------------------------------------------------------------


@dataclass
class CockpitRow:
    project: Project
    report: StatusReport | None
    previous_overall: str | None
    milestones: list[dict]
    risks: list[dict]
    decision_requests: list[dict]
    frozen: bool
    today: date
    period: ReportingPeriod
    reasons: list[Attention] = field(default_factory=list)
    # Knock-ons in which this project waits for a slipping one, or slips itself (planning).
    knock_ons: list[KnockOn] = field(default_factory=list)
    prev_pk: int | None = None  # neighbours in the Projektcheck's order, for its pager
    next_pk: int | None = None

    @property
    def state(self) -> str:
        return self.report.state if self.report else MISSING

    @property
    def state_label(self) -> str:
        # The choices' label without get_state_display (which rebuilds a dict of the choices
        # on every call: a tenth of the cockpit page's time).
        return _words(get_language())[0].get(self.state, self.state)

    @property
    def has_reported(self) -> bool:
        return self.state in REPORTED_STATES

    @property
    def is_overdue(self) -> bool:
        return not self.has_reported and self.period.due_date < self.today

    @property
    def overall(self) -> str:
        return self.report.overall if self.report else MISSING

    @property
    def lights(self) -> list[Light]:
        names, ratings = _light_labels(get_language())
        if self.report is None:
            none = _words(get_language())[0][MISSING]
            return [Light(n, names[n], MISSING, none) for n, _label in LIGHTS]
        return [
            Light(
                name,
                names[name],
                getattr(self.report, name),
                ratings[getattr(self.report, name)],
                getattr(self.report, f"{name}_note"),
            )
            for name, _label in LIGHTS
        ]

    @property
    def trend(self) -> str | None:
        if self.report is None:
            return None
        return trend(self.report.overall, self.previous_overall)

    @property
    def trend_label(self) -> str:
        return str(Trend.LABELS[self.trend]) if self.trend else ""

    @property
    def trend_symbol(self) -> str:
        return Trend.SYMBOLS[self.trend] if self.trend else ""

    @property
    def needs_attention(self) -> bool:
        return bool(self.reasons)

    @property
    def reason_text(self) -> str:
        return "; ".join(r.text for r in self.reasons)

    @property
    def slipping_milestones(self) -> list[dict]:
        return [m for m in self.milestones if m["slipping"]]

    @property
    def waits_for(self) -> list[KnockOn]:
        return [k for k in self.knock_ons if k.downstream_id == self.project.pk]

    @property
    def delays(self) -> list[KnockOn]:
        return [k for k in self.knock_ons if k.upstream_id == self.project.pk]

    @property
    def top_risks(self) -> list[dict]:
        live = [r for r in self.risks if r["status"] in (Risk.Status.OPEN, Risk.Status.OCCURRED)]
        live.sort(key=lambda r: -r["probability"] * r["impact"])
        return live[:TOP_RISKS]

    @property
    def overdue_requests(self) -> list[dict]:
        return [
            d
            for d in self.decision_requests
            if d["status"] == DecisionRequest.Status.OPEN
            and d["needed_by"] is not None
            and d["needed_by"] < self.today
        ]

    def sort_key(self) -> tuple:
        first = min((Reason.RANK[r.kind] for r in self.reasons), default=len(Reason.RANK))
        light = RATING_ORDER.get(self.overall, -1)
        return (first, -len(self.reasons), -light, self.project.title.lower(), self.project.pk)


def attention_reasons(row: CockpitRow) -> list[Attention]:
    """Each reason as a German sentence, most urgent first."""
    words = _words(get_language())[1]
    reasons = []
    if row.report is not None and row.report.overall == Rating.RED:
        reasons.append(Attention(Reason.RED, words[Reason.RED]))
    if row.is_overdue:
        due = {"date": _date(row.period.due_date)}
        reasons.append(Attention(Reason.OVERDUE, words[Reason.OVERDUE] % due))
    if row.state == StatusReport.State.RETURNED:
        reasons.append(Attention(Reason.RETURNED, words[Reason.RETURNED]))
    slipping = row.slipping_milestones
    if slipping:
        worst = max(slipping, key=lambda m: m["delay_days"])
        reasons.append(
            Attention(
                Reason.MILESTONE,
                ngettext(
                    "Meilenstein „%(title)s“ verzögert sich (%(days)d Tage)",
                    "%(n)d Meilensteine verzögern sich, am stärksten „%(title)s“ (%(days)d Tage)",
                    len(slipping),
                )
                % {"n": len(slipping), "title": worst["title"], "days": worst["delay_days"]},
            )
        )
    for knock_on in row.waits_for:
        reasons.append(Attention(Reason.KNOCK_ON, knock_on.downstream_text))
    overdue = row.overdue_requests
    if overdue:
        oldest = overdue[0]
        reasons.append(
            Attention(
                Reason.DECISION,
                ngettext(
                    "Entscheidung überfällig: „%(question)s“ (benötigt bis %(date)s)",
                    "%(n)d Entscheidungen überfällig, zuerst „%(question)s“ "
                    "(benötigt bis %(date)s)",
                    len(overdue),
                )
                % {
                    "n": len(overdue),
                    "question": oldest["question"],
                    "date": _date(oldest["needed_by"]),
                },
            )
        )
    return reasons


# --- the whole programme ----------------------------------------------------------------


def previous_period(period: ReportingPeriod) -> ReportingPeriod | None:
    return (
        ReportingPeriod.objects.filter(programme_id=period.programme_id, start__lt=period.start)
        .order_by("-start")
        .first()
    )


def _live_data(
    programme: Programme, frozen_ids: set[int], *, details: bool, only: set[int] | None = None
) -> dict:
    """Live milestones (and risks, open requests) of every project without a frozen report."""
    # (key, the rows, their dict): one kind of row per entry, so the types vary by entry.
    queries: list[tuple[str, QuerySet[Any], Callable[[Any], dict[str, Any]]]] = [
        ("milestones", Milestone.objects.order_by("planned_date", "order", "pk"), live_milestone),
        (
            "decision_requests",
            DecisionRequest.objects.filter(status=DecisionRequest.Status.OPEN).order_by(
                "needed_by", "pk"
            ),
            live_request,
        ),
    ]
    if details:
        queries.append(("risks", Risk.objects.order_by("-probability", "-impact", "pk"), live_risk))
    data: dict = {key: defaultdict(list) for key in ("milestones", "risks", "decision_requests")}
    for key, queryset, convert in queries:
        if only is not None:
            queryset = queryset.filter(project_id__in=only)
        for obj in queryset.filter(project__programme=programme):
            if obj.project_id not in frozen_ids:
                data[key][obj.project_id].append(convert(obj))
    return data


# Report texts only the Projektcheck shows: the cockpit leaves them in the database.
COCKPIT_DEFERRED_TEXTS = (
    "summary",
    "achievements",
    "next_steps",
    "obstacles",
    "support_needed",
    "user_involvement",
    "vision",
    "board_todo",
    "board_doing",
    "board_done",
    "review_comment",
)
# Report times no row shows (the Projektcheck and the XLSX show when it was submitted).
UNSHOWN_TIMES = ("first_submitted_at", "reviewed_at", "released_at", "created_at", "updated_at")
# What the rows show of a project: title, phase, field of action and lead (by name).
PROJECT_FIELDS = ("title", "stage", "programme", "field_of_action", "lead")
LEAD_NAME = ("lead__username", "lead__first_name", "lead__last_name", "lead__display_name")


def period_knock_ons(
    programme: Programme, period: ReportingPeriod, today: date, only: set[int] | None = None
) -> list[KnockOn]:
    """The knock-ons of `period` (in which one of `only` waits or slips): a past period's as
    they stood on its check date, reproducible later."""
    return knock_ons(programme=programme, as_of=min(period.end, today), project_ids=only)


def cockpit_rows(
    programme: Programme,
    period: ReportingPeriod,
    today: date,
    *,
    details: bool = False,
    only: set[int] | None = None,
    found: list[KnockOn] | None = None,
) -> list[CockpitRow]:
    """Every project that owes or gave a report for `period`, attention first.

    `details` also loads risks (the Projektcheck shows them; the cockpit does not). `only`
    limits every query to these projects (a page: `rows_for`). `found`: the programme's
    knock-ons of the period if the caller has them already (`period_knock_ons`).
    """
    # A period not stored yet (read only) has no reports.
    of_period = (
        StatusReport.objects.filter(period=period) if period.pk else StatusReport.objects.none()
    )
    if only is not None:
        of_period = of_period.filter(project_id__in=only)
    report_rows = of_period.defer(*UNSHOWN_TIMES)
    if not details:  # the cockpit's table needs the lights, not the report's texts
        report_rows = report_rows.defer(*COCKPIT_DEFERRED_TEXTS)
    reports = {r.project_id: r for r in report_rows}
    before = previous_period(period)
    previous = (
        dict(
            StatusReport.objects.filter(period=before)
            .filter(**({} if only is None else {"project_id__in": only}))
            .values_list("project_id", "overall")
        )
        if before
        else {}
    )
    projects = (
        Project.objects.filter(programme=programme)
        .filter(~Q(stage__in=SILENT_STAGES) | Q(pk__in=of_period.values("project_id")))
        .select_related("field_of_action", "lead")
        .only(*PROJECT_FIELDS, *LEAD_NAME)
    )
    if only is not None:
        projects = projects.filter(pk__in=only)
    frozen_ids = {pid for pid, r in reports.items() if r.state in REPORTED_STATES and r.snapshot}
    live = _live_data(programme, frozen_ids, details=details, only=only)
    if found is None:
        found = period_knock_ons(programme, period, today, only)
    by_project: dict[int, list[KnockOn]] = defaultdict(list)
    for knock_on in found:
        by_project[knock_on.downstream_id].append(knock_on)
        by_project[knock_on.upstream_id].append(knock_on)
    rows = []
    for project in projects:
        report = reports.get(project.pk)
        if project.pk in frozen_ids:
            snap = cast(StatusReport, report).snapshot  # a frozen project has its report
            milestones = [_snapshot_milestone(m) for m in snap.get("milestones", [])]
            risks = snap.get("risks", [])
            requests = [
                {**d, "needed_by": _parse(d.get("needed_by"))}
                for d in snap.get("decision_requests", [])
            ]
        else:
            milestones = live["milestones"][project.pk]
            risks = live["risks"][project.pk]
            requests = live["decision_requests"][project.pk]
        for m in milestones:
            m["delay_days"] = milestone_delay(
                m["planned_date"], m["forecast_date"], m["actual_date"], today
            )
            m["slipping"] = milestone_slipping(m, today)
            m["overdue"] = (
                m["actual_date"] is None and (m["forecast_date"] or m["planned_date"]) < today
            )
        row = CockpitRow(
            project=project,
            report=report,
            previous_overall=previous.get(project.pk),
            milestones=milestones,
            risks=risks,
            decision_requests=requests,
            frozen=project.pk in frozen_ids,
            today=today,
            period=period,
            knock_ons=by_project.get(project.pk, []),
        )
        row.reasons = attention_reasons(row)
        rows.append(row)
    rows.sort(key=CockpitRow.sort_key)
    return rows


def link_neighbours(rows: list[CockpitRow]) -> list[CockpitRow]:
    for before, after in zip(rows, rows[1:], strict=False):
        before.next_pk, after.prev_pk = after.project.pk, before.project.pk
    return rows


def filter_rows(rows: list[CockpitRow], filters: dict) -> list[CockpitRow]:
    """The cockpit's filters: field, overall light, report state, only attention."""
    if filters.get("field"):
        rows = [r for r in rows if r.project.field_of_action_id == filters["field"]]
    if filters.get("light"):
        rows = [r for r in rows if r.overall == filters["light"]]
    if filters.get("state"):
        rows = [r for r in rows if r.state == filters["state"]]
    if filters.get("attention"):
        rows = [r for r in rows if r.needs_attention]
    return rows


@dataclass
class FieldGroup:
    field: FieldOfAction
    rows: list[CockpitRow]


def group_by_field(rows: list[CockpitRow]) -> list[FieldGroup]:
    """Fields in their order; within each, the rows keep their attention-first order."""
    groups: dict[int, FieldGroup] = {}
    for row in rows:
        fid = row.project.field_of_action_id
        if fid not in groups:
            groups[fid] = FieldGroup(row.project.field_of_action, [])
        groups[fid].rows.append(row)
    return sorted(groups.values(), key=lambda g: (g.field.order, g.field.name))


# Columns of the summary table: overall light, worst first, then "no report".
SUMMARY_LIGHTS = [Rating.RED, Rating.AMBER, Rating.GREEN, MISSING]


@dataclass
class SummaryLine:
    label: str
    counts: dict[str, int]
    attention: int
    total: int

    @property
    def cells(self) -> list[int]:
        return [self.counts.get(light, 0) for light in SUMMARY_LIGHTS]


def summary(groups: list[FieldGroup]) -> dict:
    """Projects per overall light, per field and in total, and how many need attention."""
    lines = []
    for group in groups:
        counts: dict[str, int] = defaultdict(int)
        for row in group.rows:
            counts[row.overall] += 1
        lines.append(
            SummaryLine(
                group.field.name,
                counts,
                sum(r.needs_attention for r in group.rows),
                len(group.rows),
            )
        )
    return summary_table(lines)


def summary_table(lines: list[SummaryLine]) -> dict:
    totals: dict[str, int] = defaultdict(int)
    for line in lines:
        for light, n in line.counts.items():
            totals[light] += n
    total = SummaryLine(
        _("Gesamt"), totals, sum(x.attention for x in lines), sum(x.total for x in lines)
    )
    return {
        "lights": [
            (light, str(Rating(light).label) if light != MISSING else _("kein Bericht"))
            for light in SUMMARY_LIGHTS
        ],
        "lines": lines,
        "total": total,
    }


def not_reported(rows: list[CockpitRow]) -> list[CockpitRow]:
    """Wer hat noch nicht berichtet? Overdue first, then by title."""
    missing = [r for r in rows if not r.has_reported]
    return sorted(missing, key=lambda r: (not r.is_overdue, r.project.title.lower()))


# --- a page's rows ------------------------------------------------------------------


def rows_for(
    programme: Programme,
    period: ReportingPeriod,
    today: date,
    project_ids: list[int],
    *,
    details: bool = False,
    found: list[KnockOn] | None = None,
) -> list[CockpitRow]:
    """The rows of these projects only, in the order of `project_ids` (a page of
    `attention_order`): the same queries as `cockpit_rows`, each limited to them. `found`:
    the programme's knock-ons of the period, if the caller has them already (the page
    ordered by them: computed once per request)."""
    if not project_ids:
        return []
    only = set(project_ids)
    if found is not None:
        found = [k for k in found if k.upstream_id in only or k.downstream_id in only]
    built = {
        row.project.pk: row
        for row in cockpit_rows(programme, period, today, details=details, only=only, found=found)
    }
    return [built[pk] for pk in project_ids if pk in built]
