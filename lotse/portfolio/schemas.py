"""Input and output schemas of the portfolio endpoints.

Field names are the models' English names. Choice fields travel as their codes, with the
German display name next to them as `<field>_label`; foreign keys travel as ids, with a
readable `<field>_name` (or `_title`, `_slug`) next to them in the output.

In PATCH schemas a field left out stays unchanged. Fields the model does not allow to be
empty are typed without `None`: sending `null` for them is refused, leaving them out is not.
"""

from datetime import date
from datetime import datetime
from typing import Any
from typing import ClassVar
from typing import Literal

from ninja import Field
from ninja import Schema
from pydantic import field_validator

from lotse.api_helpers import Clean
from lotse.api_helpers import In
from lotse.api_helpers import ReadVersion
from lotse.api_helpers import Resolver
from lotse.api_helpers import left_out
from lotse.api_helpers import may
from lotse.api_helpers import name_of
from lotse.hygiene import Text
from lotse.portfolio.models import Project

# The choice codes as static types: validated, and listed as an enum in the OpenAPI schema
# (tests/test_choice_codes.py keeps each equal to the codes of its model's choices).
StageCode = Literal[
    "idea",
    "planning",
    "start_soon",
    "partly_running",
    "running",
    "completed",
    "cancelled",
    "paused",
]
ProjectKindCode = Literal["quick_win", "infrastructure", "strategy"]
MethodCode = Literal["agile", "linear"]
ImpactCode = Literal["outward", "inward"]
OrgUnitKindCode = Literal["business_area", "department", "division", "other"]
LevelCode = Literal["contributes", "unclear"]
DependencyKindCode = Literal["needs", "blocks", "synergy"]
DecisionBodyCode = Literal[
    "pmo", "programme_manager", "project_check", "transformation_conference", "strategy_bk", "other"
]
# "" is the nationwide holidays only; then the Bundesländer (ISO 3166-2 without "DE-").
RegionCode = Literal[
    "",
    "BB",
    "BE",
    "BW",
    "BY",
    "HB",
    "HE",
    "HH",
    "MV",
    "NI",
    "NW",
    "RP",
    "SH",
    "SL",
    "SN",
    "ST",
    "TH",
]


# --- the bases every app's schemas share -------------------------------------------------


class VersionedIn(In):
    """A request body that names the `version` of the object the client last read: an object
    changed since then is refused with 409."""

    version: ReadVersion


class ProgrammePartOut(Schema):
    """An object of one programme: its id, then the programme's."""

    id: int
    programme: int = Field(alias="programme_id")


class ProjectPartOut(Schema):
    """An object of one project: its id, then the project's."""

    id: int
    project: int = Field(alias="project_id")


# --- me ---------------------------------------------------------------------------------


class ProgrammeRoleOut(Schema):
    programme: int
    programme_slug: str
    programme_name: str
    role: str
    role_label: str


class ProjectRoleOut(Schema):
    project: int
    project_title: str
    role: str
    role_label: str


class MeOut(Schema):
    id: int
    username: str
    name: str
    email: str
    is_superuser: bool
    programme_roles: list[ProgrammeRoleOut]
    project_roles: list[ProjectRoleOut]


# --- programmes -------------------------------------------------------------------------


class GoalRef(Schema):
    id: int
    name: str


class ProgrammeOut(Schema):
    id: int
    name: str
    slug: str
    short_name: str
    description: str
    parent: int | None = Field(None, alias="parent_id")
    start_date: date | None
    end_date: date | None
    holiday_region: str = Field(
        description="Bundesland, dessen Feiertage Sitzungen und Fälligkeiten überspringen "
        "(z. B. `BB`); leer: nur bundesweite Feiertage."
    )
    meeting_blackout: str = Field(description="Sitzungsfreie Zeiten, z. B. `24.12.–01.01.`.")
    strategic_goals: list[GoalRef]
    version: int
    can_edit: bool

    resolve_can_edit: ClassVar[Resolver] = may("portfolio.change_programme")


class ProgrammePatch(VersionedIn):
    name: str = left_out(min_length=1, max_length=200)
    short_name: str = left_out(max_length=40)
    description: Text = left_out()
    start_date: date | None = None
    end_date: date | None = None
    holiday_region: RegionCode = left_out()
    meeting_blackout: str = left_out(max_length=200)
    strategic_goals: list[int] = left_out(description="Ids der strategischen Ziele.")


# --- fields of action -------------------------------------------------------------------


class FieldOfActionOut(ProgrammePartOut):
    name: str
    order: int
    target_state: str
    summary: str
    target_date: date | None
    impact: str
    impact_label: str = Field(alias="get_impact_display")
    version: int
    can_edit: bool

    resolve_can_edit: ClassVar[Resolver] = may("portfolio.change_field_of_action")


class FieldOfActionCreate(In):
    name: str = Field(min_length=1, max_length=200)
    order: int = Field(0, ge=0)
    target_state: Text = ""
    summary: Text = ""
    target_date: date | None = None
    impact: ImpactCode = "outward"


class FieldOfActionPatch(VersionedIn):
    name: str = left_out(min_length=1, max_length=200)
    order: int = left_out(ge=0)
    target_state: Text = left_out()
    summary: Text = left_out()
    target_date: date | None = None
    impact: ImpactCode = left_out()


# --- projects ---------------------------------------------------------------------------


class ProjectOut(ProgrammePartOut):
    programme_slug: str = Field(alias="programme.slug")
    title: str
    short_name: str
    description: str
    goals: str
    field_of_action: int = Field(alias="field_of_action_id")
    field_of_action_name: str = Field(alias="field_of_action.name")
    parent: int | None = Field(alias="parent_id")
    parent_title: str | None
    org_unit: int | None = Field(alias="org_unit_id")
    org_unit_name: str | None
    lead: int | None = Field(alias="lead_id")
    lead_name: str | None
    change_manager: int | None = Field(alias="change_manager_id")
    change_manager_name: str | None
    stage: str
    stage_label: str = Field(alias="get_stage_display")
    kind: str
    kind_label: str = Field(alias="get_kind_display")
    method: str
    method_label: str = Field(alias="get_method_display")
    planned_start: date | None
    planned_end: date | None
    published: bool
    public_summary: str
    version: int
    created_at: datetime
    updated_at: datetime
    can_edit: bool

    @staticmethod
    def resolve_parent_title(obj: Project) -> str | None:
        return obj.parent.title if obj.parent else None

    resolve_org_unit_name: ClassVar[Resolver] = name_of("org_unit")
    resolve_lead_name: ClassVar[Resolver] = name_of("lead")
    resolve_change_manager_name: ClassVar[Resolver] = name_of("change_manager")
    resolve_can_edit: ClassVar[Resolver] = may("portfolio.change_project")


class ProjectCreate(In):
    title: str = Field(min_length=1, max_length=200)
    short_name: str = Field("", max_length=40)
    description: Text = ""
    goals: Text = Field("", description="Die Projektziele, eines je Zeile.")
    field_of_action: int = Field(description="Id eines Themenfelds dieses Programms.")
    parent: int | None = Field(None, description="Id des übergeordneten Projekts.")
    org_unit: int | None = None
    lead: int | None = Field(None, description="Id der Person, die das Projekt leitet.")
    change_manager: int | None = None
    stage: StageCode = "idea"
    kind: ProjectKindCode = "infrastructure"
    method: MethodCode = "agile"
    planned_start: date | None = None
    planned_end: date | None = None
    published: bool = False
    public_summary: Text = Field("", description="Kurzbeschreibung für die öffentlichen Seiten.")


class ProjectPatch(VersionedIn):
    title: str = left_out(min_length=1, max_length=200)
    short_name: str = left_out(max_length=40)
    description: Text = left_out()
    goals: Text = left_out()
    field_of_action: int = left_out()
    parent: int | None = None
    org_unit: int | None = None
    lead: int | None = None
    change_manager: int | None = None
    stage: StageCode = left_out()
    kind: ProjectKindCode = left_out()
    method: MethodCode = left_out()
    planned_start: date | None = None
    planned_end: date | None = None
    published: bool = left_out()
    public_summary: Text = left_out()


class ProjectFilters(Clean):
    field: int | None = Field(None, description="Id des Themenfelds.")
    stage: StageCode | None = Field(None, description="Nur Projekte in dieser Phase (Code).")
    org_unit: int | None = Field(None, description="Id der Organisationseinheit.")
    lead: int | None = Field(None, description="Id der Projektleitung.")
    kind: ProjectKindCode | None = Field(None, description="Nur Projekte dieser Art (Code).")
    q: str | None = Field(None, description="Suche in Titel und Kurzname.")
    sort: (
        Literal["title", "-title", "field", "stage", "org_unit", "lead", "start", "end"] | None
    ) = Field(None, description="Sortierung; ein Minus davor kehrt sie um.")


# --- org units --------------------------------------------------------------------------


class OrgUnitOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    kind_label: str = Field(alias="get_kind_display")
    parent: int | None = Field(alias="parent_id")


class OrgUnitCreate(In):
    code: str = Field(min_length=1, max_length=30)
    name: str = Field(min_length=1, max_length=200)
    kind: OrgUnitKindCode = "other"
    parent: int | None = None


class OrgUnitPatch(In):
    code: str = left_out(min_length=1, max_length=30)
    name: str = left_out(min_length=1, max_length=200)
    kind: OrgUnitKindCode = left_out()
    parent: int | None = None


# --- goal contributions -----------------------------------------------------------------


class GoalContributionOut(ProjectPartOut):
    strategic_goal: int = Field(alias="strategic_goal_id")
    strategic_goal_name: str = Field(alias="strategic_goal.name")
    level: str
    level_label: str = Field(alias="get_level_display")
    note: str


class GoalContributionPut(In):
    level: LevelCode | None = Field(
        description="`contributes`, `unclear`, oder leer bzw. `null`, um den Beitrag zu entfernen."
    )
    note: Text = ""

    EMPTY: ClassVar[tuple[str | None, ...]] = ("", None)

    @field_validator("level", mode="before")
    @classmethod
    def empty_is_none(cls, value: Any) -> Any:
        return None if value in cls.EMPTY else value


# --- dependencies -----------------------------------------------------------------------


class DependencyOut(Schema):
    id: int
    source: int = Field(alias="source_id")
    source_title: str = Field(alias="source.title")
    target: int = Field(alias="target_id")
    target_title: str = Field(alias="target.title")
    kind: str
    kind_label: str = Field(alias="get_kind_display")
    note: str
    can_delete: bool

    resolve_can_delete: ClassVar[Resolver] = may("portfolio.delete_dependency")


class DependencyCreate(In):
    target: int = Field(description="Id des anderen Projekts (im selben Programm).")
    kind: DependencyKindCode
    note: Text = ""
