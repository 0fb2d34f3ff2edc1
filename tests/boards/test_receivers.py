"""The board receivers create the board in the database the project or programme was saved
to (the `using` of the signal), not always in the default one."""

from unittest import mock

import pytest
from django.db.models.signals import post_save

from lotse.boards import services
from lotse.boards.models import Board
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "ensure"),
    [(Project, "project_board_ensure"), (Programme, "programme_board_ensure")],
)
def test_board_is_created_in_the_database_of_the_save(cast, model, ensure):
    instance = cast.project if model is Project else cast.programme
    with mock.patch.object(services, ensure) as called:
        post_save.send(sender=model, instance=instance, created=True, raw=False, using="archiv")
    called.assert_called_once_with(instance, using="archiv")


def test_ensure_writes_to_the_given_alias(cast):
    Board.objects.filter(project=cast.project).delete()
    board = services.project_board_ensure(cast.project, using="default")
    assert board.pk and Board.objects.using("default").filter(project=cast.project).exists()
    assert [c.name for c in board.columns.order_by("position")] == [
        name for name, _done in services.DEFAULT_COLUMNS
    ]
