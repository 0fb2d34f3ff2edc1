"""The status report's budget light: Lotse suggests, the lead may deviate and explains; the
frozen snapshot keeps the figures as of submission."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lotse.finance import services as finance
from lotse.reporting import services
from lotse.reporting.models import StatusReport
from lotse.reporting.periods import ensure_periods
from tests.reporting.factories import ReportingConfigFactory

from .conftest import make_line


@pytest.fixture
def report(cast):
    ReportingConfigFactory(programme=cast.programme, first_period_start=date(2024, 1, 1))
    march = ensure_periods(cast.programme, date(2024, 3, 15))[2]
    line = make_line(cast.programme, project=cast.project, year_from=2024, amount=Decimal("120000"))
    # 90.000 € by the end of March: 360.000 € at this pace, far above plan plus tolerance
    finance.actual_set(line=line, month=date(2024, 3, 1), actual=Decimal("90000"))
    return services.report_start(project=cast.project, period=march, user=None), line


def test_budget_light_suggestion_and_deviation_needs_a_reason(report):
    report, _line = report
    figures = services.budget_suggestion(report)
    assert (figures["year"], figures["plan"], figures["suggestion"]) == (2024, "120000.00", "amber")
    with pytest.raises(ValidationError) as caught:
        services.report_update(report=report, data={"budget": "green"}, expected_version=None)
    assert "schlägt Lotse für das Budget „gelb“ vor" in caught.value.message_dict["budget_note"][0]
    services.report_update(
        report=report,
        data={"budget": "green", "budget_note": "Große Rechnung vorgezogen, Jahr bleibt im Plan."},
        expected_version=None,
    )
    services.report_update(report=report, data={"budget": "amber"}, expected_version=None)


def test_snapshot_keeps_the_figures_as_of_submission(cast, report):
    report, line = report
    services.report_update(
        report=report, data={"budget": "amber", "budget_note": "zu schnell"}, expected_version=None
    )
    services.report_submit(report=report, user=cast.users["project_lead"])
    frozen = StatusReport.objects.get(pk=report.pk).snapshot["finance"]
    assert (frozen["plan"], frozen["actual"], frozen["suggestion"]) == (
        "120000.00",
        "90000.00",
        "amber",
    )
    finance.actual_set(line=line, month=date(2024, 4, 1), actual=Decimal("10000"))
    html = cast.client("viewer").get(reverse("reporting:report_detail", args=[report.pk]))
    text = html.content.decode()
    assert "90.000,00 €" in text and "100.000,00 €" not in text


def test_form_shows_the_suggestion(cast, report):
    report, _line = report
    html = cast.client("project_lead").get(reverse("reporting:report_edit", args=[report.pk]))
    assert "Vorschlag für die Budget-Ampel aus den Finanzen: gelb" in html.content.decode()


def test_a_new_report_starts_with_the_suggested_budget_light(cast, report):
    report, line = report
    assert report.budget == "amber"  # 90.000 € of 120.000 € by March
    services.report_update(
        report=report, data={"budget": "green", "budget_note": "vorgezogen"}, expected_version=None
    )
    april = ensure_periods(cast.programme, date(2024, 4, 15))[3]
    finance.actual_set(line=line, month=date(2024, 4, 1), actual=Decimal("60000"))
    follow_up = services.report_start(project=cast.project, period=april, user=None)
    assert follow_up.budget == "red"  # 150.000 € spent: the suggestion, not last month's green


def test_without_a_plan_the_budget_light_is_carried_over(cast):
    ReportingConfigFactory(programme=cast.programme, first_period_start=date(2024, 1, 1))
    periods = ensure_periods(cast.programme, date(2024, 4, 15))
    first = services.report_start(project=cast.project, period=periods[2], user=None)
    services.report_update(
        report=first, data={"budget": "amber", "budget_note": "offen"}, expected_version=None
    )
    second = services.report_start(project=cast.project, period=periods[3], user=None)
    assert second.budget == "amber"
