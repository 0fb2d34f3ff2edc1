"""Two people entering money at once: real concurrent transactions on PostgreSQL, one after
the other on SQLite (see tests/concurrency.py)."""

from datetime import date
from decimal import Decimal

import pytest

from lotse.finance import services
from lotse.finance.models import Actual
from tests.concurrency import at_once

from .conftest import make_line

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_people_entering_a_month_actual_at_once(cast):
    line = make_line(cast.programme, project=cast.project)

    def enter(amount: str):
        return lambda: services.actual_set(
            line=line, month=date(2026, 3, 1), actual=Decimal(amount)
        )

    errors = at_once([enter("100"), enter("200")], pause_at=(Actual, "save"))

    assert errors == []
    assert [row.actual for row in Actual.objects.filter(budget_line=line)] in (
        [Decimal("100")],
        [Decimal("200")],
    )
