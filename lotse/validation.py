"""One way for services to report every problem of an object at once (neutral: imports no app)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db import transaction
from django.db.models import CharField
from django.db.models import Model
from django.db.models import TextField

from lotse import hygiene

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def raise_errors(errors: dict[str, list[str]], clean: Callable[[], object] | None = None) -> None:
    """Run the model's own validation (`clean`, e.g. a `full_clean`), add its complaints to the
    service's own `errors` field by field, and raise one ValidationError if there are any."""
    if clean is not None:
        try:
            clean()
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def save_checked(obj: Model, check: Callable[[], object] | None = None) -> None:
    """Save `obj` in a savepoint. A row with the same unique values that another request
    committed after `obj` was checked (two people creating one name at once) breaks a unique
    constraint: `check` (the service's own) and the model's unique checks then run again and
    say which, as a ValidationError instead of a 500."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        if check is not None:
            check()
        obj.validate_unique()
        obj.validate_constraints()
        raise


def check_typed_text(
    value: str, model: type[Model], name: str, *, label: StrOrPromise = "", key: str = ""
) -> str:
    """`value` for the text field `name` of `model`, typed into a hand-written input (no form
    field checks it): refused on `name` if it holds a control character (a line break only
    where the field is a TextField) or is longer than the field's max_length, instead of being
    cut or failing in the database. The message names the input by its `label` where the page
    labels it otherwise than the field's verbose name, else by the verbose name; `key` is the
    input's name where it differs from the field's."""
    field = model._meta.get_field(name)
    if not isinstance(field, CharField | TextField):
        raise TypeError(f"{model.__name__}.{name} is no text field")
    shown = str(label or field.verbose_name)
    try:
        hygiene.check_text(value, label=shown, multiline=isinstance(field, TextField))
        if isinstance(field, CharField) and field.max_length is not None:
            hygiene.check_length(value, field.max_length, label=shown)
    except hygiene.Refused as exc:
        raise ValidationError({key or name: [str(exc)]}) from exc
    return value
