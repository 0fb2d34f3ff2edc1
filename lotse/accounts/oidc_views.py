"""The two OpenID Connect pages: off to the provider, and back from it."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from .oidc import oidc_setting
from .views import landing_url


class AuthenticateView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider (state, nonce and a PKCE code challenge)."""

    get_settings = staticmethod(oidc_setting)


class CallbackView(OIDCAuthenticationCallbackView):
    """Exchanges the code (with the PKCE verifier) and signs the person in."""

    get_settings = staticmethod(oidc_setting)

    @property
    def success_url(self) -> str:
        return landing_url(self.user, super().success_url)

    @property
    def failure_url(self) -> str:
        return reverse("accounts:login")

    def login_failure(self) -> HttpResponse:
        messages.error(
            self.request,
            _(
                "Die Anmeldung über den Anmeldedienst ist fehlgeschlagen oder wurde abgebrochen. "
                "Bitte versuchen Sie es erneut; hilft das nicht, wenden Sie sich an die "
                "Administration."
            ),
        )
        return HttpResponseRedirect(self.failure_url)


def _only_when_enabled(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Without LOTSE_OIDC_DISCOVERY_URL the pages do not exist (the views read the provider's
    settings as soon as they are built)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.LOTSE_OIDC_ENABLED:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


authenticate = _only_when_enabled(AuthenticateView.as_view())
callback = _only_when_enabled(CallbackView.as_view())
