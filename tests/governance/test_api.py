"""The governance API: same permissions and services as the UI."""

from datetime import date

import pytest
from django.test import Client

from lotse.governance import services
from tests.api.conftest import NOBODY
from tests.api.conftest import READERS
from tests.api.conftest import call
from tests.api.conftest import office
from tests.reporting.factories import DecisionRequestFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", list(READERS))
def test_series_and_meetings_readable_by_readers(cast, tk, tk_meeting, role):
    client = cast.client(role)
    response = call(client, "GET", f"/programmes/{cast.programme.slug}/meeting-series")
    assert response.status_code == READERS[role]
    if response.status_code == 200:
        assert response.json()["items"][0]["name"] == "Transformationskonferenz"
        assert "accept_results" in response.json()["items"][0]["powers"]
    assert call(client, "GET", f"/meeting-series/{tk.pk}/meetings").status_code == READERS[role]
    assert (
        call(client, "GET", f"/meetings/{tk_meeting.pk}/agenda-items").status_code == READERS[role]
    )


@pytest.mark.parametrize("role", list(READERS))
def test_decision_by_role_and_power(cast, tk_meeting, role):
    cast.project.stage = "running"
    cast.project.save()
    allowed = office(201) | {"sponsor": 201}  # the sponsor chairs the series
    response = call(
        cast.client(role),
        "POST",
        f"/meetings/{tk_meeting.pk}/decisions",
        {"kind": "accept_results", "wording": "Abgenommen", "project": cast.project.pk},
    )
    assert response.status_code == allowed[role]
    cast.project.refresh_from_db()
    assert (cast.project.stage == "completed") == (allowed[role] == 201)


def test_decision_without_power_is_422(cast, check):
    from .conftest import meeting_of

    meeting = meeting_of(check)
    response = call(
        cast.client("pmo"),
        "POST",
        f"/meetings/{meeting.pk}/decisions",
        {"kind": "cancel_project", "wording": "Abbruch", "project": cast.project.pk},
    )
    assert response.status_code == 422
    assert "darf keine Entscheidung" in response.json()["errors"]["kind"][0]


def test_agenda_add_patch_move_delete(cast, tk_meeting):
    client = cast.client("pmo")
    a = call(client, "POST", f"/meetings/{tk_meeting.pk}/agenda-items", {"title": "A"}).json()
    b = call(
        client, "POST", f"/meetings/{tk_meeting.pk}/agenda-items", {"title": "B", "minutes": 25}
    ).json()
    moved = call(client, "PATCH", f"/agenda-items/{b['id']}", {"move": "up"})
    assert moved.status_code == 200 and moved.json()["position"] == 0
    assert call(client, "PATCH", f"/agenda-items/{a['id']}", {"bogus": 1}).status_code == 422
    assert call(client, "DELETE", f"/agenda-items/{a['id']}").status_code == 204
    assert call(cast.client("viewer"), "DELETE", f"/agenda-items/{b['id']}").status_code == 403


def test_agenda_list_shows_its_items_and_their_notes_only_to_minute_readers(cast, tk, tk_meeting):
    """The agenda of a meeting with items answers 200 with each item's ids (it answered 500
    whenever the agenda held an item) and its notes only for those who may read the minutes."""
    item = services.agenda_item_add(
        meeting=tk_meeting, data={"title": "Haushalt", "minutes": 20, "project": cast.project}
    )
    services.agenda_item_update(item=item, data={"notes": "vertraulich"})
    path = f"/meetings/{tk_meeting.pk}/agenda-items"
    added = call(
        cast.client("pmo"), "POST", path, {"title": "Zweiter Punkt", "project": cast.project.pk}
    ).json()
    listed = call(cast.client("pmo"), "GET", path)
    assert listed.status_code == 200
    first, second = listed.json()["items"]
    assert second == added
    assert first["meeting"] == tk_meeting.pk and first["project"] == cast.project.pk
    assert first["title"] == "Haushalt" and first["minutes"] == 20
    assert first["decision_request"] is None and first["notes"] == "vertraulich"
    tk.minutes_public = False
    tk.save()
    tk.members.add(cast.users["viewer"])
    assert call(cast.client("viewer"), "GET", path).json()["items"][0]["notes"] == "vertraulich"
    tk.members.remove(cast.users["viewer"])
    hidden = call(cast.client("viewer"), "GET", path)
    assert hidden.status_code == 200 and hidden.json()["items"][0]["notes"] is None


def test_non_public_minutes_in_api(cast, tk, tk_meeting):
    tk.minutes_public = False
    tk.save()
    services.decision_record(meeting=tk_meeting, kind="other", wording="Intern", user=None)
    path = f"/meetings/{tk_meeting.pk}/decisions"
    assert call(cast.client("pmo"), "GET", path).status_code == 200
    assert call(cast.client("viewer"), "GET", path).status_code == 403
    log = f"/programmes/{cast.programme.slug}/decisions"
    assert call(cast.client("viewer"), "GET", log).json()["count"] == 0
    assert call(cast.client("pmo"), "GET", log).json()["count"] == 1
    tk.members.add(cast.users["viewer"])
    assert call(cast.client("viewer"), "GET", path).status_code == 200


@pytest.mark.parametrize("role", list(READERS))
def test_escalate_by_role(cast, tk, role):
    request = DecisionRequestFactory(
        project=cast.project, question="?", addressed_to="project_check", needed_by=date(2020, 1, 1)
    )
    allowed = office(201) | {"project_lead": 201}
    expected = allowed[role] if role != "outsider" else 403
    response = call(
        cast.client(role),
        "POST",
        f"/decision-requests/{request.pk}/escalate",
        {"reason": "überfällig"},
    )
    assert response.status_code == expected
    if expected == 201:
        listing = call(
            cast.client("viewer"), "GET", f"/programmes/{cast.programme.slug}/escalation-requests"
        ).json()
        item = listing["items"][0]
        assert item["addressed_to"] == "transformation_conference"
        assert item["overdue"] is True
        assert [s["label"] for s in item["escalation_path"]] == [
            "Projektleitung",
            "Projektcheck",
            "Transformationskonferenz",
        ]
        assert item["next_body"] == "strategy_bk"


def test_generate_needs_the_office(cast, tk):
    path = f"/meeting-series/{tk.pk}/generate"
    assert call(cast.client("sponsor"), "POST", path, {"until": "2025-06-30"}).status_code == 403
    assert (
        call(cast.client("anonymous"), "POST", path, {"until": "2025-06-30"}).status_code
        == (NOBODY["anonymous"])
    )
    response = call(cast.client("pmo"), "POST", path, {"until": "2025-06-30"})
    assert response.status_code == 200


def test_agenda_item_lookup_answers_like_the_pages(cast, tk_meeting):
    client = cast.client("pmo")
    item = call(client, "POST", f"/meetings/{tk_meeting.pk}/agenda-items", {"title": "A"}).json()
    assert call(client, "PATCH", "/agenda-items/999999", {"title": "B"}).status_code == 404
    assert call(client, "DELETE", f"/agenda-items/{item['id']}").status_code == 204
    # A removed item is gone for the API as for the pages.
    assert call(client, "DELETE", f"/agenda-items/{item['id']}").status_code == 404
    viewer = cast.client("viewer")
    assert call(viewer, "PATCH", f"/agenda-items/{item['id']}", {"title": "B"}).status_code == 404


def test_cancel_and_escalate_share_one_reason_body():
    """Cancelling a meeting and escalating a decision request take the same body, one schema
    (`ReasonIn`); each operation says what its `reason` is for."""
    schema = Client().get("/api/v1/openapi.json").json()
    operations = [
        schema["paths"]["/api/v1/meetings/{meeting_id}/cancel"]["post"],
        schema["paths"]["/api/v1/decision-requests/{request_id}/escalate"]["post"],
    ]
    bodies = [op["requestBody"]["content"]["application/json"]["schema"] for op in operations]
    assert [body["$ref"] for body in bodies] == ["#/components/schemas/ReasonIn"] * 2
    assert all("`reason`" in op["description"] for op in operations)
    reason_in = schema["components"]["schemas"]["ReasonIn"]
    assert list(reason_in["properties"]) == ["reason"] and reason_in["required"] == ["reason"]
    assert not {"CancelIn", "EscalateIn"} & set(schema["components"]["schemas"])
