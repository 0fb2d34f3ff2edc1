"""Every API input refuses control characters, dates outside 1900–2200 and integers beyond the
database's range with a 422 naming the field; no id, page or filter gives a 500. The sweeps
walk every schema and every operation of the OpenAPI document, so new endpoints are covered."""

import re

import pytest
from django.test import Client
from pydantic import ValidationError

from lotse.hygiene import MULTILINE
from lotse.portfolio.schemas import Clean

from .sweep import APPS_WITH_INPUT
from .sweep import apps_of
from .sweep import input_schemas

API = "/api/v1"
SCHEMAS = input_schemas()
HUGE = [2**31, 2**63, 10**30, -(2**63) - 1]


def _variants(prop: dict) -> list[dict]:
    return prop.get("anyOf", [prop])


def _kind(prop: dict) -> str | None:
    if any(v.get("type") == "number" for v in _variants(prop)):
        return None  # decimals: bounded by their own digits
    for variant in _variants(prop):
        if variant.get("type") == "array":
            return _kind(variant.get("items", {}))
        if variant.get("type") == "integer":
            return "int"
        if variant.get("type") == "string" and "enum" not in variant and "const" not in variant:
            return {"date": "date", None: "text"}.get(variant.get("format"))
    return None


def _errors_at(schema: type[Clean], name: str, value) -> list[str]:
    try:
        schema.model_validate({name: value})
    except ValidationError as exc:
        return [e["msg"] for e in exc.errors() if e["loc"][:1] == (name,)]
    return []


def _models_in(annotation) -> set[type]:
    from typing import get_args

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        found = {annotation}
        for field in annotation.model_fields.values():
            found |= _models_in(field.annotation)
        return found
    return set().union(*(_models_in(arg) for arg in get_args(annotation)))


def test_every_request_body_is_a_clean_schema():
    """A body schema (or a schema nested in one) that bypasses `Clean` would bypass the checks."""
    from lotse.api.urls import api

    offenders = set()
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in operation.models:
                    if model.__name__ != "BodyParams":
                        continue
                    for field in model.model_fields.values():
                        offenders |= {
                            f"{m.__module__}.{m.__name__}"
                            for m in _models_in(field.annotation)
                            if not issubclass(m, Clean)
                        }
    assert offenders == set()


def test_the_sweep_finds_the_schemas_of_every_app():
    assert apps_of(SCHEMAS) >= APPS_WITH_INPUT


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_every_input_field_refuses_what_the_database_cannot_hold(schema):
    props = schema.model_json_schema()["properties"]
    for name, field in schema.model_fields.items():
        key = field.alias or name
        kind = _kind(props[key])
        listed = any(v.get("type") == "array" for v in _variants(props[key]))
        wrap = (lambda v: [v]) if listed else (lambda v: v)
        if kind == "text":
            assert any("Nullzeichen" in m for m in _errors_at(schema, key, wrap("a\x00b"))), key
            assert any("Steuerzeichen" in m for m in _errors_at(schema, key, wrap("a\x1bb"))), key
            line_break = _errors_at(schema, key, wrap("eins\nzwei"))
            if MULTILINE in field.metadata:
                assert not [m for m in line_break if "Zeile" in m], key
            else:
                assert any("Zeile" in m for m in line_break), key
        elif kind == "date":
            assert any("01.01.1900" in m for m in _errors_at(schema, key, wrap("9999-12-31"))), key
            assert _errors_at(schema, key, wrap("1899-12-31")), key
        elif kind == "int":
            for value in HUGE:
                assert _errors_at(schema, key, wrap(value)), (key, value)


# --- through HTTP, on whichever database the tests run ---------------------------------


def _api_client(cast) -> Client:
    cast.users["pmo"].is_superuser = True
    cast.users["pmo"].save()
    client = Client(raise_request_exception=False)
    client.force_login(cast.users["pmo"])
    return client


def test_nul_byte_in_a_title_is_a_422_naming_the_field(cast):
    client = _api_client(cast)
    response = client.patch(
        f"{API}/projects/{cast.project.pk}",
        {"version": cast.project.version, "title": "Kommunal\x00portal"},
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    assert "Nullzeichen" in response.json()["errors"]["title"][0]
    cast.project.refresh_from_db()
    assert cast.project.title == "Kommunalportal"


def test_year_9999_in_a_milestone_is_a_422_naming_the_field(cast):
    response = _api_client(cast).post(
        f"{API}/projects/{cast.project.pk}/milestones",
        {"title": "Go-live", "planned_date": "9999-12-31"},
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    assert "01.01.1900" in response.json()["errors"]["planned_date"][0]


def test_multi_line_text_keeps_its_line_breaks(cast):
    response = _api_client(cast).patch(
        f"{API}/projects/{cast.project.pk}",
        {"version": cast.project.version, "description": "Erste Zeile\r\n\tZweite Zeile"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    cast.project.refresh_from_db()
    assert cast.project.description == "Erste Zeile\r\n\tZweite Zeile"


def test_huge_integer_in_a_body_is_a_422(cast):
    response = _api_client(cast).patch(
        f"{API}/projects/{cast.project.pk}",
        {"version": cast.project.version, "field_of_action": 2**63},
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    assert "field_of_action" in response.json()["errors"]


def _operations() -> list[tuple[str, str, dict]]:
    from lotse.api.urls import api

    schema = api.get_openapi_schema()
    return [
        (method, path, op)
        for path, methods in schema["paths"].items()
        for method, op in methods.items()
    ]


def _bad_urls(path: str, op: dict) -> list[str]:
    """The path with each parameter in turn replaced by a value the database cannot hold."""
    params = [p for p in op.get("parameters", []) if p["in"] in ("path", "query")]
    good = {"path": {}, "query": {}}
    for p in params:
        if p["in"] == "path":
            good["path"][p["name"]] = "1" if _kind(p["schema"]) == "int" else "potsdam"
    urls = []
    for p in params:
        kind = _kind(p["schema"])
        bad_values = [str(v) for v in HUGE] if kind == "int" else ["x\x00y", "x\x1by"]
        if kind not in ("int", "text", "date"):
            continue
        if kind == "date":
            bad_values = ["9999-12-31", "0001-01-01"]
        for bad in bad_values:
            values = dict(good["path"])
            query = ""
            if p["in"] == "path":
                values[p["name"]] = bad
            else:
                query = "?" + p["name"] + "=" + bad.replace("\x00", "%00").replace("\x1b", "%1B")
            url = re.sub(r"\{(\w+)\}", lambda m, v=values: v[m.group(1)], path)
            urls.append(url.replace("\x00", "%00").replace("\x1b", "%1B") + query)
    return urls


def test_no_path_or_query_parameter_gives_a_500(cast):
    client = _api_client(cast)
    failures = []
    checked = 0
    for method, path, op in _operations():
        for url in _bad_urls(path, op):
            send = getattr(client, method)
            response = (
                send(url, {}, content_type="application/json")
                if method in ("post", "put", "patch")
                else send(url)
            )
            checked += 1
            if response.status_code >= 500 or response.status_code not in (400, 404, 422):
                failures.append(f"{method.upper()} {url} → {response.status_code}")
    assert checked > 100
    assert failures == [], "\n".join(failures)
