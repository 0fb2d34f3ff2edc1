"""Dates follow the language the person chose (English: 03/10/2025, German: 10.03.2025) on
the internal pages; key results show days as days and counts without "Anzahl"."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from lotse.okr.models import KeyResult
from tests.council_reports.factories import ArchivedReportFactory
from tests.reporting.factories import ReportingPeriodFactory
from tests.reporting.factories import StatusReportFactory

from .governance.conftest import meeting_of  # noqa: F401 (fixture)
from .governance.conftest import tk  # noqa: F401 (fixture)
from .okr.conftest import okr  # noqa: F401 (fixture)

GERMAN_DATE = re.compile(r"\b\d{2}\.\d{2}\.\d{4}\b")


def _english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def dated(cast, tk):  # noqa: F811
    meeting = meeting_of(tk, date(2025, 3, 11))
    period = ReportingPeriodFactory(
        programme=cast.programme,
        start=date(2025, 3, 3),
        end=date(2025, 3, 30),
        due_date=date(2025, 3, 24),
    )
    report = StatusReportFactory(project=cast.project, period=period)
    ArchivedReportFactory(programme=cast.programme, created_by=cast.users["pmo"])
    return meeting, report


def test_english_pages_show_english_dates(cast, dated):
    meeting, report = dated
    client = _english(cast.client("pmo"))
    pages = {
        "meeting": reverse("governance:meeting_detail", args=[meeting.pk]),
        "series": reverse("governance:series_detail", args=[meeting.series_id]),
        "series list": reverse("governance:series_list", args=[cast.programme.slug]),
        "report": report.get_absolute_url(),
        "archive": reverse("council_reports:index", args=[cast.programme.slug]),
    }
    for name, url in pages.items():
        page = client.get(url).content.decode()
        assert '<html lang="en"' in page, name
        assert not GERMAN_DATE.findall(page), (name, GERMAN_DATE.findall(page)[:3])
    meeting_page = client.get(pages["meeting"]).content.decode()
    assert "Tuesday, 03/11/2025" in meeting_page
    assert "03/03/2025 – 03/30/2025" in client.get(pages["report"]).content.decode()
    assert "01/31/2025" in client.get(pages["archive"]).content.decode()


def test_german_pages_keep_german_dates(cast, dated):
    meeting, report = dated
    client = cast.client("pmo")
    assert (
        "Dienstag, 11.03.2025"
        in client.get(reverse("governance:meeting_detail", args=[meeting.pk])).content.decode()
    )
    assert "03.03.2025 – 30.03.2025" in client.get(report.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("unit", "value", "german", "english"),
    [
        ("number", 1200, "1.200", "1,200"),
        ("number", "2.5", "2,50", "2.50"),
        ("percent", 25, "25 %", "25 %"),
        ("eur", 76800, "76.800 €", "76,800 €"),
        ("days", 7, "7 Tage", "7 days"),
        ("days", 1, "1 Tag", "1 day"),
    ],
)
def test_key_result_values_in_their_unit(unit, value, german, english):
    key_result = KeyResult(unit=unit)
    with translation.override("de"):
        assert key_result.format_value(Decimal(str(value))) == german
    with translation.override("en"):
        assert key_result.format_value(Decimal(str(value))) == english


def test_okr_page_shows_days_as_days_and_counts_without_anzahl(cast, okr):  # noqa: F811
    KeyResult.objects.create(
        objective=okr.objective,
        title="Durchschnittliche Bearbeitungszeit",
        kind="decrease_to",
        unit="days",
        start_value=14,
        target_value=7,
    )
    page = cast.client("viewer").get(reverse("okr:project_okrs", args=[cast.project.pk]))
    html = page.content.decode()
    assert "14 Tage → 7 Tage" in html
    assert "100 → 300" in html  # the count of online applications, no unit
    assert "Anzahl" not in html
    assert "14,00" not in html and "300,00" not in html
    detail = cast.client("viewer").get(reverse("okr:key_result_detail", args=[okr.key_result.pk]))
    assert "Anzahl" not in detail.content.decode()
