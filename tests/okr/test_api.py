"""The OKR endpoints: same permissions and rules as the UI, German messages, 409 on stale
versions, check-ins posted by token."""

from decimal import Decimal

import pytest

from lotse.accounts.services import api_token_create
from lotse.okr.models import CheckIn
from lotse.okr.models import KeyResult
from lotse.okr.models import Objective
from lotse.okr.models import ObjectiveReview
from lotse.okr.models import OkrLink
from lotse.okr.models import Quarter
from tests.api.conftest import NOBODY
from tests.api.conftest import READERS
from tests.api.conftest import Case
from tests.api.conftest import call
from tests.api.conftest import check_access
from tests.api.conftest import office
from tests.api.conftest import office_and_lead
from tests.roles import ROLES

from .conftest import set_state

CHECKERS = office_and_lead(201) | {"member": 201}
KR = {"title": "Neues KR", "kind": "increase_to", "start_value": "0", "target_value": "10"}


CASES = [
    Case("quarter list", "GET", lambda c, w: f"/programmes/{c.programme.slug}/quarters", READERS),
    Case("objective list", "GET", lambda c, w: f"/projects/{c.project.pk}/objectives", READERS),
    Case("objective detail", "GET", lambda c, w: f"/objectives/{w.objective.pk}", READERS),
    Case("key result detail", "GET", lambda c, w: f"/key-results/{w.key_result.pk}", READERS),
    Case("check-in list", "GET", lambda c, w: f"/key-results/{w.key_result.pk}/check-ins", READERS),
    Case("link list", "GET", lambda c, w: f"/objectives/{w.objective.pk}/links", READERS),
    Case(
        "check-in post",
        "POST",
        lambda c, w: f"/key-results/{w.key_result.pk}/check-ins",
        CHECKERS,
        body=lambda c, w: {"value": "275.5", "confidence": 8, "comment": "aus dem Fachverfahren"},
        happened=lambda c, w: CheckIn.objects.filter(
            key_result=w.key_result, value=Decimal("275.5"), source="api"
        ).exists(),
    ),
    Case(
        "key result create",
        "POST",
        lambda c, w: f"/objectives/{w.objective.pk}/key-results",
        office_and_lead(201),
        body=lambda c, w: KR,
        happened=lambda c, w: w.objective.key_results.filter(title="Neues KR").exists(),
    ),
    Case(
        "objective create (other project)",
        "POST",
        lambda c, w: f"/projects/{c.other_project.pk}/objectives",
        office(201),
        body=lambda c, w: {"quarter": w.quarter.pk, "title": "Fremd"},
        happened=lambda c, w: Objective.objects.filter(title="Fremd").exists(),
    ),
    Case(
        "quarter create",
        "POST",
        lambda c, w: f"/programmes/{c.programme.slug}/quarters",
        office(201),
        body=lambda c, w: {"year": 2027, "number": 1},
        happened=lambda c, w: Quarter.objects.filter(year=2027, number=1).exists(),
    ),
    Case(
        "quarter transition",
        "POST",
        lambda c, w: f"/quarters/{w.quarter.pk}/transition",
        office(200),
        body=lambda c, w: {"state": "review"},
        happened=lambda c, w: Quarter.objects.get(pk=w.quarter.pk).state == "review",
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_access(cast, okr, case, role):
    """Every role against the endpoints (see tests/api/conftest.check_access): the status, a
    write done exactly when allowed, a refusal that says why."""
    check_access(cast, okr, case, role)


def test_objective_detail_has_scores(cast, okr):
    body = call(cast.client("viewer"), "GET", f"/objectives/{okr.objective.pk}").json()
    assert body["progress"] == pytest.approx(0.5)
    assert body["band"] == "amber"
    assert body["key_results"][0]["band_label"] == "gelb / mittel"


def test_check_in_by_token(cast, okr):
    _token, secret = api_token_create(user=cast.users["member"], name="Zähler")
    from django.test import Client

    response = call(
        Client(),
        "POST",
        f"/key-results/{okr.key_result.pk}/check-ins",
        {"value": 280, "confidence": 9},
        Authorization=f"Bearer {secret}",
    )
    assert response.status_code == 201, response.content
    assert response.json()["source"] == "api"
    assert response.json()["author"] == cast.users["member"].pk


def test_check_in_refused_in_closed_quarter(cast, okr):
    set_state(okr.quarter, "closed")
    response = call(
        cast.client("pmo"),
        "POST",
        f"/key-results/{okr.key_result.pk}/check-ins",
        {"value": 1, "confidence": 1},
    )
    assert response.status_code == 422
    assert "ist abgeschlossen" in str(response.json()["errors"])


def test_fourth_key_result_is_422_in_german(cast, okr):
    client = cast.client("project_lead")
    path = f"/objectives/{okr.objective.pk}/key-results"
    assert call(client, "POST", path, KR).status_code == 201
    assert call(client, "POST", path, KR).status_code == 201
    response = call(client, "POST", path, KR)
    assert response.status_code == 422
    assert response.json()["errors"]["__all__"] == ["Ein Objective hat höchstens 3 Key Results."]


def test_stale_version_is_409(cast, okr):
    client = cast.client("project_lead")
    path = f"/objectives/{okr.objective.pk}"
    version = okr.objective.version
    assert call(client, "PATCH", path, {"version": version, "title": "A"}).status_code == 200
    response = call(client, "PATCH", path, {"version": version, "title": "B"})
    assert response.status_code == 409
    assert "inzwischen" in response.json()["detail"]
    path = f"/key-results/{okr.key_result.pk}"
    version = okr.key_result.version
    assert call(client, "PATCH", path, {"version": version, "title": "A"}).status_code == 200
    assert call(client, "PATCH", path, {"version": version, "title": "B"}).status_code == 409


def test_objective_crud(cast, okr):
    client = cast.client("project_lead")
    response = call(
        client,
        "POST",
        f"/projects/{cast.project.pk}/objectives",
        {"quarter": okr.quarter.pk, "title": "Neu", "field_of_action": cast.field.pk},
    )
    assert response.status_code == 201, response.content
    new_id = response.json()["id"]
    assert response.json()["state"] == "active"
    assert call(client, "DELETE", f"/objectives/{new_id}").status_code == 204
    assert not Objective.objects.filter(pk=new_id).exists()
    response = call(
        client, "POST", f"/projects/{cast.project.pk}/objectives", {"quarter": 999, "title": "X"}
    )
    assert response.status_code == 422
    assert "quarter" in response.json()["errors"]


def test_transition_backwards_is_422(cast, okr):
    response = call(
        cast.client("pmo"), "POST", f"/quarters/{okr.quarter.pk}/transition", {"state": "planning"}
    )
    assert response.status_code == 422
    assert "schrittweise" in response.json()["errors"]["state"][0]


def test_review_put_and_get(cast, okr):
    client = cast.client("project_lead")
    path = f"/objectives/{okr.objective.pk}/review"
    response = call(client, "PUT", path, {"drivers": "X"})
    assert response.status_code == 422
    set_state(okr.quarter, "review")
    response = call(client, "PUT", path, {"drivers": "Team", "learnings": "Mehr messen"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["outcome"] == "partly"
    assert body["computed_score"] == "0.500"
    stale = body["version"]
    assert call(client, "PUT", path, {"version": stale, "drivers": "A"}).status_code == 200
    assert call(client, "PUT", path, {"version": stale, "drivers": "B"}).status_code == 409
    assert call(cast.client("viewer"), "GET", path).json()["drivers"] == "A"
    assert call(cast.client("member"), "PUT", path, {"drivers": "C"}).status_code == 403
    assert ObjectiveReview.objects.get().drivers == "A"


def test_copy_forward(cast, okr):
    Quarter.objects.create(programme=cast.programme, year=2026, number=3)
    response = call(
        cast.client("project_lead"), "POST", f"/objectives/{okr.objective.pk}/copy-forward", {}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["copied_from"] == okr.objective.pk
    assert body["key_results"][0]["start_value"] == "200.00"
    assert body["key_results"][0]["latest_value"] is None


def test_links(cast, okr):
    client = cast.client("project_lead")
    response = call(
        client,
        "POST",
        f"/objectives/{okr.objective.pk}/links",
        {"kind": "dependency", "to_objective": okr.other_objective.pk, "note": "API"},
    )
    assert response.status_code == 201, response.content
    other_side = call(client, "GET", f"/objectives/{okr.other_objective.pk}/links").json()["items"]
    assert [link["note"] for link in other_side] == ["API"]
    link_id = response.json()["id"]
    assert call(cast.client("member"), "DELETE", f"/links/{link_id}").status_code == 403
    assert call(client, "DELETE", f"/links/{link_id}").status_code == 204
    assert not OkrLink.objects.exists()


def test_unknown_objects_are_404(cast, okr):
    client = cast.client("pmo")
    assert call(client, "GET", "/objectives/999999").status_code == 404
    assert call(client, "GET", "/key-results/999999").status_code == 404
    assert call(client, "GET", "/programmes/gibt-es-nicht/quarters").status_code == 404


def test_no_writes_in_a_closed_quarter_through_the_api(cast, okr):
    set_state(okr.quarter, "closed")
    client = cast.client("pmo")
    assert (
        call(
            client, "PATCH", f"/objectives/{okr.objective.pk}", {"version": 1, "title": "X"}
        ).status_code
        == 422
    )
    assert call(client, "DELETE", f"/key-results/{okr.key_result.pk}").status_code == 422
    assert (
        call(client, "POST", f"/objectives/{okr.objective.pk}/key-results", KR).status_code == 422
    )
    assert KeyResult.objects.filter(pk=okr.key_result.pk).exists()


def test_nobody_helper_is_consistent():
    assert NOBODY["anonymous"] == 401


def test_review_and_link_lookups_answer_like_the_pages(cast, okr):
    """The review and the link come from the selectors' getters: unknown → 404, not
    allowed → 403."""
    pmo = cast.client("pmo")
    assert call(pmo, "GET", f"/objectives/{okr.objective.pk}/review").status_code == 404
    assert call(pmo, "GET", "/objectives/999999/review").status_code == 404
    outsider = cast.client("outsider")
    assert call(outsider, "GET", f"/objectives/{okr.objective.pk}/review").status_code == 403
    assert call(pmo, "DELETE", "/links/999999").status_code == 404
