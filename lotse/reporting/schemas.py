"""Input and output schemas of the reporting endpoints (same conventions as the portfolio's).

Choice fields travel as their codes with the German label next to them (`<field>_label`);
foreign keys travel as ids. In PATCH schemas a field left out stays unchanged; `null` is
refused for fields that may not be empty. Unknown fields are refused (the `In` base).
"""

from datetime import date
from datetime import datetime
from typing import Any
from typing import ClassVar
from typing import Literal

from ninja import Field
from ninja import Schema

from lotse.api_helpers import Clean
from lotse.api_helpers import In
from lotse.api_helpers import ReadVersionOrNone
from lotse.api_helpers import Resolver
from lotse.api_helpers import as_text
from lotse.api_helpers import left_out
from lotse.api_helpers import may
from lotse.api_helpers import name_of
from lotse.hygiene import Text
from lotse.portfolio.schemas import DecisionBodyCode
from lotse.portfolio.schemas import ProjectPartOut
from lotse.portfolio.schemas import VersionedIn

from .models import StatusReport

# Choice codes as static types (tests/test_choice_codes.py keeps them equal to the models').
RatingCode = Literal["green", "amber", "red"]
SupportFromCode = Literal["", "pmo", "programme_manager", "sponsor"]
RiskStatusCode = Literal["open", "mitigated", "occurred", "closed"]
BodyCode = DecisionBodyCode
RequestStatusCode = Literal["open", "decided", "withdrawn"]
TrendCode = Literal["better", "same", "worse"]


# --- periods ----------------------------------------------------------------------------


class PeriodOut(Schema):
    id: int | None = Field(
        description="null, solange die Periode noch nicht gespeichert ist (nur die laufende)."
    )
    programme: int = Field(alias="programme_id")
    start: date
    end: date
    due_date: date = Field(description="Bis zu diesem Tag sind die Berichte einzureichen.")
    check_date: date = Field(description="Tag des Projektchecks (letzter Tag der Periode).")
    label: str

    resolve_label: ClassVar[Resolver] = as_text()


# --- status reports ---------------------------------------------------------------------


class ReportOut(ProjectPartOut):
    project_title: str = Field(alias="project.title")
    period: int = Field(alias="period_id")
    period_label: str
    period_start: date = Field(alias="period.start")
    period_end: date = Field(alias="period.end")
    due_date: date = Field(alias="period.due_date")
    state: str
    state_label: str = Field(alias="get_state_display")
    overall: str
    overall_label: str = Field(alias="get_overall_display")
    overall_note: str
    schedule: str
    schedule_label: str = Field(alias="get_schedule_display")
    schedule_note: str
    budget: str
    budget_label: str = Field(alias="get_budget_display")
    budget_note: str
    scope: str
    scope_label: str = Field(alias="get_scope_display")
    scope_note: str
    resources: str
    resources_label: str = Field(alias="get_resources_display")
    resources_note: str
    summary: str
    achievements: str
    next_steps: str
    obstacles: str
    support_needed: str
    support_from: str
    user_involvement: str
    vision: str
    board_todo: str
    board_doing: str
    board_done: str
    submitted_at: datetime | None
    submitted_by: int | None = Field(alias="submitted_by_id")
    submitted_by_name: str | None
    reviewed_at: datetime | None
    reviewed_by: int | None = Field(alias="reviewed_by_id")
    reviewed_by_name: str | None
    review_comment: str
    released_at: datetime | None = Field(
        description="Wann die Ampeln für die öffentlichen Seiten freigegeben wurden."
    )
    released_by: int | None = Field(alias="released_by_id")
    version: int
    created_at: datetime
    updated_at: datetime
    can_edit: bool
    can_submit: bool
    can_review: bool
    can_release: bool

    @staticmethod
    def resolve_period_label(obj: StatusReport) -> str:
        return str(obj.period)

    resolve_submitted_by_name: ClassVar[Resolver] = name_of("submitted_by")
    resolve_reviewed_by_name: ClassVar[Resolver] = name_of("reviewed_by")
    resolve_can_edit: ClassVar[Resolver] = may("reporting.change_report")
    resolve_can_submit: ClassVar[Resolver] = may("reporting.submit_report")
    resolve_can_review: ClassVar[Resolver] = may("reporting.review_report")
    resolve_can_release: ClassVar[Resolver] = may("reporting.release_report")


class AsOfMilestone(Schema):
    id: int
    title: str
    planned_date: date
    forecast_date: date | None
    actual_date: date | None
    slippage_days: int


class AsOfRisk(Schema):
    id: int
    title: str
    probability: int
    impact: int
    score: int
    owner: str
    mitigation: str
    status: str
    status_label: str

    @staticmethod
    def resolve_score(obj: dict[str, Any]) -> int:
        return obj["probability"] * obj["impact"]


class AsOfDecisionRequest(Schema):
    id: int
    question: str
    needed_by: date | None
    addressed_to: str
    addressed_to_label: str
    status: str


class ChangeOut(Schema):
    field: str
    label: str
    old: str
    new: str


class AsOfOut(Schema):
    frozen: bool = Field(
        description="true: der beim Einreichen bzw. Annehmen eingefrorene Stand; false: der "
        "aktuelle Stand des Projekts (Entwurf oder zurückgegebener Bericht)."
    )
    milestones: list[AsOfMilestone]
    risks: list[AsOfRisk]
    decision_requests: list[AsOfDecisionRequest] = Field(
        description="Die offenen Entscheidungsbedarfe, wie der Bericht sie zeigt."
    )


class ReportDetailOut(ReportOut):
    as_of: AsOfOut = Field(description="Meilensteine, Risiken und Entscheidungsbedarfe.")
    previous: int | None = Field(description="Id des Berichts der vorigen Periode.")
    trend: TrendCode | None = Field(
        description="Gesamtstatus gegenüber dem vorigen Bericht (null ohne vorigen Bericht)."
    )
    trend_label: str | None
    changes: list[ChangeOut] = Field(description="Was sich gegenüber dem vorigen Bericht änderte.")


class ReportCreate(In):
    period: int = Field(description="Id einer Berichtsperiode des Programms.")


class ReportPatch(VersionedIn):
    overall: RatingCode = left_out()
    overall_note: Text = left_out()
    schedule: RatingCode = left_out()
    schedule_note: Text = left_out()
    budget: RatingCode = left_out()
    budget_note: Text = left_out()
    scope: RatingCode = left_out()
    scope_note: Text = left_out()
    resources: RatingCode = left_out()
    resources_note: Text = left_out()
    summary: Text = left_out()
    achievements: Text = left_out()
    next_steps: Text = left_out(description="Ein Schritt je Zeile, der wichtigste zuerst.")
    obstacles: Text = left_out()
    support_needed: Text = left_out()
    support_from: SupportFromCode = left_out()
    user_involvement: Text = left_out()
    vision: Text = left_out()
    board_todo: Text = left_out()
    board_doing: Text = left_out()
    board_done: Text = left_out()


class ReportAccept(In):
    comment: Text = ""


class ReportRelease(In):
    version: ReadVersionOrNone = None


class ReportReturn(In):
    comment: Text = Field(description="Was die Projektleitung ändern soll.")


# --- milestones -------------------------------------------------------------------------


class MilestoneOut(ProjectPartOut):
    title: str
    planned_date: date
    forecast_date: date | None
    actual_date: date | None
    expected_date: date
    slippage_days: int = Field(
        description="Tage später (positiv) oder früher (negativ) als geplant: erreicht, sonst "
        "Prognose."
    )
    order: int
    can_edit: bool

    resolve_can_edit: ClassVar[Resolver] = may("reporting.change_project_status")


class MilestoneCreate(In):
    title: str = Field(min_length=1, max_length=200)
    planned_date: date
    forecast_date: date | None = None
    actual_date: date | None = None
    order: int = Field(0, ge=0)


class MilestonePatch(In):
    title: str = left_out(min_length=1, max_length=200)
    planned_date: date = left_out()
    forecast_date: date | None = None
    actual_date: date | None = None
    order: int = left_out(ge=0)


# --- risks ------------------------------------------------------------------------------


class RiskOut(ProjectPartOut):
    title: str
    description: str
    probability: int
    impact: int
    score: int
    owner: str
    mitigation: str
    status: str
    status_label: str = Field(alias="get_status_display")
    can_edit: bool

    resolve_can_edit: ClassVar[Resolver] = may("reporting.change_project_status")


class RiskCreate(In):
    title: str = Field(min_length=1, max_length=200)
    description: Text = ""
    probability: int = Field(ge=1, le=4, description="Wahrscheinlichkeit von 1 bis 4.")
    impact: int = Field(ge=1, le=4, description="Auswirkung von 1 bis 4.")
    owner: str = Field("", max_length=150)
    mitigation: Text = ""
    status: RiskStatusCode = "open"


class RiskPatch(In):
    title: str = left_out(min_length=1, max_length=200)
    description: Text = left_out()
    probability: int = left_out(ge=1, le=4)
    impact: int = left_out(ge=1, le=4)
    owner: str = left_out(max_length=150)
    mitigation: Text = left_out()
    status: RiskStatusCode = left_out()


# --- decision requests ------------------------------------------------------------------


class DecisionRequestOut(ProjectPartOut):
    project_title: str = Field(alias="project.title")
    report: int | None = Field(alias="report_id")
    question: str
    options: str
    recommendation: str
    needed_by: date | None
    addressed_to: str
    addressed_to_label: str = Field(alias="get_addressed_to_display")
    status: str
    status_label: str = Field(alias="get_status_display")
    raised_by: int | None = Field(alias="raised_by_id")
    raised_by_name: str | None
    created_at: datetime
    withdrawal_reason: str
    version: int
    can_edit: bool

    resolve_raised_by_name: ClassVar[Resolver] = name_of("raised_by")
    resolve_can_edit: ClassVar[Resolver] = may("reporting.change_project_status")


class DecisionRequestCreate(In):
    question: str = Field(min_length=1, max_length=300)
    options: Text = ""
    recommendation: Text = ""
    needed_by: date | None = None
    addressed_to: BodyCode = "project_check"
    report: int | None = Field(None, description="Id eines Berichts dieses Projekts.")


class DecisionRequestPatch(VersionedIn):
    """Der Status ist hier nicht änderbar: entschieden wird durch einen Beschluss, zurückgezogen
    über `POST /decision-requests/{id}/withdraw`."""

    question: str = left_out(min_length=1, max_length=300)
    options: Text = left_out()
    recommendation: Text = left_out()
    needed_by: date | None = None
    addressed_to: BodyCode = left_out()
    report: int | None = None


class DecisionRequestWithdraw(VersionedIn):
    reason: Text = Field(min_length=1, description="Warum der Bedarf zurückgezogen wird.")


class DecisionRequestFilters(Clean):
    status: RequestStatusCode | None = Field(None, description="z. B. `open`.")
