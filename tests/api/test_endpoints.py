"""What the endpoints return and change, beyond who may call them."""

import pytest

from lotse.portfolio.models import Dependency
from lotse.portfolio.models import Project

from ..factories import OrgUnitFactory
from ..factories import ProjectFactory
from ..factories import UserFactory
from .conftest import call


def test_me_lists_programme_and_project_roles(cast):
    member = call(cast.client("member"), "GET", "/me").json()
    assert member["username"] == "member"
    assert member["programme_roles"] == []
    assert [(r["project"], r["role"]) for r in member["project_roles"]] == [
        (cast.project.pk, "member")
    ]
    cm = call(cast.client("change_manager"), "GET", "/me").json()
    assert cm["programme_roles"] == [
        {
            "programme": cast.programme.pk,
            "programme_slug": "potsdam",
            "programme_name": "Potsdam smart",
            "role": "change_manager",
            "role_label": "Business Change Manager",
        }
    ]


def test_programme_detail(cast):
    body = call(cast.client("viewer"), "GET", "/programmes/potsdam").json()
    assert body["name"] == "Potsdam smart"
    assert body["strategic_goals"] == [{"id": cast.goal.pk, "name": "Digitales Potsdam"}]
    assert body["can_edit"] is False
    assert call(cast.client("pmo"), "GET", "/programmes/potsdam").json()["can_edit"] is True


def test_project_detail_output(cast):
    lead = cast.users["project_lead"]
    lead.display_name = "Paula Lead"
    lead.save()
    Project.objects.filter(pk=cast.project.pk).update(
        org_unit=cast.org_unit, stage="running", kind="quick_win", planned_start="2026-01-15"
    )
    body = call(cast.client("member"), "GET", f"/projects/{cast.project.pk}").json()
    expected = {
        "id": cast.project.pk,
        "programme": cast.programme.pk,
        "programme_slug": "potsdam",
        "title": "Kommunalportal",
        "field_of_action": cast.field.pk,
        "field_of_action_name": "Digitaler Bürgerservice",
        "parent": None,
        "parent_title": None,
        "org_unit": cast.org_unit.pk,
        "org_unit_name": "GB 9 – Geschäftsbereich Oberbürgermeister",
        "lead": lead.pk,
        "lead_name": "Paula Lead",
        "change_manager": None,
        "stage": "running",
        "stage_label": "In Umsetzung",
        "kind": "quick_win",
        "kind_label": "Quick Win",
        "method": "agile",
        "method_label": "agil",
        "planned_start": "2026-01-15",
        "planned_end": None,
        "published": False,
        "version": 1,
        "can_edit": False,
    }
    assert {key: body[key] for key in expected} == expected


def test_project_create_and_patch_round_trip(cast):
    client = cast.client("programme_manager")
    unit = OrgUnitFactory()
    person = UserFactory()
    created = call(
        client,
        "POST",
        "/programmes/potsdam/projects",
        {
            "title": "  Digitale Akte  ",
            "short_name": "E-Akte",
            "field_of_action": cast.field.pk,
            "parent": cast.project.pk,
            "org_unit": unit.pk,
            "lead": person.pk,
            "stage": "planning",
            "planned_start": "2026-01-01",
            "planned_end": "2026-12-31",
            "goals": "Papier ablösen\nSchneller bearbeiten",
            "published": True,
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["title"] == "Digitale Akte"
    assert (body["parent_title"], body["lead"], body["stage_label"]) == (
        "Kommunalportal",
        person.pk,
        "Projektplanung",
    )

    # What GET returns can be sent back with PATCH unchanged.
    fetched = call(client, "GET", f"/projects/{body['id']}").json()
    editable = [
        "version", "title", "short_name", "description", "goals", "field_of_action", "parent",
        "org_unit", "lead", "change_manager", "stage", "kind", "method", "planned_start",
        "planned_end", "published",
    ]  # fmt: skip
    patch = {key: fetched[key] for key in editable} | {"stage": "running"}
    response = call(client, "PATCH", f"/projects/{body['id']}", patch)
    assert response.status_code == 200, response.content
    assert (response.json()["stage"], response.json()["version"]) == ("running", 2)
    project = Project.objects.get(pk=body["id"])
    assert project.history.count() == 2
    assert project.goal_list == ["Papier ablösen", "Schneller bearbeiten"]


@pytest.fixture
def listed(cast):
    unit = OrgUnitFactory(code="FB 20")
    lead = UserFactory(last_name="Albrecht")
    ProjectFactory(
        field_of_action=cast.field, title="Zentrale Vergabe", short_name="ZV", stage="running",
        kind="quick_win", org_unit=unit, lead=lead,
    )  # fmt: skip
    ProjectFactory(field_of_action=cast.field, title="Archiv", stage="completed")
    return unit, lead


@pytest.mark.parametrize(
    "query, titles, count",
    [
        ("", ["Archiv", "Beteiligungsportal", "Kommunalportal", "Zentrale Vergabe"], 4),
        ("?sort=-title", ["Zentrale Vergabe", "Kommunalportal", "Beteiligungsportal", "Archiv"], 4),
        ("?stage=running", ["Zentrale Vergabe"], 1),
        ("?kind=quick_win", ["Zentrale Vergabe"], 1),
        ("?q=portal", ["Beteiligungsportal", "Kommunalportal"], 2),
        ("?q=zv", ["Zentrale Vergabe"], 1),
        ("?page_size=2", ["Archiv", "Beteiligungsportal"], 4),
        ("?page_size=2&page=2", ["Kommunalportal", "Zentrale Vergabe"], 4),
    ],
)
def test_project_list_filters_sort_and_pages(cast, listed, query, titles, count):
    body = call(cast.client("viewer"), "GET", "/programmes/potsdam/projects" + query).json()
    assert [p["title"] for p in body["items"]] == titles
    assert body["count"] == count


def test_project_list_filters_by_ids(cast, listed):
    unit, lead = listed
    client = cast.client("viewer")
    for query in (f"?org_unit={unit.pk}", f"?lead={lead.pk}"):
        titles = [
            p["title"]
            for p in call(client, "GET", "/programmes/potsdam/projects" + query).json()["items"]
        ]
        assert titles == ["Zentrale Vergabe"], query
    body = call(client, "GET", f"/programmes/potsdam/projects?field={cast.field.pk}").json()
    assert body["count"] == 4


def test_org_units_list_and_change(cast):
    client = cast.client("programme_manager")
    created = call(
        client, "POST", "/org-units",
        {"code": "FB 11", "name": "Fachbereich Bürgerservice", "kind": "department",
         "parent": cast.org_unit.pk},
    )  # fmt: skip
    assert created.status_code == 201
    assert created.json() | {"id": 0} == {
        "id": 0,
        "code": "FB 11",
        "name": "Fachbereich Bürgerservice",
        "kind": "department",
        "kind_label": "Fachbereich",
        "parent": cast.org_unit.pk,
    }
    units = call(cast.client("outsider"), "GET", "/org-units").json()["items"]
    assert [u["code"] for u in units] == ["FB 11", "GB 9"]
    response = call(client, "PATCH", f"/org-units/{created.json()['id']}", {"parent": None})
    assert response.json()["parent"] is None


def test_dependencies_list_both_directions_and_delete(cast, world):
    client = cast.client("member")
    listed = call(client, "GET", f"/projects/{cast.project.pk}/dependencies").json()["items"]
    assert [(d["source_title"], d["kind_label"], d["target_title"]) for d in listed] == [
        ("Beteiligungsportal", "blockiert", "Kommunalportal"),
        ("Kommunalportal", "benötigt", "Beteiligungsportal"),
    ]
    assert {d["can_delete"] for d in listed} == {False}

    lead = cast.client("project_lead")
    created = call(
        lead,
        "POST",
        f"/projects/{cast.project.pk}/dependencies",
        {"target": cast.other_project.pk, "kind": "synergy", "note": "gleiche Plattform"},
    )
    assert created.status_code == 201
    assert created.json()["can_delete"] is True
    assert call(lead, "DELETE", f"/dependencies/{created.json()['id']}").status_code == 204
    assert not Dependency.objects.filter(kind="synergy").exists()


def test_goal_contribution_list(cast, world):
    body = call(cast.client("viewer"), "GET", "/programmes/potsdam/goal-contributions").json()
    assert body["count"] == 1
    assert body["items"][0]["level_label"] == "zu klären"


def test_superuser_sees_and_changes_everything(cast):
    boss = UserFactory(username="admin", is_superuser=True, is_staff=True)
    from django.test import Client

    client = Client()
    client.force_login(boss)
    assert [p["slug"] for p in call(client, "GET", "/programmes").json()["items"]] == ["potsdam"]
    response = call(client, "PATCH", f"/projects/{cast.project.pk}", {"version": 1, "title": "S"})
    assert response.status_code == 200
