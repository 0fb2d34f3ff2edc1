"""The programme's finance overview: plan, actual, committed, remaining and funded share,
grouped by field of action, org unit, year, kind or project, with filters and totals.

The sums are taken in the database, grouped by the chosen key and year, so the page costs the
same few queries and little Python work for 10 or 10,000 projects. Only the lines whose plan
cannot be summed in SQL to the cent are computed one by one: spans of years (spread evenly with
the remainder in the last year, `figures.spread`) and staff lines (FTE × the programme's rate).
A municipal programme has a handful of those.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from decimal import Decimal
from typing import Any

from django.db.models import F
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy

from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project

from . import figures as f
from .models import Actual
from .models import BudgetLine
from .models import FinanceSettings
from .models import Kind

GROUPINGS = ("field", "org_unit", "year", "kind", "project")

# The column of BudgetLine each grouping is keyed on (None: the year itself).
GROUP_PATHS: dict[str, str | None] = {
    "field": "project__field_of_action_id",
    "org_unit": "org_unit_id",
    "year": None,
    "kind": "kind",
    "project": "project_id",
}


@dataclass
class Overview:
    groups: list[f.Bucket]
    total: f.Figures
    years: list[int]
    grouping: str
    filters: dict[str, Any] = field(default_factory=dict)


def filtered_lines(
    programme: Programme,
    *,
    year: int | None = None,
    kind: str = "",
    field_id: int | None = None,
    org_unit_id: int | None = None,
) -> QuerySet[BudgetLine]:
    lines = BudgetLine.objects.filter(programme=programme)
    if kind:
        lines = lines.filter(kind=kind)
    if field_id:
        lines = lines.filter(project__field_of_action_id=field_id)
    if org_unit_id:
        lines = lines.filter(org_unit_id=org_unit_id)
    if year:
        lines = lines.filter(year_from__lte=year, year_to__gte=year)
    return lines


def _plain(lines: QuerySet[BudgetLine]) -> QuerySet[BudgetLine]:
    """Lines whose plan is their amount in their one year: summed in SQL."""
    return lines.filter(year_from=F("year_to")).exclude(kind=Kind.STAFF)


def _spread(lines: QuerySet[BudgetLine]) -> QuerySet[BudgetLine]:
    """Spans of years and staff lines: computed line by line (`figures.spread`)."""
    return lines.filter(Q(year_to__gt=F("year_from")) | Q(kind=Kind.STAFF))


class _Groups:
    def __init__(self, grouping: str) -> None:
        self.grouping = grouping
        self.buckets: dict[object, f.Bucket] = {}
        self.total = f.Figures()

    def key(self, value: object, year: int) -> object:
        if self.grouping == "year":
            return year
        return "" if value is None else value

    def add(self, value: object, year: int, figures: f.Figures) -> None:
        key = self.key(value, year)
        bucket = self.buckets.setdefault(key, f.Bucket(key, ""))
        bucket.figures.add(figures)
        self.total.add(figures)


def _add_plans(groups: _Groups, lines: QuerySet[BudgetLine], path: str | None) -> None:
    columns = [path, "year_from"] if path else ["year_from"]
    rows = (
        _plain(lines)
        .values(*columns)
        .annotate(plan=Sum("amount"), funded=Sum("funded_amount"))
        .order_by()
    )
    for row in rows:
        plan = f.Figures(plan=row["plan"] or f.ZERO, funded=row["funded"] or f.ZERO)
        groups.add(row.get(path) if path else None, row["year_from"], plan)


def _add_spread_plans(
    groups: _Groups,
    lines: QuerySet[BudgetLine],
    path: str | None,
    year: int | None,
    staff_rate: Decimal | None,
) -> None:
    columns = ["kind", "year_from", "year_to", "amount", "fte", "funded_amount"]
    for row in _spread(lines).values(*columns, *([path] if path else [])).order_by():
        for y in [year] if year else range(row["year_from"], row["year_to"] + 1):
            groups.add(row.get(path) if path else None, y, _spread_figures(row, y, staff_rate))


def _spread_figures(row: dict[str, Any], year: int, staff_rate: Decimal | None) -> f.Figures:
    """One span or staff line's plan, funded part and FTE in `year` (as `line_figures`)."""
    span = (row["year_from"], row["year_to"])
    amount = row["amount"]
    out = f.Figures()
    if row["kind"] == Kind.STAFF:
        fte = row["fte"] or f.ZERO
        years = span[1] - span[0] + 1
        amount = (fte * staff_rate * years).quantize(f.CENT) if staff_rate else f.ZERO
        out.fte = fte
    out.plan = f.spread(amount, span[0], span[1], year)
    if row["funded_amount"]:
        out.funded = f.spread(row["funded_amount"], span[0], span[1], year)
    return out


def _add_actuals(
    groups: _Groups, lines: QuerySet[BudgetLine], path: str | None, year: int | None
) -> None:
    """Actuals and commitments in the years their line covers, grouped in SQL."""
    found = (
        Actual.objects.filter(budget_line__in=lines.values("pk"))
        .annotate(year=ExtractYear("month"))
        .filter(year__gte=F("budget_line__year_from"), year__lte=F("budget_line__year_to"))
    )
    if year:
        found = found.filter(year=year)
    column = f"budget_line__{path}" if path else None
    rows = (
        found.values(*([column] if column else []), "year")
        .annotate(actual=Sum("actual"), committed=Sum("committed"))
        .order_by()
    )
    for row in rows:
        figures = f.Figures(actual=row["actual"] or f.ZERO, committed=row["committed"] or f.ZERO)
        groups.add(row[column] if column else None, row["year"], figures)


def _labels(grouping: str, keys: list[object]) -> dict[object, str]:
    """The label of every group, in one query at most."""
    ids = [k for k in keys if k != ""]
    if grouping == "year":
        return {k: str(k) for k in keys}
    if grouping == "kind":
        return {k: str(Kind(str(k)).label) for k in ids}
    if grouping == "org_unit":
        return {u.pk: str(u) for u in OrgUnit.objects.filter(pk__in=ids)}
    if grouping == "project":
        return dict(Project.objects.filter(pk__in=ids).values_list("pk", "title"))
    return dict(FieldOfAction.objects.filter(pk__in=ids).values_list("pk", "name"))


NO_GROUP = {
    "org_unit": gettext_lazy("ohne Organisationseinheit"),
    "project": gettext_lazy("Programm / Organisationseinheit"),
    "field": gettext_lazy("ohne Themenfeld (Programm- und Bereichsansätze)"),
}


def programme_overview(
    programme: Programme,
    *,
    grouping: str = "field",
    year: int | None = None,
    kind: str = "",
    field_id: int | None = None,
    org_unit_id: int | None = None,
    settings: FinanceSettings | None = None,
) -> Overview:
    """Plan, actual, committed, remaining and funded share, grouped and filtered."""
    if settings is None:
        settings = FinanceSettings.objects.filter(programme=programme).first()
    staff_rate = settings.staff_rate if settings else None
    lines = filtered_lines(
        programme, year=year, kind=kind, field_id=field_id, org_unit_id=org_unit_id
    )
    path = GROUP_PATHS[grouping]
    groups = _Groups(grouping)
    _add_plans(groups, lines, path)
    _add_spread_plans(groups, lines, path, year, staff_rate)
    _add_actuals(groups, lines, path, year)
    labels = _labels(grouping, list(groups.buckets))
    for key, bucket in groups.buckets.items():
        bucket.label = labels.get(key) or str(NO_GROUP.get(grouping, "–"))
    buckets = list(groups.buckets.values())
    if grouping == "year":
        ordered = sorted(buckets, key=lambda b: int(str(b.key)))
    else:
        ordered = sorted(buckets, key=lambda b: (str(b.key) == "", str(b.label)))
    spans = lines.values_list("year_from", "year_to").distinct().order_by()
    years = sorted({y for a, b in spans for y in range(a, b + 1)})
    return Overview(
        groups=ordered,
        total=groups.total,
        years=years,
        grouping=grouping,
        filters={"year": year, "kind": kind, "field": field_id, "org_unit": org_unit_id},
    )
