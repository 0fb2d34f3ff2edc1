"""The report model: plain data a council report is made of, whatever its format.

`collect.collect_report` fills it from the recorded history; the renderers (HTML/PDF,
XLSX, DOCX) only read it. Every text in it is final (labels translated, dates as dates),
so the same report model always gives the same document.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .budgets import FinanceSection


@dataclass
class Count:
    key: str
    label: str
    count: int


@dataclass
class LightLine:
    name: str
    label: str
    value: str  # green / amber / red / missing
    value_label: str
    note: str = ""


@dataclass
class MilestoneLine:
    project: str
    title: str
    planned: date
    forecast: date | None
    actual: date | None
    delay_days: int
    status_label: str


@dataclass
class RiskLine:
    title: str
    probability: int
    impact: int
    level_label: str
    status_label: str
    mitigation: str


@dataclass
class RequestLine:
    """An Entscheidungsbedarf / Eskalation (reporting.DecisionRequest)."""

    project_pk: int
    project: str
    question: str
    addressed_to: str
    addressed_label: str
    status: str
    status_label: str
    needed_by: date | None
    raised_on: date | None
    overdue: bool


@dataclass
class DecisionLine:
    """A decision taken (governance.Decision), when the governance app records them."""

    decided_on: date | None
    text: str
    kind_label: str
    body_label: str
    project: str


@dataclass
class EscalationLine:
    """A decision request taken one step up the escalation path (governance.Escalation)."""

    escalated_on: date
    project: str
    question: str
    from_label: str
    to_label: str
    to_body: str
    reason: str


@dataclass
class OkrLine:
    label: str  # a field of action (or a project)
    objectives: int
    scored: int
    progress: float | None  # 0..1, mean of the scored objectives
    percent: int | None
    band_label: str


@dataclass
class ProjectPage:
    pk: int
    title: str
    field_name: str
    field_pk: int
    stage: str
    stage_label: str
    kind_label: str
    method_label: str
    org_unit: str
    lead: str
    change_manager: str
    description: str
    goals: list[str]
    planned_start: date | None
    planned_end: date | None
    report_period: str  # "01.05.2025 – 31.05.2025" or ""
    report_state: str  # "accepted" / "submitted" / "" (no report)
    report_state_label: str
    overall: str
    overall_label: str
    lights: list[LightLine]
    summary: str
    achievements: str
    next_steps: list[str]
    user_involvement: str
    milestones: list[MilestoneLine]
    top_risks: list[RiskLine]
    decision_requests: list[RequestLine]
    decisions: list[DecisionLine]


@dataclass
class FieldSection:
    pk: int
    name: str
    target_state: str
    summary: str
    target_date: date | None
    impact: str
    impact_label: str
    stages: list[Count]
    lights: list[Count]
    okr: OkrLine | None
    projects: list[ProjectPage]

    @property
    def total(self) -> int:
        return len(self.projects)


@dataclass
class PersonLine:
    name: str
    detail: str


@dataclass
class StaffSection:
    """For the staff council: what the programme changes inside the administration."""

    org_units: list[Count]  # unit → number of projects
    change_managers: list[PersonLine]
    involvement: list[tuple[str, str]]  # (project, user-involvement text)
    inward_fields: list[str]


@dataclass
class Report:
    kind: str
    kind_label: str
    cadence_label: str
    title: str
    programme_name: str
    programme_short: str
    programme_description: str
    strategic_goals: list[str]
    as_of: date
    moment: datetime
    period_start: date
    period_end: date
    focus_field: str  # the field of a focus report, else ""
    fields: list[FieldSection]
    stages: list[Count]  # programme-wide
    lights: list[Count]
    okr: list[OkrLine]  # per field; empty if nobody set OKRs
    okr_total: OkrLine | None
    requests_in_period: list[RequestLine]
    open_requests: list[RequestLine]
    decisions: list[DecisionLine]
    escalations: list[EscalationLine]
    red_projects: list[ProjectPage]
    for_the_mayor: list[RequestLine]  # open requests addressed to the Strategie-BK
    escalations_to_mayor: list[EscalationLine]
    outlook: list[MilestoneLine]
    staff: StaffSection | None = None
    finance: FinanceSection | None = None  # the budgets (committee and focus reports)
    notes: list[str] = field(default_factory=list)

    @property
    def projects(self) -> list[ProjectPage]:
        return [p for f in self.fields for p in f.projects]

    @property
    def project_count(self) -> int:
        return sum(f.total for f in self.fields)
