"""The traffic light and the trend as one tag each, for rows that repeat (the cockpit's report
history): the same markup as reporting/_light.html and reporting/_trend.html, without an
include per row (issue 14, bench/redmine_bench.py)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def light_badge(value: str, display: str, large: bool = False) -> SafeString:
    """reporting/_light.html."""
    return format_html(
        '<span class="light light--{}{}"><span class="light__dot" aria-hidden="true">{}</span> '
        "{}</span>",
        value,
        " light--large" if large else "",
        "○" if value == "missing" else "●",
        display,
    )


@register.simple_tag
def trend_badge(trend: dict[str, str] | None) -> SafeString:
    """reporting/_trend.html."""
    if not trend:
        return format_html('<span class="muted">{}</span>', _("kein Vergleich"))
    return format_html(
        '<span class="trend trend--{}"><span class="trend__symbol" aria-hidden="true">{}</span> '
        "{}</span>",
        trend["key"],
        trend["symbol"],
        trend["label"],
    )
