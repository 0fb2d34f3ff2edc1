"""Bad input: 400/422 with German messages per field, never 500, nothing half-written."""

import pytest

from lotse.portfolio.models import Dependency
from lotse.portfolio.models import GoalContribution
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Project

from ..factories import FieldOfActionFactory
from ..factories import OrgUnitFactory
from ..factories import ProgrammeFactory
from ..factories import ProjectFactory
from ..factories import StrategicGoalFactory
from ..factories import UserFactory
from .conftest import call
from .conftest import errors_of


@pytest.fixture
def pmo(cast):
    return cast.client("pmo")


def create_project(client, **fields):
    return call(client, "POST", "/programmes/potsdam/projects", fields)


def refused_new_project(client, **fields) -> dict:
    """The field errors of creating a project "Neu" with `fields`, which must be refused."""
    return errors_of(create_project(client, title="Neu", **fields))


def patch_project(client, project, **fields):
    """A PATCH of `project` at version 1 (the cast's projects have not changed yet)."""
    return call(client, "PATCH", f"/projects/{project.pk}", {"version": 1, **fields})


def test_project_title_missing_empty_or_too_long(cast, pmo):
    field = cast.field.pk
    assert errors_of(create_project(pmo, field_of_action=field)) == {
        "title": ["Dieses Feld ist erforderlich."]
    }
    assert errors_of(create_project(pmo, title="   ", field_of_action=field)) == {
        "title": ["Dieses Feld darf nicht leer sein."]
    }
    assert errors_of(create_project(pmo, title="x" * 201, field_of_action=field)) == {
        "title": ["Bitte geben Sie höchstens 200 Zeichen an."]
    }
    assert create_project(pmo, title="x" * 200, field_of_action=field).status_code == 201


def test_project_unknown_references_name_their_field(cast, pmo):
    errors = refused_new_project(
        pmo, field_of_action=9999, org_unit=9998, lead=9997, change_manager=9996, parent=9995
    )
    assert errors == {
        "field_of_action": ["Ein Themenfeld mit der Id 9999 gibt es nicht."],
        "org_unit": ["Eine Organisationseinheit mit der Id 9998 gibt es nicht."],
        "lead": ["Eine aktive Person mit der Id 9997 gibt es nicht."],
        "change_manager": ["Eine aktive Person mit der Id 9996 gibt es nicht."],
        "parent": ["Ein Projekt mit der Id 9995 gibt es nicht."],
    }
    assert not Project.objects.filter(title="Neu").exists()


def test_project_inactive_person_cannot_lead(cast, pmo):
    gone = UserFactory(username="ausgeschieden", is_active=False)
    errors = refused_new_project(pmo, field_of_action=cast.field.pk, lead=gone.pk)
    assert list(errors) == ["lead"]


def test_project_references_into_another_programme(cast, pmo):
    foreign_field = FieldOfActionFactory(programme=ProgrammeFactory())
    foreign_project = ProjectFactory(field_of_action=foreign_field)

    errors = refused_new_project(pmo, field_of_action=foreign_field.pk)
    assert errors == {"field_of_action": ["Das Themenfeld gehört nicht zu diesem Programm."]}

    errors = errors_of(patch_project(pmo, cast.project, parent=foreign_project.pk))
    assert errors == {"parent": ["Das übergeordnete Projekt gehört zu einem anderen Programm."]}


def test_project_cannot_be_its_own_parent(cast, pmo):
    errors = errors_of(patch_project(pmo, cast.project, parent=cast.project.pk))
    assert list(errors) == ["parent"]


def test_project_end_before_start(cast, pmo):
    errors = refused_new_project(
        pmo, field_of_action=cast.field.pk, planned_start="2026-03-01", planned_end="2026-02-01"
    )
    assert errors == {
        "planned_end": ["Das geplante Ende darf nicht vor dem geplanten Beginn liegen."]
    }

    # Against the stored start date when only the end is sent.
    Project.objects.filter(pk=cast.project.pk).update(planned_start="2026-03-01")
    errors = errors_of(patch_project(pmo, cast.project, planned_end="2026-01-31"))
    assert list(errors) == ["planned_end"]


def test_project_choice_codes_and_types(cast, pmo):
    errors = refused_new_project(
        pmo,
        field_of_action="eins",
        stage="laufend",
        kind="quick win",
        method=None,
        planned_start="1.3.2026",
        published="vielleicht",
        surprise=True,
    )
    assert errors["field_of_action"] == ["Bitte geben Sie eine ganze Zahl an."]
    assert errors["stage"][0].startswith("Unbekannter Wert. Erlaubt sind: 'idea', 'planning'")
    assert "'running'" in errors["stage"][0]
    assert errors["kind"][0].startswith("Unbekannter Wert.")
    assert errors["method"][0].startswith("Unbekannter Wert.")
    assert errors["planned_start"] == ["Bitte geben Sie ein Datum im Format JJJJ-MM-TT an."]
    assert errors["published"] == ["Bitte geben Sie true oder false an."]
    assert errors["surprise"] == ["Dieses Feld gibt es nicht oder es ist nicht änderbar."]


def test_project_patch_needs_version_and_refuses_null_for_required_fields(cast, pmo):
    errors = errors_of(
        call(pmo, "PATCH", f"/projects/{cast.project.pk}", {"title": None, "stage": None})
    )
    assert errors == {
        "version": ["Dieses Feld ist erforderlich."],
        "title": ["Bitte geben Sie einen Text an."],
        "stage": [errors["stage"][0]],
    }
    # Optional references may be cleared with null.
    Project.objects.filter(pk=cast.project.pk).update(org_unit=cast.org_unit)
    response = patch_project(pmo, cast.project, org_unit=None)
    assert response.status_code == 200
    assert response.json()["org_unit"] is None


def test_project_stale_version_is_409_and_changes_nothing(cast, pmo):
    path = f"/projects/{cast.project.pk}"
    assert call(pmo, "PATCH", path, {"version": 1, "title": "Erste Änderung"}).status_code == 200

    response = call(cast.client("project_lead"), "PATCH", path, {"version": 1, "title": "Zweite"})

    assert response.status_code == 409
    assert response.json()["detail"] == (
        "„Erste Änderung“ wurde inzwischen von einer anderen Person geändert. Bitte laden Sie "
        "die Seite neu und übernehmen Sie Ihre Änderungen erneut."
    )
    cast.project.refresh_from_db()
    assert (cast.project.title, cast.project.version) == ("Erste Änderung", 2)
    response = call(pmo, "PATCH", path, {"version": 2, "title": "Zweite"})
    assert (response.status_code, response.json()["version"]) == (200, 3)


@pytest.mark.parametrize("body", ["{kaputt", "[1, 2", "{'title': 'x'}"])
def test_unreadable_json_is_400(cast, pmo, body):
    response = pmo.post(
        "/api/v1/programmes/potsdam/projects", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "Der Inhalt der Anfrage ist kein gültiges JSON."}


@pytest.mark.parametrize("body", ["", "[]", '"Titel"', "null", "42"])
def test_json_that_is_no_object_is_422(cast, pmo, body):
    response = pmo.post(
        "/api/v1/programmes/potsdam/projects", body, content_type="application/json"
    )
    assert errors_of(response) == {"__all__": ["Bitte senden Sie ein JSON-Objekt."]}


def test_programme_patch_validation(cast, pmo):
    path = "/programmes/potsdam"
    errors = errors_of(
        call(
            pmo, "PATCH", path, {"version": 1, "start_date": "2026-05-01", "end_date": "2026-04-30"}
        )
    )
    assert errors == {"end_date": ["Das Ende darf nicht vor dem Beginn liegen."]}
    errors = errors_of(
        call(pmo, "PATCH", path, {"version": 1, "strategic_goals": [cast.goal.pk, 999]})
    )
    assert errors == {"strategic_goals": ["Strategische Ziele mit diesen Ids gibt es nicht: 999"]}
    errors = errors_of(call(pmo, "PATCH", path, {"version": 1, "name": ""}))
    assert list(errors) == ["name"]
    errors = errors_of(call(pmo, "PATCH", path, {"version": 1, "slug": "neu"}))
    assert list(errors) == ["slug"]
    assert call(pmo, "PATCH", path, {"version": 7, "name": "Neu"}).status_code == 409

    goal = StrategicGoalFactory(name="Moderne Verwaltung")
    response = call(pmo, "PATCH", path, {"version": 1, "strategic_goals": [goal.pk]})
    assert response.status_code == 200
    assert response.json()["strategic_goals"] == [{"id": goal.pk, "name": "Moderne Verwaltung"}]
    assert response.json()["version"] == 2


def test_field_of_action_validation(cast, pmo):
    path = "/programmes/potsdam/fields"
    assert errors_of(call(pmo, "POST", path, {"name": "Digitaler Bürgerservice"})) == {
        "name": ["Ein Themenfeld mit diesem Namen gibt es in diesem Programm bereits."]
    }
    errors = errors_of(call(pmo, "POST", path, {"name": "Neu", "impact": "seitwärts", "order": -1}))
    assert set(errors) == {"impact", "order"}
    assert errors_of(call(pmo, "POST", path, {})) == {"name": ["Dieses Feld ist erforderlich."]}

    other = call(pmo, "POST", path, {"name": "Digitale Infrastruktur", "impact": "inward"})
    assert other.status_code == 201
    assert other.json()["impact_label"] == "Wirkung primär nach innen"
    errors = errors_of(
        call(
            pmo,
            "PATCH",
            f"/fields/{other.json()['id']}",
            {"version": 1, "name": "Digitaler Bürgerservice"},
        )
    )
    assert list(errors) == ["name"]
    response = call(pmo, "PATCH", f"/fields/{cast.field.pk}", {"version": 2, "summary": "x"})
    assert response.status_code == 409


def test_org_unit_validation(cast, pmo):
    errors = errors_of(call(pmo, "POST", "/org-units", {"code": "GB 9", "name": "Doppelt"}))
    assert list(errors) == ["code"]
    errors = errors_of(
        call(
            pmo, "POST", "/org-units", {"code": "", "name": "x", "kind": "abteilung", "parent": 999}
        )
    )
    assert set(errors) == {"code", "kind"}
    errors = errors_of(
        call(pmo, "POST", "/org-units", {"code": "FB 1", "name": "x", "parent": 999})
    )
    assert errors == {"parent": ["Eine Organisationseinheit mit der Id 999 gibt es nicht."]}

    child = OrgUnitFactory(code="FB 91", parent=cast.org_unit)
    errors = errors_of(call(pmo, "PATCH", f"/org-units/{cast.org_unit.pk}", {"parent": child.pk}))
    assert errors == {"parent": ["Eine Einheit kann nicht unter sich selbst eingeordnet werden."]}
    assert OrgUnit.objects.get(pk=cast.org_unit.pk).parent is None


def test_goal_contribution_validation(cast, pmo):
    path = f"/projects/{cast.project.pk}/goal-contributions/{cast.goal.pk}"
    errors = errors_of(call(pmo, "PUT", path, {"level": "sehr"}))
    assert list(errors) == ["level"]
    assert errors_of(call(pmo, "PUT", path, {})) == {"level": ["Dieses Feld ist erforderlich."]}

    unrelated = StrategicGoalFactory(name="Nicht im Programm")
    errors = errors_of(
        call(
            pmo,
            "PUT",
            f"/projects/{cast.project.pk}/goal-contributions/{unrelated.pk}",
            {"level": "contributes"},
        )
    )
    assert errors == {"strategic_goal": ["Dieses Ziel ist dem Programm nicht zugeordnet."]}
    assert not GoalContribution.objects.exists()


def test_goal_contribution_set_change_and_remove(cast, pmo):
    path = f"/projects/{cast.project.pk}/goal-contributions/{cast.goal.pk}"
    response = call(pmo, "PUT", path, {"level": "unclear", "note": "Rücksprache"})
    assert response.status_code == 200
    assert response.json() | {"id": 0} == {
        "id": 0,
        "project": cast.project.pk,
        "strategic_goal": cast.goal.pk,
        "strategic_goal_name": "Digitales Potsdam",
        "level": "unclear",
        "level_label": "zu klären",
        "note": "Rücksprache",
    }
    assert call(pmo, "PUT", path, {"level": "contributes"}).json()["level"] == "contributes"
    for empty in ("", None):
        response = call(pmo, "PUT", path, {"level": empty})
        assert response.status_code == 204
        assert not GoalContribution.objects.exists()


def test_dependency_validation(cast, world, pmo):
    path = f"/projects/{cast.project.pk}/dependencies"
    errors = errors_of(call(pmo, "POST", path, {"target": cast.project.pk, "kind": "needs"}))
    assert errors == {"target": ["Ein Projekt kann nicht von sich selbst abhängen."]}
    errors = errors_of(call(pmo, "POST", path, {"target": cast.other_project.pk, "kind": "needs"}))
    assert errors == {"target": ["Diese Abhängigkeit ist bereits erfasst."]}
    errors = errors_of(call(pmo, "POST", path, {"target": cast.other_project.pk, "kind": "hilft"}))
    assert list(errors) == ["kind"]
    errors = errors_of(call(pmo, "POST", path, {"kind": "needs"}))
    assert errors == {"target": ["Dieses Feld ist erforderlich."]}

    foreign = ProjectFactory()
    for target in (foreign.pk, 99999):
        errors = errors_of(call(pmo, "POST", path, {"target": target, "kind": "synergy"}))
        assert errors == {
            "target": [f"Ein Projekt mit der Id {target} gibt es in diesem Programm nicht."]
        }
    assert Dependency.objects.count() == 2


def test_list_filters_are_validated(cast):
    client = cast.client("viewer")
    base = "/programmes/potsdam/projects"
    errors = errors_of(call(client, "GET", base + "?stage=laufend&sort=zufall&field=x&page=0"))
    assert set(errors) == {"stage", "sort", "field", "page"}
    assert errors["page"] == ["Der Wert muss mindestens 1 sein."]
