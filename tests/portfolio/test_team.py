import pytest
from django.urls import reverse

from lotse.accounts.models import ProgrammeRole
from lotse.accounts.models import ProjectRole
from tests.roles import ALL_ROLES
from tests.roles import OFFICE
from tests.roles import READERS
from tests.roles import page_status


def _team_url(cast):
    return reverse("portfolio:programme_team", args=[cast.programme.slug])


@pytest.mark.parametrize("role", ALL_ROLES)
def test_team_page_access(cast, role):
    response = cast.client(role).get(_team_url(cast))
    assert response.status_code == page_status(role, READERS)
    if response.status_code == 200:
        page = response.content.decode()
        assert ("Rolle im Programm vergeben" in page) == (role in OFFICE)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_grant_programme_role(cast, role):
    newcomer = cast.users["outsider"]
    data = {"programme-user": newcomer.pk, "programme-role": "viewer", "programme-org_unit": ""}
    response = cast.client(role).post(_team_url(cast), data)
    assert response.status_code == page_status(role, OFFICE, ok=302)
    granted = ProgrammeRole.objects.filter(user=newcomer, programme=cast.programme).exists()
    assert granted == (role in OFFICE)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_revoke_programme_role(cast, role):
    grant = ProgrammeRole.objects.get(user=cast.users["viewer"], programme=cast.programme)
    url = reverse("portfolio:programme_role_revoke", args=[cast.programme.slug, grant.pk])
    response = cast.client(role).post(url)
    assert response.status_code == page_status(role, OFFICE, ok=302)
    assert ProgrammeRole.objects.filter(pk=grant.pk).exists() == (role not in OFFICE)


def test_granted_role_gives_access_at_once(cast):
    newcomer = cast.users["outsider"]
    target = reverse("portfolio:target_picture", args=[cast.programme.slug])
    assert cast.client("outsider").get(target).status_code == 403
    data = {
        "project-project": cast.other_project.pk,
        "project-user": newcomer.pk,
        "project-role": "member",
    }
    assert cast.client("pmo").post(_team_url(cast), data).status_code == 302
    assert ProjectRole.objects.filter(user=newcomer, project=cast.other_project).exists()
    assert cast.client("outsider").get(target).status_code == 200


def test_change_manager_needs_an_org_unit(cast):
    data = {"programme-user": cast.users["outsider"].pk, "programme-role": "change_manager"}
    response = cast.client("pmo").post(_team_url(cast), data)
    assert response.status_code == 200
    assert "betreut einen Geschäftsbereich" in response.content.decode()
    assert not ProgrammeRole.objects.filter(user=cast.users["outsider"]).exists()


def test_project_role_of_another_programme_cannot_be_revoked_here(cast):
    from tests.factories import ProjectRoleFactory

    foreign = ProjectRoleFactory()
    url = reverse("portfolio:project_role_revoke", args=[cast.programme.slug, foreign.pk])
    assert cast.client("pmo").post(url).status_code == 404
    assert ProjectRole.objects.filter(pk=foreign.pk).exists()
