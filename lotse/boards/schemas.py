"""Input and output schemas of the board endpoints (same conventions as the portfolio's:
foreign keys travel as ids, PATCH leaves out what stays, unknown fields are refused)."""

from datetime import date
from datetime import datetime
from typing import ClassVar
from typing import Literal

from ninja import Field
from ninja import Schema

from lotse.api_helpers import In
from lotse.api_helpers import ReadVersionOrNone
from lotse.api_helpers import Resolver
from lotse.api_helpers import ids_of
from lotse.api_helpers import name_of
from lotse.hygiene import Text
from lotse.portfolio.schemas import VersionedIn

from .models import Card
from .models import RetroAction

SwimlaneCode = Literal["none", "sub_project"]


class ColumnOut(Schema):
    id: int
    board: int = Field(alias="board_id")
    name: str
    position: int
    wip_limit: int | None
    is_done: bool
    card_count: int = Field(0, description="Karten in der Spalte (bei GET /boards/{id}).")
    wip_exceeded: bool = Field(False, description="Mehr Karten als das WIP-Limit erlaubt.")


class LabelOut(Schema):
    id: int
    board: int = Field(alias="board_id")
    name: str


class ProjectOrProgrammeOut(Schema):
    """An object of a project's board or of the programme office's: its id, then the
    project's or the programme's (the other one is null)."""

    id: int
    project: int | None = Field(alias="project_id")
    programme: int | None = Field(alias="programme_id")


class BoardOut(ProjectOrProgrammeOut):
    title: str
    swimlanes: SwimlaneCode
    version: int
    columns: list[ColumnOut]
    labels: list[LabelOut]
    can_change_board: bool
    can_change_cards: bool


class BoardPatch(In):
    version: ReadVersionOrNone = None
    swimlanes: SwimlaneCode


class ColumnCreate(In):
    name: str = Field(min_length=1, max_length=60)
    wip_limit: int | None = Field(None, ge=1, le=999)
    is_done: bool = False


class ColumnPatch(In):
    name: str | None = Field(None, min_length=1, max_length=60)
    wip_limit: int | None = Field(None, ge=1, le=999)
    is_done: bool | None = None
    position: int | None = Field(None, ge=0, description="Neue Stelle, 0 = ganz links.")


class LabelCreate(In):
    name: str = Field(min_length=1, max_length=40)


class CardOut(Schema):
    id: int
    board: int = Field(alias="board_id")
    column: int = Field(alias="column_id")
    column_name: str = Field(alias="column.name")
    position: int = Field(description="0 = ganz oben in der Spalte.")
    title: str
    description: str = Field(description="Markdown, wie eingegeben.")
    description_html: str = Field(description="Das Markdown als bereinigtes HTML.")
    assignee: int | None = Field(alias="assignee_id")
    assignee_name: str | None
    due_date: date | None
    overdue: bool
    labels: list[int]
    sub_project: int | None = Field(alias="sub_project_id")
    milestone: int | None = Field(alias="milestone_id")
    key_result: int | None = Field(alias="key_result_id")
    created_by: int | None = Field(alias="created_by_id")
    updated_by: int | None = Field(alias="updated_by_id")
    created_at: datetime
    updated_at: datetime
    version: int

    resolve_assignee_name: ClassVar[Resolver] = name_of("assignee")
    resolve_labels: ClassVar[Resolver] = ids_of("labels")

    @staticmethod
    def resolve_description_html(obj: Card) -> str:
        from lotse.documents.markdown import render_markdown

        return str(render_markdown(obj.description))

    @staticmethod
    def resolve_overdue(obj: Card) -> bool:
        from django.utils import timezone

        return bool(obj.due_date and obj.due_date < timezone.localdate() and not obj.column.is_done)


class CardCreate(In):
    title: str = Field(min_length=1, max_length=200)
    column: int | None = Field(None, description="Spalte; ohne Angabe die erste.")
    description: Text = ""
    assignee: int | None = None
    due_date: date | None = None
    labels: list[int] = []
    sub_project: int | None = None
    milestone: int | None = None
    key_result: int | None = None


class CardPatch(In):
    version: ReadVersionOrNone = None
    title: str | None = Field(None, min_length=1, max_length=200)
    description: Text | None = None
    assignee: int | None = None
    due_date: date | None = None
    labels: list[int] | None = None
    sub_project: int | None = None
    milestone: int | None = None
    key_result: int | None = None


class CardMove(In):
    column: int
    position: int | None = Field(
        None, ge=0, description="0 = ganz oben; ohne Angabe oder zu groß = ans Ende."
    )
    version: int | None = Field(
        None, description="Optional: nur verschieben, wenn die Karte noch diesen Stand hat."
    )


class ActionOut(Schema):
    id: int
    text: str
    card: int | None = Field(alias="card_id")
    done: bool = Field(description="Erledigt: Karte in einer Erledigt-Spalte bzw. abgehakt.")
    version: int

    @staticmethod
    def resolve_done(obj: RetroAction) -> bool:
        from .selectors import action_done

        return action_done(obj)


class RetrospectiveOut(ProjectOrProgrammeOut):
    quarter: int | None = Field(alias="quarter_id")
    held_on: date
    went_well: str
    to_improve: str
    version: int
    actions: list[ActionOut]


class RetrospectiveCreate(In):
    held_on: date
    quarter: int | None = None
    went_well: Text = ""
    to_improve: Text = ""
    actions: list[str] = []


class RetrospectivePatch(In):
    version: ReadVersionOrNone = None
    held_on: date | None = None
    quarter: int | None = None
    went_well: Text | None = None
    to_improve: Text | None = None


class ActionCreate(In):
    text: str = Field(min_length=1, max_length=300)


class ActionPatch(VersionedIn):
    text: str | None = Field(None, min_length=1, max_length=300)
    done: bool | None = None
