"""Releasing a report's traffic lights for the public pages (issue 11 F): who may, the
button, the history."""

from datetime import date

import pytest
from django.urls import reverse

from lotse.reporting import services
from lotse.reporting.models import ReportingConfig
from lotse.reporting.models import StatusReport
from lotse.reporting.periods import ensure_periods
from tests.reporting.factories import ReportingConfigFactory

from ..roles import ROLES


@pytest.fixture
def accepted(cast) -> StatusReport:
    ReportingConfigFactory(programme=cast.programme, first_period_start=date(2024, 1, 1))
    period = ensure_periods(cast.programme, date(2024, 2, 15))[0]
    pmo = cast.users["pmo"]
    report = services.report_start(project=cast.project, period=period, user=pmo)
    report = services.report_submit(report=report, user=pmo)
    return services.report_accept(report=report, user=pmo)


ENTITLED = {"programme_manager", "sponsor"}


@pytest.mark.parametrize("role", ROLES)
def test_only_programme_manager_and_sponsor_may_release(cast, accepted, role):
    url = reverse("reporting:report_release", args=[accepted.pk])
    response = cast.client(role).post(url, {"version": accepted.version})
    accepted.refresh_from_db()
    if role in ENTITLED:
        assert response.status_code == 302
        assert accepted.released_by == cast.users[role]
        assert accepted.released_at is not None
    else:
        assert response.status_code in (302, 403) if role == "anonymous" else 403
        assert accepted.released_at is None


@pytest.mark.parametrize("role", ["programme_manager", "sponsor", "pmo", "project_lead"])
def test_the_button_shows_for_entitled_roles_only(cast, accepted, role):
    page = cast.client(role).get(reverse("reporting:report_detail", args=[accepted.pk]))
    html = page.content.decode()
    assert "noch nicht freigegeben" in html
    assert ("Ampeln für die öffentlichen Seiten freigeben" in html) == (role in ENTITLED)


def test_the_release_is_recorded_in_the_history(cast, accepted):
    manager = cast.users["programme_manager"]
    cast.client("programme_manager").post(
        reverse("reporting:report_release", args=[accepted.pk]), {"version": accepted.version}
    )
    latest = StatusReport.history.filter(id=accepted.pk).latest()
    assert latest.released_by_id == manager.pk
    assert latest.history_user_id == manager.pk
    before = StatusReport.history.filter(id=accepted.pk).order_by("history_date")
    assert [r.released_at is None for r in before][:-1] == [True] * (before.count() - 1)
    page = cast.client("pmo").get(reverse("reporting:report_detail", args=[accepted.pk]))
    assert "für die öffentlichen Seiten freigegeben: am" in page.content.decode()


def test_a_second_release_says_so_and_changes_nothing(cast, accepted):
    url = reverse("reporting:report_release", args=[accepted.pk])
    cast.client("sponsor").post(url, {"version": accepted.version})
    count = StatusReport.history.filter(id=accepted.pk).count()
    response = cast.client("programme_manager").post(url, {"version": accepted.version + 1})
    assert response.status_code == 302
    assert StatusReport.history.filter(id=accepted.pk).count() == count
    accepted.refresh_from_db()
    assert accepted.released_by == cast.users["sponsor"]


def test_a_draft_cannot_be_released(cast, accepted):
    draft = services.report_start(
        project=cast.other_project, period=accepted.period, user=cast.users["pmo"]
    )
    url = reverse("reporting:report_release", args=[draft.pk])
    response = cast.client("programme_manager").post(url, {"version": draft.version}, follow=True)
    assert "Nur ein angenommener Bericht" in response.content.decode()
    draft.refresh_from_db()
    assert draft.released_at is None


def test_only_those_who_answer_for_the_public_change_the_setting(cast):
    url = reverse("reporting:settings", args=[cast.programme.slug])
    data = {
        "cadence": "monthly",
        "period_weeks": 3,
        "first_period_start": "2024-01-01",
        "due_working_days": 5,
        "reminder_days_before": 2,
        "public_release": "automatic",
    }
    cast.client("pmo").post(url, data)
    assert ReportingConfig.objects.get(programme=cast.programme).public_release == "release"
    cast.client("programme_manager").post(url, data)
    assert ReportingConfig.objects.get(programme=cast.programme).public_release == "automatic"
