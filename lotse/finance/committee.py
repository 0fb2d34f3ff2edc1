"""The committee table in the format of Potsdam's budget planning (seed 002).

Per org unit one table "Projekt | Anmerkung | 2023 | 2024 | 2025 bis 2027"; an org unit with
both kinds gets two tables, "(Aufwand)" and "(Invest)"; a line with funding is followed by its
"Davon Fördermittel" row. The columns are the spans the lines use. Amounts appear as the
committee writes them ("7,5 Mio. €", "480 T€"); staff lines (MAK) are not part of this table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field
from decimal import Decimal

from django.db.models import Count
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme

from .models import BudgetLine
from .models import Kind
from .money import committee


@dataclass
class Row:
    title: str
    purpose: str
    amounts: list[Decimal | None]
    funded_row: bool = False
    project_id: int | None = None

    @property
    def cells(self) -> list[str]:
        return [committee(a) if a is not None else "" for a in self.amounts]


@dataclass
class Block:
    heading: str
    org_unit: OrgUnit | None
    kind: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class CommitteeTable:
    columns: list[str]
    blocks: list[Block]


def unit_heading(unit: OrgUnit | None) -> str:
    """ "Fachbereich 54 E-Government" from code "FB 54", name "Fachbereich E-Government"."""
    if unit is None:
        return _("Programm")
    number = " ".join(re.findall(r"\d+", unit.code))
    first, _sep, rest = unit.name.partition(" ")
    if number and first in ("Bereich", "Fachbereich", "Geschäftsbereich") and rest:
        return f"{first} {number} {rest}"
    return str(unit)


def _span_label(span: tuple[int, int]) -> str:
    a, b = span
    return str(a) if a == b else _("%(a)s bis %(b)s") % {"a": a, "b": b}


def plannings(programme: Programme) -> list[str]:
    """The programme's planning rounds, the committee table shows one at a time."""
    found = (
        BudgetLine.objects.filter(programme=programme, kind__in=[Kind.EXPENSE, Kind.INVEST])
        .order_by("planning")
        .values_list("planning", flat=True)
        .distinct()
    )
    return list(found)


def committee_lines(
    programme: Programme, planning: str | None, org_unit_id: int | None = None
) -> QuerySet[BudgetLine]:
    lines = BudgetLine.objects.filter(
        programme=programme, kind__in=[Kind.EXPENSE, Kind.INVEST]
    ).order_by("org_unit__code", "kind", "position", "year_from", "pk")
    if planning is not None:
        lines = lines.filter(planning=planning)
    if org_unit_id == 0:
        lines = lines.filter(org_unit__isnull=True)
    elif org_unit_id is not None:
        lines = lines.filter(org_unit_id=org_unit_id)
    return lines


@dataclass
class UnitPage:
    """One org unit's part of a large committee table (the page shows one unit at a time)."""

    org_unit_id: int  # 0: the lines without an org unit
    heading: str
    lines: int


# Up to this many lines the page shows the whole table; above it one org unit per page (the
# committee itself reads the table per org unit, seed 002).
PAGE_LINES = 400


def unit_pages(programme: Programme, planning: str | None) -> list[UnitPage]:
    """The org units of the table in its order, with their number of lines (one query)."""
    rows = (
        committee_lines(programme, planning)
        .values("org_unit_id", "org_unit__code", "org_unit__name")
        .annotate(n=Count("pk"))
        .order_by("org_unit__code")
    )
    units = {r["org_unit_id"]: r for r in rows}
    found = OrgUnit.objects.in_bulk([k for k in units if k is not None])
    return [
        UnitPage(key or 0, unit_heading(found.get(key) if key is not None else None), row["n"])
        for key, row in units.items()
    ]


COLUMNS = (
    "org_unit_id",
    "kind",
    "title",
    "purpose",
    "project_id",
    "year_from",
    "year_to",
    "amount",
    "funded_amount",
    "funded_note",
)


def committee_table(
    programme: Programme,
    planning: str | None = None,
    org_unit_id: int | None = None,
) -> CommitteeTable:
    """One planning round's table (all lines when `planning` is None), of one org unit when
    `org_unit_id` is given (0: the lines without one). Reads plain values in one query and
    the org units in a second."""
    lines = list(committee_lines(programme, planning, org_unit_id).values_list(*COLUMNS))
    # the columns of the whole round, so every unit's page looks alike
    found = committee_lines(programme, planning).values_list("year_from", "year_to")
    spans = sorted(set(found.order_by().distinct()))
    index = {span: i for i, span in enumerate(spans)}
    kinds_per_unit: dict[int | None, set[str]] = {}
    for line in lines:
        kinds_per_unit.setdefault(line[0], set()).add(line[1])
    units = OrgUnit.objects.in_bulk([k for k in kinds_per_unit if k is not None])
    blocks: dict[tuple[int | None, str], Block] = {}
    rows: dict[tuple[int | None, str, str], Row] = {}
    funded_rows: dict[int, Row] = {}  # id(row) → its "Davon Fördermittel" row
    for unit_id, kind, title, purpose, project_id, y1, y2, amount, funded, note in lines:
        block_key = (unit_id, kind)
        if block_key not in blocks:
            unit = units.get(unit_id) if unit_id is not None else None
            heading = unit_heading(unit)
            if len(kinds_per_unit[unit_id]) > 1:
                heading = f"{heading} ({Kind(kind).label})"
            blocks[block_key] = Block(heading, unit, kind)
        row_key = (unit_id, kind, title)
        row = rows.get(row_key)
        if row is None:
            row = Row(title, purpose, [None] * len(spans), project_id=project_id)
            blocks[block_key].rows.append(row)
            rows[row_key] = row
        slot = index[(y1, y2)]
        row.amounts[slot] = (row.amounts[slot] or Decimal(0)) + amount
        if funded is not None:
            funded_row = funded_rows.get(id(row))
            if funded_row is None:
                funded_row = Row(
                    _("Davon Fördermittel"), note, [None] * len(spans), funded_row=True
                )
                funded_rows[id(row)] = funded_row
            funded_row.amounts[slot] = (funded_row.amounts[slot] or Decimal(0)) + funded
            if note and not funded_row.purpose:
                funded_row.purpose = note
    for block in blocks.values():
        # each funded row right below its line (built once, not inserted row by row)
        block.rows = [r for row in block.rows for r in (row, funded_rows.get(id(row))) if r]
    return CommitteeTable([_span_label(s) for s in spans], list(blocks.values()))
