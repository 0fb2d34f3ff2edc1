from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from lotse.finance.money import committee
from lotse.finance.money import days
from lotse.finance.money import euro
from lotse.finance.money import parse_amount


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.280,00", "1280.00"),
        ("1280", "1280.00"),
        ("1.280 €", "1280.00"),
        ("1 280,50 EUR", "1280.50"),
        ("91.392,00 €", "91392.00"),
        ("-50,00", "-50.00"),
        ("1280.50", "1280.50"),
        ("0,5", "0.50"),
    ],
)
def test_german_amounts_are_read(text, value):
    assert parse_amount(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "12.345.6", "1.280,001", "€"])
def test_unclear_amounts_are_refused_naming_the_value(text):
    with pytest.raises(ValidationError) as caught:
        parse_amount(text)
    if text.strip("€"):
        assert text in caught.value.messages[0]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("7500000", "7,5 Mio. €"),
        ("20000000", "20,0 Mio. €"),
        ("1400000", "1,4 Mio. €"),
        ("480000", "480 T€"),
        ("89000", "89 T€"),
        ("1720", "1,72 T€"),
        ("0", "0 €"),
        ("950", "950,00 €"),
    ],
)
def test_committee_rounding(value, text):
    assert committee(Decimal(value)) == text


def test_exact_amounts_and_days():
    assert euro(Decimal("91392")) == "91.392,00 €"
    assert euro(Decimal("-1234.5")) == "-1.234,50 €"
    assert days(Decimal("60.00")) == "60"
    assert days(Decimal("2.50")) == "2,5"
