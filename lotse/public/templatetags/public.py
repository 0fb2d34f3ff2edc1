from __future__ import annotations

import html
from collections.abc import Iterable

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape as escape
from django.utils.safestring import SafeString
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from lotse.documents.markdown import render_markdown
from lotse.http import id_url_around
from lotse.public.selectors import ListedProject
from lotse.public.selectors import ProjectChip

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    return render_markdown(text)


@register.simple_tag(takes_context=True)
def public_project_rows(context: template.Context, rows: Iterable[ListedProject]) -> SafeString:
    """The rows of public/_project_table.html, as its loop rendered them (same markup and
    whitespace): one tag instead of ~20 template variables, conditions and links per row —
    the public project list shows 50 (issue 14). Without `hide_field` a row names its field
    of action. The rows' values are plain strings: escaped with `html.escape`, as Django's
    `escape` does, without its lazy-text checks."""
    slug = context["programme"].slug
    hide_field = context.get("hide_field")
    no_value = escape(_("noch kein Messwert"))
    no_objectives = f'<span class="muted">{escape(_("keine Quartalsziele"))}</span>'
    project_head, project_tail = id_url_around("public:project", slug)
    field_head, field_tail = id_url_around("public:field", slug)
    parts = []
    for row in rows:
        field = ""
        if not hide_field:
            field = (
                f'<td><a href="{field_head}{int(row.field_of_action_id)}{field_tail}">'
                f"{html.escape(row.field_name)}</a></td>"
            )
        if row.light:
            light = (
                f'<span class="light light--{html.escape(row.light)}"><span class="light__dot" '
                f'aria-hidden="true">●</span>{html.escape(row.light_text)}</span>'
            )
        else:
            light = f'<span class="light light--missing">{html.escape(row.light_text)}</span>'
        if row.okr_percent is not None:
            percent = localize(row.okr_percent)  # as `{{ row.okr_percent }}`
            meter = f'<meter min="0" max="100" value="{percent}" aria-hidden="true"></meter>'
            okr = f"{meter} {percent} %"
        else:
            okr = no_value if row.has_okrs else no_objectives
        parts.append(
            "\n  <tr>\n"
            f'    <th scope="row"><a href="{project_head}{int(row.pk)}{project_tail}">'
            f"{html.escape(row.title)}</a></th>\n"
            f"    {field}\n"
            f'    <td><span class="stage stage--{html.escape(row.stage)}">'
            f"{html.escape(row.stage_label)}</span></td>\n"
            f"    <td>{light}</td>\n"
            f"    <td>{okr}</td>\n"
            "  </tr>\n  "
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


@register.simple_tag(takes_context=True)
def public_project_chips(context: template.Context, chips: Iterable[ProjectChip]) -> SafeString:
    """The projects a field names on the programme page (public/programme.html), as its loop
    rendered them: a link and the stage, one list item each (issue 14: up to twelve per
    field, one tag instead of a loop with a tag and three variables per project)."""
    head, tail = id_url_around("public:project", context["programme"].slug)
    return mark_safe(  # noqa: S308 - every value is escaped
        "".join(
            f'<li><a href="{head}{int(chip.pk)}{tail}">{html.escape(chip.title)}</a> '
            f'<span class="stage stage--{html.escape(chip.stage)}">'
            f"{html.escape(chip.stage_label)}</span></li>"
            for chip in chips
        )
    )
