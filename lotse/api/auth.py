"""API authentication: the browser session (with CSRF) or a personal token.

A token is sent as `Authorization: Bearer lotse_…`. The user found is set on the request so
that permission checks and the change history see the real person.
"""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import APIKeyCookie
from ninja.security import HttpBearer
from ninja.utils import check_csrf

from lotse.accounts.models import User
from lotse.accounts.services import api_token_authenticate
from lotse.http import AnyUser


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """Django's session; unsafe methods also need the CSRF token, as in the UI."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def _get_key(self, request: HttpRequest) -> str | None:
        # Without a logged-in session there is nothing to protect: answer 401, not a CSRF 403
        # (a script with a revoked token must learn that its token is the problem).
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(
                403,
                _(
                    "CSRF-Prüfung fehlgeschlagen. Senden Sie bei Anmeldung über die "
                    "Browsersitzung den CSRF-Token im Kopf X-CSRFToken mit."
                ),
            )
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> AnyUser | None:
        user = getattr(request, "user", None)
        if key and user is not None and user.is_authenticated:
            return user
        return None


api_auth = [TokenAuth(), SessionAuth()]
