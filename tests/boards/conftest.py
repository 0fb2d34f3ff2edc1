"""Boards next to the standard cast: cast.project's board with a few cards."""

from dataclasses import dataclass

import pytest

from lotse.boards import services
from lotse.boards.models import Board
from lotse.boards.models import Card
from lotse.boards.models import Column


@dataclass
class BoardWorld:
    board: Board
    todo: Column
    doing: Column
    done: Column
    cards: list[Card]


def columns(board: Board) -> list[Column]:
    return list(board.columns.order_by("position"))


def layout(board: Board) -> dict[str, list[str]]:
    """Column name → card titles in stored order; also checks positions are 0..n-1."""
    result = {}
    for column in columns(board):
        rows = list(column.cards.order_by("position", "pk").values_list("title", "position"))
        assert [p for _t, p in rows] == list(range(len(rows))), (column.name, rows)
        result[column.name] = [t for t, _p in rows]
    return result


@pytest.fixture
def world(cast) -> BoardWorld:
    board = cast.project.board
    todo, doing, done = columns(board)
    user = cast.users["project_lead"]
    cards = [
        services.card_create(board=board, title=title, user=user)
        for title in ("Anforderungen sammeln", "Prototyp bauen", "Schulung planen")
    ]
    return BoardWorld(board, todo, doing, done, cards)
