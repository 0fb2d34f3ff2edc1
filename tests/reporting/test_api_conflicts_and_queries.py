"""Reporting API: edit conflicts, token access, constant query counts, release."""

from datetime import date
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from lotse.accounts.services import api_token_create
from lotse.reporting import services
from lotse.reporting.models import DecisionRequest
from lotse.reporting.models import Milestone
from lotse.reporting.models import ReportingPeriod
from lotse.reporting.models import Risk
from lotse.reporting.models import StatusReport
from lotse.reporting.periods import ensure_periods
from tests.reporting.factories import ReportingConfigFactory

from ..api.conftest import api_queries
from ..api.conftest import call
from ..factories import ProgrammeFactory
from ..factories import ProgrammeRoleFactory
from ..factories import ProjectFactory
from ..factories import UserFactory

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
    small = [api_queries(client, p) for p in paths]

    grow_reports(cast, cast.project, 190)
    grow_project_status(cast.project, 190)
    for other in ProjectFactory.create_batch(5, field_of_action=cast.field):
        grow_project_status(other, 10)
    assert call(client, "GET", paths[0]).json()["count"] == 202
    assert call(client, "GET", paths[1]).json()["count"] == 201
    assert [api_queries(client, p) for p in paths] == small


def test_period_list_queries_do_not_grow(cast):
    client = cast.client("pmo")
    path = "/programmes/potsdam/periods"
    config = ReportingConfigFactory(
        programme=cast.programme, first_period_start=timezone.localdate() - timedelta(weeks=30)
    )
    api_queries(client, path)  # creates the periods
    small = api_queries(client, path)
    config.cadence, config.period_weeks = "weeks", 1
    config.save()
    api_queries(client, path)
    assert call(client, "GET", path).json()["count"] >= 30
    assert api_queries(client, path) == small


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
