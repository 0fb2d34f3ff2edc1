"""One convention for the whole API, read from its OpenAPI schema: every list is paginated
(`count`, `next`, `previous`, `items`; `page` and `page_size`), every operation has a clean,
unique snake_case id (`project_list`, not a module path), every `version` a request sends is
described, and the docs page says it is German."""

import re

from django.test import Client

from lotse.api_helpers import READ_VERSION

from .conftest import API
from .conftest import call

SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
PAGE_FIELDS = {"count", "next", "previous", "items"}


def _schema() -> dict:
    return Client().get(f"{API}/openapi.json").json()


def _resolve(schema: dict, node: dict) -> dict:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _ok_schema(schema: dict, operation: dict) -> dict | None:
    content = operation["responses"].get("200", {}).get("content", {})
    body = content.get("application/json", {}).get("schema")
    return _resolve(schema, body) if body else None


def test_every_list_operation_is_paginated_and_every_id_is_clean():
    schema = _schema()
    ids, lists, bare = [], [], []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            ids.append(operation["operationId"])
            body = _ok_schema(schema, operation)
            if body is None:
                continue
            if body.get("type") == "array" and method == "get":
                bare.append(f"{method.upper()} {path}")  # a write may answer what it wrote
            elif set(body.get("properties", {})) >= PAGE_FIELDS:
                lists.append((method, path, operation, body))
    assert bare == [], "Listen ohne Seiten"
    assert len(lists) >= 28
    for method, path, operation, body in lists:
        assert method == "get", path
        names = {p["name"] for p in operation.get("parameters", [])}
        assert {"page", "page_size"} <= names, path
        assert body["properties"]["items"]["type"] == "array", path
        assert set(body["required"]) >= {"count", "items"}, path
    bad = [i for i in ids if not SNAKE.match(i) or i.startswith("lotse_")]
    assert bad == []
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert duplicates == []
    assert "project_list" in ids


def _request_versions(schema: dict) -> dict[str, str | None]:
    """The description of every `version` a request sends, in its body (JSON or form) or
    query, by operation."""
    found = {}
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            where = f"{method.upper()} {path}"
            for content in operation.get("requestBody", {}).get("content", {}).values():
                for branch in content["schema"].get("anyOf", [content["schema"]]):
                    version = _resolve(schema, branch).get("properties", {}).get("version")
                    if version is not None:
                        found[where] = version.get("description")
            for parameter in operation.get("parameters", []):
                if parameter["name"] == "version":
                    found[f"{where}?version"] = parameter.get("description")
    return found


def test_every_version_a_request_sends_is_described():
    """The `version` a client sends back for optimistic locking says what it is and what a
    stale one gets, in the same words everywhere (`lotse.api_helpers.ReadVersion`,
    `ReadVersionOrNone`, `VERSION_PARAM`); only a `version` that means something else has
    its own words."""
    found = _request_versions(_schema())
    assert len(found) >= 30
    assert [where for where, description in found.items() if not description] == []
    assert sorted(where for where, text in found.items() if text != READ_VERSION) == [
        "GET /api/v1/attachments/{attachment_id}/download?version",  # which version to fetch
        "POST /api/v1/attachments/{attachment_id}/versions",  # a form field, stale: 422
        "POST /api/v1/cards/{card_id}/move",
        "PUT /api/v1/objectives/{objective_id}/review",  # empty the first time
    ]


def test_next_and_previous_keep_the_filters(cast):
    client = cast.client("pmo")
    path = f"/programmes/{cast.programme.slug}/projects?page_size=1&stage=idea"
    everything = call(client, "get", f"/programmes/{cast.programme.slug}/projects").json()
    assert everything["count"] == 2 and everything["next"] is None
    assert everything["previous"] is None
    first = call(client, "get", path.replace("&stage=idea", "")).json()
    assert first["count"] == 2 and len(first["items"]) == 1
    assert first["next"].startswith("http://testserver/api/v1/programmes/")
    assert "page=2" in first["next"] and "page_size=1" in first["next"]
    second = client.get(first["next"]).json()
    assert second["next"] is None and "page=1" in second["previous"]
    assert {first["items"][0]["id"], second["items"][0]["id"]} == {
        cast.project.pk,
        cast.other_project.pk,
    }


def test_docs_page_is_german():
    page = Client().get(f"{API}/docs").content.decode()
    assert '<html lang="de">' in page


def test_every_operation_names_its_id_and_every_query_parameter_is_described():
    from lotse.api.urls import api

    derived = [
        f"{operation.view_func.__module__}.{operation.view_func.__name__}"
        for _prefix, router in api._routers
        for path_view in router.path_operations.values()
        for operation in path_view.operations
        if not operation.operation_id
    ]
    assert derived == [], "Operationen ohne ausdrückliche operation_id"
    undescribed = [
        f"{operation['operationId']}: {parameter['name']}"
        for methods in _schema()["paths"].values()
        for operation in methods.values()
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "query" and not parameter.get("description", "").strip()
    ]
    assert undescribed == [], "Filter ohne Beschreibung"
    schema = _schema()
    parameters = {
        p["name"]: p
        for p in schema["paths"]["/api/v1/programmes/{slug}/projects"]["get"]["parameters"]
    }
    assert parameters["stage"]["description"] == "Nur Projekte in dieser Phase (Code)."
    assert parameters["page_size"]["description"].startswith("Einträge je Seite")
