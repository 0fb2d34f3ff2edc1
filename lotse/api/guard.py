"""Hygiene for what ninja parses besides our schemas: path and query parameters declared in
an endpoint's signature (ids, `page`, `year`, `status` …) and ninja's own pagination input.

Every operation's parameter models are replaced by a subclass that runs `lotse.hygiene`'s
checks on each value and states the integer and date bounds in the OpenAPI schema. So an id
beyond the database's range is a 422, never a 500, for every endpoint, new ones included.
"""

from typing import Any

from ninja import NinjaAPI
from pydantic import ConfigDict, ValidationInfo, field_validator

from lotse import hygiene


def _guarded(model: type) -> type:
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
