"""The roadmap and knock-on endpoints: same data and permissions as the pages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lotse.portfolio.models import Dependency
from lotse.portfolio.models import Project
from tests.reporting.factories import MilestoneFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _knock_on(cast) -> None:
    Project.objects.filter(pk=cast.other_project.pk).update(
        planned_start=TODAY + timedelta(days=119), planned_end=TODAY + timedelta(days=300)
    )
    Dependency.objects.create(source=cast.other_project, target=cast.project, kind="needs")
    MilestoneFactory(
        project=cast.project,
        title="Portal live",
        planned_date=TODAY + timedelta(days=100),
        forecast_date=TODAY + timedelta(days=140),
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [("viewer", 200), ("member", 200), ("pmo", 200), ("outsider", 403), ("anonymous", 401)],
)
def test_roadmap_endpoints_follow_the_page_permissions(cast, role, status):
    client = cast.client(role)
    slug = cast.programme.slug
    assert client.get(f"/api/v1/programmes/{slug}/roadmap").status_code == status
    assert client.get(f"/api/v1/programmes/{slug}/knock-ons").status_code == status
    project = f"/api/v1/projects/{cast.project.pk}/knock-ons"
    assert client.get(project).status_code == status


def test_the_roadmap_endpoint_carries_projects_dependencies_and_knock_ons(cast):
    _knock_on(cast)
    body = (
        cast.client("viewer")
        .get(f"/api/v1/programmes/{cast.programme.slug}/roadmap", {"ansicht": "gesamt"})
        .json()
    )
    assert body["window"]["zoom"] == "gesamt"
    assert body["total"] == 2 and not body["collapsed"]
    [field] = body["fields"]
    waiting = next(p for p in field["projects"] if p["id"] == cast.other_project.pk)
    assert waiting["bars"][0]["label"] == "Projektlaufzeit"
    [arrow] = body["dependencies"]
    assert (arrow["upstream_id"], arrow["downstream_id"], arrow["knock_on"]) == (
        cast.project.pk,
        cast.other_project.pk,
        True,
    )
    [knock_on] = body["knock_ons"]
    assert knock_on["delay_days"] == 21
    assert knock_on["text"] == "abhängig von „Kommunalportal“, verzögert um 21 Tage"


def test_knock_ons_as_of_a_day_before_anything_was_recorded_are_none(cast):
    _knock_on(cast)
    client = cast.client("pmo")
    url = f"/api/v1/programmes/{cast.programme.slug}/knock-ons"
    assert client.get(url).json()["count"] == 1
    assert client.get(url, {"as_of": "2020-01-01"}).json()["items"] == []
    project = client.get(f"/api/v1/projects/{cast.other_project.pk}/knock-ons").json()["items"]
    assert [k["upstream_title"] for k in project] == ["Kommunalportal"]


def test_bad_parameters_get_422_with_the_field(cast):
    client = cast.client("pmo")
    slug = cast.programme.slug
    assert client.get(f"/api/v1/programmes/{slug}/roadmap", {"ansicht": "woche"}).status_code == 422
    assert client.get(f"/api/v1/programmes/{slug}/roadmap", {"quartal": 5}).status_code == 422
    bad = client.get(f"/api/v1/programmes/{slug}/knock-ons", {"as_of": "gestern"})
    assert bad.status_code == 422


def test_project_knock_ons_never_name_a_project_of_another_programme(cast):
    from tests.factories import ProjectFactory

    _knock_on(cast)
    # A project of another programme also needs Kommunalportal, and starts before its slip.
    foreign = ProjectFactory(
        title="Fremdes Projekt",
        planned_start=TODAY + timedelta(days=110),
        planned_end=TODAY + timedelta(days=300),
    )
    Dependency.objects.create(source=foreign, target=cast.project, kind="needs")
    client = cast.client("pmo")
    for url in (
        f"/api/v1/projects/{cast.project.pk}/knock-ons",
        f"/api/v1/programmes/{cast.programme.slug}/knock-ons",
    ):
        body = client.get(url).json()["items"]
        assert [k["downstream_title"] for k in body] == [cast.other_project.title], url
        assert "Fremdes Projekt" not in str(body)
