"""A request for code that wants one outside the web: renderers take a request for the base
URL of our static files and for the user in templates."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.http import QueryDict
from django_htmx.middleware import HtmxDetails

from lotse.http import AnyUser


def worker_request(user: AnyUser | None = None, query: str = "") -> HttpRequest:
    """A GET request as the given user, addressed to the installation's base URL."""
    base = urlsplit(settings.LOTSE_BASE_URL)
    host = base.hostname or "localhost"
    if host not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        host = next((h for h in settings.ALLOWED_HOSTS if h and not h.startswith(".")), host)
    secure = base.scheme == "https"
    port = str(base.port or (443 if secure else 80))
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = "/"
    request.META = {
        "SERVER_NAME": host,
        "SERVER_PORT": port,
        "HTTP_HOST": host if base.port is None else f"{host}:{port}",
        "wsgi.url_scheme": base.scheme or "http",
        "REMOTE_ADDR": "127.0.0.1",
    }
    if secure:
        request.META["HTTP_X_FORWARDED_PROTO"] = "https"
    request.GET = QueryDict(query)
    request.user = user if user is not None else AnonymousUser()
    request.htmx = HtmxDetails(request)  # type: ignore[attr-defined]
    return request
