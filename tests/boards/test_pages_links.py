"""The Steckbrief links to the project's board."""

from django.urls import reverse

from lotse.boards.models import Board


def test_project_page_links_to_its_board(cast):
    page = cast.client("viewer").get(reverse("portfolio:project_detail", args=[cast.project.pk]))
    assert page.status_code == 200
    assert reverse("boards:project_board", args=[cast.project.pk]) in page.content.decode()
    assert Board.objects.filter(project=cast.project).exists()


def test_default_columns_are_german_whatever_language_is_active(cast):
    from django.utils import translation

    from lotse.boards.services import programme_board_ensure

    with translation.override("en"):
        board = programme_board_ensure(cast.programme)
    assert [c.name for c in board.columns.all()] == ["Aufgabe", "In Arbeit", "Erledigt"]
