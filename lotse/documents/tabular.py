"""Reading uploaded tables (CSV or XLSX) as text rows: the neutral half of every import.

CSV may be UTF-8 (with or without byte order mark) or Windows-1252, separated by semicolon
(the German default), tab or comma. XLSX is read from its first sheet with the values Excel
last computed; dates become "31.12.2026", numbers keep their digits ("3", "1280.5"). Empty
rows are dropped. The header is the first non-empty row. Problems are German ValidationErrors.
"""

import csv
import io
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from decimal import Decimal
from typing import Any
from typing import Generic
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _cell(value: object, decimals: int | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal) and decimals is not None:
        return str(Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals)))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        number = Decimal(str(value))
        return (
            str(number.to_integral_value()) if number == number.to_integral_value() else str(number)
        )
    return str(value).strip()


def _check_size(data: bytes) -> None:
    if len(data) > MAX_BYTES:
        raise ValidationError(_("Die Datei ist größer als 10 MB. Bitte teilen Sie sie auf."))


def _open_workbook(data: bytes) -> Any:
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook is the user's file
        raise ValidationError(_("Die XLSX-Datei lässt sich nicht lesen.")) from exc


def _sheet_rows(sheet: Any, decimals: int | None = None) -> list[list[str]]:
    return [[_cell(v, decimals) for v in row] for row in sheet.iter_rows(values_only=True)]


def _raw_rows(name: str, data: bytes, decimals: int | None = None) -> list[list[str]]:
    """Every row of the file (of an XLSX its first sheet) as text, empty ones included."""
    _check_size(data)
    lower = name.lower()
    if lower.endswith(".xlsx"):
        workbook = _open_workbook(data)
        rows = _sheet_rows(workbook.worksheets[0], decimals)
        workbook.close()
        return rows
    if lower.endswith((".csv", ".txt")):
        text = decode(data)
        first = text.split("\n", 1)[0]
        delimiter = ";" if ";" in first else ("\t" if "\t" in first else ",")
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    raise ValidationError(_("Bitte laden Sie eine CSV- oder XLSX-Datei hoch."))


def read_table(
    name: str, data: bytes, *, decimals: int | None = None
) -> tuple[list[str], list[list[str]]]:
    """Header and rows as text. Raises ValidationError for an unreadable or empty file.

    `decimals`: XLSX numbers with that many places ("1280.50" for 2), as amounts are read."""
    rows = [
        [cell.strip() for cell in r]
        for r in _raw_rows(name, data, decimals)
        if any(cell.strip() for cell in r)
    ]
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
    return _numbered(_raw_rows(name, data))


def read_sheets(data: bytes) -> dict[str, list[tuple[int, list[str]]]]:
    """Every sheet of an XLSX workbook by name, rows numbered as in Excel."""
    _check_size(data)
    workbook = _open_workbook(data)
    sheets = {sheet.title: _numbered(_sheet_rows(sheet)) for sheet in workbook.worksheets}
    workbook.close()
    return sheets


@dataclass
class Problem:
    """A problem an import found, named by row (0: the whole file), column and value."""

    row: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        where = _("Zeile %(row)s") % {"row": self.row} if self.row else _("Datei")
        if self.column:
            where += _(", Spalte „%(col)s“") % {"col": self.column}
        if self.value:
            where += _(", Wert „%(value)s“") % {"value": self.value}
        return f"{where}: {self.message}"


C = TypeVar("C")


@dataclass
class Checked(Generic[C]):
    """An import's check: the changes it would make, the problems that stop it, rows read."""

    changes: list[C] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.changes)
