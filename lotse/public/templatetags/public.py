from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape as escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from lotse.documents.markdown import render_markdown
from lotse.http import id_url
from lotse.public.selectors import ListedProject

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    return render_markdown(text)


@register.simple_tag(takes_context=True)
def public_project_rows(context: template.Context, rows: Iterable[ListedProject]) -> SafeString:
    """The rows of public/_project_table.html, as its loop rendered them (same markup and
    whitespace): one tag instead of ~20 template variables, conditions and links per row —
    the public project list shows 50 (issue 14). Without `hide_field` a row names its field
    of action."""
    slug = context["programme"].slug
    hide_field = context.get("hide_field")
    no_value = escape(_("noch kein Messwert"))
    no_objectives = f'<span class="muted">{escape(_("keine Quartalsziele"))}</span>'
    parts = []
    for row in rows:
        href = escape(id_url("public:project", slug, row.pk))
        field = ""
        if not hide_field:
            field_href = escape(id_url("public:field", slug, row.field_of_action_id))
            field_name = escape(row.field_name)
            field = f'<td><a href="{field_href}">{field_name}</a></td>'
        if row.light:
            light = (
                f'<span class="light light--{escape(row.light)}"><span class="light__dot" '
                f'aria-hidden="true">●</span>{escape(row.light_text)}</span>'
            )
        else:
            light = f'<span class="light light--missing">{escape(row.light_text)}</span>'
        if row.okr_percent is not None:
            percent = localize(row.okr_percent)  # as `{{ row.okr_percent }}`
            meter = f'<meter min="0" max="100" value="{percent}" aria-hidden="true"></meter>'
            okr = f"{meter} {percent} %"
        else:
            okr = no_value if row.has_okrs else no_objectives
        parts.append(
            "\n  <tr>\n"
            f'    <th scope="row"><a href="{href}">{escape(row.title)}</a></th>\n'
            f"    {field}\n"
            f'    <td><span class="stage stage--{escape(row.stage)}">'
            f"{escape(row.stage_label)}</span></td>\n"
            f"    <td>{light}</td>\n"
            f"    <td>{okr}</td>\n"
            "  </tr>\n  "
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
