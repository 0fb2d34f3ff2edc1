"""The scoring rules (seed 000 §6.1), including property tests for the edge cases."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lotse.okr import scoring
from lotse.okr.scoring import AT_LEAST
from lotse.okr.scoring import AT_MOST
from lotse.okr.scoring import DECREASE_TO
from lotse.okr.scoring import INCREASE_TO
from lotse.okr.scoring import MILESTONE
from lotse.okr.scoring import band
from lotse.okr.scoring import is_success
from lotse.okr.scoring import key_result_progress
from lotse.okr.scoring import objective_progress
from lotse.okr.scoring import suggested_outcome

values = st.decimals(
    min_value=-10_000, max_value=10_000, places=2, allow_nan=False, allow_infinity=False
)
floats = st.floats(min_value=-10_000, max_value=10_000, allow_nan=False, allow_infinity=False)


@pytest.mark.parametrize(
    ("kind", "start", "target", "value", "expected"),
    [
        (INCREASE_TO, 0, 100, 50, 0.5),
        (INCREASE_TO, 20, 120, 20, 0.0),
        (INCREASE_TO, 0, 100, 150, 1.0),  # beyond the target
        (INCREASE_TO, 10, 100, 5, 0.0),  # below the start
        (DECREASE_TO, 100, 40, 70, 0.5),  # falling target
        (DECREASE_TO, 100, 40, 20, 1.0),
        (DECREASE_TO, 100, 40, 120, 0.0),
        (INCREASE_TO, 50, 50, 50, 1.0),  # start = target, reached
        (INCREASE_TO, 50, 50, 49, 0.0),
        (DECREASE_TO, 50, 50, 50, 1.0),
        (DECREASE_TO, 50, 50, 51, 0.0),
        (INCREASE_TO, None, 10, 10, 1.0),  # no start value: reached or not
        (AT_LEAST, None, 95, 96, 1.0),
        (AT_LEAST, None, 95, 95, 1.0),
        (AT_LEAST, None, 95, Decimal("94.99"), 0.0),
        (AT_MOST, None, 5, 5, 1.0),
        (AT_MOST, None, 5, 6, 0.0),
    ],
)
def test_examples(kind, start, target, value, expected):
    assert key_result_progress(kind=kind, start=start, target=target, value=value) == pytest.approx(
        expected
    )


def test_no_check_in_is_none():
    assert key_result_progress(kind=INCREASE_TO, start=0, target=10, value=None) is None
    assert key_result_progress(kind=MILESTONE, start=None, target=None, done=None) is None
    assert key_result_progress(kind=AT_LEAST, start=None, target=None, value=3) is None


def test_milestone_scores_zero_or_one():
    assert key_result_progress(kind=MILESTONE, start=None, target=None, done=True) == 1.0
    assert key_result_progress(kind=MILESTONE, start=None, target=None, done=False) == 0.0


@given(start=values, target=values, value=values)
def test_progress_is_always_between_zero_and_one(start, target, value):
    for kind in (INCREASE_TO, DECREASE_TO, AT_LEAST, AT_MOST):
        progress = key_result_progress(kind=kind, start=start, target=target, value=value)
        assert progress is not None
        assert 0.0 <= progress <= 1.0


@given(start=values, target=values, beyond=st.decimals(min_value=0, max_value=1000, places=2))
def test_at_or_beyond_the_target_is_full_progress(start, target, beyond):
    rising = target >= start
    value = target + beyond if rising else target - beyond
    kind = INCREASE_TO if rising else DECREASE_TO
    assert key_result_progress(kind=kind, start=start, target=target, value=value) == 1.0


@given(start=values, distance=st.decimals(min_value=1, max_value=1000, places=2), data=st.data())
def test_falling_target_mirrors_a_rising_one(start, distance, data):
    step = data.draw(st.decimals(min_value=-2000, max_value=2000, places=2))
    rising = key_result_progress(
        kind=INCREASE_TO, start=start, target=start + distance, value=start + step
    )
    falling = key_result_progress(
        kind=DECREASE_TO, start=start, target=start - distance, value=start - step
    )
    assert rising == pytest.approx(falling)


@given(start=values, value=values)
def test_start_equals_target_is_reached_or_not(start, value):
    up = key_result_progress(kind=INCREASE_TO, start=start, target=start, value=value)
    down = key_result_progress(kind=DECREASE_TO, start=start, target=start, value=value)
    assert up == (1.0 if value >= start else 0.0)
    assert down == (1.0 if value <= start else 0.0)


@given(start=floats, target=floats, value=floats)
def test_decimal_and_float_inputs_agree(start, target, value):
    as_float = key_result_progress(kind=INCREASE_TO, start=start, target=target, value=value)
    as_decimal = key_result_progress(
        kind=INCREASE_TO,
        start=Decimal(str(start)),
        target=Decimal(str(target)),
        value=Decimal(str(value)),
    )
    assert as_float == as_decimal


@given(start=values, target=values, low=values, high=values)
def test_more_is_never_worse_for_rising_targets(start, target, low, high):
    if target <= start:
        return
    low, high = min(low, high), max(low, high)
    assert key_result_progress(
        kind=INCREASE_TO, start=start, target=target, value=low
    ) <= key_result_progress(kind=INCREASE_TO, start=start, target=target, value=high)


def test_objective_progress_is_the_mean_ignoring_missing():
    assert objective_progress([1.0, 0.5, None]) == pytest.approx(0.75)
    assert objective_progress([None, None]) is None
    assert objective_progress([]) is None


@given(st.lists(st.one_of(st.none(), st.floats(min_value=0, max_value=1)), max_size=5))
def test_objective_progress_stays_in_range(progresses):
    result = objective_progress(progresses)
    if all(p is None for p in progresses):
        assert result is None
    else:
        assert 0.0 <= result <= 1.0


@pytest.mark.parametrize(
    ("progress", "code", "label"),
    [
        (0.0, "red", "rot / gering"),
        (0.39, "red", "rot / gering"),
        (0.4, "amber", "gelb / mittel"),
        (0.69, "amber", "gelb / mittel"),
        (0.7, "green", "grün / gut"),
        (1.0, "green", "grün / gut"),
        (None, "none", "noch kein Wert"),
    ],
)
def test_bands_with_words(progress, code, label):
    assert band(progress).code == code
    assert band(progress).label == label


def test_band_boundary_survives_float_noise():
    progress = key_result_progress(kind=INCREASE_TO, start=0, target=Decimal("0.3"), value=0.21)
    assert band(progress).code == "green"
    assert is_success(progress, scoring.ASPIRATIONAL)


@pytest.mark.parametrize(
    ("progress", "commitment", "success", "outcome"),
    [
        (0.7, "aspirational", True, "reached"),
        (0.69, "aspirational", False, "partly"),
        (0.7, "committed", False, "partly"),
        (1.0, "committed", True, "reached"),
        (0.2, "committed", False, "not_reached"),
        (None, "committed", False, "not_reached"),
    ],
)
def test_success_threshold_depends_on_commitment(progress, commitment, success, outcome):
    assert is_success(progress, commitment) is success
    assert suggested_outcome(progress, commitment) == outcome
