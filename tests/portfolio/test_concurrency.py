"""Two people toggling one cell of the goal matrix at once: real concurrent transactions on
PostgreSQL, one after the other on SQLite (see tests/concurrency.py)."""

import pytest
from django.core.exceptions import ValidationError

from lotse.portfolio import services
from lotse.portfolio.models import GoalContribution
from tests.concurrency import at_once

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_empty_cell_toggled_twice_at_once_is_set_once_and_the_second_is_told(cast):
    def toggle(level: str):
        return lambda: services.goal_matrix_cell_set(
            programme=cast.programme,
            project_id=cast.project.pk,
            goal_id=cast.goal.pk,
            expected="",
            level=level,
        )

    errors = at_once(
        [toggle("contributes"), toggle("unclear")], pause_at=(GoalContribution, "save")
    )

    assert [type(error) for error in errors] == [ValidationError]
    assert "inzwischen von einer anderen Person geändert" in errors[0].messages[0]
    assert (
        GoalContribution.objects.filter(project=cast.project, strategic_goal=cast.goal).count() == 1
    )


def test_the_whole_matrix_saved_twice_at_once_sets_an_empty_cell_once(cast):
    def save(level: str):
        cells = {(cast.project.pk, cast.goal.pk): level}
        return lambda: services.goal_matrix_save(programme=cast.programme, cells=cells)

    errors = at_once([save("contributes"), save("unclear")], pause_at=(GoalContribution, "save"))

    assert errors == []
    assert (
        GoalContribution.objects.filter(project=cast.project, strategic_goal=cast.goal).count() == 1
    )
