"""Every finance page, every role: the access it should have; what the pages show."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lotse.finance import services
from lotse.finance.models import BudgetLine
from lotse.finance.models import CallOff
from lotse.finance.models import SupportContract
from tests.jobs.helpers import content
from tests.jobs.helpers import exported
from tests.jobs.helpers import finished
from tests.navigation import marked_tab
from tests.pdf import pdf_text
from tests.pdfua import pdfua_problems
from tests.roles import ALL_ROLES
from tests.roles import OFFICE
from tests.roles import READERS
from tests.roles import page_status

from .conftest import make_contract
from .conftest import make_deadline
from .conftest import make_line


@pytest.fixture
def extras(cast, money):
    funding = services.funding_create(programme=cast.programme, data={"name": "Smart City"})
    deadline = make_deadline(
        cast.programme, "Strategiebeschluss", date(2026, 12, 1), funding=funding
    )
    contract = make_contract(cast.programme)
    return funding, deadline, contract


def _pages(cast, money, extras):
    funding, deadline, contract = extras
    slug = cast.programme.slug
    return {
        "project": (reverse("finance:project", args=[cast.project.pk]), READERS),
        "overview": (reverse("finance:overview", args=[slug]), READERS),
        "overview_xlsx": (reverse("finance:overview_xlsx", args=[slug]), READERS),
        "committee": (reverse("finance:committee", args=[slug]), READERS),
        "fundings": (reverse("finance:fundings", args=[slug]), READERS),
        "contract": (reverse("finance:contract_detail", args=[contract.pk]), READERS),
        "line_create": (
            reverse("finance:line_create", args=[cast.project.pk]),
            OFFICE | {"project_lead"},
        ),
        "line_edit_open": (
            reverse("finance:line_edit", args=[money.line.pk]),
            OFFICE | {"project_lead"},
        ),
        "line_edit_planned": (reverse("finance:line_edit", args=[money.planned_line.pk]), OFFICE),
        "actual_enter": (reverse("finance:actual_enter", args=[money.line.pk]), OFFICE),
        "import": (reverse("finance:import", args=[slug]), OFFICE),
        "settings": (reverse("finance:settings", args=[slug]), OFFICE),
        "funding_create": (reverse("finance:funding_create", args=[slug]), OFFICE),
        "funding_edit": (reverse("finance:funding_detail", args=[funding.pk]), OFFICE),
        "deadline_edit": (reverse("finance:deadline_edit", args=[deadline.pk]), OFFICE),
        "contract_create": (reverse("finance:contract_create", args=[slug]), OFFICE),
        "programme_line_create": (reverse("finance:programme_line_create", args=[slug]), OFFICE),
    }


PAGES = [
    "project",
    "overview",
    "overview_xlsx",
    "committee",
    "fundings",
    "contract",
    "line_create",
    "line_edit_open",
    "line_edit_planned",
    "actual_enter",
    "import",
    "settings",
    "funding_create",
    "funding_edit",
    "deadline_edit",
    "contract_create",
    "programme_line_create",
]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_role_matrix(cast, money, extras, role, page):
    url, allowed = _pages(cast, money, extras)[page]
    assert cast.client(role).get(url).status_code == page_status(role, allowed)


@pytest.mark.parametrize("name", ["finance:committee_pdf", "finance:committee_xlsx"])
@pytest.mark.parametrize("role", ALL_ROLES)
def test_role_matrix_of_the_committee_documents(cast, role, name):
    # Asking for a document queues a background job (302 to its page) for every reader.
    response = cast.client(role).post(reverse(name, args=[cast.programme.slug]))
    assert response.status_code == (403 if page_status(role, READERS) == 403 else 302)


def test_project_tab_shows_plan_versus_actual(cast, money):
    response = cast.client("viewer").get(
        reverse("finance:project", args=[cast.project.pk]) + "?jahr=2026"
    )
    html = response.content.decode()
    assert "120.000,00 €" in html  # Aufwand plan 2026
    assert "30.000,00 €" in html  # actual of March
    assert 'role="img"' in html and "<table" in html  # chart and its table


def test_lead_enters_a_line_with_german_amount_and_sees_the_term_warning(cast):
    cast.programme.start_date, cast.programme.end_date = date(2024, 1, 1), date(2025, 12, 31)
    cast.programme.save()
    client = cast.client("project_lead")
    response = client.post(
        reverse("finance:line_create", args=[cast.project.pk]),
        {"kind": "expense", "year_from": "2027", "status": "requested", "amount": "1.280,50 €"},
        follow=True,
    )
    assert response.status_code == 200
    line = BudgetLine.objects.get()
    assert line.amount == Decimal("1280.50") and line.project == cast.project
    assert "außerhalb der Laufzeit" in response.content.decode()


def test_negative_actual_without_reason_is_refused_on_the_form(cast, money):
    response = cast.client("pmo").post(
        reverse("finance:actual_enter", args=[money.line.pk]),
        {"month": "04.2026", "actual": "-100"},
    )
    assert response.status_code == 200
    assert "nur als Korrektur mit Grund" in response.content.decode()


@pytest.mark.pdf
def test_committee_page_pdf_and_xlsx(cast, money):
    services.budget_line_update(
        line=money.planned_line,
        data={"funded_amount": Decimal("150000"), "funded_note": "Bund"},
        expected_version=None,
    )
    client = cast.client("viewer")
    html = client.get(reverse("finance:committee", args=[cast.programme.slug])).content.decode()
    assert "120 T€" in html and "300 T€" in html and "Davon Fördermittel" in html
    assert "2026 bis 2028" in html
    pdf = finished(client.post(reverse("finance:committee_pdf", args=[cast.programme.slug])))
    assert content(pdf).startswith(b"%PDF") and pdf.filename == "haushalt-potsdam.pdf"
    text = pdf_text(content(pdf))
    assert "120 T€" in text and "Davon Fördermittel" in text and "Seite 1 von" in text
    # The cover names the document, the planning round below it (was the round alone).
    assert "Potsdam smart Haushaltsplanung ohne Planungsrunde" in pdf_text(content(pdf), 1)
    assert pdfua_problems(content(pdf)) == []
    xlsx = finished(client.post(reverse("finance:committee_xlsx", args=[cast.programme.slug])))
    assert xlsx.content_type.startswith("application/vnd.openxmlformats")
    assert "Ausschusstabelle" in load_workbook(BytesIO(content(xlsx))).sheetnames


def test_overdue_deadline_is_red_in_words(cast, extras):
    _funding, deadline, _contract = extras
    services.deadline_update(
        deadline=deadline, data={"due_date": date(2020, 1, 1)}, expected_version=None
    )
    html = cast.client("viewer").get(reverse("finance:fundings", args=[cast.programme.slug]))
    text = html.content.decode()
    assert "überfällig" in text and "Sonst scheitert die Förderung." in text


def test_overview_as_xlsx(cast, money, extras):
    services.budget_line_update(
        line=money.line, data={"funded_amount": Decimal("30000")}, expected_version=None
    )
    url = reverse("finance:overview_xlsx", args=[cast.programme.slug]) + "?gruppe=kind&jahr=2026"
    job, xlsx = exported(cast.client("viewer"), url)
    assert job.filename == "finanzen-potsdam.xlsx"
    workbook = load_workbook(BytesIO(xlsx))
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]][:3] == ["Gruppe", "Plan (EUR)", "Ist (EUR)"]
    assert all(c.font.bold for c in sheet[1]) and sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:I3"  # the header and the two groups, not the total
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2, max_row=4)}
    expense = rows["Aufwand"]
    assert expense[1].value == 125000 and expense[2].value == 30000  # 120.000 + 5.000 plan
    assert expense[6].value == pytest.approx(0.24) and expense[6].number_format == "0%"
    assert expense[1].number_format == '#,##0.00 "€"'
    assert rows["Summe"][1].value == 225000 and rows["Summe"][0].font.bold  # + 100.000 invest
    deadlines = workbook.worksheets[1]
    due = deadlines.cell(row=2, column=3)
    assert due.value.date() == date(2026, 12, 1) and due.number_format == "DD.MM.YYYY"
    assert deadlines.cell(row=2, column=5).value == "Sonst scheitert die Förderung."


@pytest.mark.parametrize("role", ["pmo", "programme_manager", "viewer", "project_lead"])
def test_call_off_delete_in_the_ui(cast, extras, role):
    _funding, _deadline, contract = extras
    call_off = services.call_off_create(
        contract=contract, month=date(2024, 3, 1), days=Decimal("5"), purpose="Konferenz"
    )
    client = cast.client(role)
    page = client.get(reverse("finance:contract_detail", args=[contract.pk])).content.decode()
    url = reverse("finance:call_off_delete", args=[call_off.pk])
    assert (url in page) is (role in OFFICE)
    response = client.post(url)
    assert response.status_code == (302 if role in OFFICE else 403)
    assert CallOff.objects.filter(pk=call_off.pk).exists() is (role not in OFFICE)


def test_line_delete_says_how_it_went_and_returns_to_the_project_tab(cast, money):
    """Deleting a plan line: done (message, back to the tab); refused once it has actuals."""
    client = cast.client("pmo")
    tab = reverse("finance:project", args=[cast.project.pk])
    response = client.post(
        reverse("finance:line_delete", args=[money.planned_line.pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == tab
    assert "Der Haushaltsansatz wurde gelöscht." in response.content.decode()
    assert not BudgetLine.objects.filter(pk=money.planned_line.pk).exists()

    # money.line has actuals: the service refuses, the message says why.
    response = client.post(reverse("finance:line_delete", args=[money.line.pk]), follow=True)
    assert response.redirect_chain[-1][0] == tab
    assert "kann nicht gelöscht werden" in response.content.decode()
    assert BudgetLine.objects.filter(pk=money.line.pk).exists()


def test_a_negative_fte_is_refused_on_its_field(cast):
    response = cast.client("pmo").post(
        reverse("finance:line_create", args=[cast.project.pk]),
        {"kind": "staff", "year_from": "2026", "status": "requested", "amount": "100", "fte": "-1"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "fte": ["Dieser Wert muss größer oder gleich 0 sein."]
    }
    assert not BudgetLine.objects.exists()


def test_the_contract_form_shows_every_wrong_field_at_once(cast):
    response = cast.client("pmo").post(
        reverse("finance:contract_create", args=[cast.programme.slug]),
        {
            "title": "QA",
            "start": "01.01.2026",
            "end": "31.12.2026",
            "person_days": "-3",
            "day_rate": "-100",
            "vat_percent": "-1",
        },
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"person_days", "day_rate", "vat_percent"}
    assert not SupportContract.objects.exists()


def test_a_projects_plan_line_pages_mark_the_projects_tab_like_its_finance_tab(cast, money):
    """QA: the new plan line of a project marked "Finanzen", the project's finance tab
    "Projekte". A project's line pages now mark "Projekte"; those of a programme's own line
    stay under "Finanzen", like the overview they lead back to."""
    projects = reverse("portfolio:project_list", args=[cast.programme.slug])
    finance = reverse("finance:overview", args=[cast.programme.slug])
    own = make_line(cast.programme, title="Programmbüro", amount=Decimal("500"))
    client = cast.client("pmo")
    marked = {
        url: marked_tab(client.get(url).content.decode())
        for url in (
            reverse("finance:project", args=[cast.project.pk]),
            reverse("finance:line_create", args=[cast.project.pk]),
            reverse("finance:line_edit", args=[money.line.pk]),
            reverse("finance:actual_enter", args=[money.line.pk]),
            reverse("finance:line_edit", args=[own.pk]),
            reverse("finance:actual_enter", args=[own.pk]),
            reverse("finance:programme_line_create", args=[cast.programme.slug]),
        )
    }
    assert list(marked.values()) == [projects] * 4 + [finance] * 3, marked
