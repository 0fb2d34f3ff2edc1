"""lotse.forms: the shared helpers that bring a form's errors back to the user."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import translation

from lotse.forms import Form
from lotse.forms import ModelForm
from lotse.forms import add_service_errors
from lotse.forms import form_errors_to_messages
from lotse.forms import label_of
from lotse.governance.models import AgendaItem
from lotse.governance.models import Decision
from lotse.governance.models import DecisionKind
from lotse.governance.models import MeetingSeries
from lotse.okr.models import Objective
from lotse.okr.models import ObjectiveReview
from lotse.okr.models import OkrLink


class _HoursForm(forms.Form):
    hours = forms.IntegerField(label="Stunden", min_value=0)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("hours") == 13:
            raise ValidationError("Dreizehn Stunden sind heute nicht möglich.")
        return cleaned


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_field_errors_become_messages_that_name_the_field():
    request = _request()
    form = _HoursForm({"hours": "-1"})
    assert not form.is_valid()

    form_errors_to_messages(request, form)

    texts = [str(m) for m in get_messages(request)]
    assert len(texts) == 1 and texts[0].startswith("Stunden: ")


class _NoteForm(Form):
    note = forms.CharField(label="Notiz")


def test_a_hygiene_error_that_names_its_field_is_not_prefixed_again():
    request = _request()
    form = _NoteForm({"note": "a\x07b"})
    assert not form.is_valid()

    form_errors_to_messages(request, form)

    texts = [str(m) for m in get_messages(request)]
    assert len(texts) == 1 and texts[0].startswith("„Notiz“: ") and texts[0].count("Notiz") == 1


def test_an_error_of_the_whole_form_stands_alone_instead_of_failing():
    request = _request()
    form = _HoursForm({"hours": "13"})
    assert not form.is_valid()

    form_errors_to_messages(request, form)

    assert [str(m) for m in get_messages(request)] == ["Dreizehn Stunden sind heute nicht möglich."]


def test_a_service_error_lands_on_the_field_it_names_or_on_the_form():
    form = _HoursForm({"hours": "3"})
    assert form.is_valid()

    add_service_errors(form, ValidationError({"hours": "Zu viele.", "elsewhere": "Anderswo."}))

    assert form.errors["hours"] == ["Zu viele."]
    assert form.non_field_errors() == ["Anderswo."]


# --- label_of: get_<field>_display() without rebuilding the choices per call (issue 14) ---


def test_label_of_gives_what_get_display_gives():
    cases = [
        (Decision, "kind", DecisionKind, "kind_label"),
        (AgendaItem, "kind", AgendaItem.Kind, "kind_label"),
        (Objective, "commitment", Objective.Commitment, "commitment_label"),
        (Objective, "state", Objective.State, "state_label"),
        (ObjectiveReview, "outcome", ObjectiveReview.Outcome, "outcome_label"),
        (ObjectiveReview, "next_step", ObjectiveReview.NextStep, "next_step_label"),
        (OkrLink, "kind", OkrLink.Kind, "kind_label"),
    ]
    for language in ("de", "en"):
        with translation.override(language):
            for model, name, choices, prop in cases:
                for value in [*choices.values, "unbekannt"]:
                    obj = model(**{name: value})
                    display = getattr(obj, f"get_{name}_display")()
                    assert label_of(choices, value) == display
                    assert getattr(obj, prop) == display


class _SeriesForm(ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = MeetingSeries
        fields = ["name", "purpose", "members"]

    def __init__(self, *args, without_purpose: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if without_purpose:
            del self.fields["purpose"]

    def _post_clean(self) -> None:
        pass  # as in the forms whose service validates the model


def test_changes_are_the_fields_the_form_has_as_its_service_takes_them(cast):
    """`ModelForm.changes()`: the cleaned value of every field the form has, in its order,
    without the version (the service takes it apart) or what the caller leaves out; a choice
    of several objects as a list."""
    pmo, viewer = cast.users["pmo"], cast.users["viewer"]
    data = {"name": "Lenkungskreis", "purpose": "Steuern", "members": [viewer.pk, pmo.pk]}
    form = _SeriesForm({**data, "version": "3"})
    assert form.is_valid(), form.errors
    changes = form.changes()
    assert list(changes) == ["name", "purpose", "members"]
    assert changes["name"] == "Lenkungskreis" and changes["purpose"] == "Steuern"
    assert isinstance(changes["members"], list)
    assert sorted(m.pk for m in changes["members"]) == sorted([pmo.pk, viewer.pk])
    assert form.changes(leave_out=("members", "version")) == {
        "name": "Lenkungskreis",
        "purpose": "Steuern",
    }
    assert form.changes(leave_out=("members",))["version"] == 3
    # a field the form's set-up removed is not handed on
    form = _SeriesForm(data, without_purpose=True)
    assert form.is_valid(), form.errors
    assert list(form.changes()) == ["name", "members"]
