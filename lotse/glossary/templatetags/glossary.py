"""`{% principles programme %}`: the guiding principles, embedded on the Zielbild and the
public programme page without those apps importing this one."""

from django import template

from lotse.portfolio.models import Programme

from ..selectors import principles_of

register = template.Library()


@register.inclusion_tag("glossary/_principles.html")
def principles(programme: Programme, heading_level: int = 2) -> dict[str, object]:
    return {"principles": principles_of(programme), "level": heading_level}
