"""The demo lives in today and records its history with the dates the data belongs to
(issue 11 D and E). The demo is loaded with a faked "today" (the clock itself is faked, so
every service, history record and timestamp sees that day)."""

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lotse.council_reports.collect import collect_report
from lotse.demo.loader import load_potsdam
from lotse.governance.models import Decision
from lotse.okr.models import Quarter
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.reporting.models import Milestone
from lotse.reporting.models import ReportingPeriod
from lotse.reporting.models import StatusReport

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _fake_clock(day: date):
    moment = timezone.make_aware(datetime.combine(day, time(14, 30)))
    return mock.patch("django.utils.timezone.now", return_value=moment)


def _page(report, title):
    return next(p for p in report.projects if p.title == title)


def _check_living_demo(today: date) -> Programme:
    programme = Programme.objects.get(slug="potsdam")
    # The seed's term is kept in the history; an example Strategie-BK decision extended it.
    assert programme.start_date == date(2024, 1, 1)
    assert programme.end_date >= today + timedelta(days=180)
    first = Programme.history.filter(id=programme.pk).earliest()
    assert first.end_date == date(2025, 12, 31)
    assert timezone.localtime(first.history_date).date() == date(2024, 1, 1)
    decision = Decision.objects.filter(programme=programme, kind="strategic").latest("decided_on")
    assert decision.meeting.series.name == "Strategie-BK"
    assert decision.rationale.startswith("Beispieldaten")
    assert decision.decided_on < today
    assert f"{programme.end_date:%d.%m.%Y}" in decision.wording
    # Reports, milestones and OKRs of the current year lie inside the programme's term.
    assert StatusReport.objects.filter(
        project__programme=programme, period__start__lte=today, period__end__gte=today
    ).exists()
    for m in Milestone.objects.filter(project__programme=programme).select_related("project"):
        assert m.project.planned_start <= m.planned_date <= m.project.planned_end, m.title
        assert programme.start_date <= m.planned_date <= programme.end_date
    active = Quarter.objects.get(programme=programme, state="active")
    assert active.start <= today <= active.end
    # Every project has a lead and an org unit; the named sub-measures are sub-projects.
    potsdam = Project.objects.filter(programme=programme)
    assert not potsdam.filter(lead__isnull=True).exists()
    assert not potsdam.filter(org_unit__isnull=True).exists()
    smart_city = Project.objects.get(title="Klimaschutz und Klimaanpassung")
    assert set(Project.objects.filter(parent=smart_city).values_list("title", flat=True)) == {
        "Bürgernahes Baumkataster",
        "Cooling Points",
        "Stadtklima erlebbar machen",
    }
    assert potsdam.filter(parent__isnull=True).count() == 24
    # Nothing is recorded after "today".
    now = timezone.now()
    for model in (Programme, Project, StatusReport, Milestone, Decision):
        assert not model.history.filter(history_date__gt=now).exists(), model
    return programme


def test_demo_loaded_in_march_2026_reports_as_of_its_past():
    today = date(2026, 3, 16)
    with _fake_clock(today):
        load_potsdam(password="lotse-demo")
        programme = _check_living_demo(today)
        periods = list(ReportingPeriod.objects.filter(programme=programme, start__lte=today))
        older, middle = periods[-3], periods[-2]
        # Between the older report's acceptance and the middle one's submission.
        as_of = middle.due_date - timedelta(days=2)
        report = collect_report(programme=programme, kind="committee", as_of=as_of)
        platform = _page(report, "Urbane Netzwerke, Infrastruktur und Datenplattform")
        assert platform.report_period.startswith(f"{older.start:%d.%m.%Y}")  # earlier: in it
        assert platform.overall == "amber"  # the current period's red is a later change
        assert _page(report, "Kommunalportal").report_state == "accepted"
        now = collect_report(programme=programme, kind="committee", as_of=today)
        assert _page(now, "Urbane Netzwerke, Infrastruktur und Datenplattform").overall == "red"
        # A milestone reached 120 days ago is reached in today's report, not before.
        reached = Milestone.objects.get(title="Anbindung an das Landesportal abgeschlossen")
        before = collect_report(
            programme=programme, kind="committee", as_of=reached.actual_date - timedelta(days=1)
        )
        portal = _page(before, "Kommunalportal")
        assert [m.actual for m in portal.milestones if m.title == reached.title] == [None]
        # As of a day in 2025 the programme still ends as the seed says.
        assert Programme.history.as_of(
            timezone.make_aware(datetime.combine(date(2025, 6, 30), time(12)))
        ).get(id=programme.pk).end_date == date(2025, 12, 31)
        # Before the programme's start: refused, naming the earliest day that can be shown.
        with pytest.raises(ValidationError) as refused:
            collect_report(programme=programme, kind="committee", as_of=date(2023, 12, 31))
        assert "01.01.2024" in str(refused.value)
        collect_report(programme=programme, kind="committee", as_of=date(2024, 1, 1))


def test_demo_loaded_in_september_2027_lives_in_its_today():
    today = date(2027, 9, 8)
    with _fake_clock(today):
        load_potsdam(password="lotse-demo")
        programme = _check_living_demo(today)
        # The end of last month is reproducible and holds that month's reports.
        month_end = today.replace(day=1) - timedelta(days=1)
        report = collect_report(programme=programme, kind="committee", as_of=month_end)
        assert any(p.report_state for p in report.projects)
        # The public pages never show a "Stand" after today.
        from lotse.public.selectors import project_rows

        stands = [p.light_as_of for p in project_rows(programme) if p.light_as_of]
        assert stands and max(stands) <= today
