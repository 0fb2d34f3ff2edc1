"""Security headers that Django 5.2 does not set itself, and Lotse's own 404 page in
development mode."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render

# No inline script anywhere: our JavaScript lives in static files.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


class GermanFirstMiddleware:
    """German unless the person chose English with the language switch (a cookie).

    The browser's Accept-Language is ignored on purpose: staff of a German administration
    must see the German UI even on an English-configured computer.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class OwnNotFoundPageMiddleware:
    """Unknown URLs show Lotse's own 404 page in development mode too (`make run` runs with
    DEBUG on), not Django's technical page, which lists every URL pattern of the site. In
    production mode Django already renders `404.html`; the API keeps its JSON answers."""

    TECHNICAL_PAGE = b"<title>Page not found at"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and not getattr(response, "streaming", False)
            and self.TECHNICAL_PAGE in response.content
        ):
            return render(request, "404.html", status=404)
        return response
