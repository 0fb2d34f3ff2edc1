"""OKR data next to the standard cast: an active quarter with one objective per project."""

from dataclasses import dataclass

import pytest

from lotse.okr.models import CheckIn
from lotse.okr.models import KeyResult
from lotse.okr.models import Objective
from lotse.okr.models import ObjectiveReview
from lotse.okr.models import OkrLink
from lotse.okr.models import Quarter

from .factories import CheckInFactory
from .factories import KeyResultFactory
from .factories import ObjectiveFactory
from .factories import QuarterFactory


@dataclass
class Okr:
    quarter: object
    objective: object  # of cast.project (led by project_lead, with member)
    key_result: object
    other_objective: object  # of cast.other_project
    other_key_result: object


@pytest.fixture
def okr(cast) -> Okr:
    quarter = QuarterFactory(programme=cast.programme, year=2026, number=2, state="active")
    objective = ObjectiveFactory(project=cast.project, quarter=quarter, title="Portal nutzen")
    key_result = KeyResultFactory(
        objective=objective, title="Online-Anträge je Monat", start_value=100, target_value=300
    )
    CheckInFactory(key_result=key_result, value=200, confidence=6)
    other = ObjectiveFactory(project=cast.other_project, quarter=quarter, title="Beteiligung")
    other_kr = KeyResultFactory(objective=other, title="Beiträge", start_value=0, target_value=10)
    return Okr(quarter, objective, key_result, other, other_kr)


def set_state(quarter, state: str) -> None:
    Quarter.objects.filter(pk=quarter.pk).update(state=state)
    quarter.refresh_from_db()


def okr_counts() -> tuple[int, ...]:
    """How many objectives, key results, check-ins, reviews and links there are."""
    return tuple(
        model.objects.count() for model in (Objective, KeyResult, CheckIn, ObjectiveReview, OkrLink)
    )
