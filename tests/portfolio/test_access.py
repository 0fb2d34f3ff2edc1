"""Every portfolio page, every role: exactly the access it should have."""

import pytest
from django.urls import reverse

from tests.access import assert_post_access
from tests.access import emptied
from tests.roles import ALL_ROLES
from tests.roles import OFFICE
from tests.roles import PROJECT_WRITERS
from tests.roles import READERS
from tests.roles import page_status

READ_PAGES = {
    "target_picture": lambda cast: reverse("portfolio:target_picture", args=[cast.programme.slug]),
    "project_list": lambda cast: reverse("portfolio:project_list", args=[cast.programme.slug]),
    "project_list_xlsx": lambda cast: reverse(
        "portfolio:project_list_xlsx", args=[cast.programme.slug]
    ),
    "goal_matrix": lambda cast: reverse("portfolio:goal_matrix", args=[cast.programme.slug]),
    "project_detail": lambda cast: reverse("portfolio:project_detail", args=[cast.project.pk]),
    "other_project_detail": lambda cast: reverse(
        "portfolio:project_detail", args=[cast.other_project.pk]
    ),
}

# The project form's pages and who may open them.
FORM_PAGES = {
    "project_create": (
        lambda cast: reverse("portfolio:project_create", args=[cast.programme.slug]),
        OFFICE,
    ),
    "project_edit_own_project": (
        lambda cast: reverse("portfolio:project_edit", args=[cast.project.pk]),
        OFFICE | {"project_lead"},
    ),
    "project_edit_other_project": (
        lambda cast: reverse("portfolio:project_edit", args=[cast.other_project.pk]),
        OFFICE,
    ),
}


def _project_form(cast, **values) -> dict:
    """The project form's fields: a running, agile infrastructure project in the cast's field."""
    defaults = {"stage": "running", "kind": "infrastructure", "method": "agile"}
    return {"field_of_action": cast.field.pk, **defaults, **values}


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("page", list(READ_PAGES))
def test_read_pages(cast, role, page):
    response = cast.client(role).get(READ_PAGES[page](cast))
    assert response.status_code == page_status(role, READERS)
    if role == "anonymous":
        assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("page", list(FORM_PAGES))
def test_form_pages(cast, role, page):
    url, allowed = FORM_PAGES[page]
    assert cast.client(role).get(url(cast)).status_code == page_status(role, allowed)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_project_create_post(cast, role):
    url = reverse("portfolio:project_create", args=[cast.programme.slug])
    data = _project_form(cast, title="Neues Vorhaben", stage="idea", kind="quick_win")
    created = cast.programme.projects.filter(title="Neues Vorhaben").exists
    assert_post_access(cast, role, url, data, OFFICE, created)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_project_edit_post(cast, role):
    url = reverse("portfolio:project_edit", args=[cast.project.pk])
    data = _project_form(cast, title="Kommunalportal 2.0", version=cast.project.version)
    renamed = cast.programme.projects.filter(pk=cast.project.pk, title="Kommunalportal 2.0").exists
    assert_post_access(cast, role, url, data, PROJECT_WRITERS, renamed)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_goal_matrix_post(cast, role):
    url = reverse("portfolio:goal_matrix", args=[cast.programme.slug])
    field = f"c-{cast.project.pk}-{cast.goal.pk}"
    contributes = cast.project.goal_contributions.exists
    assert_post_access(cast, role, url, {field: "contributes"}, OFFICE, contributes)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_dependency_add(cast, role):
    url = reverse("portfolio:dependency_add", args=[cast.project.pk])
    data = {"kind": "needs", "target": cast.other_project.pk, "note": ""}
    added = cast.project.dependencies_out.exists
    assert_post_access(cast, role, url, data, PROJECT_WRITERS, added)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_dependency_delete(cast, role):
    from lotse.portfolio.services import dependency_create

    dependency = dependency_create(source=cast.project, target=cast.other_project, kind="needs")
    url = reverse("portfolio:dependency_delete", args=[dependency.pk])
    deleted = emptied(cast.project.dependencies_out)
    assert_post_access(cast, role, url, None, PROJECT_WRITERS, deleted)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_profile_page(cast, role):
    response = cast.client(role).get(reverse("accounts:profile"))
    assert response.status_code == (302 if role == "anonymous" else 200)


def test_home_redirects_to_the_only_programme(cast):
    response = cast.client("viewer").get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse("portfolio:target_picture", args=[cast.programme.slug])


def test_home_without_roles_explains(cast):
    response = cast.client("outsider").get(reverse("home"))
    assert response.status_code == 200
    assert "noch kein Programm zugeordnet" in response.content.decode()


def test_role_on_parent_programme_holds_in_sub_programme(cast):
    from tests.factories import FieldOfActionFactory
    from tests.factories import ProgrammeFactory

    sub = ProgrammeFactory(parent=cast.programme, slug="teilprogramm")
    FieldOfActionFactory(programme=sub)
    url = reverse("portfolio:project_create", args=[sub.slug])
    assert cast.client("pmo").get(url).status_code == 200
    assert cast.client("viewer").get(url).status_code == 403
    assert (
        cast.client("outsider")
        .get(reverse("portfolio:target_picture", args=[sub.slug]))
        .status_code
        == 403
    )
