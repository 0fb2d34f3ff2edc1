"""One way for services to report every problem of an object at once (neutral: imports no app)."""

from collections.abc import Callable

from django.core.exceptions import ValidationError


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
