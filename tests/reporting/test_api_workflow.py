"""Reporting API: the report workflow, frozen states, periods, milestones and requests."""

from datetime import date
from datetime import timedelta

from django.utils import timezone

from lotse.reporting import services
from lotse.reporting.models import Milestone
from lotse.reporting.models import StatusReport
from tests.reporting.factories import DecisionRequestFactory

from ..api.conftest import call
from .conftest import state_of

# --- workflow ---------------------------------------------------------------------------


def test_report_workflow_through_the_api(cast, world):
    lead, pmo = cast.client("project_lead"), cast.client("pmo")
    period = world.periods[0]

    response = call(lead, "POST", f"/projects/{cast.project.pk}/reports", {"period": period.pk})
    assert response.status_code == 201, response.content
    report = response.json()
    assert (report["state"], report["state_label"]) == ("draft", "Entwurf")
    assert report["can_edit"] and report["can_submit"] and not report["can_review"]
    # Starting it again returns the same report.
    again = call(lead, "POST", f"/projects/{cast.project.pk}/reports", {"period": period.pk})
    assert (again.status_code, again.json()["id"]) == (200, report["id"])

    path = f"/reports/{report['id']}"
    response = call(
        lead,
        "PATCH",
        path,
        {"version": report["version"], "schedule": "red", "schedule_note": "Lieferant fehlt."},
    )
    assert response.status_code == 200, response.content
    assert (response.json()["schedule"], response.json()["schedule_label"]) == ("red", "rot")
    version = response.json()["version"]
    assert version == report["version"] + 1

    response = call(lead, "POST", f"{path}/submit")
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "submitted"
    assert response.json()["submitted_by"] == cast.users["project_lead"].pk

    response = call(lead, "POST", f"{path}/accept", {})
    assert response.status_code == 403
    assert state_of(StatusReport(pk=report["id"])) == "submitted"

    response = call(pmo, "POST", f"{path}/accept", {"comment": "Gut so."})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["state"], body["review_comment"]) == ("accepted", "Gut so.")
    assert body["reviewed_by_name"] == str(cast.users["pmo"])

    # Accepted reports are frozen: nobody edits them, and the message says why.
    response = call(pmo, "PATCH", path, {"version": body["version"], "summary": "später"})
    assert response.status_code == 403
    assert "angenommen" in response.json()["detail"]


def test_accept_without_body(cast, world):
    client = cast.client("pmo")
    path = f"/api/v1/reports/{world.submitted.pk}/accept"
    response = client.post(path, data=b"", content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "accepted"


def test_return_needs_a_comment_and_reopens_the_report(cast, world):
    pmo, lead = cast.client("pmo"), cast.client("project_lead")
    path = f"/reports/{world.submitted.pk}"

    response = call(pmo, "POST", f"{path}/return", {"comment": "  "})
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "comment": ["Bitte schreiben Sie, was die Projektleitung ändern soll."]
    }
    assert state_of(world.submitted) == "submitted"
    response = call(pmo, "POST", f"{path}/return", {})
    assert response.json()["errors"] == {"comment": ["Dieses Feld ist erforderlich."]}

    response = call(pmo, "POST", f"{path}/return", {"comment": "Budget fehlt."})
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "returned"
    report = call(lead, "GET", path).json()
    assert report["can_edit"] and report["can_submit"]
    response = call(lead, "PATCH", path, {"version": report["version"], "budget_note": "Neu."})
    assert response.status_code == 200, response.content


def test_report_detail_shows_the_frozen_state_and_the_trend(cast, world):
    pmo = cast.client("pmo")
    services.report_accept(report=world.submitted, user=cast.users["pmo"])
    # After acceptance the project moves on; the accepted report keeps its snapshot.
    Milestone.objects.filter(pk=world.milestone.pk).update(title="Umbenannt")
    world.draft.refresh_from_db()
    services.report_update(
        report=world.draft,
        data={"overall": "amber", "overall_note": "Verzug"},
        expected_version=world.draft.version,
    )

    accepted = call(pmo, "GET", f"/reports/{world.submitted.pk}").json()
    assert accepted["as_of"]["frozen"] is True
    assert [m["title"] for m in accepted["as_of"]["milestones"]] == ["Go-live"]
    assert accepted["as_of"]["risks"][0] | {"id": 0} == {
        "id": 0,
        "title": "Personal",
        "probability": 2,
        "impact": 3,
        "score": 6,
        "owner": "",
        "mitigation": "",
        "status": "open",
        "status_label": "offen",
    }
    assert accepted["as_of"]["decision_requests"][0]["addressed_to_label"] == "Projektcheck"
    assert (accepted["previous"], accepted["trend"]) == (None, None)

    draft = call(pmo, "GET", f"/reports/{world.draft.pk}").json()
    assert draft["as_of"]["frozen"] is False
    assert [m["title"] for m in draft["as_of"]["milestones"]] == ["Umbenannt"]
    assert draft["as_of"]["milestones"][0]["slippage_days"] == 0
    assert (draft["previous"], draft["trend"], draft["trend_label"]) == (
        world.submitted.pk,
        "worse",
        "schlechter",
    )
    assert {"field": "overall", "label": "Gesamtstatus", "old": "grün", "new": "gelb"} in draft[
        "changes"
    ]


def test_period_list_creates_periods_up_to_today(cast, world):
    response = call(cast.client("viewer"), "GET", "/programmes/potsdam/periods")
    assert response.status_code == 200
    periods = response.json()["items"]
    assert periods[0] == {
        "id": world.periods[0].pk,
        "programme": cast.programme.pk,
        "start": "2024-01-01",
        "end": "2024-01-31",
        "due_date": "2024-01-24",
        "check_date": "2024-01-31",
        "label": "01.01.2024 – 31.01.2024",
    }
    assert date.fromisoformat(periods[-1]["start"]) <= timezone.localdate()
    assert date.fromisoformat(periods[-1]["end"]) >= timezone.localdate() - timedelta(days=1)


def test_milestone_output_has_slippage(cast, world):
    response = call(
        cast.client("project_lead"),
        "PATCH",
        f"/milestones/{world.milestone.pk}",
        {"forecast_date": "2024-06-11"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["expected_date"], body["slippage_days"], body["can_edit"]) == (
        "2024-06-11",
        10,
        True,
    )


def test_decision_requests_programme_wide_and_filtered(cast, world):
    DecisionRequestFactory(project=cast.other_project, question="Alt", status="decided")
    client = cast.client("viewer")
    response = call(client, "GET", "/programmes/potsdam/decision-requests?status=open")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert {r["project_title"] for r in body["items"]} == {"Kommunalportal", "Beteiligungsportal"}
    assert all(r["status"] == "open" and not r["can_edit"] for r in body["items"])
    assert call(client, "GET", "/programmes/potsdam/decision-requests").json()["count"] == 3

    lead = cast.client("project_lead")
    response = call(
        lead,
        "POST",
        f"/projects/{cast.project.pk}/decision-requests",
        {"question": "Cloud?", "addressed_to": "strategy_bk", "report": world.draft.pk},
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert (created["addressed_to_label"], created["report"], created["raised_by"]) == (
        "Strategie-BK",
        world.draft.pk,
        cast.users["project_lead"].pk,
    )
