"""The selectors other apps use: quarter_reviews, cross_project_links, programme_okr_progress."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lotse.okr import selectors
from lotse.okr.models import ObjectiveReview
from tests.factories import ProgrammeFactory
from tests.factories import ProjectFactory

from .factories import CheckInFactory
from .factories import KeyResultFactory
from .factories import ObjectiveFactory
from .factories import OkrLinkFactory
from .factories import QuarterFactory


def test_quarter_reviews_lists_objectives_with_review_project_and_key_results(cast, okr):
    ObjectiveReview.objects.create(
        objective=okr.objective, outcome="partly", drivers="Gutes Team", computed_score=0.5
    )
    other_quarter = QuarterFactory(programme=cast.programme, year=2026, number=3)
    ObjectiveFactory(project=cast.project, quarter=other_quarter)
    with CaptureQueriesContext(connection) as ctx:
        result = selectors.quarter_reviews(okr.quarter)
        by_title = {o.title: o for o in result}
        assert set(by_title) == {"Portal nutzen", "Beteiligung"}
        reviewed = by_title["Portal nutzen"]
        assert reviewed.review_or_none.drivers == "Gutes Team"
        assert reviewed.project.title == "Kommunalportal"
        assert [k.title for k in reviewed.key_results] == ["Online-Anträge je Monat"]
        assert reviewed.key_results[0].progress == pytest.approx(0.5)
        assert reviewed.progress == pytest.approx(0.5)
        assert reviewed.band.code == "amber"
        assert by_title["Beteiligung"].review_or_none is None
        assert by_title["Beteiligung"].progress is None
    assert len(ctx.captured_queries) == 2


def test_cross_project_links_touch_the_quarter_from_either_side(cast, okr):
    outgoing = OkrLinkFactory(from_objective=okr.objective, to_objective=okr.other_objective)
    later = QuarterFactory(programme=cast.programme, year=2026, number=3)
    later_objective = ObjectiveFactory(project=cast.other_project, quarter=later)
    incoming = OkrLinkFactory(
        kind="synergy", from_objective=later_objective, to_objective=okr.objective
    )
    elsewhere = ObjectiveFactory(project=cast.project, quarter=later)
    OkrLinkFactory(from_objective=elsewhere, to_objective=later_objective)
    links = selectors.cross_project_links(okr.quarter)
    assert {link.pk for link in links} == {outgoing.pk, incoming.pk}
    assert links[0].from_objective.project.title


def test_programme_okr_progress_is_the_mean_per_project(cast, okr):
    # second objective of cast.project: 100 % done milestone
    done = ObjectiveFactory(project=cast.project, quarter=okr.quarter)
    milestone = KeyResultFactory(objective=done, kind="milestone", start_value=None)
    CheckInFactory(key_result=milestone, value=None, done=True)
    silent = ProjectFactory(field_of_action=cast.field, title="Ohne Check-in")
    ObjectiveFactory(project=silent, quarter=okr.quarter)
    foreign = ProjectFactory(programme=ProgrammeFactory())
    ObjectiveFactory(project=foreign, quarter=okr.quarter)
    progress = selectors.programme_okr_progress(cast.programme, okr.quarter)
    assert progress[cast.project.pk] == pytest.approx(0.75)  # (0.5 + 1.0) / 2
    assert progress[cast.other_project.pk] is None
    assert progress[silent.pk] is None
    assert foreign.pk not in progress
