"""The pages of a job: waiting with progress, the result, a retry; and "Meine Dokumente"."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse
from django.http import Http404
from django.http import HttpResponse
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.shortcuts import render
from django.views.decorators.http import require_POST

from lotse.http import AuthedRequest

from . import selectors
from . import services
from .models import Job

POLL_SECONDS = 2
PAGE_SIZE = 25


def started(job: Job) -> HttpResponseRedirect:
    """What a page answers after asking for a job: the job's page, which shows its progress."""
    return redirect("jobs:detail", pk=job.pk)


def start_job(
    request: AuthedRequest, *, kind: str, title: str, params: dict[str, Any], programme: Any
) -> HttpResponseRedirect:
    """Queue a job for the person on the page (or join the same one running) and show it."""
    return started(
        services.job_request(
            user=request.user, kind=kind, title=title, params=params, programme=programme
        )
    )


@login_required
def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    job = selectors.get_job_for(request.user, pk)
    template = "jobs/detail.html#status" if request.htmx else "jobs/detail.html"
    return render(
        request,
        template,
        {
            "job": job,
            "poll_seconds": POLL_SECONDS,
            "may_retry": request.user.has_perm("jobs.retry_job", job),
        },
    )


@login_required
def download(request: AuthedRequest, pk: int) -> FileResponse:
    job = selectors.get_job_for(request.user, pk)
    if not job.done or not job.file:
        raise Http404
    response = FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=job.filename or job.file.name.rsplit("/", 1)[-1],
        content_type=job.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def retry(request: AuthedRequest, pk: int) -> HttpResponse:
    job = selectors.get_job_for(request.user, pk, "jobs.retry_job")
    # A job that is not failed (any more) is not retried: its page says what it is doing.
    with suppress(ValidationError):
        job = services.job_retry(job=job)
    return started(job)


@login_required
def mine(request: AuthedRequest) -> HttpResponse:
    page = Paginator(selectors.jobs_of(request.user), PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(request, "jobs/mine.html", {"page": page})
