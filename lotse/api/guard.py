"""Hygiene for what ninja parses besides our schemas: path and query parameters declared in
an endpoint's signature (ids, `page`, `year`, `status` …) and ninja's own pagination input.

Every operation's parameter models are replaced by a subclass that runs `lotse.hygiene`'s
checks on each value and states the integer and date bounds in the OpenAPI schema. So an id
beyond the database's range is a 422, never a 500, for every endpoint, new ones included.
"""

from collections.abc import Iterator
from typing import Any

from ninja import NinjaAPI
from pydantic import BaseModel
from pydantic import ConfigDict
from pydantic import ValidationInfo
from pydantic import field_validator

from lotse import hygiene


def _guarded(model: type[BaseModel]) -> type[BaseModel]:
    if getattr(model, "_lotse_guarded", False):
        return model

    def check(cls: type, value: Any, info: ValidationInfo) -> Any:
        try:
            return hygiene.check_value(value)
        except hygiene.Refused as exc:
            raise ValueError(str(exc)) from exc

    namespace = {
        "__module__": model.__module__,
        "__qualname__": model.__qualname__,
        "_lotse_guarded": True,
        "model_config": ConfigDict(
            **{**model.model_config, "json_schema_extra": hygiene.hygiene_json_schema}
        ),
        "_hygiene": field_validator("*", mode="after")(classmethod(check)),
    }
    return type(model.__name__, (model,), namespace)


def guard_operations(api: NinjaAPI) -> None:
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                operation.models = [
                    model if model.__name__ == "BodyParams" else _guarded(model)
                    for model in operation.models
                ]


# --- the OpenAPI document -----------------------------------------------------------------

BAD_JSON = {
    "description": "Der Inhalt der Anfrage ist kein gültiges JSON.",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {"detail": {"type": "string"}},
                "required": ["detail"],
            }
        }
    },
}
# Local wall-clock times travel as "HH:MM:SS" without an offset; JSON Schema's `time` format
# (RFC 3339 full-time) would demand one.
LOCAL_TIME = {
    "format": "partial-time",
    "pattern": r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$",
    "description": "Ortszeit (Europe/Berlin) ohne Zeitzone, z. B. 10:00:00.",
}


def _nodes(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _nodes(value)


def complete_openapi(schema: dict) -> dict:
    """Say what the API does beyond what ninja derives from the signatures."""
    for methods in schema.get("paths", {}).values():
        for operation in methods.values():
            if "requestBody" in operation:
                operation["responses"].setdefault("400", BAD_JSON)
            # Parameters from nested schemas (ninja's pagination) lack the bounds `_guarded`
            # enforces; state them.
            for parameter in operation.get("parameters", []):
                hygiene.hygiene_json_schema({"properties": {"p": parameter["schema"]}})
                # ninja leaves a filter's description inside its schema; documentation
                # viewers and generated clients read it from the parameter itself.
                described = parameter["schema"].get("description")
                if described:
                    parameter.setdefault("description", described)
    for node in _nodes(schema.get("components", {})):
        if node.get("type") == "string" and node.get("format") == "time":
            node.update(LOCAL_TIME)
    return schema
