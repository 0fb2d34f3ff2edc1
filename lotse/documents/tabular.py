"""Reading uploaded tables (CSV or XLSX) as text rows: the neutral half of every import.

CSV may be UTF-8 (with or without byte order mark) or Windows-1252, separated by semicolon
(the German default), tab or comma. XLSX is read from its first sheet with the values Excel
last computed; dates become "31.12.2026", numbers keep their digits ("3", "1280.5"). Empty
rows are dropped. The header is the first non-empty row. Problems are German ValidationErrors.
"""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        number = Decimal(str(value))
        return (
            str(number.to_integral_value()) if number == number.to_integral_value() else str(number)
        )
    return str(value).strip()


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook is the user's file
        raise ValidationError(_("Die XLSX-Datei lässt sich nicht lesen.")) from exc
    sheet = workbook.worksheets[0]
    rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


def read_table(name: str, data: bytes) -> tuple[list[str], list[list[str]]]:
    """Header and rows as text. Raises ValidationError for an unreadable or empty file."""
    if len(data) > MAX_BYTES:
        raise ValidationError(_("Die Datei ist größer als 10 MB. Bitte teilen Sie sie auf."))
    lower = name.lower()
    if lower.endswith(".xlsx"):
        rows = _read_xlsx(data)
    elif lower.endswith((".csv", ".txt")):
        text = decode(data)
        first = text.split("\n", 1)[0]
        delimiter = ";" if ";" in first else ("\t" if "\t" in first else ",")
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    else:
        raise ValidationError(_("Bitte laden Sie eine CSV- oder XLSX-Datei hoch."))
    rows = [[cell.strip() for cell in r] for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise ValidationError(_("Die Datei ist leer."))
    return rows[0], rows[1:]


def _numbered(rows: list[list[str]]) -> list[tuple[int, list[str]]]:
    """Non-empty rows with their row number in the file (1 = the first line)."""
    return [
        (number, [cell.strip() for cell in row])
        for number, row in enumerate(rows, start=1)
        if any(cell.strip() for cell in row)
    ]


def read_numbered(name: str, data: bytes) -> list[tuple[int, list[str]]]:
    """Like `read_table`, but every row with its row number in the file (as Excel or an
    editor shows it), so that an import can name the row of a problem."""
    if len(data) > MAX_BYTES:
        raise ValidationError(_("Die Datei ist größer als 10 MB. Bitte teilen Sie sie auf."))
    lower = name.lower()
    if lower.endswith(".xlsx"):
        return _numbered(_read_xlsx(data))
    if lower.endswith((".csv", ".txt")):
        text = decode(data)
        first = text.split("\n", 1)[0]
        delimiter = ";" if ";" in first else ("\t" if "\t" in first else ",")
        return _numbered(list(csv.reader(io.StringIO(text), delimiter=delimiter)))
    raise ValidationError(_("Bitte laden Sie eine CSV- oder XLSX-Datei hoch."))


def read_sheets(data: bytes) -> dict[str, list[tuple[int, list[str]]]]:
    """Every sheet of an XLSX workbook by name, rows numbered as in Excel."""
    from openpyxl import load_workbook

    if len(data) > MAX_BYTES:
        raise ValidationError(_("Die Datei ist größer als 10 MB. Bitte teilen Sie sie auf."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook is the user's file
        raise ValidationError(_("Die XLSX-Datei lässt sich nicht lesen.")) from exc
    sheets = {
        sheet.title: _numbered(
            [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        )
        for sheet in workbook.worksheets
    }
    workbook.close()
    return sheets
