"""Boards, columns and cards: the services every UI and API path goes through."""

import importlib
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from lotse.boards import selectors
from lotse.boards import services
from lotse.boards.models import Board
from lotse.boards.models import Card
from lotse.boards.models import Column
from lotse.boards.models import Label
from lotse.portfolio.services import EditConflict
from tests.factories import ProjectFactory
from tests.reporting.factories import MilestoneFactory

from .conftest import columns
from .conftest import layout

# What a data migration reads of the schema editor: the connection (its alias).
SCHEMA_EDITOR = SimpleNamespace(connection=connection)


def test_every_new_project_gets_a_board_with_default_columns(cast):
    project = ProjectFactory(field_of_action=cast.field, title="Neues Vorhaben")
    board = Board.objects.get(project=project)
    assert [(c.name, c.is_done) for c in columns(board)] == [
        ("Aufgabe", False),
        ("In Arbeit", False),
        ("Erledigt", True),
    ]


def test_data_migration_creates_missing_boards_and_reverses(cast):
    migration = importlib.import_module("lotse.boards.migrations.0003_boards_for_existing_projects")
    Board.objects.filter(project=cast.other_project).delete()
    migration.create_boards(apps, SCHEMA_EDITOR)
    board = Board.objects.get(project=cast.other_project)
    assert board.columns.count() == 3
    migration.create_boards(apps, SCHEMA_EDITOR)  # a second run creates nothing
    assert Board.objects.filter(project=cast.other_project).count() == 1
    services.card_create(board=cast.project.board, title="bleibt", user=None)
    migration.remove_empty_boards(apps, SCHEMA_EDITOR)
    assert not Board.objects.filter(project=cast.other_project).exists()
    assert Board.objects.filter(project=cast.project).exists()  # has a card: kept


def test_programme_board_is_created_once(cast):
    first = services.programme_board_ensure(cast.programme)
    assert services.programme_board_ensure(cast.programme) == first
    assert first.columns.count() == 3
    assert str(first).startswith("PMO-Board")


def test_create_card_appends_to_first_column(world):
    assert layout(world.board)["Aufgabe"] == [
        "Anforderungen sammeln",
        "Prototyp bauen",
        "Schulung planen",
    ]
    card = services.card_create(board=world.board, title="Fertig", user=None, column=world.done)
    assert (card.column, card.position) == (world.done, 0)


def test_create_card_refuses_column_of_other_board(world, cast):
    other = cast.other_project.board.columns.first()
    with pytest.raises(ValidationError):
        services.card_create(board=world.board, title="x", user=None, column=other)


def test_move_within_and_across_columns_keeps_positions_dense(world, cast):
    a, b, c = world.cards
    user = cast.users["member"]
    services.card_move(card=c, column=world.todo, position=0, user=user)
    assert layout(world.board)["Aufgabe"] == [
        "Schulung planen",
        "Anforderungen sammeln",
        "Prototyp bauen",
    ]
    services.card_move(card=a, column=world.doing, position=5, user=user)  # clamped to end
    assert layout(world.board) == {
        "Aufgabe": ["Schulung planen", "Prototyp bauen"],
        "In Arbeit": ["Anforderungen sammeln"],
        "Erledigt": [],
    }
    services.card_move(card=b, column=world.doing, position=0, user=user)
    assert layout(world.board)["In Arbeit"] == ["Prototyp bauen", "Anforderungen sammeln"]
    moved = Card.objects.get(pk=b.pk)
    assert moved.updated_by == user
    assert moved.history.first().column_id == world.doing.pk  # the move is in the history


def test_move_refuses_column_of_another_board(world, cast):
    other = cast.other_project.board.columns.first()
    with pytest.raises(ValidationError):
        services.card_move(card=world.cards[0], column=other, position=0, user=None)


def test_move_with_stale_version_conflicts(world):
    card = world.cards[0]
    services.card_update(
        card=Card.objects.get(pk=card.pk), data={"title": "Neu"}, user=None, expected_version=1
    )
    with pytest.raises(EditConflict):
        services.card_move(card=card, column=world.doing, position=0, user=None, expected_version=1)


def test_card_update_is_versioned(world):
    card = Card.objects.get(pk=world.cards[0].pk)
    services.card_update(card=card, data={"title": "Erste Änderung"}, user=None, expected_version=1)
    stale = Card.objects.get(pk=card.pk)
    stale.version = 1
    with pytest.raises(EditConflict):
        services.card_update(card=stale, data={"title": "Zweite"}, user=None, expected_version=1)
    assert Card.objects.get(pk=card.pk).title == "Erste Änderung"


def test_card_links_must_belong_to_the_project(world, cast):

    foreign = MilestoneFactory(
        project=cast.other_project, title="Fremd", planned_date=timezone.localdate()
    )
    with pytest.raises(ValidationError) as exc:
        services.card_update(
            card=world.cards[0], data={"milestone": foreign}, user=None, expected_version=None
        )
    assert "milestone" in exc.value.message_dict
    own = MilestoneFactory(project=cast.project, title="Eigen", planned_date=timezone.localdate())
    services.card_update(
        card=world.cards[0], data={"milestone": own}, user=None, expected_version=None
    )


def test_labels_belong_to_their_board(world, cast):
    label = services.label_add(board=world.board, name="Dringend")
    with pytest.raises(ValidationError):
        services.label_add(board=world.board, name="dringend")
    other = services.label_add(board=cast.other_project.board, name="Fremd")
    with pytest.raises(ValidationError):
        services.card_update(
            card=world.cards[0], data={"labels": [other]}, user=None, expected_version=None
        )
    services.card_update(
        card=world.cards[0], data={"labels": [label]}, user=None, expected_version=None
    )
    assert list(world.cards[0].labels.all()) == [label]


def test_card_delete_closes_the_gap(world):
    services.card_delete(card=world.cards[1])
    assert layout(world.board)["Aufgabe"] == ["Anforderungen sammeln", "Schulung planen"]


# --- columns --------------------------------------------------------------------------------


def test_add_rename_reorder_columns(world):
    review = services.column_add(board=world.board, name="Abnahme", wip_limit=2)
    assert [c.name for c in columns(world.board)] == ["Aufgabe", "In Arbeit", "Erledigt", "Abnahme"]
    services.column_move(column=review, position=2)
    assert [c.name for c in columns(world.board)] == ["Aufgabe", "In Arbeit", "Abnahme", "Erledigt"]
    services.column_update(column=review, data={"name": "Fachliche Abnahme"})
    assert columns(world.board)[2].name == "Fachliche Abnahme"
    assert [c.position for c in columns(world.board)] == [0, 1, 2, 3]
    with pytest.raises(ValidationError) as exc:
        services.column_add(board=world.board, name="aufgabe")
    assert "name" in exc.value.message_dict


def test_removing_a_column_with_cards_needs_a_target_and_loses_nothing(world):
    services.card_move(card=world.cards[0], column=world.done, position=0, user=None)
    with pytest.raises(ValidationError) as exc:
        services.column_delete(column=world.todo)
    assert "target" in exc.value.message_dict
    assert Card.objects.count() == 3
    services.column_delete(column=world.todo, target=world.done)
    assert layout(world.board) == {
        "In Arbeit": [],
        "Erledigt": ["Anforderungen sammeln", "Prototyp bauen", "Schulung planen"],
    }
    assert [c.position for c in columns(world.board)] == [0, 1]


def test_empty_column_is_removed_without_target_but_never_the_last(world):
    services.column_delete(column=world.doing)
    services.column_delete(column=world.done)
    last = columns(world.board)
    assert len(last) == 1
    with pytest.raises(ValidationError):
        services.column_delete(column=last[0], target=None)
    assert Column.objects.filter(board=world.board).count() == 1


def test_wip_limit_warns_but_does_not_block(world):
    services.column_update(column=world.doing, data={"wip_limit": 2})
    for card in world.cards:
        services.card_move(card=card, column=world.doing, position=0, user=None)
    view = selectors.board_view(world.board, today=timezone.localdate())
    doing = view.columns[1]
    assert len(doing.cards) == 3  # nothing refused
    assert doing.wip_warning == "WIP-Limit überschritten: 3 von 2 Karten"
    assert view.columns[0].wip_warning == ""


def test_board_filters(world, cast):
    today = timezone.localdate()
    label = services.label_add(board=world.board, name="Technik")
    a, b, c = world.cards
    services.card_update(
        card=a,
        data={
            "assignee": cast.users["member"],
            "due_date": today - timedelta(days=1),
            "labels": [label],
        },
        user=None,
        expected_version=None,
    )
    services.card_update(
        card=b, data={"due_date": today + timedelta(days=3)}, user=None, expected_version=None
    )

    def titles(filters):
        view = selectors.board_view(world.board, filters=filters, today=today)
        return [row.card.title for col in view.columns for row in col.cards]

    assert titles({"assignee": cast.users["member"].pk}) == [a.title]
    assert titles({"assignee": None}) == [b.title, c.title]
    assert titles({"label": label.pk}) == [a.title]
    assert titles({"overdue": True}) == [a.title]
    view = selectors.board_view(world.board, filters={"overdue": True}, today=today)
    assert view.columns[0].total == 3  # the WIP count ignores the filter
    # A done card is never overdue.
    services.card_move(card=a, column=world.done, position=0, user=None)
    assert titles({"overdue": True}) == []


def test_swimlanes_by_sub_project(world, cast):
    sub = ProjectFactory(field_of_action=cast.field, title="Teil A", parent=cast.project)
    services.board_update(board=world.board, data={"swimlanes": "sub_project"})
    services.card_update(
        card=world.cards[0], data={"sub_project": sub}, user=None, expected_version=None
    )
    view = selectors.board_view(world.board, today=timezone.localdate())
    assert [lane.title for lane in view.lanes] == ["Teil A", "ohne Teilprojekt"]
    assert [len(cell.cards) for cell in view.lanes[0].cells] == [1, 0, 0]
    assert [len(cell.cards) for cell in view.lanes[1].cells] == [2, 0, 0]
    with pytest.raises(ValidationError):
        services.card_update(
            card=world.cards[1],
            data={"sub_project": cast.other_project},
            user=None,
            expected_version=None,
        )


def test_a_label_another_request_added_meanwhile_is_refused_with_a_message(world, monkeypatch):
    # Two people adding one label at once: both find the name free, the other one commits
    # first. Simulated in one transaction: the other label appears after the check.
    clean = Label.full_clean

    def after_the_other_request(label, **kwargs):
        clean(label, **kwargs)
        Label.objects.create(board=world.board, name="Dringend")

    monkeypatch.setattr(Label, "full_clean", after_the_other_request)
    with pytest.raises(ValidationError) as exc:
        services.label_add(board=world.board, name="Dringend")

    assert exc.value.message_dict == {"name": ["Dieses Label gibt es auf dem Board schon."]}
