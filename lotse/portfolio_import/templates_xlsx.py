"""The downloadable templates: one XLSX workbook with the four sheets (bold, frozen header,
autofilter, one example row), and one CSV per sheet (semicolon, UTF-8 with BOM for Excel)."""

import csv
import io
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.styles import Font

from lotse.documents.xlsx import append_row

from .columns import SHEETS


def _typed(example: str) -> str | date:
    """An example date is a real date cell (TT.MM.JJJJ), as in every Lotse workbook."""
    try:
        return datetime.strptime(example, "%d.%m.%Y").date()  # noqa: DTZ007 - a plain date
    except ValueError:
        return example


def workbook() -> bytes:
    book = Workbook()
    for default in list(book.worksheets):
        book.remove(default)
    for name, columns in SHEETS.items():
        sheet = book.create_sheet(name)
        sheet.append([c.heading + (" *" if c.required else "") for c in columns])
        append_row(sheet, [_typed(c.example) for c in columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        for index, column in enumerate(columns, start=1):
            sheet.column_dimensions[sheet.cell(1, index).column_letter].width = max(
                14, len(column.heading) + 4, len(column.example) + 2
            )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_template(name: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    columns = SHEETS[name]
    writer.writerow([c.heading for c in columns])
    writer.writerow([c.example for c in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
