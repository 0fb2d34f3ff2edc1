"""The OpenAPI schema says what the API does: unreadable JSON (400) is declared wherever a
body is read, times and dates are described as the responses write them, bounds are stated."""

import json
import re

from django.test import Client

from lotse.api.guard import _nodes as _walk  # every dict in a JSON tree, depth first
from tests.governance.conftest import make_series

TIME = re.compile(r"^\d{2}:\d{2}:\d{2}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _schema() -> dict:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def _operations(schema: dict):
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            yield method, path, op


def test_every_operation_with_a_body_declares_400_for_unreadable_json(db):
    schema = _schema()
    missing = [
        f"{method.upper()} {path}"
        for method, path, op in _operations(schema)
        if "requestBody" in op and "400" not in op["responses"]
    ]
    assert missing == []


def test_unreadable_json_is_answered_with_the_declared_400(cast):
    client = cast.client("pmo")
    response = client.patch(
        f"/api/v1/projects/{cast.project.pk}", "{kaputt", content_type="application/json"
    )
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]


def test_every_integer_input_is_bounded(db):
    schema = _schema()
    unbounded = []
    for method, path, op in _operations(schema):
        for param in op.get("parameters", []):
            for node in _walk(param["schema"]):
                if node.get("type") == "integer" and not {"minimum", "maximum"} <= set(node):
                    unbounded.append(f"{method.upper()} {path} {param['name']}")
    components = schema["components"]["schemas"]
    inputs, queue = (
        set(),
        [
            n["$ref"]
            for *_, op in _operations(schema)
            for n in _walk(op.get("requestBody", {}))
            if "$ref" in n
        ],
    )
    while queue:
        name = queue.pop().rsplit("/", 1)[-1]
        if name not in inputs:
            inputs.add(name)
            queue += [n["$ref"] for n in _walk(components[name]) if "$ref" in n]
    assert len(inputs) > 30
    for name in sorted(inputs):
        for prop, node in components[name].get("properties", {}).items():
            for inner in _walk(node):
                if inner.get("type") == "integer" and not {"minimum", "maximum"} <= set(inner):
                    unbounded.append(f"{name}.{prop}")
    assert unbounded == []


def test_time_fields_are_described_as_the_responses_write_them(cast):
    """JSON Schema's `time` format is RFC 3339's full-time with an offset ("10:00:00+01:00");
    Lotse writes local times without one ("10:00:00"), and the schema must say so."""
    schema = _schema()
    time_nodes = [n for n in _walk(schema) if n.get("format") in ("time", "partial-time")]
    assert time_nodes, "the meeting series and meetings carry a start time"
    assert all(n.get("format") != "time" for n in time_nodes), "no offset is ever sent"
    patterns = {n["pattern"] for n in time_nodes}
    series = make_series(cast.programme)
    response = cast.client("pmo").get(f"/api/v1/meeting-series/{series.pk}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert all(re.match(p, body["start_time"]) for p in patterns), body["start_time"]
    assert TIME.match(body["start_time"])
    assert DATE.match(body["first_date"])


def test_date_bounds_are_stated_for_inputs(db):
    schema = json.dumps(_schema()["components"]["schemas"]["MilestoneCreate"])
    assert '"formatMinimum": "1900-01-01"' in schema and '"formatMaximum": "2200-12-31"' in schema
