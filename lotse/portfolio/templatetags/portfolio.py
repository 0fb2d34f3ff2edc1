"""Template helpers for pages that list many projects (the Zielbild, the project list).

A row costs a dictionary lookup instead of an include, a `get_…_display` (which hashes the
translated choices on every call) and a `reverse()`: at 500 projects those were most of the
page's time (issue 14, bench/redmine_bench.py).
"""

from functools import cache

from django import template
from django.db.models import Choices
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from lotse.portfolio.models import Project, Stage

register = template.Library()


@cache
def _labels(choices: type[Choices], language: str | None) -> dict[str, str]:
    """The choices' labels in `language` (the active one when this is first called)."""
    return {str(value): str(label) for value, label in choices.choices}


def _label(choices: type[Choices], value: str) -> str:
    return _labels(choices, get_language()).get(value, value)


@register.filter
def stage_badge(stage: str) -> SafeString:
    """The stage as includes/stage.html shows it: `<span class="stage stage--…">Label</span>`."""
    return format_html('<span class="stage stage--{}">{}</span>', stage, _label(Stage, stage))


@register.filter
def project_kind_label(kind: str) -> str:
    """Like `project.get_kind_display`."""
    return _label(Project.Kind, kind)


@cache
def _project_url_prefix(script_prefix: str) -> str:
    url = reverse("portfolio:project_detail", kwargs={"pk": 0})
    assert url.endswith("/0/")  # noqa: S101 (the URL pattern is ours)
    return url[:-2]


@register.filter
def project_url(project: Project) -> str:
    """Like `project.get_absolute_url`, without a `reverse()` per row."""
    return f"{_project_url_prefix(get_script_prefix())}{project.pk}/"
