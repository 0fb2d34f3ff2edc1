"""Input hygiene: the limits every text, date and number must keep, in one place.

Forms (`lotse.forms`) and API schemas (`lotse.portfolio.schemas.In`) both call these checks,
so the UI and the API refuse the same input with the same German message, which names the
field. What is refused:

- control characters (NUL and the other C0/C1 codes) in any text; only multi-line texts
  may hold tab, line feed and carriage return. PostgreSQL cannot store NUL at all, and the
  others break exports and PDFs;
- dates before 1900 or after 2200 (no plan of a city reaches that far, and a typo like
  31.12.9999 must not take a timeline down);
- integers outside the 32-bit range of the database's `integer` columns.
"""

import re
from datetime import date
from datetime import datetime
from typing import Annotated
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2200, 12, 31)
INT_MIN = -(2**31)
INT_MAX = 2**31 - 1

# C0 controls except tab, LF, CR; DEL; C1 controls. Multi-line texts allow tab, LF and CR.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class Refused(ValueError):
    """A value outside the limits; the message is German and names the field."""


def _named(label: str, message: str) -> str:
    return f"„{label}“: {message}" if label else message


def check_text(value: str, *, label: str = "", multiline: bool = False) -> str:
    pattern = _CONTROL if multiline else _LINE_CONTROL
    match = pattern.search(value)
    if match is None:
        return value
    code = f"U+{ord(match.group()):04X}"
    if match.group() == "\x00":
        message = _("Der Text enthält ein Nullzeichen (%(code)s). Bitte entfernen Sie es.")
    elif match.group() in "\t\n\r":
        message = _("Bitte geben Sie hier nur eine Zeile ohne Tabulator oder Zeilenumbruch an.")
    else:
        message = _(
            "Der Text enthält ein unsichtbares Steuerzeichen (%(code)s). Bitte entfernen Sie es."
        )
    raise Refused(_named(label, message % {"code": code}))


def check_date(value: date, *, label: str = "") -> date:
    day = value.date() if isinstance(value, datetime) else value
    if DATE_MIN <= day <= DATE_MAX:
        return value
    raise Refused(
        _named(
            label,
            _("Bitte geben Sie ein Datum zwischen dem %(min)s und dem %(max)s an.")
            % {
                "min": formats.date_format(DATE_MIN, "d.m.Y"),
                "max": formats.date_format(DATE_MAX, "d.m.Y"),
            },
        )
    )


def clamp_date(day: date) -> date:
    """A stored date inside the range, for arithmetic on data saved before the checks
    existed (or imported): 31.12.9999 plus a month must not take a page down."""
    return min(max(day, DATE_MIN), DATE_MAX)


def check_length(value: str, limit: int, *, label: str = "") -> str:
    """For texts a hand-written input takes (no form field checks them): at most `limit`
    characters, refused with the field's name rather than cut."""
    if len(value) <= limit:
        return value
    raise Refused(_named(label, _("Bitte geben Sie höchstens %(n)s Zeichen an.") % {"n": limit}))


def check_int(value: int, *, label: str = "", low: int = INT_MIN, high: int = INT_MAX) -> int:
    if low <= value <= high:
        return value
    raise Refused(
        _named(
            label,
            _("Bitte geben Sie eine ganze Zahl zwischen %(min)s und %(max)s an.")
            % {"min": low, "max": high},
        )
    )


def check_value(value: Any, *, label: str = "", multiline: bool = False) -> Any:
    """Check whatever a schema field holds: text, dates, integers, and lists of them."""
    if isinstance(value, str):
        return check_text(value, label=label, multiline=multiline)
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return check_int(value, label=label)
    if isinstance(value, date):
        return check_date(value, label=label)
    if isinstance(value, list | tuple | set):
        for item in value:
            check_value(item, label=label, multiline=multiline)
    elif hasattr(value, "__pydantic_fields__"):  # a nested schema, e.g. ninja's pagination
        for name in type(value).__pydantic_fields__:
            check_value(getattr(value, name), label=name)
    return value


# --- API schemas --------------------------------------------------------------------------


class _Multiline:
    """Marks a schema field as multi-line text: tab and line breaks are allowed there."""

    def __repr__(self) -> str:
        return "MULTILINE"


MULTILINE = _Multiline()
Text = Annotated[str, MULTILINE]


def _bound(prop: dict) -> None:
    for variant in prop.get("anyOf", [prop]):
        kind = variant.get("type")
        if kind == "integer":
            variant.setdefault("minimum", INT_MIN)
            variant.setdefault("maximum", INT_MAX)
        elif kind == "string" and variant.get("format") == "date":
            variant.setdefault("formatMinimum", DATE_MIN.isoformat())
            variant.setdefault("formatMaximum", DATE_MAX.isoformat())
        elif kind == "array" and isinstance(variant.get("items"), dict):
            _bound(variant["items"])


def hygiene_json_schema(schema: dict, cls: type | None = None) -> None:
    """State the limits in the OpenAPI schema: integer and date bounds of every property."""
    for prop in schema.get("properties", {}).values():
        _bound(prop)
