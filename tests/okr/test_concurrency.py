"""Two people checking in on one objective at once: real concurrent transactions on
PostgreSQL, one after the other on SQLite (see tests/concurrency.py)."""

import pytest

from lotse.okr import scores
from lotse.okr import services
from tests.concurrency import at_once

from .factories import KeyResultFactory
from .test_scores import assert_in_sync

pytestmark = pytest.mark.django_db(transaction=True)


def test_check_ins_on_two_key_results_at_once_keep_the_objective_score(cast, okr):
    second = KeyResultFactory(
        objective=okr.objective, title="Termine", start_value=0, target_value=10
    )
    pmo = cast.users["pmo"]

    def check_in(key_result, value):
        return lambda: services.check_in_create(
            key_result=key_result, data={"value": value, "confidence": 5}, user=pmo
        )

    errors = at_once(
        [check_in(okr.key_result, 300), check_in(second, 5)],
        pause_at=(scores, "refresh_objectives"),
    )

    assert errors == []
    assert_in_sync(okr.objective)
