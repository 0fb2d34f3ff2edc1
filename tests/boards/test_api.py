"""The board API: same permissions and services as the UI."""

import pytest

from lotse.boards import services
from lotse.boards.models import Card
from lotse.boards.models import Column
from tests.api.conftest import NOBODY
from tests.api.conftest import READERS
from tests.api.conftest import call
from tests.api.conftest import office

from .conftest import layout

WORKERS = office(200) | {"project_lead": 200, "member": 200}


@pytest.mark.parametrize("role", list(READERS))
def test_get_board(cast, world, role):
    response = call(cast.client(role), "get", f"/boards/{world.board.pk}")
    assert response.status_code == READERS[role]
    if response.status_code == 200:
        body = response.json()
        assert [c["name"] for c in body["columns"]] == ["Aufgabe", "In Arbeit", "Erledigt"]
        assert body["columns"][0]["card_count"] == 3
        assert body["can_change_cards"] == (WORKERS[role] == 200)


@pytest.mark.parametrize("role", list(READERS))
def test_move_card_by_role(cast, world, role):
    """A project member may move cards of their project; a viewer may not."""
    card = world.cards[0]
    response = call(
        cast.client(role),
        "post",
        f"/cards/{card.pk}/move",
        {"column": world.done.pk, "position": 0},
    )
    assert response.status_code == WORKERS[role]
    moved = Card.objects.get(pk=card.pk).column_id == world.done.pk
    assert moved == (WORKERS[role] == 200)
    if moved:
        assert response.json()["column"] == world.done.pk
        assert response.json()["position"] == 0


def test_card_crud_and_filters(cast, world):
    client = cast.client("member")
    label = services.label_add(board=world.board, name="Technik")
    response = call(
        client,
        "post",
        f"/boards/{world.board.pk}/cards",
        {
            "title": "API-Karte",
            "column": world.doing.pk,
            "description": "**fett** <script>x</script>",
            "assignee": cast.users["member"].pk,
            "due_date": "2020-01-01",
            "labels": [label.pk],
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["position"] == 0 and body["overdue"] is True
    assert "<strong>fett</strong>" in body["description_html"]
    assert "<script>" not in body["description_html"]
    card_id = body["id"]
    listed = call(client, "get", f"/boards/{world.board.pk}/cards?overdue=true").json()["items"]
    assert [c["id"] for c in listed] == [card_id]
    listed = call(client, "get", f"/boards/{world.board.pk}/cards?label={label.pk}").json()["items"]
    assert [c["id"] for c in listed] == [card_id]
    patched = call(client, "patch", f"/cards/{card_id}", {"version": 1, "title": "Neu"})
    assert patched.status_code == 200 and patched.json()["version"] == 2
    stale = call(client, "patch", f"/cards/{card_id}", {"version": 1, "title": "Alt"})
    assert stale.status_code == 409
    bad = call(client, "patch", f"/cards/{card_id}", {"assignee": cast.users["outsider"].pk})
    assert bad.status_code == 422 and "assignee" in bad.json()["errors"]
    assert call(client, "delete", f"/cards/{card_id}").status_code == 204
    assert call(cast.client("viewer"), "delete", f"/cards/{world.cards[0].pk}").status_code == 403


def test_columns_via_api(cast, world):
    lead = cast.client("project_lead")
    created = call(
        lead, "post", f"/boards/{world.board.pk}/columns", {"name": "Abnahme", "wip_limit": 1}
    )
    assert created.status_code == 201
    column_id = created.json()["id"]
    moved = call(lead, "patch", f"/columns/{column_id}", {"position": 0, "name": "Fachabnahme"})
    assert moved.status_code == 200 and moved.json()["position"] == 0
    assert (
        call(
            cast.client("member"), "post", f"/boards/{world.board.pk}/columns", {"name": "X"}
        ).status_code
        == 403
    )
    # Removing a column with cards needs the target column; nothing is lost.
    refused = call(lead, "delete", f"/columns/{world.todo.pk}")
    assert refused.status_code == 422 and "target" in refused.json()["errors"]
    assert call(lead, "delete", f"/columns/{world.todo.pk}?target={column_id}").status_code == 204
    assert layout(world.board)["Fachabnahme"] == [c.title for c in world.cards]
    board = call(lead, "get", f"/boards/{world.board.pk}").json()
    assert board["columns"][0]["wip_exceeded"] is True
    assert not Column.objects.filter(pk=world.todo.pk).exists()


def test_labels_and_swimlanes_via_api(cast, world):
    pmo = cast.client("pmo")
    label = call(pmo, "post", f"/boards/{world.board.pk}/labels", {"name": "Recht"})
    assert label.status_code == 201
    labels = call(pmo, "get", f"/boards/{world.board.pk}/labels").json()["items"]
    assert labels[0]["name"] == "Recht"
    patched = call(pmo, "patch", f"/boards/{world.board.pk}", {"swimlanes": "sub_project"})
    assert patched.status_code == 200 and patched.json()["swimlanes"] == "sub_project"
    assert call(pmo, "delete", f"/labels/{label.json()['id']}").status_code == 204


@pytest.mark.parametrize("role", list(READERS))
def test_pmo_board_via_api(cast, role):
    response = call(cast.client(role), "get", f"/programmes/{cast.programme.slug}/board")
    assert response.status_code == READERS[role]
    if response.status_code == 200:
        board_id = response.json()["id"]
        created = call(cast.client(role), "post", f"/boards/{board_id}/cards", {"title": "PMO"})
        allowed = office(201) | {"change_manager": 201}
        assert created.status_code == allowed.get(role, 403)


def test_retrospectives_via_api(cast, world):
    client = cast.client("member")
    created = call(
        client,
        "post",
        f"/projects/{cast.project.pk}/retrospectives",
        {"held_on": "2026-03-02", "went_well": "Teamgeist", "actions": ["Jour fixe einführen"]},
    )
    assert created.status_code == 201, created.json()
    retro = created.json()
    action_id = retro["actions"][0]["id"]
    card = call(client, "post", f"/retro-actions/{action_id}/card")
    assert card.status_code == 200 and card.json()["board"] == world.board.pk
    again = call(client, "post", f"/retro-actions/{action_id}/card")
    assert again.json()["id"] == card.json()["id"]
    services.card_move(
        card=Card.objects.get(pk=card.json()["id"]), column=world.done, position=0, user=None
    )
    listed = call(client, "get", f"/projects/{cast.project.pk}/retrospectives").json()["items"]
    assert listed[0]["actions"][0]["done"] is True
    extra = call(client, "post", f"/retrospectives/{retro['id']}/actions", {"text": "Doku"})
    assert extra.status_code == 201
    done = call(
        client, "patch", f"/retro-actions/{extra.json()['id']}", {"version": 1, "done": True}
    )
    assert done.json()["done"] is True
    patched = call(
        client,
        "patch",
        f"/retrospectives/{retro['id']}",
        {"version": 1, "to_improve": "Mehr Tests"},
    )
    assert patched.status_code == 200
    assert (
        call(
            cast.client("viewer"), "patch", f"/retrospectives/{retro['id']}", {"to_improve": "x"}
        ).status_code
        == 403
    )


@pytest.mark.parametrize("role", list(NOBODY))
def test_programme_retrospective_create_by_role(cast, role):
    response = call(
        cast.client(role),
        "post",
        f"/programmes/{cast.programme.slug}/retrospectives",
        {"held_on": "2026-03-31"},
    )
    allowed = office(201) | {"change_manager": 201}
    assert response.status_code == allowed[role]
