"""Two people moving cards at the same time: no card lost or duplicated, no broken order.

Each "person" works from the view they loaded at the start (stale Card objects), as two
browsers would. The sequential tests interleave their moves on every database; the threaded
test runs real concurrent transactions on PostgreSQL (CI's PostgreSQL pass) and the same
interleaving sequentially on SQLite, which serialises writers anyway.
"""

import random
import threading

import pytest
from django.db import connection
from django.db import connections
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from lotse.boards import services
from lotse.boards.models import Card

from .conftest import columns


def assert_consistent(board, card_ids: set[int]) -> None:
    stored = list(Card.objects.filter(board=board).values_list("pk", "column_id", "position"))
    assert {pk for pk, _c, _p in stored} == card_ids, "a card was lost or duplicated"
    assert len(stored) == len(card_ids)
    for column in columns(board):
        positions = sorted(p for _pk, c, p in stored if c == column.pk)
        assert positions == list(range(len(positions))), (column.name, positions)


def _make_cards(board, n: int) -> list[Card]:
    return [services.card_create(board=board, title=f"Karte {i}", user=None) for i in range(n)]


def test_interleaved_moves_from_stale_views(world, cast):
    board = world.board
    extra = _make_cards(board, 5)
    everything = {c.pk for c in [*world.cards, *extra]}
    # Both people loaded the board now; their Card objects are never refreshed.
    anna = {c.pk: c for c in Card.objects.filter(board=board)}
    ben = {c.pk: c for c in Card.objects.filter(board=board)}
    todo, doing, done = world.todo, world.doing, world.done
    a0, a1, a2 = world.cards
    moves_anna = [
        (a0, doing, 0),
        (a1, doing, 0),
        (extra[0], done, 3),
        (a0, todo, 99),
        (extra[4], todo, 0),
    ]
    moves_ben = [
        (a0, done, 0),  # the same card Anna just moved, from Ben's stale view
        (a1, todo, 1),
        (extra[0], doing, 0),
        (a2, done, 0),
        (a0, doing, 1),
    ]
    for (card_a, col_a, pos_a), (card_b, col_b, pos_b) in zip(moves_anna, moves_ben, strict=True):
        services.card_move(
            card=anna[card_a.pk], column=col_a, position=pos_a, user=cast.users["member"]
        )
        assert_consistent(board, everything)
        services.card_move(
            card=ben[card_b.pk], column=col_b, position=pos_b, user=cast.users["project_lead"]
        )
        assert_consistent(board, everything)
    # The last move of the same card wins.
    assert Card.objects.get(pk=a0.pk).column == doing


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    moves=st.lists(
        st.tuples(st.integers(0, 7), st.integers(0, 2), st.integers(0, 10), st.booleans()),
        min_size=1,
        max_size=25,
    )
)
def test_any_sequence_of_stale_moves_stays_consistent(world, moves):
    board = world.board
    if Card.objects.filter(board=board).count() < 8:
        _make_cards(board, 8 - Card.objects.filter(board=board).count())
    cards = list(Card.objects.filter(board=board).order_by("pk"))
    stale = {True: list(cards), False: [Card.objects.get(pk=c.pk) for c in cards]}
    cols = columns(board)
    for index, column, position, who in moves:
        services.card_move(
            card=stale[who][index], column=cols[column], position=position, user=None
        )
    assert_consistent(board, {c.pk for c in cards})


@pytest.mark.django_db(transaction=True)
def test_concurrent_moves_in_real_transactions(transactional_db, cast):
    board = cast.project.board
    cards = _make_cards(board, 12)
    ids = [c.pk for c in cards]
    cols = columns(board)
    plans = []
    for seed in (1, 2, 3):
        rng = random.Random(seed)
        plans.append([(rng.choice(ids), rng.choice(cols), rng.randint(0, 12)) for _ in range(30)])

    def run(plan, errors):
        try:
            for card_id, column, position in plan:
                # Each move starts from the card as this person loaded it long ago.
                stale = Card(pk=card_id, board_id=board.pk, column_id=cols[0].pk, version=1)
                services.card_move(card=stale, column=column, position=position, user=None)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    def run_in_thread(plan, errors):
        try:
            run(plan, errors)
        finally:
            connections.close_all()  # this thread's own connection

    errors: list[Exception] = []
    if connection.vendor == "postgresql":
        threads = [threading.Thread(target=run_in_thread, args=(plan, errors)) for plan in plans]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    else:
        # SQLite serialises writing transactions: interleave the plans move by move instead.
        for step in zip(*plans, strict=True):
            for move in step:
                run([move], errors)
    assert errors == []
    assert_consistent(board, set(ids))
