"""Collecting a report and listing the archive cost the same queries for any size."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lotse.council_reports.collect import collect_report
from tests.factories import ProjectFactory
from tests.reporting.factories import MilestoneFactory
from tests.reporting.factories import RiskFactory
from tests.reporting.factories import StatusReportFactory


def _grow(world, n):
    for i in range(n):
        project = ProjectFactory(field_of_action=world.cast.field, title=f"Vorhaben {i}")
        MilestoneFactory(project=project, title="M", planned_date=timezone.localdate())
        RiskFactory(project=project, title="R", probability=2, impact=2)
        StatusReportFactory(project=project, period=world.period, state="accepted")


def _count(world, kind):
    with CaptureQueriesContext(connection) as queries:
        collect_report(
            programme=world.cast.programme,
            kind=kind,
            as_of=timezone.localdate(),
            field_id=world.cast.field.pk,
        )
    return len(queries)


def test_collect_does_not_grow_with_projects(world):
    small = {kind: _count(world, kind) for kind in ("committee", "focus", "staff_council")}
    _grow(world, 30)
    assert {kind: _count(world, kind) for kind in small} == small


def test_archive_page_does_not_grow_with_the_archive(world):
    from lotse.council_reports import services

    from .conftest import pdf_request

    def make():
        services.report_generate(
            programme=world.cast.programme,
            kind="strategy_bk",
            as_of=world.as_of - timedelta(days=1),
            fmt="xlsx",
            user=world.cast.users["pmo"],
            request=pdf_request(),
        )

    client = world.cast.client("pmo")
    url = reverse("council_reports:index", args=["potsdam"])
    make()
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _i in range(5):
        make()
    with CaptureQueriesContext(connection) as six:
        client.get(url)
    assert len(six) == len(one)
