"""Money in templates: `{{ amount|euro }}` exact, `{{ amount|committee }}` rounded, days."""

from decimal import Decimal

from django import template

from .. import money

register = template.Library()


@register.filter
def euro(value: Decimal | None) -> str:
    return money.euro(value)


@register.filter
def committee(value: Decimal | None) -> str:
    return money.committee(value)


@register.filter
def days(value: Decimal | None) -> str:
    return money.days(value)


@register.filter
def light_label(value: str | None) -> str:
    from django.utils.translation import gettext as _

    return {"green": _("grün"), "amber": _("gelb"), "red": _("rot")}.get(value or "", _("keine"))
