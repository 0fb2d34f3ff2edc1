"""The scoring maths: weights, directions, scales, ties, missing scores, spread, flags."""

import pytest
from hypothesis import assume
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from lotse.ideas import scoring
from lotse.ideas.scoring import BENEFIT
from lotse.ideas.scoring import COST
from lotse.ideas.scoring import EFFORT
from lotse.ideas.scoring import VALUE
from lotse.ideas.scoring import CriterionSpec

benefit = CriterionSpec(key=1, weight=1, scale_min=0, scale_max=5)
cost = CriterionSpec(key=2, weight=1, scale_min=0, scale_max=5, direction=COST, axis=EFFORT)


def test_normalise_benefit_and_cost():
    assert scoring.normalise(5, benefit) == 1.0
    assert scoring.normalise(0, benefit) == 0.0
    assert scoring.normalise(5, cost) == 0.0  # high cost is bad
    assert scoring.normalise(1, cost) == pytest.approx(0.8)


def test_scale_other_than_zero_to_five():
    spec = CriterionSpec(key=1, weight=1, scale_min=1, scale_max=3)
    assert scoring.normalise(2, spec) == 0.5
    assert scoring.normalise(7, spec) == 1.0  # clamped


def test_weighted_score():
    heavy = CriterionSpec(key=1, weight=3, scale_min=0, scale_max=5)
    light = CriterionSpec(key=2, weight=1, scale_min=0, scale_max=5)
    result = scoring.idea_result(1, [heavy, light], {1: [5], 2: [0]})
    assert result.score == pytest.approx(75.0)


def test_missing_scores_are_left_out_not_zero():
    result = scoring.idea_result(1, [benefit, cost], {1: [4]})
    assert result.score == pytest.approx(80.0)
    assert not result.complete
    assert result.criteria[2].mean is None


def test_no_scores_at_all():
    result = scoring.idea_result(1, [benefit], {})
    assert result.score is None and result.value is None


def test_spread_and_disagreement_flag():
    agreed = scoring.idea_result(1, [benefit], {1: [3, 4]})
    assert not agreed.disagreement
    split = scoring.idea_result(1, [benefit], {1: [0, 5, 3]})
    assert split.criteria[1].spread == pytest.approx(1.0)
    assert split.disagreement


def test_value_and_effort_axes():
    feasibility = CriterionSpec(key=3, weight=1, scale_min=0, scale_max=5, axis=EFFORT)
    result = scoring.idea_result(1, [benefit, cost, feasibility], {1: [5], 2: [5], 3: [5]})
    assert result.value == pytest.approx(100.0)
    # effort 5 of 5 is 100 % effort; feasibility 5 of 5 is 0 % effort: mean 50
    assert result.effort == pytest.approx(50.0)


def test_quadrants():
    assert scoring.quadrant(80, 20) == scoring.QUICK_WIN
    assert scoring.quadrant(80, 80) == scoring.STRATEGIC
    assert scoring.quadrant(20, 20) == scoring.FILLER
    assert scoring.quadrant(20, 80) == scoring.QUESTIONABLE
    assert scoring.quadrant(None, 20) is None


def test_ties_share_a_rank_and_sort_by_title():
    values = {1: {1: [4]}, 2: {1: [4]}, 3: {1: [5]}, 4: {1: [1]}, 5: {}}
    titles = {1: "Zebra", 2: "Apfel", 3: "Mitte", 4: "Letzte", 5: "Ohne"}
    ranked = scoring.score_all([benefit], values, titles, titles)
    assert [(r.key, r.rank) for r in ranked] == [(3, 1), (2, 2), (1, 2), (4, 4), (5, None)]


def test_changing_weights_reranks():
    a = CriterionSpec(key=1, weight=1, scale_min=0, scale_max=5)
    b = CriterionSpec(key=2, weight=1, scale_min=0, scale_max=5)
    values = {10: {1: [5], 2: [0]}, 20: {1: [0], 2: [4]}}
    first = scoring.score_all([a, b], values, [10, 20])
    assert first[0].key == 10
    b_heavy = CriterionSpec(key=2, weight=5, scale_min=0, scale_max=5)
    second = scoring.score_all([a, b_heavy], values, [10, 20])
    assert second[0].key == 20


scales = st.tuples(st.integers(-10, 10), st.integers(1, 10)).map(lambda t: (t[0], t[0] + t[1]))


@st.composite
def criteria_and_values(draw):
    count = draw(st.integers(1, 5))
    specs, values = [], {}
    for key in range(1, count + 1):
        low, high = draw(scales)
        specs.append(
            CriterionSpec(
                key=key,
                weight=draw(st.integers(0, 10)),
                scale_min=low,
                scale_max=high,
                direction=draw(st.sampled_from([BENEFIT, COST])),
                axis=draw(st.sampled_from([VALUE, EFFORT])),
            )
        )
        values[key] = draw(st.lists(st.integers(low, high), max_size=4))
    return specs, values


@settings(deadline=None)
@given(criteria_and_values())
def test_score_is_between_0_and_100(data):
    specs, values = data
    result = scoring.idea_result(1, specs, values)
    for number in (result.score, result.value, result.effort):
        assert number is None or -1e-9 <= number <= 100 + 1e-9
    for found in result.criteria.values():
        assert found.spread is None or 0 <= found.spread <= 1 + 1e-9


@settings(deadline=None)
@given(criteria_and_values(), st.integers(1, 7))
def test_scaling_all_weights_changes_nothing(data, factor):
    specs, values = data
    scaled = [
        CriterionSpec(s.key, s.weight * factor, s.scale_min, s.scale_max, s.direction, s.axis)
        for s in specs
    ]
    first = scoring.idea_result(1, specs, values).score
    second = scoring.idea_result(1, scaled, values).score
    assert (first is None) == (second is None)
    if first is not None:
        assert first == pytest.approx(second)


@settings(deadline=None)
@given(criteria_and_values())
def test_higher_benefit_value_never_lowers_the_score(data):
    specs, values = data
    spec = specs[0]
    assume(spec.weight > 0 and values[spec.key])
    better = dict(values)
    better[spec.key] = [min(v + 1, spec.scale_max) for v in values[spec.key]]
    before = scoring.idea_result(1, specs, values).score
    after = scoring.idea_result(1, specs, better).score
    if spec.direction == BENEFIT:
        assert after >= before - 1e-9
    else:
        assert after <= before + 1e-9


@settings(deadline=None)
@given(st.lists(st.integers(0, 5), min_size=1, max_size=6))
def test_identical_raters_never_disagree(values):
    same = [values[0]] * len(values)
    assert not scoring.idea_result(1, [benefit], {1: same}).disagreement


@settings(deadline=None)
@given(st.dictionaries(st.integers(1, 30), st.integers(0, 5), max_size=20))
def test_ranks_are_ordered_and_ties_share(values):
    data = {key: {1: [v]} for key, v in values.items()}
    ranked = scoring.score_all([benefit], data, list(values))
    scores = [r.score for r in ranked]
    assert scores == sorted(scores, reverse=True)
    for before, after in zip(ranked, ranked[1:], strict=False):
        if after.score == before.score:
            assert after.rank == before.rank
        else:
            assert after.rank > before.rank
    if ranked:
        assert ranked[0].rank == 1
