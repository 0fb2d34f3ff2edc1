"""Personal tokens and the browser session (with CSRF) as the API's two ways in."""

import re

import pytest
from django.test import Client

from lotse.accounts.models import ApiToken
from lotse.accounts.services import api_token_create
from lotse.accounts.services import api_token_revoke

from .conftest import call


def bearer(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def lead_token(cast):
    token, secret = api_token_create(user=cast.users["project_lead"], name="Skript")
    return token, secret


def test_token_authenticates_as_its_user(cast, lead_token):
    _token, secret = lead_token
    response = call(Client(), "GET", "/me", **bearer(secret))
    assert response.status_code == 200
    assert response.json()["username"] == "project_lead"
    assert response.json()["project_roles"] == [
        {
            "project": cast.project.pk,
            "project_title": "Kommunalportal",
            "role": "project_lead",
            "role_label": "Projektleitung / Product Owner",
        }
    ]


def test_token_write_needs_no_csrf_and_is_recorded_as_the_token_user(cast, lead_token):
    _token, secret = lead_token
    client = Client(enforce_csrf_checks=True)
    response = call(
        client,
        "PATCH",
        f"/projects/{cast.project.pk}",
        {"version": 1, "stage": "running"},
        **bearer(secret),
    )
    assert response.status_code == 200, response.content
    latest = cast.project.history.order_by("-history_id").first()
    assert latest.stage == "running"
    assert latest.history_user == cast.users["project_lead"]


def test_token_create_is_recorded_as_the_token_user(cast):
    _token, secret = api_token_create(user=cast.users["pmo"], name="Import")
    response = call(
        Client(enforce_csrf_checks=True),
        "POST",
        "/programmes/potsdam/projects",
        {"title": "Per Skript", "field_of_action": cast.field.pk},
        **bearer(secret),
    )
    assert response.status_code == 201, response.content
    record = cast.programme.projects.get(title="Per Skript").history.get()
    assert (record.history_type, record.history_user) == ("+", cast.users["pmo"])


def test_token_carries_only_its_users_permissions(cast):
    _token, secret = api_token_create(user=cast.users["viewer"], name="Lesen")
    path = f"/projects/{cast.project.pk}"
    assert call(Client(), "GET", path, **bearer(secret)).status_code == 200
    response = call(Client(), "PATCH", path, {"version": 1, "title": "x"}, **bearer(secret))
    assert response.status_code == 403


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_revoked_token_is_401(cast, lead_token, method):
    token, secret = lead_token
    api_token_revoke(token=token)
    body = {"target": cast.other_project.pk, "kind": "needs"} if method == "POST" else None
    response = call(
        Client(enforce_csrf_checks=True),
        method,
        f"/projects/{cast.project.pk}/dependencies",
        body,
        **bearer(secret),
    )
    assert response.status_code == 401
    assert response.json() == {"detail": "Bitte melden Sie sich an oder senden Sie ein API-Token."}
    assert not cast.project.dependencies_out.exists()


@pytest.mark.parametrize(
    "header",
    ["Bearer lotse_falsch", "Bearer ", "Bearer nicht-von-lotse", "Token lotse_x", "lotse_x"],
)
def test_unknown_token_is_401(cast, header):
    response = call(Client(), "GET", "/me", Authorization=header)
    assert response.status_code == 401


def test_token_of_inactive_user_is_401(cast, lead_token):
    _token, secret = lead_token
    user = cast.users["project_lead"]
    user.is_active = False
    user.save()
    assert call(Client(), "GET", "/me", **bearer(secret)).status_code == 401


def test_token_use_is_noted(cast, lead_token):
    token, secret = lead_token
    call(Client(), "GET", "/me", **bearer(secret))
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def _csrf_token(client) -> str:
    """The token the docs page hands to Swagger UI (it also sets the CSRF cookie)."""
    page = client.get("/api/v1/docs").content.decode()
    return re.search(r'data-csrf-token="([^"]+)"', page).group(1)


def test_session_write_without_csrf_token_is_refused(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.users["pmo"])
    body = {"title": "Ohne Token", "field_of_action": cast.field.pk}

    response = call(client, "POST", "/programmes/potsdam/projects", body)

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not cast.programme.projects.filter(title="Ohne Token").exists()


def test_session_write_with_csrf_token_is_accepted(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.users["pmo"])
    token = _csrf_token(client)
    body = {"title": "Mit Token", "field_of_action": cast.field.pk}

    response = call(client, "POST", "/programmes/potsdam/projects", body, X_CSRFToken=token)

    assert response.status_code == 201, response.content
    record = cast.programme.projects.get(title="Mit Token").history.get()
    assert record.history_user == cast.users["pmo"]


def test_session_reads_need_no_csrf_token(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.users["viewer"])
    assert call(client, "GET", "/programmes/potsdam/projects").status_code == 200


def test_anonymous_write_is_401_not_a_csrf_error(cast):
    response = call(
        Client(enforce_csrf_checks=True),
        "POST",
        "/org-units",
        {"code": "X", "name": "Y"},
    )
    assert response.status_code == 401
