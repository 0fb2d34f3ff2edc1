"""The OKR example data of the Potsdam demo: two quarters, reviews, check-ins, links."""

import pytest
from django.utils import timezone

from lotse.demo.loader import DEFAULT_PASSWORD
from lotse.demo.loader import load_potsdam
from lotse.demo.okr_demo import load_okr_demo
from lotse.okr import selectors
from lotse.okr.models import CheckIn
from lotse.okr.models import KeyResult
from lotse.okr.models import Objective
from lotse.okr.models import Quarter
from lotse.portfolio.models import Project

from .conftest import okr_counts


@pytest.fixture
def loaded(demo_loaded):
    return demo_loaded


def test_two_quarters_previous_closed_with_reviews_current_active(loaded):
    quarters = list(Quarter.objects.filter(programme=loaded.programme).order_by("year", "number"))
    assert [q.state for q in quarters] == ["closed", "active"]
    today = timezone.localdate()
    assert quarters[1].start <= today <= quarters[1].end
    previous = selectors.quarter_reviews(quarters[0])
    assert len(previous) == 3
    assert all(o.review_or_none is not None for o in previous)
    assert all(o.review_or_none.computed_score is not None for o in previous)
    current = selectors.quarter_reviews(quarters[1])
    assert len(current) == 5  # four of the OKR demo, one of the OZG demo (catalogue KR)
    assert CheckIn.objects.filter(key_result__objective__quarter=quarters[1]).exists()
    assert len(selectors.cross_project_links(quarters[1])) == 2
    assert all(o.objective.description.startswith("Beispieldaten") for o in previous + current)
    assert all(k.count() <= 3 for k in (o.key_results for o in Objective.objects.all()))


def test_demo_project_lead_owns_a_key_result_of_the_current_quarter(loaded):
    portal = Project.objects.get(programme=loaded.programme, title="Kommunalportal")
    krs = KeyResult.objects.filter(
        objective__project=portal, objective__quarter__state="active", owner=portal.lead
    )
    assert krs.exists()


def test_second_run_creates_nothing_and_keeps_edits(loaded):
    objective = Objective.objects.filter(quarter__state="active").first()
    Objective.objects.filter(pk=objective.pk).update(description="Von Hand geändert")
    counts = okr_counts()
    created = load_okr_demo(
        programme=loaded.programme,
        projects={},
        users={},
        today=timezone.localdate(),
    )
    assert sum(created.values()) == 0
    result = load_potsdam(password=DEFAULT_PASSWORD)
    assert result.created.get("Objective", 0) == 0
    after = okr_counts()
    assert after == counts
    assert Objective.objects.get(pk=objective.pk).description == "Von Hand geändert"
