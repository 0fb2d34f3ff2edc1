"""The finance section of the committee and field-focus reports, as of the report's moment.

Read from the recorded history (budget lines, actuals, deadlines as they stood at the moment),
so a report produced again later shows the same figures. The year is the as-of year; spans of
years count evenly in each year (`lotse.finance.figures.spread`).
"""

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from lotse.finance import figures as f
from lotse.finance.models import Actual
from lotse.finance.models import BudgetLine
from lotse.finance.models import Deadline
from lotse.finance.models import Kind

from .history import records_at


@dataclass
class FinanceRow:
    label: str
    plan: Decimal
    actual: Decimal
    committed: Decimal
    funded: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.plan - self.actual - self.committed


@dataclass
class DeadlineLine:
    title: str
    kind_label: str
    due_date: date
    consequence: str
    state_label: str
    overdue: bool


@dataclass
class FinanceSection:
    year: int
    rows: list[FinanceRow]  # one per field of action (and one for programme lines)
    total: FinanceRow
    deadlines: list[DeadlineLine] = field(default_factory=list)


def finance_section(
    *,
    programme_id: int,
    moment: datetime,
    as_of: date,
    field_names: dict[int, str],
    project_fields: dict[int, int],
    focus_id: int | None = None,
) -> FinanceSection | None:
    """Plan, actual, committed per field in the as-of year; open and recently due deadlines."""
    year = as_of.year
    lines = [
        line
        for line in records_at(BudgetLine, moment).filter(
            programme_id=programme_id, year_from__lte=year, year_to__gte=year
        )
        if line.kind != Kind.STAFF
    ]
    if focus_id is not None:
        lines = [line for line in lines if project_fields.get(line.project_id or 0) == focus_id]
    sums: dict[int, tuple[Decimal, Decimal]] = {}
    for actual in records_at(Actual, moment).filter(
        budget_line_id__in=[line.id for line in lines], month__year=year, month__lte=as_of
    ):
        a, c = sums.get(actual.budget_line_id, (f.ZERO, f.ZERO))
        sums[actual.budget_line_id] = (a + actual.actual, c + actual.committed)
    rows: dict[str, FinanceRow] = {}
    total = FinanceRow(_("Summe"), f.ZERO, f.ZERO, f.ZERO, f.ZERO)
    for line in lines:
        field_id = project_fields.get(line.project_id or 0)
        label = field_names.get(field_id, "") if field_id else _("Programm und Bereiche")
        row = rows.setdefault(label, FinanceRow(label, f.ZERO, f.ZERO, f.ZERO, f.ZERO))
        plan = f.spread(line.amount, line.year_from, line.year_to, year)
        funded = (
            f.spread(line.funded_amount, line.year_from, line.year_to, year)
            if line.funded_amount
            else f.ZERO
        )
        actual, committed = sums.get(line.id, (f.ZERO, f.ZERO))
        for target in (row, total):
            target.plan += plan
            target.actual += actual
            target.committed += committed
            target.funded += funded
    if not lines:
        return None
    order = {name: i for i, name in enumerate(field_names.values())}
    deadlines = []
    if focus_id is None:
        labels = dict(Deadline.DeadlineKind.choices)
        states = dict(Deadline.Status.choices)
        for d in (
            records_at(Deadline, moment).filter(programme_id=programme_id).order_by("due_date")
        ):
            if d.status != Deadline.Status.OPEN and d.due_date < date(year, 1, 1):
                continue
            overdue = d.status == Deadline.Status.OPEN and d.due_date < as_of
            deadlines.append(
                DeadlineLine(
                    title=d.title,
                    kind_label=str(labels.get(d.kind, d.kind)),
                    due_date=d.due_date,
                    consequence=d.consequence,
                    state_label=_("überfällig") if overdue else str(states.get(d.status, d.status)),
                    overdue=overdue,
                )
            )
    return FinanceSection(
        year=year,
        rows=sorted(rows.values(), key=lambda r: order.get(r.label, len(order))),
        total=total,
        deadlines=deadlines,
    )
