"""XLSX downloads: one header row, typed cells, frozen header, sensible column widths.

Every workbook Lotse writes goes through this module, which is the one place that guards
against formula injection (OWASP "CSV injection"): text is always written as a string cell,
so a title like `=HYPERLINK(…)` shows as text and never runs as a formula. Numbers and dates
stay numbers. Control characters that XLSX cannot hold are dropped instead of failing the
download (they are refused at input; older data may still carry them).

The rules every sheet of every workbook follows (`finish_sheet`, applied by `workbook_bytes`):
row 1 is the header (bold, frozen, with an autofilter over the table); percentages are
fractions in a percent format (`Percent`), never "0,368" or the text "37 %"; a column holds
numbers or text, never both (a remark goes into a note column); dates are real date cells
shown as TT.MM.JJJJ; empty values are empty cells, not empty text.
"""

from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from decimal import Decimal
from io import BytesIO
from typing import Any
from typing import cast

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

# The workbook type for other apps' annotations: they never import openpyxl's writer classes
# themselves (tests/edges/test_formula_injection.py), so every sheet goes through this module.
Book = Workbook

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD.MM.YYYY"


PERCENT_FORMAT = "0%"  # the value is a fraction: 0.25 shows as 25 %
EURO_FORMAT = '#,##0.00 "€"'
THOUSAND_EURO_FORMAT = '#,##0, "T€"'  # the exact amount in EUR, shown in thousands


@dataclass(frozen=True)
class Percent:
    """A percentage cell: `fraction` 0.25 is written as the number 0.25 shown as "25 %"."""

    fraction: float | Decimal | None

    @classmethod
    def of_points(cls, points: float | Decimal | None) -> "Percent":
        """From a value in percent points (25 → 25 %)."""
        return cls(None if points is None else points / 100)


def _value(value: Any) -> Any:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, Percent):
        return value.fraction
    if isinstance(value, datetime) and timezone.is_aware(value):
        # Excel has no time zones: the local wall time, as the pages show it.
        return timezone.make_naive(value)
    return value


def last_row(sheet: Worksheet) -> int:
    """The index of the row `append` wrote last. Not `max_row`: that scans every cell of the
    sheet, which made writing a sheet of n rows take time in n² (minutes for 20,000 rows)."""
    return int(vars(sheet)["_current_row"])  # openpyxl keeps it; its stubs do not declare it


def append_row(sheet: Worksheet, row: Iterable[Any]) -> list[Any]:
    """Append one row; text becomes a string cell whatever it starts with, None an empty
    cell, `Percent` a number in percent format, a date a date cell (TT.MM.JJJJ)."""
    row = list(row)
    values = [_value(v) for v in row]
    sheet.append(values)
    index = last_row(sheet)
    for i, original in enumerate(row, start=1):
        cell = sheet.cell(row=index, column=i)
        if isinstance(cell.value, str):
            cell.data_type = "s"  # never "f": text is never a formula
        elif isinstance(original, Percent):
            cell.number_format = PERCENT_FORMAT
        elif isinstance(cell.value, date):
            cell.number_format = DATE_FORMAT
    return values


def fill_sheet(
    sheet: Worksheet,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    formats: Mapping[int, str] | None = None,
) -> None:
    """A table: bold header row, the rows, column widths, frozen header. `formats` gives a
    number format per column index (0-based), e.g. PERCENT_FORMAT or EURO_FORMAT."""
    append_row(sheet, [str(h) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(str(h)) for h in headers]
    for row in rows:
        values = append_row(sheet, row)
        for i, value in enumerate(values):
            if value is not None:
                widths[i] = max(widths[i], min(len(str(value)), 60))
        for i, number_format in (formats or {}).items():
            cell = sheet.cell(row=last_row(sheet), column=i + 1)
            if isinstance(cell.value, int | float | Decimal) and not isinstance(cell.value, bool):
                cell.number_format = number_format
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = max(width, 10) + 2
    finish_sheet(sheet)


def finish_sheet(sheet: Worksheet) -> None:
    """The header rules: row 1 bold and frozen, an autofilter over the table (unless the
    sheet set a narrower one, e.g. without a total row below the table)."""
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    if not sheet.auto_filter.ref:
        sheet.auto_filter.ref = sheet.dimensions


def new_workbook() -> tuple[Workbook, Worksheet]:
    workbook = Workbook()
    # A new workbook's only sheet is a worksheet (`active` is typed for any sheet).
    return workbook, cast(Worksheet, workbook.active)


def add_sheet(workbook: Workbook, title: str) -> Worksheet:
    return workbook.create_sheet(title[:31])


def workbook_bytes(workbook: Workbook) -> bytes:
    """The file; every sheet gets its header rules (`finish_sheet`) first."""
    for sheet in workbook.worksheets:
        finish_sheet(sheet)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def build_workbook(title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    workbook, sheet = new_workbook()
    sheet.title = title[:31]
    fill_sheet(sheet, headers, rows)
    return workbook_bytes(workbook)


def xlsx_response(
    filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence]
) -> HttpResponse:
    response = HttpResponse(build_workbook(title, headers, rows), content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
