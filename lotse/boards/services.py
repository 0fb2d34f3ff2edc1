"""Changes to boards, columns, cards and retrospectives."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from .models import Board, Card, Column

DEFAULT_COLUMNS = [
    (_("Aufgabe"), False),
    (_("In Arbeit"), False),
    (_("Erledigt"), True),
]


def _with_default_columns(board: Board) -> Board:
    Column.objects.bulk_create(
        Column(board=board, name=str(name), position=i, is_done=is_done)
        for i, (name, is_done) in enumerate(DEFAULT_COLUMNS)
    )
    return board


@transaction.atomic
def ensure_project_board(project) -> Board:
    """The project's board, created with the default columns if it does not exist yet."""
    board, created = Board.objects.get_or_create(project=project)
    return _with_default_columns(board) if created else board


@transaction.atomic
def ensure_programme_board(programme) -> Board:
    """The programme's PMO task board, created with the default columns if missing."""
    board, created = Board.objects.get_or_create(programme=programme)
    return _with_default_columns(board) if created else board


@transaction.atomic
def create_card(
    *,
    board: Board,
    title: str,
    user,
    column: Column | None = None,
    description: str = "",
    assignee=None,
    due_date=None,
    **links,
) -> Card:
    """Add a card at the bottom of `column` (default: the board's first column).

    `links` may name sub_project, milestone or key_result.
    """
    column = column or board.columns.order_by("position", "pk").first()
    last = Card.objects.filter(column=column).aggregate(m=Max("position"))["m"]
    return Card.objects.create(
        board=board,
        column=column,
        position=0 if last is None else last + 1,
        title=title,
        description=description,
        assignee=assignee,
        due_date=due_date,
        created_by=user,
        updated_by=user,
        **links,
    )
