"""lotse.drafts: a refused small form's input is kept for its page, once, never a password or
a file."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from lotse import drafts
from lotse.forms import Form
from lotse.portfolio.models import Project


class _Form(Form):
    title = forms.CharField(label="Titel", max_length=5)
    tags = forms.MultipleChoiceField(label="Marken", choices=[("a", "A"), ("b", "B")])
    secret = forms.CharField(label="Kennwort", widget=forms.PasswordInput, required=False)
    file = forms.FileField(label="Datei", required=False)
    when = forms.SplitDateTimeField(label="Wann", required=False)


def _post(data, files=None):
    request = RequestFactory().post("/", data | (files or {}))
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _page(request):
    """The request of the page the form went back to: the same session."""
    page = RequestFactory().get("/")
    page.session = request.session
    return page


PROJECT = Project(pk=7)
OTHER = Project(pk=8)


def test_the_posted_values_are_kept_without_password_and_file():
    upload = SimpleUploadedFile("a.txt", b"x")
    data = {
        "title": "zu lang",
        "tags": ["a", "b"],
        "secret": "geheim",
        "csrfmiddlewaretoken": "t",
        "when_0": "2026-03-01",
        "when_1": "10:00",
        "when_x": "fremd",
    }
    request = _post(data, {"file": upload})
    form = _Form(request.POST, request.FILES)
    assert not drafts.run_posted(request, form, lambda: None, "gut", page=PROJECT, name="f")
    [said] = [str(m) for m in get_messages(request)]
    assert said.startswith("Titel: ") and "höchstens 5 Zeichen" in said
    kept = request.session[drafts.SESSION_KEY]
    assert kept["data"] == {
        "title": ["zu lang"],
        "tags": ["a", "b"],
        "when_0": ["2026-03-01"],
        "when_1": ["10:00"],
    }
    page = _page(request)
    assert drafts.kept_form(page, OTHER, "f", _Form) is None  # another object's page
    assert drafts.kept_form(page, PROJECT, "g", _Form) is None  # another form of the page
    shown = drafts.form(page, PROJECT, "f", _Form)
    assert shown.is_bound and shown["title"].value() == "zu lang"
    assert shown["tags"].value() == ["a", "b"] and shown["secret"].value() is None
    assert shown["when"].value() == ["2026-03-01", "10:00"]
    assert list(shown.errors) == ["title"]
    again = drafts.form(page, PROJECT, "f", _Form)  # once
    assert not again.is_bound and not again.errors


def test_the_services_refusal_stands_at_its_field_and_for_the_whole_form():
    request = _post({"title": "gut", "tags": ["a"]})
    form = _Form(request.POST)

    def refuse():
        raise ValidationError({"title": ["Schon vergeben."], "other": ["Zu spät."]})

    assert not drafts.run_posted(request, form, refuse, "gut", page=PROJECT, name="f")
    assert sorted(str(m) for m in get_messages(request)) == ["Schon vergeben.", "Zu spät."]
    shown = drafts.form(_page(request), PROJECT, "f", _Form)
    assert shown.errors["title"] == ["Schon vergeben."]
    assert shown.non_field_errors() == ["Zu spät."]


def test_accepted_input_is_not_kept():
    request = _post({"title": "gut", "tags": ["a"]})
    done = []
    form = _Form(request.POST)
    assert drafts.run_posted(
        request, form, lambda: done.append(1), "Gespeichert.", page=PROJECT, name="f"
    )
    assert done == [1] and drafts.SESSION_KEY not in request.session
    assert [str(m) for m in get_messages(request)] == ["Gespeichert."]
