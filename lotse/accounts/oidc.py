"""Single sign-on with OpenID Connect (mozilla-django-oidc): authorization code flow with PKCE.

The provider's endpoints come from its discovery document (LOTSE_OIDC_DISCOVERY_URL, e.g.
Keycloak's `https://sso.example.org/realms/stadt/.well-known/openid-configuration`), read at
the first use and kept for an hour; an endpoint set explicitly in the settings wins. Claims give
user name, name, e-mail and groups; the groups go to the role synchronisation at login.
"""

import time
from typing import Any
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from .models import User

DISCOVERY_TTL = 3600
# The settings mozilla-django-oidc reads, and where the discovery document has them.
FROM_DISCOVERY = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
_discovered: dict[str, tuple[float, dict[str, Any]]] = {}


def discovery() -> dict[str, Any]:
    url = settings.LOTSE_OIDC_DISCOVERY_URL
    if not url:
        raise ImproperlyConfigured("LOTSE_OIDC_DISCOVERY_URL is not set.")
    cached = _discovered.get(url)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
    response.raise_for_status()
    document: dict[str, Any] = response.json()
    _discovered[url] = (time.monotonic() + DISCOVERY_TTL, document)
    return document


def oidc_setting(attr: str, *default: Any) -> Any:
    """A mozilla-django-oidc setting: from Django's settings, else from the discovery document."""
    if attr in FROM_DISCOVERY and not getattr(settings, attr, None):
        return discovery()[FROM_DISCOVERY[attr]]
    return import_from_settings(attr, *default)


def groups_from(claims: dict[str, Any]) -> set[str]:
    """The group names in the groups claim. Keycloak may send full paths (`/stadt/lotse-pmo`):
    the last part is the name."""
    raw = claims.get(settings.LOTSE_OIDC_GROUPS_CLAIM) or []
    if isinstance(raw, str):
        raw = [raw]
    return {str(group).rstrip("/").rsplit("/", 1)[-1] for group in raw if group}


class OIDCBackend(OIDCAuthenticationBackend):
    """Finds the account by the user-name claim (creates it at the first login, without a
    local password), updates name and e-mail from the claims and hands over the groups."""

    get_settings = staticmethod(oidc_setting)

    def _username(self, claims: dict[str, Any]) -> str:
        return str(claims.get(settings.LOTSE_OIDC_USERNAME_CLAIM) or "").strip()[:150]

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        username = self._username(claims)
        if not username:
            return False
        # The break-glass account stays local: nobody signs in as a superuser through SSO.
        return not User.objects.filter(username=username, is_superuser=True).exists()

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        return User.objects.filter(username=self._username(claims))

    def _apply(self, user: User, claims: dict[str, Any]) -> User:
        user.first_name = str(claims.get("given_name") or user.first_name)[:150]
        user.last_name = str(claims.get("family_name") or user.last_name)[:150]
        user.email = str(claims.get("email") or user.email)[:254]
        if claims.get("name") and not (user.first_name or user.last_name):
            user.display_name = str(claims["name"])[:150]
        user.directory_groups = groups_from(claims)  # type: ignore[attr-defined]
        return user

    def create_user(self, claims: dict[str, Any]) -> User:
        user = User(username=self._username(claims))
        user.set_unusable_password()
        self._apply(user, claims)
        user.save()
        return user

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        self._apply(user, claims)
        user.save(update_fields=["first_name", "last_name", "email", "display_name"])
        return user


def provider_logout_url(request: HttpRequest) -> str | None:
    """RP-initiated logout: the provider's end-session address, with the id token as hint and
    Lotse's login page to come back to; None when the provider offers none."""
    id_token = request.session.get("oidc_id_token")
    if not settings.LOTSE_OIDC_ENABLED or not id_token:
        return None
    endpoint = discovery().get("end_session_endpoint")
    if not endpoint:
        return None
    back = settings.LOTSE_BASE_URL + settings.LOTSE_OIDC_POST_LOGOUT_PATH
    query = urlencode(
        {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": back,
            "client_id": settings.OIDC_RP_CLIENT_ID,
        }
    )
    return f"{endpoint}?{query}"
