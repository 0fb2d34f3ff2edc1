"""lotse/form_renderer.py: selects put together in Python give Django's markup exactly."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from django.utils.translation import override

from lotse.form_renderer import FormRenderer
from tests.factories import ProgrammeFactory

CHOICES = [
    ("", "---------"),
    ("a", "Alpha & <Omega>"),
    ("b", 'Sagt "Hallo"'),
    (3, 4),
    ("d", datetime.date(2026, 11, 29)),
    ("e", gettext_lazy("Projekte")),
    ("f", mark_safe("<b>fett</b>")),  # noqa: S308 - a test of what the template does
]
GROUPS = [
    ("Gruppe <1>", [("x", "X"), ("y", "Y")]),
    ("z", "Z ohne Gruppe"),
    ("Leer", []),
]
ATTRS = {"class": "a&b", "required": True, "disabled": False, "data-n": 5, "title": None}

WIDGETS = [
    (forms.Select(choices=CHOICES), "a"),
    (forms.Select(choices=CHOICES), None),
    (forms.Select(choices=CHOICES, attrs=ATTRS), 3),
    (forms.SelectMultiple(choices=CHOICES), ["a", "d"]),
    (forms.Select(choices=GROUPS), "y"),
    (forms.SelectMultiple(choices=GROUPS, attrs={"size": 4}), ["x", "z"]),
    (forms.NullBooleanSelect(), True),
    (forms.Select(choices=[]), None),
    (forms.Select(choices=[("<&>", mark_safe("&amp;"))]), "<&>"),  # noqa: S308
]


@pytest.mark.parametrize(("widget", "value"), WIDGETS)
@pytest.mark.parametrize("language", ["de", "en"])
def test_a_select_looks_as_django_renders_it(widget, value, language):
    with override(language):
        expected = widget.render("feld<1>", value, {"id": "id_feld"}, renderer=DjangoTemplates())
        mine = widget.render("feld<1>", value, {"id": "id_feld"}, renderer=FormRenderer())
    assert mine == expected


def test_model_choices_look_as_django_renders_them(db):
    from lotse.portfolio.models import Programme

    ProgrammeFactory(name="Stadt & Land")
    ProgrammeFactory(name="<Kreis>")
    field = forms.ModelChoiceField(Programme.objects.all(), required=False)
    value = Programme.objects.first().pk
    expected = field.widget.render("p", value, renderer=DjangoTemplates())
    assert field.widget.render("p", value, renderer=FormRenderer()) == expected
    assert "Stadt &amp; Land" in expected


def test_other_widgets_and_forms_are_rendered_by_the_templates():
    class Form(forms.Form):
        text = forms.CharField(label="Text <1>")
        choice = forms.ChoiceField(choices=CHOICES[1:3])
        radio = forms.ChoiceField(choices=CHOICES[1:3], widget=forms.RadioSelect)

    form = Form(data={"text": "a&b", "choice": "b"})
    assert form.render(renderer=FormRenderer()) == form.render(renderer=DjangoTemplates())


def test_it_is_the_renderer_of_the_site(settings):
    assert settings.FORM_RENDERER == "lotse.form_renderer.FormRenderer"


class FilterForm(forms.Form):
    required_css_class = "pflicht"

    q = forms.CharField(label="Suche <1>", required=False, max_length=20)
    needed = forms.CharField(label="Pflicht?", help_text="Hilfe & mehr")
    off = forms.CharField(label=gettext_lazy("Projekte"), required=False, disabled=True)
    choice = forms.ChoiceField(label="Wahl", choices=CHOICES, required=False)
    number = forms.TypedChoiceField(
        choices=[("", "alle"), (1, "eins"), (22, "<zwei>")], coerce=int, required=False
    )
    grouped = forms.ChoiceField(choices=GROUPS, required=False)
    radio = forms.ChoiceField(choices=CHOICES[1:3], widget=forms.RadioSelect, required=False)
    email = forms.EmailField(required=False, label_suffix=" =")
    day = forms.DateField(required=False, localize=True)
    hidden = forms.CharField(required=False, show_hidden_initial=True, initial="x")


FORMS = [
    lambda: FilterForm(),
    lambda: FilterForm(data={"q": 'a&"b"', "choice": "b", "number": "22", "grouped": "y"}),
    lambda: FilterForm(data={"q": "", "choice": "nope", "number": "x", "needed": "da"}),
    lambda: FilterForm(data={"number": "1", "choice": ""}, auto_id=False),
    lambda: FilterForm(auto_id="f-%s", label_suffix=""),
    lambda: FilterForm(initial={"q": "vorher", "number": 1}),
]


@pytest.mark.parametrize("make", FORMS)
@pytest.mark.parametrize("language", ["de", "en"])
def test_labelled_field_is_label_tag_and_field(make, language):
    """{% labelled_field %} gives `{{ field.label_tag }}{{ field }}` for every kind of field:
    put together in Python for text inputs and selects, by Django for the others."""
    from django.template import Context
    from django.template import Template

    with override(language):
        form = make()
        form.is_valid()
        for field in form:
            context = Context({"field": field})
            expected = Template("{{ field.label_tag }}{{ field }}").render(context)
            mine = Template("{% load form_renderer %}{% labelled_field field %}").render(context)
            assert mine == expected, field.name


def test_labelled_field_puts_text_inputs_and_selects_together_itself(monkeypatch):
    from django.forms.boundfield import BoundField

    from lotse.form_renderer import labelled_field

    form = FilterForm(data={"q": "x", "number": "1"})
    expected = {name: f"{form[name].label_tag()}{form[name]}" for name in ("q", "number", "off")}
    monkeypatch.setattr(BoundField, "label_tag", None)  # not called on these
    monkeypatch.setattr(BoundField, "as_widget", None)
    assert {name: labelled_field(form[name]) for name in expected} == expected
