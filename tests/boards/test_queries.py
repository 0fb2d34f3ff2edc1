"""The board page and "Meine Karten" cost the same number of queries for 10 or 500 cards."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lotse.boards import services
from lotse.boards.models import Card
from lotse.boards.models import Label
from tests.factories import ProjectFactory


def _count(client, url, **headers) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, headers=headers).status_code == 200
    return len(ctx.captured_queries)


def grow(board, total: int, users: list, *, sub_projects=()) -> None:
    """Cards with assignees, labels, due dates and sub-projects, spread over the columns."""
    columns = list(board.columns.order_by("position"))
    labels = [Label.objects.get_or_create(board=board, name=n)[0] for n in ("Technik", "Recht")]
    today = timezone.localdate()
    have = Card.objects.filter(board=board).count()
    new = []
    for i in range(have, total):
        new.append(
            Card(
                board=board,
                column=columns[i % len(columns)],
                position=10_000 + i,
                title=f"Karte {i}",
                description="Beschreibung",
                assignee=users[i % len(users)],
                due_date=today + timedelta(days=(i % 20) - 10),
                sub_project=sub_projects[i % len(sub_projects)] if sub_projects else None,
            )
        )
    Card.objects.bulk_create(new)
    through = Card.labels.through
    through.objects.bulk_create(
        through(card_id=card.pk, label_id=labels[i % 2].pk)
        for i, card in enumerate(Card.objects.filter(board=board, labels__isnull=True))
    )


@pytest.mark.parametrize("lanes", [False, True])
def test_board_page_has_constant_queries(cast, lanes):
    board = cast.project.board
    subs = []
    if lanes:
        subs = [ProjectFactory(field_of_action=cast.field, parent=cast.project) for _ in range(3)]
        services.board_update(board=board, data={"swimlanes": "sub_project"})
    users = [cast.users[r] for r in ("member", "project_lead", "pmo")]
    client = cast.client("member")
    url = reverse("boards:board", args=[board.pk])
    grow(board, 10, users, sub_projects=subs)
    small = _count(client, url)
    grow(board, 500, users, sub_projects=subs)
    large = _count(client, url)
    assert large == small, f"{small} queries for 10 cards, {large} for 500"
    assert _count(client, url + "?label=1&ueberfaellig=1", **{"HX-Request": "true"}) <= small


def test_my_cards_has_constant_queries(cast):
    member = cast.users["member"]
    pmo_board = services.programme_board_ensure(cast.programme)
    client = cast.client("member")
    url = reverse("boards:my_cards")
    grow(cast.project.board, 5, [member])
    grow(pmo_board, 5, [member])
    small = _count(client, url)
    grow(cast.project.board, 250, [member])
    grow(pmo_board, 250, [member])
    assert _count(client, url) == small


def test_overview_has_constant_queries(cast):
    client = cast.client("pmo")
    url = reverse("boards:overview", args=[cast.programme.slug])
    _count(client, url)  # the first visit creates the PMO board
    small = _count(client, url)
    for _ in range(30):
        ProjectFactory(field_of_action=cast.field)
    assert _count(client, url) == small
