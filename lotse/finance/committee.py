"""The committee table in the format of Potsdam's budget planning (seed 002).

Per org unit one table "Projekt | Anmerkung | 2023 | 2024 | 2025 bis 2027"; an org unit with
both kinds gets two tables, "(Aufwand)" and "(Invest)"; a line with funding is followed by its
"Davon Fördermittel" row. The columns are the spans the lines use. Amounts appear as the
committee writes them ("7,5 Mio. €", "480 T€"); staff lines (MAK) are not part of this table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from lotse.portfolio.models import OrgUnit, Programme

from .models import BudgetLine, Kind
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


def _span(line: BudgetLine) -> tuple[int, int]:
    return (line.year_from, line.year_to)


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


def committee_lines(programme: Programme, planning: str | None, org_unit_id: int | None = None):
    lines = (
        BudgetLine.objects.filter(programme=programme, kind__in=[Kind.EXPENSE, Kind.INVEST])
        .select_related("org_unit")
        .order_by("org_unit__code", "kind", "position", "year_from", "pk")
    )
    if planning is not None:
        lines = lines.filter(planning=planning)
    if org_unit_id:
        lines = lines.filter(org_unit_id=org_unit_id)
    return lines


def committee_table(
    programme: Programme, planning: str | None = None, org_unit_id: int | None = None
) -> CommitteeTable:
    """One planning round's table (all lines when `planning` is None)."""
    lines = list(committee_lines(programme, planning, org_unit_id))
    spans = sorted({_span(line) for line in lines})
    index = {span: i for i, span in enumerate(spans)}
    kinds_per_unit: dict[int | None, set[str]] = {}
    for line in lines:
        kinds_per_unit.setdefault(line.org_unit_id, set()).add(line.kind)
    blocks: dict[tuple[int | None, str], Block] = {}
    rows: dict[tuple[int | None, str, str], Row] = {}
    funded_rows: dict[int, Row] = {}  # id(row) → its "Davon Fördermittel" row
    for line in lines:
        block_key = (line.org_unit_id, line.kind)
        if block_key not in blocks:
            heading = unit_heading(line.org_unit)
            if len(kinds_per_unit[line.org_unit_id]) > 1:
                heading = f"{heading} ({Kind(line.kind).label})"
            blocks[block_key] = Block(heading, line.org_unit, line.kind)
        row_key = (line.org_unit_id, line.kind, line.title)
        row = rows.get(row_key)
        if row is None:
            row = Row(line.title, line.purpose, [None] * len(spans), project_id=line.project_id)
            blocks[block_key].rows.append(row)
            rows[row_key] = row
        slot = index[_span(line)]
        row.amounts[slot] = (row.amounts[slot] or Decimal(0)) + line.amount
        if line.funded_amount is not None:
            funded = funded_rows.get(id(row))
            if funded is None:
                funded = Row(
                    _("Davon Fördermittel"), line.funded_note, [None] * len(spans), funded_row=True
                )
                funded_rows[id(row)] = funded
            funded.amounts[slot] = (funded.amounts[slot] or Decimal(0)) + line.funded_amount
            if line.funded_note and not funded.purpose:
                funded.purpose = line.funded_note
    for block in blocks.values():
        # each funded row right below its line (built once, not inserted row by row)
        block.rows = [r for row in block.rows for r in (row, funded_rows.get(id(row))) if r]
    return CommitteeTable([_span_label(s) for s in spans], list(blocks.values()))
