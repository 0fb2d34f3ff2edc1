"""The heat map's number of SQL queries does not grow with the programme (10 vs 500 projects)."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from lotse.planning.models import Availability
from lotse.planning.models import Estimate
from lotse.planning.models import WorkPackage
from lotse.portfolio.models import Project
from tests.factories import OrgUnitFactory
from tests.queries import page_queries


def _grow(cast, count: int) -> None:
    units = [OrgUnitFactory() for _i in range(5)]
    projects = Project.objects.bulk_create(
        Project(
            programme=cast.programme,
            field_of_action=cast.field,
            title=f"Projekt {i}",
            stage="running",
            org_unit=units[i % 5],
        )
        for i in range(count)
    )
    packages = WorkPackage.objects.bulk_create(
        WorkPackage(
            project=p,
            title=f"AP {j}",
            planned_start=date(2026, 1 + j, 10),
            planned_end=date(2026, 3 + j, 20),
        )
        for p in projects
        for j in range(3)
    )
    Estimate.objects.bulk_create(
        Estimate(work_package=wp, label="Team", hours=Decimal("40")) for wp in packages
    )
    Availability.objects.bulk_create(
        Availability(
            programme=cast.programme,
            org_unit=u,
            month=date(2026, m, 1),
            unit="fte",
            amount=Decimal("3"),
        )
        for u in units
        for m in range(1, 7)
    )


def test_heat_map_pages_have_constant_queries(cast):
    client = cast.client("pmo")
    urls = [
        reverse("planning:heat_map", args=[cast.programme.slug]) + "?von=2026-01&monate=6",
        reverse("planning:heat_map_xlsx", args=[cast.programme.slug]) + "?von=2026-01",
        reverse("planning:org_unit", args=[cast.programme.slug, cast.org_unit.pk]),
    ]
    _grow(cast, 10)
    small = [page_queries(client, url) for url in urls]
    _grow(cast, 490)
    large = [page_queries(client, url) for url in urls]
    assert large == small, f"{small} queries for 10 projects, {large} for 500"
