"""The arithmetic of the programme's money, in plain functions over plain values.

A line for a span of years ("2025 bis 2027") counts evenly in each of its years, to the cent:
the last year takes the rounding remainder, so the years always add up to the line. Actuals and
commitments are summed per line and calendar year of their month. "Remaining" is plan minus
actual minus committed. Forecasts extrapolate the pace so far to the end of the year (budget)
or of the contract (person-days).
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from decimal import ROUND_DOWN
from decimal import Decimal

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


def spread(amount: Decimal, year_from: int, year_to: int, year: int) -> Decimal:
    """The share of `amount` that falls into `year`, spreading a span evenly to the cent."""
    if year < year_from or year > year_to:
        return ZERO
    years = year_to - year_from + 1
    share = (amount / years).quantize(CENT, ROUND_DOWN)
    if year == year_to:
        return amount - share * (years - 1)
    return share


def plan_in_years(amount: Decimal, year_from: int, year_to: int) -> dict[int, Decimal]:
    return {y: spread(amount, year_from, year_to, y) for y in range(year_from, year_to + 1)}


@dataclass
class Figures:
    """Plan, actual, committed and funded money of any selection of lines."""

    plan: Decimal = ZERO
    actual: Decimal = ZERO
    committed: Decimal = ZERO
    funded: Decimal = ZERO
    fte: Decimal = ZERO

    def add(self, other: Figures) -> None:
        self.plan += other.plan
        self.actual += other.actual
        self.committed += other.committed
        self.funded += other.funded
        self.fte += other.fte

    @property
    def spent(self) -> Decimal:
        return self.actual + self.committed

    @property
    def remaining(self) -> Decimal:
        return self.plan - self.actual - self.committed

    @property
    def used_percent(self) -> int | None:
        if not self.plan:
            return None
        return int((self.spent * 100 / self.plan).quantize(Decimal(1)))

    @property
    def funded_percent(self) -> int | None:
        """The funded share of the plan ("davon Fördermittel"), in whole percent."""
        if not self.plan:
            return None
        return int((self.funded * 100 / self.plan).quantize(Decimal(1)))

    @property
    def over_plan(self) -> bool:
        return self.spent > self.plan


@dataclass
class Bucket:
    """Figures under a key (a year, a kind, a field …), with a label for the page."""

    key: object
    label: str
    figures: Figures = field(default_factory=Figures)


def months_elapsed(year: int, today: date) -> int:
    """Months of `year` begun by `today`: 0 before the year, 12 after it."""
    if today.year < year:
        return 0
    if today.year > year:
        return 12
    return today.month


def forecast_year(actual: Decimal, year: int, today: date) -> Decimal | None:
    """The year's actual at the pace so far; None before the year has begun."""
    elapsed = months_elapsed(year, today)
    if elapsed == 0:
        return None
    return (actual * 12 / elapsed).quantize(CENT)


def budget_light(figures: Figures, *, year: int, today: date, tolerance_percent: int) -> str | None:
    """Suggest the status report's budget light from the year's plan, actual and committed.

    Red: actual and committed exceed the plan by more than the tolerance. Amber: they exceed the
    plan, or the actual at the current pace would end the year above plan plus tolerance.
    Green otherwise. None when the year has no plan to compare with.
    """
    if figures.plan <= 0:
        return None
    limit = figures.plan * (100 + tolerance_percent) / 100
    if figures.spent > limit:
        return "red"
    forecast = forecast_year(figures.actual, year, today)
    if figures.spent > figures.plan or (forecast is not None and forecast > limit):
        return "amber"
    return "green"


@dataclass
class ContractPace:
    used_days: Decimal
    remaining_days: Decimal
    used_net: Decimal
    remaining_net: Decimal
    used_gross: Decimal
    remaining_gross: Decimal
    days_per_month: Decimal | None
    forecast_days: Decimal | None  # days called off by the end at the current pace
    exhausted_by: date | None  # the month the contingent runs out at the current pace


def _months_between(start: date, end: date) -> int:
    """Calendar months from start's month to end's month, both included."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def contract_pace(
    *,
    person_days: Decimal,
    day_rate: Decimal,
    vat_percent: Decimal,
    start: date,
    end: date,
    used_days: Decimal,
    today: date,
) -> ContractPace:
    remaining = person_days - used_days
    gross_factor = (100 + vat_percent) / 100
    used_net = (used_days * day_rate).quantize(CENT)
    remaining_net = (remaining * day_rate).quantize(CENT)
    pace = forecast = exhausted = None
    if today >= start:
        elapsed = min(_months_between(start, min(today, end)), _months_between(start, end))
        pace = (used_days / elapsed).quantize(CENT) if elapsed else None
        if pace is not None:
            left = _months_between(start, end) - elapsed
            forecast = (used_days + used_days / elapsed * left).quantize(CENT)
            if used_days > 0 and remaining > 0:
                months_left = int((remaining / (used_days / elapsed)).to_integral_value(ROUND_DOWN))
                run_out = _add_months(
                    date(min(today, end).year, min(today, end).month, 1), months_left
                )
                exhausted = run_out if run_out <= end else None
            elif remaining <= 0:
                exhausted = date(today.year, today.month, 1)
    return ContractPace(
        used_days=used_days,
        remaining_days=remaining,
        used_net=used_net,
        remaining_net=remaining_net,
        used_gross=(used_net * gross_factor).quantize(CENT),
        remaining_gross=(remaining_net * gross_factor).quantize(CENT),
        days_per_month=pace,
        forecast_days=forecast,
        exhausted_by=exhausted,
    )
