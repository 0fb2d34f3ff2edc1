"""The traffic light and the trend as one tag each, for rows that repeat (the cockpit's report
history): the same markup as reporting/_light.html and reporting/_trend.html, without an
include per row (issue 14, bench/redmine_bench.py). Escaped with `html.escape` (what Django's
`escape` does) rather than `format_html`, which escapes through a lazy-aware wrapper per
argument."""

from html import escape

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


def _text(value: object) -> str:
    """`value` escaped unless it is safe markup already (as `format_html` does)."""
    html = getattr(value, "__html__", None)
    return str(html()) if html is not None else escape(str(value))


@register.simple_tag
def light_badge(value: str, display: str, large: bool = False) -> SafeString:
    """reporting/_light.html."""
    return SafeString(
        f'<span class="light light--{_text(value)}{" light--large" if large else ""}">'
        '<span class="light__dot" aria-hidden="true">'
        f"{'○' if value == 'missing' else '●'}</span> {_text(display)}</span>"
    )


@register.simple_tag
def trend_badge(trend: dict[str, str] | None) -> SafeString:
    """reporting/_trend.html."""
    if not trend:
        return SafeString(f'<span class="muted">{escape(_("kein Vergleich"))}</span>')
    return SafeString(
        f'<span class="trend trend--{_text(trend["key"])}">'
        f'<span class="trend__symbol" aria-hidden="true">{_text(trend["symbol"])}</span> '
        f"{_text(trend['label'])}</span>"
    )
