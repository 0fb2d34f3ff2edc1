"""The reporting core: periods, workflow, validation, snapshots, trend and slippage."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from lotse.portfolio.services import EditConflict
from lotse.reporting import periods as reporting_periods
from lotse.reporting import services
from lotse.reporting.models import Milestone
from lotse.reporting.models import ReportingConfig
from lotse.reporting.models import ReportingPeriod
from lotse.reporting.models import StatusReport
from lotse.reporting.periods import ensure_periods
from lotse.reporting.periods import working_days_before
from lotse.reporting.selectors import Trend
from lotse.reporting.selectors import as_of_report
from lotse.reporting.selectors import changes_since
from lotse.reporting.selectors import trend
from tests.reporting.factories import MilestoneFactory
from tests.reporting.factories import ReportingConfigFactory
from tests.reporting.factories import RiskFactory


@pytest.fixture
def periods(cast):
    ReportingConfigFactory(programme=cast.programme, first_period_start=date(2024, 1, 1))
    return ensure_periods(cast.programme, date(2024, 3, 15))


def test_monthly_periods_with_due_dates(periods):
    assert [(p.start, p.end) for p in periods] == [
        (date(2024, 1, 1), date(2024, 1, 31)),
        (date(2024, 2, 1), date(2024, 2, 29)),
        (date(2024, 3, 1), date(2024, 3, 31)),
    ]
    # 31.01.2024 is a Wednesday; five working days earlier is Wednesday 24.01.
    assert periods[0].due_date == date(2024, 1, 24)


def test_ensure_periods_is_idempotent(cast, periods):
    again = ensure_periods(cast.programme, date(2024, 3, 15))
    assert [p.pk for p in again] == [p.pk for p in periods]


def test_periods_another_request_stored_meanwhile_are_taken_over(cast, monkeypatch):
    # Two requests storing the new period at once (two leads starting their reports on its
    # first day): both find it missing, the other one commits first. Simulated in one
    # transaction: the periods appear just after this one read them.
    ReportingConfigFactory(programme=cast.programme, first_period_start=date(2024, 1, 1))
    read = reporting_periods.periods_until

    def the_other_request_stores_them(programme, until):
        found = read(programme, until)
        for period in read(programme, until):
            if period.pk is None:
                period.save()
        return found

    monkeypatch.setattr(reporting_periods, "periods_until", the_other_request_stores_them)
    stored = ensure_periods(cast.programme, date(2024, 3, 15))

    assert [p.start for p in stored] == [date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)]
    assert all(p.pk is not None for p in stored)
    assert ReportingPeriod.objects.filter(programme=cast.programme).count() == 3


def test_a_rhythm_another_request_stored_meanwhile_is_taken_over(cast, monkeypatch):
    read = reporting_periods.config_for

    def the_other_request_stores_one(programme, until=None):
        found = read(programme, until)
        if found.pk is None:
            ReportingConfig.objects.create(
                programme_id=programme.pk, first_period_start=date(2024, 1, 1)
            )
        return found

    monkeypatch.setattr(reporting_periods, "config_for", the_other_request_stores_one)
    config = reporting_periods.default_config(cast.programme, date(2024, 3, 15))

    assert config.pk == ReportingConfig.objects.get(programme=cast.programme).pk
    assert config.first_period_start == date(2024, 1, 1)


def test_three_week_cadence(cast):
    ReportingConfigFactory(
        programme=cast.programme,
        cadence="weeks",
        period_weeks=3,
        first_period_start=date(2024, 1, 1),
    )
    periods = ensure_periods(cast.programme, date(2024, 2, 1))
    assert [(p.start, p.end) for p in periods] == [
        (date(2024, 1, 1), date(2024, 1, 21)),
        (date(2024, 1, 22), date(2024, 2, 11)),
    ]


def test_working_days_skip_weekends():
    assert working_days_before(date(2024, 1, 8), 1) == date(2024, 1, 5)  # Monday → Friday


def test_red_light_needs_an_explanation(cast, periods):
    report = services.report_start(project=cast.project, period=periods[0], user=None)
    with pytest.raises(ValidationError) as exc:
        services.report_update(
            report=report, data={"schedule": "red"}, expected_version=report.version
        )
    assert exc.value.message_dict == {
        "schedule_note": ["Bitte erläutern Sie, warum „Termine“ nicht grün ist."]
    }
    report.refresh_from_db()
    assert report.schedule == "green"


def test_stale_version_is_refused(cast, periods):
    report = services.report_start(project=cast.project, period=periods[0], user=None)
    services.report_update(report=report, data={"summary": "A"}, expected_version=1)
    stale = StatusReport.objects.get(pk=report.pk)
    with pytest.raises(EditConflict):
        services.report_update(report=stale, data={"summary": "B"}, expected_version=1)


def test_workflow_and_prefill(cast, periods):
    lead, pmo = cast.users["project_lead"], cast.users["pmo"]
    first = services.report_start(project=cast.project, period=periods[0], user=lead)
    assert first.vision == ""  # the cast project has no goals
    services.report_update(
        report=first,
        data={"overall": "amber", "overall_note": "Verzug", "next_steps": "A\nB"},
        expected_version=first.version,
    )
    services.report_submit(report=first, user=lead)
    with pytest.raises(ValidationError):
        services.report_update(report=first, data={"summary": "x"}, expected_version=None)
    services.report_return(report=first, user=pmo, comment="Bitte Meilensteine ergänzen")
    assert first.state == "returned"
    services.report_submit(report=first, user=lead)
    services.report_accept(report=first, user=pmo)
    assert first.state == "accepted" and first.reviewed_by == pmo
    with pytest.raises(ValidationError):
        services.report_return(report=first, user=pmo, comment="zu spät")

    second = services.report_start(project=cast.project, period=periods[1], user=lead)
    assert (second.overall, second.overall_note, second.next_steps) == ("amber", "Verzug", "A\nB")
    assert second.achievements == ""  # achievements are new each period
    services.report_update(
        report=second, data={"overall": "green"}, expected_version=second.version
    )
    assert trend(second.overall, first.overall) == Trend.BETTER
    assert [c.field for c in changes_since(second, first)] == ["overall"]


def test_return_needs_a_comment(cast, periods):
    report = services.report_start(project=cast.project, period=periods[0], user=None)
    services.report_submit(report=report, user=None)
    with pytest.raises(ValidationError) as exc:
        services.report_return(report=report, user=None, comment="  ")
    assert "review_comment" in exc.value.message_dict


def test_accepted_report_is_frozen(cast, periods):
    milestone = MilestoneFactory(
        project=cast.project, title="Go-live", planned_date=date(2024, 6, 1)
    )
    risk = RiskFactory(project=cast.project, title="Personal fehlt", probability=3, impact=4)
    report = services.report_start(project=cast.project, period=periods[0], user=None)
    services.report_submit(report=report, user=None)
    services.report_accept(report=report, user=None)
    # Later changes to the project ...
    milestone.forecast_date = date(2024, 9, 1)
    milestone.save()
    risk.delete()
    MilestoneFactory(project=cast.project, title="Neu", planned_date=date(2024, 7, 1))
    # ... do not change what the accepted report shows.
    shown = as_of_report(StatusReport.objects.get(pk=report.pk))
    assert shown["frozen"] is True
    assert [(m["title"], m["forecast_date"]) for m in shown["milestones"]] == [("Go-live", None)]
    assert [r["title"] for r in shown["risks"]] == ["Personal fehlt"]


def test_draft_shows_the_live_project(cast, periods):
    report = services.report_start(project=cast.project, period=periods[0], user=None)
    MilestoneFactory(project=cast.project, title="Live", planned_date=date(2024, 6, 1))
    assert [m["title"] for m in as_of_report(report)["milestones"]] == ["Live"]


@pytest.mark.parametrize(
    "planned,forecast,actual,days",
    [
        (date(2024, 6, 1), None, None, 0),
        (date(2024, 6, 1), date(2024, 6, 11), None, 10),
        (date(2024, 6, 1), date(2024, 6, 11), date(2024, 5, 30), -2),
    ],
)
def test_slippage(planned, forecast, actual, days):
    milestone = Milestone(
        title="M", planned_date=planned, forecast_date=forecast, actual_date=actual
    )
    assert milestone.slippage_days == days


def test_trend():
    assert trend("red", "amber") == Trend.WORSE
    assert trend("amber", "amber") == Trend.SAME
    assert trend("green", "red") == Trend.BETTER
    assert trend("green", None) is None


def test_resubmission_keeps_the_first_submission_time(cast, periods):
    report = services.report_start(project=cast.project, period=periods[0], user=None)
    services.report_submit(report=report, user=None)
    first = report.first_submitted_at
    services.report_return(report=report, user=None, comment="Bitte ergänzen")
    services.report_submit(report=report, user=None)
    assert report.first_submitted_at == first
    assert report.submitted_at > first


def test_a_milestone_forecast_early_is_not_slipping():
    from lotse.reporting.cockpit import milestone_slipping

    today = date(2024, 6, 5)
    early = {
        "planned_date": date(2024, 6, 10),
        "forecast_date": date(2024, 6, 1),
        "actual_date": None,
    }
    late = {
        "planned_date": date(2024, 6, 10),
        "forecast_date": date(2024, 6, 20),
        "actual_date": None,
    }
    missed = {"planned_date": date(2024, 6, 1), "forecast_date": None, "actual_date": None}
    assert not milestone_slipping(early, today)
    assert milestone_slipping(late, today) and milestone_slipping(missed, today)
