"""The downloadable templates: one XLSX workbook with the four sheets (bold, frozen header,
autofilter, one example row), and one CSV per sheet (semicolon, UTF-8 with BOM for Excel)."""

from datetime import date
from datetime import datetime

from lotse.documents.csvfile import csv_text
from lotse.documents.xlsx import add_sheet
from lotse.documents.xlsx import fill_sheet
from lotse.documents.xlsx import new_workbook
from lotse.documents.xlsx import workbook_bytes

from .columns import SHEETS


def _typed(example: str) -> str | date:
    """An example date is a real date cell (TT.MM.JJJJ), as in every Lotse workbook."""
    try:
        return datetime.strptime(example, "%d.%m.%Y").date()  # noqa: DTZ007 - a plain date
    except ValueError:
        return example


def workbook() -> bytes:
    book, first = new_workbook()
    book.remove(first)
    for name, columns in SHEETS.items():
        fill_sheet(
            add_sheet(book, name),
            [c.heading + (" *" if c.required else "") for c in columns],
            [[_typed(c.example) for c in columns]],
        )
    return workbook_bytes(book)


def csv_template(name: str) -> bytes:
    columns = SHEETS[name]
    text = csv_text([c.heading for c in columns], [[c.example for c in columns]], delimiter=";")
    return ("\ufeff" + text).encode("utf-8")
