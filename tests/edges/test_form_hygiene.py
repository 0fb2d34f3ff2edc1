"""Every form refuses control characters, dates outside 1900–2200 and integers the database
cannot hold, with a German message that names the field. The sweep finds the forms itself."""

import copy
import re
from datetime import date

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

from lotse.forms import HygieneMixin
from lotse.forms import guard_field
from lotse.reporting.models import Milestone

from .sweep import APPS_WITH_INPUT
from .sweep import apps_of
from .sweep import lotse_forms

FORMS = lotse_forms()


def test_the_sweep_finds_the_forms_of_every_app():
    assert apps_of(FORMS) >= APPS_WITH_INPUT


@pytest.mark.parametrize("form_class", FORMS, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_every_form_is_guarded(form_class):
    assert issubclass(form_class, HygieneMixin), (
        f"{form_class.__module__}.{form_class.__name__} must derive from lotse.forms.Form "
        "or lotse.forms.ModelForm"
    )


def _refuses(field, name, value) -> str:
    with pytest.raises(ValidationError) as error:
        field.clean(value)
    message = " ".join(error.value.messages)
    assert str(field.label or name) in message, message
    return message


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", FORMS, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_every_field_refuses_what_the_database_cannot_hold(form_class):
    for name, declared in form_class.base_fields.items():
        field = copy.deepcopy(declared)
        guard_field(field, name)
        if isinstance(field, forms.CharField):
            assert "Nullzeichen" in _refuses(field, name, "Nord\x00Süd")
            assert "Steuerzeichen" in _refuses(field, name, "Nord\x1bSüd")
            if isinstance(field.widget, forms.Textarea):
                assert field.clean("eins\r\n\tzwei") == "eins\r\n\tzwei"
            else:
                _refuses(field, name, "eins\nzwei")
        elif isinstance(field, forms.DateField):
            assert "01.01.1900" in _refuses(field, name, "31.12.9999")
            _refuses(field, name, "1899-12-31")
            assert field.clean("2200-12-31") <= date(2200, 12, 31)  # (a month field: the 1st)
        elif isinstance(field, forms.IntegerField) and not isinstance(field.widget, forms.Select):
            _refuses(field, name, str(2**31))
            _refuses(field, name, str(10**30))


# --- through the real pages -------------------------------------------------------------


def test_project_form_refuses_a_nul_byte_naming_the_field(cast):
    url = reverse("portfolio:project_edit", args=[cast.project.pk])
    client = cast.client("pmo")
    page = client.get(url)
    data = {k: v for k, v in page.context["form"].initial.items() if v is not None}
    data |= {
        "title": "Kommunal\x00portal",
        "field_of_action": cast.field.pk,
        "version": cast.project.version,
    }
    response = client.post(url, data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "„Titel“" in text and "Nullzeichen" in text
    cast.project.refresh_from_db()
    assert cast.project.title == "Kommunalportal"


def test_milestone_form_refuses_the_year_9999_naming_the_field(cast):
    url = reverse("reporting:milestone_create", args=[cast.project.pk])
    response = cast.client("project_lead").post(
        url, {"title": "Go-live", "planned_date": "31.12.9999"}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "zwischen dem 01.01.1900 und dem 31.12.2200" in text
    assert not Milestone.objects.filter(project=cast.project).exists()


def test_a_too_long_text_gets_a_message_instead_of_being_cut_by_the_browser(cast):
    """The inputs carry no `maxlength` (the browser would cut pasted text silently): a title
    over its 200 characters comes back with the field's message, and nothing is saved."""
    url = reverse("portfolio:project_edit", args=[cast.project.pk])
    client = cast.client("pmo")
    page = client.get(url)
    (title_input,) = re.findall(r'<input[^>]*name="title"[^>]*>', page.content.decode())
    assert "maxlength" not in title_input
    data = {k: v for k, v in page.context["form"].initial.items() if v is not None}
    data |= {"title": "A" * 201, "field_of_action": cast.field.pk, "version": cast.project.version}
    response = client.post(url, data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "höchstens 200 Zeichen besteht. (Er besteht aus 201 Zeichen.)" in text
    cast.project.refresh_from_db()
    assert cast.project.title == "Kommunalportal"
