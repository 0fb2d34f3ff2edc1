"""Login through Lotse's login form against a real OpenLDAP (slapd), roles from groups."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from lotse.accounts.models import ProgrammeRole
from lotse.accounts.models import RoleSource
from tests.factories import UserFactory

from .conftest import user_created_at_first_login
from .directory import PASSWORDS
from .directory import USERS

pytestmark = pytest.mark.ldap
User = get_user_model()


def log_in(username, password):
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": password})
    return client, response


def test_anna_signs_in_with_her_ldap_password_and_is_pmo_of_potsdam(ldap_login, potsdam):
    client, response = log_in("anna", PASSWORDS["anna"])
    assert response.status_code == 302
    anna = user_created_at_first_login("anna", "Anna", "Amsel", "anna.amsel@potsdam.example")
    # PMO through the nested group lotse-potsdam-pmo ⊃ pmo-team ⊃ anna.
    grant = ProgrammeRole.objects.get(user=anna, programme=potsdam)
    assert (grant.role, grant.source, grant.source_group) == (
        "pmo",
        RoleSource.DIRECTORY,
        "lotse-potsdam-pmo",
    )
    assert grant.history.first().history_change_reason == "Gruppe „lotse-potsdam-pmo“"
    assert client.get(f"/programme/{potsdam.slug}/").status_code == 200


def test_removing_the_group_removes_the_role_at_the_next_login(ldap_login, potsdam):
    log_in("anna", PASSWORDS["anna"])
    ldap_login.remove_member("pmo-team", f"uid=anna,{USERS}")
    try:
        _client, response = log_in("anna", PASSWORDS["anna"])
    finally:
        ldap_login.add_member("pmo-team", f"uid=anna,{USERS}")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:no_role")
    assert not ProgrammeRole.objects.filter(user__username="anna").exists()
    removal = ProgrammeRole.history.filter(user__username="anna").first()
    assert removal.history_type == "-"
    assert removal.history_change_reason == "Gruppe „lotse-potsdam-pmo“ nicht mehr vorhanden"


def test_a_role_given_in_lotse_is_kept(ldap_login, potsdam):
    bernd = UserFactory(username="bernd")
    ProgrammeRole.objects.create(user=bernd, programme=potsdam, role="viewer")
    _client, response = log_in("bernd", PASSWORDS["bernd"])
    assert response.status_code == 302
    grant = ProgrammeRole.objects.get(user=bernd)
    assert (grant.role, grant.source) == ("viewer", RoleSource.LOTSE)


def test_without_a_mapped_group_the_user_is_told_whom_to_ask(ldap_login, potsdam, settings):
    settings.LOTSE_ACCESS_CONTACT = "den IT-Servicedesk, Telefon 0331 289-1234"
    pmo = UserFactory(username="pmo-petra", first_name="Petra", last_name="Pohl")
    ProgrammeRole.objects.create(user=pmo, programme=potsdam, role="pmo")
    client, response = log_in("bernd", PASSWORDS["bernd"])
    assert response["Location"] == reverse("accounts:no_role")
    page = client.get(response["Location"]).content.decode()
    assert "Ihnen ist in Lotse noch keine Rolle zugewiesen" in page
    assert "IT-Servicedesk, Telefon 0331 289-1234" in page
    assert "Petra Pohl" in page


def test_wrong_ldap_password_is_refused_like_any_other(ldap_login, potsdam):
    _client, response = log_in("anna", "falsch")
    assert response.status_code == 200
    assert "Die Anmeldung ist fehlgeschlagen" in response.content.decode()
    assert not User.objects.filter(username="anna").exists()


def test_a_deactivated_directory_account_cannot_sign_in(ldap_login, potsdam):
    log_in("anna", PASSWORDS["anna"])
    User.objects.filter(username="anna").update(is_active=False)
    client, response = log_in("anna", PASSWORDS["anna"])
    assert response.status_code == 200
    assert client.get(reverse("accounts:profile")).status_code == 302
