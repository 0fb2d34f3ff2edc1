"""Operator texts (imprint, privacy, accessibility) are Markdown, rendered and sanitised."""

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe


def render_markdown(text: str) -> SafeString:
    html = markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    return mark_safe(nh3.clean(html))  # noqa: S308 - sanitised by nh3 right here
