"""Pages read reporting periods, services store them: a period the rhythm already has but
nobody stored yet is shown all the same (unsaved, without reports); the crawl over every page
is tests/reporting/test_crawl_writes_nothing.py."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.reporting import services
from lotse.reporting.models import ReportingConfig
from lotse.reporting.models import ReportingPeriod
from lotse.reporting.models import StatusReport
from lotse.reporting.periods import ensure_periods
from lotse.reporting.periods import periods_until
from tests.reporting.factories import ReportingConfigFactory

pytestmark = pytest.mark.django_db


def test_pages_show_a_period_not_stored_yet(cast):
    today = timezone.localdate()
    client = cast.client("pmo")
    for name in ("programme_cockpit", "projektcheck", "controlling", "settings"):
        response = client.get(reverse(f"reporting:{name}", args=[cast.programme.slug]))
        assert response.status_code == 200, name
    response = client.get(reverse("reporting:project_cockpit", args=[cast.project.pk]))
    assert response.status_code == 200
    start_url = reverse("reporting:report_start_current", args=[cast.project.pk])
    assert start_url in response.content.decode()
    assert not ReportingPeriod.objects.exists()
    assert not ReportingConfig.objects.exists()
    # The API lists the running period with id null.
    url: str | None = f"/api/v1/programmes/{cast.programme.slug}/periods"
    listed: list[dict] = []
    while url:  # every list of the API comes in pages (count, next, previous, items)
        api = client.get(url)
        assert api.status_code == 200
        listed += api.json()["items"]
        url = api.json()["next"]
    assert listed[-1]["id"] is None
    assert listed[-1]["start"] == today.replace(day=1).isoformat()
    # Starting the report stores the period (a POST may write).
    assert client.post(start_url).status_code == 302
    report = StatusReport.objects.get(project=cast.project)
    assert report.period.start == today.replace(day=1)


def test_cockpit_can_choose_a_period_not_stored_yet(cast):
    ReportingConfigFactory(programme=cast.programme, first_period_start=date(2024, 1, 1))
    ensure_periods(cast.programme, date(2024, 2, 15))
    ReportingPeriod.objects.filter(start=date(2024, 2, 1)).delete()
    url = reverse("reporting:programme_cockpit", args=[cast.programme.slug])
    response = cast.client("pmo").get(url, {"period": "2024-02-01"})
    assert response.status_code == 200
    assert response.context["period"].start == date(2024, 2, 1)
    assert response.context["period"].pk is None
    assert ReportingPeriod.objects.count() == 1


def test_saving_the_rhythm_stores_the_periods_up_to_today(cast):
    today = timezone.localdate()
    url = reverse("reporting:settings", args=[cast.programme.slug])
    data = {
        "cadence": "monthly",
        "period_weeks": 3,
        "first_period_start": date(today.year, 1, 1).isoformat(),
        "due_working_days": 5,
        "reminder_days_before": 2,
    }
    assert cast.client("pmo").post(url, data).status_code == 302
    stored = list(ReportingPeriod.objects.filter(programme=cast.programme))
    assert [p.start for p in stored] == [p.start for p in periods_until(cast.programme, today)]
    assert len(stored) == today.month


def test_changing_due_working_days_moves_only_due_dates_still_to_come(cast):
    today = date(2024, 3, 12)
    config = ReportingConfigFactory(
        programme=cast.programme, first_period_start=date(2024, 1, 1), due_working_days=5
    )
    periods = ensure_periods(cast.programme, date(2024, 5, 1))
    before = {p.start: p.due_date for p in periods}
    services.reporting_config_update(config=config, data={"due_working_days": 8}, today=today)
    after = {
        p.start: p.due_date for p in ReportingPeriod.objects.filter(programme=config.programme)
    }
    # January and February: their due dates have passed and stay.
    assert after[date(2024, 1, 1)] == before[date(2024, 1, 1)]
    assert after[date(2024, 2, 1)] == before[date(2024, 2, 1)]
    # March (due 22.03. before, now eight working days before 31.03.), April, May move.
    assert after[date(2024, 3, 1)] == date(2024, 3, 19)
    for start in (date(2024, 3, 1), date(2024, 4, 1), date(2024, 5, 1)):
        assert after[start] < before[start]
        assert after[start] >= today
    # A due date that would land before today is not moved into the past.
    services.reporting_config_update(config=config, data={"due_working_days": 14}, today=today)
    march = ReportingPeriod.objects.get(programme=cast.programme, start=date(2024, 3, 1))
    assert march.due_date == date(2024, 3, 19)


def test_a_period_chosen_by_its_start_is_found_once_stored(cast):
    from lotse.reporting.views.programme import ProjektcheckForm

    ReportingConfigFactory(programme=cast.programme, first_period_start=date(2024, 1, 1))
    stored = ensure_periods(cast.programme, date(2024, 3, 15))
    form = ProjektcheckForm({"period": "2024-02-01"}, periods=stored)
    assert form.chosen_period == stored[1]
    assert (
        ProjektcheckForm({"period": str(stored[0].pk)}, periods=stored).chosen_period == (stored[0])
    )


def test_periods_until_reads_the_stored_periods_whole(cast, django_assert_num_queries):
    """The written-out read of the stored periods: every field, the stored rows as they are
    (one of them from an earlier rhythm), in order of their start, one query."""
    ReportingConfigFactory(programme=cast.programme, first_period_start=date(2024, 3, 1))
    stored = ensure_periods(cast.programme, date(2024, 6, 10))
    earlier = ReportingPeriod.objects.create(
        programme=cast.programme,
        start=date(2024, 1, 15),
        end=date(2024, 2, 14),
        due_date=date(2024, 2, 9),
    )
    ReportingPeriod.objects.filter(pk=stored[1].pk).update(due_date=date(2024, 4, 2))
    programme = (
        type(cast.programme).objects.select_related("reporting_config").get(pk=cast.programme.pk)
    )
    with django_assert_num_queries(1):
        periods = periods_until(programme, date(2024, 7, 3))
    expected = [
        earlier,
        *ReportingPeriod.objects.filter(programme=cast.programme, start__gte=date(2024, 3, 1)),
    ]
    assert [p.pk for p in periods[:-1]] == [p.pk for p in expected]
    for period, row in zip(periods, expected, strict=False):
        assert not period.get_deferred_fields()
        assert (period.programme_id, period.start, period.end, period.due_date) == (
            row.programme_id,
            row.start,
            row.end,
            row.due_date,
        )
    assert periods[-1].pk is None and periods[-1].start == date(2024, 7, 1)
    assert periods[-1].end == date(2024, 7, 31)
