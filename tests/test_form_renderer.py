"""lotse/form_renderer.py: selects put together in Python give Django's markup exactly."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

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
