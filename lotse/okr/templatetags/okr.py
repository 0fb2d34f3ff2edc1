"""`{{ value|kr_value:key_result }}`: a measured value in the key result's unit."""

from decimal import Decimal

from django import template

from lotse.okr.models import KeyResult

register = template.Library()


@register.filter
def kr_value(value: Decimal | int | float | None, key_result: KeyResult) -> str:
    return key_result.format_value(value)
