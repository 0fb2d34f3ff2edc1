"""Refused input is kept. A small form posted from a larger page goes back to that page (a
redirect), so what the person typed travels in the session and stands in the form again,
with the reasons beside its fields: once (the next page that renders the form takes it),
and only in the form it was posted from, on the page of the object it belongs to.

The view that refuses calls `keep` (or `run_posted`, which says how it went as messages at
the top, as before, and keeps a refused form); the page builds the form with `form`, which
binds it to the kept values. Passwords and files are never kept."""

from __future__ import annotations

from collections.abc import Callable
from copy import copy
from dataclasses import asdict
from dataclasses import dataclass
from typing import TYPE_CHECKING
from typing import Any
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict

from lotse.forms import add_service_errors
from lotse.forms import form_errors_to_messages

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

F = TypeVar("F", bound=forms.BaseForm)

SESSION_KEY = "form_draft"


def _key(obj: Model, name: str) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}:{name}"


def _inputs(form: forms.BaseForm, name: str, field: forms.Field) -> list[str]:
    """The names the field's inputs post under (a widget of several inputs: `name_0`, …);
    none for a password or a file."""
    if isinstance(field, forms.FileField) or isinstance(field.widget, forms.PasswordInput):
        return []
    posted = form.add_prefix(name)
    if isinstance(field.widget, forms.MultiWidget):
        suffixes = field.widget.widgets_names  # type: ignore[attr-defined]  # not in django-stubs
        return [posted + suffix for suffix in suffixes]
    return [posted]


def _posted(form: forms.BaseForm) -> dict[str, list[str]]:
    """The posted values of the form's own fields, without passwords and files."""
    data = form.data
    return {
        key: [str(value) for value in _values(data, key)]
        for name, field in form.fields.items()
        for key in _inputs(form, name, field)
        if key in data
    }


def _values(data: Any, key: str) -> list[Any]:
    if isinstance(data, MultiValueDict):  # the request's POST
        return data.getlist(key)
    value = data[key]
    return list(value) if isinstance(value, list | tuple) else [value]


@dataclass(frozen=True)
class Kept:
    data: dict[str, list[str]]  # the posted values by input name
    errors: dict[str, list[str]]  # the reasons by field name ("__all__": the whole form)


def keep_values(request: HttpRequest, obj: Model, name: str, kept: Kept) -> None:
    """Keep these values and reasons for the form `name` of `obj`'s page (the one draft of
    the session: a newer refusal replaces it)."""
    request.session[SESSION_KEY] = {"key": _key(obj, name), **asdict(kept)}


def take_values(request: HttpRequest | None, obj: Model, name: str) -> Kept | None:
    """What was kept for the form `name` of `obj`'s page, once: taken, it leaves the
    session; None when nothing is kept for it."""
    session = getattr(request, "session", None)
    if session is None or session.get(SESSION_KEY, {}).get("key") != _key(obj, name):
        return None
    kept = session.pop(SESSION_KEY)
    return Kept(data=kept["data"], errors=kept["errors"])


def keep(
    request: HttpRequest,
    obj: Model,
    name: str,
    form: forms.BaseForm,
    refusal: Exception | None = None,
) -> None:
    """Keep what was posted in the form `name` of `obj`'s page and why it was refused: the
    form's own errors, and the service's `refusal` put on the fields it names."""
    if refusal is not None:
        add_service_errors(form, refusal)
    errors = {field: [str(e) for e in errors] for field, errors in form.errors.items()}
    keep_values(request, obj, name, Kept(data=_posted(form), errors=errors))


def kept_form(
    request: HttpRequest, obj: Model, name: str, form_class: Callable[..., F], **kwargs: Any
) -> F | None:
    """The form `name` of `obj`'s page bound to the values kept for it, its errors beside
    its fields; None when nothing is kept for it. Once: the kept values leave the session."""
    kept = take_values(request, obj, name)
    if kept is None:
        return None
    form = form_class(MultiValueDict(kept.data), **kwargs)
    if isinstance(form, forms.BaseModelForm):
        # Validating writes the refused values onto the instance: a copy's, so that the page
        # still shows the record as it is stored (a column's name in its other buttons).
        form.instance = copy(form.instance)
    form.is_valid()  # the form's own errors, as when it was posted
    for field, errors in kept.errors.items():
        target = field if field in form.fields else None
        shown = {str(e) for e in form.errors.get(target or NON_FIELD_ERRORS, [])}
        missing = [error for error in errors if error not in shown]
        if missing:  # what the service said
            form.add_error(target, missing)
    return form


def form(
    request: HttpRequest, obj: Model, name: str, form_class: Callable[..., F], **kwargs: Any
) -> F:
    """The form `name` of `obj`'s page: bound to what was refused there (once, see
    `kept_form`), else empty (`form_class(**kwargs)`, its `initial` as usual)."""
    kept = kept_form(request, obj, name, form_class, **kwargs)
    return form_class(**kwargs) if kept is None else kept


def run_posted(
    request: HttpRequest,
    form: forms.BaseForm,
    action: Callable[[], object],
    done: StrOrPromise,
    *,
    page: Model,
    name: str,
) -> bool:
    """A small form `name` posted from `page`'s page (which the view redirects back to):
    once it is valid, `action()` (the service call) and `done` as the message; otherwise its
    errors or the service's refusal as messages, and what was typed is kept for the form."""
    if not form.is_valid():
        form_errors_to_messages(request, form)
        keep(request, page, name, form)
        return False
    try:
        action()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        keep(request, page, name, form, exc)
        return False
    messages.success(request, done)
    return True
