"""Working days: weekends, the public holidays of the programme's Bundesland, blackout periods.

One small module used by the meeting generator (`governance`) and the report due dates
(`reporting`). It sits in `portfolio` because the programme owns the Bundesland; the apps
above depend downwards on it. Holidays come from the maintained `holidays` package, never
from a hand-written list.
"""

import re
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import timedelta
from functools import lru_cache

import holidays
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The 16 Länder with the subdivision codes of the `holidays` package (ISO 3166-2:DE).
REGIONS = [
    ("BW", gettext_lazy("Baden-Württemberg")),
    ("BY", gettext_lazy("Bayern")),
    ("BE", gettext_lazy("Berlin")),
    ("BB", gettext_lazy("Brandenburg")),
    ("HB", gettext_lazy("Bremen")),
    ("HH", gettext_lazy("Hamburg")),
    ("HE", gettext_lazy("Hessen")),
    ("MV", gettext_lazy("Mecklenburg-Vorpommern")),
    ("NI", gettext_lazy("Niedersachsen")),
    ("NW", gettext_lazy("Nordrhein-Westfalen")),
    ("RP", gettext_lazy("Rheinland-Pfalz")),
    ("SL", gettext_lazy("Saarland")),
    ("SN", gettext_lazy("Sachsen")),
    ("ST", gettext_lazy("Sachsen-Anhalt")),
    ("SH", gettext_lazy("Schleswig-Holstein")),
    ("TH", gettext_lazy("Thüringen")),
]
REGION_CODES = {code for code, _label in REGIONS}

# "24.12.–01.01." (also with "-" or "bis"); one range per line or separated by ";" or ",".
_RANGE = re.compile(
    r"^\s*(\d{1,2})\.(\d{1,2})\.?\s*(?:-|–|—|bis)\s*(\d{1,2})\.(\d{1,2})\.?\s*$", re.IGNORECASE
)
# A yearly range as ((month, day), (month, day)); it may wrap over New Year.
DayRange = tuple[tuple[int, int], tuple[int, int]]


@lru_cache(maxsize=256)
def _holidays(region: str, year: int) -> dict[date, str]:
    calendar = holidays.Germany(subdiv=region or None, years=year, language="de")
    return dict(calendar.items())


def holiday_name(day: date, region: str = "") -> str | None:
    """The public holiday on `day` in `region` (nationwide ones without a region), or None."""
    return _holidays(region, day.year).get(day)


def parse_blackout(text: str) -> list[DayRange]:
    """Parse "24.12.–01.01." style ranges; a German message names the part not understood."""
    ranges: list[DayRange] = []
    for part in re.split(r"[\n;,]", text or ""):
        if not part.strip():
            continue
        match = _RANGE.match(part)
        if match is None:
            raise ValidationError(
                _(
                    "„%(part)s“ ist kein Zeitraum. Schreiben Sie ihn als Tag.Monat.–Tag.Monat., "
                    "z. B. 24.12.–01.01."
                )
                % {"part": part.strip()}
            )
        d1, m1, d2, m2 = (int(g) for g in match.groups())
        for day, month in ((d1, m1), (d2, m2)):
            try:
                date(2024, month, day)  # a leap year, so 29.02. is accepted
            except ValueError:
                raise ValidationError(
                    _("„%(part)s“ enthält kein gültiges Datum (%(day)02d.%(month)02d.).")
                    % {"part": part.strip(), "day": day, "month": month}
                ) from None
        ranges.append(((m1, d1), (m2, d2)))
    return ranges


def validate_blackout(value: str) -> None:
    """Model field validator: the text must parse."""
    parse_blackout(value)


def _in_range(day: date, span: DayRange) -> bool:
    start, end = span
    here = (day.month, day.day)
    if start <= end:
        return start <= here <= end
    return here >= start or here <= end  # wraps over New Year, e.g. 24.12.–01.01.


@dataclass(frozen=True)
class WorkCalendar:
    """Which days count as working days for one programme."""

    region: str = ""
    blackout: tuple[DayRange, ...] = field(default=())

    def holiday(self, day: date) -> str | None:
        return holiday_name(day, self.region)

    def in_blackout(self, day: date) -> bool:
        return any(_in_range(day, span) for span in self.blackout)

    def is_working_day(self, day: date, *, with_blackout: bool = True) -> bool:
        if day.weekday() >= 5 or self.holiday(day) is not None:
            return False
        return not (with_blackout and self.in_blackout(day))

    def why_not(self, day: date) -> str | None:
        """A German reason why `day` is not a working day, or None."""
        if day.weekday() >= 5:
            return _("Wochenende")
        name = self.holiday(day)
        if name:
            return _("Feiertag: %(name)s") % {"name": name}
        if self.in_blackout(day):
            return _("sitzungsfreie Zeit")
        return None

    def shift(self, day: date, *, forward: bool = True) -> date:
        """`day` itself if it is a working day, else the next (or previous) one."""
        step = timedelta(days=1 if forward else -1)
        # A blackout longer than a year would loop forever; no real calendar has one.
        for _i in range(400):
            if self.is_working_day(day):
                return day
            day += step
        raise ValueError("no working day within 400 days")

    def working_days_before(self, day: date, count: int) -> date:
        """`count` working days before `day` (weekends and public holidays skipped; blackout
        periods are for meetings and do not move due dates)."""
        result = day
        while count > 0:
            result -= timedelta(days=1)
            if self.is_working_day(result, with_blackout=False):
                count -= 1
        return result


def calendar_for(programme: object) -> WorkCalendar:
    """The working-day calendar of a programme (its Bundesland and blackout periods)."""
    region = getattr(programme, "holiday_region", "") or ""
    text = getattr(programme, "meeting_blackout", "") or ""
    try:
        blackout = tuple(parse_blackout(text))
    except ValidationError:
        blackout = ()  # stored before validation existed; the form shows the error on save
    return WorkCalendar(region=region, blackout=blackout)
