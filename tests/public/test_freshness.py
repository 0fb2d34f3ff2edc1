"""The public freshness stamp: one small read, moved by public changes only (issue 14)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lotse.public import selectors
from lotse.public.models import ProgrammePublication
from lotse.reporting.models import Milestone
from tests.reporting.factories import MilestoneFactory


def _stamp(world):
    return ProgrammePublication.objects.get(programme=world.programme).content_changed_at


@pytest.fixture
def later(monkeypatch):
    moment = timezone.now() + timedelta(hours=1)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


def test_a_change_to_a_published_project_moves_the_stamp(world, later):
    world.published.public_summary = "Neu."
    world.published.save()
    assert _stamp(world) == later
    assert selectors.last_change(world.programme.slug) == later


def test_a_change_to_an_unpublished_project_does_not(world, later):
    before = _stamp(world)
    world.unpublished.title = "Immer noch intern"
    world.unpublished.save()
    MilestoneFactory(project=world.unpublished, title="Intern")
    assert _stamp(world) == before < later


def test_unpublishing_and_deleting_move_it(world, later):
    world.published.published = False
    world.published.save()
    assert _stamp(world) == later


def test_a_deleted_milestone_of_a_published_project_moves_it(world, later):
    Milestone.objects.filter(project=world.published).first().delete()
    assert _stamp(world) == later


def test_programme_wide_changes_move_it(world, later):
    world.field.name = "Neues Themenfeld"
    world.field.save()
    assert _stamp(world) == later


def test_last_change_reads_no_history_table(world):
    with CaptureQueriesContext(connection) as ctx:
        selectors.last_change(world.programme.slug)
    assert len(ctx.captured_queries) == 1
    assert "history" not in ctx.captured_queries[0]["sql"].lower()
