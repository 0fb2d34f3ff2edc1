"""Programme-level reads: every project's lights for one period, why it needs attention,
and what its report shows "as of" then. Used by the programme cockpit, the Projektcheck
(page and PDF) and the XLSX export.

The number of queries is fixed however many projects there are: projects, the period's
reports, the previous period's overall lights and, for projects whose report is not frozen,
their live milestones, risks and open decision requests, each in one query.
`today` is always passed in, so the tests can fix it.
"""

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, cast

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    Expression,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Lower
from django.utils import formats
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from lotse.portfolio.models import FieldOfAction, Programme, Project

from .models import (
    LIGHTS,
    RATING_ORDER,
    SILENT_STAGES,
    DecisionRequest,
    Milestone,
    Rating,
    ReportingPeriod,
    Risk,
    StatusReport,
)
from .selectors import Trend, trend
from .signals import KnockOn, knock_ons

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


def live_milestone(m: Milestone) -> dict:
    return {
        "id": m.pk,
        "title": m.title,
        "planned_date": m.planned_date,
        "forecast_date": m.forecast_date,
        "actual_date": m.actual_date,
        "slippage_days": m.slippage_days,
    }


def _snapshot_milestone(item: dict) -> dict:
    return {
        **item,
        **{k: _parse(item.get(k)) for k in ("planned_date", "forecast_date", "actual_date")},
    }


def live_risk(r: Risk) -> dict:
    return {
        "id": r.pk,
        "title": r.title,
        "description": r.description,
        "probability": r.probability,
        "impact": r.impact,
        "owner": r.owner,
        "mitigation": r.mitigation,
        "status": r.status,
        "status_label": str(r.get_status_display()),
    }


def live_request(d: DecisionRequest) -> dict:
    return {
        "id": d.pk,
        "question": d.question,
        "needed_by": d.needed_by,
        "addressed_to": d.addressed_to,
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
        if self.report is None:
            return _("kein Bericht")
        # The choices' label without get_state_display (which rebuilds a dict of the choices
        # on every call: a tenth of the cockpit page's time).
        return str(STATE_LABELS.get(self.report.state, self.report.state))

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
            return [Light(n, names[n], MISSING, _("kein Bericht")) for n, _label in LIGHTS]
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
    reasons = []
    if row.report is not None and row.report.overall == Rating.RED:
        reasons.append(Attention(Reason.RED, _("Gesamtstatus rot")))
    if row.is_overdue:
        reasons.append(
            Attention(
                Reason.OVERDUE,
                _("Bericht überfällig (fällig am %(date)s)") % {"date": _date(row.period.due_date)},
            )
        )
    if row.state == StatusReport.State.RETURNED:
        reasons.append(Attention(Reason.RETURNED, _("Bericht zurückgegeben")))
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
    report_rows = of_period.select_related("submitted_by")
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
        .select_related("field_of_action", "lead", "parent")
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
    return _summary(lines)


def _summary(lines: list[SummaryLine]) -> dict:
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


# --- the attention order, the counts and the paging in the database ---------------------
#
# The pages (cockpit, Projektcheck) do not build every project's row: the database orders
# the programme's projects attention first (the same order as `CockpitRow.sort_key`), counts
# them per field and light, filters and pages them; only the rows of the visible page are
# built, by `rows_for` (a fixed number of queries). `cockpit_rows` keeps building every row
# for the documents and exports.

# Ranks of the reasons (Reason.RANK) as the database computes them; 6 = no reason.
NO_REASON = len(Reason.RANK)


class SnapshotAny(Expression):
    """True if an element of the JSON array `key` in a frozen report's snapshot is a slipping
    milestone (`kind` "slipping") or an overdue open decision request ("overdue") on `today`:
    the database's reading of `milestone_slipping` and `CockpitRow.overdue_requests`. Dates
    in a snapshot are ISO strings, so comparing them as text compares the dates."""

    output_field = BooleanField()

    def __init__(self, snapshot: Any, key: str, kind: str, today: date) -> None:
        super().__init__()
        # Only these names reach the SQL text; the date is a parameter.
        if (key, kind) not in {("milestones", "slipping"), ("decision_requests", "overdue")}:
            raise ValueError(f"unknown snapshot check {key}/{kind}")
        self.snapshot, self.key, self.kind, self.today = snapshot, key, kind, today.isoformat()

    def get_source_expressions(self) -> list[Any]:
        return [self.snapshot]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        (self.snapshot,) = exprs

    def _sql(self, compiler: Any, get: Callable[[str], str], rows: str) -> tuple[str, list[Any]]:
        sql, params = compiler.compile(self.snapshot)
        if self.kind == "slipping":
            condition = (
                f"{get('actual_date')} IS NULL AND ({get('forecast_date')} > "
                f"{get('planned_date')} OR {get('planned_date')} < %s)"
            )
        else:
            condition = f"{get('status')} = 'open' AND {get('needed_by')} < %s"
        rows = rows.replace("{snapshot}", sql)
        # Built from the constant names checked in __init__ only: nothing from outside.
        exists = f"EXISTS (SELECT 1 FROM {rows} WHERE {condition})"  # noqa: S608
        return exists, [*params, self.today]

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:  # SQLite
        return self._sql(
            compiler,
            lambda name: f"json_extract(e.value, '$.{name}')",
            f"json_each({{snapshot}}, '$.{self.key}') AS e",
        )

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        # A missing key gives an empty array (lax mode), not an error.
        return self._sql(
            compiler,
            lambda name: f"(e.value ->> '{name}')",
            f"jsonb_array_elements(jsonb_path_query_array({{snapshot}}, '$.{self.key}[*]')) "
            "AS e(value)",
        )


def _flag(condition: Any) -> Case:
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def attention_order(
    programme: Programme,
    period: ReportingPeriod,
    today: date,
    found: list[KnockOn] | None = None,
) -> QuerySet[Project]:
    """The projects `cockpit_rows` would show, attention first, in its order, with their
    reasons as numbers: `a_red`, `a_overdue`, `a_returned`, `a_milestone`, `a_knock_on`
    (how many knock-ons it waits for), `a_decision`, their count `n_reasons`, the first
    reason's rank `first_reason` (6: none) and the report's `rep_state`/`rep_overall`.
    `found`: the period's knock-ons if the caller has them already."""
    reported = [str(s) for s in REPORTED_STATES]
    of_period = StatusReport.objects.filter(period_id=period.pk or 0)
    projects = Project.objects.filter(programme=programme).filter(
        ~Q(stage__in=SILENT_STAGES) | Q(pk__in=of_period.values("project_id"))
    )
    frozen = Q(rep__state__in=reported) & Q(rep__snapshot__isnull=False) & ~Q(rep__snapshot={})
    slipping_live = Milestone.objects.filter(project=OuterRef("pk"), actual_date__isnull=True)
    slipping_live = slipping_live.filter(
        Q(forecast_date__gt=F("planned_date")) | Q(planned_date__lt=today)
    )
    overdue_live = DecisionRequest.objects.filter(
        project=OuterRef("pk"), status=DecisionRequest.Status.OPEN, needed_by__lt=today
    )
    waits: dict[int, int] = defaultdict(int)
    if found is None:
        found = period_knock_ons(programme, period, today)
    for knock_on in found:
        waits[knock_on.downstream_id] += 1
    by_count: dict[int, list[int]] = defaultdict(list)
    for pid, n in waits.items():
        by_count[n].append(pid)
    knock = (
        Case(
            *(When(pk__in=ids, then=Value(n)) for n, ids in sorted(by_count.items())),
            default=Value(0),
            output_field=IntegerField(),
        )
        if by_count
        else Value(0, output_field=IntegerField())
    )
    not_reported = Q(rep__state__isnull=True) | ~Q(rep__state__in=reported)
    snapshot = F("rep__snapshot")
    annotated = projects.annotate(
        rep=FilteredRelation(
            "status_reports", condition=Q(status_reports__period_id=period.pk or 0)
        )
    ).annotate(
        rep_id=F("rep__id"),
        rep_state=F("rep__state"),
        rep_overall=F("rep__overall"),
        a_red=_flag(Q(rep__overall=Rating.RED)),
        a_overdue=_flag(not_reported) if period.due_date < today else Value(0),
        a_returned=_flag(Q(rep__state=StatusReport.State.RETURNED)),
        a_milestone=Case(
            When(frozen, then=_flag(SnapshotAny(snapshot, "milestones", "slipping", today))),
            default=_flag(Exists(slipping_live)),
            output_field=IntegerField(),
        ),
        a_knock_on=knock,
        a_decision=Case(
            When(
                frozen,
                then=_flag(SnapshotAny(snapshot, "decision_requests", "overdue", today)),
            ),
            default=_flag(Exists(overdue_live)),
            output_field=IntegerField(),
        ),
    )
    annotated = annotated.annotate(
        n_reasons=F("a_red")
        + F("a_overdue")
        + F("a_returned")
        + F("a_milestone")
        + F("a_knock_on")
        + F("a_decision"),
        first_reason=Case(
            When(a_red=1, then=Value(Reason.RANK[Reason.RED])),
            When(a_overdue=1, then=Value(Reason.RANK[Reason.OVERDUE])),
            When(a_returned=1, then=Value(Reason.RANK[Reason.RETURNED])),
            When(a_milestone=1, then=Value(Reason.RANK[Reason.MILESTONE])),
            When(a_knock_on__gt=0, then=Value(Reason.RANK[Reason.KNOCK_ON])),
            When(a_decision=1, then=Value(Reason.RANK[Reason.DECISION])),
            default=Value(NO_REASON),
            output_field=IntegerField(),
        ),
        light_rank=Case(
            *(When(rep__overall=str(r), then=Value(n)) for r, n in RATING_ORDER.items()),
            default=Value(-1),
            output_field=IntegerField(),
        ),
    )
    return annotated.order_by("first_reason", "-n_reasons", "-light_rank", Lower("title"), "pk")


def filter_queryset(projects: QuerySet[Project], filters: dict) -> QuerySet[Project]:
    """`filter_rows` in the database (on `attention_order`)."""
    if filters.get("field"):
        projects = projects.filter(field_of_action_id=filters["field"])
    for key, column in (("light", "rep_overall"), ("state", "rep_state")):
        if value := filters.get(key):
            # MISSING: the projects without a report for the period.
            missing = value == MISSING
            projects = projects.filter(Q(rep_id__isnull=True) if missing else Q(**{column: value}))
    if filters.get("attention"):
        projects = needing_attention(projects)
    return projects


def needing_attention(projects: QuerySet[Project]) -> QuerySet[Project]:
    """Only the projects of `attention_order` with a reason."""
    return projects.filter(Q(n_reasons__gt=0))


def not_reported_queryset(projects: QuerySet[Project]) -> QuerySet[Project]:
    """`not_reported` in the database: no submitted or accepted report; by title (all of them
    are overdue or none is: that depends only on the period)."""
    reported = [str(s) for s in REPORTED_STATES]
    return projects.filter(Q(rep_state__isnull=True) | ~Q(rep_state__in=reported)).order_by(
        Lower("title"), "first_reason", "-n_reasons", "-light_rank", "pk"
    )


def _summary_lines(per_field: dict[int, dict[str, int]], attention: dict[int, int]) -> dict:
    """The summary from the counts per field and light (fields in their order)."""
    fields = FieldOfAction.objects.filter(pk__in=list(per_field)).order_by("order", "name")
    lines = [
        SummaryLine(f.name, per_field[f.pk], attention[f.pk], sum(per_field[f.pk].values()))
        for f in fields
    ]
    return _summary(lines)


@dataclass
class Counts:
    """The cockpit's numbers from one `GROUP BY`: the summary of the projects the filters
    let through, how many they are (the pager's count) and how many of all the projects
    have not reported (the list "Wer hat noch nicht berichtet?" ignores the filters)."""

    summary: dict
    shown: int
    not_reported: int


def _passes(line: dict, filters: dict) -> bool:
    """`filter_queryset`'s field, light and state filters on one group of `counts_of`."""
    if filters.get("field") and line["field_of_action_id"] != filters["field"]:
        return False
    for key, column in (("light", "rep_overall"), ("state", "rep_state")):
        # MISSING: no report for the period (a report always has a state).
        value = MISSING if line["rep_state"] is None else line[column]
        if filters.get(key) and filters[key] != value:
            return False
    return True


# The groups counted: a field, an overall light and a report state (annotations of
# `attention_order`).
COUNT_GROUP = ("field_of_action_id", "rep_overall", "rep_state")


def counts_of(projects: QuerySet[Project], filters: dict) -> Counts:
    """`summary_of(filter_queryset(projects, filters))`, its total and the count of
    `not_reported_queryset(projects)` from one query: the projects of `attention_order`
    counted per field, overall light and report state, with how many need attention (the
    query of the page with the most work, compiled once instead of three times)."""
    reported = {str(s) for s in REPORTED_STATES}
    groups = (
        projects.order_by()
        .values(*COUNT_GROUP)
        .annotate(n=Count("pk"), attention=Sum(_flag(Q(n_reasons__gt=0))))
    )
    per_field: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    attention: dict[int, int] = defaultdict(int)
    shown = not_reported = 0
    for line in groups:
        needing = line["attention"] or 0
        if line["rep_state"] not in reported:
            not_reported += line["n"]
        n = needing if filters.get("attention") else line["n"]
        if not n or not _passes(line, filters):
            continue
        fid = line["field_of_action_id"]
        per_field[fid][line["rep_overall"] or MISSING] += n
        attention[fid] += needing
        shown += n
    return Counts(_summary_lines(per_field, attention), shown, not_reported)


def summary_of(projects: QuerySet[Project]) -> dict:
    """`summary` counted by the database: projects per field and overall light, and how many
    of them need attention."""
    return counts_of(projects, {}).summary


class Counted(Sequence[Any]):
    """A queryset whose length is known already (`Counts.shown`): the paginator slices it
    without counting it again."""

    def __init__(self, items: QuerySet[Any], length: int) -> None:
        self.items, self.length = items, length

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index: Any) -> Any:
        return self.items[index]


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
