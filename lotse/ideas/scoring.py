"""The scoring procedure's maths (seed 003 §2.1: ideas are prioritised "in einem
Scoring-Verfahren"), as pure functions over plain values so they can be property-tested.

Every rater gives each idea a value per criterion on the criterion's scale. A value is first
normalised to 0…1 (the scale's minimum is 0, its maximum 1); for a *cost* criterion (Aufwand,
Kosten, Risiko) a high value is bad, so it is turned round (1 − x). Per idea and criterion the
mean over the raters who scored it is taken; missing scores are left out, never read as zero.
The weighted score is Σ weight × mean ÷ Σ weight over the criteria that have at least one
score, as 0…100. The spread of a criterion is the range of the raters' normalised values; a
spread of at least `DISAGREEMENT` flags that the jury disagrees and should talk.

For the value/effort matrix every criterion belongs to one axis: value (Nutzen) or effort
(Aufwand). Value is the weighted mean on the value axis as above; effort is the weighted mean
on the effort axis *before* turning round cost criteria — high effort is high — so a benefit
criterion on the effort axis (Umsetzbarkeit: high is easy) counts turned round instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field

BENEFIT = "benefit"
COST = "cost"
VALUE = "value"
EFFORT = "effort"

# Raters' normalised values at least this far apart (on 0…1) are a disagreement.
DISAGREEMENT = 0.5
# The matrix's dividing line on both axes (0…100).
MIDPOINT = 50.0

QUICK_WIN = "quick_win"
STRATEGIC = "strategic"
FILLER = "filler"
QUESTIONABLE = "questionable"


@dataclass(frozen=True)
class CriterionSpec:
    key: int
    weight: float
    scale_min: int
    scale_max: int
    direction: str = BENEFIT
    axis: str = VALUE


@dataclass
class CriterionResult:
    mean: float | None  # normalised and turned round for cost criteria, 0…1
    raw_mean: float | None  # on the criterion's own scale
    spread: float | None  # range of normalised values, 0…1
    count: int
    disagreement: bool


@dataclass
class IdeaResult:
    key: int
    score: float | None  # 0…100
    value: float | None  # 0…100
    effort: float | None  # 0…100
    criteria: dict[int, CriterionResult] = field(default_factory=dict)
    complete: bool = False  # every criterion has at least one score
    disagreement: bool = False
    rank: int | None = None

    @property
    def quadrant(self) -> str | None:
        return quadrant(self.value, self.effort)


def normalise(value: float, spec: CriterionSpec) -> float:
    """The value on 0…1, clamped to the scale; for cost criteria high values become low."""
    span = spec.scale_max - spec.scale_min
    share = (
        1.0
        if span <= 0
        else (min(max(value, spec.scale_min), spec.scale_max) - spec.scale_min) / span
    )
    return 1.0 - share if spec.direction == COST else share


def criterion_result(values: Iterable[float], spec: CriterionSpec) -> CriterionResult:
    raw = list(values)
    if not raw:
        return CriterionResult(None, None, None, 0, False)
    normalised = [normalise(v, spec) for v in raw]
    spread = max(normalised) - min(normalised)
    return CriterionResult(
        mean=sum(normalised) / len(normalised),
        raw_mean=sum(raw) / len(raw),
        spread=spread,
        count=len(raw),
        disagreement=spread >= DISAGREEMENT - 1e-9,
    )


def _weighted(parts: list[tuple[float, float]]) -> float | None:
    total = sum(weight for weight, _ in parts)
    if total <= 0:
        return None
    return 100.0 * sum(weight * share for weight, share in parts) / total


def idea_result(
    key: int, specs: Iterable[CriterionSpec], values: Mapping[int, Iterable[float]]
) -> IdeaResult:
    """`values` maps criterion key → the raters' values for this idea (missing = none)."""
    result = IdeaResult(key=key, score=None, value=None, effort=None)
    overall: list[tuple[float, float]] = []
    value_axis: list[tuple[float, float]] = []
    effort_axis: list[tuple[float, float]] = []
    complete = True
    for spec in specs:
        found = criterion_result(values.get(spec.key, ()), spec)
        result.criteria[spec.key] = found
        if found.mean is None:
            complete = False
            continue
        result.disagreement = result.disagreement or found.disagreement
        overall.append((spec.weight, found.mean))
        if spec.axis == VALUE:
            value_axis.append((spec.weight, found.mean))
        else:
            # found.mean is "good is high"; effort is "much is high".
            effort_axis.append((spec.weight, 1.0 - found.mean))
    result.score = _weighted(overall)
    result.value = _weighted(value_axis)
    result.effort = _weighted(effort_axis)
    result.complete = complete and bool(result.criteria)
    return result


def rank(
    results: Iterable[IdeaResult], titles: Mapping[int, str] | None = None
) -> list[IdeaResult]:
    """Best first; equal scores share a rank (1, 2, 2, 4) and are listed by title; ideas
    without any score come last without a rank."""
    titles = titles or {}
    ordered = sorted(
        results,
        key=lambda r: (
            r.score is None,
            -round(r.score, 6) if r.score is not None else 0,
            titles.get(r.key, "").casefold(),
            r.key,
        ),
    )
    previous: float | None = None
    for position, result in enumerate(ordered, start=1):
        if result.score is None:
            result.rank = None
            continue
        current = round(result.score, 6)
        if previous is None or current != previous:
            result.rank = position
        else:
            result.rank = ordered[position - 2].rank
        previous = current
    return ordered


def score_all(
    specs: list[CriterionSpec],
    values: Mapping[int, Mapping[int, Iterable[float]]],
    idea_keys: Iterable[int],
    titles: Mapping[int, str] | None = None,
) -> list[IdeaResult]:
    """Score and rank every idea; `values` maps idea key → criterion key → values."""
    return rank([idea_result(key, specs, values.get(key, {})) for key in idea_keys], titles=titles)


def quadrant(value: float | None, effort: float | None) -> str | None:
    if value is None or effort is None:
        return None
    if value >= MIDPOINT:
        return QUICK_WIN if effort < MIDPOINT else STRATEGIC
    return FILLER if effort < MIDPOINT else QUESTIONABLE
