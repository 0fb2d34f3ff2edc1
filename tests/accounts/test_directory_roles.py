"""Group-to-role mapping and its synchronisation (the part both LDAP and OIDC logins use)."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from lotse.accounts.models import DirectoryGroupRole
from lotse.accounts.models import ProgrammeRole
from lotse.accounts.models import ProjectRole
from lotse.accounts.models import RoleSource
from lotse.accounts.services import directory_roles_sync
from tests.factories import UserFactory


def test_project_roles_follow_the_groups(cast):
    person = UserFactory(username="dora")
    DirectoryGroupRole.objects.create(
        group="Team-Projekt-A", project=cast.project, project_role="member"
    )
    result = directory_roles_sync(user=person, groups=["team-projekt-a", "andere"])
    assert len(result.granted) == 1 and not result.removed
    grant = ProjectRole.objects.get(user=person)
    assert (grant.source, grant.source_group) == (RoleSource.DIRECTORY, "Team-Projekt-A")
    # Same groups again: nothing changes.
    assert directory_roles_sync(user=person, groups=["TEAM-PROJEKT-A"]).granted == []
    result = directory_roles_sync(user=person, groups=[])
    assert len(result.removed) == 1
    assert not ProjectRole.objects.filter(user=person).exists()
    assert [h.history_type for h in ProjectRole.history.filter(user=person)] == ["-", "+"]


def test_roles_given_in_lotse_are_never_removed_by_a_login(cast):
    pmo = cast.users["pmo"]
    DirectoryGroupRole.objects.create(
        group="lotse-pmo", programme=cast.programme, programme_role="pmo"
    )
    directory_roles_sync(user=pmo, groups=["lotse-pmo"])
    directory_roles_sync(user=pmo, groups=[])
    grant = ProgrammeRole.objects.get(user=pmo, programme=cast.programme, role="pmo")
    assert grant.source == RoleSource.LOTSE


def test_mapping_needs_exactly_one_target_and_a_fitting_role(cast):
    with pytest.raises(ValidationError) as error:
        DirectoryGroupRole(group="x").full_clean()
    assert "programme" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        DirectoryGroupRole(
            group="x", programme=cast.programme, programme_role="change_manager"
        ).full_clean()
    assert "org_unit" in error.value.message_dict
    DirectoryGroupRole(group="x", project=cast.project, project_role="member").full_clean()


def test_mapping_admin_page(cast, admin_client):
    page = admin_client.get(reverse("admin:accounts_directorygrouprole_add"))
    assert page.status_code == 200
    response = admin_client.post(
        reverse("admin:accounts_directorygrouprole_add"),
        {"group": "lotse-potsdam-pmo", "programme": cast.programme.pk, "programme_role": "pmo"},
    )
    assert response.status_code == 302
    assert DirectoryGroupRole.objects.get().group == "lotse-potsdam-pmo"


def test_local_login_off_keeps_only_the_break_glass_superuser(cast, settings):
    settings.LOTSE_LOCAL_LOGIN = False
    UserFactory(username="notfall", is_superuser=True, is_staff=True, password="geheim-123")
    login = reverse("accounts:login")
    refused = Client().post(login, {"username": "pmo", "password": "geheim-123"})
    assert refused.status_code == 200
    page = Client().get(login).content.decode()
    assert "Notfallzugang" in page
    allowed = Client().post(login, {"username": "notfall", "password": "geheim-123"})
    assert allowed.status_code == 302


def test_a_user_without_roles_lands_on_the_page_saying_whom_to_ask(cast):
    UserFactory(username="neu", password="geheim-123")
    response = Client().post(
        reverse("accounts:login"), {"username": "neu", "password": "geheim-123"}
    )
    assert response["Location"] == reverse("accounts:no_role")
    ok = Client().post(reverse("accounts:login"), {"username": "pmo", "password": "geheim-123"})
    assert ok["Location"] != reverse("accounts:no_role")
