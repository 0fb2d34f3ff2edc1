"""The capacity arithmetic: spreading over months, partial months, FTE ↔ person-days, levels."""

from datetime import date
from decimal import Decimal

from lotse.planning import capacity as cap
from lotse.portfolio.workdays import WorkCalendar

COUNTER = cap.WorkdayCounter(WorkCalendar(region="BB"))


def test_spread_over_whole_months_follows_working_days():
    # January 2026 in Brandenburg: 21 working days (1 Jan is a holiday); February: 20.
    parts = cap.spread(Decimal("82"), date(2026, 1, 1), date(2026, 2, 28), COUNTER)
    assert parts == {date(2026, 1, 1): Decimal("42.00"), date(2026, 2, 1): Decimal("40.00")}


def test_spread_partial_month_gets_its_share_and_the_parts_add_up():
    parts = cap.spread(Decimal("100"), date(2026, 3, 16), date(2026, 4, 30), COUNTER)
    # 16.–31. March: 12 working days; April: 20 (Good Friday, Easter Monday off).
    assert parts[date(2026, 3, 1)] == Decimal("37.50")
    assert sum(parts.values()) == Decimal("100")


def test_spread_of_a_weekend_only_span_uses_calendar_days():
    parts = cap.spread(Decimal("8"), date(2026, 1, 3), date(2026, 1, 4), COUNTER)
    assert parts == {date(2026, 1, 1): Decimal("8")}


def test_fte_and_person_days():
    days = cap.fte_to_person_days(Decimal("2"), COUNTER.in_month(date(2026, 1, 1)))
    assert days == Decimal("42")
    assert cap.person_days_to_fte(Decimal("42"), 21) == Decimal("2")
    assert cap.hours_to_days(Decimal("60")) == Decimal("7.5")
    assert cap.project_share(Decimal("40"), 75) == Decimal("10")


def test_load_levels():
    assert cap.load_level(Decimal("0"), Decimal("10"), Decimal("20")) == "free"
    assert cap.load_level(Decimal("5"), Decimal("10"), Decimal("20")) == "ok"
    assert cap.load_level(Decimal("9"), Decimal("10"), Decimal("20")) == "tight"
    assert cap.load_level(Decimal("15"), Decimal("10"), Decimal("20")) == "line_conflict"
    assert cap.load_level(Decimal("25"), Decimal("10"), Decimal("20")) == "overload"
    assert cap.load_level(Decimal("5"), Decimal("0"), Decimal("0")) == "unknown"
    assert cap.load_percent(Decimal("15"), Decimal("10")) == 150
    assert cap.load_percent(Decimal("15"), Decimal("0")) is None


def test_months_at_the_calendars_end_do_not_overrun():
    """12/9999 is the last month a date can hold: the span ends there instead of raising."""
    last = date(9999, 12, 1)
    assert list(cap.months_between(date(9999, 11, 15), date(9999, 12, 31))) == [
        date(9999, 11, 1),
        last,
    ]
    assert cap.month_end(last) == date(9999, 12, 31)
    assert cap.month_end(date(2028, 2, 1)) == date(2028, 2, 29)
