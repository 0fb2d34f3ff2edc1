"""The planning API: same permissions as the UI, German 422s, version conflicts, gates."""

import json
from datetime import date
from decimal import Decimal
from typing import get_args

import pytest

from lotse.planning import services
from lotse.planning.models import CapacityUnit
from lotse.planning.models import WorkPackage
from lotse.planning.schemas import UnitCode
from lotse.planning.schemas import WorkPackageStatus
from tests.roles import OFFICE
from tests.roles import PLANNERS
from tests.roles import READERS
from tests.roles import SIGNED_IN

from .factories import AvailabilityFactory
from .factories import EstimateFactory
from .factories import WorkPackageFactory


def _post(client, url, data, method="post"):
    return getattr(client, method)(url, json.dumps(data), content_type="application/json")


def _status(role: str, allowed: set[str], ok: int) -> int:
    return ok if role in allowed else 403


def test_schema_codes_match_the_models():
    assert list(get_args(WorkPackageStatus)) == WorkPackage.Status.values
    assert list(get_args(UnitCode)) == CapacityUnit.values


@pytest.mark.parametrize("role", SIGNED_IN)
def test_reading_follows_the_programme(cast, role):
    wp = WorkPackageFactory(project=cast.project)
    EstimateFactory(work_package=wp, org_unit=cast.org_unit)
    client = cast.client(role)
    slug, pk = cast.programme.slug, cast.project.pk
    for url in (
        f"/api/v1/projects/{pk}/phases",
        f"/api/v1/projects/{pk}/work-packages",
        f"/api/v1/projects/{pk}/allocations",
        f"/api/v1/programmes/{slug}/availability",
        f"/api/v1/programmes/{slug}/capacity?start=2026-01-01&months=3",
    ):
        assert client.get(url).status_code == _status(role, READERS, 200), url


@pytest.mark.parametrize("role", SIGNED_IN)
def test_work_package_create_follows_the_ui(cast, role):
    response = _post(
        cast.client(role),
        f"/api/v1/projects/{cast.project.pk}/work-packages",
        {"title": "Schnittstellen", "code": "AP 2", "status": "open"},
    )
    assert response.status_code == _status(role, PLANNERS, 201)


@pytest.mark.parametrize("role", SIGNED_IN)
def test_availability_is_kept_by_the_programme_office(cast, role):
    response = _post(
        cast.client(role),
        f"/api/v1/programmes/{cast.programme.slug}/availability",
        {"org_unit": cast.org_unit.pk, "month": "2026-02-01", "amount": "2", "unit": "fte"},
    )
    assert response.status_code == _status(role, OFFICE, 201)


def test_heat_map_data(cast):
    wp = WorkPackageFactory(
        project=cast.project, planned_start=date(2026, 1, 1), planned_end=date(2026, 1, 31)
    )
    EstimateFactory(work_package=wp, org_unit=cast.org_unit, hours=Decimal("160"))
    AvailabilityFactory(programme=cast.programme, org_unit=cast.org_unit)
    body = (
        cast.client("viewer")
        .get(f"/api/v1/programmes/{cast.programme.slug}/capacity?start=2026-01-01&months=1")
        .json()
    )
    [row] = body["rows"]
    assert row["cells"][0]["percent"] == 200
    assert body["overloads"][0]["causes"][0]["title"] == "Kommunalportal"


def test_german_422_and_409(cast):
    client = cast.client("pmo")
    url = f"/api/v1/projects/{cast.project.pk}/work-packages"
    response = _post(
        client, url, {"title": "AP", "planned_start": "2026-03-01", "planned_end": "2026-01-01"}
    )
    assert response.status_code == 422
    assert "liegt vor dem Beginn" in response.json()["errors"]["planned_end"][0]
    created = _post(client, url, {"title": "AP"}).json()
    patch = f"/api/v1/work-packages/{created['id']}"
    assert _post(client, patch, {"title": "B", "version": 1}, "patch").status_code == 200
    assert _post(client, patch, {"title": "C", "version": 1}, "patch").status_code == 409


def test_gate_refused_without_decision_and_next_phase_refused(cast):
    phases = services.phases_create_from_model(project=cast.project)
    client = cast.client("pmo")
    assert _post(client, f"/api/v1/phases/{phases[0].pk}/start", {}).status_code == 200
    response = _post(client, f"/api/v1/phases/{phases[0].pk}/gate", {})
    assert response.status_code == 422
    assert "nur ein Beschluss eines Gremiums" in json.dumps(response.json(), ensure_ascii=False)
    response = _post(client, f"/api/v1/phases/{phases[1].pk}/start", {})
    assert response.status_code == 422
    assert "kann erst beginnen" in json.dumps(response.json(), ensure_ascii=False)
