"""The capacity arithmetic as pure functions: months, working days, spreading hours over the
months of a date span (partial months by working days), FTE ↔ person-days, load levels.

A person-day has `HOURS_PER_DAY` hours. One FTE in a month is that month's working days
(weekdays without the public holidays of the programme's Bundesland).
"""

from bisect import bisect_left
from bisect import bisect_right
from calendar import monthrange
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import timedelta
from decimal import ROUND_HALF_UP
from decimal import Decimal

from lotse.portfolio.workdays import WorkCalendar

HOURS_PER_DAY = Decimal("8")
# Load above this share of the project capacity is an overload; above WARN it is tight.
WARN_PERCENT = 80
OVERLOAD_PERCENT = 100
CENT = Decimal("0.01")


def month_start(day: date) -> date:
    return date(day.year, day.month, 1)


def next_month(month: date) -> date:
    return date(month.year + (month.month == 12), month.month % 12 + 1, 1)


def month_end(month: date) -> date:
    return date(month.year, month.month, monthrange(month.year, month.month)[1])


def months_between(first: date, last: date) -> Iterator[date]:
    """Every month from the month of `first` to the month of `last`, both included.

    The next month is computed only when it is needed, so a span that ends in 12/9999 (the
    calendar's last month) ends instead of raising."""
    month, end = month_start(first), month_start(last)
    while month <= end:
        yield month
        if month == end:
            return
        month = next_month(month)


def months_from(first: date, count: int) -> list[date]:
    months, month = [], month_start(first)
    for _i in range(count):
        months.append(month)
        month = next_month(month)
    return months


@dataclass
class WorkdayCounter:
    """Counts working days in a span quickly: each month's working days are listed once."""

    calendar: WorkCalendar
    _days: dict[date, list[int]] = field(default_factory=dict)
    spans: dict[tuple[date, date], list[tuple[date, int]]] = field(default_factory=dict)

    def _month_days(self, month: date) -> list[int]:
        days = self._days.get(month)
        if days is None:
            days, day, end = [], month, month_end(month)
            while day <= end:
                if self.calendar.is_working_day(day, with_blackout=False):
                    days.append(day.toordinal())
                day += timedelta(days=1)
            self._days[month] = days
        return days

    def in_month(self, month: date) -> int:
        return len(self._month_days(month_start(month)))

    def between(self, month: date, first: date, last: date) -> int:
        """Working days of `month` that lie between `first` and `last` (both included)."""
        days = self._month_days(month)
        return bisect_right(days, last.toordinal()) - bisect_left(days, first.toordinal())


def _weights(first: date, last: date, counter: WorkdayCounter) -> list[tuple[date, int]]:
    """The months of the span with their working days inside it (calendar days if the span
    has no working day); cached on the counter, since many work packages share a span."""
    key = (first, last)
    cached = counter.spans.get(key)
    if cached is not None:
        return cached
    months = list(months_between(first, last))
    weights = [counter.between(m, max(first, m), min(last, month_end(m))) for m in months]
    if not sum(weights):
        weights = [(min(last, month_end(m)) - max(first, m)).days + 1 for m in months]
    result = list(zip(months, weights, strict=True))
    counter.spans[key] = result
    return result


def spread(
    amount: Decimal, first: date, last: date, counter: WorkdayCounter
) -> dict[date, Decimal]:
    """Spread `amount` over the months from `first` to `last` in proportion to their working
    days inside the span (a span of 1.–15. March and all of April gives March about a third).
    A span without working days is spread by calendar days. The parts add up to `amount`."""
    if last < first:
        first, last = last, first
    weights = _weights(first, last, counter)
    total = sum(w for _m, w in weights)
    result: dict[date, Decimal] = {}
    given = Decimal("0")
    last_index = len(weights) - 1
    for i, (month, weight) in enumerate(weights):
        if i == last_index:
            part = amount - given
        else:
            part = (amount * weight / total).quantize(CENT, rounding=ROUND_HALF_UP)
        given += part
        if part:
            result[month] = result.get(month, Decimal("0")) + part
    return result


def hours_to_days(hours: Decimal) -> Decimal:
    return hours / HOURS_PER_DAY


def fte_to_person_days(fte: Decimal, working_days: int) -> Decimal:
    """FTE in a month as person-days: one FTE works every working day of the month."""
    return fte * working_days


def person_days_to_fte(days: Decimal, working_days: int) -> Decimal:
    return days / working_days if working_days else Decimal("0")


def project_share(person_days: Decimal, line_work_percent: int) -> Decimal:
    """What is left for projects after line work."""
    return person_days * (100 - line_work_percent) / 100


def load_percent(demand: Decimal, capacity: Decimal) -> int | None:
    """Demand as a whole percentage of capacity; None when there is no capacity to measure
    against (demand without availability is shown as such, not as a number)."""
    if capacity <= 0:
        return None
    return int((demand * 100 / capacity).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def load_level(demand: Decimal, capacity: Decimal, total: Decimal) -> str:
    """`free` (nothing asked), `ok`, `tight` (from WARN_PERCENT), `line_conflict` (more than
    the project share: line work must give way), `overload` (more than all availability, line
    work included) or `unknown` (demand without any availability entered)."""
    if demand <= 0:
        return "free"
    if total <= 0:
        return "unknown"
    if demand > total:
        return "overload"
    if demand > capacity:
        return "line_conflict"
    percent = load_percent(demand, capacity) or 0
    return "tight" if percent >= WARN_PERCENT else "ok"
