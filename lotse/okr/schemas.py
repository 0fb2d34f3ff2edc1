"""Input and output schemas of the OKR endpoints (same conventions as the portfolio's):
choice fields as codes with `<field>_label`, foreign keys as ids, PATCH leaves out what stays.
"""

from datetime import date
from datetime import datetime
from decimal import Decimal
from typing import ClassVar
from typing import Literal

from ninja import Field
from ninja import Schema

from lotse.api_helpers import In
from lotse.api_helpers import ReadVersionOrNone
from lotse.api_helpers import Resolver
from lotse.api_helpers import as_text
from lotse.api_helpers import left_out
from lotse.hygiene import Text
from lotse.portfolio.schemas import ProgrammePartOut
from lotse.portfolio.schemas import VersionedIn

from .selectors import ScoredKeyResult
from .selectors import ScoredObjective

# Choice codes as static types (tests/test_choice_codes.py keeps them equal to the models').
QuarterStateCode = Literal["planning", "active", "review", "closed"]
TargetGroupCode = Literal["", "citizens", "businesses", "staff"]
CommitmentCode = Literal["committed", "aspirational"]
ObjectiveStateCode = Literal["draft", "active", "achieved", "partly", "not_achieved", "postponed"]
KindCode = Literal["increase_to", "decrease_to", "at_least", "at_most", "milestone"]
UnitCode = Literal["number", "percent", "eur", "days"]
SourceCode = Literal["check_in", "ozg"]
OutcomeCode = Literal["reached", "partly", "not_reached"]
NextStepCode = Literal["", "carry_over", "drop"]
LinkKindCode = Literal["dependency", "synergy"]


# --- quarters -----------------------------------------------------------------------------


class QuarterOut(ProgrammePartOut):
    year: int
    number: int
    label: str
    start: date
    end: date
    state: str
    state_label: str = Field(alias="get_state_display")
    locked: bool = Field(alias="is_locked")
    version: int

    resolve_label: ClassVar[Resolver] = as_text()


class QuarterCreate(In):
    year: int = Field(ge=2000, le=2100)
    number: int = Field(ge=1, le=4)


class QuarterTransition(In):
    state: QuarterStateCode = Field(description="Der nächste Status (nur ein Schritt vorwärts).")
    version: ReadVersionOrNone = None
    confirm_missing_reviews: bool = Field(
        False,
        description=(
            "Abschließen, obwohl OKR-Reviews fehlen (sonst 422 mit den fehlenden Objectives)."
        ),
    )


# --- objectives and key results ------------------------------------------------------------


class KeyResultOut(Schema):
    """Read from `selectors.ScoredKeyResult`: the key result and its score."""

    id: int = Field(alias="key_result.pk")
    objective: int = Field(alias="key_result.objective_id")
    title: str = Field(alias="key_result.title")
    description: str = Field(alias="key_result.description")
    owner: int | None = Field(alias="key_result.owner_id")
    kind: str = Field(alias="key_result.kind")
    kind_label: str = Field(alias="key_result.get_kind_display")
    unit: str = Field(alias="key_result.unit")
    start_value: Decimal | None = Field(alias="key_result.start_value")
    target_value: Decimal | None = Field(alias="key_result.target_value")
    order: int = Field(alias="key_result.order")
    source: str = Field(
        alias="key_result.source",
        description="check_in (Check-ins) oder ozg (Wert aus dem OZG-Katalog)",
    )
    ozg_level: int | None = Field(
        None,
        alias="key_result.ozg_level",
        description="Bei source=ozg: zählt die OZG-Leistungen mit mindestens diesem Reifegrad.",
    )
    version: int = Field(alias="key_result.version")
    latest_value: Decimal | None = None
    latest_done: bool | None = None
    latest_at: datetime | None = None
    progress: float | None = Field(None, description="Fortschritt 0 bis 1; null ohne Check-in.")
    band: str = Field("none", description="red, amber, green oder none")
    band_label: str = ""

    @staticmethod
    def resolve_band(obj: ScoredKeyResult) -> str:
        return obj.band.code

    @staticmethod
    def resolve_band_label(obj: ScoredKeyResult) -> str:
        return obj.band.label


class KeyResultCreate(In):
    title: str = Field(min_length=1, max_length=200)
    description: Text = ""
    owner: int | None = None
    kind: KindCode = "increase_to"
    unit: UnitCode = "number"
    start_value: Decimal | None = Field(None, max_digits=14, decimal_places=2)
    target_value: Decimal | None = Field(None, max_digits=14, decimal_places=2)
    order: int = Field(0, ge=0)
    source: SourceCode = "check_in"
    ozg_level: int | None = Field(None, ge=1, le=4)


class KeyResultPatch(VersionedIn):
    title: str = left_out(min_length=1, max_length=200)
    description: Text = left_out()
    owner: int | None = None
    kind: KindCode = left_out()
    unit: UnitCode = left_out()
    start_value: Decimal | None = Field(None, max_digits=14, decimal_places=2)
    target_value: Decimal | None = Field(None, max_digits=14, decimal_places=2)
    order: int = left_out(ge=0)
    source: SourceCode = left_out()
    ozg_level: int | None = Field(None, ge=1, le=4)


class ObjectiveOut(Schema):
    """Read from `selectors.ScoredObjective`: the objective, its score and key results."""

    id: int = Field(alias="objective.pk")
    project: int = Field(alias="objective.project_id")
    project_title: str = Field(alias="objective.project.title")
    quarter: int = Field(alias="objective.quarter_id")
    title: str = Field(alias="objective.title")
    description: str = Field(alias="objective.description")
    target_group: str = Field(alias="objective.target_group")
    field_of_action: int | None = Field(alias="objective.field_of_action_id")
    commitment: str = Field(alias="objective.commitment")
    state: str = Field(alias="objective.state")
    state_label: str = Field(alias="objective.get_state_display")
    order: int = Field(alias="objective.order")
    copied_from: int | None = Field(alias="objective.copied_from_id")
    version: int = Field(alias="objective.version")
    progress: float | None = None
    band: str = "none"
    success: bool = False
    key_results: list[KeyResultOut]

    @staticmethod
    def resolve_band(obj: ScoredObjective) -> str:
        return obj.band.code


class ObjectiveCreate(In):
    quarter: int = Field(description="Id eines Quartals des Programms.")
    title: str = Field(min_length=1, max_length=200)
    description: Text = ""
    target_group: TargetGroupCode = ""
    field_of_action: int | None = None
    commitment: CommitmentCode = "committed"
    order: int = Field(0, ge=0)


class ObjectivePatch(VersionedIn):
    title: str = left_out(min_length=1, max_length=200)
    description: Text = left_out()
    target_group: TargetGroupCode = left_out()
    field_of_action: int | None = None
    commitment: CommitmentCode = left_out()
    state: ObjectiveStateCode = left_out()
    order: int = left_out(ge=0)


class CopyForward(In):
    quarter: int | None = Field(None, description="Zielquartal; Standard: das nächste Quartal.")


# --- check-ins ---------------------------------------------------------------------------------


class CheckInOut(Schema):
    id: int
    key_result: int = Field(alias="key_result_id")
    value: Decimal | None
    done: bool | None
    confidence: int
    comment: str
    author: int | None = Field(alias="author_id")
    created_at: datetime
    source: str


class CheckInCreate(In):
    value: Decimal | None = Field(
        None, max_digits=14, decimal_places=2, description="Messwert (nicht bei Meilensteinen)."
    )
    done: bool | None = Field(None, description="Nur bei Meilensteinen: erledigt?")
    confidence: int = Field(ge=0, le=10, description="Zuversicht von 0 bis 10.")
    comment: Text = ""


# --- reviews and links -------------------------------------------------------------------------


class ReviewOut(Schema):
    objective: int = Field(alias="objective_id")
    computed_score: Decimal | None
    score_override: Decimal | None
    override_reason: str
    final_score: Decimal | None
    outcome: str
    drivers: str
    obstacles: str
    learnings: str
    next_step: str
    reviewed_by: int | None = Field(alias="reviewed_by_id")
    reviewed_at: datetime
    version: int


class ReviewPut(In):
    version: int | None = Field(
        None, description="Beim Ändern die `version` des gelesenen Reviews; beim ersten Mal leer."
    )
    outcome: OutcomeCode | None = Field(None, description="Standard: aus dem Erfüllungsgrad.")
    score_override: Decimal | None = Field(None, ge=0, le=1, decimal_places=3)
    override_reason: Text = ""
    drivers: Text = ""
    obstacles: Text = ""
    learnings: Text = ""
    next_step: NextStepCode = ""


class LinkOut(Schema):
    id: int
    kind: str
    kind_label: str = Field(alias="get_kind_display")
    from_objective: int = Field(alias="from_objective_id")
    from_key_result: int | None = Field(alias="from_key_result_id")
    to_objective: int = Field(alias="to_objective_id")
    to_key_result: int | None = Field(alias="to_key_result_id")
    note: str


class LinkCreate(In):
    kind: LinkKindCode
    to_objective: int
    from_key_result: int | None = None
    to_key_result: int | None = None
    note: Text = ""
