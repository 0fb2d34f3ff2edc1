"""Input and output schemas of the governance endpoints (conventions as in reporting)."""

from datetime import date
from datetime import datetime
from datetime import time
from typing import ClassVar
from typing import Literal

from ninja import Field
from ninja import Schema

from lotse.api_helpers import Clean
from lotse.api_helpers import In
from lotse.api_helpers import ReadVersionOrNone
from lotse.api_helpers import Resolver
from lotse.api_helpers import ids_of
from lotse.hygiene import Text
from lotse.portfolio.schemas import DecisionBodyCode
from lotse.portfolio.schemas import ProgrammePartOut
from lotse.portfolio.schemas import ProjectPartOut

# Choice codes as static types (tests/test_choice_codes.py keeps them equal to the models').
BodyCode = DecisionBodyCode
KindCode = Literal[
    "release_initiation",
    "accept_results",
    "cancel_project",
    "pass_gate",
    "reprioritise",
    "strategic",
    "other",
]


class SeriesOut(ProgrammePartOut):
    name: str
    purpose: str
    body: str
    escalation_level: int
    cadence: str
    cadence_label: str
    interval_weeks: int
    first_date: date
    weekday: int = Field(description="0 = Montag … 4 = Freitag")
    non_working_day_rule: str = Field(
        description="`next` oder `previous`: wohin ein Termin auf einem arbeitsfreien Tag rückt."
    )
    start_time: time
    duration_minutes: int
    format: str
    location: str
    chair: int | None = Field(alias="chair_id")
    moderator: int | None = Field(alias="moderator_id")
    members: list[int]
    powers: list[str]
    minutes_public: bool
    coupled_to: int | None = Field(alias="coupled_to_id")

    resolve_members: ClassVar[Resolver] = ids_of("members", ordered=True)


class MeetingOut(Schema):
    id: int
    series: int = Field(alias="series_id")
    series_name: str = Field(alias="series.name")
    slot_date: date | None
    date: date
    start_time: time
    duration_minutes: int
    location: str
    status: str
    change_reason: str
    moved: bool
    uid: str


class GenerateIn(In):
    until: date


class MoveIn(In):
    date: date
    reason: Text
    start_time: time | None = None
    duration_minutes: int | None = None
    version: ReadVersionOrNone = None


# The body of an act that only needs its reason: cancelling a meeting, escalating a decision
# request (each operation says what the reason is for).
class ReasonIn(In):
    reason: Text


class AgendaItemOut(Schema):
    id: int
    meeting: int = Field(alias="meeting_id")
    position: int
    kind: str
    title: str
    description: str
    minutes: int
    project: int | None = Field(alias="project_id")
    decision_request: int | None = Field(alias="decision_request_id")
    source_key: str
    notes: str | None = None


class AgendaItemIn(In):
    title: str
    description: Text = ""
    minutes: int = 10
    project: int | None = None


class AgendaItemPatch(In):
    title: str | None = None
    description: Text | None = None
    minutes: int | None = None
    notes: Text | None = None
    move: Literal["up", "down"] | None = None


class DecisionOut(Schema):
    id: int
    meeting: int = Field(alias="meeting_id")
    series_name: str = Field(alias="meeting.series.name")
    agenda_item: int | None = Field(alias="agenda_item_id")
    kind: str
    kind_label: str = Field(alias="get_kind_display")
    wording: str
    rationale: str
    project: int | None = Field(alias="project_id")
    decision_request: int | None = Field(alias="decision_request_id")
    decided_on: date
    stage_before: str
    stage_after: str


class DecisionIn(In):
    kind: KindCode
    wording: Text
    rationale: Text = ""
    project: int | None = None
    decision_request: int | None = None
    agenda_item: int | None = None


class DecisionFilters(Clean):
    project: int | None = Field(None, description="Nur Beschlüsse zu diesem Projekt (Id).")
    series: int | None = Field(None, description="Nur Beschlüsse dieses Gremiums (Id).")
    kind: KindCode | None = Field(None, description="Nur Beschlüsse dieser Art (Code).")
    start: date | None = Field(None, description="Beschlossen am oder nach diesem Tag.")
    end: date | None = Field(None, description="Beschlossen am oder vor diesem Tag.")


class ActionItemOut(Schema):
    id: int
    meeting: int = Field(alias="meeting_id")
    title: str
    owner: int | None = Field(alias="owner_id")
    due_date: date | None
    done: bool
    card: int | None = Field(alias="card_id")


class ActionItemIn(In):
    title: str
    owner: int | None = None
    due_date: date | None = None
    agenda_item: int | None = None
    on_board: bool = False


class PathStepOut(Schema):
    label: str
    when: datetime | None = None
    reason: str = ""
    current: bool = False


class RequestOut(ProjectPartOut):
    project_title: str = Field(alias="project.title")
    question: str
    needed_by: date | None
    addressed_to: str
    status: str
    overdue: bool = False
    escalation_path: list[PathStepOut]
    next_body: str | None = None


class EscalationOut(Schema):
    id: int
    decision_request: int = Field(alias="decision_request_id")
    from_body: str
    to_body: str
    reason: str
    escalated_at: datetime
