"""The planning API looks up gates, estimates, availabilities and allocations through the
selectors' permission-checking getters: an unknown id is a 404, a role without the right a
403, whatever it asks for, exactly as the pages answer."""

import json

import pytest

from lotse.planning import services
from tests.roles import OFFICE
from tests.roles import PLANNERS
from tests.roles import SIGNED_IN

from .factories import AllocationFactory
from .factories import AvailabilityFactory
from .factories import EstimateFactory
from .factories import PhaseFactory
from .factories import WorkPackageFactory


def _post(client, url):
    return client.post(url, json.dumps({}), content_type="application/json")


@pytest.mark.parametrize("role", SIGNED_IN)
def test_refused_writes_leave_everything_in_place(cast, role):
    estimate = EstimateFactory(work_package=WorkPackageFactory(project=cast.project))
    availability = AvailabilityFactory(programme=cast.programme, org_unit=cast.org_unit)
    allocation = AllocationFactory(project=cast.project, org_unit=cast.org_unit)
    phase = services.phases_create_from_model(project=cast.project)[0]
    services.phase_start(phase=phase)
    client = cast.client(role)

    gate = _post(client, f"/api/v1/phases/{phase.pk}/gate")
    # Entitled: the service refuses a gate without a decision (422); others never get there.
    assert gate.status_code == (422 if role in PLANNERS else 403)
    answers = {
        f"/api/v1/estimates/{estimate.pk}": 204 if role in PLANNERS else 403,
        f"/api/v1/availability/{availability.pk}": 204 if role in OFFICE else 403,
        f"/api/v1/allocations/{allocation.pk}": 204 if role in OFFICE else 403,
    }
    for url, status in answers.items():
        assert client.delete(url).status_code == status, url
    assert type(estimate).objects.filter(pk=estimate.pk).exists() == (role not in PLANNERS)
    assert type(allocation).objects.filter(pk=allocation.pk).exists() == (role not in OFFICE)


def test_unknown_objects_are_404(cast):
    client = cast.client("pmo")
    no_gate = PhaseFactory(project=cast.project, gate=False)
    for url in (
        "/api/v1/phases/999999/gate",
        f"/api/v1/phases/{no_gate.pk}/gate",
    ):
        assert _post(client, url).status_code == 404, url
    for url in (
        "/api/v1/estimates/999999",
        "/api/v1/availability/999999",
        "/api/v1/allocations/999999",
    ):
        assert client.delete(url).status_code == 404, url
