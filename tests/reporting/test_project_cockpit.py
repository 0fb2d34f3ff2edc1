"""The project cockpit and what is edited there: milestones, risks and decision requests."""

import re
from datetime import date
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lotse.reporting import services
from lotse.reporting.models import DecisionRequest
from lotse.reporting.models import Milestone
from lotse.reporting.models import Risk
from lotse.reporting.models import StatusReport
from lotse.reporting.periods import ensure_periods
from tests.access import assert_post_access
from tests.reporting.conftest import page_words
from tests.reporting.factories import DecisionRequestFactory
from tests.reporting.factories import MilestoneFactory
from tests.reporting.factories import ReportingConfigFactory
from tests.reporting.factories import RiskFactory
from tests.roles import ALL_ROLES
from tests.roles import OFFICE
from tests.roles import PROJECT_WRITERS
from tests.roles import READERS
from tests.roles import page_status


@pytest.fixture
def periods(cast):
    """Twelve monthly periods, the last one containing today."""
    today = timezone.localdate()
    first = today.replace(day=1)
    for _ in range(11):
        first = (first - timedelta(days=1)).replace(day=1)
    ReportingConfigFactory(programme=cast.programme, first_period_start=first)
    return ensure_periods(cast.programme, today)


def _cockpit(cast, role="viewer", project=None):
    project = project or cast.project
    return cast.client(role).get(reverse("reporting:project_cockpit", args=[project.pk]))


def _text(response) -> str:
    return response.content.decode()


# ---------------------------------------------------------------------------------------------
# Access matrix


@pytest.mark.parametrize("role", ALL_ROLES)
def test_cockpit_access(cast, periods, role):
    response = _cockpit(cast, role)
    assert response.status_code == page_status(role, READERS)
    if role == "anonymous":
        assert response.url.startswith(reverse("accounts:login"))


@pytest.fixture
def items(cast):
    today = timezone.localdate()
    return {
        "milestone": MilestoneFactory(project=cast.project, title="Pilot", planned_date=today),
        "risk": RiskFactory(project=cast.project, title="Engpass", probability=2, impact=3),
        "decision_request": DecisionRequestFactory(project=cast.project, question="Verlängern?"),
    }


FORM_PAGES = [
    ("milestone_create", "project"),
    ("milestone_edit", "milestone"),
    ("milestone_delete", "milestone"),
    ("risk_create", "project"),
    ("risk_edit", "risk"),
    ("risk_delete", "risk"),
    ("decision_request_create", "project"),
    ("decision_request_edit", "decision_request"),
]


def _url(cast, items, name, target):
    obj = cast.project if target == "project" else items[target]
    return reverse(f"reporting:{name}", args=[obj.pk])


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize(("name", "target"), FORM_PAGES)
def test_project_status_form_pages(cast, items, role, name, target):
    response = cast.client(role).get(_url(cast, items, name, target))
    assert response.status_code == page_status(role, PROJECT_WRITERS)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_project_status_pages_of_another_project(cast, role):
    url = reverse("reporting:milestone_create", args=[cast.other_project.pk])
    assert cast.client(role).get(url).status_code == page_status(role, OFFICE)


# What each form of FORM_PAGES posts, and how to see that it was saved (on cast.project).
POSTS = {
    "milestone_create": (
        {"title": "Go-live", "planned_date": "2030-01-15"},
        lambda project, items: project.milestones.filter(title="Go-live").exists(),
    ),
    "milestone_edit": (
        {"title": "Pilot", "planned_date": "2030-01-15", "forecast_date": "2030-02-01"},
        lambda project, items: project.milestones.filter(
            pk=items["milestone"].pk, forecast_date=date(2030, 2, 1)
        ).exists(),
    ),
    "milestone_delete": (None, lambda project, items: not project.milestones.exists()),
    "risk_create": (
        {"title": "Datenschutz", "probability": "3", "impact": "4", "status": "open"},
        lambda project, items: project.risks.filter(title="Datenschutz").exists(),
    ),
    "risk_edit": (
        {"title": "Engpass", "probability": "4", "impact": "3", "status": "open"},
        lambda project, items: project.risks.filter(pk=items["risk"].pk, probability=4).exists(),
    ),
    "risk_delete": (None, lambda project, items: not project.risks.exists()),
    "decision_request_create": (
        {"question": "Budget erhöhen?", "addressed_to": "project_check"},
        lambda project, items: project.decision_requests.filter(
            question="Budget erhöhen?"
        ).exists(),
    ),
}


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize(("name", "target"), [page for page in FORM_PAGES if page[0] in POSTS])
def test_project_status_form_posts(cast, items, role, name, target):
    data, saved = POSTS[name]
    url = _url(cast, items, name, target)
    assert_post_access(cast, role, url, data, PROJECT_WRITERS, lambda: saved(cast.project, items))


@pytest.mark.parametrize("role", ALL_ROLES)
def test_decision_request_edit_never_decides(cast, items, role):
    """Editing a request (even with a forged status) never marks it decided."""
    request = items["decision_request"]
    url = reverse("reporting:decision_request_edit", args=[request.pk])
    data = {
        "question": "Neu gefasst?",
        "addressed_to": "project_check",
        "status": "decided",
        "version": request.version,
    }
    response = cast.client(role).post(url, data)
    assert response.status_code == page_status(role, PROJECT_WRITERS, ok=302)
    request.refresh_from_db()
    assert request.status == "open"
    assert (request.question == "Neu gefasst?") == (role in PROJECT_WRITERS)


def test_decision_request_stale_edit_is_refused(cast, items):
    request = items["decision_request"]
    url = reverse("reporting:decision_request_edit", args=[request.pk])
    data = {"question": "PMO-Fassung", "addressed_to": "project_check", "version": 1}
    assert cast.client("pmo").post(url, data).status_code == 302
    stale = dict(data, question="Meine Fassung")
    response = cast.client("project_lead").post(url, stale)
    assert response.status_code == 200
    assert "inzwischen von einer anderen Person geändert" in _text(response)
    request.refresh_from_db()
    assert request.question == "PMO-Fassung"


@pytest.mark.parametrize("role", ALL_ROLES)
def test_withdraw_is_the_requesters_act_with_a_reason(cast, items, role):
    request = items["decision_request"]
    url = reverse("reporting:decision_request_withdraw", args=[request.pk])
    client = cast.client(role)
    allowed = role == "project_lead"  # the project's lead; nobody recorded who raised it
    empty = client.post(url, {"reason": " ", "version": request.version})
    if allowed:
        assert "Bitte begründen Sie" in _text(empty)
    response = client.post(url, {"reason": "Hat sich erledigt.", "version": request.version})
    assert response.status_code == page_status(role, {"project_lead"}, ok=302)
    request.refresh_from_db()
    assert (request.status == "withdrawn") == allowed
    if allowed:
        assert request.withdrawal_reason == "Hat sich erledigt."
        last = request.history.first()
        assert last.history_user == cast.users["project_lead"]
        assert last.history_change_reason == "Zurückgezogen: Hat sich erledigt."
        page = cast.client("viewer").get(reverse("governance:request_detail", args=[request.pk]))
        assert "Hat sich erledigt." in _text(page)


def test_the_person_who_raised_it_may_withdraw(cast, items):
    request = items["decision_request"]
    DecisionRequest.objects.filter(pk=request.pk).update(raised_by=cast.users["pmo"])
    url = reverse("reporting:decision_request_withdraw", args=[request.pk])
    response = cast.client("pmo").post(url, {"reason": "Doppelt erfasst.", "version": 1})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "withdrawn"


# ---------------------------------------------------------------------------------------------
# Forms


def test_milestone_form_requires_planned_date_in_german(cast):
    url = reverse("reporting:milestone_create", args=[cast.project.pk])
    response = cast.client("project_lead").post(url, {"title": "", "planned_date": ""})
    page = _text(response)
    assert response.status_code == 200
    assert "Bitte geben Sie einen Namen für den Meilenstein an." in page
    assert "Bitte geben Sie an, wann der Meilenstein geplant ist." in page
    assert not Milestone.objects.exists()


def test_milestone_form_rejects_bad_dates_in_german(cast):
    url = reverse("reporting:milestone_create", args=[cast.project.pk])
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = cast.client("project_lead").post(
        url,
        {
            "title": "Go-live",
            "planned_date": "2030-02-31",
            "actual_date": tomorrow.isoformat(),
        },
    )
    page = _text(response)
    assert "Bitte geben Sie ein gültiges Datum an (TT.MM.JJJJ)." in page
    assert "„Erreicht am“ darf nicht in der Zukunft liegen" in page
    assert not Milestone.objects.exists()


def test_milestone_forecast_and_actual_are_optional(cast):
    url = reverse("reporting:milestone_create", args=[cast.project.pk])
    response = cast.client("project_lead").post(
        url, {"title": "Go-live", "planned_date": "2030-01-15"}
    )
    assert response.status_code == 302
    assert response.url == reverse("reporting:project_cockpit", args=[cast.project.pk])
    milestone = Milestone.objects.get()
    assert (milestone.forecast_date, milestone.actual_date) == (None, None)


def test_risk_form_requires_probability_and_impact(cast):
    url = reverse("reporting:risk_create", args=[cast.project.pk])
    response = cast.client("pmo").post(url, {"title": "Engpass", "status": "open"})
    page = _text(response)
    assert "Bitte schätzen Sie die Wahrscheinlichkeit ein (1–4)." in page
    assert "Bitte schätzen Sie die Auswirkung ein (1–4)." in page
    assert not Risk.objects.exists()


def test_delete_asks_first(cast, items):
    url = reverse("reporting:risk_delete", args=[items["risk"].pk])
    page = _text(cast.client("project_lead").get(url))
    assert "Möchten Sie das Risiko „Engpass“ wirklich löschen?" in page
    assert Risk.objects.exists()


# ---------------------------------------------------------------------------------------------
# What the cockpit shows


def test_start_button_for_lead_and_pmo_only(cast, periods):
    label = f"Statusbericht für {periods[-1]} beginnen"
    assert label in _text(_cockpit(cast, "project_lead"))
    assert label in _text(_cockpit(cast, "pmo"))
    assert label not in _text(_cockpit(cast, "member"))
    assert label not in _text(_cockpit(cast, "sponsor"))
    assert "Für diese Periode liegt noch kein Statusbericht vor." in _text(_cockpit(cast, "member"))


def test_cockpit_shows_current_report_and_history(cast, periods):
    cast.project.planned_start = periods[0].start  # long before the first report
    cast.project.save()
    lights = ["green", "amber", "red", "red"]
    with_reports = [periods[-6], periods[-3], periods[-2], periods[-1]]
    for period, light in zip(with_reports, lights, strict=True):
        report = services.report_start(project=cast.project, period=period, user=None)
        note = {} if light == "green" else {"overall_note": "Begründung"}
        services.report_update(
            report=report, data={"overall": light, **note}, expected_version=report.version
        )
    page = _text(_cockpit(cast, "project_lead"))
    words = page_words(page)
    assert "beginnen" not in words  # the current period's report exists
    assert "Statusbericht öffnen" in words
    current = StatusReport.objects.get(project=cast.project, period=periods[-1])
    assert current.get_absolute_url() in page
    history = page[page.index('class="history-table"') :]
    rows = re.findall(r"<tr[ >].*?</tr>", history[: history.index("</table>")], re.DOTALL)[1:]
    texts = [page_words(row) for row in rows]
    # newest first: red (same), red (worse), amber (worse), two gaps, green (no previous)
    assert len(texts) == 6  # nothing before the project's first report
    assert "● rot" in texts[0] and "→ gleich" in texts[0] and "(aktuell)" in texts[0]
    assert "● rot" in texts[1] and "↘ schlechter" in texts[1]
    assert "● gelb" in texts[2] and "↘ schlechter" in texts[2]
    assert "kein Bericht" in texts[3] and "kein Bericht" in texts[4]
    assert "● grün" in texts[5] and "kein Vergleich" in texts[5]


def test_cockpit_timeline_and_risk_matrix(cast, periods):
    today = timezone.localdate()
    MilestoneFactory(
        project=cast.project,
        title="Ausschreibung",
        planned_date=today - timedelta(days=30),
        actual_date=today - timedelta(days=20),
    )
    MilestoneFactory(
        project=cast.project,
        title="Go-live",
        planned_date=today + timedelta(days=30),
        forecast_date=today + timedelta(days=60),
    )
    RiskFactory(project=cast.project, title="Datenschutz", probability=4, impact=4)
    page = _text(_cockpit(cast))
    svg = page[page.index('<svg class="timeline"') : page.index("</svg>", page.index("timeline"))]
    assert svg.count('class="tl-row"') == 2
    assert svg.count('class="tl-planned"') == 2
    assert svg.count('class="tl-actual"') == 1
    assert svg.count('class="tl-forecast"') == 1
    assert 'class="tl-today"' in svg
    assert "," not in re.sub(r'points="[^"]*"', "", svg.split("<title")[0])  # no German decimals
    assert "+10 Tage" in page  # actual 10 days later than planned
    assert "+30 Tage" in page
    matrix = page[page.index('id="cockpit-risk-matrix"') :]
    cell = matrix[matrix.index('data-cell="4-4"') :]
    assert "Datenschutz" in cell[: cell.index("</td>")] and "hoch" in cell[: cell.index("</td>")]


def test_cockpit_lists_open_decision_requests(cast, periods):
    DecisionRequestFactory(project=cast.project, question="Offen?", addressed_to="strategy_bk")
    DecisionRequestFactory(project=cast.project, question="Erledigt?", status="decided")
    page = _text(_cockpit(cast))
    assert "Offen?" in page and "Strategie-BK" in page
    assert "Erledigt?" not in page


def _fill(project, periods, n_reports: int, n_items: int) -> None:
    for period in periods[-n_reports:]:
        report = services.report_start(project=project, period=period, user=None)
        services.report_update(
            report=report,
            data={"overall": "amber", "overall_note": "x"},
            expected_version=report.version,
        )
    today = timezone.localdate()
    for i in range(n_items):
        MilestoneFactory(
            project=project,
            title=f"M{i}",
            planned_date=today + timedelta(days=i),
            forecast_date=today + timedelta(days=2 * i),
        )
        RiskFactory(project=project, title=f"R{i}", probability=i % 4 + 1, impact=(i // 4) % 4 + 1)
        DecisionRequestFactory(project=project, question=f"F{i}")


def test_cockpit_queries_do_not_grow_with_history(cast, periods):
    _fill(cast.project, periods, n_reports=2, n_items=2)
    _fill(cast.other_project, periods, n_reports=12, n_items=30)
    client = cast.client("pmo")
    counts = []
    for project in (cast.project, cast.other_project):
        url = reverse("reporting:project_cockpit", args=[project.pk])
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    # session, user, project (with its programme's reporting rhythm), 4 for the user's roles,
    # periods, reports, milestones, risks, requests, navigation; from planning: dependencies
    # (knock-on) and the plan's progress (2)
    assert counts[1] <= 16, counts


def test_cockpit_without_a_stored_rhythm(cast):
    """The project comes with its programme's reporting rhythm joined; without one stored the
    cockpit still shows the default monthly period."""
    response = _cockpit(cast, "pmo")
    assert response.status_code == 200
    assert "Statusbericht für" in response.content.decode()


def test_the_cockpits_item_pages_mark_the_projects_tab(cast):
    """QA: the forms and delete questions of a project's milestones, risks and decision
    requests marked no tab of the navigation; the cockpit marks "Projekte"."""
    milestone = MilestoneFactory(project=cast.project)
    risk = RiskFactory(project=cast.project)
    request = DecisionRequestFactory(project=cast.project)
    client = cast.client("pmo")
    projects = reverse("portfolio:project_list", args=[cast.programme.slug])
    for url in (
        reverse("reporting:milestone_create", args=[cast.project.pk]),
        reverse("reporting:milestone_edit", args=[milestone.pk]),
        reverse("reporting:milestone_delete", args=[milestone.pk]),
        reverse("reporting:risk_create", args=[cast.project.pk]),
        reverse("reporting:risk_edit", args=[risk.pk]),
        reverse("reporting:decision_request_create", args=[cast.project.pk]),
        reverse("reporting:decision_request_edit", args=[request.pk]),
    ):
        html = client.get(url).content.decode()
        nav = html.split('<nav class="main-nav"', 1)[1].split("</nav>", 1)[0]
        assert f'<a href="{projects}" aria-current="page">' in nav, url
