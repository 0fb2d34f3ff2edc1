"""Template helpers for pages that list many projects (the Zielbild, the project list).

A row costs a dictionary lookup instead of an include, a `get_…_display` (which hashes the
translated choices on every call) and a `reverse()`: at 500 projects those were most of the
page's time (issue 14, bench/redmine_bench.py).
"""

import datetime
from collections.abc import Iterable
from functools import cache
from functools import lru_cache
from html import escape

from django import template
from django.db.models import Choices
from django.urls import get_script_prefix
from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lotse.portfolio.list_reads import ListRow
from lotse.portfolio.models import Project
from lotse.portfolio.models import Stage

register = template.Library()


@cache
def _labels(choices: type[Choices], language: str | None) -> dict[str, str]:
    """The choices' labels in `language` (the active one when this is first called)."""
    return {str(value): str(label) for value, label in choices.choices}


def _label(choices: type[Choices], value: str) -> str:
    return _labels(choices, get_language()).get(value, value)


@lru_cache(maxsize=256)
def _stage_badge(stage: str, language: str | None) -> SafeString:
    label = _labels(Stage, language).get(stage, stage)
    return format_html('<span class="stage stage--{}">{}</span>', stage, label)


@register.filter
def stage_badge(stage: str) -> SafeString:
    """The stage as includes/stage.html shows it: `<span class="stage stage--…">Label</span>`,
    put together once per stage and language (the Zielbild shows 240)."""
    return _stage_badge(stage, get_language())


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


def _short_date(day: datetime.date | None, empty: str) -> str:
    """`{{ day|date:"SHORT_DATE_FORMAT"|default:empty }}`."""
    return escape(formats.date_format(day, "SHORT_DATE_FORMAT")) if day else empty


class _Escaped(dict[str, str]):
    """Texts escaped with `html.escape`, each once: a list repeats its fields of action, org
    units, leads and kinds on many rows."""

    def __missing__(self, text: str) -> str:
        escaped = self[text] = escape(text)
        return escaped


@register.simple_tag
def project_rows(projects: Iterable[ListRow]) -> SafeString:
    """The project list's table rows, as the loop in portfolio/project_list.html rendered them:
    title link (and the parent of a sub-project), field of action, stage, kind, org unit, lead
    and period. One tag instead of ~15 template variables per row, each escaped with
    `html.escape` (what Django's `escape` does): with 100 rows the loop was half of the page's
    processor time (issue 14). The rows are `list_reads.ListRow` tuples."""
    prefix = escape(_project_url_prefix(get_script_prefix()))
    parent_of = _("Teilprojekt von %(parent)s")
    language = get_language()
    kinds = _labels(Project.Kind, language)
    escaped = _Escaped()
    rows = []
    for p in projects:
        parent = ""
        if p.parent_title is not None:
            text = parent_of % {"parent": escaped[p.parent_title]}
            parent = f'<br><span class="muted">{text}</span>'
        code, lead = p.org_unit_code, p.lead_name
        rows.append(
            "<tr>\n"
            f'      <th scope="row"><a href="{prefix}{p.pk}/">{escape(p.title)}</a>{parent}</th>\n'
            f"      <td>{escaped[p.field_name]}</td>\n"
            f"      <td>{_stage_badge(p.stage, language)}</td>\n"
            f"      <td>{escaped[kinds.get(p.kind, p.kind)]}</td>\n"
            f"      <td>{escaped[code] if code else '–'}</td>\n"
            f"      <td>{escaped[lead] if lead else '–'}</td>\n"
            f'      <td class="nowrap">{_short_date(p.planned_start, "?")} –<br>'
            f"{_short_date(p.planned_end, '?')}</td>\n"
            "    </tr>"
        )
    return SafeString("\n    ".join(rows))


@register.simple_tag
def project_chips(projects: Iterable[Project]) -> SafeString:
    """A field's projects on the Zielbild as the loop in portfolio/_impact.html rendered them
    (link and stage badge per `<li>`, same whitespace): 240 chips at Redmine's shape cost one
    tag instead of four template variables each (issue 14)."""
    prefix = escape(_project_url_prefix(get_script_prefix()))
    return SafeString(
        "".join(
            f'\n        <li><a href="{prefix}{p.pk}/">{escape(str(p.title))}</a> '
            f"{stage_badge(p.stage)}</li>\n        "
            for p in projects
        )
    )
