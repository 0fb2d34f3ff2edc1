from django import template

from lotse.public.text import render_markdown

register = template.Library()


@register.filter
def markdown(text: str):
    return render_markdown(text)
