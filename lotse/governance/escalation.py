"""The escalation path: project lead → PMO / programme manager → Transformationskonferenz →
Strategie-BK. A programme's Gremien may place their body on another level; bodies without a
Gremium keep the default level below."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from lotse.reporting.models import DecisionRequest

from .models import Body
from .models import Escalation
from .models import MeetingSeries

DEFAULT_LEVELS = {
    Body.PMO: 1,
    Body.PROGRAMME_MANAGER: 1,
    Body.PROJECT_CHECK: 1,
    Body.OTHER: 1,
    Body.TRANSFORMATION_CONFERENCE: 2,
    Body.STRATEGY_BK: 3,
}
BODY_ORDER = list(Body.values)


def body_levels(programme_id: int) -> tuple[dict[str, int], set[str]]:
    """Level per body code, and the bodies that have a Gremium in the programme."""
    levels = {str(k): v for k, v in DEFAULT_LEVELS.items()}
    with_series = set()
    for body, level in (
        MeetingSeries.objects.filter(programme_id=programme_id)
        .exclude(body="")
        .values_list("body", "escalation_level")
    ):
        with_series.add(body)
        if level:
            levels[body] = level
    return levels, with_series


def next_body(
    programme_id: int,
    current: str,
    levels: tuple[dict[str, int], set[str]] | None = None,
) -> str | None:
    """The body one level above `current`, or None at the top."""
    by_body, with_series = levels or body_levels(programme_id)
    here = by_body.get(current, 0)
    candidates = [b for b in BODY_ORDER if b != Body.OTHER and by_body.get(b, 0) > here]
    if not candidates:
        return None
    return min(candidates, key=lambda b: (by_body[b], b not in with_series, BODY_ORDER.index(b)))


@dataclass
class PathStep:
    label: str
    when: object = None
    who: object = None
    reason: str = ""
    current: bool = False


def path_of(request: DecisionRequest, escalations: list[Escalation]) -> list[PathStep]:
    """Where the request has been: its project lead, then each body it was addressed to."""
    steps = [PathStep(_("Projektleitung"), request.created_at, request.raised_by)]
    first = escalations[0].from_body if escalations else request.addressed_to
    steps.append(PathStep(str(Body(first).label)))
    for item in escalations:
        steps.append(
            PathStep(
                str(Body(item.to_body).label), item.escalated_at, item.escalated_by, item.reason
            )
        )
    steps[-1].current = True
    return steps


def is_overdue(request: DecisionRequest, today: date) -> bool:
    return bool(
        request.status == request.Status.OPEN and request.needed_by and request.needed_by < today
    )
