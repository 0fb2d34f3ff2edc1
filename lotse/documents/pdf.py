"""HTML → PDF with WeasyPrint: a Django template rendered to a tagged PDF.

WeasyPrint fetches what the HTML links to. Only our own static files are served to it,
read from disk; any other address (another host, file:, the app itself) is refused, so a
document can never make the server request something on a user's behalf.
"""

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest
from django.template.loader import render_to_string
from weasyprint import DEFAULT_OPTIONS, HTML

logger = logging.getLogger(__name__)

# WeasyPrint writes a tagged PDF (structure for screen readers) from version 63 on.
PDF_OPTIONS = {"pdf_tags": True} if "pdf_tags" in DEFAULT_OPTIONS else {}


def static_file(url: str, base_url: str) -> Path | None:
    """The file on disk behind one of our static URLs, or None."""
    static = urlsplit(base_url)._replace(path="/" + settings.STATIC_URL.lstrip("/")).geturl()
    if not url.startswith(static):
        return None
    name = unquote(urlsplit(url).path).removeprefix("/" + settings.STATIC_URL.lstrip("/"))
    if ".." in Path(name).parts:
        return None
    found = finders.find(name)
    if found:
        return Path(found)
    try:
        path = Path(staticfiles_storage.path(name))
    except NotImplementedError:
        return None
    return path if path.is_file() else None


def _fetcher(base_url: str) -> object:
    """WeasyPrint's URL fetcher that serves our static files and refuses everything else."""

    def body_of(url: str) -> tuple[bytes, str]:
        path = static_file(url, base_url)
        if path is None:
            raise ValueError(f"PDF: refused to fetch {url}")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return path.read_bytes(), mime

    try:  # WeasyPrint >= 70: a URLFetcher subclass
        from weasyprint.urls import URLFetcher, URLFetcherResponse
    except ImportError:  # older: a function returning a dict

        def fetch(url: str, timeout: int = 10, ssl_context: object = None) -> dict[str, object]:
            body, mime = body_of(url)
            return {"string": body, "mime_type": mime, "redirected_url": url}

        return fetch

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: dict[str, str] | None = None) -> object:
            body, mime = body_of(url)
            return URLFetcherResponse(url, body, {"Content-Type": mime})

    return StaticOnlyFetcher()


def render_pdf(template: str, context: dict, request: HttpRequest) -> bytes:
    """Render `template` with `context` and return the PDF's bytes."""
    html = render_to_string(template, context, request=request)
    base_url = request.build_absolute_uri("/")
    document = HTML(string=html, base_url=base_url, url_fetcher=_fetcher(base_url))
    return document.write_pdf(**PDF_OPTIONS)
