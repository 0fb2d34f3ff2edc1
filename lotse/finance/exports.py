"""XLSX export of the programme's finance overview: the overview's groups with their totals,
and the programme's deadlines with their dates, in the exact amounts (EUR with cents)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl.styles import Font

from lotse.documents.xlsx import EURO_FORMAT
from lotse.documents.xlsx import PERCENT_FORMAT
from lotse.documents.xlsx import THOUSAND_EURO_FORMAT
from lotse.documents.xlsx import add_sheet
from lotse.documents.xlsx import append_row
from lotse.documents.xlsx import fill_sheet
from lotse.documents.xlsx import last_row
from lotse.documents.xlsx import new_workbook
from lotse.documents.xlsx import workbook_bytes

from . import figures as f
from .committee import CommitteeTable
from .models import Deadline
from .overview import Overview


def _share(part: Decimal, whole: Decimal) -> Decimal | None:
    """A fraction for a percent cell (0.25 → 25 %), None without a plan."""
    return (part / whole).quantize(Decimal("0.0001")) if whole else None


def overview_headers() -> list[str]:
    return [
        _("Gruppe"),
        _("Plan (EUR)"),
        _("Ist (EUR)"),
        _("Obligo (EUR)"),
        _("verfügbar (EUR)"),
        _("davon Fördermittel (EUR)"),
        _("Förderanteil"),
        _("ausgeschöpft"),
        _("Stellen (MAK)"),
    ]


def _figures_row(label: str, figures: f.Figures) -> list[Any]:
    return [
        label,
        figures.plan,
        figures.actual,
        figures.committed,
        figures.remaining,
        figures.funded,
        _share(figures.funded, figures.plan),
        _share(figures.spent, figures.plan),
        figures.fte or None,
    ]


def overview_rows(overview: Overview) -> list[list[Any]]:
    return [_figures_row(b.label, b.figures) for b in overview.groups]


OVERVIEW_FORMATS = {1: EURO_FORMAT, 2: EURO_FORMAT, 3: EURO_FORMAT, 4: EURO_FORMAT}
OVERVIEW_FORMATS |= {5: EURO_FORMAT, 6: PERCENT_FORMAT, 7: PERCENT_FORMAT}


def deadline_headers() -> list[str]:
    return [
        _("Frist"),
        _("Art"),
        _("fällig am"),
        _("Stand"),
        _("Folge bei Versäumnis"),
        _("entscheidet"),
        _("erledigt am"),
    ]


def deadline_rows(deadlines: Sequence[Deadline], today: date) -> list[list[Any]]:
    rows = []
    for d in deadlines:
        state = _("überfällig") if d.is_overdue(today) else str(d.get_status_display())
        rows.append(
            [
                d.title,
                str(d.get_kind_display()),
                d.due_date,
                state,
                d.consequence,
                d.body_label,
                d.met_on,
            ]
        )
    return rows


def overview_workbook(
    overview: Overview, deadlines: Sequence[Deadline], *, title: str, filters: str, today: date
) -> bytes:
    """Sheet 1: the overview (bold frozen header, autofilter over the groups, the total below
    them); sheet 2: the deadlines with real date cells."""
    workbook, sheet = new_workbook()
    sheet.title = _("Finanzübersicht")[:31]
    rows = overview_rows(overview)
    fill_sheet(sheet, overview_headers(), rows, OVERVIEW_FORMATS)
    sheet.auto_filter.ref = f"A1:I{len(rows) + 1}"
    total = _figures_row(_("Summe"), overview.total)
    fill_total = last_row(sheet) + 1
    append_row(sheet, total)
    for i, number_format in OVERVIEW_FORMATS.items():
        cell = sheet.cell(row=fill_total, column=i + 1)
        if cell.value is not None:
            cell.number_format = number_format
    for cell in sheet[fill_total]:
        cell.font = Font(bold=True)
    append_row(sheet, [])
    append_row(sheet, [title])
    append_row(sheet, [_("Auswahl: %(f)s") % {"f": filters}])
    append_row(sheet, [_("Stand"), today])
    dates = add_sheet(workbook, _("Fristen"))
    fill_sheet(dates, deadline_headers(), deadline_rows(deadlines, today))
    dates.auto_filter.ref = dates.dimensions
    return workbook_bytes(workbook)


def committee_workbook(table: CommitteeTable, planning_label: str) -> bytes:
    """Sheet 1: the committee table as one list (amounts as numbers shown in T€); sheet 2:
    the same amounts exact in EUR. The planning round is a column, not a title row, so that
    every sheet starts with its header."""
    workbook, sheet = new_workbook()
    sheet.title = _("Ausschusstabelle")
    headers = [_("Planungsrunde"), _("Tabelle"), _("Projekt"), _("Anmerkung"), *table.columns]
    rows = [
        [planning_label, block.heading, row.title, row.purpose, *row.amounts]
        for block in table.blocks
        for row in block.rows
    ]
    amounts = range(4, 4 + len(table.columns))
    fill_sheet(sheet, headers, rows, dict.fromkeys(amounts, THOUSAND_EURO_FORMAT))
    exact = add_sheet(workbook, _("Beträge in EUR"))
    fill_sheet(
        exact,
        [_("Tabelle"), _("Projekt"), _("Anmerkung"), *table.columns],
        [
            [block.heading, row.title, row.purpose, *row.amounts]
            for block in table.blocks
            for row in block.rows
        ],
        dict.fromkeys(range(3, 3 + len(table.columns)), EURO_FORMAT),
    )
    return workbook_bytes(workbook)
