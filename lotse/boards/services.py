"""Changes to boards, columns, cards and retrospectives (UI and API alike).

Everything that changes card positions locks the board row first (`_lock`), then reads and
renumbers the positions inside the same transaction. So two people moving cards at the same
time are applied one after the other, and each column's positions stay 0..n-1: no card is
lost, none is duplicated. On PostgreSQL the lock is `SELECT … FOR UPDATE`; SQLite serialises
writing transactions anyway (Lotse opens them as IMMEDIATE).
"""

from collections.abc import Iterable
from collections.abc import Sequence
from datetime import date
from typing import Any
from typing import cast

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS
from django.db import transaction
from django.utils.translation import gettext as _

from lotse.http import User
from lotse.okr.models import Quarter
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.portfolio.services import EditConflict
from lotse.portfolio.services import claim_version
from lotse.validation import raise_errors
from lotse.validation import save_checked

from .models import Board
from .models import Card
from .models import Column
from .models import Label
from .models import RetroAction
from .models import Retrospective

__all__ = ["EditConflict"]

# Column names are data, not UI: a board is created with German names whoever opens it first.
DEFAULT_COLUMNS = [("Aufgabe", False), ("In Arbeit", False), ("Erledigt", True)]
CARD_FIELDS = [
    "title",
    "description",
    "assignee",
    "due_date",
    "sub_project",
    "milestone",
    "key_result",
]


def _with_default_columns(board: Board, using: str = DEFAULT_DB_ALIAS) -> Board:
    Column.objects.using(using).bulk_create(
        Column(board=board, name=name, position=i, is_done=is_done)
        for i, (name, is_done) in enumerate(DEFAULT_COLUMNS)
    )
    return board


def project_board_ensure(project: Project, *, using: str = DEFAULT_DB_ALIAS) -> Board:
    """The project's board, created with the default columns if it does not exist yet (in
    the database `using`: the one the project was saved to)."""
    with transaction.atomic(using=using):
        board, created = Board.objects.using(using).get_or_create(project=project)
        return _with_default_columns(board, using) if created else board


def programme_board_ensure(programme: Programme, *, using: str = DEFAULT_DB_ALIAS) -> Board:
    """The programme's PMO task board, created with the default columns if missing."""
    with transaction.atomic(using=using):
        board, created = Board.objects.using(using).get_or_create(programme=programme)
        return _with_default_columns(board, using) if created else board


def _lock(board_id: int) -> Board:
    """Serialise every position change on one board (see the module docstring)."""
    return Board.objects.select_for_update().get(pk=board_id)


def _renumber(column_id: int, order: list[int]) -> None:
    """Store positions 0..n-1 in `order`; only rows whose position changes are written."""
    current = dict(Card.objects.filter(column_id=column_id).values_list("pk", "position"))
    changed = [Card(pk=pk, position=i) for i, pk in enumerate(order) if current.get(pk) != i]
    if changed:
        Card.objects.bulk_update(changed, ["position"])


def _column_order(column_id: int, *, without: int | None = None) -> list[int]:
    ids = Card.objects.filter(column_id=column_id).order_by("position", "pk")
    if without is not None:
        ids = ids.exclude(pk=without)
    return list(ids.values_list("pk", flat=True))


def _check_links(board: Board, card: Card) -> None:
    """A card may only point at things of its own project."""
    errors: dict[str, list[str]] = {}
    project_id = board.project_id
    # An unset link reads as None without a query.
    sub, milestone, key_result = card.sub_project, card.milestone, card.key_result
    if sub is not None:
        ok = sub.parent_id == project_id if project_id else sub.programme_id == board.programme_id
        if not ok:
            errors["sub_project"] = [_("Das Teilprojekt gehört nicht zu diesem Board.")]
    if milestone is not None and project_id and milestone.project_id != project_id:
        errors["milestone"] = [_("Der Meilenstein gehört zu einem anderen Projekt.")]
    if (
        milestone is not None
        and not project_id
        and milestone.project.programme_id != board.programme_id
    ):
        errors["milestone"] = [_("Der Meilenstein gehört zu einem anderen Programm.")]
    if key_result is not None:
        objective = key_result.objective
        if project_id and objective.project_id != project_id:
            errors["key_result"] = [_("Das Key Result gehört zu einem anderen Projekt.")]
        if not project_id and objective.project.programme_id != board.programme_id:
            errors["key_result"] = [_("Das Key Result gehört zu einem anderen Programm.")]
    raise_errors(errors)


# --- cards ----------------------------------------------------------------------------------


@transaction.atomic
def card_create(
    *,
    board: Board,
    title: str,
    user: User,
    column: Column | None = None,
    description: str = "",
    assignee: User | None = None,
    due_date: date | None = None,
    **links: Any,
) -> Card:
    """Add a card at the bottom of `column` (default: the board's first column).

    `links` may name sub_project, milestone or key_result (and `labels`, a list).
    """
    _lock(board.pk)
    labels = links.pop("labels", None)
    column = column or board.columns.order_by("position", "pk").first()
    if column is None or column.board_id != board.pk:
        raise ValidationError({"column": [_("Die Spalte gehört nicht zu diesem Board.")]})
    card = Card(
        board=board,
        column=column,
        position=Card.objects.filter(column=column).count(),
        title=title,
        description=description,
        assignee=assignee,
        due_date=due_date,
        created_by=user,
        updated_by=user,
        **links,
    )
    card.full_clean(exclude=["version", "created_by", "updated_by"])
    _check_links(board, card)
    card.save()
    if labels:
        _set_labels(card, labels)
    return card


def _set_labels(card: Card, labels: Iterable[Label]) -> None:
    labels = list(labels)
    if any(label.board_id != card.board_id for label in labels):
        raise ValidationError({"labels": [_("Ein Label gehört zu einem anderen Board.")]})
    card.labels.set(labels)


@transaction.atomic
def card_update(
    *, card: Card, data: dict[str, Any], user: User, expected_version: int | None
) -> Card:
    """Change a card's content (not its place: see `card_move`)."""
    labels = data.pop("labels", None)
    unknown = set(data) - set(CARD_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for name, value in data.items():
        setattr(card, name, value)
    card.full_clean(exclude=["version", "created_by", "updated_by", "column", "board"])
    _check_links(card.board, card)
    claim_version(card, expected_version)
    card.updated_by = user
    card.save()
    if labels is not None:
        _set_labels(card, labels)
    return card


@transaction.atomic
def card_move(
    *, card: Card, column: Column, position: int, user: User, expected_version: int | None = None
) -> Card:
    """Put `card` at `position` (0 = top; larger than the column = bottom) in `column`.

    With `expected_version` the move is refused (EditConflict) if the card's content changed
    since the mover loaded it; moves themselves do not change the version, so two people
    moving cards never conflict — the later move wins and the order stays dense.
    """
    board = _lock(card.board_id)
    fresh = Card.objects.filter(pk=card.pk).first()
    if fresh is None:
        raise ValidationError(_("Die Karte gibt es nicht mehr."))
    if column.board_id != board.pk:
        raise ValidationError({"column": [_("Die Spalte gehört nicht zu diesem Board.")]})
    if not Column.objects.filter(pk=column.pk).exists():
        raise ValidationError({"column": [_("Die Spalte gibt es nicht mehr.")]})
    if expected_version is not None and fresh.version != expected_version:
        raise EditConflict(fresh)
    source = fresh.column_id
    order = _column_order(column.pk, without=fresh.pk)
    position = max(0, min(int(position), len(order)))
    order.insert(position, fresh.pk)
    if source != column.pk:
        _renumber(source, _column_order(source, without=fresh.pk))
    _renumber(column.pk, order)
    # The moved card itself through save(), so its history records the move.
    fresh.column = column
    fresh.position = position
    fresh.updated_by = user
    fresh.save()
    card.column, card.position, card.updated_by = column, position, user
    card.updated_at, card.version = fresh.updated_at, fresh.version
    return card


@transaction.atomic
def card_delete(*, card: Card) -> None:
    _lock(card.board_id)
    column_id = card.column_id
    Card.objects.filter(pk=card.pk).delete()
    _renumber(column_id, _column_order(column_id))


# --- columns --------------------------------------------------------------------------------


def _column_ids(board_id: int, *, without: int | None = None) -> list[int]:
    ids = Column.objects.filter(board_id=board_id).order_by("position", "pk")
    if without is not None:
        ids = ids.exclude(pk=without)
    return list(ids.values_list("pk", flat=True))


def _renumber_columns(order: list[int]) -> None:
    Column.objects.bulk_update(
        [Column(pk=pk, position=i) for i, pk in enumerate(order)], ["position"]
    )


def _clean_column(column: Column) -> None:
    column.name = (column.name or "").strip()
    column.full_clean(exclude=["board", "position"])
    clash = Column.objects.filter(board_id=column.board_id, name__iexact=column.name)
    if column.pk:
        clash = clash.exclude(pk=column.pk)
    if clash.exists():
        raise ValidationError({"name": [_("Eine Spalte mit diesem Namen gibt es schon.")]})


@transaction.atomic
def column_add(
    *, board: Board, name: str, wip_limit: int | None = None, is_done: bool = False
) -> Column:
    """A new column at the right end of the board."""
    _lock(board.pk)
    column = Column(
        board=board,
        name=name,
        wip_limit=wip_limit,
        is_done=is_done,
        position=Column.objects.filter(board=board).count(),
    )
    _clean_column(column)
    column.save()
    return column


@transaction.atomic
def column_update(*, column: Column, data: dict) -> Column:
    """Rename a column, set its WIP limit or whether its cards count as done."""
    unknown = set(data) - {"name", "wip_limit", "is_done"}
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for name, value in data.items():
        setattr(column, name, value)
    _clean_column(column)
    column.save()
    return column


@transaction.atomic
def column_move(*, column: Column, position: int) -> Column:
    """Put the column at `position` (0 = leftmost)."""
    _lock(column.board_id)
    order = _column_ids(column.board_id, without=column.pk)
    position = max(0, min(int(position), len(order)))
    order.insert(position, column.pk)
    _renumber_columns(order)
    column.position = position
    return column


@transaction.atomic
def column_delete(*, column: Column, target: Column | None = None) -> None:
    """Remove a column. Its cards go to the bottom of `target`, in their order; a column
    with cards cannot be removed without a target, and the last column never."""
    _lock(column.board_id)
    others = _column_ids(column.board_id, without=column.pk)
    if not others:
        raise ValidationError(_("Die letzte Spalte eines Boards kann nicht entfernt werden."))
    cards = _column_order(column.pk)
    if cards:
        if target is None:
            raise ValidationError(
                {"target": [_("Bitte wählen Sie, in welche Spalte die Karten wandern sollen.")]}
            )
        if target.pk == column.pk or target.board_id != column.board_id:
            raise ValidationError(
                {"target": [_("Bitte wählen Sie eine andere Spalte dieses Boards.")]}
            )
        order = _column_order(target.pk) + cards
        Card.objects.filter(pk__in=cards).update(column=target)
        _renumber(target.pk, order)
    column.delete()
    _renumber_columns(others)


@transaction.atomic
def board_update(*, board: Board, data: dict, expected_version: int | None = None) -> Board:
    unknown = set(data) - {"swimlanes"}
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for name, value in data.items():
        setattr(board, name, value)
    board.full_clean(exclude=["version", "project", "programme"])
    claim_version(board, expected_version)
    board.save()
    return board


# --- labels ---------------------------------------------------------------------------------


@transaction.atomic
def label_add(*, board: Board, name: str) -> Label:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": [_("Bitte geben Sie einen Namen für das Label an.")]})

    def taken() -> None:
        if Label.objects.filter(board=board, name__iexact=name).exists():
            raise ValidationError({"name": [_("Dieses Label gibt es auf dem Board schon.")]})

    taken()
    label = Label(board=board, name=name)
    label.full_clean()
    save_checked(label, taken)
    return label


@transaction.atomic
def label_delete(*, label: Label) -> None:
    label.delete()


# --- retrospectives -------------------------------------------------------------------------


def _action_lines(text: str) -> list[str]:
    return [line.strip(" -•*\t") for line in (text or "").splitlines() if line.strip(" -•*\t")]


@transaction.atomic
def retrospective_create(
    *,
    user: User,
    held_on: date,
    project: Project | None = None,
    programme: Programme | None = None,
    quarter: Quarter | None = None,
    went_well: str = "",
    to_improve: str = "",
    actions: Sequence[str] | str = (),
) -> Retrospective:
    if isinstance(actions, str):
        actions = _action_lines(actions)
    retro = Retrospective(
        project=project,
        programme=programme,
        quarter=quarter,
        held_on=held_on,
        went_well=went_well,
        to_improve=to_improve,
        created_by=user,
    )
    _check_quarter(retro)
    retro.full_clean(exclude=["version", "created_by"])
    retro.save()
    for text in actions:
        retro_action_add(retrospective=retro, text=text)
    return retro


def _check_quarter(retro: Retrospective) -> None:
    quarter = retro.quarter  # None without a query when unset
    if quarter is not None:
        programme_id = retro.programme_id or cast(Project, retro.project).programme_id
        if quarter.programme_id != programme_id:
            raise ValidationError({"quarter": [_("Das Quartal gehört zu einem anderen Programm.")]})


@transaction.atomic
def retrospective_update(
    *, retrospective: Retrospective, data: dict[str, Any], expected_version: int | None
) -> Retrospective:
    unknown = set(data) - {"held_on", "quarter", "went_well", "to_improve"}
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for name, value in data.items():
        setattr(retrospective, name, value)
    _check_quarter(retrospective)
    retrospective.full_clean(exclude=["version", "created_by"])
    claim_version(retrospective, expected_version)
    retrospective.save()
    return retrospective


@transaction.atomic
def retro_action_add(*, retrospective: Retrospective, text: str) -> RetroAction:
    action = RetroAction(
        retrospective=retrospective,
        text=(text or "").strip(),
        order=retrospective.actions.count(),
    )
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def retro_action_update(
    *, action: RetroAction, data: dict[str, Any], expected_version: int | None = None
) -> RetroAction:
    """Reword or tick off an action; refused (EditConflict) if someone saved it since
    `expected_version` was read."""
    unknown = set(data) - {"text", "done"}
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for name, value in data.items():
        setattr(action, name, value)
    action.full_clean(exclude=["version"])
    claim_version(action, expected_version)
    action.save()
    return action


def retrospective_board_ensure(retrospective: Retrospective) -> Board:
    if retrospective.project is not None:
        return project_board_ensure(retrospective.project)
    # A retrospective without project is a programme's.
    return programme_board_ensure(cast(Programme, retrospective.programme))


@transaction.atomic
def retro_action_card_create(*, action: RetroAction, user: User) -> Card:
    """Put the action on the right board (project board, or PMO board for programme
    retrospectives) as a card in the first column; a second click changes nothing."""
    action = RetroAction.objects.select_for_update().get(pk=action.pk)
    if action.card is not None:
        return action.card
    retro = action.retrospective
    card = card_create(
        board=retrospective_board_ensure(retro),
        title=action.text[:200],
        user=user,
        description=_("Maßnahme aus der Retrospektive vom %(day)s.")
        % {"day": retro.held_on.strftime("%d.%m.%Y")},
    )
    action.card = card
    action.save()
    return card
