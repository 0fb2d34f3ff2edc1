"""Who may call which endpoint: every endpoint × every role of the cast, and anonymous.

A write that is refused must also leave the data unchanged; a write that is allowed must
have happened. Removing any permission check in lotse/portfolio/api.py fails a case here.
"""

from dataclasses import dataclass
from functools import partial

import pytest

from lotse.portfolio.models import Dependency
from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import GoalContribution
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project

from ..roles import ROLES
from .conftest import EVERYONE
from .conftest import READERS
from .conftest import Case
from .conftest import call
from .conftest import check_access
from .conftest import office
from .conftest import own_and_other as api_own_and_other
from .conftest import routes_covered
from .conftest import routes_of


@dataclass
class Side:
    """cast.project's side of the world (its lead is project_lead) or the other project's."""

    project: Project
    partner: Project  # the project a new dependency points to
    dependency: Dependency  # one going out of `project`


SIDES = (
    lambda c, w: Side(c.project, c.other_project, w.dependency_own),
    lambda c, w: Side(c.other_project, c.project, w.dependency_other),
)
own_and_other = partial(api_own_and_other, sides=SIDES)

CASES = [
    Case("me", "GET", lambda c, w: "/me", EVERYONE),
    Case("programme list", "GET", lambda c, w: "/programmes", EVERYONE),
    Case("programme detail", "GET", lambda c, w: "/programmes/potsdam", READERS),
    Case(
        "programme patch",
        "PATCH",
        lambda c, w: "/programmes/potsdam",
        office(200),
        body=lambda c, w: {"version": 1, "description": "Neu beschrieben"},
        happened=lambda c, w: (
            Programme.objects.get(pk=c.programme.pk).description == "Neu beschrieben"
        ),
    ),
    Case("field list", "GET", lambda c, w: "/programmes/potsdam/fields", READERS),
    Case(
        "field create",
        "POST",
        lambda c, w: "/programmes/potsdam/fields",
        office(201),
        body=lambda c, w: {"name": "Digitale Verwaltung"},
        happened=lambda c, w: FieldOfAction.objects.filter(name="Digitale Verwaltung").exists(),
    ),
    Case("field detail", "GET", lambda c, w: f"/fields/{c.field.pk}", READERS),
    Case(
        "field patch",
        "PATCH",
        lambda c, w: f"/fields/{c.field.pk}",
        office(200),
        body=lambda c, w: {"version": 1, "summary": "Kurz gefasst"},
        happened=lambda c, w: FieldOfAction.objects.get(pk=c.field.pk).summary == "Kurz gefasst",
    ),
    Case("project list", "GET", lambda c, w: "/programmes/potsdam/projects", READERS),
    Case(
        "project create",
        "POST",
        lambda c, w: "/programmes/potsdam/projects",
        office(201),
        body=lambda c, w: {"title": "Neues Projekt", "field_of_action": c.field.pk},
        happened=lambda c, w: Project.objects.filter(title="Neues Projekt").exists(),
    ),
    Case("project detail", "GET", lambda c, w: f"/projects/{c.project.pk}", READERS),
    *own_and_other(
        "project patch",
        "PATCH",
        lambda s, w: f"/projects/{s.project.pk}",
        200,
        body=lambda s, w: {"version": 1, "title": "Umbenannt 2.0"},
        happened=lambda s, w: Project.objects.get(pk=s.project.pk).title == "Umbenannt 2.0",
    ),
    Case("org unit list", "GET", lambda c, w: "/org-units", EVERYONE),
    Case(
        "org unit create",
        "POST",
        lambda c, w: "/org-units",
        office(201),
        body=lambda c, w: {"code": "FB 42", "name": "Fachbereich Digitales"},
        happened=lambda c, w: OrgUnit.objects.filter(code="FB 42").exists(),
    ),
    Case("org unit detail", "GET", lambda c, w: f"/org-units/{c.org_unit.pk}", EVERYONE),
    Case(
        "org unit patch",
        "PATCH",
        lambda c, w: f"/org-units/{c.org_unit.pk}",
        office(200),
        body=lambda c, w: {"name": "Umbenannt"},
        happened=lambda c, w: OrgUnit.objects.get(pk=c.org_unit.pk).name == "Umbenannt",
    ),
    Case(
        "goal contribution list",
        "GET",
        lambda c, w: "/programmes/potsdam/goal-contributions",
        READERS,
    ),
    Case(
        "goal contribution put",
        "PUT",
        lambda c, w: f"/projects/{c.project.pk}/goal-contributions/{c.goal.pk}",
        office(200),
        body=lambda c, w: {"level": "contributes"},
        happened=lambda c, w: (
            GoalContribution.objects.get(pk=w.contribution.pk).level == "contributes"
        ),
    ),
    Case("dependency list", "GET", lambda c, w: f"/projects/{c.project.pk}/dependencies", READERS),
    *own_and_other(
        "dependency create",
        "POST",
        lambda s, w: f"/projects/{s.project.pk}/dependencies",
        201,
        body=lambda s, w: {"target": s.partner.pk, "kind": "synergy"},
        happened=lambda s, w: Dependency.objects.filter(source=s.project, kind="synergy").exists(),
    ),
    *own_and_other(
        "dependency delete",
        "DELETE",
        lambda s, w: f"/dependencies/{s.dependency.pk}",
        204,
        happened=lambda s, w: not Dependency.objects.filter(pk=s.dependency.pk).exists(),
    ),
]


def test_every_route_is_in_the_matrix():
    templates = {
        "field": "{field_id}",
        "project": "{project_id}",
        "other_project": "{project_id}",
        "org_unit": "{unit_id}",
        "goal": "{goal_id}",
        "dependency_own": "{dependency_id}",
        "dependency_other": "{dependency_id}",
    }
    assert routes_of("lotse.portfolio.api") == routes_covered(CASES, templates)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_access(cast, shared_world, case, role):
    check_access(cast, shared_world, case, role)


def test_outsider_sees_no_programmes(cast):
    response = call(cast.client("outsider"), "GET", "/programmes")
    assert response.json()["items"] == []
    response = call(cast.client("viewer"), "GET", "/programmes")
    assert [p["slug"] for p in response.json()["items"]] == ["potsdam"]


def test_unknown_objects_are_404_for_everybody(cast, shared_world):
    paths = [
        ("GET", "/programmes/nope"),
        ("PATCH", "/programmes/nope"),
        ("GET", "/programmes/nope/projects"),
        ("GET", "/fields/9999"),
        ("PATCH", "/fields/9999"),
        ("GET", "/projects/9999"),
        ("PATCH", "/projects/9999"),
        ("GET", "/org-units/9999"),
        ("PATCH", "/org-units/9999"),
        ("GET", "/projects/9999/dependencies"),
        ("DELETE", "/dependencies/9999"),
        ("PUT", f"/projects/{cast.project.pk}/goal-contributions/9999"),
    ]
    bodies = {"PATCH": {"version": 1}, "PUT": {"level": "contributes"}}
    for role in ("programme_manager", "outsider"):
        client = cast.client(role)
        for method, path in paths:
            if role == "outsider" and "goal-contributions" in path:
                continue  # the project exists; the outsider may not see it (403)
            body = {} if path.startswith("/org-units") else bodies.get(method)
            response = call(client, method, path, body)
            assert response.status_code == 404, (role, method, path)
            assert response.json() == {"detail": "Nicht gefunden."}


def test_lead_may_not_publish_or_reassign_own_project(cast):
    client = cast.client("project_lead")
    path = f"/projects/{cast.project.pk}"

    response = call(client, "PATCH", path, {"version": 1, "published": True})
    assert response.status_code == 403
    assert "published" in response.json()["detail"]
    response = call(client, "PATCH", path, {"version": 1, "lead": cast.users["member"].pk})
    assert response.status_code == 403
    assert "lead" in response.json()["detail"]
    cast.project.refresh_from_db()
    assert (cast.project.published, cast.project.lead) == (False, cast.users["project_lead"])

    # Sending back the unchanged values (a full round trip of GET → PATCH) is fine.
    unchanged = {"published": False, "lead": cast.users["project_lead"].pk}
    response = call(client, "PATCH", path, {"version": 1, "stage": "planning", **unchanged})
    assert response.status_code == 200, response.content
    assert response.json()["stage"] == "planning"


def test_programme_manager_may_publish_and_reassign(cast):
    member = cast.users["member"]
    response = call(
        cast.client("pmo"),
        "PATCH",
        f"/projects/{cast.project.pk}",
        {"version": 1, "published": True, "lead": member.pk},
    )
    assert response.status_code == 200, response.content
    assert (response.json()["published"], response.json()["lead"]) == (True, member.pk)


def test_can_edit_flags_follow_the_rules(cast, shared_world):
    def flags(role):
        response = call(cast.client(role), "GET", "/programmes/potsdam/projects")
        return {p["title"]: p["can_edit"] for p in response.json()["items"]}

    assert flags("project_lead") == {"Kommunalportal": True, "Beteiligungsportal": False}
    assert flags("pmo") == {"Kommunalportal": True, "Beteiligungsportal": True}
    assert flags("viewer") == {"Kommunalportal": False, "Beteiligungsportal": False}

    response = call(cast.client("project_lead"), "GET", f"/projects/{cast.project.pk}/dependencies")
    can_delete = {d["id"]: d["can_delete"] for d in response.json()["items"]}
    assert can_delete == {
        shared_world.dependency_own.pk: True,
        shared_world.dependency_other.pk: False,
    }
