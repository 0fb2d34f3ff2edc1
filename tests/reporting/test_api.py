"""Reporting endpoints of the REST API: who may call what, the report workflow, validation,
edit conflicts, token access and constant query counts on the lists."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lotse.accounts.services import api_token_create
from lotse.reporting import services
from lotse.reporting.models import (
    DecisionRequest,
    Milestone,
    ReportingPeriod,
    Risk,
    StatusReport,
)
from lotse.reporting.periods import ensure_periods
from tests.reporting.factories import (
    DecisionRequestFactory,
    MilestoneFactory,
    ReportingConfigFactory,
    RiskFactory,
)

from ..api.conftest import NOBODY, READERS, call, office, office_and_lead
from ..conftest import ROLES
from ..factories import ProgrammeFactory, ProgrammeRoleFactory, ProjectFactory, UserFactory


@dataclass
class World:
    periods: list  # Jan, Feb, Mar 2024
    draft: StatusReport  # cast.project, March
    submitted: StatusReport  # cast.project, February
    other_draft: StatusReport  # cast.other_project, March
    milestone: Milestone
    other_milestone: Milestone
    risk: Risk
    other_risk: Risk
    request: DecisionRequest
    other_request: DecisionRequest
    accepted: StatusReport  # cast.other_project, February, accepted, not yet released


@pytest.fixture
def world(cast) -> World:
    ReportingConfigFactory(programme=cast.programme, first_period_start=date(2024, 1, 1))
    periods = ensure_periods(cast.programme, date(2024, 3, 15))
    pmo = cast.users["pmo"]
    submitted = services.report_start(project=cast.project, period=periods[1], user=pmo)
    submitted = services.report_submit(report=submitted, user=cast.users["project_lead"])
    draft = services.report_start(project=cast.project, period=periods[2], user=pmo)
    other_draft = services.report_start(project=cast.other_project, period=periods[2], user=pmo)

    def milestone(project):
        return MilestoneFactory(project=project, title="Go-live", planned_date=date(2024, 6, 1))

    def risk(project):
        return RiskFactory(project=project, title="Personal", probability=2, impact=3)

    def request(project):
        return DecisionRequestFactory(project=project, question="Anbieter wechseln?")

    accepted = services.report_start(project=cast.other_project, period=periods[1], user=pmo)
    accepted = services.report_submit(report=accepted, user=pmo)
    accepted = services.report_accept(report=accepted, user=pmo)

    return World(
        periods,
        draft,
        submitted,
        other_draft,
        milestone(cast.project),
        milestone(cast.other_project),
        risk(cast.project),
        risk(cast.other_project),
        request(cast.project),
        request(cast.other_project),
        accepted,
    )


def state_of(report) -> str:
    return StatusReport.objects.get(pk=report.pk).state


@dataclass
class Case:
    name: str
    method: str
    path: Callable
    expected: dict
    body: Callable | None = None
    happened: Callable | None = field(default=None)


CASES = [
    Case(
        "report release (programme manager and sponsor only)",
        "POST",
        lambda c, w: f"/reports/{w.accepted.pk}/release",
        NOBODY | {"programme_manager": 200, "sponsor": 200},
        body=lambda c, w: {},
        happened=lambda c, w: StatusReport.objects.get(pk=w.accepted.pk).released_at is not None,
    ),
    Case("period list", "GET", lambda c, w: "/programmes/potsdam/periods", READERS),
    Case("report list", "GET", lambda c, w: f"/projects/{c.project.pk}/reports", READERS),
    Case(
        "report create (own project)",
        "POST",
        lambda c, w: f"/projects/{c.project.pk}/reports",
        office_and_lead(201),
        body=lambda c, w: {"period": w.periods[0].pk},
        happened=lambda c, w: StatusReport.objects.filter(
            project=c.project, period=w.periods[0]
        ).exists(),
    ),
    Case(
        "report create (other project)",
        "POST",
        lambda c, w: f"/projects/{c.other_project.pk}/reports",
        office(201),
        body=lambda c, w: {"period": w.periods[0].pk},
        happened=lambda c, w: StatusReport.objects.filter(
            project=c.other_project, period=w.periods[0]
        ).exists(),
    ),
    Case("report detail", "GET", lambda c, w: f"/reports/{w.draft.pk}", READERS),
    Case(
        "report patch (own project)",
        "PATCH",
        lambda c, w: f"/reports/{w.draft.pk}",
        office_and_lead(200),
        body=lambda c, w: {"version": w.draft.version, "summary": "Läuft nach Plan."},
        happened=lambda c, w: StatusReport.objects.get(pk=w.draft.pk).summary == "Läuft nach Plan.",
    ),
    Case(
        "report patch (other project)",
        "PATCH",
        lambda c, w: f"/reports/{w.other_draft.pk}",
        office(200),
        body=lambda c, w: {"version": w.other_draft.version, "summary": "Läuft."},
        happened=lambda c, w: StatusReport.objects.get(pk=w.other_draft.pk).summary == "Läuft.",
    ),
    Case(
        "report submit (own project)",
        "POST",
        lambda c, w: f"/reports/{w.draft.pk}/submit",
        office_and_lead(200),
        happened=lambda c, w: state_of(w.draft) == "submitted",
    ),
    Case(
        "report submit (other project)",
        "POST",
        lambda c, w: f"/reports/{w.other_draft.pk}/submit",
        office(200),
        happened=lambda c, w: state_of(w.other_draft) == "submitted",
    ),
    Case(
        "report accept (lead never accepts own)",
        "POST",
        lambda c, w: f"/reports/{w.submitted.pk}/accept",
        office(200),
        body=lambda c, w: {"comment": "Danke."},
        happened=lambda c, w: state_of(w.submitted) == "accepted",
    ),
    Case(
        "report return",
        "POST",
        lambda c, w: f"/reports/{w.submitted.pk}/return",
        office(200),
        body=lambda c, w: {"comment": "Bitte Budget erläutern."},
        happened=lambda c, w: state_of(w.submitted) == "returned",
    ),
    Case("milestone list", "GET", lambda c, w: f"/projects/{c.project.pk}/milestones", READERS),
    Case(
        "milestone create (own project)",
        "POST",
        lambda c, w: f"/projects/{c.project.pk}/milestones",
        office_and_lead(201),
        body=lambda c, w: {"title": "Pilot", "planned_date": "2024-09-01"},
        happened=lambda c, w: Milestone.objects.filter(project=c.project, title="Pilot").exists(),
    ),
    Case(
        "milestone create (other project)",
        "POST",
        lambda c, w: f"/projects/{c.other_project.pk}/milestones",
        office(201),
        body=lambda c, w: {"title": "Pilot", "planned_date": "2024-09-01"},
        happened=lambda c, w: Milestone.objects.filter(
            project=c.other_project, title="Pilot"
        ).exists(),
    ),
    Case(
        "milestone patch (own project)",
        "PATCH",
        lambda c, w: f"/milestones/{w.milestone.pk}",
        office_and_lead(200),
        body=lambda c, w: {"forecast_date": "2024-07-01"},
        happened=lambda c, w: Milestone.objects.get(pk=w.milestone.pk).forecast_date is not None,
    ),
    Case(
        "milestone patch (other project)",
        "PATCH",
        lambda c, w: f"/milestones/{w.other_milestone.pk}",
        office(200),
        body=lambda c, w: {"forecast_date": "2024-07-01"},
        happened=lambda c, w: (
            Milestone.objects.get(pk=w.other_milestone.pk).forecast_date is not None
        ),
    ),
    Case(
        "milestone delete (own project)",
        "DELETE",
        lambda c, w: f"/milestones/{w.milestone.pk}",
        office_and_lead(204),
        happened=lambda c, w: not Milestone.objects.filter(pk=w.milestone.pk).exists(),
    ),
    Case(
        "milestone delete (other project)",
        "DELETE",
        lambda c, w: f"/milestones/{w.other_milestone.pk}",
        office(204),
        happened=lambda c, w: not Milestone.objects.filter(pk=w.other_milestone.pk).exists(),
    ),
    Case("risk list", "GET", lambda c, w: f"/projects/{c.project.pk}/risks", READERS),
    Case(
        "risk create (own project)",
        "POST",
        lambda c, w: f"/projects/{c.project.pk}/risks",
        office_and_lead(201),
        body=lambda c, w: {"title": "Lieferverzug", "probability": 3, "impact": 4},
        happened=lambda c, w: Risk.objects.filter(title="Lieferverzug").exists(),
    ),
    Case(
        "risk create (other project)",
        "POST",
        lambda c, w: f"/projects/{c.other_project.pk}/risks",
        office(201),
        body=lambda c, w: {"title": "Lieferverzug", "probability": 3, "impact": 4},
        happened=lambda c, w: Risk.objects.filter(title="Lieferverzug").exists(),
    ),
    Case(
        "risk patch (own project)",
        "PATCH",
        lambda c, w: f"/risks/{w.risk.pk}",
        office_and_lead(200),
        body=lambda c, w: {"status": "mitigated"},
        happened=lambda c, w: Risk.objects.get(pk=w.risk.pk).status == "mitigated",
    ),
    Case(
        "risk patch (other project)",
        "PATCH",
        lambda c, w: f"/risks/{w.other_risk.pk}",
        office(200),
        body=lambda c, w: {"status": "mitigated"},
        happened=lambda c, w: Risk.objects.get(pk=w.other_risk.pk).status == "mitigated",
    ),
    Case(
        "risk delete (own project)",
        "DELETE",
        lambda c, w: f"/risks/{w.risk.pk}",
        office_and_lead(204),
        happened=lambda c, w: not Risk.objects.filter(pk=w.risk.pk).exists(),
    ),
    Case(
        "risk delete (other project)",
        "DELETE",
        lambda c, w: f"/risks/{w.other_risk.pk}",
        office(204),
        happened=lambda c, w: not Risk.objects.filter(pk=w.other_risk.pk).exists(),
    ),
    Case(
        "decision request list",
        "GET",
        lambda c, w: f"/projects/{c.project.pk}/decision-requests",
        READERS,
    ),
    Case(
        "decision request create (own project)",
        "POST",
        lambda c, w: f"/projects/{c.project.pk}/decision-requests",
        office_and_lead(201),
        body=lambda c, w: {"question": "Mehr Budget?"},
        happened=lambda c, w: DecisionRequest.objects.filter(question="Mehr Budget?").exists(),
    ),
    Case(
        "decision request create (other project)",
        "POST",
        lambda c, w: f"/projects/{c.other_project.pk}/decision-requests",
        office(201),
        body=lambda c, w: {"question": "Mehr Budget?"},
        happened=lambda c, w: DecisionRequest.objects.filter(question="Mehr Budget?").exists(),
    ),
    Case(
        "decision request patch (own project)",
        "PATCH",
        lambda c, w: f"/decision-requests/{w.request.pk}",
        office_and_lead(200),
        body=lambda c, w: {"version": 1, "question": "Neu gefasst?"},
        happened=lambda c, w: (
            DecisionRequest.objects.get(pk=w.request.pk).question == "Neu gefasst?"
        ),
    ),
    Case(
        "decision request patch (other project)",
        "PATCH",
        lambda c, w: f"/decision-requests/{w.other_request.pk}",
        office(200),
        body=lambda c, w: {"version": 1, "question": "Neu gefasst?"},
        happened=lambda c, w: (
            DecisionRequest.objects.get(pk=w.other_request.pk).question == "Neu gefasst?"
        ),
    ),
    Case(
        "decision request withdraw (own project)",
        "POST",
        lambda c, w: f"/decision-requests/{w.request.pk}/withdraw",
        # Only the requester side: the project's lead (nobody recorded who raised it).
        NOBODY | {"project_lead": 200},
        body=lambda c, w: {"version": 1, "reason": "Hat sich erledigt."},
        happened=lambda c, w: DecisionRequest.objects.get(pk=w.request.pk).status == "withdrawn",
    ),
    Case(
        "decision request withdraw (other project)",
        "POST",
        lambda c, w: f"/decision-requests/{w.other_request.pk}/withdraw",
        NOBODY,
        body=lambda c, w: {"version": 1, "reason": "Hat sich erledigt."},
        happened=lambda c, w: (
            DecisionRequest.objects.get(pk=w.other_request.pk).status == "withdrawn"
        ),
    ),
    Case(
        "programme decision requests",
        "GET",
        lambda c, w: "/programmes/potsdam/decision-requests?status=open",
        READERS,
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_access(cast, world, case, role):
    body = case.body(cast, world) if case.body else None
    response = call(cast.client(role), case.method, case.path(cast, world), body)

    assert response.status_code == case.expected[role], response.content
    if case.happened is not None:
        assert case.happened(cast, world) == (response.status_code < 300)
    if response.status_code in (401, 403):
        assert response.json()["detail"]


def test_every_reporting_route_is_in_the_matrix():
    from lotse.api.urls import api

    schema = api.get_openapi_schema()
    routes = {
        (method.upper(), path.removeprefix("/api/v1"))
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if operation["operationId"].startswith("lotse_reporting_api_")
    }
    ids = _Ids()
    covered = {
        (case.method, case.path(ids, ids).split("?")[0].replace("potsdam", "{slug}"))
        for case in CASES
    }
    assert routes == covered


class _Ids:
    """Stands in for cast and world to turn a case's path into its route template."""

    NAMES = {
        "project": "{project_id}",
        "other_project": "{project_id}",
        "draft": "{report_id}",
        "other_draft": "{report_id}",
        "submitted": "{report_id}",
        "milestone": "{milestone_id}",
        "other_milestone": "{milestone_id}",
        "risk": "{risk_id}",
        "other_risk": "{risk_id}",
        "request": "{request_id}",
        "other_request": "{request_id}",
        "accepted": "{report_id}",
    }

    def __getattr__(self, name):
        return _Template(self.NAMES[name])


@dataclass
class _Template:
    pk: str


def test_unknown_objects_are_404(cast, world):
    client = cast.client("pmo")
    paths = [
        ("GET", "/programmes/nope/periods", None),
        ("GET", "/programmes/nope/decision-requests", None),
        ("GET", "/projects/9999/reports", None),
        ("POST", "/projects/9999/reports", {"period": world.periods[0].pk}),
        ("GET", "/reports/9999", None),
        ("PATCH", "/reports/9999", {"version": 1}),
        ("POST", "/reports/9999/submit", None),
        ("POST", "/reports/9999/accept", {}),
        ("POST", "/reports/9999/return", {"comment": "x"}),
        ("GET", "/projects/9999/milestones", None),
        ("PATCH", "/milestones/9999", {}),
        ("DELETE", "/milestones/9999", None),
        ("PATCH", "/risks/9999", {}),
        ("DELETE", "/risks/9999", None),
        ("PATCH", "/decision-requests/9999", {"version": 1}),
        ("POST", "/decision-requests/9999/withdraw", {"version": 1, "reason": "x"}),
    ]
    for method, path, body in paths:
        response = call(client, method, path, body)
        assert response.status_code == 404, (method, path)
        assert response.json() == {"detail": "Nicht gefunden."}


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
    periods = response.json()
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


# --- validation -------------------------------------------------------------------------


def errors_of(response) -> dict:
    assert response.status_code == 422, response.content
    assert response.json()["detail"] == "Ungültige Eingabe."
    return response.json()["errors"]


def test_non_green_light_needs_its_note(cast, world):
    response = call(
        cast.client("project_lead"),
        "PATCH",
        f"/reports/{world.draft.pk}",
        {"version": world.draft.version, "budget": "amber", "resources": "red"},
    )
    assert errors_of(response) == {
        "budget_note": ["Bitte erläutern Sie, warum „Budget“ nicht grün ist."],
        "resources_note": ["Bitte erläutern Sie, warum „Ressourcen“ nicht grün ist."],
    }
    report = StatusReport.objects.get(pk=world.draft.pk)
    assert (report.budget, report.resources, report.version) == ("green", "green", 1)


def test_report_patch_input_errors(cast, world):
    client = cast.client("project_lead")
    path = f"/reports/{world.draft.pk}"
    assert errors_of(call(client, "PATCH", path, {"summary": "x"})) == {
        "version": ["Dieses Feld ist erforderlich."]
    }
    errors = errors_of(
        call(client, "PATCH", path, {"version": 1, "overall": "blau", "state": "accepted"})
    )
    assert errors == {
        "overall": ["Unbekannter Wert. Erlaubt sind: 'green', 'amber' oder 'red'."],
        "state": ["Dieses Feld gibt es nicht oder es ist nicht änderbar."],
    }
    assert errors_of(call(client, "PATCH", path, {"version": 1, "summary": None})) == {
        "summary": ["Bitte geben Sie einen Text an."]
    }
    assert StatusReport.objects.get(pk=world.draft.pk).state == "draft"


def test_report_create_needs_a_period_of_the_programme(cast, world):
    programme = ProgrammeFactory()
    ReportingConfigFactory(programme=programme, first_period_start=date(2024, 1, 1))
    other = ensure_periods(programme, date(2024, 1, 1))
    client = cast.client("pmo")
    path = f"/projects/{cast.project.pk}/reports"
    assert errors_of(call(client, "POST", path, {"period": other[0].pk})) == {
        "period": [
            f"Eine Berichtsperiode mit der Id {other[0].pk} gibt es in diesem Programm nicht."
        ]
    }
    assert errors_of(call(client, "POST", path, {})) == {
        "period": ["Dieses Feld ist erforderlich."]
    }


def test_submit_refuses_unexplained_lights(cast, world):
    StatusReport.objects.filter(pk=world.draft.pk).update(scope="red")
    response = call(cast.client("project_lead"), "POST", f"/reports/{world.draft.pk}/submit")
    assert errors_of(response) == {
        "scope_note": ["Bitte erläutern Sie, warum „Umfang und Qualität“ nicht grün ist."]
    }
    assert state_of(world.draft) == "draft"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, "Der Wert muss mindestens 1 sein."),
        (5, "Der Wert darf höchstens 4 sein."),
        ("viel", "Bitte geben Sie eine ganze Zahl an."),
    ],
)
def test_risk_probability_and_impact_are_1_to_4(cast, world, value, message):
    client = cast.client("project_lead")
    body = {"title": "Neu", "probability": value, "impact": value}
    response = call(client, "POST", f"/projects/{cast.project.pk}/risks", body)
    assert errors_of(response) == {"probability": [message], "impact": [message]}
    response = call(client, "PATCH", f"/risks/{world.risk.pk}", {"impact": value})
    assert errors_of(response) == {"impact": [message]}
    assert not Risk.objects.filter(title="Neu").exists()
    assert Risk.objects.get(pk=world.risk.pk).impact == 3


def test_milestone_and_request_input_errors(cast, world):
    client = cast.client("project_lead")
    response = call(client, "POST", f"/projects/{cast.project.pk}/milestones", {"title": " "})
    assert errors_of(response) == {
        "title": ["Dieses Feld darf nicht leer sein."],
        "planned_date": ["Dieses Feld ist erforderlich."],
    }
    response = call(
        client, "PATCH", f"/milestones/{world.milestone.pk}", {"planned_date": "1.6.2024"}
    )
    assert errors_of(response) == {
        "planned_date": ["Bitte geben Sie ein Datum im Format JJJJ-MM-TT an."]
    }
    path = f"/decision-requests/{world.request.pk}"
    errors = errors_of(call(client, "PATCH", path, {"version": 1, "addressed_to": "stadtrat"}))
    assert errors["addressed_to"][0].startswith("Unbekannter Wert.")
    other_report = world.other_draft.pk
    assert errors_of(call(client, "PATCH", path, {"version": 1, "report": other_report})) == {
        "report": [f"Einen Bericht mit der Id {other_report} gibt es zu diesem Projekt nicht."]
    }
    errors = errors_of(
        call(client, "POST", f"/projects/{cast.project.pk}/decision-requests", {"question": ""})
    )
    assert errors == {"question": ["Dieses Feld darf nicht leer sein."]}
    assert DecisionRequest.objects.get(pk=world.request.pk).report_id is None


# --- conflicts and tokens ---------------------------------------------------------------


def test_stale_version_is_409_and_changes_nothing(cast, world):
    lead, pmo = cast.client("project_lead"), cast.client("pmo")
    path = f"/reports/{world.draft.pk}"
    first = call(pmo, "PATCH", path, {"version": 1, "summary": "PMO war schneller."})
    assert first.status_code == 200

    response = call(lead, "PATCH", path, {"version": 1, "summary": "Meine Fassung."})
    assert response.status_code == 409
    assert "inzwischen von einer anderen Person geändert" in response.json()["detail"]
    report = StatusReport.objects.get(pk=world.draft.pk)
    assert (report.summary, report.version) == ("PMO war schneller.", 2)


def test_token_auth_works_for_reports(cast, world):
    _token, secret = api_token_create(user=cast.users["project_lead"], name="Skript")
    client = Client(enforce_csrf_checks=True)
    headers = {"Authorization": f"Bearer {secret}"}
    path = f"/reports/{world.draft.pk}"
    response = call(client, "PATCH", path, {"version": 1, "summary": "Per Skript"}, **headers)
    assert response.status_code == 200, response.content
    latest = StatusReport.objects.get(pk=world.draft.pk).history.order_by("-history_id").first()
    assert (latest.summary, latest.history_user) == ("Per Skript", cast.users["project_lead"])
    response = call(client, "POST", f"{path}/submit", **headers)
    assert response.status_code == 200, response.content

    # The token carries only its user's permissions: the lead may not accept.
    response = call(client, "POST", f"{path}/accept", {}, **headers)
    assert response.status_code == 403
    assert call(Client(), "GET", path).status_code == 401


# --- query counts -----------------------------------------------------------------------


def count_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = call(client, "GET", path)
    assert response.status_code == 200, response.content
    return len(context.captured_queries)


def grow_reports(cast, project, count: int) -> None:
    """`count` more reports on `project`, each in a period of its own, submitted and reviewed."""
    first = ReportingPeriod.objects.order_by("start").first()
    start = (first.start if first else date(2024, 1, 1)) - timedelta(days=7 * (count + 1))
    periods = ReportingPeriod.objects.bulk_create(
        ReportingPeriod(
            programme=cast.programme,
            start=start + timedelta(days=7 * i),
            end=start + timedelta(days=7 * i + 6),
            due_date=start + timedelta(days=7 * i + 4),
        )
        for i in range(count)
    )
    people = [UserFactory() for _ in range(2)]
    StatusReport.objects.bulk_create(
        StatusReport(
            project=project,
            period=p,
            state="accepted",
            submitted_by=people[0],
            reviewed_by=people[1],
        )
        for p in periods
    )


def grow_project_status(project, count: int) -> None:
    Milestone.objects.bulk_create(
        Milestone(project=project, title=f"M{i}", planned_date=date(2024, 1, 1))
        for i in range(count)
    )
    Risk.objects.bulk_create(
        Risk(project=project, title=f"R{i}", probability=2, impact=2) for i in range(count)
    )
    raiser = UserFactory()
    DecisionRequest.objects.bulk_create(
        DecisionRequest(project=project, question=f"F{i}", raised_by=raiser) for i in range(count)
    )


@pytest.mark.parametrize("role", ["pmo", "project_lead", "viewer"])
def test_list_queries_do_not_grow(cast, world, role):
    client = cast.client(role)
    paths = [
        f"/projects/{cast.project.pk}/reports",
        f"/projects/{cast.project.pk}/milestones",
        f"/projects/{cast.project.pk}/risks",
        f"/projects/{cast.project.pk}/decision-requests",
        "/programmes/potsdam/decision-requests?status=open",
        f"/reports/{world.draft.pk}",
    ]
    grow_reports(cast, cast.project, 10)
    grow_project_status(cast.project, 10)
    small = [count_queries(client, p) for p in paths]

    grow_reports(cast, cast.project, 190)
    grow_project_status(cast.project, 190)
    for other in ProjectFactory.create_batch(5, field_of_action=cast.field):
        grow_project_status(other, 10)
    assert len(call(client, "GET", paths[0]).json()) == 202
    assert len(call(client, "GET", paths[1]).json()) == 201
    assert [count_queries(client, p) for p in paths] == small


def test_period_list_queries_do_not_grow(cast):
    client = cast.client("pmo")
    path = "/programmes/potsdam/periods"
    config = ReportingConfigFactory(
        programme=cast.programme, first_period_start=timezone.localdate() - timedelta(weeks=30)
    )
    count_queries(client, path)  # creates the periods
    small = count_queries(client, path)
    config.cadence, config.period_weeks = "weeks", 1
    config.save()
    count_queries(client, path)
    assert len(call(client, "GET", path).json()) >= 30
    assert count_queries(client, path) == small


def test_programme_roles_hold_in_sub_programmes(cast):
    """A PMO of the parent programme reviews reports of a sub-programme's projects."""
    sub = ProgrammeFactory(parent=cast.programme, slug="sub")
    project = ProjectFactory(field_of_action__programme=sub, lead=UserFactory())
    period = ensure_periods(sub, timezone.localdate())[-1]
    report = services.report_start(project=project, period=period, user=None)
    services.report_submit(report=report, user=project.lead)
    response = call(cast.client("pmo"), "POST", f"/reports/{report.pk}/accept", {})
    assert response.status_code == 200, response.content
    ProgrammeRoleFactory(programme=sub, role="viewer", user=cast.users["outsider"])
    assert call(cast.client("outsider"), "GET", f"/reports/{report.pk}").status_code == 200


def test_release_is_refused_twice_and_checks_the_version(cast, world):
    manager = cast.client("programme_manager")
    path = f"/reports/{world.accepted.pk}/release"
    response = call(manager, "POST", path, {"version": world.accepted.version - 1})
    assert response.status_code == 409
    response = call(manager, "POST", path, {"version": world.accepted.version})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["released_by"] == cast.users["programme_manager"].pk
    assert body["released_at"] and body["can_release"] is False
    again = call(cast.client("sponsor"), "POST", path, {})
    assert again.status_code == 422
    assert "schon seit" in str(again.json())
    # A report that is not accepted cannot be released, with a German reason.
    response = call(manager, "POST", f"/reports/{world.submitted.pk}/release", {})
    assert response.status_code == 422
    assert "angenommener Bericht" in str(response.json())
