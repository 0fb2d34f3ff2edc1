"""The OKR pages: content, forms, locking in the UI, access by role, exports."""

from datetime import timedelta
from decimal import Decimal
from io import BytesIO
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from lotse.okr.models import CheckIn
from lotse.okr.models import KeyResult
from lotse.okr.models import Objective
from lotse.okr.models import ObjectiveReview
from lotse.okr.models import OkrLink
from lotse.portfolio.models import Dependency
from lotse.portfolio.models import Project
from tests.jobs.helpers import content
from tests.jobs.helpers import exported
from tests.jobs.helpers import finished
from tests.pdf import pdf_text
from tests.pdfua import pdfua_problems
from tests.reporting.factories import MilestoneFactory
from tests.roles import ALL_ROLES
from tests.roles import OFFICE
from tests.roles import READERS
from tests.roles import page_status

from .conftest import set_state
from .factories import KeyResultFactory
from .factories import QuarterFactory

LEADS = OFFICE | {"project_lead"}
CHECKERS = LEADS | {"member"}


def test_project_page_shows_objective_key_results_and_progress(cast, okr):
    response = cast.client("viewer").get(reverse("okr:project_okrs", args=[cast.project.pk]))
    html = response.content.decode()
    assert "Portal nutzen" in html
    assert "Online-Anträge je Monat" in html
    assert '<progress max="100" value="50"' in html
    assert "gelb / mittel" in html


def test_project_page_empty_states(cast):
    url = reverse("okr:project_okrs", args=[cast.project.pk])
    assert "legen die Quartale an" in cast.client("project_lead").get(url).content.decode() or (
        "legt die Quartale an" in cast.client("project_lead").get(url).content.decode()
    )
    QuarterFactory(programme=cast.programme)
    html = cast.client("project_lead").get(url).content.decode()
    assert "noch keine Objectives" in html
    assert "Objective anlegen" in html


@pytest.mark.parametrize("role", ALL_ROLES)
def test_read_pages_by_role(cast, okr, role):
    slug = cast.programme.slug
    urls = [
        reverse("okr:project_okrs", args=[cast.project.pk]),
        reverse("okr:key_result_detail", args=[okr.key_result.pk]),
        reverse("okr:programme_okrs", args=[slug]),
        reverse("okr:conference", args=[slug]),
        reverse("okr:conference_xlsx", args=[slug]),
    ]
    client = cast.client(role)
    for url in urls:
        assert client.get(url).status_code == page_status(role, READERS), url


@pytest.mark.parametrize("role", ALL_ROLES)
def test_check_in_by_role(cast, okr, role):
    url = reverse("okr:key_result_detail", args=[okr.key_result.pk])
    response = cast.client(role).post(url, {"value": "250,5", "confidence": "7", "comment": "gut"})
    assert response.status_code == page_status(role, CHECKERS, ok=302)
    saved = CheckIn.objects.filter(key_result=okr.key_result, value=Decimal("250.5"))
    assert saved.exists() == (role in CHECKERS)
    if role in CHECKERS:
        assert saved.get().source == "ui"


def test_key_result_owner_may_check_in(cast, okr):
    KeyResult.objects.filter(pk=okr.other_key_result.pk).update(owner=cast.users["viewer"])
    url = reverse("okr:key_result_detail", args=[okr.other_key_result.pk])
    response = cast.client("viewer").post(url, {"value": "3", "confidence": "5"})
    assert response.status_code == 302
    assert okr.other_key_result.check_ins.count() == 1


def test_member_may_not_check_in_on_other_projects(cast, okr):
    url = reverse("okr:key_result_detail", args=[okr.other_key_result.pk])
    assert cast.client("member").post(url, {"value": "3", "confidence": "5"}).status_code == 403


def test_check_in_shows_in_history_and_errors_in_german(cast, okr):
    client = cast.client("member")
    url = reverse("okr:key_result_detail", args=[okr.key_result.pk])
    response = client.post(url, {"value": "", "confidence": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bitte geben Sie Ihre Zuversicht von 0 bis 10 an." in html
    assert "Bitte geben Sie den aktuellen Wert an." in html
    client.post(url, {"value": "280", "confidence": "9", "comment": "Fast geschafft"})
    html = client.get(url).content.decode()
    assert "Fast geschafft" in html
    assert "<svg" in html and "<table" in html


def test_milestone_check_in_form(cast, okr):
    milestone = KeyResultFactory(objective=okr.objective, kind="milestone", start_value=None)
    url = reverse("okr:key_result_detail", args=[milestone.pk])
    assert "Meilenstein erledigt?" in cast.client("member").get(url).content.decode()
    cast.client("member").post(url, {"done": "ja", "confidence": "10"})
    assert milestone.check_ins.get().done is True


@pytest.mark.parametrize("role", ALL_ROLES)
def test_objective_create_by_role(cast, okr, role):
    url = reverse("okr:objective_create", args=[cast.project.pk]) + f"?quartal={okr.quarter.pk}"
    response = cast.client(role).post(
        url, {"title": "Neues Ziel", "commitment": "committed", "order": 0}
    )
    assert response.status_code == page_status(role, LEADS, ok=302)
    assert Objective.objects.filter(title="Neues Ziel").exists() == (role in LEADS)


def test_fourth_key_result_refused_in_the_form(cast, okr):
    client = cast.client("project_lead")
    url = reverse("okr:key_result_create", args=[okr.objective.pk])
    data = {
        "title": "KR",
        "kind": "increase_to",
        "unit": "number",
        "start_value": "0",
        "target_value": "10",
        "order": 0,
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Ein Objective hat höchstens 3 Key Results." in response.content.decode()
    assert okr.objective.key_results.count() == 3


def test_closed_quarter_refuses_changes_in_the_ui(cast, okr):
    set_state(okr.quarter, "closed")
    client = cast.client("pmo")
    response = client.post(
        reverse("okr:objective_edit", args=[okr.objective.pk]),
        {"title": "Geändert", "commitment": "committed", "order": 0},
    )
    assert "ist abgeschlossen" in response.content.decode()
    response = client.post(
        reverse("okr:key_result_detail", args=[okr.key_result.pk]),
        {"value": "1", "confidence": "1"},
    )
    assert response.status_code == 403 or "abgeschlossen" in response.content.decode()
    client.post(reverse("okr:objective_delete", args=[okr.objective.pk]))
    okr.objective.refresh_from_db()
    assert okr.objective.title == "Portal nutzen"
    assert okr.key_result.check_ins.count() == 1
    html = client.get(reverse("okr:project_okrs", args=[cast.project.pk])).content.decode()
    assert "nur noch lesbar" in html
    assert "Objective bearbeiten" not in html


def test_objective_edit_conflict_message(cast, okr):
    client = cast.client("project_lead")
    url = reverse("okr:objective_edit", args=[okr.objective.pk])
    data = {"title": "A", "commitment": "committed", "order": 0, "version": okr.objective.version}
    assert client.post(url, data).status_code == 302
    response = client.post(url, data | {"title": "B"})
    assert "inzwischen von einer anderen Person geändert" in response.content.decode()


def test_review_form_and_copy_forward(cast, okr):
    set_state(okr.quarter, "review")
    client = cast.client("project_lead")
    url = reverse("okr:review_edit", args=[okr.objective.pk])
    assert "berechnete" in client.get(url).content.decode().lower()
    response = client.post(
        url,
        {
            "outcome": "partly",
            "drivers": "Gutes Team",
            "obstacles": "Urlaub",
            "learnings": "Früher messen",
            "next_step": "carry_over",
        },
    )
    assert response.status_code == 302
    review = ObjectiveReview.objects.get(objective=okr.objective)
    assert review.drivers == "Gutes Team"
    assert review.computed_score == Decimal("0.5")
    nxt = QuarterFactory(programme=cast.programme, year=2026, number=3, state="planning")
    response = client.post(reverse("okr:objective_copy", args=[okr.objective.pk]))
    copy = Objective.objects.get(quarter=nxt)
    assert response.url.endswith(f"?quartal={nxt.pk}")
    assert copy.key_results.get().start_value == Decimal("200")


def test_review_refused_outside_review_state(cast, okr):
    url = reverse("okr:review_edit", args=[okr.objective.pk])
    response = cast.client("project_lead").post(url, {"outcome": "reached"})
    assert "in den Review gesetzt" in response.content.decode()
    assert not ObjectiveReview.objects.exists()


def test_links_show_on_both_sides(cast, okr):
    client = cast.client("project_lead")
    url = reverse("okr:link_create", args=[okr.objective.pk])
    response = client.post(
        url, {"kind": "synergy", "to_objective": okr.other_objective.pk, "note": "Befragung"}
    )
    assert response.status_code == 302
    link = OkrLink.objects.get()
    own = client.get(reverse("okr:project_okrs", args=[cast.project.pk])).content.decode()
    other = client.get(reverse("okr:project_okrs", args=[cast.other_project.pk])).content.decode()
    assert "Befragung" in own and "Befragung" in other
    assert "Beteiligungsportal" in own and "Kommunalportal" in other
    client.post(reverse("okr:link_delete", args=[link.pk]))
    assert not OkrLink.objects.exists()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_quarter_management_only_for_the_office(cast, role):
    slug = cast.programme.slug
    client = cast.client(role)
    assert client.get(reverse("okr:quarters", args=[slug])).status_code == page_status(role, OFFICE)
    response = client.post(reverse("okr:quarter_create_next", args=[slug]))
    assert response.status_code == page_status(role, OFFICE, ok=302)
    assert cast.programme.quarters.exists() == (role in OFFICE)


def test_quarter_transition_button(cast, okr):
    client = cast.client("pmo")
    url = reverse("okr:quarter_transition", args=[okr.quarter.pk])
    client.post(url, {"state": "review", "version": okr.quarter.version})
    okr.quarter.refresh_from_db()
    assert okr.quarter.state == "review"
    response = client.post(url, {"state": "active", "version": okr.quarter.version}, follow=True)
    assert "schrittweise vorwärts" in response.content.decode()
    assert cast.client("project_lead").post(url, {"state": "closed"}).status_code == 403


def test_programme_overview_counts(cast, okr):
    from .factories import CheckInFactory

    CheckInFactory(key_result=okr.other_key_result, value=10)  # 100 % → reached
    response = cast.client("viewer").get(reverse("okr:programme_okrs", args=[cast.programme.slug]))
    total = response.context["total"]
    assert (total.total, total.reached) == (2, 1)
    assert total.key_results_by_band == {"green": 1, "amber": 1, "red": 0, "none": 0}
    assert "1 von 2 Objectives erreicht" in response.content.decode()


def _conference(cast, okr) -> tuple:
    """A quarter in review with a review, a link and a next quarter: (client, slug, params)."""
    set_state(okr.quarter, "review")
    ObjectiveReview.objects.create(
        objective=okr.objective, outcome="partly", drivers="Gutes Team", learnings="Früh testen"
    )
    OkrLink.objects.create(
        kind="dependency",
        from_objective=okr.objective,
        to_objective=okr.other_objective,
        note="Schnittstelle",
    )
    nxt = QuarterFactory(programme=cast.programme, year=2026, number=3, state="planning")
    Objective.objects.create(project=cast.project, quarter=nxt, title="Neues Quartalsziel")
    return cast.client("sponsor"), cast.programme.slug, {"quartal": okr.quarter.pk}


def test_conference_page_and_xlsx(cast, okr):
    client, slug, params = _conference(cast, okr)
    html = client.get(reverse("okr:conference", args=[slug]), params).content.decode()
    for text in (
        "Digitaler Bürgerservice",
        "Gutes Team",
        "Früh testen",
        "Schnittstelle",
        "Neues Quartalsziel",
    ):
        assert text in html
    _job, xlsx = exported(client, reverse("okr:conference_xlsx", args=[slug]), params)
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(xlsx)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:3] == ["Themenfeld", "Projekt", "Objective"]
    assert any(r[2] == "Portal nutzen" and r[13] == "Gutes Team" for r in rows[1:])


@pytest.mark.pdf
def test_conference_pdf(cast, okr):
    client, slug, params = _conference(cast, okr)
    url = reverse("okr:conference_pdf", args=[slug]) + "?" + urlencode(params)
    job = finished(client.post(url))
    assert job.content_type == "application/pdf"
    text = pdf_text(content(job))
    assert "Quartalskonferenz" in text, text
    assert "Früh testen" in text and "Schnittstelle" in text, text
    assert pdfua_problems(content(job)) == []


@pytest.mark.pdf
def test_conference_pdf_gives_the_knock_on_details_room(cast):
    """The knock-on table's details (which milestone, planned, expected, after what) read as
    lines of text: the column had only what the project and delay columns left, one word a
    line, the long ones cut off at the page's edge."""
    today = timezone.localdate()
    quarter = QuarterFactory(
        programme=cast.programme, year=today.year, number=(today.month - 1) // 3 + 1
    )
    later = [today + timedelta(days=n) for n in (-30, 100, 119, 140, 200, 300)]
    Project.objects.filter(pk=cast.other_project.pk).update(
        planned_start=later[2], planned_end=later[5]
    )
    Project.objects.filter(pk=cast.project.pk).update(planned_start=later[0], planned_end=later[4])
    Dependency.objects.create(source=cast.other_project, target=cast.project, kind="needs")
    MilestoneFactory(
        project=cast.project, title="Portal live", planned_date=later[1], forecast_date=later[3]
    )
    url = reverse("okr:conference_pdf", args=[cast.programme.slug]) + f"?quartal={quarter.pk}"
    pdf = content(finished(cast.client("sponsor").post(url)))
    lines = [
        line for page in PdfReader(BytesIO(pdf)).pages for line in page.extract_text().split("\n")
    ]
    assert any("Meilenstein „Portal live“ von" in line for line in lines), "\n".join(lines)


def test_steckbrief_links_to_okrs(cast):
    html = cast.client("viewer").get(reverse("portfolio:project_detail", args=[cast.project.pk]))
    assert reverse("okr:project_okrs", args=[cast.project.pk]) in html.content.decode()


def test_check_in_value_accepts_german_thousands(cast, okr):
    url = reverse("okr:key_result_detail", args=[okr.key_result.pk])
    cast.client("member").post(url, {"value": "1.234,5", "confidence": "5"})
    assert okr.key_result.check_ins.filter(value=Decimal("1234.5")).exists()


def test_review_page_outside_review_state_says_why_instead_of_crashing(cast, okr):
    # GET on an objective whose quarter is not in review was a 500 (add_error on an
    # unbound form); found by the crawler of tests/edges/test_crawl_stored_dates.py.
    url = reverse("okr:review_edit", args=[okr.objective.pk])
    response = cast.client("project_lead").get(url)
    assert response.status_code == 200
    assert "in den Review gesetzt" in response.content.decode()


def test_quarters_page_offers_each_quarters_next_step(cast):
    QuarterFactory(programme=cast.programme, year=2026, number=1, state="closed")
    QuarterFactory(programme=cast.programme, year=2026, number=2, state="planning")
    page = cast.client("pmo").get(reverse("okr:quarters", args=[cast.programme.slug]))
    html = page.content.decode()
    assert page.status_code == 200
    assert '<input type="hidden" name="state" value="active">' in html
    assert "„aktiv“ setzen" in html
    assert html.count('name="state"') == 1  # the closed quarter has no next step
    assert "gesperrt" in html
    # Newest first. The label with its year: a bare "Q1" can stand in a CSRF token above.
    assert html.index("Q2/2026") < html.index("Q1/2026")


def test_a_projects_okr_pages_mark_the_projects_tab(cast, okr):
    """QA: the pages under a project's OKRs (forms, delete questions, a key result) marked no
    tab of the navigation; the project's OKR page marks "Projekte"."""
    client = cast.client("pmo")
    projects = reverse("portfolio:project_list", args=[cast.programme.slug])
    for url in (
        reverse("okr:objective_edit", args=[okr.objective.pk]),
        reverse("okr:objective_delete", args=[okr.objective.pk]),
        reverse("okr:key_result_create", args=[okr.objective.pk]),
        reverse("okr:key_result_detail", args=[okr.key_result.pk]),
        reverse("okr:key_result_edit", args=[okr.key_result.pk]),
        reverse("okr:key_result_delete", args=[okr.key_result.pk]),
    ):
        html = client.get(url).content.decode()
        nav = html.split('<nav class="main-nav"', 1)[1].split("</nav>", 1)[0]
        assert f'<a href="{projects}" aria-current="page">' in nav, url
