"""Status report pages: access by role, the workflow, validation, snapshots and what they show."""

import re
from datetime import date
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.accounts.models import ProgrammeRole
from lotse.portfolio.services import project_update
from lotse.reporting import services
from lotse.reporting.models import DecisionRequest
from lotse.reporting.models import StatusReport
from tests.access import assert_post_access
from tests.factories import ProgrammeRoleFactory
from tests.factories import UserFactory
from tests.reporting.conftest import page_words
from tests.reporting.factories import DecisionRequestFactory
from tests.reporting.factories import MilestoneFactory
from tests.reporting.factories import RiskFactory
from tests.reporting.factories import live_periods
from tests.roles import ALL_ROLES
from tests.roles import OFFICE
from tests.roles import PROJECT_WRITERS
from tests.roles import READERS
from tests.roles import page_status


@pytest.fixture
def periods(cast):
    return live_periods(cast.programme, 3)  # the current month and the two before


@pytest.fixture
def report(cast, periods):
    return services.report_start(project=cast.project, period=periods[-1], user=None)


def _submitted(report, user=None):
    return services.report_submit(report=report, user=user)


def _accepted(report, user=None):
    return services.report_accept(report=_submitted(report, user), user=user)


def _report_data(report, **changes):
    data = {name: getattr(report, name) for name in services.EDITABLE}
    data["version"] = report.version
    data.update(changes)
    return data


def _text(response) -> str:
    return response.content.decode()


# ---------------------------------------------------------------------------------------------
# Access matrix


@pytest.mark.parametrize("role", ALL_ROLES)
def test_report_detail_access(cast, report, role):
    response = cast.client(role).get(reverse("reporting:report_detail", args=[report.pk]))
    assert response.status_code == page_status(role, READERS)
    if role == "anonymous":
        assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ALL_ROLES)
def test_report_edit_page_access(cast, report, role):
    response = cast.client(role).get(reverse("reporting:report_edit", args=[report.pk]))
    assert response.status_code == page_status(role, PROJECT_WRITERS)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_report_edit_post(cast, report, role):
    url = reverse("reporting:report_edit", args=[report.pk])
    data = _report_data(report, summary="Alles läuft.")
    written = StatusReport.objects.filter(pk=report.pk, summary="Alles läuft.").exists
    assert_post_access(cast, role, url, data, PROJECT_WRITERS, written)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_report_edit_other_project(cast, periods, role):
    """The lead of one project cannot write another project's report."""
    other = services.report_start(project=cast.other_project, period=periods[-1], user=None)
    url = reverse("reporting:report_edit", args=[other.pk])
    written = StatusReport.objects.filter(pk=other.pk, summary="Fremd").exists
    assert_post_access(cast, role, url, _report_data(other, summary="Fremd"), OFFICE, written)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_report_submit_post(cast, report, role):
    url = reverse("reporting:report_submit", args=[report.pk])
    submitted = StatusReport.objects.filter(pk=report.pk, state=StatusReport.State.SUBMITTED).exists
    assert_post_access(cast, role, url, None, PROJECT_WRITERS, submitted)


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("action", ["accept", "return"])
def test_report_review_post(cast, report, role, action):
    _submitted(report)
    url = reverse("reporting:report_review", args=[report.pk])
    data = {"action": action, "review_comment": "Bitte ergänzen"}
    new_state = {"accept": "accepted", "return": "returned"}[action]
    reviewed = StatusReport.objects.filter(pk=report.pk, state=new_state).exists
    assert_post_access(cast, role, url, data, OFFICE, reviewed)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_report_start_post(cast, periods, role):
    url = reverse("reporting:report_start", args=[cast.project.pk, periods[-1].pk])
    started = StatusReport.objects.filter(project=cast.project, period=periods[-1]).exists
    assert_post_access(cast, role, url, None, PROJECT_WRITERS, started)


@pytest.mark.parametrize("url_name", ["report_submit", "report_review", "report_start"])
def test_workflow_endpoints_refuse_get(cast, report, url_name):
    args = [cast.project.pk, report.period.pk] if url_name == "report_start" else [report.pk]
    assert cast.client("pmo").get(reverse(f"reporting:{url_name}", args=args)).status_code == 405


def test_buttons_only_for_those_allowed(cast, report):
    url = reverse("reporting:report_detail", args=[report.pk])
    lead_page = _text(cast.client("project_lead").get(url))
    assert "Bericht bearbeiten" in lead_page
    assert "Bericht einreichen" in lead_page
    assert "Annehmen" not in lead_page
    member_page = _text(cast.client("member").get(url))
    assert "Bericht bearbeiten" not in member_page
    assert "Bericht einreichen" not in member_page
    assert "Entscheidungsbedarf melden" not in member_page

    _submitted(report)
    pmo_page = _text(cast.client("pmo").get(url))
    assert "Mit Kommentar zurückgeben" in pmo_page
    assert "Bericht einreichen" not in pmo_page
    assert "Mit Kommentar zurückgeben" not in _text(cast.client("project_lead").get(url))


def test_lead_who_is_also_pmo_cannot_review_own_report(cast, report):
    lead_and_pmo = UserFactory(username="lead-und-pmo")
    ProgrammeRoleFactory(user=lead_and_pmo, programme=cast.programme, role=ProgrammeRole.Role.PMO)
    cast.project.lead = lead_and_pmo
    cast.project.save()
    _submitted(report)
    client = cast.client("pmo")
    client.force_login(lead_and_pmo)
    page = _text(client.get(reverse("reporting:report_detail", args=[report.pk])))
    assert "Mit Kommentar zurückgeben" not in page
    url = reverse("reporting:report_review", args=[report.pk])
    assert client.post(url, {"action": "accept"}).status_code == 403
    report.refresh_from_db()
    assert report.state == StatusReport.State.SUBMITTED


def test_stale_edit_of_submitted_report_explains_instead_of_403(cast, report):
    _submitted(report)
    response = cast.client("project_lead").get(
        reverse("reporting:report_edit", args=[report.pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("reporting:report_detail", args=[report.pk])
    assert "„eingereicht“ und kann so nicht geändert werden" in _text(response)
    # …but somebody who could never edit it still gets a 403.
    url = reverse("reporting:report_edit", args=[report.pk])
    assert cast.client("member").get(url).status_code == 403


# ---------------------------------------------------------------------------------------------
# Workflow and validation


def test_red_light_without_explanation_names_the_light_and_saves_nothing(cast, report):
    url = reverse("reporting:report_edit", args=[report.pk])
    data = _report_data(report, schedule="red", schedule_note="", summary="Neuer Text")
    response = cast.client("project_lead").post(url, data)
    assert response.status_code == 200
    page = _text(response)
    assert "Bitte erläutern Sie, warum „Termine“ nicht grün ist." in page
    # shown at the field: the note's error list sits next to its textarea
    assert re.search(r'id="id_schedule_note_error".*?warum „Termine“ nicht grün', page, re.DOTALL)
    assert 'aria-invalid="true"' in page
    report.refresh_from_db()
    assert report.schedule == "green"
    assert report.summary == ""
    assert report.version == 1


def test_edit_conflict_shows_a_message_and_keeps_the_other_edit(cast, report):
    stale = _report_data(report, summary="Meine Fassung")
    services.report_update(
        report=report, data={"summary": "Fassung der Kollegin"}, expected_version=report.version
    )
    response = cast.client("project_lead").post(
        reverse("reporting:report_edit", args=[report.pk]), stale
    )
    assert response.status_code == 200
    assert "inzwischen von einer anderen Person geändert" in _text(response)
    report.refresh_from_db()
    assert report.summary == "Fassung der Kollegin"


def test_new_report_is_prefilled_from_the_last_one(cast, periods):
    last = services.report_start(project=cast.project, period=periods[-2], user=None)
    services.report_update(
        report=last,
        data={
            "budget": "amber",
            "budget_note": "Förderbescheid steht aus",
            "next_steps": "Vergabe starten\nPilot planen",
            "achievements": "Konzept fertig",
        },
        expected_version=last.version,
    )
    _accepted(last)
    client = cast.client("project_lead")
    response = client.post(
        reverse("reporting:report_start", args=[cast.project.pk, periods[-1].pk]), follow=True
    )
    new = StatusReport.objects.get(project=cast.project, period=periods[-1])
    assert response.redirect_chain[-1][0] == reverse("reporting:report_edit", args=[new.pk])
    page = _text(response)
    assert "Förderbescheid steht aus" in page
    assert "Vergabe starten" in page
    assert "Konzept fertig" not in page  # achievements are new each period
    assert (new.budget, new.budget_note) == ("amber", "Förderbescheid steht aus")


def test_returned_report_shows_the_comment_and_can_be_resubmitted(cast, report):
    _submitted(report)
    pmo = cast.client("pmo")
    url = reverse("reporting:report_review", args=[report.pk])
    pmo.post(url, {"action": "return", "review_comment": "Bitte Budgetampel begründen."})
    report.refresh_from_db()
    assert report.state == StatusReport.State.RETURNED

    lead = cast.client("project_lead")
    page = _text(lead.get(reverse("reporting:report_detail", args=[report.pk])))
    assert "Vom PMO zurückgegeben" in page
    assert "Bitte Budgetampel begründen." in page
    assert "Bericht erneut einreichen" in page
    assert "Bitte Budgetampel begründen." in _text(
        lead.get(reverse("reporting:report_edit", args=[report.pk]))
    )
    response = lead.post(reverse("reporting:report_submit", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == StatusReport.State.SUBMITTED


def test_return_without_comment_is_refused_with_a_german_message(cast, report):
    _submitted(report)
    url = reverse("reporting:report_review", args=[report.pk])
    response = cast.client("pmo").post(url, {"action": "return", "review_comment": " "})
    assert response.status_code == 200
    assert "Bitte schreiben Sie, was die Projektleitung ändern soll." in _text(response)
    report.refresh_from_db()
    assert report.state == StatusReport.State.SUBMITTED


def test_accept_freezes_milestones_risks_and_requests(cast, report):
    """The accepted report keeps showing what was true when it was accepted."""
    today = timezone.localdate()
    keep = MilestoneFactory(
        project=cast.project, title="Rollout Pilot", planned_date=today + timedelta(days=30)
    )
    gone = MilestoneFactory(
        project=cast.project, title="Ausschreibung", planned_date=today + timedelta(days=10)
    )
    risk = RiskFactory(
        project=cast.project, title="Personalengpass", probability=3, impact=4, owner="FB 12"
    )
    doomed = RiskFactory(project=cast.project, title="Lieferverzug", probability=2, impact=2)
    DecisionRequestFactory(project=cast.project, question="Zweiten Dienstleister beauftragen?")
    services.report_update(
        report=report, data={"vision": "Alles online"}, expected_version=report.version
    )
    _submitted(report)
    cast.client("pmo").post(
        reverse("reporting:report_review", args=[report.pk]), {"action": "accept"}
    )
    report.refresh_from_db()
    assert report.state == StatusReport.State.ACCEPTED

    # Afterwards the project moves on.
    keep.title = "Rollout Pilot (verschoben)"
    keep.forecast_date = today + timedelta(days=90)
    keep.save()
    gone.delete()
    risk.probability, risk.title = 1, "Personalengpass behoben"
    risk.save()
    doomed.delete()
    DecisionRequest.objects.update(status=DecisionRequest.Status.DECIDED)
    project_update(
        project=cast.project,
        data={"title": "Kommunalportal Neu", "goals": "Ganz neue Ziele"},
        expected_version=cast.project.version,
    )

    page = _text(cast.client("viewer").get(reverse("reporting:report_detail", args=[report.pk])))
    assert f"Stand bei Annahme am {timezone.localdate():%d.%m.%Y}" in page
    assert "Rollout Pilot" in page
    assert "Rollout Pilot (verschoben)" not in page
    assert "Ausschreibung" in page
    assert "Personalengpass" in page and "Personalengpass behoben" not in page
    assert "Lieferverzug" in page
    assert "Zweiten Dienstleister beauftragen?" in page
    assert "Alles online" in page and "Ganz neue Ziele" not in page
    # the frozen risk still sits in its old cell (probability 3, impact 4)
    assert "Personalengpass" in _cell(page, "report-risk-matrix", 3, 4)


def test_draft_shows_the_live_project(cast, report):
    MilestoneFactory(project=cast.project, title="Go-live", planned_date=timezone.localdate())
    page = _text(cast.client("viewer").get(reverse("reporting:report_detail", args=[report.pk])))
    assert "Go-live" in page
    assert "Aktueller Stand des Projekts" in page
    assert "Stand bei Annahme" not in page


# ---------------------------------------------------------------------------------------------
# What the report shows


def _cell(page: str, matrix_id: str, probability: int, impact: int) -> str:
    table = page[page.index(f'id="{matrix_id}"') :]
    table = table[: table.index("</table>")]
    start = table.index(f'data-cell="{probability}-{impact}"')
    return table[start : table.index("</td>", start)]


def test_slippage_and_trend_are_shown_in_words(cast, periods):
    first = services.report_start(project=cast.project, period=periods[-2], user=None)
    _accepted(first)
    report = services.report_start(project=cast.project, period=periods[-1], user=None)
    services.report_update(
        report=report,
        data={"overall": "red", "overall_note": "Dienstleister insolvent"},
        expected_version=report.version,
    )
    planned = date(2025, 3, 1)
    MilestoneFactory(
        project=cast.project,
        title="Spät",
        planned_date=planned,
        forecast_date=planned + timedelta(days=12),
    )
    MilestoneFactory(
        project=cast.project,
        title="Früh",
        planned_date=planned,
        actual_date=planned - timedelta(days=3),
    )
    MilestoneFactory(project=cast.project, title="Pünktlich", planned_date=planned)
    page = _text(cast.client("viewer").get(reverse("reporting:report_detail", args=[report.pk])))
    assert "+12 Tage" in page
    assert "−3 Tage" in page
    assert "im Plan" in page
    assert "● rot" in page_words(page)
    assert "↘" in page and "schlechter" in page
    assert "Was hat sich seit der letzten Periode geändert?" in page
    assert "Gesamtstatus: vorher: grün → jetzt: rot" in page_words(page)
    # the timeline is inline SVG with its table alternative
    assert '<svg class="timeline"' in page
    assert "<caption>Meilensteine: geplant, Prognose und Ist</caption>" in page


def test_next_steps_as_ordered_list(cast, report):
    services.report_update(
        report=report,
        data={"next_steps": "- Vergabe starten\nPilot planen\n\n• Schulung"},
        expected_version=report.version,
    )
    page = _text(cast.client("viewer").get(reverse("reporting:report_detail", args=[report.pk])))
    assert re.search(
        r'<ol class="next-steps"><li>Vergabe starten</li><li>Pilot planen</li>'
        r"<li>Schulung</li></ol>",
        page,
    )


def test_risk_matrix_places_risks_by_probability_and_impact(cast, report):
    RiskFactory(project=cast.project, title="Datenschutz", probability=4, impact=2)
    RiskFactory(project=cast.project, title="Akzeptanz", probability=1, impact=3)
    RiskFactory(project=cast.project, title="Erledigt", probability=4, impact=4, status="closed")
    page = _text(cast.client("viewer").get(reverse("reporting:report_detail", args=[report.pk])))
    high_left = _cell(page, "report-risk-matrix", 4, 2)
    assert "Datenschutz" in high_left and "mittel" in high_left and "1 Risiko" in high_left
    low_right = _cell(page, "report-risk-matrix", 1, 3)
    assert "Akzeptanz" in low_right and "niedrig" in low_right
    corner = _cell(page, "report-risk-matrix", 4, 4)
    assert "hoch" in corner and "Erledigt" not in corner  # closed risks stay out of the matrix
    # rows run from probability 4 down to 1, columns from impact 1 to 4
    matrix = page[page.index('id="report-risk-matrix"') :]
    cells = re.findall(r'data-cell="(\d)-(\d)"', matrix[: matrix.index("</table>")])
    assert cells[:5] == [("4", "1"), ("4", "2"), ("4", "3"), ("4", "4"), ("3", "1")]
    assert cells[-1] == ("1", "4")


def test_decision_request_from_the_report(cast, report):
    url = reverse("reporting:decision_request_create", args=[cast.project.pk])
    response = cast.client("project_lead").post(
        f"{url}?report={report.pk}",
        {
            "question": "Soll die Pilotphase verlängert werden?",
            "options": "verlängern\nabbrechen",
            "recommendation": "verlängern",
            "needed_by": "2030-05-01",
            "addressed_to": "transformation_conference",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("reporting:report_detail", args=[report.pk])
    request = DecisionRequest.objects.get()
    assert (request.report, request.raised_by) == (report, cast.users["project_lead"])
    page = _text(cast.client("viewer").get(response.url))
    assert "Soll die Pilotphase verlängert werden?" in page
    assert "Transformationskonferenz" in page
    assert "benötigt bis 01.05.2030" in page


def test_decision_request_for_a_report_of_another_project_is_404(cast, periods):
    other = services.report_start(project=cast.other_project, period=periods[-1], user=None)
    url = reverse("reporting:decision_request_create", args=[cast.project.pk])
    assert cast.client("pmo").get(f"{url}?report={other.pk}").status_code == 404
    assert cast.client("pmo").get(f"{url}?report=abc").status_code == 404
