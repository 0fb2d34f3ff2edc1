"""Every board page and action, every role: exactly the access it should have."""

import pytest
from django.urls import reverse

from lotse.boards import services
from lotse.boards.models import Card
from lotse.boards.models import Column
from lotse.boards.models import RetroAction
from tests.roles import ALL_ROLES
from tests.roles import OFFICE
from tests.roles import READERS
from tests.roles import page_status

# Who may change cards of cast.project (its team and the office), and of the PMO board.
PROJECT_WORKERS = OFFICE | {"project_lead", "member"}
PROJECT_ARRANGERS = OFFICE | {"project_lead"}
PMO_WORKERS = OFFICE | {"change_manager"}


@pytest.fixture
def pmo_board(cast):
    return services.programme_board_ensure(cast.programme)


def _read_pages(cast, world, pmo_board):
    card = world.cards[0]
    return {
        "overview": reverse("boards:overview", args=[cast.programme.slug]),
        "board": reverse("boards:board", args=[world.board.pk]),
        "other_board": reverse("boards:board", args=[cast.other_project.board.pk]),
        "pmo_board": reverse("boards:board", args=[pmo_board.pk]),
        "card": reverse("boards:card", args=[card.pk]),
        "project_retros": reverse("boards:project_retrospectives", args=[cast.project.pk]),
        "programme_retros": reverse("boards:programme_retrospectives", args=[cast.programme.slug]),
    }


@pytest.mark.parametrize("role", ALL_ROLES)
def test_read_pages(cast, world, pmo_board, role):
    client = cast.client(role)
    for name, url in _read_pages(cast, world, pmo_board).items():
        assert client.get(url).status_code == page_status(role, READERS), name


@pytest.mark.parametrize("role", ALL_ROLES)
def test_my_cards_page(cast, role):
    response = cast.client(role).get(reverse("boards:my_cards"))
    assert response.status_code == (302 if role == "anonymous" else 200)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_move_card_on_project_board(cast, world, role):
    card = world.cards[0]
    response = cast.client(role).post(
        reverse("boards:card_move", args=[card.pk]), {"column": world.doing.pk, "position": 1}
    )
    assert response.status_code == page_status(role, PROJECT_WORKERS, ok=302)
    moved = Card.objects.get(pk=card.pk).column == world.doing
    assert moved == (role in PROJECT_WORKERS)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_create_card_on_project_board(cast, world, role):
    url = reverse("boards:card_create", args=[world.board.pk])
    assert cast.client(role).get(url).status_code == page_status(role, PROJECT_WORKERS)
    response = cast.client(role).post(url, {"title": "Neue Karte"})
    assert response.status_code == page_status(role, PROJECT_WORKERS, ok=302)
    assert Card.objects.filter(title="Neue Karte").exists() == (role in PROJECT_WORKERS)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_edit_and_delete_card(cast, world, role):
    card = world.cards[0]
    edit = reverse("boards:card_edit", args=[card.pk])
    assert cast.client(role).get(edit).status_code == page_status(role, PROJECT_WORKERS)
    delete = reverse("boards:card_delete", args=[card.pk])
    response = cast.client(role).post(delete)
    assert response.status_code == page_status(role, PROJECT_WORKERS, ok=302)
    assert Card.objects.filter(pk=card.pk).exists() == (role not in PROJECT_WORKERS)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_column_management_on_project_board(cast, world, role):
    settings_url = reverse("boards:settings", args=[world.board.pk])
    assert cast.client(role).get(settings_url).status_code == page_status(role, PROJECT_ARRANGERS)
    response = cast.client(role).post(
        settings_url, {"aktion": "spalte", "neu-name": "Abnahme", "neu-wip_limit": "3"}
    )
    assert response.status_code == page_status(role, PROJECT_ARRANGERS, ok=302)
    assert Column.objects.filter(board=world.board, name="Abnahme").exists() == (
        role in PROJECT_ARRANGERS
    )


@pytest.mark.parametrize("role", ALL_ROLES)
def test_pmo_board_cards(cast, pmo_board, role):
    url = reverse("boards:card_create", args=[pmo_board.pk])
    response = cast.client(role).post(url, {"title": "Projektcheck vorbereiten"})
    assert response.status_code == page_status(role, PMO_WORKERS, ok=302)
    assert Card.objects.filter(board=pmo_board).exists() == (role in PMO_WORKERS)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_pmo_board_columns_only_by_office(cast, pmo_board, role):
    url = reverse("boards:settings", args=[pmo_board.pk])
    assert cast.client(role).get(url).status_code == page_status(role, OFFICE)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_project_retrospective_create(cast, role):
    url = reverse("boards:project_retrospective_create", args=[cast.project.pk])
    response = cast.client(role).post(
        url, {"held_on": "2026-03-02", "went_well": "Gute Abstimmung", "actions": "Jour fixe"}
    )
    assert response.status_code == page_status(role, PROJECT_WORKERS, ok=302)
    assert cast.project.retrospectives.exists() == (role in PROJECT_WORKERS)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_programme_retro_action_to_card(cast, pmo_board, role):
    retro = services.retrospective_create(
        user=None, programme=cast.programme, held_on="2026-03-31", actions=["Wissen teilen"]
    )
    action = retro.actions.get()
    response = cast.client(role).post(reverse("boards:action_to_card", args=[action.pk]))
    assert response.status_code == page_status(role, PMO_WORKERS, ok=302)
    has_card = RetroAction.objects.get(pk=action.pk).card_id is not None
    assert has_card == (role in PMO_WORKERS)
