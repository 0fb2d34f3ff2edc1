"""The exports of lotse.exporting as jobs: queued by the export's view, built by the worker."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse

from lotse import exporting as exports
from lotse.http import AuthedRequest

from .documents import request_of
from .models import Job
from .registry import Output
from .registry import Progress
from .services import job_request
from .views import started


def queue_export(
    request: AuthedRequest, export: exports.Export, scope: exports.Scope, kwargs: dict[str, Any]
) -> HttpResponse:
    """Start the export (or join the same person's running one) and show its progress."""
    job = job_request(
        user=request.user,
        kind=export.kind,
        title=exports.title_of(export, scope),
        params={"query": exports.query_of(export, request), "args": kwargs},
        programme=scope.programme,
    )
    return started(job)


def run_export(export: exports.Export, job: Job, progress: Progress) -> Output:
    """Build the export as the person who asked for it, with the filters they asked with."""
    progress("prepare", 5)
    args = job.params.get("args")
    if args is None:  # a job asked for before its kind became an export: {"slug": …} at the top
        args = {k: v for k, v in job.params.items() if k not in ("query", "language")}
    content, filename = export.build(request_of(job), progress, **args)
    progress("done", 95)
    return Output(content=content, filename=filename, content_type=export.content_type)
