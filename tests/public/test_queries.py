"""Public pages keep a constant number of SQL queries, with 10 or 30 published projects
(10 already show every kind of row; one query per project shows as a difference)."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lotse.reporting.models import ReportingPeriod
from tests.factories import OrgUnitFactory
from tests.factories import ProjectFactory
from tests.factories import UserFactory
from tests.reporting.factories import MilestoneFactory
from tests.reporting.factories import StatusReportFactory

from .conftest import _okr


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert response.status_code == 200
        response.getvalue()  # a streamed file reads its rows only now
    return len(ctx.captured_queries)


def _grow_to(world, total: int) -> None:
    period = ReportingPeriod.objects.filter(programme=world.programme).first()
    unit = OrgUnitFactory()
    lead = UserFactory(display_name="Offen", public_name_opt_in=True)
    fields = [world.field, world.other_field]
    missing = total - world.programme.projects.filter(published=True).count()
    for i in range(missing):
        project = ProjectFactory(
            field_of_action=fields[i % 2], published=True, stage="running", org_unit=unit, lead=lead
        )
        if i % 3 == 0:
            StatusReportFactory(project=project, period=period, state="accepted", overall="green")
            MilestoneFactory(project=project, title="M", planned_date=date(2025, 5, 1))
        if i % 7 == 0:
            _okr(project, world.quarter, "O", 30)


PAGES = [
    ("public:programme", lambda w: [w.programme.slug]),
    ("public:field", lambda w: [w.programme.slug, w.field.pk]),
    ("public:project_list", lambda w: [w.programme.slug]),
    ("public:project", lambda w: [w.programme.slug, w.published.pk]),
    ("public:data", lambda w: [w.programme.slug]),
    ("public:dataset", lambda w: [w.programme.slug, "projekte", "csv"]),
    ("public:dataset", lambda w: [w.programme.slug, "themenfelder", "json"]),
    ("public:dataset", lambda w: [w.programme.slug, "meilensteine", "csv"]),
    ("public:dataset", lambda w: [w.programme.slug, "okr", "json"]),
]


def test_public_pages_have_constant_queries(world, anon):
    # Growing is slow, so one test measures every page at both sizes.
    urls = [reverse(name, args=args(world)) for name, args in PAGES]
    _grow_to(world, 10)
    small = {url: _count(anon, url) for url in urls}
    _grow_to(world, 30)
    large = {url: _count(anon, url) for url in urls}
    assert large == small
    assert max(small.values()) <= 10, small
