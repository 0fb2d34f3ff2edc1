"""Django's form renderer, with `<select>` put together in Python.

Django renders every `<option>` of a select through two templates (`select_option.html` and
`attrs.html`): a filter form with a few hundred options (the project list's org units and
project leads) spent more time on that than on the rest of the page (issue 14). `render`
gives the same markup as those templates — same escaping, same whitespace — for the selects
that use Django's own templates, and leaves every other widget to the templates.
FORM_RENDERER = "lotse.form_renderer.FormRenderer".
"""

from collections.abc import Mapping
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.safestring import SafeData, SafeString

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
# What `{{ … }}` does to a value in a template rendered with a plain context: localize,
# str(), escape unless marked safe.
_PLAIN = Context()


def _out(value: object) -> str:
    return str(render_value_in_context(value, _PLAIN))


def _formatted(value: object) -> object:
    """`value|stringformat:'s'`: its text, still safe when the value was."""
    text = str(value)
    return SafeString(text) if isinstance(value, SafeData) else text


def _attrs(attrs: Mapping[str, object]) -> str:
    """django/forms/widgets/attrs.html."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {_out(name)}")
        if value is not True:
            parts.append(f'="{_out(_formatted(value))}"')
    return "".join(parts)


def _option(option: Mapping[str, Any]) -> str:
    """django/forms/widgets/select_option.html (with its closing line break)."""
    value = _out(_formatted(option["value"]))
    return f'<option value="{value}"{_attrs(option["attrs"])}>{_out(option["label"])}</option>\n'


def _select(widget: Mapping[str, Any]) -> str:
    """django/forms/widgets/select.html, stripped as the renderer strips it."""
    parts = [f'<select name="{_out(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_out(group_name)}">')
        parts.extend("\n  " + _option(option) for option in group_choices)
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts).strip()


def _own_select(template_name: str, context: Mapping[str, Any]) -> bool:
    if template_name != SELECT:
        return False
    return all(
        option.get("template_name") == OPTION
        for _name, options, _index in context["widget"]["optgroups"]
        for option in options
    )


class FormRenderer(DjangoTemplates):
    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        if _own_select(template_name, context):
            return _select(context["widget"])
        return str(super().render(template_name, context, request))
