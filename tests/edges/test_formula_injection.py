"""No formula injection: text that a spreadsheet would run stays inert text in every export.

OWASP's CSV-injection guidance names the cells starting with `=`, `+`, `-`, `@`, tab or
carriage return. In XLSX such text is written as a string cell (never a formula); in CSV it
gets a leading single quote. Numbers stay numbers.
"""

import ast
import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.urls import reverse

from lotse.council_reports import services as report_services
from lotse.documents.xlsx import build_workbook
from lotse.public.models import ProgrammePublication
from tests.factories import FieldOfActionFactory
from tests.factories import ProgrammeFactory
from tests.factories import ProjectFactory
from tests.jobs.helpers import exported

DANGEROUS = [
    '=HYPERLINK("http://example.org","klick")',
    "=1+1",
    "+49 331 1234",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]
LOTSE = Path(__file__).resolve().parents[2] / "lotse"


def _cells(content: bytes) -> list:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]


def test_workbook_writes_dangerous_text_as_string_cells_and_numbers_as_numbers():
    rows = [[text, -3, Decimal("-2.5"), date(2026, 1, 2)] for text in DANGEROUS]
    cells = _cells(build_workbook("Test", ["Text", "Zahl", "Betrag", "Datum"], rows))
    texts = [c for c in cells if c.column == 1 and c.row > 1]
    assert [c.value for c in texts] == DANGEROUS
    assert {c.data_type for c in texts} == {"s"}, "no cell may become a formula"
    numbers = [c for c in cells if c.column in (2, 3) and c.row > 1]
    assert {c.data_type for c in numbers} == {"n"}
    assert {c.value for c in numbers} == {-3, -2.5}


def test_workbook_survives_control_characters_stored_before_they_were_refused():
    cells = _cells(build_workbook("Test", ["Text"], [["Alt\x01daten\x0b"]]))
    assert cells[1].value == "Altdaten"


@pytest.mark.django_db
def test_project_list_export_writes_a_formula_title_as_text(cast):
    cast.project.title = '=HYPERLINK("http://example.org")'
    cast.project.save()
    _job, xlsx = exported(
        cast.client("pmo"), reverse("portfolio:project_list_xlsx", args=[cast.programme.slug])
    )
    cells = [c for c in _cells(xlsx) if c.value == cast.project.title]
    assert cells and {c.data_type for c in cells} == {"s"}
    assert not [c for c in _cells(xlsx) if c.data_type == "f"]


@pytest.mark.django_db
def test_archived_council_report_xlsx_writes_formula_text_as_text(cast):
    from django.test import RequestFactory

    cast.project.title = "=1+1"
    cast.project.save()
    cast.field.target_state = "@SUM(A1)"
    cast.field.save()
    archived = report_services.report_generate(
        programme=cast.programme,
        fmt="xlsx",
        user=cast.users["pmo"],
        request=RequestFactory().get("/"),
        kind="committee",
        as_of=date.today(),  # noqa: DTZ011 - a day, not a moment
    )
    cells = _cells(bytes(archived.content))
    assert not [c for c in cells if c.data_type == "f"]
    assert {c.data_type for c in cells if c.value in ("=1+1", "@SUM(A1)")} == {"s"}


def test_csv_prefixes_dangerous_text_with_a_quote_and_leaves_numbers_alone():
    from lotse.documents.csvfile import csv_text

    text = csv_text(["text", "n"], [[t, -3] for t in DANGEROUS] + [["Bürgeramt", Decimal("-1.5")]])
    rows = list(csv.reader(io.StringIO(text)))
    assert [r[0] for r in rows[1:-1]] == ["'" + t for t in DANGEROUS]
    assert {r[1] for r in rows[1:]} == {"-3", "-1.5"}
    assert rows[-1][0] == "Bürgeramt"


@pytest.mark.django_db
def test_open_data_csv_writes_formula_titles_inert():
    programme = ProgrammeFactory(slug="stadt")
    ProgrammePublication.objects.create(programme=programme, enabled=True)
    field = FieldOfActionFactory(programme=programme, name="-Feld")
    ProjectFactory(field_of_action=field, title="=1+1", published=True)
    response = _get_csv("projekte")
    rows = list(csv.DictReader(io.StringIO(response)))
    assert rows[0]["title"] == "'=1+1"
    fields = list(csv.DictReader(io.StringIO(_get_csv("themenfelder"))))
    assert fields[0]["name"] == "'-Feld"
    assert fields[0]["published_projects"] == "1"


def _get_csv(dataset: str) -> str:
    from django.test import Client

    response = Client().get(reverse("public:dataset", args=["stadt", dataset, "csv"]))
    assert response.status_code == 200
    return response.getvalue().decode("utf-8")


def _writers(path: Path) -> set[str]:
    """What a module uses to write spreadsheets or CSV (reading them is fine)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("openpyxl"):
            found |= {a.name for a in node.names if a.name in ("Workbook", "Worksheet")}
        elif isinstance(node, ast.Attribute) and node.attr in ("writer", "DictWriter"):
            if isinstance(node.value, ast.Name) and node.value.id == "csv":
                found.add(f"csv.{node.attr}")
        elif isinstance(node, ast.Attribute) and node.attr in ("Workbook", "create_sheet"):
            found.add(node.attr)
    return found


def test_every_spreadsheet_and_csv_goes_through_the_one_writer_per_format():
    """New exports cannot bypass the guard: only lotse/documents writes XLSX or CSV."""
    offenders = []
    for path in LOTSE.rglob("*.py"):
        if path.relative_to(LOTSE).parts[0] == "documents":
            continue
        found = _writers(path)
        if found:
            offenders.append(f"{path.relative_to(LOTSE)}: {sorted(found)}")
    assert offenders == []
