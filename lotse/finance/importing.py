"""Actuals and commitments from the finance system, as CSV or XLSX.

The file needs a column "Monat" (03.2026, 2026-03 or a date), a column "Ist", optionally
"Obligo" and "Korrekturgrund", and one Haushalt reference: "Kostenstelle", "Produkt",
"Investitionsnummer" or "Haushaltsbezug" (any of the three). Amounts are German ("1.280,50");
CSV is semicolon-separated (comma and tab are recognised too), UTF-8 or Windows-1252.

`read_file` turns the bytes into rows, `check` matches every row to a budget line and collects
every problem (row, column, value, why – in German), `apply` writes all rows or none. Rows of
the same line and month are added up; applying sets the month's figures, so importing the same
file twice changes nothing.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.documents import tabular
from lotse.documents.tabular import Problem
from lotse.http import AnyUser
from lotse.portfolio.models import Programme

from . import services
from .models import CEILING
from .models import Actual
from .models import ActualImport
from .models import BudgetLine
from .money import euro
from .money import parse_amount

MAX_BYTES = tabular.MAX_BYTES
# Files with more rows are written by the background worker, with progress (lotse.jobs).
JOB_ROWS = 500
MAX_ROWS = 50000
REFERENCE_COLUMNS = {
    "kostenstelle": ("cost_centre",),
    "produkt": ("product",),
    "investitionsnummer": ("investment_number",),
    "haushaltsbezug": ("cost_centre", "product", "investment_number"),
}
MONTH_FORMATS = ["%m.%Y", "%m/%Y", "%Y-%m", "%d.%m.%Y", "%Y-%m-%d"]


@dataclass
class Change:
    line: BudgetLine
    month: date
    actual: Decimal
    committed: Decimal
    reason: str
    rows: list[int]
    before: tuple[Decimal, Decimal] | None = None

    @property
    def status(self) -> str:
        if self.before is None:
            return _("neu")
        if self.before == (self.actual, self.committed):
            return _("unverändert")
        return _("geändert")


class Checked(tabular.Checked[Change]):
    """The check of an import of the actuals."""


def read_file(name: str, data: bytes) -> tuple[list[str], list[list[str]]]:
    """Header and rows as text, XLSX numbers in cents ("1280.50") as the amounts are read.
    Raises ValidationError for an unreadable file."""
    return tabular.read_table(name, data, decimals=2)


def _month(text: str) -> date | None:
    for fmt in MONTH_FORMATS:
        try:
            day = datetime.strptime(text.strip(), fmt)  # noqa: DTZ007 - a calendar month, no time
        except ValueError:
            continue
        return date(day.year, day.month, 1)
    return None


def _columns(header: list[str]) -> tuple[dict[str, int], list[Problem]]:
    index = {h.strip().lower(): i for i, h in enumerate(header) if h.strip()}
    problems = []
    for needed in ("monat", "ist"):
        if needed not in index:
            problems.append(
                Problem(0, "", "", _("Die Spalte „%(col)s“ fehlt.") % {"col": needed.capitalize()})
            )
    if not any(ref in index for ref in REFERENCE_COLUMNS):
        problems.append(
            Problem(
                0,
                "",
                "",
                _(
                    "Es fehlt eine Spalte mit dem Haushaltsbezug: Kostenstelle, Produkt, "
                    "Investitionsnummer oder Haushaltsbezug."
                ),
            )
        )
    return index, problems


def _too_many_rows() -> Problem:
    return Problem(
        0, "", "", _("Mehr als %(n)s Zeilen; bitte teilen Sie die Datei auf.") % {"n": MAX_ROWS}
    )


def _by_reference(programme: Programme) -> dict[tuple[str, str], list[BudgetLine]]:
    """The programme's budget lines by each of their references (lower case)."""
    found: dict[tuple[str, str], list[BudgetLine]] = {}
    for line in BudgetLine.objects.filter(programme=programme).select_related("project"):
        for attr in ("cost_centre", "product", "investment_number"):
            value = getattr(line, attr).strip().lower()
            if value:
                found.setdefault((attr, value), []).append(line)
    return found


@dataclass
class _Row:
    """One row of the file, its cells padded to the header, and what is wrong with it."""

    number: int
    cells: list[str]
    index: dict[str, int]
    header_name: dict[int, str]
    problems: list[Problem]

    def value(self, col: str) -> str:
        return self.cells[self.index[col]].strip() if col in self.index else ""

    def problem(self, col: str, value: str, message: str) -> None:
        name = self.header_name.get(self.index.get(col, -1), col)
        self.problems.append(Problem(self.number, name, value, message))


def _row_month(row: _Row) -> date | None:
    text = row.value("monat")
    month = _month(text)
    if month is None:
        row.problem("monat", text, _("Kein Monat; erwartet z. B. 03.2026."))
    return month


def _row_amount(row: _Row, col: str) -> Decimal | None:
    text = row.value(col)
    if col == "obligo" and not text:
        return Decimal("0")
    try:
        amount = parse_amount(text)
    except ValidationError as exc:
        row.problem(col, text, " ".join(exc.messages))
        return None
    if abs(amount) > CEILING:
        row.problem(
            col,
            text,
            _("Der Betrag ist unplausibel hoch (Obergrenze %(l)s).") % {"l": euro(CEILING)},
        )
    return amount


def _row_amounts(row: _Row, reason: str) -> dict[str, Decimal]:
    """Actual and commitment of the row; a negative one needs a correction reason."""
    amounts: dict[str, Decimal] = {}
    for col in ("ist", "obligo"):
        amount = _row_amount(row, col)
        if amount is not None:
            amounts[col] = amount
    for col, amount in amounts.items():
        if amount < 0 and not reason:
            row.problem(
                col,
                row.value(col),
                _(
                    "Ein negativer Betrag ist nur als Korrektur mit Grund (Spalte "
                    "„Korrekturgrund“) möglich."
                ),
            )
    return amounts


def _add_change(
    changes: dict[tuple[int, date], Change],
    line: BudgetLine,
    month: date,
    amounts: dict[str, Decimal],
    reason: str,
    number: int,
) -> None:
    """Rows for the same line and month add up to one change."""
    key = (line.pk, month)
    if key not in changes:
        changes[key] = Change(line, month, amounts["ist"], amounts["obligo"], reason, [number])
        return
    change = changes[key]
    change.actual += amounts["ist"]
    change.committed += amounts["obligo"]
    change.rows.append(number)
    if reason and reason not in change.reason:
        change.reason = f"{change.reason}; {reason}".strip("; ")


def check(programme: Programme, header: list[str], rows: list[list[str]]) -> Checked:
    """Match and validate every row; nothing is written."""
    result = Checked(rows=len(rows))
    index, problems = _columns(header)
    result.problems.extend(problems)
    if problems:
        return result
    if len(rows) > MAX_ROWS:
        result.problems.append(_too_many_rows())
        return result
    by_reference = _by_reference(programme)
    header_name = dict(enumerate(header))
    changes: dict[tuple[int, date], Change] = {}
    for number, cells in enumerate(rows, start=2):  # row 1 is the header
        cells = cells + [""] * (len(header) - len(cells))
        row = _Row(number, cells, index, header_name, result.problems)
        month = _row_month(row)
        reason = row.value("korrekturgrund")
        amounts = _row_amounts(row, reason)
        line, problem = _match(by_reference, index, header_name, cells, month, number)
        if problem:
            result.problems.append(problem)
        if line is None or month is None or len(amounts) < 2:
            continue
        _add_change(changes, line, month, amounts, reason, number)
    existing = {
        (a.budget_line_id, a.month): (a.actual, a.committed)
        for a in Actual.objects.filter(budget_line__in=[c.line for c in changes.values()])
    }
    for (line_id, month), change in changes.items():
        change.before = existing.get((line_id, month))
    result.changes = sorted(changes.values(), key=lambda c: (c.line.title, c.month))
    if not result.changes and not result.problems:
        result.problems.append(Problem(0, "", "", _("Die Datei enthält keine Zeilen.")))
    return result


def _match(
    by_reference: dict[tuple[str, str], list[BudgetLine]],
    index: dict[str, int],
    header_name: dict[int, str],
    cells: list[str],
    month: date | None,
    number: int,
) -> tuple[BudgetLine | None, Problem | None]:
    given = [
        (col, cells[index[col]].strip())
        for col in REFERENCE_COLUMNS
        if col in index and cells[index[col]].strip()
    ]
    if not given:
        return None, Problem(
            number,
            "",
            "",
            _("Kein Haushaltsbezug (Kostenstelle, Produkt oder Investitionsnummer) angegeben."),
        )
    candidates: list[BudgetLine] = []
    for col, text in given:
        for attr in REFERENCE_COLUMNS[col]:
            candidates.extend(by_reference.get((attr, text.lower()), []))
    col, text = given[0]
    if not candidates:
        return None, Problem(
            number,
            header_name[index[col]],
            text,
            _("Zu diesem Haushaltsbezug gibt es keinen Haushaltsansatz im Programm."),
        )
    if month is not None:
        in_year = [c for c in candidates if c.year_from <= month.year <= c.year_to]
        if not in_year:
            return None, Problem(
                number,
                header_name[index[col]],
                text,
                _("Der Haushaltsansatz gilt nicht für %(year)s.") % {"year": month.year},
            )
        candidates = in_year
    unique = {c.pk: c for c in candidates}
    if len(unique) > 1:
        return None, Problem(
            number,
            header_name[index[col]],
            text,
            _("Der Haushaltsbezug passt zu mehreren Ansätzen: %(lines)s.")
            % {"lines": "; ".join(str(c) for c in unique.values())},
        )
    return next(iter(unique.values())), None


@transaction.atomic
def apply(checked: Checked, *, user: AnyUser | None = None) -> int:
    """Write every change or none. Returns how many months changed."""
    if checked.problems:
        raise ValidationError([str(p) for p in checked.problems])
    changed = 0
    for change in checked.changes:
        _row, did = services.actual_set(
            line=change.line,
            month=change.month,
            actual=change.actual,
            committed=change.committed,
            correction_reason=change.reason,
            source=Actual.Source.IMPORT,
            user=user,
        )
        changed += int(did)
    return changed


# --- the stored upload between preview and import ----------------------------------------------

# An upload nobody imported is dropped after this long (at the next upload of the programme).
PREVIEW_KEPT = timedelta(days=1)


def actual_import_create(
    *, programme: Programme, user: AnyUser | None, file_name: str, data: bytes
) -> ActualImport:
    """Read the file and keep its rows on the server for the preview. Raises ValidationError
    for an unreadable file; the rows' problems are found by `check` on the preview."""
    header, rows = read_file(file_name, data)
    ActualImport.objects.filter(
        programme=programme,
        status=ActualImport.Status.PREVIEW,
        uploaded_at__lt=timezone.now() - PREVIEW_KEPT,
    ).delete()
    return ActualImport.objects.create(
        programme=programme,
        token=secrets.token_urlsafe(24),
        file_name=file_name[:255],
        digest=hashlib.sha256(data).hexdigest(),
        header=header,
        rows=rows,
        row_count=len(rows),
        uploaded_by_id=user.pk if user is not None else None,
    )


def stored_check(stored: ActualImport) -> Checked:
    return check(stored.programme, stored.header, stored.rows)


@transaction.atomic
def actual_import_apply(*, stored: ActualImport, user: AnyUser | None) -> tuple[Checked, int]:
    """Check the stored rows again against the current data and write all or nothing.
    Returns the check and the number of months changed; a preview is imported only once."""
    locked = ActualImport.objects.select_for_update().get(pk=stored.pk)
    if locked.status != ActualImport.Status.PREVIEW:
        raise ValidationError(_("Diese Datei wurde bereits importiert."))
    checked = stored_check(locked)
    if not checked.ok:
        return checked, 0
    changed = apply(checked, user=user)
    locked.status = ActualImport.Status.DONE
    locked.changed = changed
    locked.imported_at = timezone.now()
    locked.rows = []  # the figures now live in the actuals; keep the log, not the file
    locked.save()
    return checked, changed
