"""Reporting API: who may call which endpoint, role by role, and unknown ids."""

from dataclasses import dataclass
from functools import partial

import pytest

from lotse.reporting.models import DecisionRequest
from lotse.reporting.models import Milestone
from lotse.reporting.models import Risk
from lotse.reporting.models import StatusReport

from ..api.conftest import NOBODY
from ..api.conftest import READERS
from ..api.conftest import Case
from ..api.conftest import call
from ..api.conftest import check_access
from ..api.conftest import office
from ..api.conftest import own_and_other as api_own_and_other
from ..api.conftest import routes_covered
from ..api.conftest import routes_of
from ..roles import ROLES
from .conftest import state_of


@dataclass
class Side:
    """One project's objects in the world: cast.project's (its lead is project_lead) or the
    other project's."""

    project: object
    draft: StatusReport
    milestone: Milestone
    risk: Risk
    request: DecisionRequest


def own_side(c, w) -> Side:
    return Side(c.project, w.draft, w.milestone, w.risk, w.request)


def other_side(c, w) -> Side:
    return Side(c.other_project, w.other_draft, w.other_milestone, w.other_risk, w.other_request)


own_and_other = partial(api_own_and_other, sides=(own_side, other_side))


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
    *own_and_other(
        "report create",
        "POST",
        lambda s, w: f"/projects/{s.project.pk}/reports",
        201,
        body=lambda s, w: {"period": w.periods[0].pk},
        happened=lambda s, w: StatusReport.objects.filter(
            project=s.project, period=w.periods[0]
        ).exists(),
    ),
    Case("report detail", "GET", lambda c, w: f"/reports/{w.draft.pk}", READERS),
    *own_and_other(
        "report patch",
        "PATCH",
        lambda s, w: f"/reports/{s.draft.pk}",
        200,
        body=lambda s, w: {"version": s.draft.version, "summary": "Läuft nach Plan."},
        happened=lambda s, w: StatusReport.objects.get(pk=s.draft.pk).summary == "Läuft nach Plan.",
    ),
    *own_and_other(
        "report submit",
        "POST",
        lambda s, w: f"/reports/{s.draft.pk}/submit",
        200,
        happened=lambda s, w: state_of(s.draft) == "submitted",
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
    *own_and_other(
        "milestone create",
        "POST",
        lambda s, w: f"/projects/{s.project.pk}/milestones",
        201,
        body=lambda s, w: {"title": "Pilot", "planned_date": "2024-09-01"},
        happened=lambda s, w: Milestone.objects.filter(project=s.project, title="Pilot").exists(),
    ),
    *own_and_other(
        "milestone patch",
        "PATCH",
        lambda s, w: f"/milestones/{s.milestone.pk}",
        200,
        body=lambda s, w: {"forecast_date": "2024-07-01"},
        happened=lambda s, w: Milestone.objects.get(pk=s.milestone.pk).forecast_date is not None,
    ),
    *own_and_other(
        "milestone delete",
        "DELETE",
        lambda s, w: f"/milestones/{s.milestone.pk}",
        204,
        happened=lambda s, w: not Milestone.objects.filter(pk=s.milestone.pk).exists(),
    ),
    Case("risk list", "GET", lambda c, w: f"/projects/{c.project.pk}/risks", READERS),
    *own_and_other(
        "risk create",
        "POST",
        lambda s, w: f"/projects/{s.project.pk}/risks",
        201,
        body=lambda s, w: {"title": "Lieferverzug", "probability": 3, "impact": 4},
        happened=lambda s, w: Risk.objects.filter(project=s.project, title="Lieferverzug").exists(),
    ),
    *own_and_other(
        "risk patch",
        "PATCH",
        lambda s, w: f"/risks/{s.risk.pk}",
        200,
        body=lambda s, w: {"status": "mitigated"},
        happened=lambda s, w: Risk.objects.get(pk=s.risk.pk).status == "mitigated",
    ),
    *own_and_other(
        "risk delete",
        "DELETE",
        lambda s, w: f"/risks/{s.risk.pk}",
        204,
        happened=lambda s, w: not Risk.objects.filter(pk=s.risk.pk).exists(),
    ),
    Case(
        "decision request list",
        "GET",
        lambda c, w: f"/projects/{c.project.pk}/decision-requests",
        READERS,
    ),
    *own_and_other(
        "decision request create",
        "POST",
        lambda s, w: f"/projects/{s.project.pk}/decision-requests",
        201,
        body=lambda s, w: {"question": "Mehr Budget?"},
        happened=lambda s, w: DecisionRequest.objects.filter(
            project=s.project, question="Mehr Budget?"
        ).exists(),
    ),
    *own_and_other(
        "decision request patch",
        "PATCH",
        lambda s, w: f"/decision-requests/{s.request.pk}",
        200,
        body=lambda s, w: {"version": 1, "question": "Neu gefasst?"},
        happened=lambda s, w: (
            DecisionRequest.objects.get(pk=s.request.pk).question == "Neu gefasst?"
        ),
    ),
    *own_and_other(
        "decision request withdraw",
        "POST",
        lambda s, w: f"/decision-requests/{s.request.pk}/withdraw",
        200,
        body=lambda s, w: {"version": 1, "reason": "Hat sich erledigt."},
        happened=lambda s, w: DecisionRequest.objects.get(pk=s.request.pk).status == "withdrawn",
        # Only the requester side: the project's lead (nobody recorded who raised it).
        own=NOBODY | {"project_lead": 200},
        other=NOBODY,
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
def test_access(cast, shared_world, case, role):
    check_access(cast, shared_world, case, role)


def test_every_reporting_route_is_in_the_matrix():
    templates = {
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
    assert routes_of("lotse.reporting.api") == routes_covered(CASES, templates)


def test_unknown_objects_are_404(cast, shared_world):
    client = cast.client("pmo")
    paths = [
        ("GET", "/programmes/nope/periods", None),
        ("GET", "/programmes/nope/decision-requests", None),
        ("GET", "/projects/9999/reports", None),
        ("POST", "/projects/9999/reports", {"period": shared_world.periods[0].pk}),
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
