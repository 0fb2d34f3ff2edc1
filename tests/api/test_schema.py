"""The OpenAPI schema and the docs page (which must work under our CSP: no inline script)."""

import json
import re

from django.contrib.staticfiles import finders
from django.test import Client

from lotse.portfolio.models import Stage

ROUTES = {
    ("get", "/api/v1/me"),
    ("get", "/api/v1/programmes"),
    ("get", "/api/v1/programmes/{slug}"),
    ("patch", "/api/v1/programmes/{slug}"),
    ("get", "/api/v1/programmes/{slug}/fields"),
    ("post", "/api/v1/programmes/{slug}/fields"),
    ("get", "/api/v1/fields/{field_id}"),
    ("patch", "/api/v1/fields/{field_id}"),
    ("get", "/api/v1/programmes/{slug}/projects"),
    ("post", "/api/v1/programmes/{slug}/projects"),
    ("get", "/api/v1/projects/{project_id}"),
    ("patch", "/api/v1/projects/{project_id}"),
    ("get", "/api/v1/org-units"),
    ("post", "/api/v1/org-units"),
    ("get", "/api/v1/org-units/{unit_id}"),
    ("patch", "/api/v1/org-units/{unit_id}"),
    ("get", "/api/v1/programmes/{slug}/goal-contributions"),
    ("put", "/api/v1/projects/{project_id}/goal-contributions/{goal_id}"),
    ("get", "/api/v1/projects/{project_id}/dependencies"),
    ("post", "/api/v1/projects/{project_id}/dependencies"),
    ("delete", "/api/v1/dependencies/{dependency_id}"),
}


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _schema(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def test_openapi_schema_lists_every_route(db):
    schema = _schema(db)
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Lotse API"
    routes = {
        (method, path)
        for path, ops in schema["paths"].items()
        for method, operation in ops.items()
        if "Portfolio" in operation["tags"]
    }
    assert routes == ROUTES
    tags = {tag for ops in schema["paths"].values() for op in ops.values() for tag in op["tags"]}
    assert {"Portfolio", "Berichte"} <= tags


def test_openapi_schema_is_consistent(db):
    schema = _schema(db)
    components = schema["components"]["schemas"]
    for ref in set(_refs(schema)):
        assert ref.startswith("#/components/schemas/"), ref
        assert ref.removeprefix("#/components/schemas/") in components, ref
    operation_ids = []
    for path, operations in schema["paths"].items():
        params = set(re.findall(r"{(\w+)}", path))
        for operation in operations.values():
            operation_ids.append(operation["operationId"])
            assert operation["responses"], path
            declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
            assert declared == params, path
            # Every endpoint needs a login: the session cookie or a token.
            assert operation["security"], path
    assert len(operation_ids) == len(set(operation_ids))
    schemes = schema["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}


def test_openapi_schema_documents_choices_and_errors(db):
    schema = _schema(db)
    components = schema["components"]["schemas"]
    stage = components["ProjectCreate"]["properties"]["stage"]
    assert stage["enum"] == list(Stage.values)
    assert components["ProjectPatch"]["required"] == ["version"]
    patch = schema["paths"]["/api/v1/projects/{project_id}"]["patch"]
    assert {"200", "401", "403", "404", "409", "422"} <= set(patch["responses"])


def test_docs_page_works_without_inline_script(db):
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp

    page = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, flags=re.S)
    assert scripts
    for attributes, content in scripts:
        if 'type="application/json"' in attributes:
            json.loads(content)  # data, not code: CSP does not apply
            continue
        source = re.search(r'src="([^"]+)"', attributes)
        assert source and not content.strip(), attributes
        assert source.group(1).startswith("/static/")
    assets = re.findall(r'(?:src|href)="/static/([^"]+)"', page)
    assert "ninja/swagger-ui-init.js" in assets
    for asset in assets:
        assert finders.find(asset), asset
    settings = json.loads(re.search(r'id="swagger-settings">(.*?)</script>', page, re.S).group(1))
    assert settings["url"] == "/api/v1/openapi.json"
    assert not re.search(r"\son[a-z]+\s*=", page)  # no inline event handlers either
