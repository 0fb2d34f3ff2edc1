"""Controlling (plan vs. actual): milestone delay, share on time, reports on time, charts."""

import re
from datetime import date
from datetime import datetime
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.documents.svg import bar_chart
from lotse.documents.svg import period_chart
from lotse.portfolio.models import Project
from lotse.reporting import controlling
from lotse.reporting.cockpit import milestone_delay
from tests.factories import FieldOfActionFactory
from tests.pdf import pdf_text
from tests.queries import assert_constant_queries
from tests.reporting.factories import MilestoneFactory
from tests.reporting.factories import StatusReportFactory
from tests.reporting.test_programme_cockpit import finish_cast_projects
from tests.reporting.test_programme_cockpit import fixed_periods
from tests.reporting.test_programme_cockpit import grow
from tests.reporting.test_programme_cockpit import live_periods
from tests.reporting.test_programme_cockpit import plain
from tests.reporting.test_programme_cockpit import running

TODAY = date(2026, 11, 23)


@pytest.fixture
def three_milestones(cast):
    """One project: one milestone done on time, one forecast within plan, one 10 days late."""
    project = running(cast.field, "Messbares Projekt")
    MilestoneFactory(
        project=project, title="A", planned_date=date(2026, 3, 1), actual_date=date(2026, 2, 27)
    )
    MilestoneFactory(
        project=project,
        title="B",
        planned_date=date(2027, 1, 31),
        forecast_date=date(2027, 1, 20),
    )
    MilestoneFactory(
        project=project, title="C", planned_date=date(2026, 6, 1), actual_date=date(2026, 6, 11)
    )
    return project


def test_share_on_time_and_slippage(cast, three_milestones):
    data = controlling.milestone_controlling(cast.programme, TODAY)
    (line,) = data["projects"]
    assert line.project == three_milestones
    assert (line.stats.count, line.stats.on_time, line.stats.late) == (3, 2, 1)
    assert line.stats.share_on_time == pytest.approx(2 / 3)
    assert line.stats.max_delay == 10
    assert line.stats.average_delay == pytest.approx(10 / 3)  # early counts as 0, not -2
    total = data["total"]
    assert (total.count, total.on_time, total.max_delay) == (3, 2, 10)
    (field_line,) = data["fields"]
    assert field_line.field == cast.field and field_line.stats.on_time == 2


@pytest.mark.parametrize(
    "planned,forecast,actual,delay",
    [
        (date(2026, 11, 1), None, date(2026, 11, 11), 10),  # done late
        (date(2026, 11, 1), None, date(2026, 10, 30), -2),  # done early
        (date(2026, 12, 1), date(2026, 12, 8), None, 7),  # forecast later
        (date(2026, 11, 13), None, None, 10),  # passed, not done: until today
        (date(2026, 11, 13), date(2026, 11, 20), None, 10),  # forecast passed too
        (date(2026, 12, 1), None, None, 0),  # ahead, on plan
    ],
)
def test_milestone_delay(planned, forecast, actual, delay):
    assert milestone_delay(planned, forecast, actual, TODAY) == delay


def test_programme_and_fields_and_largest_delay_first(cast, three_milestones):
    other = FieldOfActionFactory(programme=cast.programme, name="Intern")
    late = running(other, "Sehr spät")
    MilestoneFactory(project=late, title="X", planned_date=date(2026, 10, 24))  # 30 days
    data = controlling.milestone_controlling(cast.programme, TODAY)
    assert [line.project.title for line in data["projects"]] == ["Sehr spät", "Messbares Projekt"]
    assert (data["total"].count, data["total"].on_time, data["total"].max_delay) == (4, 2, 30)
    assert data["total"].average_delay == pytest.approx(40 / 4)
    fields = {line.field.name: line.stats for line in data["fields"]}
    assert fields["Intern"].share_on_time == 0
    assert fields[cast.field.name].share_on_time == pytest.approx(2 / 3)


def _submitted(day: date, hour: int = 23) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=hour))


def test_reports_on_time_per_period(cast):
    finish_cast_projects(cast)
    periods = fixed_periods(cast.programme)[-3:]
    period = periods[1]
    a, b, c = (running(cast.field, t) for t in ("A", "B", "C"))
    later = running(cast.field, "Erst nach der Periode angelegt")
    Project.objects.exclude(pk=later.pk).update(created_at=_submitted(date(2026, 1, 1)))
    Project.objects.filter(pk=later.pk).update(created_at=_submitted(date(2026, 11, 10)))
    # late on the due date Berlin time still counts as on time
    StatusReportFactory(
        project=a, period=period, state="submitted", first_submitted_at=_submitted(period.due_date)
    )
    StatusReportFactory(
        project=b,
        period=period,
        state="accepted",
        first_submitted_at=_submitted(period.due_date + timedelta(days=1), 9),
    )
    StatusReportFactory(project=c, period=period, state="draft")
    lines = controlling.report_punctuality(cast.programme, periods)
    line = lines[1]
    assert (line.expected, line.on_time, line.late, line.missing) == (3, 1, 1, 1)
    assert line.percent_on_time == pytest.approx(100 / 3)
    assert [(x.on_time, x.late) for x in (lines[0], lines[2])] == [(0, 0), (0, 0)]
    # the project created after the periods is expected only from the period it existed in
    assert [x.expected for x in lines] == [3, 3, 4]


def test_page_has_charts_with_table_alternatives(cast, three_milestones):
    live_periods(cast.programme, 3)
    url = reverse("reporting:controlling", args=[cast.programme.slug])
    response = cast.client("pmo").get(url)
    assert response.status_code == 200
    html = response.content.decode()
    charts = re.findall(r"<svg [^>]*>", html)
    assert len(charts) == 3
    for tag in charts:
        chart_id = re.search(r'id="([^"]+)"', tag).group(1)
        assert 'role="img"' in tag
        assert f'aria-labelledby="{chart_id}-title {chart_id}-desc"' in tag
        assert f'<title id="{chart_id}-title">' in html
        assert f'<desc id="{chart_id}-desc">' in html
        # a data table follows right after the chart
        after = html[html.index(tag) :]
        assert after.index("</svg>") < after.index("<table") < after.index("</section>")
    assert 'style="' not in html  # CSP: no inline styles
    page = plain(html)
    assert "davon im Plan 2 (67 %)" in page
    assert "größter Verzug 10 Tage" in page
    assert "Messbares Projekt Digitaler Bürgerservice 3 2 67 % 3,3 10" in page


def test_page_without_milestones(cast):
    url = reverse("reporting:controlling", args=[cast.programme.slug])
    response = cast.client("viewer").get(url)
    assert response.status_code == 200
    assert "noch keine Meilensteine" in response.content.decode()


def test_bar_chart_escapes_and_scales():
    svg = bar_chart(
        chart_id="c",
        title="Titel <b>",
        desc="Beschreibung",
        items=[("<script>alert(1)</script>", 10), ("Halb", 5), ("Nichts", None)],
        unit=" Tage",
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "Titel &lt;b&gt;" in svg
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)"', svg)]
    assert len(widths) == 2 and widths[0] == pytest.approx(2 * widths[1])
    assert "10 Tage" in svg and "5 Tage" in svg


def test_period_chart_formats_german_numbers():
    svg = period_chart(
        chart_id="p",
        title="T",
        desc="D",
        items=[("01/26", 33.333), ("02/26", None), ("03/26", 100)],
        unit=" %",
        max_value=100,
        decimals=1,
        kind="line",
    )
    assert "33,3 %" in svg
    assert "<polyline" in svg and svg.count("<circle") == 2


@pytest.mark.pdf
def test_svg_chart_renders_in_a_pdf(tmp_path):
    from lotse.documents import typeset as ts

    svg = bar_chart(
        chart_id="c", title="Verzug", desc="d", items=[("Kommunalportal", 12)], unit=" Tage"
    )
    data = {"title": "Test", "blocks": [ts.para("Vorher"), ts.figure(svg, "Verzug", "Grafik")]}
    pdf = ts.render("documents/blocks.typ", data)
    content = pdf_text(pdf)
    assert "Kommunalportal" in content and "12 Tage" in content


def test_controlling_queries_do_not_grow_with_projects(cast):
    periods = live_periods(cast.programme, 12)
    url = reverse("reporting:controlling", args=[cast.programme.slug])
    # 10 projects already show every kind of row; 30 (not 500) is enough to show a query
    # per project, and past the 20 of the delay chart.
    assert_constant_queries(cast.client("pmo"), url, lambda n: grow(cast, n, periods), (10, 30))
