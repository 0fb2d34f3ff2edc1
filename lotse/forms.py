"""Form helpers shared by every app's views."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Collection
from functools import lru_cache
from typing import TYPE_CHECKING
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import ProhibitNullCharactersValidator
from django.db.models import Choices
from django.db.models import QuerySet
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse import hygiene
from lotse.documents import tabular

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def add_service_errors(form: forms.BaseForm, exc: Exception) -> None:
    """Map a service's complaint (ValidationError or EditConflict) back onto the form, at the
    field it names; anything else becomes a form-wide error."""
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    elif isinstance(exc, ValidationError):
        form.add_error(None, exc.messages)
    else:
        form.add_error(None, str(exc))


def form_saved(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[], object],
    errors: tuple[type[Exception], ...] = (ValidationError,),
) -> bool:
    """Whether `form` was posted and valid and `save()` (the service call) went through. A
    service's complaint (one of `errors`) lands on the form instead, for the page to show."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save()
    except errors as exc:
        add_service_errors(form, exc)
        return False
    return True


def form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[], object] | None = None,
    *,
    title: StrOrPromise,
    back: str,
    success: StrOrPromise = "",
    errors: tuple[type[Exception], ...] = (ValidationError,),
    template: str = "form_page.html",
    **context: Any,
) -> HttpResponse:
    """The page of one form: `template` (`form_page.html` or one extending it) with the form,
    its `title`, the way `back` (and Cancel) and what else `context` names. With `save`: once
    the posted form is valid and `save()` (the service call) went through, back to `back`
    with the message `success` (see `form_saved`). An app with its own template names it
    once: `partial(form_page, template="planning/form.html")`."""
    if save is not None and form_saved(request, form, save, errors):
        messages.success(request, success)
        return redirect(back)
    return render(request, template, {"form": form, "title": title, "back": back, **context})


def run_and_report(request: HttpRequest, action: Callable[[], object], success: str) -> bool:
    """Run `action()` (the service call of a small POST from a larger page) and say how it
    went: `success`, or what the service refused (a ValidationError) as an error message."""
    try:
        action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return False
    messages.success(request, success)
    return True


def posted_version(request: HttpRequest) -> int | None:
    """The version of the record the page was loaded with (its hidden `version` field), for
    the service to refuse the save if someone saved meanwhile; None when it is missing."""
    version = request.POST.get("version", "")
    return int(version) if version.isdigit() else None


def form_errors_to_messages(request: HttpRequest, form: forms.BaseForm) -> None:
    """A small form posted from a larger page (which redirects back): its errors become
    messages, each naming its field (once: the input checks' messages start with „label“
    already); errors of the whole form stand alone."""
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = str(field.label or "") if field is not None else ""
        for error in errors:
            named = not label or str(error).startswith(f"„{label}“")
            messages.error(request, str(error) if named else f"{label}: {error}")


# --- input hygiene ----------------------------------------------------------------------


class _Guard:
    """A field validator that applies one of `lotse.hygiene`'s checks, naming the field."""

    def __init__(self, check: Callable[..., object], label: str, **options: Any) -> None:
        self.check, self.label, self.options = check, label, options

    def __call__(self, value: Any) -> None:
        try:
            self.check(value, label=self.label, **self.options)
        except hygiene.Refused as exc:
            raise ValidationError(str(exc), code="hygiene") from exc


def guard_field(field: forms.Field, name: str) -> None:
    """Give a form field the hygiene checks that fit its kind (once)."""
    if getattr(field, "_hygiene", False):
        return
    field._hygiene = True  # type: ignore[attr-defined]
    label = str(field.label or name)
    if isinstance(field, forms.CharField):
        # Our check names the field and also covers NUL; Django's own would say it twice.
        field.validators = [
            v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]
        multiline = isinstance(field.widget, forms.Textarea)
        field.validators.append(_Guard(hygiene.check_text, label, multiline=multiline))
    elif isinstance(field, forms.DateField | forms.DateTimeField):
        field.validators.append(_Guard(hygiene.check_date, label))
    elif isinstance(field, forms.IntegerField):
        field.validators.append(_Guard(hygiene.check_int, label))


class HygieneMixin:
    """Every form of Lotse refuses control characters, absurd dates and numbers the database
    cannot hold, with a German message naming the field (see `lotse.hygiene`). The checks
    are attached when the form is validated, so fields added in `__init__` are covered too."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # No `maxlength` on the inputs: the browser cuts pasted text at that length without a
        # word, so the user would save less than they wrote. Too long a text gets the field's
        # message ("höchstens N Zeichen") from the server instead.
        for field in self.fields.values():
            field.widget.attrs.pop("maxlength", None)

    def full_clean(self) -> None:
        for name, field in self.fields.items():
            guard_field(field, name)
        super().full_clean()  # type: ignore[misc]


class Form(HygieneMixin, forms.Form):
    pass


class ModelForm(HygieneMixin, forms.ModelForm):
    def changes(self, *, leave_out: Collection[str] = ("version",)) -> dict[str, Any]:
        """What the valid form hands its service as `data`: the cleaned value of each field
        the form has (its `__init__` may have removed some), but those it leaves out (the
        `version`, which the service takes as `expected_version`); a choice of several
        objects as a list."""
        data = {}
        for name in self.fields:
            if name not in leave_out:
                value = self.cleaned_data[name]
                data[name] = list(value) if isinstance(value, QuerySet) else value
        return data


class VersionedModelForm(ModelForm):
    """The edit form of a record a service saves: it carries the version the page was loaded
    with (hidden `version`, for the service to refuse the save if someone saved meanwhile),
    hands the service its `changes()`, and leaves the model's validation to the service."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def save_by(self, update: Callable[..., object], **arguments: object) -> Callable[[], object]:
        """The save of the valid form for `form_saved`: `update(**arguments, data=changes(),
        expected_version=the version the page was loaded with)`, the service's call."""
        return lambda: update(
            **arguments, data=self.changes(), expected_version=self.cleaned_data.get("version")
        )

    def _post_clean(self) -> None:
        pass  # the service validates the model (it also serves the API)


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """`form.fields[name]` as the choice field it is (`fields` is typed as plain `Field`)."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is no choice field")
    return field


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """`form.fields[name]` as the model choice field it is, e.g. to narrow its queryset."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is no model choice field")
    return field


@lru_cache(maxsize=128)
def _labels(choices: type[Choices]) -> dict[Any, Any]:
    return dict(choices.choices)


def label_of(choices: type[Choices], value: Any) -> str:
    """What `get_<field>_display()` gives for a field with these choices, without rebuilding
    the choices' dict on every call (a page listing hundreds of rows, issue 14): the label in
    the active language, or the value itself if it is not among the choices."""
    return str(_labels(choices).get(value, value))


# --- uploads of tables to import --------------------------------------------------------


def upload_field(help_text: StrOrPromise) -> forms.FileField:
    """The file field of an import's upload form; `help_text` names the columns it reads."""
    return forms.FileField(label=gettext_lazy("Datei (CSV oder XLSX)"), help_text=help_text)


def read_upload(upload: UploadedFile) -> bytes:
    """The uploaded table's content; a file larger than an import reads is refused (German
    ValidationError) before it is read into memory."""
    if (upload.size or 0) > tabular.MAX_BYTES:
        raise ValidationError(_("Die Datei ist größer als 10 MB. Bitte teilen Sie sie auf."))
    return upload.read()
