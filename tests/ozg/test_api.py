"""The catalogue API: same permissions as the UI, German 422s, version conflicts, as-of."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lotse.history import valid_from
from lotse.ozg import services
from lotse.ozg.models import PublicService
from tests.roles import OFFICE
from tests.roles import READERS
from tests.roles import SIGNED_IN

from .factories import PublicServiceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", SIGNED_IN)
def test_reading_follows_the_programme(cast, service, role):
    client = cast.client(role)
    slug = cast.programme.slug
    ok = role in READERS
    assert client.get(f"/api/v1/programmes/{slug}/ozg/services").status_code == (200 if ok else 403)
    assert client.get(f"/api/v1/programmes/{slug}/ozg/overview").status_code == (200 if ok else 403)
    assert client.get(f"/api/v1/ozg/services/{service.pk}").status_code == (200 if ok else 404)


@pytest.mark.parametrize("role", SIGNED_IN)
def test_creating_only_by_the_programme_office(cast, role):
    response = cast.client(role).post(
        f"/api/v1/programmes/{cast.programme.slug}/ozg/services",
        {"name": "Wohnsitz anmelden", "maturity": 2, "projects": [cast.project.pk]},
        content_type="application/json",
    )
    assert response.status_code == (201 if role in OFFICE else 403)
    if role in OFFICE:
        assert response.json()["projects"] == [cast.project.pk]
        assert response.json()["maturity_label"].startswith("2 –")


@pytest.mark.parametrize("role", SIGNED_IN)
def test_changing_by_office_and_the_raising_projects_lead(cast, role):
    service = PublicServiceFactory(programme=cast.programme, maturity=1)
    service.projects.add(cast.project)
    response = cast.client(role).patch(
        f"/api/v1/ozg/services/{service.pk}",
        {"version": 1, "maturity": 3},
        content_type="application/json",
    )
    allowed = OFFICE | {"project_lead"}
    expected = 200 if role in allowed else 404 if role == "outsider" else 403
    assert response.status_code == expected
    service.refresh_from_db()
    assert service.maturity == (3 if role in allowed else 1)


def test_lead_may_not_rename(cast, service):
    service.projects.add(cast.project)
    response = cast.client("project_lead").patch(
        f"/api/v1/ozg/services/{service.pk}",
        {"version": 1, "name": "Neu"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "Programmbüro" in response.json()["errors"]["name"][0]


def test_conflict_and_validation(cast, service):
    client = cast.client("pmo")
    url = f"/api/v1/ozg/services/{service.pk}"
    assert (
        client.patch(
            url, {"version": 1, "maturity": 2}, content_type="application/json"
        ).status_code
        == 200
    )
    stale = client.patch(url, {"version": 1, "maturity": 3}, content_type="application/json")
    assert stale.status_code == 409
    bad = client.patch(url, {"version": 2, "maturity": 9}, content_type="application/json")
    assert bad.status_code == 422
    unknown = client.patch(
        url,
        {"version": 2, "org_unit": 999999, "projects": [999999]},
        content_type="application/json",
    )
    assert unknown.status_code == 422
    assert set(unknown.json()["errors"]) == {"org_unit", "projects"}
    null_name = client.patch(url, {"version": 2, "name": None}, content_type="application/json")
    assert null_name.status_code == 422


def test_delete_with_version(cast, service):
    client = cast.client("pmo")
    assert client.delete(f"/api/v1/ozg/services/{service.pk}?version=7").status_code == 409
    assert client.delete(f"/api/v1/ozg/services/{service.pk}?version=1").status_code == 204
    assert not PublicService.objects.exists()


def test_overview_as_of(cast):
    now = timezone.now()
    with valid_from(now - timedelta(days=40)):
        service = services.public_service_create(
            programme=cast.programme, data={"name": "A", "maturity": 1}
        )
    services.public_service_update(service=service, data={"maturity": 3}, expected_version=1)
    as_of = (now - timedelta(days=20)).isoformat()
    data = (
        cast.client("viewer")
        .get(f"/api/v1/programmes/{cast.programme.slug}/ozg/overview", {"as_of": as_of})
        .json()
    )
    assert [c["count"] for c in data["levels"]] == [0, 0, 0, 1, 0]
    assert [c["count"] for c in data["as_of_levels"]] == [0, 1, 0, 0, 0]
    assert data["periods"][-1]["total"] == 1


def test_list_filters(cast):
    PublicServiceFactory(programme=cast.programme, maturity=3, name="Drei")
    PublicServiceFactory(programme=cast.programme, maturity=1, name="Eins")
    response = cast.client("viewer").get(
        f"/api/v1/programmes/{cast.programme.slug}/ozg/services", {"maturity": 3}
    )
    assert [s["name"] for s in response.json()["items"]] == ["Drei"]
