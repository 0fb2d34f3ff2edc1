"""Turn ninja's (pydantic's) validation errors into the API's one error shape, in German.

Every 422 of the API looks the same, whether the schema or a service refused the input:
`{"detail": "Ungültige Eingabe.", "errors": {"<field>": ["<message>", …]}}`.
"""

from typing import Any

from django.utils.translation import gettext as _


def _unknown_choice(ctx: dict) -> str:
    expected = str(ctx.get("expected", "")).replace(" or ", " " + _("oder") + " ")
    return _("Unbekannter Wert. Erlaubt sind: %(values)s.") % {"values": expected}


# pydantic error type → German message; placeholders come from the error's `ctx`.
MESSAGES = {
    "missing": lambda ctx: _("Dieses Feld ist erforderlich."),
    "string_type": lambda ctx: _("Bitte geben Sie einen Text an."),
    "string_too_short": lambda ctx: (
        _("Dieses Feld darf nicht leer sein.")
        if ctx.get("min_length") == 1
        else _("Bitte geben Sie mindestens %(n)s Zeichen an.") % {"n": ctx.get("min_length")}
    ),
    "string_too_long": lambda ctx: (
        _("Bitte geben Sie höchstens %(n)s Zeichen an.") % {"n": ctx.get("max_length")}
    ),
    "int_type": lambda ctx: _("Bitte geben Sie eine ganze Zahl an."),
    "int_parsing": lambda ctx: _("Bitte geben Sie eine ganze Zahl an."),
    "int_from_float": lambda ctx: _("Bitte geben Sie eine ganze Zahl an."),
    "greater_than_equal": lambda ctx: (
        _("Der Wert muss mindestens %(n)s sein.") % {"n": ctx.get("ge")}
    ),
    "less_than_equal": lambda ctx: _("Der Wert darf höchstens %(n)s sein.") % {"n": ctx.get("le")},
    "bool_type": lambda ctx: _("Bitte geben Sie true oder false an."),
    "bool_parsing": lambda ctx: _("Bitte geben Sie true oder false an."),
    "date_type": lambda ctx: _("Bitte geben Sie ein Datum im Format JJJJ-MM-TT an."),
    "date_parsing": lambda ctx: _("Bitte geben Sie ein Datum im Format JJJJ-MM-TT an."),
    "date_from_datetime_parsing": lambda ctx: _(
        "Bitte geben Sie ein Datum im Format JJJJ-MM-TT an."
    ),
    "date_from_datetime_inexact": lambda ctx: _(
        "Bitte geben Sie ein Datum im Format JJJJ-MM-TT an."
    ),
    "literal_error": lambda ctx: _unknown_choice(ctx),
    "enum": lambda ctx: _unknown_choice(ctx),
    "list_type": lambda ctx: _("Bitte geben Sie eine Liste an."),
    "model_type": lambda ctx: _("Bitte senden Sie ein JSON-Objekt."),
    "model_attributes_type": lambda ctx: _("Bitte senden Sie ein JSON-Objekt."),
    "dict_type": lambda ctx: _("Bitte senden Sie ein JSON-Objekt."),
    "extra_forbidden": lambda ctx: _("Dieses Feld gibt es nicht oder es ist nicht änderbar."),
    "json_invalid": lambda ctx: _("Der Inhalt ist kein gültiges JSON."),
}

SOURCES = {"body", "query", "path", "form", "header", "cookie", "file"}


def field_name(loc: tuple | list, params: set[str]) -> str:
    """`("body", "payload", "title")` → `title`; `("query", "stage")` → `stage`."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in SOURCES:
        parts = parts[1:]
    # Drop the name of the handler's parameter, which is no field of the input.
    if parts and parts[0] in params:
        parts = parts[1:]
    return ".".join(parts) or "__all__"


def german_message(error: dict[str, Any]) -> str:
    translate = MESSAGES.get(error.get("type", ""))
    if translate is not None:
        return str(translate(error.get("ctx") or {}))
    message = str(error.get("msg", ""))
    # Our own validators raise ValueError with a German text; pydantic prefixes it.
    return message.removeprefix("Value error, ")


def errors_by_field(errors: list[dict[str, Any]], params: set[str]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for error in errors:
        name = field_name(error.get("loc", ()), params)
        if name == "__all__" and error.get("type") == "missing":
            message = _("Bitte senden Sie ein JSON-Objekt.")  # an empty request body
        else:
            message = german_message(error)
        result.setdefault(name, []).append(message)
    return result
