"""The Steckbrief links to the project's board."""

from django.urls import reverse

from lotse.boards.models import Board


def test_project_page_links_to_its_board(cast):
    page = cast.client("viewer").get(reverse("portfolio:project_detail", args=[cast.project.pk]))
    assert page.status_code == 200
    assert reverse("boards:project_board", args=[cast.project.pk]) in page.content.decode()
    assert Board.objects.filter(project=cast.project).exists()
