"""The stored current scores (`KeyResult.progress`, `Objective.progress`, issue 14) stay equal
to what `scoring.py` computes from the latest check-ins, whichever write changes them."""

from decimal import Decimal

import pytest
from django.urls import reverse

from lotse.okr import scores
from lotse.okr import scoring
from lotse.okr import selectors
from lotse.okr import services
from lotse.okr.models import CheckIn
from lotse.okr.models import KeyResult
from lotse.okr.models import Objective

from .factories import CheckInFactory
from .factories import KeyResultFactory
from .factories import ObjectiveFactory


def computed(objective: Objective) -> tuple[float | None, list[float | None]]:
    """Progress as the pages computed it before it was stored: from the latest check-in."""
    fresh = selectors.objectives_with_scores(Objective.objects.filter(pk=objective.pk))[0]
    return fresh.progress, [k.progress for k in fresh.key_results]


def stored(objective: Objective) -> tuple[float | None, list[float | None]]:
    objective.refresh_from_db()
    krs = KeyResult.objects.filter(objective=objective).order_by("order", "pk")
    return objective.progress, [k.progress for k in krs]


def assert_in_sync(*objectives: Objective) -> None:
    for objective in objectives:
        assert stored(objective) == computed(objective)


def test_check_ins_and_key_result_changes_keep_the_stored_score(cast, okr):
    assert stored(okr.objective) == (0.5, [0.5])  # 200 of 100 → 300
    assert stored(okr.other_objective) == (None, [None])  # no check-in yet
    pmo = cast.users["pmo"]
    services.check_in_create(
        key_result=okr.other_key_result, data={"value": 7, "confidence": 5}, user=pmo
    )
    assert stored(okr.other_objective) == (pytest.approx(0.7), [pytest.approx(0.7)])
    milestone = services.key_result_create(
        objective=okr.other_objective, data={"title": "Start", "kind": "milestone"}
    )
    assert_in_sync(okr.other_objective)  # a key result without value leaves the mean alone
    services.check_in_create(key_result=milestone, data={"done": True, "confidence": 8}, user=pmo)
    assert stored(okr.other_objective)[0] == pytest.approx(0.85)
    okr.key_result.refresh_from_db()
    services.key_result_update(
        key_result=okr.key_result,
        data={"target_value": Decimal(200)},
        expected_version=okr.key_result.version,
    )
    assert stored(okr.objective) == (1.0, [1.0])  # 200 now reaches the target
    services.key_result_delete(key_result=milestone)
    assert_in_sync(okr.objective, okr.other_objective)
    services.key_result_delete(key_result=okr.key_result)
    assert stored(okr.objective) == (None, [])


def test_saving_an_objective_read_before_a_check_in_keeps_the_new_score(cast, okr):
    stale = Objective.objects.get(pk=okr.other_objective.pk)  # progress None in memory
    CheckInFactory(key_result=okr.other_key_result, value=4)
    stale.title = "Beteiligung stärken"
    services.objective_update(objective=stale, data={"title": stale.title}, expected_version=None)
    assert stored(okr.other_objective)[0] == pytest.approx(0.4)


def test_the_latest_check_in_counts_and_deleting_it_falls_back(cast, okr):
    CheckInFactory(key_result=okr.key_result, value=300)
    assert stored(okr.objective)[0] == 1.0
    CheckIn.objects.filter(key_result=okr.key_result).order_by(
        "-created_at", "-pk"
    ).first().delete()
    assert stored(okr.objective)[0] == 0.5


def test_refresh_all_repairs_bulk_inserted_data(cast, okr):
    objective = Objective.objects.bulk_create(
        [Objective(project=cast.project, quarter=okr.quarter, title="Massenweise")]
    )[0]
    key_result = KeyResult.objects.bulk_create(
        [KeyResult(objective=objective, title="KR", start_value=0, target_value=10)]
    )[0]
    CheckIn.objects.bulk_create([CheckIn(key_result=key_result, value=3, confidence=5)])
    assert stored(objective) == (None, [None])  # bulk_create sends no signals
    scores.refresh_all()
    assert stored(objective) == (pytest.approx(0.3), [pytest.approx(0.3)])
    assert_in_sync(objective, okr.objective, okr.other_objective)


def test_the_summaries_in_sql_equal_the_scores_in_python(cast, okr):
    """Field summaries and the attention order from the stored scores, against the scoring
    of every objective in Python (as the page did before)."""
    committed = ObjectiveFactory(
        project=cast.other_project, quarter=okr.quarter, commitment="committed", title="Voll"
    )
    for value in (70, 100):
        CheckInFactory(key_result=KeyResultFactory(objective=committed), value=value)
    CheckInFactory(key_result=okr.other_key_result, value=7)  # aspirational: 0.7 reaches
    python = selectors.quarter_reviews(okr.quarter)
    fields = selectors.field_summaries(cast.programme, okr.quarter)
    total = selectors.totals(fields)
    assert total.total == len(python) == 3
    assert total.reached == sum(1 for o in python if o.success) == 1
    known = [o.progress for o in python if o.progress is not None]
    assert total.progress == pytest.approx(sum(known) / len(known))
    bands = {"green": 0, "amber": 0, "red": 0, "none": 0}
    for objective in python:
        for key_result in objective.key_results:
            bands[key_result.band.code] += 1
    assert total.key_results_by_band == bands
    expected = sorted(python, key=lambda o: (o.success, -1.0 if o.progress is None else o.progress))
    assert list(selectors.attention_order(okr.quarter)) == [o.objective for o in expected]


def test_the_overview_shows_the_stored_score(cast, okr):
    url = reverse("okr:programme_okrs", args=[cast.programme.slug])
    html = cast.client("viewer").get(url, {"quartal": okr.quarter.pk}).content.decode()
    assert "50 %" in html
    assert scoring.percent(stored(okr.objective)[0]) == 50
