"""The programme OKR overview and the Quartalskonferenz cost the same number of queries for 10
projects as for 30 (each with objectives, key results and check-ins; one query per project,
objective or key result shows as a difference; the sizes were 10 vs 500 until the suite got
too slow)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lotse.okr import scores
from lotse.okr.models import CheckIn
from lotse.okr.models import KeyResult
from lotse.okr.models import Objective
from lotse.okr.models import ObjectiveReview
from lotse.okr.models import OkrLink
from lotse.portfolio.models import Project
from tests.queries import page_queries

from .factories import QuarterFactory


def grow(cast, quarter, nxt, total: int) -> None:
    """Add projects until the programme has `total`, each with two objectives of two key
    results with two check-ins, a review, a link and a draft for the next quarter."""
    have = Project.objects.filter(programme=cast.programme).count()
    projects = Project.objects.bulk_create(
        Project(programme=cast.programme, field_of_action=cast.field, title=f"Projekt {i}")
        for i in range(have, total)
    )
    objectives = Objective.objects.bulk_create(
        Objective(project=p, quarter=quarter, title=f"Ziel {p.pk}-{n}", commitment=commitment)
        for p in projects
        for n, commitment in enumerate(["committed", "aspirational"])
    )
    Objective.objects.bulk_create(
        Objective(project=p, quarter=nxt, title=f"Nächstes Ziel {p.pk}") for p in projects
    )
    krs = KeyResult.objects.bulk_create(
        KeyResult(objective=o, title=f"KR {n}", kind=kind, start_value=0, target_value=10)
        for o in objectives
        for n, kind in enumerate(["increase_to", "milestone"])
    )
    CheckIn.objects.bulk_create(
        CheckIn(key_result=k, value=v, done=v > 5 if k.kind == "milestone" else None, confidence=5)
        for k in krs
        for v in (3, 7)
    )
    ObjectiveReview.objects.bulk_create(
        ObjectiveReview(objective=o, outcome="partly", drivers="Team") for o in objectives[::2]
    )
    OkrLink.objects.bulk_create(
        OkrLink(kind="synergy", from_objective=a, to_objective=b)
        for a, b in zip(objectives[::2], objectives[3::2], strict=False)
    )
    scores.refresh_all()  # bulk_create sends no signals


@pytest.mark.parametrize("name", ["okr:programme_okrs", "okr:conference", "okr:conference_xlsx"])
def test_queries_do_not_grow_with_projects(cast, name):
    quarter = QuarterFactory(programme=cast.programme, year=2026, number=2, state="review")
    nxt = QuarterFactory(programme=cast.programme, year=2026, number=3, state="planning")
    url = reverse(name, args=[cast.programme.slug])
    client = cast.client("pmo")
    params = {"quartal": quarter.pk}
    grow(cast, quarter, nxt, 10)
    small = page_queries(client, url, params)
    grow(cast, quarter, nxt, 30)
    large = page_queries(client, url, params)
    assert large == small, f"{name}: {small} queries for 10 projects, {large} for 30"
    if name == "okr:programme_okrs":
        response = client.get(url, params)
        assert response.context["total"].total == 2 * 28  # a page shown, all counted
    elif name == "okr:conference":  # a page of them shown, all counted (issue 14)
        response = client.get(url, params)
        assert response.context["objective_count"] == 2 * 28


def test_the_conference_counts_its_objectives_once(cast):
    """The number of the quarter's objectives (for "N von M Objectives mit Review") is also
    the pager's: one COUNT over the objectives, not a second one for the pager."""
    quarter = QuarterFactory(programme=cast.programme, year=2026, number=2, state="review")
    nxt = QuarterFactory(programme=cast.programme, year=2026, number=3, state="planning")
    grow(cast, quarter, nxt, 4)
    url = reverse("okr:conference", args=[cast.programme.slug])
    client = cast.client("pmo")
    client.get(url, {"quartal": quarter.pk})  # the caches filled
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, {"quartal": quarter.pk})
    counts = [
        q["sql"]
        for q in context.captured_queries
        if q["sql"].startswith("SELECT COUNT(") and 'FROM "okr_objective"' in q["sql"]
    ]
    assert len(counts) == 1, counts
    assert response.context["page"].paginator.count == response.context["objective_count"] == 4
