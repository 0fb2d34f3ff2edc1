from datetime import date

import pytest
from django.urls import reverse

from lotse.portfolio.models import Project
from lotse.portfolio.services import EditConflict
from lotse.portfolio.services import project_update


def _form_data(cast, **overrides):
    data = {
        "title": "Kommunalportal",
        "field_of_action": cast.field.pk,
        "stage": "running",
        "kind": "infrastructure",
        "method": "agile",
        "version": cast.project.version,
        "goals": "Alle Leistungen online\nMedienbruchfrei",
    }
    data.update(overrides)
    return data


def test_create_without_title_names_the_field_in_german(cast):
    url = reverse("portfolio:project_create", args=[cast.programme.slug])
    response = cast.client("pmo").post(url, _form_data(cast, title=""))
    assert response.status_code == 200
    assert "Bitte geben Sie einen Titel für das Projekt an." in response.content.decode()
    assert cast.programme.projects.count() == 2


def test_end_before_start_is_refused(cast):
    url = reverse("portfolio:project_create", args=[cast.programme.slug])
    data = _form_data(cast, title="Neu", planned_start="2025-06-01", planned_end="2025-01-01")
    response = cast.client("pmo").post(url, data)
    assert (
        "Das geplante Ende darf nicht vor dem geplanten Beginn liegen." in response.content.decode()
    )
    assert not Project.objects.filter(title="Neu").exists()


def test_field_of_another_programme_is_refused(cast):
    from tests.factories import FieldOfActionFactory

    foreign = FieldOfActionFactory()
    url = reverse("portfolio:project_create", args=[cast.programme.slug])
    response = cast.client("pmo").post(
        url, _form_data(cast, title="Neu", field_of_action=foreign.pk)
    )
    assert response.status_code == 200
    assert not Project.objects.filter(title="Neu").exists()


def test_a_project_cannot_become_its_own_grandchild(cast):
    child = Project.objects.create(
        programme=cast.programme, field_of_action=cast.field, title="Teil", parent=cast.project
    )
    url = reverse("portfolio:project_edit", args=[cast.project.pk])
    response = cast.client("pmo").post(url, _form_data(cast, parent=child.pk))
    assert "selbst ein Teilprojekt dieses Projekts" in response.content.decode()
    cast.project.refresh_from_db()
    assert cast.project.parent is None


def test_stale_version_is_a_conflict_not_an_overwrite(cast):
    url = reverse("portfolio:project_edit", args=[cast.project.pk])
    loaded_version = cast.project.version
    # Somebody else saves first.
    project_update(
        project=cast.project, data={"title": "Von Kollegin"}, expected_version=loaded_version
    )
    response = cast.client("pmo").post(
        url, _form_data(cast, title="Von mir", version=loaded_version)
    )
    assert response.status_code == 200
    assert "inzwischen von einer anderen Person geändert" in response.content.decode()
    cast.project.refresh_from_db()
    assert cast.project.title == "Von Kollegin"


def test_service_refuses_stale_version(cast):
    project_update(project=cast.project, data={"title": "A"}, expected_version=1)
    stale = Project.objects.get(pk=cast.project.pk)
    stale.version = 1
    with pytest.raises(EditConflict):
        project_update(project=stale, data={"title": "B"}, expected_version=1)


def test_lead_cannot_publish_or_reassign_lead(cast):
    url = reverse("portfolio:project_edit", args=[cast.project.pk])
    client = cast.client("project_lead")
    page = client.get(url).content.decode()
    assert 'name="published"' not in page
    assert 'name="lead"' not in page
    data = _form_data(cast, published="on", lead=cast.users["outsider"].pk)
    assert client.post(url, data).status_code == 302
    cast.project.refresh_from_db()
    assert cast.project.published is False
    assert cast.project.lead == cast.users["project_lead"]


def test_pmo_can_publish(cast):
    url = reverse("portfolio:project_edit", args=[cast.project.pk])
    data = _form_data(cast, published="on", lead=cast.users["project_lead"].pk)
    assert cast.client("pmo").post(url, data).status_code == 302
    cast.project.refresh_from_db()
    assert cast.project.published is True


def test_history_shows_who_changed_what(cast):
    url = reverse("portfolio:project_edit", args=[cast.project.pk])
    data = _form_data(
        cast, stage="paused", planned_start="2024-01-01", lead=cast.users["project_lead"].pk
    )
    cast.client("pmo").post(url, data)
    cast.project.refresh_from_db()
    assert cast.project.planned_start == date(2024, 1, 1)
    page = cast.client("viewer").get(cast.project.get_absolute_url()).content.decode()
    history = page[page.index("Änderungsverlauf") :]
    assert str(cast.users["pmo"]) in history  # who
    assert "Phase" in history and "Pausiert" in history  # what, as label not code
    assert "01.01.2024" in history  # German date


def test_goals_are_listed_one_per_line(cast):
    url = reverse("portfolio:project_edit", args=[cast.project.pk])
    cast.client("pmo").post(url, _form_data(cast, lead=cast.users["project_lead"].pk))
    page = cast.client("viewer").get(cast.project.get_absolute_url()).content.decode()
    assert "<li>Alle Leistungen online</li>" in page
    assert "<li>Medienbruchfrei</li>" in page
