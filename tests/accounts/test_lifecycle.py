"""User lifecycle: invitation by e-mail, deactivation, the team page's last login and sources."""

import re

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from lotse.accounts.models import ApiToken
from lotse.accounts.models import ProgrammeRole
from lotse.accounts.models import RoleSource
from lotse.accounts.services import api_token_authenticate
from lotse.accounts.services import api_token_create
from lotse.governance.models import CalendarToken
from lotse.governance.services import calendar_token_create

User = get_user_model()
INVITE = "accounts:invite"


def invite(client, cast, email="neu.person@potsdam.example", role="viewer"):
    return client.post(
        reverse(INVITE),
        {
            "email": email,
            "first_name": "Nora",
            "last_name": "Neumann",
            "programme": cast.programme.pk,
            "role": role,
        },
    )


def test_pmo_invites_a_person_who_chooses_her_password(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    pmo = cast.client("pmo")
    assert pmo.get(reverse(INVITE) + f"?programm={cast.programme.slug}").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(pmo, cast)
    assert response.status_code == 302
    nora = User.objects.get(email="neu.person@potsdam.example")
    assert not nora.has_usable_password()
    grant = ProgrammeRole.objects.get(user=nora)
    assert (grant.programme, grant.role, grant.source) == (cast.programme, "viewer", "lotse")
    [mail] = mailoutbox
    assert mail.subject == "Einladung zu Lotse" and mail.to == ["neu.person@potsdam.example"]
    link = re.search(r"http\S+/konto/einladung/\S+/", mail.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    client = Client()
    assert "Willkommen bei Lotse" in client.get(f"/{path}").content.decode()
    done = client.post(
        f"/{path}", {"new_password1": "Neu-und-lang-2026", "new_password2": "Neu-und-lang-2026"}
    )
    assert done.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200
    # The link works once.
    assert Client().get(f"/{path}").status_code == 410


def test_an_expired_invitation_is_refused_in_german(cast, settings):
    pmo = cast.client("pmo")
    invite(pmo, cast)
    from lotse.accounts.services import invitation_token

    token = invitation_token(User.objects.get(email="neu.person@potsdam.example"))
    settings.LOTSE_INVITATION_DAYS = -1
    page = Client().get(reverse("accounts:invitation", args=[token]))
    assert page.status_code == 410
    assert "Dieser Einladungslink gilt nicht mehr" in page.content.decode()
    assert Client().get(reverse("accounts:invitation", args=["falsch"])).status_code == 410


def test_inviting_an_existing_address_names_it(cast):
    response = invite(cast.client("pmo"), cast, email=cast.users["viewer"].email)
    assert response.status_code == 200
    assert f"Für {cast.users['viewer'].email} gibt es schon ein Konto" in response.content.decode()


def test_only_who_manages_a_team_may_invite(cast):
    assert cast.client("member").get(reverse(INVITE)).status_code == 403
    assert cast.client("anonymous").get(reverse(INVITE)).status_code == 302


def test_deactivating_ends_sessions_and_revokes_tokens_at_once(cast, admin_client):
    viewer = cast.users["viewer"]
    session = cast.client("viewer")
    assert session.get(reverse("accounts:profile")).status_code == 200
    _token, secret = api_token_create(user=viewer, name="Skript")
    calendar_token_create(user=viewer)
    response = admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "deactivate_users", "_selected_action": [viewer.pk]},
        follow=True,
    )
    assert "ist deaktiviert: 1 Sitzungen beendet, 1 API-Tokens" in response.content.decode()
    viewer.refresh_from_db()
    assert not viewer.is_active
    assert api_token_authenticate(secret) is None
    assert not ApiToken.objects.filter(user=viewer, revoked_at__isnull=True).exists()
    assert not CalendarToken.objects.filter(user=viewer, revoked_at__isnull=True).exists()
    assert not any(
        s.get_decoded().get("_auth_user_id") == str(viewer.pk) for s in Session.objects.all()
    )
    assert session.get(reverse("accounts:profile")).status_code == 302


def test_team_page_shows_last_login_and_the_source_of_each_role(cast):
    ProgrammeRole.objects.filter(user=cast.users["viewer"]).update(
        source=RoleSource.DIRECTORY, source_group="lotse-lesende"
    )
    Client().post(reverse("accounts:login"), {"username": "viewer", "password": "geheim-123"})
    page = cast.client("pmo").get(reverse("portfolio:programme_team", args=[cast.programme.slug]))
    text = page.content.decode()
    assert "Zuletzt angemeldet" in text and "Herkunft" in text
    assert "aus dem Verzeichnis (Gruppe lotse-lesende)" in text
    assert "in Lotse vergeben" in text
    assert "Person per E-Mail einladen" in text
