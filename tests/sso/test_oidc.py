"""Single sign-on through a real OpenID provider (django-oidc-provider in its own process).

Lotse is driven with Django's test client, the provider with plain HTTP (requests), the way a
browser would: Lotse → provider's login page → provider → Lotse's callback.
"""

import html
import re
from urllib.parse import parse_qs
from urllib.parse import urljoin
from urllib.parse import urlsplit

import requests
from django.test import Client
from django.urls import reverse

from lotse.accounts.models import ProgrammeRole
from lotse.accounts.models import RoleSource

from .conftest import TESTSERVER
from .conftest import user_created_at_first_login
from .oidc_server import PASSWORDS


def _field(page: str, name: str) -> str:
    match = re.search(rf'name="{name}"[^>]*value="([^"]*)"', page)
    return match.group(1) if match else ""


def sign_in(username: str, password: str) -> tuple[Client, object, str]:
    """Through the provider's own login page; returns Lotse's client, its last answer and
    the authorization request Lotse sent."""
    lotse = Client()
    start = lotse.get(reverse("accounts:oidc_authenticate"))
    authorize = start["Location"]
    browser = requests.Session()
    page = browser.get(authorize, timeout=10)
    assert "Test Identity Provider" in page.text
    answer = browser.post(
        page.url,
        data={
            "csrfmiddlewaretoken": _field(page.text, "csrfmiddlewaretoken"),
            "username": username,
            "password": password,
            "next": _field(page.text, "next").replace("&amp;", "&"),
        },
        allow_redirects=False,
        timeout=10,
    )
    location = answer.headers.get("Location", "")
    while location and not location.startswith(TESTSERVER):
        answer = browser.get(urljoin(answer.url, location), allow_redirects=False, timeout=10)
        location = answer.headers.get("Location", "")
    assert location.startswith(TESTSERVER), answer.text[:500]
    return lotse, lotse.get(location.removeprefix(TESTSERVER)), authorize


def test_olga_signs_in_at_the_provider_and_is_pmo_of_potsdam(oidc_login, potsdam):
    lotse, response, authorize = sign_in("olga", PASSWORDS["olga"])
    query = parse_qs(urlsplit(authorize).query)
    # Authorization code flow with PKCE (S256), endpoints from the discovery document.
    assert authorize.startswith(oidc_login.url + "/openid/authorize")
    assert query["response_type"] == ["code"]
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"][0]
    assert response.status_code == 302
    olga = user_created_at_first_login("olga", "Olga", "Oswald", "olga.oswald@potsdam.example")
    grant = ProgrammeRole.objects.get(user=olga)
    assert (grant.programme, grant.role, grant.source) == (potsdam, "pmo", RoleSource.DIRECTORY)
    assert lotse.get(f"/programme/{potsdam.slug}/").status_code == 200
    # Signing out of Lotse also ends the provider's session (RP-initiated logout).
    out = lotse.post(reverse("accounts:logout")).content.decode()
    end_session = html.unescape(
        out.split('id="provider-logout" class="button" href="')[1].split('"')[0]
    )
    assert end_session.startswith(oidc_login.url + "/openid/end-session?")
    assert f'http-equiv="refresh" content="0;url={end_session}' in html.unescape(out)
    logout_query = parse_qs(urlsplit(end_session).query)
    assert logout_query["post_logout_redirect_uri"] == [f"{TESTSERVER}/konto/anmelden/"]
    assert logout_query["id_token_hint"][0]
    assert lotse.get(reverse("accounts:profile")).status_code == 302


def test_leaving_the_group_at_the_provider_removes_the_role(oidc_login, potsdam):
    sign_in("olga", PASSWORDS["olga"])
    oidc_login.leave_group("olga", "/stadt/lotse-potsdam-pmo")
    try:
        _lotse, response, _ = sign_in("olga", PASSWORDS["olga"])
    finally:
        oidc_login.join_group("olga", "/stadt/lotse-potsdam-pmo")
    assert response["Location"] == reverse("accounts:no_role")
    assert not ProgrammeRole.objects.filter(user__username="olga").exists()


def test_someone_without_a_mapped_group_is_told_whom_to_ask(oidc_login, potsdam):
    lotse, response, _ = sign_in("paul", PASSWORDS["paul"])
    assert response["Location"] == reverse("accounts:no_role")
    assert "noch keine Rolle zugewiesen" in lotse.get(response["Location"]).content.decode()


def test_login_page_offers_single_sign_on(oidc_login, db):
    page = Client().get(reverse("accounts:login")).content.decode()
    assert "Anmelden mit Test-Anmeldedienst" in page


def test_a_failed_callback_says_so_in_german(oidc_login, db):
    client = Client()
    response = client.get(reverse("accounts:oidc_callback") + "?error=access_denied", follow=True)
    assert "Die Anmeldung über den Anmeldedienst ist fehlgeschlagen" in response.content.decode()


def test_sso_pages_are_404_when_not_configured(db, settings):
    settings.LOTSE_OIDC_ENABLED = False
    assert Client().get(reverse("accounts:oidc_authenticate")).status_code == 404
