"""The milestone and risk sections and the report history built in Python (issue 14): every
text a user typed is escaped, German and English are right, and the cockpit's written-out SQL
reads the project's items in the models' own order."""

from datetime import date
from datetime import timedelta

import pytest
from django.utils import translation

from lotse.reporting.models import DecisionRequest
from lotse.reporting.models import Milestone
from lotse.reporting.models import Risk
from lotse.reporting.presentation import MilestoneRow
from lotse.reporting.presentation import RiskRow
from lotse.reporting.presentation import risk_matrix
from lotse.reporting.presentation import timeline
from lotse.reporting.project_reads import project_items
from lotse.reporting.project_reads import project_reports
from lotse.reporting.templatetags.report_sections import milestone_section
from lotse.reporting.templatetags.report_sections import risk_section
from tests.reporting.factories import DecisionRequestFactory
from tests.reporting.factories import MilestoneFactory
from tests.reporting.factories import RiskFactory
from tests.reporting.factories import StatusReportFactory
from tests.reporting.factories import live_periods

EVIL = '<script>alert("x")</script> & Co'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co"


def _milestone(**fields) -> MilestoneRow:
    planned = date(2026, 3, 1)
    values = {
        "id": 7,
        "title": EVIL,
        "planned_date": planned,
        "forecast_date": planned + timedelta(days=5),
        "actual_date": None,
        "slippage_days": 5,
    }
    return MilestoneRow(**(values | fields))


def _risk(**fields) -> RiskRow:
    values = {
        "id": 9,
        "title": EVIL,
        "description": f"erste Zeile\n{EVIL}",
        "probability": 3,
        "impact": 4,
        "owner": EVIL,
        "mitigation": f"{EVIL}\nzweite Zeile",
        "status": "open",
        "status_label": "offen",
    }
    return RiskRow(**(values | fields))


def _milestones_html(editable: bool = True) -> str:
    rows = [_milestone()]
    return milestone_section(rows, timeline(rows, date(2026, 3, 10)), editable, "chart")


def _risks_html(editable: bool = True) -> str:
    rows = [_risk()]
    return risk_section(rows, risk_matrix(rows), editable, "matrix")


@pytest.mark.parametrize("build", [_milestones_html, _risks_html])
def test_user_text_is_escaped(build):
    html = build()
    assert "<script>" not in html
    assert "&amp; Co" in html and "& Co" not in html
    assert ESCAPED in html


def test_milestone_title_is_escaped_everywhere_it_stands():
    html = _milestones_html()
    # the SVG row's title and label, the table's row heading, both links' hidden names
    assert html.count(ESCAPED) == 5
    longer = _milestone(title=EVIL + "!")  # 33 characters: the chart's label is shortened
    html = milestone_section([longer], timeline([longer], date(2026, 3, 10)), False, "c")
    assert ">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; C…</text>" in html


def test_risk_texts_are_escaped_and_keep_their_line_breaks():
    html = _risks_html()
    assert f'<span class="risk-description">erste Zeile<br>{ESCAPED}</span>' in html
    assert f"<td>{ESCAPED}<br>zweite Zeile</td>" in html
    assert f"<td>{ESCAPED}</td>" in html  # the owner
    assert f"<li>{ESCAPED}</li>" in html  # in its cell of the matrix


def test_row_links_name_the_item_for_screen_readers():
    milestones, risks = _milestones_html(), _risks_html()
    hidden = f'<span class="visually-hidden"> {ESCAPED}</span></a>'
    assert f'<a href="/meilensteine/7/bearbeiten/">bearbeiten{hidden}' in milestones
    assert f'<a href="/risiken/9/loeschen/">löschen{hidden}' in risks
    assert "bearbeiten" not in _milestones_html(editable=False)
    assert "Aktionen" not in _risks_html(editable=False)


def test_sections_in_english():
    with translation.override("en"):
        assert "Risk matrix" in _risks_html()
        assert ">edit<" in _milestones_html() and ">delete<" in _milestones_html()
        assert "<span>1 risk</span>" in _risks_html()
        assert "No risks recorded yet." in risk_section([], risk_matrix([]), True, "m")


def test_empty_sections_say_so():
    assert "Noch keine Meilensteine erfasst." in milestone_section([], None, True, "c")
    assert "Noch keine Risiken erfasst." in risk_section([], risk_matrix([]), True, "m")


@pytest.mark.django_db
def test_project_items_are_in_the_models_order(cast):
    """The written-out SQL orders like the models' default ordering (ties included) and
    reads only the project's open requests."""
    day = date(2026, 5, 1)
    for title, planned, order in [("c", day, 2), ("a", day, 1), ("b", day - timedelta(1), 5)]:
        MilestoneFactory(project=cast.project, title=title, planned_date=planned, order=order)
    MilestoneFactory(project=cast.other_project, title="fremd", planned_date=day)
    for title, p, i in [("r1", 2, 2), ("r2", 4, 1), ("r3", 2, 2), ("r4", 2, 3)]:
        RiskFactory(project=cast.project, title=title, probability=p, impact=i)
    for question, needed_by in [("q1", day), ("q2", None), ("q3", day - timedelta(3))]:
        DecisionRequestFactory(project=cast.project, question=question, needed_by=needed_by)
    DecisionRequestFactory(project=cast.project, question="zu", status="decided")

    items = project_items(cast.project.pk)

    assert [m.title for m in items["milestones"]] == [
        m.title for m in Milestone.objects.filter(project=cast.project)
    ]
    assert [m.title for m in items["milestones"]] == ["b", "a", "c"]
    assert [r.title for r in items["risks"]] == [
        r.title for r in Risk.objects.filter(project=cast.project)
    ]
    assert [d.question for d in items["decision_requests"]] == [
        d.question for d in DecisionRequest.objects.filter(project=cast.project, status="open")
    ]
    assert len(items["decision_requests"]) == 3
    assert items["risks"][0].status_label == "offen"


@pytest.mark.django_db
def test_project_reports_oldest_first_with_the_loaded_periods(cast, django_assert_num_queries):
    periods = live_periods(cast.programme, 4)
    for period in (periods[2], periods[0], periods[3]):
        StatusReportFactory(project=cast.project, period=period)
    StatusReportFactory(project=cast.other_project, period=periods[1])

    with django_assert_num_queries(1):
        reports = project_reports(cast.project.pk, periods)
        starts = [report.period.start for report in reports]

    assert starts == [periods[0].start, periods[2].start, periods[3].start]
    assert all(any(report.period is p for p in periods) for report in reports)
