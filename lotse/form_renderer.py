"""Django's form renderer, with `<select>` put together in Python.

Django renders every `<option>` of a select through two templates (`select_option.html` and
`attrs.html`): a filter form with a few hundred options (the project list's org units and
project leads) spent more time on that than on the rest of the page (issue 14). `render`
gives the same markup as those templates — same escaping, same whitespace — for the selects
that use Django's own templates, and leaves every other widget to the templates.
FORM_RENDERER = "lotse.form_renderer.FormRenderer".

`{% labelled_field field %}` (`{% load form_renderer %}`) is `{{ field.label_tag }}{{ field }}`
for a filter form's text inputs and selects put together in Python as well, without the label
template, the text input's two templates and the widget's context of one dictionary per
option: the project list's filter form was a fifth of the page (issue 14).
"""

from collections.abc import Mapping
from html import escape
from typing import Any

from django import forms
from django import template
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.functional import Promise
from django.utils.safestring import SafeData
from django.utils.safestring import SafeString
from django.utils.translation import gettext

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
TEXT = "django/forms/widgets/text.html"
LABEL = "django/forms/label.html"
# Django's own msgid (BoundField.label_tag): a label ending in one of these gets no suffix.
_PUNCTUATION = ":?.!"
# What `{{ … }}` does to a value in a template rendered with a plain context: localize,
# str(), escape unless marked safe.
_PLAIN = Context()


def _out(value: object) -> str:
    if isinstance(value, Promise):  # a lazy translation: its text, then as any text
        value = str(value)
    if type(value) is str:  # what the template does to a plain text, without its detours
        return escape(value)
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


register = template.Library()


def _label_tag(bf: BoundField) -> str:
    """`bf.label_tag()` with django/forms/label.html."""
    field, form, widget = bf.field, bf.form, bf.field.widget
    contents = str(bf.label) if isinstance(bf.label, Promise) else bf.label
    text = _out(contents)
    suffix = field.label_suffix if field.label_suffix is not None else form.label_suffix
    if suffix and contents and contents[-1] not in gettext(_PUNCTUATION):
        text += _out(suffix)  # format_html("{}{}", contents, suffix)
    id_ = widget.attrs.get("id") or bf.auto_id
    if not id_:
        return text
    attrs = {}
    if for_ := widget.id_for_label(id_):
        attrs["for"] = for_
    if field.required and hasattr(form, "required_css_class"):
        attrs["class"] = form.required_css_class
    return f"<label{_attrs(attrs)}>{text}</label>"


def _widget(bf: BoundField) -> str | None:
    """`bf.as_widget()` for a text input or a select (without option groups) with Django's
    templates; None for any other widget."""
    widget = bf.field.widget
    attrs = bf.build_widget_attrs({}, widget)
    if bf.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bf.auto_id)
    attrs = widget.build_attrs(widget.attrs, attrs)
    value = widget.format_value(bf.value())
    if type(widget) is forms.TextInput and widget.template_name == TEXT:
        shown = "" if value is None else f' value="{_out(_formatted(value))}"'
        name = _out(bf.html_name)
        return f'<input type="{_out(widget.input_type)}" name="{name}"{shown}{_attrs(attrs)}>'
    if not (
        type(widget) is forms.Select
        and widget.template_name == SELECT
        and widget.option_template_name == OPTION
    ):
        return None
    options, chosen = [], False
    for option_value, label in widget.choices:
        if isinstance(label, list | tuple):
            return None
        option_value = "" if option_value is None else option_value
        selected = not chosen and str(option_value) in value
        chosen = chosen or selected
        options.append(
            {"value": option_value, "label": label, "attrs": {"selected": True} if selected else {}}
        )
    return _select({"name": bf.html_name, "attrs": attrs, "optgroups": [(None, options, 0)]})


def _own_templates(bf: BoundField) -> bool:
    form = bf.form
    return (
        isinstance(form.renderer, FormRenderer)
        and form.template_name_label == LABEL
        and not bf.field.show_hidden_initial
        and not bf.field.localize
    )


@register.simple_tag
def labelled_field(field: BoundField) -> SafeString:
    """`{{ field.label_tag }}{{ field }}`, the same markup; put together here for a text input
    or a select on Django's templates, by Django for any other field."""
    shown = _widget(field) if _own_templates(field) else None
    if shown is None:
        return SafeString(f"{field.label_tag()}{field}")
    return SafeString(_label_tag(field) + shown)
