"""Finance data next to the standard cast."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from lotse.finance import services
from lotse.finance.models import BudgetLine
from lotse.finance.models import Deadline
from lotse.finance.models import SupportContract


@dataclass
class Money:
    line: BudgetLine  # cast.project, Aufwand 2026, 120.000 €, not yet "veranschlagt"
    planned_line: BudgetLine  # cast.project, Invest 2026–2028, veranschlagt
    other_line: BudgetLine  # cast.other_project


def make_line(programme, **values) -> BudgetLine:
    data = {"kind": "expense", "year_from": 2026, "amount": Decimal("1000")} | values
    return services.budget_line_create(programme=programme, data=data)


def make_contract(programme, **values) -> SupportContract:
    """A support contract over 2024: 60 person days at 1.280 € unless `values` say otherwise."""
    data = {
        "title": "Begleitung",
        "start": date(2024, 1, 1),
        "end": date(2024, 12, 31),
        "person_days": Decimal("60"),
        "day_rate": Decimal("1280"),
    } | values
    return services.support_contract_create(programme=programme, data=data)


def make_deadline(programme, title, due_date, **values) -> Deadline:
    """A deadline through the service: a decision of the Transformationskonferenz unless
    `values` say otherwise."""
    data = {
        "kind": "decision",
        "title": title,
        "due_date": due_date,
        "consequence": "Sonst scheitert die Förderung.",
        "body": "transformation_conference",
    } | values
    return services.deadline_create(programme=programme, data=data)


@pytest.fixture
def money(cast) -> Money:
    line = make_line(
        cast.programme,
        project=cast.project,
        org_unit=cast.org_unit,
        amount=Decimal("120000"),
        status="requested",
        cost_centre="KST-4711",
    )
    planned = make_line(
        cast.programme,
        project=cast.project,
        kind="invest",
        year_from=2026,
        year_to=2028,
        amount=Decimal("300000"),
        status="planned",
        investment_number="INV-99",
    )
    other = make_line(cast.programme, project=cast.other_project, amount=Decimal("5000"))
    services.actual_set(line=line, month=date(2026, 3, 1), actual=Decimal("30000"))
    return Money(line, planned, other)
