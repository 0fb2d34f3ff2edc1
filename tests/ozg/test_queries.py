"""The catalogue's pages keep a constant number of queries: 10 vs 30 services and projects,
each service with a history and raising projects (10 already show every kind of row, and one
query per service shows as a difference; 500 cost seconds and proved nothing more)."""

import pytest
from django.urls import reverse

from lotse.ozg.models import PublicService
from lotse.portfolio.models import Project
from tests.factories import OrgUnitFactory
from tests.queries import assert_constant_queries
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


def _grow_to(cast, total: int, units) -> None:
    have = PublicService.objects.filter(programme=cast.programme).count()
    projects = Project.objects.bulk_create(
        Project(programme=cast.programme, field_of_action=cast.field, title=f"P {i}")
        for i in range(have, total)
    )
    created = []
    for i in range(have, total):
        service = PublicService(
            programme=cast.programme,
            name=f"Leistung {i}",
            maturity=i % 5,
            target_level=3 if i % 2 else None,
            org_unit=units[i % len(units)],
        )
        service.save()  # through save(): every service gets its history
        created.append(service)
    through = PublicService.projects.through
    through.objects.bulk_create(
        through(publicservice_id=s.pk, project_id=p.pk)
        for s, p in zip(created, projects, strict=True)
    )


@pytest.fixture
def units(cast):
    """The organisational units the grown programme's rows are spread over."""
    return [OrgUnitFactory() for _ in range(5)]


@pytest.mark.parametrize("name", ["ozg:overview", "ozg:list", "ozg:export"])
def test_constant_queries(cast, units, name):
    url = reverse(name, args=[cast.programme.slug])
    assert_constant_queries(cast.client("pmo"), url, lambda n: _grow_to(cast, n, units), (10, 30))


def test_api_list_and_overview_constant(cast, units):
    client = cast.client("pmo")
    slug = cast.programme.slug
    urls = [f"/api/v1/programmes/{slug}/ozg/services", f"/api/v1/programmes/{slug}/ozg/overview"]
    _grow_to(cast, 10, units)
    small = [page_queries(client, u) for u in urls]
    _grow_to(cast, 30, units)
    assert [page_queries(client, u) for u in urls] == small
