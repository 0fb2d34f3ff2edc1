"""The public programme page's and project list's reads written out in SQL (project_reads)
give what the ORM queries and the Python counting they replaced gave (issue 14), with and
without an active quarter and with lights published after release or automatically.
Run on PostgreSQL too: DATABASE_URL=postgres://… pytest tests/public/test_project_reads.py"""

from collections import defaultdict
from datetime import date

import pytest
from django.utils import timezone

from lotse.okr.models import Objective
from lotse.okr.models import Quarter
from lotse.okr.selectors import programme_okr_progress
from lotse.portfolio.models import Stage
from lotse.public import selectors
from lotse.reporting.models import PublicRelease
from lotse.reporting.models import ReportingPeriod
from lotse.reporting.models import StatusReport
from tests.factories import FieldOfActionFactory
from tests.factories import ProjectFactory
from tests.reporting.factories import ReportingConfigFactory
from tests.reporting.factories import StatusReportFactory

from .conftest import _okr

STAGES = [Stage.RUNNING, Stage.PLANNING, Stage.IDEA, Stage.COMPLETED, Stage.PAUSED]
LIGHTS = ["green", "amber", "red", None]


def _grow(world, total: int = 23) -> None:
    """More published projects in three fields (one named to sort first), of every stage and
    light, some with OKRs (with and without a value), some titles equal."""
    period = ReportingPeriod.objects.filter(programme=world.programme).first()
    first = FieldOfActionFactory(programme=world.programme, name="Aaa", order=0)
    fields = [world.field, world.other_field, first]
    for i in range(total):
        project = ProjectFactory(
            programme=world.programme,
            field_of_action=fields[i % 3],
            published=i % 5 != 4,
            stage=STAGES[i % len(STAGES)],
            title=f"Projekt {i % 7}",
        )
        light = LIGHTS[i % 4]
        if light:
            released = i % 3 != 1  # some accepted but not released: public only if automatic
            StatusReportFactory(
                project=project,
                period=period,
                state=StatusReport.State.ACCEPTED,
                overall=light,
                released_at=timezone.now() if released else None,
            )
        if i % 3 == 0:
            _okr(project, world.quarter, "O1", 10 * i)
            if i % 2:
                _okr(project, world.quarter, "O2", 37)
        elif i % 4 == 1:
            Objective.objects.create(
                project=project, quarter=world.quarter, title="Ohne Wert", state="active"
            )


def _old_list(programme, quarter):
    rows = list(selectors.published_rows(programme))
    return [row.listed() for row in selectors.with_public_details(programme, rows, quarter)]


def _old_overview(programme, quarter, chips):
    """programme_overview as it counted before: a Python row per published project."""
    okr = programme_okr_progress(programme, quarter) if quarter else {}
    total = selectors.Progress()
    per_field = defaultdict(selectors.Progress)
    shown = defaultdict(list)
    rows = list(selectors.published_rows(programme))
    for row in selectors.with_public_details(programme, rows, quarter, okr):
        field_id = row.project.field_of_action_id
        total.add(row)
        per_field[field_id].add(row)
        if len(shown[field_id]) < chips:
            shown[field_id].append(
                selectors.ProjectChip(row.pk, row.project.title, row.project.stage, row.stage_label)
            )
    return total, per_field, shown


def _figures(progress):
    return (
        progress.total,
        progress.stage_rows,
        progress.light_rows,
        progress.okr_count,
        progress.okr_percent,
    )


@pytest.fixture(params=[PublicRelease.AFTER_RELEASE, PublicRelease.AUTOMATIC])
def grown(world, request):
    ReportingConfigFactory(
        programme=world.programme,
        first_period_start=date(2025, 1, 1),
        public_release=request.param,
    )
    _grow(world)
    return world


@pytest.mark.parametrize("with_quarter", [True, False])
def test_the_list_pages_are_the_orm_rows(grown, with_quarter):
    programme = grown.programme
    if not with_quarter:
        Quarter.objects.filter(pk=grown.quarter.pk).update(state=Quarter.State.CLOSED)
    quarter = selectors.active_quarter(programme)
    expected = _old_list(programme, quarter)
    pages = selectors.ListedPages(programme, quarter)
    assert len(pages) == len(expected) == programme.projects.filter(published=True).count()
    assert pages[0 : len(expected) + 5] == expected
    assert pages[5:12] == expected[5:12]
    kinds = {(r.light, r.okr_percent is None, r.has_okrs) for r in expected}
    assert len(kinds) >= (6 if with_quarter else 4), kinds  # every kind of row is there


@pytest.mark.parametrize("with_quarter", [True, False])
@pytest.mark.parametrize("chips", [0, 2, 12])
def test_the_overview_counts_are_the_python_counts(grown, with_quarter, chips):
    programme = grown.programme
    if not with_quarter:
        Quarter.objects.filter(pk=grown.quarter.pk).update(state=Quarter.State.CLOSED)
    quarter = selectors.active_quarter(programme)
    total, per_field, shown = _old_overview(programme, quarter, chips)
    overview = selectors.programme_overview(programme, chips=chips)
    assert _figures(overview["total"]) == _figures(total)
    assert len(overview["fields"]) == 3
    for view in overview["fields"]:
        assert _figures(view.progress) == _figures(per_field[view.field.pk])
        assert view.projects == shown[view.field.pk]
        assert view.more == per_field[view.field.pk].total - len(shown[view.field.pk])
    assert (total.okr_percent is not None) == with_quarter
    assert total.total > 15 and len({str(_figures(p)) for p in per_field.values()}) == 3


def test_a_programme_without_published_projects(world):
    world.programme.projects.update(published=False)
    overview = selectors.programme_overview(world.programme, chips=12)
    assert overview["total"].total == 0 and overview["total"].okr_percent is None
    assert all(not v.projects and v.more == 0 for v in overview["fields"])
    pages = selectors.ListedPages(world.programme, world.quarter)
    assert len(pages) == 0 and pages[0:50] == []
