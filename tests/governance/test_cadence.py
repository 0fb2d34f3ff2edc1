"""The cadence date arithmetic, with properties checked by hypothesis."""

import calendar
from datetime import date
from datetime import timedelta

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from lotse.governance import cadence

DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
MONTHLY_KINDS = st.sampled_from(["monthly", "quarterly", "half_yearly", "yearly"])
ALL_KINDS = st.sampled_from(["weekly", "weeks", "monthly", "quarterly", "half_yearly", "yearly"])
SPAN = st.integers(min_value=0, max_value=800)


def test_monthly_on_the_31st_clamps_and_returns():
    got = cadence.slots("monthly", date(2023, 12, 31), date(2023, 12, 1), date(2024, 5, 31))
    assert got == [
        date(2023, 12, 31),
        date(2024, 1, 31),
        date(2024, 2, 29),  # leap year
        date(2024, 3, 31),
        date(2024, 4, 30),
        date(2024, 5, 31),
    ]


def test_yearly_on_leap_day():
    got = cadence.slots("yearly", date(2024, 2, 29), date(2024, 1, 1), date(2028, 12, 31))
    assert got == [
        date(2024, 2, 29),
        date(2025, 2, 28),
        date(2026, 2, 28),
        date(2027, 2, 28),
        date(2028, 2, 29),
    ]


def test_six_weekly_across_the_year_end():
    got = cadence.slots("weeks", date(2024, 11, 14), date(2024, 12, 1), date(2025, 3, 1), 6)
    assert got == [date(2024, 12, 26), date(2025, 2, 6)]


def test_ad_hoc_has_no_slots():
    assert cadence.slots("ad_hoc", date(2024, 1, 1), date(2024, 1, 1), date(2030, 1, 1)) == []
    assert cadence.next_slot("ad_hoc", date(2024, 1, 1), date(2024, 1, 1)) is None


@settings(deadline=None)  # shared CPU: timing is not what these tests check
@given(anchor=DAYS, kind=MONTHLY_KINDS, offset=SPAN, span=SPAN)
def test_month_based_slots_keep_the_anchor_day(anchor, kind, offset, span):
    start = anchor + timedelta(days=offset)
    until = start + timedelta(days=span)
    got = cadence.slots(kind, anchor, start, until)
    step = cadence.MONTH_STEPS[kind]
    for day in got:
        assert start <= day <= until
        last = calendar.monthrange(day.year, day.month)[1]
        assert day.day == min(anchor.day, last)
        months = (day.year - anchor.year) * 12 + day.month - anchor.month
        assert months % step == 0
    for before, after in zip(got, got[1:], strict=False):
        months = (after.year - before.year) * 12 + after.month - before.month
        assert months == step


@settings(deadline=None)  # shared CPU: timing is not what these tests check
@given(anchor=DAYS, weeks=st.integers(1, 12), offset=SPAN, span=SPAN)
def test_week_based_slots_are_exact_multiples(anchor, weeks, offset, span):
    start = anchor + timedelta(days=offset)
    until = start + timedelta(days=span)
    got = cadence.slots("weeks", anchor, start, until, weeks)
    for day in got:
        assert (day - anchor).days % (7 * weeks) == 0
        assert day.weekday() == anchor.weekday()
    # nothing is missed: the gap before the first and after the last slot is shorter than a step
    step = timedelta(weeks=weeks)
    if got:
        assert got[0] - start < step and until - got[-1] < step
    else:
        assert until - start < step or anchor > until


@settings(deadline=None)  # shared CPU: timing is not what these tests check
@given(anchor=DAYS, kind=ALL_KINDS, a=SPAN, b=SPAN, c=SPAN)
def test_splitting_the_horizon_changes_nothing(anchor, kind, a, b, c):
    """Generating up to one date and then further gives the same slots as in one go."""
    start = anchor - timedelta(days=a)
    middle = start + timedelta(days=b)
    end = middle + timedelta(days=c)
    whole = cadence.slots(kind, anchor, start, end, 3)
    parts = cadence.slots(kind, anchor, start, middle, 3) + cadence.slots(
        kind, anchor, middle + timedelta(days=1), end, 3
    )
    assert whole == parts
    assert whole == sorted(set(whole))
    assert all(day >= anchor for day in whole)


@settings(deadline=None)  # shared CPU: timing is not what these tests check
@given(anchor=DAYS, kind=ALL_KINDS, after=DAYS)
def test_next_slot_is_the_first_slot_after(anchor, kind, after):
    nxt = cadence.next_slot(kind, anchor, after, 2)
    assert nxt > after
    assert nxt >= anchor
    assert cadence.slots(kind, anchor, after + timedelta(days=1), nxt - timedelta(days=1), 2) == []
    assert cadence.slots(kind, anchor, nxt, nxt, 2) == [nxt]
