from datetime import date

import pytest
from django.urls import reverse

from lotse.portfolio.models import Programme
from lotse.reporting import services
from lotse.reporting.models import ReportingConfig
from lotse.reporting.models import ReportingPeriod
from lotse.reporting.periods import ensure_periods
from tests.navigation import marked_tab
from tests.reporting.factories import ReportingConfigFactory
from tests.roles import ALL_ROLES
from tests.roles import OFFICE
from tests.roles import page_status


def _url(cast):
    return reverse("reporting:settings", args=[cast.programme.slug])


@pytest.mark.parametrize("role", ALL_ROLES)
def test_settings_access(cast, role):
    assert cast.client(role).get(_url(cast)).status_code == page_status(role, OFFICE)


def test_the_settings_mark_the_cockpit_tab_whose_page_links_them(cast):
    """QA: the Berichtsrhythmus marked no tab; its link sits on the programme cockpit."""
    client = cast.client("pmo")
    cockpit = reverse("reporting:programme_cockpit", args=[cast.programme.slug])
    assert _url(cast) in client.get(cockpit).content.decode()
    assert marked_tab(client.get(_url(cast)).content.decode()) == cockpit


def _data(**overrides):
    data = {
        "cadence": "weeks",
        "period_weeks": 3,
        "first_period_start": "2024-03-04",
        "due_working_days": 5,
        "reminder_days_before": 2,
    }
    data.update(overrides)
    return data


def test_switch_to_three_weeks_keeps_reported_periods(cast):
    ReportingConfigFactory(programme=cast.programme, first_period_start=date(2024, 1, 1))
    periods = ensure_periods(cast.programme, date(2024, 4, 15))
    services.report_start(project=cast.project, period=periods[0], user=None)
    response = cast.client("pmo").post(_url(cast), _data())
    assert response.status_code == 302
    programme = Programme.objects.get(pk=cast.programme.pk)  # fresh: the rhythm changed
    after = ensure_periods(programme, date(2024, 4, 15))
    # January (reported) and February (old rhythm, before the new start) stay.
    assert [p.pk for p in after[:2]] == [periods[0].pk, periods[1].pk]
    assert [(p.start, p.end) for p in after[2:]] == [
        (date(2024, 3, 4), date(2024, 3, 24)),
        (date(2024, 3, 25), date(2024, 4, 14)),
        (date(2024, 4, 15), date(2024, 5, 5)),
    ]
    # The empty March period of the old rhythm overlapped the new one and is gone.
    assert not ReportingPeriod.objects.filter(start=date(2024, 3, 1)).exists()


def test_new_rhythm_cannot_start_inside_a_reported_period(cast):
    ReportingConfigFactory(programme=cast.programme, first_period_start=date(2024, 1, 1))
    periods = ensure_periods(cast.programme, date(2024, 2, 15))
    services.report_start(project=cast.project, period=periods[1], user=None)
    response = cast.client("pmo").post(_url(cast), _data(first_period_start="2024-02-10"))
    assert response.status_code == 200
    assert "frühestens am 01.03.2024 beginnen" in response.content.decode()
    assert ReportingConfig.objects.get().cadence == "monthly"


def test_weeks_out_of_range_is_refused(cast):
    response = cast.client("pmo").post(_url(cast), _data(period_weeks=40))
    assert response.status_code == 200
    assert "period_weeks" in response.context["form"].errors


def test_changing_only_reminder_days_keeps_the_periods(cast):
    ReportingConfigFactory(programme=cast.programme, first_period_start=date(2024, 1, 1))
    periods = ensure_periods(cast.programme, date(2024, 2, 15))
    services.report_start(project=cast.project, period=periods[1], user=None)
    data = _data(cadence="monthly", first_period_start="2024-01-01", reminder_days_before=4)
    assert cast.client("pmo").post(_url(cast), data).status_code == 302
    assert ReportingConfig.objects.get().reminder_days_before == 4
    # The stored periods keep their dates; saving stores the rest up to today.
    kept = ReportingPeriod.objects.filter(pk__in=[p.pk for p in periods])
    assert [(p.start, p.end) for p in kept] == [(p.start, p.end) for p in periods]
    assert ReportingPeriod.objects.filter(start__gt=date(2024, 2, 1)).count() == (
        ReportingPeriod.objects.count() - 2
    )


def test_monthly_rhythm_starts_on_the_first(cast):
    response = cast.client("pmo").post(
        _url(cast), _data(cadence="monthly", first_period_start="2024-03-15")
    )
    assert response.status_code == 200
    assert "beginnen am Ersten eines Monats" in response.content.decode()


def test_a_programme_starting_later_still_has_a_current_period(cast):
    from lotse.reporting.periods import current_period

    ReportingConfigFactory(programme=cast.programme, first_period_start=date(2030, 1, 1))
    assert current_period(cast.programme, date(2026, 11, 23)).start == date(2030, 1, 1)
