"""Milestones, risks and decision requests as the pages show them: the project cockpit (live
model rows), a draft report (the live project) and a submitted report (its frozen snapshot)
show the same visible texts in their milestone, risk and decision-request sections."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.portfolio.models import DecisionBody
from lotse.reporting import services
from lotse.reporting.models import Risk
from lotse.reporting.models import StatusReport
from lotse.reporting.presentation import MilestoneRow
from lotse.reporting.presentation import RequestRow
from lotse.reporting.presentation import RiskRow
from lotse.reporting.presentation import risk_matrix
from lotse.reporting.selectors import as_of_report
from lotse.reporting.snapshots import take_snapshot
from tests.reporting.conftest import page_words
from tests.reporting.factories import DecisionRequestFactory
from tests.reporting.factories import MilestoneFactory
from tests.reporting.factories import RiskFactory
from tests.reporting.factories import live_periods


@pytest.fixture
def report(cast):
    today = timezone.localdate()
    periods = live_periods(cast.programme, 3)  # the current month and the two before
    MilestoneFactory(
        project=cast.project,
        title="Ausschreibung",
        planned_date=today + timedelta(days=10),
        forecast_date=today + timedelta(days=15),
    )
    MilestoneFactory(
        project=cast.project,
        title="Konzept",
        planned_date=today - timedelta(days=20),
        actual_date=today - timedelta(days=22),
    )
    MilestoneFactory(project=cast.project, title="Rollout", planned_date=today + timedelta(days=60))
    RiskFactory(
        project=cast.project,
        title="Personalengpass",
        probability=3,
        impact=4,
        owner="FB 12",
        mitigation="Externe Unterstützung",
        status=Risk.Status.MITIGATED,
    )
    RiskFactory(project=cast.project, title="Lieferverzug", probability=1, impact=2)
    RiskFactory(
        project=cast.project,
        title="Altlast",
        probability=4,
        impact=4,
        status=Risk.Status.CLOSED,
    )
    DecisionRequestFactory(
        project=cast.project,
        question="Zweiten Dienstleister beauftragen?",
        addressed_to=DecisionBody.STRATEGY_BK,
        needed_by=today + timedelta(days=7),
    )
    return services.report_start(project=cast.project, period=periods[-1], user=None)


def _section(page: str, heading_id: str) -> str:
    """The words of the card whose heading has `heading_id`, tags dropped."""
    start = page.index(f'aria-labelledby="{heading_id}"')
    return page_words(page[start : page.index("</section>", start)])


def _cell(page: str, matrix_id: str, probability: int, impact: int) -> str:
    table = page[page.index(f'id="{matrix_id}"') :]
    table = table[: table.index("</table>")]
    start = table.rindex("<td", 0, table.index(f'data-cell="{probability}-{impact}"'))
    return page_words(table[start : table.index("</td>", start)])


def _assert_sections(page: str, matrix_id: str) -> None:
    day = (timezone.localdate() + timedelta(days=7)).strftime("%d.%m.%Y")
    milestones = _section(page, "h-milestones")
    assert "Ausschreibung" in milestones and "+5 Tage" in milestones
    assert "Konzept" in milestones and "−2 Tage" in milestones
    assert "Rollout" in milestones and "im Plan" in milestones
    # the timeline draws every milestone, the late one with its slip line
    assert milestones.count("Ausschreibung") >= 2
    assert "tl-slip--late" in page and "tl-slip--early" in page

    risks = _section(page, "h-risks")
    # title, probability, impact, level, owner, mitigation, status label
    assert "Personalengpass 3 4 hoch FB 12 Externe Unterstützung gemindert" in risks
    assert "Lieferverzug 1 2 niedrig – – offen" in risks
    assert "Altlast 4 4 hoch – – geschlossen" in risks
    assert "risk-badge--high" in page and "risk-badge--low" in page
    # the matrix leaves closed risks out and names each cell's level
    assert _cell(page, matrix_id, 3, 4) == "hoch 1 Risiko Personalengpass"
    assert _cell(page, matrix_id, 1, 2) == "niedrig 1 Risiko Lieferverzug"
    assert _cell(page, matrix_id, 4, 4) == "hoch keine Risiken"
    assert _cell(page, matrix_id, 2, 2) == "mittel keine Risiken"

    requests = page[page.index('class="history-list decision-list"') :]
    requests = page_words(requests[: requests.index("</ul>")])
    assert f"Zweiten Dienstleister beauftragen? · an Strategie-BK · benötigt bis {day}" in requests


def test_cockpit_shows_the_live_rows(cast, report):
    page = cast.client("viewer").get(reverse("reporting:project_cockpit", args=[cast.project.pk]))
    _assert_sections(page.content.decode(), "cockpit-risk-matrix")


def test_cockpit_rows_carry_links_options_and_the_report(cast, report):
    """Only the live rows know options, recommendation and the report; edit links need ids."""
    request = cast.project.decision_requests.get()
    request.options, request.recommendation, request.report = "A oder B", "Lieber B", report
    request.save()
    page = cast.client("pmo").get(reverse("reporting:project_cockpit", args=[cast.project.pk]))
    page = page.content.decode()
    words = page_words(page)
    assert "Optionen: A oder B" in words and "Empfehlung: Lieber B" in words
    assert f"aus dem Statusbericht {report.period}" in words
    assert report.get_absolute_url() in page
    assert reverse("governance:request_detail", args=[request.pk]) in page
    assert reverse("reporting:decision_request_edit", args=[request.pk]) in page
    for m in cast.project.milestones.all():
        assert reverse("reporting:milestone_edit", args=[m.pk]) in page
    for r in cast.project.risks.all():
        assert reverse("reporting:risk_edit", args=[r.pk]) in page


def test_draft_report_shows_the_live_rows(cast, report):
    page = cast.client("viewer").get(reverse("reporting:report_detail", args=[report.pk]))
    page = page.content.decode()
    assert "Aktueller Stand des Projekts" in page
    _assert_sections(page, "report-risk-matrix")


def test_submitted_report_shows_the_snapshot_rows(cast, report):
    report = services.report_submit(report=report, user=None)
    assert report.state == StatusReport.State.SUBMITTED and report.snapshot
    # the project moves on; the report keeps its snapshot
    cast.project.milestones.all().delete()
    cast.project.risks.all().delete()
    cast.project.decision_requests.all().delete()
    page = cast.client("viewer").get(reverse("reporting:report_detail", args=[report.pk]))
    _assert_sections(page.content.decode(), "report-risk-matrix")


def test_rows_from_instance_and_snapshot_agree(cast, report):
    snap = take_snapshot(cast.project)
    parsed = as_of_report(report)
    live_m = [MilestoneRow.from_instance(m) for m in cast.project.milestones.all()]
    snap_m = [MilestoneRow.from_snapshot(m) for m in parsed["milestones"]]
    assert live_m == snap_m and len(live_m) == 3
    live_r = [RiskRow.from_instance(r) for r in cast.project.risks.all()]
    snap_r = [RiskRow.from_snapshot(r) for r in snap["risks"]]
    assert live_r == snap_r and len(live_r) == 3
    request = cast.project.decision_requests.get()
    live_d = RequestRow.from_instance(request)
    snap_d = RequestRow.from_snapshot(parsed["decision_requests"][0])
    assert (live_d.id, live_d.question, live_d.needed_by, live_d.addressed_label) == (
        snap_d.id,
        snap_d.question,
        snap_d.needed_by,
        snap_d.addressed_label,
    )
    matrix = risk_matrix(live_r)
    cell = matrix["rows"][1]["cells"][3]  # probability 3, impact 4
    assert [r.title for r in cell["risks"]] == ["Personalengpass"]
