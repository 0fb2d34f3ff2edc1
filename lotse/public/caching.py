"""HTTP caching for the public pages: shared caches may keep them, clients revalidate cheaply.

Every public response carries `Cache-Control: public, max-age=…`, a `Last-Modified` from the
freshness stamp (`selectors.last_change`) and an `ETag` from the body — for the streamed
open-data files, whose body is not there yet, from the address and the freshness stamp.
A request with only `If-Modified-Since` is answered 304 before anything is rendered; with
`If-None-Match` the page is rendered and compared by its ETag, which also catches changes the
freshness stamp cannot see (a streamed file is answered 304 before a row is read).

The pages are rendered without the request (no context processors), so they never touch the
session or the CSRF token: no cookie is set and the response does not vary by cookie.
"""

import hashlib
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from functools import wraps
from typing import Any
from typing import cast

from django.conf import settings
from django.http import HttpRequest
from django.http import HttpResponseBase
from django.http import HttpResponseNotModified
from django.http import StreamingHttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.utils.http import parse_http_date_safe
from django.utils.http import quote_etag
from django.views.decorators.http import require_safe

from . import selectors


def _headers(response: HttpResponseBase, last_modified: int) -> None:
    response.headers["Last-Modified"] = http_date(last_modified)
    response.headers["Content-Language"] = "de"
    patch_cache_control(response, public=True, max_age=settings.LOTSE_PUBLIC_MAX_AGE)


def _in_german(chunks: Iterable[Any]) -> Iterator[Any]:
    """Each chunk of a streamed response produced with German active, as the view was."""
    iterator = iter(chunks)
    while True:
        with translation.override("de"):
            try:
                chunk = next(iterator)
            except StopIteration:
                return
        yield chunk


def public_page(view: Callable) -> Callable:
    """For views under /oeffentlich/: German, cacheable, conditional GET, no cookies."""

    @require_safe
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        changed = selectors.last_change(kwargs.get("slug"))
        stamp = int(changed.timestamp())
        since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
        if "If-None-Match" not in request.headers and since is not None and stamp <= since:
            response = HttpResponseNotModified()
            _headers(response, stamp)
            return response
        with translation.override("de"):
            response = view(request, *args, **kwargs)
        if response.status_code != 200:
            return response
        if isinstance(response, StreamingHttpResponse):
            # A streamed file (open data) has no body yet: its ETag follows the freshness
            # stamp, to the microsecond, and the address (the stamp moves with every change
            # of what the file shows, see freshness.py). It is written later, in German too.
            seed = f"{request.get_full_path()}|{changed.isoformat()}".encode()
            response.streaming_content = _in_german(
                cast(Iterator[bytes], response.streaming_content)
            )
        else:
            seed = response.content
        etag = quote_etag(hashlib.sha256(seed).hexdigest()[:32])
        response.headers["ETag"] = etag
        _headers(response, stamp)
        # With a response given, Django returns it or a 304, never None.
        return (
            get_conditional_response(request, etag=etag, last_modified=stamp, response=response)
            or response
        )

    return wrapper
