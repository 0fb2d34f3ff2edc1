"""Every workbook Lotse produces follows the spreadsheet rules of lotse/documents/xlsx.py.

The test finds the XLSX downloads in the URL configuration itself (every route ending in
".xlsx"), so a new export is checked as soon as it exists (and fails here until it has an
entry in DOWNLOADS), plus the council report workbook of every kind.
"""

import re
from datetime import date
from datetime import datetime
from importlib import import_module
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.test import RequestFactory
from django.urls import URLPattern
from django.urls import URLResolver
from django.urls import get_resolver
from django.urls import resolve
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from lotse.council_reports import render
from lotse.council_reports.collect import collect_report
from lotse.council_reports.kinds import KINDS
from lotse.documents.xlsx import DATE_FORMAT
from lotse.documents.xlsx import PERCENT_FORMAT
from lotse.documents.xlsx import XLSX_MIME
from lotse.ideas.models import Idea
from lotse.ideas.models import ScoringRound
from lotse.portfolio.models import Project
from tests.jobs.helpers import exported

TEXT_PERCENT = re.compile(r"^-?\d+([.,]\d+)?\s?%$")
TEXT_DATE = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}$")


def _xlsx_routes(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    found: set[str] = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found |= _xlsx_routes(entry, inner)
        elif isinstance(entry, URLPattern) and str(entry.pattern).endswith(".xlsx"):
            found.add(f"{namespace}{entry.name}")
    return found


def _downloads(programme) -> dict[str, dict]:
    slug = {"slug": programme.slug}
    project = Project.objects.filter(programme=programme).order_by("pk").first()
    scoring_round = ScoringRound.objects.create(programme=programme, name="Jury 2026")
    scoring_round.ideas.set(Idea.objects.filter(programme=programme)[:5])
    assert project is not None
    return {
        "finance:overview_xlsx": slug,
        "finance:committee_xlsx": slug,
        "governance:decision_log_xlsx": slug,
        "ideas:round_export": {"pk": scoring_round.pk},
        "ideas:import_template": slug,
        "okr:conference_xlsx": slug,
        "ozg:export": slug,
        "planning:work_packages_xlsx": {"pk": project.pk},
        "planning:heat_map_xlsx": slug,
        "portfolio:project_list_xlsx": slug,
        "portfolio_import:template_xlsx": slug,
        "reporting:programme_cockpit_xlsx": slug,
    }


# XLSX routes that queue a background job (POST): the function the worker calls.
JOB_DOCUMENTS = {
    "finance:committee_xlsx": ("lotse.finance.views.programme", "committee_xlsx_document"),
}


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _column_problems(sheet: Worksheet, name: str) -> list[str]:
    problems = []
    header = [c.value for c in sheet[1]]
    for index, column in enumerate(sheet.iter_cols(min_row=2), start=1):
        title = header[index - 1] if index <= len(header) else index
        kinds = set()
        for cell in column:
            value = cell.value
            where = f"{name}!{cell.coordinate} ({title})"
            if value is None:
                continue
            if isinstance(value, str):
                if value == "":
                    problems.append(f"{where}: leerer Text statt leerer Zelle")
                if TEXT_PERCENT.match(value.strip()) or TEXT_DATE.match(value.strip()):
                    problems.append(f"{where}: Zahl oder Datum als Text {value!r}")
                kinds.add("text")
            elif isinstance(value, datetime | date):
                if cell.number_format != DATE_FORMAT:
                    problems.append(f"{where}: Datumsformat {cell.number_format!r}")
                kinds.add("number")
            elif _is_number(value):
                if cell.number_format == PERCENT_FORMAT and not -20 <= value <= 20:
                    problems.append(f"{where}: Prozentwert {value} ist kein Anteil")
                kinds.add("number")
        if kinds == {"text", "number"}:
            problems.append(f"{name}, Spalte {title}: Text und Zahlen gemischt")
    return problems


def _problems(content: bytes, name: str) -> list[str]:
    problems = []
    book = load_workbook(BytesIO(content))
    for sheet in book.worksheets:
        where = f"{name}/{sheet.title}"
        header = list(sheet[1])
        if not header or not all(c.font.bold for c in header if c.value is not None):
            problems.append(f"{where}: Kopfzeile nicht fett")
        if any(isinstance(c.value, str) and "%" in c.value for c in header):
            problems.append(f"{where}: Einheit % im Kopf statt Prozentformat")
        if sheet.freeze_panes != "A2":
            problems.append(f"{where}: Kopfzeile nicht fixiert ({sheet.freeze_panes})")
        if not sheet.auto_filter.ref or not sheet.auto_filter.ref.startswith("A1:"):
            problems.append(f"{where}: kein Autofilter")
        problems += _column_problems(sheet, where)
    return problems


@pytest.fixture
def pmo(demo_loaded) -> Client:
    client = Client()
    client.login(username="pmo", password="lotse-demo")
    return client


def test_every_workbook_follows_the_spreadsheet_rules(demo_loaded, pmo):
    programme = demo_loaded.programme
    downloads = _downloads(programme)
    assert _xlsx_routes() == set(downloads), "neue XLSX-Route: bitte in DOWNLOADS aufnehmen"
    problems = []
    checked = 0
    for name, kwargs in sorted(downloads.items()):
        url = reverse(name, kwargs=kwargs)
        if hasattr(resolve(url).func, "export"):  # an export (lotse.exporting): a job
            _job, content = exported(pmo, url)
            problems += _problems(content, name)
            checked += 1
            continue
        response = pmo.get(url)
        if response.status_code == 405:  # a background job: its document function directly
            module, function = JOB_DOCUMENTS[name]
            request = RequestFactory().get(url)
            request.user = get_user_model().objects.get(username="pmo")
            content, _filename = getattr(import_module(module), function)(request, **kwargs)
            problems += _problems(content, name)
            checked += 1
            continue
        assert response.status_code == 200, name
        assert response["Content-Type"] == XLSX_MIME, name
        problems += _problems(response.content, name)
        checked += 1
    field = programme.fields_of_action.order_by("pk").first()
    for kind, info in KINDS.items():
        field_id = field.pk if info.needs_field else None
        report = collect_report(
            programme=programme, kind=kind, as_of=timezone.localdate(), field_id=field_id
        )
        problems += _problems(render.render_xlsx(report), f"Gremienbericht {kind}")
        checked += 1
    assert checked >= len(downloads) + 5
    assert problems == []


def test_the_rules_catch_a_bad_workbook():
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Projekt", "Fortschritt (%)"])
    sheet.append(["A", "37 %"])
    sheet.append(["B", 0.5])
    buffer = BytesIO()
    book.save(buffer)
    problems = _problems(buffer.getvalue(), "schlecht")
    assert any("nicht fett" in p for p in problems)
    assert any("nicht fixiert" in p for p in problems)
    assert any("Autofilter" in p for p in problems)
    assert any("als Text" in p for p in problems)
    assert any("gemischt" in p for p in problems)
