"""Reporting API: who may call which endpoint, role by role, and unknown ids."""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from lotse.reporting.models import (
    DecisionRequest,
    Milestone,
    Risk,
    StatusReport,
)

from ..api.conftest import NOBODY, READERS, call, office, office_and_lead
from ..conftest import ROLES
from .conftest import state_of


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

    # Operation ids are plain names now (project_list): find the module by the view itself.
    routes = {
        (method.upper(), path)
        for _prefix, router in api._routers
        for path, path_view in router.path_operations.items()
        for operation in path_view.operations
        if operation.view_func.__module__ == "lotse.reporting.api"
        for method in operation.methods
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
