"""Input and output schemas of the idea endpoints (codes plus `<field>_label`, ids for
references, PATCH leaves out what stays)."""

from datetime import datetime
from decimal import Decimal
from typing import ClassVar
from typing import Literal

from ninja import Field
from ninja import Schema

from lotse.api_helpers import In
from lotse.api_helpers import ReadVersion
from lotse.api_helpers import Resolver
from lotse.api_helpers import ids_of
from lotse.hygiene import Text
from lotse.portfolio.schemas import ProgrammePartOut

from .models import Idea
from .models import ScoringRound

# The model choices' codes, written out (tests/test_choice_codes.py keeps them equal).
StatusCode = Literal["received", "in_review", "scored", "adopted", "rejected"]
DirectionCode = Literal["benefit", "cost"]
AxisCode = Literal["value", "effort"]


class IdeaOut(ProgrammePartOut):
    title: str
    description: str
    field_of_action: int | None = Field(alias="field_of_action_id")
    source: str
    source_label: str = Field(alias="get_source_display")
    source_note: str
    status: str
    status_label: str = Field(alias="get_status_display")
    moderation: str
    moderation_label: str = Field(alias="get_moderation_display")
    is_public: bool
    moderation_note: str
    decision_reason: str
    merged_into: int | None = Field(alias="merged_into_id")
    project: int | None = Field(alias="project_id")
    cost_estimate: Decimal | None
    supports: int = 0
    created_at: datetime
    version: int

    @staticmethod
    def resolve_supports(obj: Idea) -> int:
        return getattr(obj, "support_count", 0)


class IdeaCreate(In):
    title: str = Field(max_length=200)
    description: Text
    field_of_action: int | None = None
    cost_estimate: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    source: Literal["staff", "workshop"] = "staff"
    source_note: str = Field("", max_length=200)


class IdeaUpdate(In):
    title: str | None = Field(None, max_length=200)
    description: Text | None = None
    field_of_action: int | None = None
    cost_estimate: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    source_note: str | None = Field(None, max_length=200)
    note: Text = Field("", max_length=500)
    version: ReadVersion


class Reason(In):
    reason: Text = Field(max_length=500)


class MergeIn(In):
    into: int
    note: Text = Field("", max_length=500)


class ReleaseIn(In):
    public: bool


class StatusIn(In):
    status: StatusCode
    reason: Text = ""


class SupportOut(Schema):
    created: bool
    supports: int


class CriterionOut(Schema):
    id: int
    name: str
    description: str
    weight: Decimal
    scale_min: int
    scale_max: int
    direction: str
    axis: str
    levels: str
    order: int
    active: bool
    version: int


class CriterionIn(In):
    name: str = Field(max_length=120)
    description: Text = ""
    weight: Decimal = Field(Decimal(1), ge=0, le=100, max_digits=5, decimal_places=2)
    scale_min: int = Field(0, ge=-100, le=100)
    scale_max: int = Field(5, ge=-100, le=100)
    direction: DirectionCode = "benefit"
    axis: AxisCode = "value"
    levels: Text = ""
    order: int = Field(0, ge=0, le=10_000)
    active: bool = True


class CriterionUpdate(In):
    name: str | None = Field(None, max_length=120)
    description: Text | None = None
    weight: Decimal | None = Field(None, ge=0, le=100, max_digits=5, decimal_places=2)
    scale_min: int | None = Field(None, ge=-100, le=100)
    scale_max: int | None = Field(None, ge=-100, le=100)
    direction: DirectionCode | None = None
    axis: AxisCode | None = None
    levels: Text | None = None
    order: int | None = Field(None, ge=0, le=10_000)
    active: bool | None = None
    version: ReadVersion


class RoundCreate(In):
    name: str = Field(max_length=200)
    ideas: list[int]
    raters: list[int]


class RoundOut(ProgrammePartOut):
    name: str
    state: str
    closed_at: datetime | None
    ideas: list[int]
    raters: list[int]

    resolve_ideas: ClassVar[Resolver] = ids_of("ideas", ordered=True)

    @staticmethod
    def resolve_raters(obj: ScoringRound) -> list[int]:
        return sorted(seat.user_id for seat in obj.jury.all())


class ScoreIn(In):
    idea: int
    criterion: int
    value: int | None = Field(None, ge=-100, le=100)


class ScoresIn(In):
    scores: list[ScoreIn]


class ScoreOut(Schema):
    idea: int = Field(alias="idea_id")
    criterion: int = Field(alias="criterion_id")
    rater: int = Field(alias="rater_id")
    value: int


class CriterionResultOut(Schema):
    criterion: int
    name: str
    mean: float | None
    spread: float | None
    count: int
    disagreement: bool


class RankingRowOut(Schema):
    idea: int
    title: str
    rank: int | None
    score: float | None
    value: float | None
    effort: float | None
    quadrant: str | None
    complete: bool
    disagreement: bool
    criteria: list[CriterionResultOut]


class RankingOut(Schema):
    round: int
    state: str
    submitted: int
    jury_size: int
    weights: dict[str, Decimal]
    rows: list[RankingRowOut]
