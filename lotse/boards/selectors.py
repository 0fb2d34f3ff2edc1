"""Reads of boards, cards and retrospectives, with their related data decided here, once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from typing import TYPE_CHECKING
from typing import Any
from typing import TypeVar

from django.db.models import Count
from django.db.models import Field
from django.db.models import Model
from django.db.models import Prefetch
from django.db.models import Q
from django.db.models import QuerySet
from django.http import Http404
from django.http import QueryDict
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lotse.accounts.roles import roles_of
from lotse.history import recent_changes
from lotse.http import AnyUser
from lotse.http import User
from lotse.http import get_checked

from .models import Board
from .models import Card
from .models import Column
from .models import Label
from .models import RetroAction
from .models import Retrospective

if TYPE_CHECKING:
    from lotse.portfolio.models import Programme
    from lotse.portfolio.models import Project


def boards() -> QuerySet[Board]:
    return Board.objects.select_related("project__programme", "project__lead", "programme")


def get_board_for(user: AnyUser, pk: int, perm: str = "boards.view_board") -> Board:
    return get_checked(boards(), user, "boards.view_board", perm, pk=pk)


def programme_board(programme: Programme) -> Board | None:
    """The programme's PMO board (created with the programme); None if it has none. Reading
    never creates it: a GET must not write."""
    return Board.objects.filter(programme=programme).first()


def project_board(project: Project) -> Board | None:
    """The project's board (created with the project); None if it has none."""
    return Board.objects.filter(project=project).first()


def cards() -> QuerySet[Card]:
    return Card.objects.select_related(
        "board__project__programme",
        "board__programme",
        "column",
        "assignee",
        "sub_project",
        "milestone",
        "key_result",
        "created_by",
        "updated_by",
    ).prefetch_related("labels")


def get_card_for(user: AnyUser, pk: int, perm: str = "boards.view_board") -> Card:
    return get_checked(
        cards(), user, "boards.view_board", perm, checked_on=lambda card: card.board, pk=pk
    )


BoardPart = TypeVar("BoardPart", Column, Label)


def _get_board_part(model: type[BoardPart], user: AnyUser, pk: int, perm: str) -> BoardPart:
    """A column or a label; the permissions are those of its board."""
    return get_checked(
        model.objects.select_related("board__project__programme", "board__programme"),
        user,
        "boards.view_board",
        perm,
        checked_on=lambda part: part.board,
        pk=pk,
    )


def get_column_for(user: AnyUser, pk: int, perm: str = "boards.change_board") -> Column:
    return _get_board_part(Column, user, pk, perm)


def get_label_for(user: AnyUser, pk: int, perm: str = "boards.change_board") -> Label:
    return _get_board_part(Label, user, pk, perm)


def retrospectives() -> QuerySet[Retrospective]:
    return Retrospective.objects.select_related(
        "project__programme", "programme", "quarter", "created_by"
    ).prefetch_related(
        Prefetch(
            "actions",
            queryset=RetroAction.objects.select_related("card__column", "card__board"),
        )
    )


def get_retrospective_for(
    user: AnyUser, pk: int, perm: str = "boards.view_retrospective"
) -> Retrospective:
    return get_checked(retrospectives(), user, "boards.view_retrospective", perm, pk=pk)


def get_action_for(
    user: AnyUser, pk: int, perm: str = "boards.change_retrospective"
) -> RetroAction:
    return get_checked(
        RetroAction.objects.select_related(
            "retrospective__project__programme", "retrospective__programme", "card__column"
        ),
        user,
        "boards.view_retrospective",
        perm,
        checked_on=lambda action: action.retrospective,
        pk=pk,
    )


# --- the board page -------------------------------------------------------------------------


def is_overdue(card: Card, today: date) -> bool:
    return bool(card.due_date and card.due_date < today and not card.column.is_done)


@dataclass
class CardRow:
    """A card as the board and "Meine Karten" show it (labels from the prefetch)."""

    card: Card
    overdue: bool
    labels: list[Label]

    @classmethod
    def of(cls, card: Card, today: date) -> CardRow:
        return cls(card, is_overdue(card, today), list(card.labels.all()))


@dataclass
class ColumnView:
    column: Column
    total: int  # all cards in the column, whatever the filter shows
    cards: list[CardRow] = field(default_factory=list)

    @property
    def over_limit(self) -> bool:
        return bool(self.column.wip_limit and self.total > self.column.wip_limit)

    @property
    def wip_warning(self) -> str:
        if not self.over_limit:
            return ""
        return _("WIP-Limit überschritten: %(n)s von %(limit)s Karten") % {
            "n": self.total,
            "limit": self.column.wip_limit,
        }


@dataclass
class Lane:
    key: str
    title: str
    sub_project: Project | None
    cells: list[ColumnView]

    @property
    def count(self) -> int:
        return sum(len(c.cards) for c in self.cells)


@dataclass
class BoardView:
    board: Board
    columns: list[ColumnView]
    lanes: list[Lane]
    labels: list[Label]
    shown: int
    total: int

    @property
    def columns_only(self) -> list[Column]:
        return [c.column for c in self.columns]


def board_filters(board: Board, data: QueryDict) -> dict[str, Any]:
    """Filters from the query string; unknown values are ignored."""
    filters: dict[str, Any] = {}
    assignee = data.get("zustaendig") or ""
    if assignee == "ohne":
        filters["assignee"] = None
    elif assignee.isdigit():
        filters["assignee"] = int(assignee)
    label = data.get("label") or ""
    if label.isdigit():
        filters["label"] = int(label)
    if data.get("ueberfaellig") in ("1", "on", "true"):
        filters["overdue"] = True
    return filters


# What the board page shows of a card (boards/templatetags/board_cards.py), of its assignee
# (User.__str__) and of its sub-project: loading only these instead of whole rows, and the labels
# from the link table instead of a prefetch, halves the cost of a 40-card board (issue 14).
PAGE_CARD_FIELDS = (
    "board_id",
    "column_id",
    "position",
    "title",
    "due_date",
    "assignee__username",
    "assignee__first_name",
    "assignee__last_name",
    "assignee__display_name",
    "sub_project__title",
)


def board_view(
    board: Board, *, filters: dict | None = None, today: date, whole_cards: bool = False
) -> BoardView:
    """Columns with their cards (and lanes, if the board has swimlanes): a fixed number of
    queries however many cards there are. The cards carry only what the board page shows;
    `whole_cards` loads every field and the labels' relation (for the API)."""
    filters = filters or {}
    columns = list(
        Column.objects.filter(board=board).annotate(total=Count("cards")).order_by("position", "pk")
    )
    labels = list(Label.objects.filter(board=board))
    qs = (
        Card.objects.filter(board=board)
        .select_related("assignee", "sub_project")  # the columns are loaded above
        .order_by("column__position", "position", "pk")
    )
    qs = qs.prefetch_related("labels") if whole_cards else qs.only(*PAGE_CARD_FIELDS)
    if "assignee" in filters:
        qs = qs.filter(assignee_id=filters["assignee"])
    if "label" in filters:
        qs = qs.filter(labels__id=filters["label"])
    if filters.get("overdue"):
        qs = qs.filter(due_date__lt=today, column__is_done=False)
    card_list = list(qs)
    labels_of = None if whole_cards else _labels_of(board, labels)
    column_by_id = {c.pk: c for c in columns}
    by_column: dict[int, list[CardRow]] = defaultdict(list)
    for card in card_list:
        card.column = column_by_id[card.column_id]
        if labels_of is None:
            row = CardRow.of(card, today)
        else:
            row = CardRow(card, is_overdue(card, today), labels_of.get(card.pk, []))
        by_column[card.column_id].append(row)
    views = [ColumnView(c, c.total, by_column[c.pk]) for c in columns]
    lanes: list[Lane] = []
    if board.swimlanes == Board.Swimlanes.SUB_PROJECT:
        lanes = _lanes(board, views, card_list)
    total = sum(c.total for c in columns)
    return BoardView(board, views, lanes, labels, len(card_list), total)


def _labels_of(board: Board, labels: list[Label]) -> dict[int, list[Label]]:
    """Each card's labels (of the board's cards, in the labels' order), from the link table."""
    by_pk = {label.pk: label for label in labels}
    links = list(
        Card.labels.through.objects.filter(card__board=board).values_list("card_id", "label_id")
    )
    stray = {label_id for _, label_id in links if label_id not in by_pk}
    if stray:  # a label of another board: not reached through the services, but shown as is
        by_pk |= {label.pk: label for label in Label.objects.filter(pk__in=stray)}
    rank = {pk: i for i, pk in enumerate(by_pk)}
    found: dict[int, list[Label]] = defaultdict(list)
    for card_id, label_id in sorted(links, key=lambda link: rank[link[1]]):
        found[card_id].append(by_pk[label_id])
    return found


def _lanes(board: Board, views: list[ColumnView], card_list: list[Card]) -> list[Lane]:
    subs: dict[int, Project] = {}
    if board.project is not None:
        subs = {p.pk: p for p in board.project.sub_projects.order_by("title")}
    for card in card_list:
        if card.sub_project is not None and card.sub_project.pk not in subs:
            subs[card.sub_project.pk] = card.sub_project
    keys: list[int | None] = [*sorted(subs, key=lambda pk: subs[pk].title), None]
    lanes = []
    for key in keys:
        cells = [
            ColumnView(v.column, v.total, [r for r in v.cards if r.card.sub_project_id == key])
            for v in views
        ]
        sub_project = subs[key] if key is not None else None
        title = sub_project.title if sub_project is not None else _("ohne Teilprojekt")
        lanes.append(Lane(str(key or "ohne"), title, sub_project, cells))
    return lanes


def board_people(board: Board) -> list[User]:
    """Who can be assigned a card: the project's lead and team, or the programme's roles."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True)
    if board.project_id:
        users = users.filter(
            Q(project_roles__project_id=board.project_id) | Q(led_projects=board.project_id)
        )
    elif board.programme_id is not None:
        users = users.filter(programme_roles__programme_id=board.programme_id)
    else:  # a board belongs to a project or a programme: not reached
        users = users.none()
    return list(users.distinct().order_by("last_name", "first_name", "username"))


def my_cards(user: User, *, today: date) -> list[CardRow]:
    """The user's cards on every board they can still read, open ones first, by due date."""
    qs = (
        Card.objects.filter(assignee=user)
        .select_related("board__project__programme", "board__programme", "column")
        .prefetch_related("labels")
        .order_by("column__is_done", "due_date", "pk")
    )
    if not user.is_superuser:
        visible = roles_of(user).visible_programme_ids()
        qs = qs.filter(
            Q(board__programme_id__in=visible) | Q(board__project__programme_id__in=visible)
        )
    # Open cards with a due date first, then open ones without, then done ones.
    result = sorted(
        qs, key=lambda c: (c.column.is_done, c.due_date is None, c.due_date or today, c.pk)
    )
    return [CardRow.of(card, today) for card in result]


# --- history --------------------------------------------------------------------------------

HISTORY_FIELDS = [
    "title",
    "description",
    "column",
    "position",
    "assignee",
    "due_date",
    "sub_project",
    "milestone",
    "key_result",
]


def _display(model_field: Field[Any, Any], value: Any, related: dict[Any, Model]) -> str:
    if value in (None, ""):
        return "–"
    if model_field.is_relation:
        return str(related.get((model_field.related_model, value), value))
    if model_field.name == "position":
        return str(int(value) + 1)
    if hasattr(value, "strftime"):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    text = str(value)
    return text if len(text) <= 120 else text[:119] + "…"


def card_history(card: Card, limit: int = 50) -> list[dict[str, Any]]:
    """Who changed what on the card and when, newest first, in words people read."""
    pairs, related = recent_changes(card, limit, fields=HISTORY_FIELDS)
    kinds = {"+": _("angelegt"), "~": _("geändert"), "-": _("gelöscht")}
    return [
        {
            "when": record.history_date,
            "who": record.history_user,
            "kind": kinds.get(record.history_type, record.history_type),
            "changes": [
                {
                    "field": str(model_field.verbose_name),
                    "old": _display(model_field, old, related),
                    "new": _display(model_field, new, related),
                }
                for model_field, old, new in changes
            ],
        }
        for record, changes in pairs
    ]


# --- status report summary ------------------------------------------------------------------

SUMMARY_CARDS = 5


def _summary_text(cards_: list[Card], today: date, *, done: bool = False) -> str:
    if not cards_:
        return _("Keine Karten.")
    lines = [ngettext("%(n)s Karte", "%(n)s Karten", len(cards_)) % {"n": len(cards_)}]
    for card in cards_[:SUMMARY_CARDS]:
        extra = []
        if not done and card.due_date:
            day = formats.date_format(card.due_date, "SHORT_DATE_FORMAT")
            if card.due_date < today:
                extra.append(_("überfällig seit %(day)s") % {"day": day})
            else:
                extra.append(_("fällig %(day)s") % {"day": day})
        if card.assignee_id:
            extra.append(str(card.assignee))
        lines.append(f"- {card.title}" + (f" ({', '.join(extra)})" if extra else ""))
    rest = len(cards_) - SUMMARY_CARDS
    if rest > 0:
        lines.append(ngettext("- und %(n)s weitere", "- und %(n)s weitere", rest) % {"n": rest})
    return "\n".join(lines)


def board_summary(board: Board, *, today: date, done_since: date | None = None) -> dict:
    """To Do / Doing / Done of the Digitalisierungsboard from a Kanban board.

    The first column is To Do, columns marked done are Done, everything between is Doing.
    Within each, overdue cards come first, then by column and position. Done lists what was
    finished since `done_since` (most recent first), if given.
    """
    columns = list(board.columns.order_by("position", "pk"))
    all_cards = list(
        Card.objects.filter(board=board)
        .select_related("assignee", "column")
        .order_by("column__position", "position", "pk")
    )
    first = columns[0].pk if columns else None
    todo, doing, done = [], [], []
    for card in all_cards:
        if card.column.is_done:
            if done_since is None or card.updated_at.date() >= done_since:
                done.append(card)
        elif card.column_id == first:
            todo.append(card)
        else:
            doing.append(card)

    def urgent_first(cards_: list[Card]) -> list[Card]:
        return sorted(
            cards_,
            key=lambda c: (not (c.due_date and c.due_date < today), c.column.position, c.position),
        )

    done.sort(key=lambda c: c.updated_at, reverse=True)
    return {
        "board_todo": _summary_text(urgent_first(todo), today),
        "board_doing": _summary_text(urgent_first(doing), today),
        "board_done": _summary_text(done, today, done=True),
        "card_count": len(all_cards),
    }


# --- overview and retrospectives ------------------------------------------------------------


def project_boards(programme: Programme) -> list[Board]:
    """The programme's project boards with their card counts (one query)."""
    return list(
        Board.objects.filter(project__programme=programme)
        .select_related("project__lead")
        .annotate(
            card_count=Count("cards", distinct=True),
            open_count=Count("cards", filter=Q(cards__column__is_done=False), distinct=True),
        )
        .order_by("project__title")
    )


def action_done(action: RetroAction) -> bool:
    return action.is_done


def retrospective_list(
    *, project: Project | None = None, programme: Programme | None = None
) -> list[Retrospective]:
    qs = (
        retrospectives().filter(project=project)
        if project
        else retrospectives().filter(programme=programme)
    )
    return list(qs)


def get_visible(queryset: QuerySet[Any], **lookup: Any) -> Any:
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError):
        raise Http404 from None


def target_position(
    card: Card,
    column: Column,
    *,
    position: int | str | None = None,
    before: int | None = None,
    after: int | None = None,
) -> int:
    """0-based position in `column` from what the mover sent: a neighbour card (drag and drop,
    also right in a filtered view), or a 1-based number (keyboard form; empty = the end)."""
    order = list(
        Card.objects.filter(column=column)
        .exclude(pk=card.pk)
        .order_by("position", "pk")
        .values_list("pk", flat=True)
    )
    if before in order:
        return order.index(before)
    if after in order:
        return order.index(after) + 1
    if position:
        return int(position) - 1
    return len(order)
