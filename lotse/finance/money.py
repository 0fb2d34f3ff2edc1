"""Amounts as people in German administrations write them, in and out.

`parse_amount` accepts "1.280,00", "1280", "1.280 €", "1 280,50 EUR", "-50,00" and the plain
"1280.50" of a machine export; it refuses anything ambiguous with a German message naming the
value. `euro` writes the exact amount ("91.392,00 €"), `committee` the committee's rounding
("7,5 Mio. €", "480 T€", "1,72 T€").
"""

import re
from decimal import ROUND_HALF_UP
from decimal import Decimal
from decimal import InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CENT = Decimal("0.01")
_STRIP = re.compile(r"(€|eur(o)?)\s*$|^\s*(€|eur(o)?)", re.IGNORECASE)
_GROUPED_DE = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
_PLAIN_DE = re.compile(r"^\d+(,\d+)?$")
_PLAIN_DOT = re.compile(r"^\d+\.\d{1,2}$")
_GROUPED_EN = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")


def parse_amount(text: object) -> Decimal:
    """Read an amount in EUR; raise ValidationError (German, naming the value) if unclear."""
    if isinstance(text, Decimal):
        return text.quantize(CENT, ROUND_HALF_UP)
    if isinstance(text, int | float) and not isinstance(text, bool):
        return Decimal(str(text)).quantize(CENT, ROUND_HALF_UP)
    raw = str(text or "").strip()
    value = _STRIP.sub("", raw).strip().replace("\u00a0", "").replace(" ", "").replace("'", "")
    negative = value.startswith("-") or value.startswith("−")
    if negative:
        value = value[1:]
    if not value:
        raise ValidationError(_("Bitte geben Sie einen Betrag an."))
    if _GROUPED_DE.match(value) or _PLAIN_DE.match(value):
        number = value.replace(".", "").replace(",", ".")
    elif _PLAIN_DOT.match(value):
        number = value  # "1280.50" from a machine export
    elif _GROUPED_EN.match(value) and "." in value:
        number = value.replace(",", "")
    else:
        raise ValidationError(
            _("„%(value)s“ ist kein Betrag. Schreiben Sie z. B. 1.280,00 oder 1280.")
            % {"value": raw}
        )
    try:
        amount = Decimal(number)
    except InvalidOperation as exc:  # pragma: no cover - the patterns above exclude it
        raise ValidationError(_("„%(value)s“ ist kein Betrag.") % {"value": raw}) from exc
    if amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ValidationError(_("„%(value)s“ hat mehr als zwei Nachkommastellen.") % {"value": raw})
    return (-amount if negative else amount).quantize(CENT)


def _german(value: Decimal, places: int) -> str:
    quantized = value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    sign = "-" if quantized < 0 else ""
    whole, _dot, fraction = f"{abs(quantized):.{places}f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return sign + grouped + ("," + fraction if places else "")


def euro(value: Decimal | None) -> str:
    """The exact amount: "91.392,00 €"."""
    if value is None:
        return "–"
    return f"{_german(Decimal(value), 2)} €"


def committee(value: Decimal | None) -> str:
    """The committee's rounding: millions with one decimal ("7,5 Mio. €", "20,0 Mio. €"),
    whole thousands ("480 T€"; below 10 T€ up to two decimals, "1,72 T€"), small amounts exact,
    "0 €"."""
    if value is None:
        return ""
    value = Decimal(value)
    size = abs(value)
    if size == 0:
        return "0 €"
    if size >= Decimal("1000000"):
        return f"{_german(value / Decimal('1000000'), 1)} Mio. €"
    if size >= Decimal("1000"):
        # Two significant decimals below 10 T€ ("1,72 T€"), whole thousands above ("91 T€").
        step = CENT if size < Decimal("10000") else Decimal(1)
        thousands = (value / Decimal("1000")).quantize(step, ROUND_HALF_UP).normalize()
        places = max(0, -thousands.as_tuple().exponent)  # type: ignore[operator]
        return f"{_german(thousands, places)} T€"
    return euro(value)


def days(value: Decimal | None) -> str:
    """Person-days: "60", "2,5"."""
    if value is None:
        return "–"
    normal = Decimal(value).normalize()
    places = max(0, -normal.as_tuple().exponent)  # type: ignore[operator]
    return _german(Decimal(value), min(places, 2))
