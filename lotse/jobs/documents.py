"""Pages that offer a document: the page's button posts to the document's URL (with the
page's filters in its query string); the view checks access and queues the job; the runner
rebuilds the same request for the worker and renders there."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.http import HttpResponseRedirect

from lotse.http import AuthedRequest

from .models import Job
from .requests import worker_request
from .services import job_request
from .views import started


def canonical_query(request: HttpRequest) -> str:
    """The request's filters in a stable order: the same filters give the same job key."""
    return urlencode(sorted((k, v) for k, values in request.GET.lists() for v in values))


def queue_document(
    request: AuthedRequest, *, kind: str, title: str, programme: Any = None, **params: Any
) -> HttpResponseRedirect:
    job = job_request(
        user=request.user,
        kind=kind,
        title=title,
        params={"query": canonical_query(request), **params},
        programme=programme,
    )
    return started(job)


def request_of(job: Job) -> HttpRequest:
    """The request the document was asked with, as the person who asked (for the worker)."""
    return worker_request(job.requested_by, job.params.get("query", ""))
