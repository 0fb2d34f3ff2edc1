"""How Lotse scores key results and objectives. Pure functions: no database, no models.

Progress is a number from 0 to 1 (or None when there is nothing to score yet):

- "increase to" / "decrease to": clamp((current − start) / (target − start), 0, 1). The same
  formula serves rising and falling targets, because numerator and denominator change sign
  together. A value beyond the target counts as 1, a value on the wrong side of the start as 0.
  When start and target are equal (or the start value is missing) there is no distance to
  cover, so the key result counts as reached (1) when the value is at or beyond the target in
  the wanted direction, else 0.
- "stay at or above" / "stay at or below": 1 while the bound holds, else 0.
- "milestone": 1 when done, else 0.
- No check-in (no value, or for a milestone no done/not done): None.

Objective progress is the mean of its key results' progress; key results without a value are
left out; None if none has a value. The bands carry words, never only a colour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from decimal import InvalidOperation

from django.utils.translation import gettext_lazy as _

INCREASE_TO = "increase_to"
DECREASE_TO = "decrease_to"
AT_LEAST = "at_least"
AT_MOST = "at_most"
MILESTONE = "milestone"

COMMITTED = "committed"
ASPIRATIONAL = "aspirational"

# Success threshold per kind of objective (seed 000 §6.1: 0.7 counts for ambitious ones).
SUCCESS_THRESHOLD = {ASPIRATIONAL: 0.7, COMMITTED: 1.0}
AMBER_FROM = 0.4
GREEN_FROM = 0.7
# Float noise (0.7 computed as 0.69999…) must not turn a success into a miss.
EPSILON = 1e-9

Number = Decimal | int | float


def _decimal(value: Number | None) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    try:
        # via str: a float like 0.1 keeps the value the user typed, not its binary expansion
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _clamp(value: Decimal) -> float:
    return float(min(max(value, Decimal(0)), Decimal(1)))


def key_result_progress(
    *,
    kind: str,
    start: Number | None,
    target: Number | None,
    value: Number | None = None,
    done: bool | None = None,
) -> float | None:
    """Progress of one key result from its latest check-in (value, or done for milestones)."""
    if kind == MILESTONE:
        if done is None:
            return None
        return 1.0 if done else 0.0
    current = _decimal(value)
    goal = _decimal(target)
    if current is None or goal is None or not current.is_finite() or not goal.is_finite():
        return None
    if kind == AT_LEAST:
        return 1.0 if current >= goal else 0.0
    if kind == AT_MOST:
        return 1.0 if current <= goal else 0.0
    begin = _decimal(start)
    if begin is None or not begin.is_finite() or begin == goal:
        if kind == DECREASE_TO:
            return 1.0 if current <= goal else 0.0
        return 1.0 if current >= goal else 0.0
    return _clamp((current - begin) / (goal - begin))


def objective_progress(progresses: Iterable[float | None]) -> float | None:
    """Mean of the key results' progress, ignoring those without a value yet."""
    known = [p for p in progresses if p is not None]
    if not known:
        return None
    return sum(known) / len(known)


@dataclass(frozen=True)
class Band:
    code: str  # "red", "amber", "green" or "none"
    colour: StrOrPromise
    word: StrOrPromise

    @property
    def label(self) -> str:
        if self.code == "none":
            return str(self.word)
        return f"{self.colour} / {self.word}"

    def __str__(self) -> str:
        return self.label


RED = Band("red", _("rot"), _("gering"))
AMBER = Band("amber", _("gelb"), _("mittel"))
GREEN = Band("green", _("grün"), _("gut"))
NO_BAND = Band("none", "", _("noch kein Wert"))
BANDS = [RED, AMBER, GREEN]


def band(progress: float | None) -> Band:
    """< 0.4 red / low, 0.4 to < 0.7 amber / medium, ≥ 0.7 green / good."""
    if progress is None:
        return NO_BAND
    if progress >= GREEN_FROM - EPSILON:
        return GREEN
    if progress >= AMBER_FROM - EPSILON:
        return AMBER
    return RED


def success_threshold(commitment: str) -> float:
    return SUCCESS_THRESHOLD.get(commitment, SUCCESS_THRESHOLD[COMMITTED])


def is_success(progress: float | None, commitment: str) -> bool:
    """Reached: ≥ 0.7 for an aspirational objective, 1.0 for a committed one."""
    return progress is not None and progress >= success_threshold(commitment) - EPSILON


def suggested_outcome(progress: float | None, commitment: str) -> str:
    """The review outcome the score suggests: reached, partly (≥ 0.4) or not reached."""
    if is_success(progress, commitment):
        return "reached"
    if progress is not None and progress >= AMBER_FROM - EPSILON:
        return "partly"
    return "not_reached"


def percent(progress: float | None) -> int | None:
    """Progress as whole percent, for bars and text."""
    return None if progress is None else round(progress * 100)
