"""Helpers for the API tests: JSON calls and a few extra objects next to the standard cast."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.test.utils import CaptureQueriesContext

from lotse.portfolio.models import Dependency
from lotse.portfolio.models import GoalContribution

from ..conftest import world_fixtures
from ..roles import ROLES

API = "/api/v1"

EVERYONE = dict.fromkeys(ROLES, 200) | {"anonymous": 401}
READERS = EVERYONE | {"outsider": 403}
NOBODY = dict.fromkeys(ROLES, 403) | {"anonymous": 401}


def office(ok: int) -> dict:
    """Only programme manager and PMO."""
    return NOBODY | {"programme_manager": ok, "pmo": ok}


def office_and_lead(ok: int) -> dict:
    """Programme manager, PMO and the lead of cast.project."""
    return office(ok) | {"project_lead": ok}


def call(client, method: str, path: str, body=None, **headers):
    """One JSON request; `path` is relative to /api/v1."""
    send = getattr(client, method.lower())
    if body is None:
        return send(API + path, headers=headers)
    return send(API + path, body, content_type="application/json", headers=headers)


def errors_of(response) -> dict:
    """The field errors of a refused write (422, "Ungültige Eingabe.")."""
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["detail"] == "Ungültige Eingabe."
    return body["errors"]


@dataclass
class Case:
    """One row of an access matrix: an endpoint and what each role gets from it."""

    name: str
    method: str
    path: Callable  # (cast, world) -> path below /api/v1
    expected: dict  # role -> status code
    body: Callable | None = None
    # For writes: did the change happen? Checked against the status code.
    happened: Callable | None = None


def own_and_other(
    name, method, path, ok, body=None, happened=None, *, sides, own=None, other=None
) -> list[Case]:
    """The same call on cast.project (office and its lead may, unless `own` says otherwise) and
    on cast.other_project (office only, unless `other`). `sides` is a pair of functions
    (cast, world) -> that project's side of the world; path, body and happened take a side and
    the world."""
    own_side, other_side = sides

    def case(label, side, expected):
        return Case(
            f"{name} ({label})",
            method,
            lambda c, w: path(side(c, w), w),
            expected,
            body=body and (lambda c, w: body(side(c, w), w)),
            happened=happened and (lambda c, w: happened(side(c, w), w)),
        )

    return [
        case("own project", own_side, own or office_and_lead(ok)),
        case("other project", other_side, other or office(ok)),
    ]


def check_access(cast, world, case: Case, role: str) -> None:
    """Call `case` as `role`: the status it expects, the write done exactly when allowed, and a
    refusal that says why."""
    body = case.body(cast, world) if case.body else None
    response = call(cast.client(role), case.method, case.path(cast, world), body)

    assert response.status_code == case.expected[role], response.content
    if case.happened is not None:
        assert case.happened(cast, world) == (response.status_code < 300)
    if response.status_code in (401, 403):
        assert response.json()["detail"]


def routes_of(module: str) -> set[tuple[str, str]]:
    """(method, path template) of every API route whose view lives in `module`."""
    from lotse.api.urls import api

    return {
        (method.upper(), path)
        for _prefix, router in api._routers
        for path, path_view in router.path_operations.items()
        for operation in path_view.operations
        if operation.view_func.__module__ == module
        for method in operation.methods
    }


def routes_covered(cases, templates: dict[str, str]) -> set[tuple[str, str]]:
    """(method, path template) of every case: the object ids of `templates` (see RouteIds), the
    cast's programme slug as {slug}, the query string left off."""
    ids = RouteIds(templates)
    return {
        (case.method, case.path(ids, ids).split("?")[0].replace("potsdam", "{slug}"))
        for case in cases
    }


class RouteIds:
    """Stands in for cast and world to turn a case's path into its route template: each object
    named in `templates` has its template as pk."""

    def __init__(self, templates: dict[str, str]):
        self._templates = templates

    def __getattr__(self, name: str):
        if name in self._templates:
            return _Template(self._templates[name])
        raise AttributeError(name)


@dataclass
class _Template:
    pk: str


def api_queries(client, path: str) -> int:
    """The queries of one GET of `path` (which must answer 200)."""
    with CaptureQueriesContext(connection) as context:
        response = call(client, "GET", path)
    assert response.status_code == 200, response.content
    return len(context.captured_queries)


@dataclass
class World:
    dependency_own: Dependency  # source is cast.project, which project_lead leads
    dependency_other: Dependency  # source is cast.other_project
    contribution: GoalContribution


def build_world(cast) -> World:
    own = Dependency.objects.create(
        source=cast.project, target=cast.other_project, kind=Dependency.Kind.NEEDS
    )
    other = Dependency.objects.create(
        source=cast.other_project, target=cast.project, kind=Dependency.Kind.BLOCKS
    )
    contribution = GoalContribution.objects.create(
        project=cast.project, strategic_goal=cast.goal, level=GoalContribution.Level.UNCLEAR
    )
    return World(own, other, contribution)


# world: built for the test; shared_world: built once for the module (see tests/conftest.py).
world, module_world, shared_world = world_fixtures(build_world)
