"""Board endpoints of the REST API: boards, columns, labels, cards (with moves),
retrospectives and their actions. Same selectors, services and rules as the UI; the
handlers in `lotse.api.urls` turn PermissionDenied into 403, Http404 into 404,
ValidationError into 422 and EditConflict into 409.
"""

from collections.abc import Callable
from typing import Any
from typing import cast

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.db.models import Model
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field
from ninja import Query
from ninja import Status

from lotse.api_helpers import READ
from lotse.api_helpers import WRITE
from lotse.api_helpers import ApiRouter
from lotse.api_helpers import Clean
from lotse.api_helpers import require
from lotse.api_helpers import resolve_id
from lotse.api_helpers import sent_changes
from lotse.http import AuthedRequest
from lotse.okr.models import KeyResult
from lotse.okr.models import Quarter
from lotse.portfolio import selectors as portfolio_selectors
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.reporting.models import Milestone

from . import schemas as s
from . import selectors
from . import services
from .models import Board
from .models import Card
from .models import Column
from .models import Label
from .models import RetroAction
from .models import Retrospective

router = ApiRouter(tags=["Boards"], module=__name__)
RETROS = ["Retrospektiven"]


def _board_out(request: AuthedRequest, board: Board) -> dict[str, Any]:
    columns = [
        {
            "id": column.pk,
            "board_id": column.board_id,
            "name": column.name,
            "position": column.position,
            "wip_limit": column.wip_limit,
            "is_done": column.is_done,
            "card_count": column.card_count,
            "wip_exceeded": bool(column.wip_limit and column.card_count > column.wip_limit),
        }
        for column in Column.objects.filter(board=board)
        .annotate(card_count=Count("cards"))
        .order_by("position")
    ]
    title = (
        _("PMO-Aufgabenboard %(p)s") % {"p": board.programme}
        if board.programme_id
        else _("Board %(p)s") % {"p": board.project}
    )
    return {
        "id": board.pk,
        "project_id": board.project_id,
        "programme_id": board.programme_id,
        "title": title,
        "swimlanes": board.swimlanes,
        "version": board.version,
        "columns": columns,
        "labels": list(board.labels.all()),
        "can_change_board": request.user.has_perm("boards.change_board", board),
        "can_change_cards": request.user.has_perm("boards.change_cards", board),
    }


def _existing_board_out(request: AuthedRequest, board: Board | None) -> dict[str, Any]:
    """The board of a project or programme, checked like any board; 404 where it has none."""
    if board is None:
        raise Http404
    return _board_out(request, selectors.get_board_for(request.user, board.pk))


# --- boards ---------------------------------------------------------------------------------


@router.read("/boards/{board_id}", s.BoardOut, "board_detail")
def board_detail(request: AuthedRequest, board_id: int) -> dict[Any, Any]:
    """Ein Board mit seinen Spalten (samt Kartenzahl und WIP-Warnung) und Labels."""
    return _board_out(request, selectors.get_board_for(request.user, board_id))


@router.read("/projects/{project_id}/board", s.BoardOut, "project_board")
def project_board(request: AuthedRequest, project_id: int) -> dict[Any, Any]:
    """Das Kanban-Board des Projekts."""
    project = portfolio_selectors.get_project_for(request.user, project_id)
    return _existing_board_out(request, selectors.project_board(project))


@router.read("/programmes/{slug}/board", s.BoardOut, "programme_board")
def programme_board(request: AuthedRequest, slug: str) -> dict[Any, Any]:
    """Das PMO-Aufgabenboard des Programms (es entsteht mit dem Programm)."""
    programme = portfolio_selectors.get_programme_for(request.user, slug)
    return _existing_board_out(request, selectors.programme_board(programme))


@router.write("PATCH", "/boards/{board_id}", s.BoardOut, "board_patch")
def board_patch(request: AuthedRequest, board_id: int, payload: s.BoardPatch) -> dict[Any, Any]:
    """Swimlanes ein- oder ausschalten (`none` oder `sub_project`)."""
    board = selectors.get_board_for(request.user, board_id, "boards.change_board")
    services.board_update(board=board, data=sent_changes(payload), expected_version=payload.version)
    return _board_out(request, selectors.get_board_for(request.user, board_id))


# --- columns --------------------------------------------------------------------------------


def _column(board_id: int, pk: int | None, field: str) -> Any:
    """The column `pk` of the board (None for None); any other id is a 422 on `field`."""
    columns = Column.objects.filter(board_id=board_id)
    return resolve_id(columns, pk, field, _("Diese Spalte gibt es auf dem Board nicht."))


@router.create("/boards/{board_id}/columns", s.ColumnOut, "column_create")
def column_create(request: AuthedRequest, board_id: int, payload: s.ColumnCreate) -> Status[Column]:
    """Spalte rechts anfügen."""
    board = selectors.get_board_for(request.user, board_id, "boards.change_board")
    return Status(201, services.column_add(board=board, **payload.model_dump()))


@router.write("PATCH", "/columns/{column_id}", s.ColumnOut, "column_patch")
def column_patch(request: AuthedRequest, column_id: int, payload: s.ColumnPatch) -> Column:
    """Spalte umbenennen, WIP-Limit setzen (`null` = ohne), als Erledigt-Spalte markieren
    oder mit `position` umsortieren."""
    column = selectors.get_column_for(request.user, column_id)
    data = sent_changes(payload)
    position = data.pop("position", None)
    if data:
        if "name" in data and data["name"] is None:
            raise ValidationError({"name": [_("Der Name darf nicht leer sein.")]})
        if "is_done" in data and data["is_done"] is None:
            data.pop("is_done")
        services.column_update(column=column, data=data)
    if position is not None:
        services.column_move(column=column, position=position)
    return Column.objects.get(pk=column.pk)


class ColumnDeleteQuery(Clean):
    target: int | None = Field(None, description="Id der Spalte, in die die Karten wandern.")


@router.write("DELETE", "/columns/{column_id}", None, "column_delete", status=204)
def column_delete(
    request: AuthedRequest, column_id: int, query: Query[ColumnDeleteQuery]
) -> Status[None]:
    """Spalte entfernen. Stehen Karten darin, nennt `?target=<Spalten-Id>` die Spalte, in die
    sie wandern (sonst 422); die letzte Spalte eines Boards bleibt immer."""
    column = selectors.get_column_for(request.user, column_id)
    target = _column(column.board_id, query.target, "target")
    services.column_delete(column=column, target=target)
    return Status(204, None)


# --- labels ---------------------------------------------------------------------------------


router.add_list(
    "/boards/{board_id}/labels",
    s.LabelOut,
    selectors.get_board_for,
    lambda board: list(board.labels.all()),
    "label_list",
)


@router.create("/boards/{board_id}/labels", s.LabelOut, "label_create")
def label_create(request: AuthedRequest, board_id: int, payload: s.LabelCreate) -> Status[Label]:
    board = selectors.get_board_for(request.user, board_id, "boards.change_board")
    return Status(201, services.label_add(board=board, name=payload.name))


router.add_delete(
    "/labels/{label_id}",
    selectors.get_label_for,
    services.label_delete,
    "label_delete",
    errors=READ,
)


# --- cards ----------------------------------------------------------------------------------


def _resolve(board: Board, data: dict[str, Any]) -> dict[str, Any]:
    """Ids from the request → objects of this board's project; unknown ids are a 422."""
    lookups: dict[str, QuerySet[Any] | None] = {
        "assignee": None,
        "sub_project": Project.objects.all(),
        "milestone": Milestone.objects.select_related("project"),
        "key_result": KeyResult.objects.select_related("objective__project"),
    }
    errors = {}
    for name, queryset in lookups.items():
        if data.get(name) is None:
            continue
        found: Model | None
        if queryset is None:  # the assignee: someone of the board's people
            found = next((u for u in selectors.board_people(board) if u.pk == data[name]), None)
        else:
            found = queryset.filter(pk=data[name]).first()
        if found is None:
            errors[name] = [_("Die Id %(id)s ist hier nicht wählbar.") % {"id": data[name]}]
        data[name] = found
    if data.get("labels") is not None:
        labels = list(Label.objects.filter(board=board, pk__in=data["labels"]))
        if len(labels) != len(set(data["labels"])):
            errors["labels"] = [_("Mindestens ein Label gehört nicht zu diesem Board.")]
        data["labels"] = labels
    if errors:
        raise ValidationError(errors)
    return data


class CardFilter(Clean):
    assignee: int | None = Field(None, description="Nur Karten dieser Person (Id).")
    label: int | None = Field(None, description="Nur Karten mit diesem Label (Id).")
    overdue: bool = Field(False, description="Nur überfällige Karten.")


@router.read("/boards/{board_id}/cards", list[s.CardOut], "card_list")
def card_list(request: AuthedRequest, board_id: int, filters: Query[CardFilter]) -> list[Card]:
    """Die Karten des Boards nach Spalte und Position, filterbar nach zuständiger Person,
    Label und überfällig."""
    from django.utils import timezone

    board = selectors.get_board_for(request.user, board_id)
    wanted = {}
    if filters.assignee is not None:
        wanted["assignee"] = filters.assignee
    if filters.label is not None:
        wanted["label"] = filters.label
    if filters.overdue:
        wanted["overdue"] = True
    view = selectors.board_view(board, filters=wanted, today=timezone.localdate(), whole_cards=True)
    return [row.card for column in view.columns for row in column.cards]


@router.create("/boards/{board_id}/cards", s.CardOut, "card_create")
def card_create(request: AuthedRequest, board_id: int, payload: s.CardCreate) -> Status[Card]:
    board = selectors.get_board_for(request.user, board_id, "boards.change_cards")
    data = _resolve(board, payload.model_dump())
    column = _column(board.pk, data.pop("column"), "column")
    card = services.card_create(
        board=board,
        user=request.user,
        column=column,
        title=data.pop("title"),
        description=data.pop("description"),
        assignee=data.pop("assignee"),
        due_date=data.pop("due_date"),
        **data,
    )
    return Status(201, selectors.cards().get(pk=card.pk))


router.add_detail("/cards/{card_id}", s.CardOut, selectors.get_card_for, "card_detail")


@router.write("PATCH", "/cards/{card_id}", s.CardOut, "card_patch")
def card_patch(request: AuthedRequest, card_id: int, payload: s.CardPatch) -> Card:
    """Inhalt einer Karte ändern; `version` schützt vor dem Überschreiben fremder Änderungen."""
    card = selectors.get_card_for(request.user, card_id, "boards.change_cards")
    data = _resolve(card.board, sent_changes(payload))
    if "title" in data and data["title"] is None:
        raise ValidationError({"title": [_("Der Titel darf nicht leer sein.")]})
    if "description" in data and data["description"] is None:
        data["description"] = ""
    services.card_update(card=card, data=data, user=request.user, expected_version=payload.version)
    return selectors.cards().get(pk=card.pk)


@router.write("POST", "/cards/{card_id}/move", s.CardOut, "card_move")
def card_move(request: AuthedRequest, card_id: int, payload: s.CardMove) -> Card:
    """Karte in eine Spalte an eine Position verschieben. Wer Karten des Projekts bearbeiten
    darf (Projektteam, Projektleitung, PMO), darf sie auch verschieben."""
    card = selectors.get_card_for(request.user, card_id, "boards.change_cards")
    column = _column(card.board_id, payload.column, "column")
    position = payload.position if payload.position is not None else 1_000_000
    services.card_move(
        card=card,
        column=column,
        position=position,
        user=request.user,
        expected_version=payload.version,
    )
    return selectors.cards().get(pk=card.pk)


router.add_delete(
    "/cards/{card_id}",
    selectors.get_card_for,
    services.card_delete,
    "card_delete",
    perm="boards.change_cards",
    errors=READ,
)


# --- retrospectives -------------------------------------------------------------------------


def _programme_id(retro: Retrospective) -> int:
    """The programme of a programme's retrospective, or of the project's."""
    if retro.programme_id is not None:
        return retro.programme_id
    return cast(
        Project, retro.project
    ).programme_id  # a retrospective without programme has a project


def _quarter(programme_id: int, quarter_id: int | None) -> Quarter | None:
    quarters = Quarter.objects.filter(programme_id=programme_id)
    unknown = _("Dieses Quartal gibt es im Programm nicht.")
    return resolve_id(quarters, quarter_id, "quarter", unknown)


def _create_retro(
    request: AuthedRequest, payload: s.RetrospectiveCreate, owner: dict[str, Any]
) -> Status[Retrospective]:
    retro = Retrospective(**owner)
    require(request, "boards.change_retrospective", retro)
    data = payload.model_dump()
    data["quarter"] = _quarter(_programme_id(retro), data["quarter"])
    retro = services.retrospective_create(user=request.user, **owner, **data)
    return Status(201, selectors.retrospectives().get(pk=retro.pk))


def add_retro_routes(owner: str, path: str, get_owner: Callable[..., Project | Programme]) -> None:
    """The retrospectives of a project or of a programme (the PMO's): the same two routes,
    `<owner>_retro_list` and `<owner>_retro_create`."""

    def owned_by(request: AuthedRequest, pk: Any) -> dict[str, Any]:
        return {owner: get_owner(request.user, pk)}

    def retro_list(request: AuthedRequest, pk: Any) -> list[Retrospective]:
        return selectors.retrospective_list(**owned_by(request, pk))

    def retro_create(
        request: AuthedRequest, pk: Any, payload: s.RetrospectiveCreate
    ) -> Status[Retrospective]:
        return _create_retro(request, payload, owned_by(request, pk))

    listed = {200: list[s.RetrospectiveOut], **READ}
    router.add_view("GET", path, retro_list, f"{owner}_retro_list", listed, tags=RETROS)
    created = {201: s.RetrospectiveOut, **WRITE}
    payload = [s.RetrospectiveCreate]
    router.add_view(
        "POST", path, retro_create, f"{owner}_retro_create", created, payload, tags=RETROS
    )


add_retro_routes(
    "project", "/projects/{project_id}/retrospectives", portfolio_selectors.get_project_for
)
add_retro_routes(
    "programme", "/programmes/{slug}/retrospectives", portfolio_selectors.get_programme_for
)


router.add_detail(
    "/retrospectives/{retro_id}",
    s.RetrospectiveOut,
    selectors.get_retrospective_for,
    "retro_detail",
    tags=RETROS,
)


@router.write("PATCH", "/retrospectives/{retro_id}", s.RetrospectiveOut, "retro_patch", tags=RETROS)
def retro_patch(
    request: AuthedRequest, retro_id: int, payload: s.RetrospectivePatch
) -> Retrospective:
    retro = selectors.get_retrospective_for(request.user, retro_id, "boards.change_retrospective")
    data = sent_changes(payload)
    if "quarter" in data:
        data["quarter"] = _quarter(_programme_id(retro), data["quarter"])
    for name in ("went_well", "to_improve"):
        if name in data and data[name] is None:
            data[name] = ""
    if "held_on" in data and data["held_on"] is None:
        raise ValidationError({"held_on": [_("Bitte geben Sie das Datum an.")]})
    services.retrospective_update(retrospective=retro, data=data, expected_version=payload.version)
    return selectors.retrospectives().get(pk=retro.pk)


@router.create(
    "/retrospectives/{retro_id}/actions", s.ActionOut, "board_action_create", tags=RETROS
)
def action_create(
    request: AuthedRequest, retro_id: int, payload: s.ActionCreate
) -> Status[RetroAction]:
    retro = selectors.get_retrospective_for(request.user, retro_id, "boards.change_retrospective")
    return Status(201, services.retro_action_add(retrospective=retro, text=payload.text))


@router.write("PATCH", "/retro-actions/{action_id}", s.ActionOut, "action_patch", tags=RETROS)
def action_patch(request: AuthedRequest, action_id: int, payload: s.ActionPatch) -> RetroAction:
    """Maßnahme umformulieren oder (ohne Karte) als erledigt markieren; 409 bei veraltetem
    `version`."""
    action = selectors.get_action_for(request.user, action_id)
    data = {k: v for k, v in sent_changes(payload).items() if v is not None}
    return services.retro_action_update(action=action, data=data, expected_version=payload.version)


@router.write("POST", "/retro-actions/{action_id}/card", s.CardOut, "action_card", tags=RETROS)
def action_card(request: AuthedRequest, action_id: int) -> Card:
    """Die Maßnahme als Karte anlegen: auf dem Projektboard, bei Programm-Retrospektiven auf
    dem PMO-Aufgabenboard. Hat sie schon eine Karte, kommt diese zurück."""
    action = selectors.get_action_for(request.user, action_id)
    board = services.retrospective_board_ensure(action.retrospective)
    require(request, "boards.change_cards", board)
    card = services.retro_action_card_create(action=action, user=request.user)
    return selectors.cards().get(pk=card.pk)
