"""Reading the uploaded workbook (XLSX with the sheets Projekte, Meilensteine, Risiken,
Statusberichte) or CSV files (one per sheet), with the row numbers the user sees in Excel.

The cells are read with the project's reader for tables (`lotse.documents.tabular`: German
encodings and separators, Excel dates as TT.MM.JJJJ, numbers as their digits)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lotse.documents import tabular

from .columns import SHEETS


@dataclass
class Sheet:
    name: str
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (row number in the file, cells)


def read_workbook(name: str, data: bytes) -> dict[str, Sheet]:
    if not name.lower().endswith(".xlsx"):
        raise ValidationError(
            _("Die Arbeitsmappe „%(name)s“ ist keine XLSX-Datei.") % {"name": name}
        )
    sheets = tabular.read_sheets(data)
    found = {}
    for sheet_name in SHEETS:
        for candidate, rows in sheets.items():
            if candidate.strip().lower() == sheet_name.lower():
                found[sheet_name] = _sheet(sheet_name, rows)
    if not found:
        raise ValidationError(
            _(
                "Die Arbeitsmappe hat keines der Blätter %(sheets)s. Bitte verwenden Sie die "
                "Vorlage."
            )
            % {"sheets": ", ".join(f"„{s}“" for s in SHEETS)}
        )
    return found


def read_single(sheet_name: str, name: str, data: bytes) -> Sheet:
    """One sheet from a CSV file (or the first sheet of an XLSX file)."""
    rows = tabular.read_numbered(name, data)
    return _sheet(sheet_name, rows)


def _sheet(sheet_name: str, rows: list[tuple[int, list[str]]]) -> Sheet:
    if not rows:
        return Sheet(sheet_name, [], [])
    (_number, header), *body = rows
    return Sheet(sheet_name, [h.strip().rstrip("*").strip() for h in header], body)
