"""The board pages do what a person needs: see, filter, move, arrange."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from lotse.boards import services
from lotse.boards.models import Card
from lotse.boards.models import Column

from .conftest import layout


def _board(cast, world, role="member", **params):
    return cast.client(role).get(reverse("boards:board", args=[world.board.pk]), params)


def test_board_shows_columns_cards_and_move_controls(cast, world):
    html = _board(cast, world).content.decode()
    for text in ("Aufgabe", "In Arbeit", "Erledigt", "Anforderungen sammeln", "Verschieben"):
        assert text in html
    assert 'draggable="true"' in html
    assert "boards.js" in html


def test_viewer_sees_no_move_controls(cast, world):
    html = _board(cast, world, "viewer").content.decode()
    assert "Anforderungen sammeln" in html
    assert 'draggable="true"' not in html
    assert "move-form" not in html


def test_wip_warning_is_text(cast, world):
    services.column_update(column=world.todo, data={"wip_limit": 2})
    html = _board(cast, world).content.decode()
    assert "WIP-Limit überschritten: 3 von 2 Karten" in html


def test_overdue_is_said_in_words(cast, world):
    card = world.cards[0]
    services.card_update(
        card=card,
        data={"due_date": timezone.localdate() - timedelta(days=2)},
        user=None,
        expected_version=None,
    )
    html = _board(cast, world).content.decode()
    assert "überfällig" in html
    filtered = _board(cast, world, ueberfaellig="1").content.decode()
    assert "Anforderungen sammeln" in filtered
    page = cast.client("viewer").get(reverse("boards:card", args=[card.pk])).content.decode()
    assert '<strong class="card-due--overdue">überfällig</strong>' in page
    assert "Prototyp bauen" not in filtered


def test_filter_by_htmx_returns_only_the_board(cast, world):
    client = cast.client("member")
    response = client.get(
        reverse("boards:board", args=[world.board.pk]),
        {"zustaendig": "ohne"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="board"')
    assert "<html" not in html
    assert "3 Karten von 3 angezeigt (gefiltert)" in html


def test_keyboard_form_moves_and_redirects(cast, world):
    card = world.cards[2]
    client = cast.client("member")
    response = client.post(
        reverse("boards:card_move", args=[card.pk]), {"column": world.doing.pk, "position": ""}
    )
    assert response.status_code == 302
    assert response.url.endswith(f"#karte-{card.pk}")
    assert layout(world.board)["In Arbeit"] == ["Schulung planen"]
    page = client.get(response.url.split("#")[0]).content.decode()
    assert "steht jetzt in „In Arbeit“ an Position 1" in page


def test_drag_and_drop_request_by_neighbour(cast, world):
    a, b, c = world.cards
    client = cast.client("member")
    url = reverse("boards:card_move", args=[c.pk])
    response = client.post(
        url, {"column": world.todo.pk, "before": a.pk}, headers={"Accept": "application/json"}
    )
    assert response.status_code == 200
    assert "Position 1" in response.json()["message"]
    assert layout(world.board)["Aufgabe"] == [c.title, a.title, b.title]
    client.post(
        reverse("boards:card_move", args=[c.pk]),
        {"column": world.todo.pk, "after": b.pk},
        headers={"Accept": "application/json"},
    )
    assert layout(world.board)["Aufgabe"] == [a.title, b.title, c.title]


def test_move_to_column_of_other_board_is_refused(cast, world):
    other = cast.other_project.board.columns.first()
    response = cast.client("member").post(
        reverse("boards:card_move", args=[world.cards[0].pk]),
        {"column": other.pk},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 422
    assert Card.objects.get(pk=world.cards[0].pk).column == world.todo


def test_removing_column_asks_where_cards_go(cast, world):
    client = cast.client("project_lead")
    url = reverse("boards:column_delete", args=[world.todo.pk])
    page = client.get(url).content.decode()
    assert "In der Spalte stehen 3 Karten. Wohin sollen sie wandern?" in page
    assert "Karten verschieben nach" in page
    response = client.post(url, {"target": world.done.pk})
    assert response.status_code == 302
    assert not Column.objects.filter(pk=world.todo.pk).exists()
    assert len(layout(world.board)["Erledigt"]) == 3


def test_column_rename_reorder_and_limit_in_ui(cast, world):
    client = cast.client("project_lead")
    prefix = f"spalte-{world.doing.pk}"
    client.post(
        reverse("boards:column_edit", args=[world.doing.pk]),
        {f"{prefix}-name": "Umsetzung", f"{prefix}-wip_limit": "4"},
    )
    client.post(reverse("boards:column_move", args=[world.doing.pk]), {"richtung": "links"})
    names = list(world.board.columns.order_by("position").values_list("name", "wip_limit"))
    assert names == [("Umsetzung", 4), ("Aufgabe", None), ("Erledigt", None)]


def test_card_detail_sanitises_markdown_and_shows_history(cast, world):
    card = world.cards[0]
    services.card_update(
        card=card,
        data={
            "description": "**Wichtig**<script>alert(1)</script>",
            "assignee": cast.users["member"],
        },
        user=cast.users["member"],
        expected_version=1,
    )
    services.card_move(card=card, column=world.doing, position=0, user=cast.users["member"])
    html = cast.client("viewer").get(reverse("boards:card", args=[card.pk])).content.decode()
    assert "<strong>Wichtig</strong>" in html
    assert "<script>alert" not in html
    assert "Änderungsverlauf" in html
    assert "Aufgabe → In Arbeit" in html  # the move, with column names
    assert "zuständig: – →" in html


def test_card_edit_conflict_is_reported(cast, world):
    card = world.cards[0]
    client = cast.client("member")
    url = reverse("boards:card_edit", args=[card.pk])
    services.card_update(
        card=card, data={"title": "Inzwischen geändert"}, user=None, expected_version=1
    )
    response = client.post(url, {"title": "Meine Änderung", "version": 1})
    assert response.status_code == 200
    assert "inzwischen von einer anderen Person geändert" in response.content.decode()
    assert Card.objects.get(pk=card.pk).title == "Inzwischen geändert"


def test_my_cards_across_projects(cast, world):
    member = cast.users["member"]
    services.card_update(
        card=world.cards[0], data={"assignee": member}, user=None, expected_version=None
    )
    pmo_board = services.programme_board_ensure(cast.programme)
    services.card_create(
        board=pmo_board, title="Projektcheck vorbereiten", user=None, assignee=member
    )
    other = services.card_create(
        board=cast.other_project.board, title="Fremde Karte", user=None, assignee=cast.users["pmo"]
    )
    html = cast.client("member").get(reverse("boards:my_cards")).content.decode()
    assert "Anforderungen sammeln" in html
    assert "Projektcheck vorbereiten" in html
    assert other.title not in html


def test_programme_board_entry_creates_it_once(cast):
    client = cast.client("viewer")
    url = reverse("boards:programme_board", args=[cast.programme.slug])
    first = client.get(url)
    assert first.status_code == 302
    assert client.get(url).url == first.url
    assert "PMO-Aufgabenboard" in client.get(first.url).content.decode()


def test_retrospective_list_shows_actions_and_done(cast, world):
    retro = services.retrospective_create(
        user=None,
        project=cast.project,
        held_on=timezone.localdate(),
        went_well="Gute Abstimmung",
        actions="Jour fixe einführen\nProtokolle teilen",
    )
    first, second = retro.actions.all()
    client = cast.client("member")
    client.post(reverse("boards:action_to_card", args=[first.pk]))
    client.post(reverse("boards:action_to_card", args=[first.pk]))  # a second click: no 2nd card
    card = Card.objects.get(board=world.board, title="Jour fixe einführen")
    client.post(reverse("boards:action_done", args=[second.pk]), {"done": "1"})
    url = reverse("boards:project_retrospectives", args=[cast.project.pk])

    def page():
        return " ".join(client.get(url).content.decode().split())

    html = page()
    assert 'Jour fixe einführen – <span class="state-open">offen</span>' in html
    assert "Karte in „Aufgabe“" in html
    assert 'Protokolle teilen – <strong class="state-done">erledigt</strong>' in html
    services.card_move(card=card, column=world.done, position=0, user=None)
    assert 'Jour fixe einführen – <strong class="state-done">erledigt</strong>' in page()


def test_card_markup_names_every_detail_and_escapes(cast, world):
    """The card list (boards/templatetags/board_cards.py): link, assignee, due date, overdue,
    sub-project, labels and the keyboard move form with its labelled fields, all escaped."""
    from tests.factories import ProjectFactory

    sub = ProjectFactory(field_of_action=cast.field, parent=cast.project, title="Teil <A>")
    label = services.label_add(board=world.board, name="Recht & Ordnung")
    card = world.cards[0]
    services.card_update(
        card=card,
        data={
            "title": "Ausschreibung <vorbereiten>",
            "assignee": cast.users["member"],
            "due_date": timezone.localdate() - timedelta(days=2),
            "sub_project": sub,
            "labels": [label],
        },
        user=None,
        expected_version=None,
    )
    html = _board(cast, world).content.decode()
    assert f'<li class="board-card board-card--overdue" id="karte-{card.pk}"' in html
    assert f'<a href="/boards/karten/{card.pk}/">Ausschreibung &lt;vorbereiten&gt;</a>' in html
    assert f"<li>zuständig: {cast.users['member']}</li>" in html
    assert '<li class="card-due card-due--overdue"><strong>überfällig</strong> – fällig am' in html
    assert "<li>Teil &lt;A&gt;</li>" in html
    assert '<li class="card-label">Recht &amp; Ordnung</li>' in html
    assert f'<label for="move-col-{card.pk}">Spalte</label>' in html
    assert f'<option value="{world.todo.pk}" selected>Aufgabe</option>' in html
    assert f'action="/boards/karten/{card.pk}/verschieben/"' in html
    assert re.search(r'name="csrfmiddlewaretoken" value="[^"]{32,}"', html)
    viewer = _board(cast, world, "viewer").content.decode()
    assert "Ausschreibung &lt;vorbereiten&gt;" in viewer and "move-col-" not in viewer


def test_card_labels_come_in_name_order_on_the_page_and_in_the_api(cast, world):
    """The page reads the labels from the link table (issue 14), the API from the relation:
    both list a card's labels by name, and a card without labels shows none."""
    zeta = services.label_add(board=world.board, name="Zeta")
    alpha = services.label_add(board=world.board, name="Alpha")
    card, bare = world.cards[0], world.cards[1]
    services.card_update(
        card=card, data={"labels": [zeta, alpha]}, user=None, expected_version=None
    )
    html = _board(cast, world).content.decode()
    own = html.split(f'id="karte-{card.pk}"', 1)[1].split("</li>\n    <li", 1)[0]
    assert (
        '<ul class="card-labels" aria-label="Labels"><li class="card-label">Alpha</li>'
        '<li class="card-label">Zeta</li></ul>'
    ) in own
    other = html.split(f'id="karte-{bare.pk}"', 1)[1].split("</li>\n    <li", 1)[0]
    assert "card-labels" not in other
    from tests.api.conftest import call

    cards = call(cast.client("member"), "get", f"/boards/{world.board.pk}/cards").json()
    assert {c["id"]: c["labels"] for c in cards["items"]}[card.pk] == [alpha.pk, zeta.pk]
