"""Pure date arithmetic for meeting cadences and reporting duties (no database).

Every slot is computed from the anchor (the series' first date), never from the previous slot,
so a monthly series anchored on the 31st meets on the 30th in April and on the 31st again in
May, and a yearly one anchored on 29 February meets on 28 February in other years.
"""

import calendar
from datetime import date
from datetime import timedelta

from lotse.hygiene import clamp_date

WEEKLY = "weekly"
WEEKS = "weeks"
MONTHLY = "monthly"
QUARTERLY = "quarterly"
HALF_YEARLY = "half_yearly"
YEARLY = "yearly"
AD_HOC = "ad_hoc"

MONTH_STEPS = {MONTHLY: 1, QUARTERLY: 3, HALF_YEARLY: 6, YEARLY: 12}


def add_months(day: date, months: int) -> date:
    """`day` moved by `months`, clamped to the last day of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def week_step(cadence: str, interval_weeks: int = 1) -> int | None:
    """Days between slots for week-based cadences, else None."""
    if cadence == WEEKLY:
        return 7
    if cadence == WEEKS:
        if interval_weeks < 1:
            raise ValueError("interval_weeks must be at least 1")
        return 7 * interval_weeks
    return None


def align(anchor: date, weekday: int | None) -> date:
    """The first `weekday` (0 = Monday) on or after `anchor`; `anchor` itself without one."""
    if weekday is None:
        return anchor
    return anchor + timedelta(days=(weekday - anchor.weekday()) % 7)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The `nth` (1–4) `weekday` of the month; 5 or more means the last one."""
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (min(nth, 5) - 1))
    if day.month != month:
        day -= timedelta(days=7)
    return day


def slot(
    cadence: str, anchor: date, index: int, interval_weeks: int = 1, weekday: int | None = None
) -> date:
    """The slot number `index` (0 = the anchor itself).

    With a `weekday`, week-based cadences meet on that weekday from the anchor's week on, and
    month-based ones on the same ordinal weekday of the month as the first meeting (e.g. the
    second Tuesday; a fifth one becomes the last of the month).
    """
    anchor = align(anchor, weekday)
    days = week_step(cadence, interval_weeks)
    if days is not None:
        return anchor + timedelta(days=days * index)
    if cadence in MONTH_STEPS:
        day = add_months(anchor, MONTH_STEPS[cadence] * index)
        if weekday is None:
            return day
        return nth_weekday(day.year, day.month, weekday, (anchor.day - 1) // 7 + 1)
    raise ValueError(f"cadence {cadence!r} has no slots")


def _first_index(cadence: str, anchor: date, start: date, interval_weeks: int) -> int:
    """A slot index at or just before the first slot on or after `start` (never negative)."""
    if start <= anchor:
        return 0
    days = week_step(cadence, interval_weeks)
    if days is not None:
        return (start - anchor).days // days
    months = (start.year - anchor.year) * 12 + start.month - anchor.month
    return max(0, months // MONTH_STEPS[cadence] - 1)


def slots(
    cadence: str,
    anchor: date,
    start: date,
    until: date,
    interval_weeks: int = 1,
    weekday: int | None = None,
) -> list[date]:
    """All slots `start <= d <= until`, in order; none for ad-hoc series."""
    if cadence == AD_HOC or until < start:
        return []
    # Dates stored before the range checks (31.12.9999) must not overflow the arithmetic.
    anchor, start, until = clamp_date(anchor), clamp_date(start), clamp_date(until)
    anchor = align(anchor, weekday)
    # Month-based slots on the n-th weekday may fall a few days before the plain date.
    index = max(0, _first_index(cadence, anchor, start, interval_weeks) - 1)
    result: list[date] = []
    while True:
        day = slot(cadence, anchor, index, interval_weeks, weekday)
        if day > until:
            return result
        if day >= start:
            result.append(day)
        index += 1


def next_slot(cadence: str, anchor: date, after: date, interval_weeks: int = 1) -> date | None:
    """The first slot strictly after `after` (None for ad hoc)."""
    if cadence == AD_HOC:
        return None
    # Dates stored before the range checks (31.12.9999) must not overflow the arithmetic.
    anchor, after = clamp_date(anchor), clamp_date(after)
    index = _first_index(cadence, anchor, after, interval_weeks)
    while True:
        day = slot(cadence, anchor, index, interval_weeks)
        if day > after:
            return day
        index += 1
