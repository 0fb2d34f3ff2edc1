"""Running the background jobs inside a test: the database worker's own task runner, in this
thread and this test's transaction, for every task that is waiting."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from lotse.jobs.models import Job


def run_jobs() -> int:
    """Run every queued task as `manage.py db_worker` would; return how many ran."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    ran = 0
    while (task := DBTaskResult.objects.ready().order_by("enqueued_at").first()) is not None:
        task.claim(worker.worker_id)
        worker.run_task(task)
        ran += 1
    return ran


def job_of(response: HttpResponse) -> Job:
    """The job a page started: it answers with a redirect to the job's page."""
    assert response.status_code == 302, response.status_code
    url = response["Location"]
    job = Job.objects.get(pk=int(url.rstrip("/").rsplit("/", 1)[-1]))
    assert url == reverse("jobs:detail", args=[job.pk])
    return job


def finished(response: HttpResponse) -> Job:
    """Start by the page's response, run the worker, return the finished job."""
    job = job_of(response)
    run_jobs()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    return job


def content(job: Job) -> bytes:
    with job.file.open("rb") as f:
        return f.read()


def _with_query(url: str, data: dict | None) -> str:
    from urllib.parse import urlencode

    if not data:
        return url
    return url + ("&" if "?" in url else "?") + urlencode(data, doseq=True)


def exported(client, url: str, data: dict | None = None) -> tuple[Job, bytes]:
    """Ask for an export as its button does (a POST, the page's filters in the query
    string), run the worker; the finished job and its file."""
    job = finished(client.post(_with_query(url, data)))
    return job, content(job)


def export_queries(client, url: str, data: dict | None = None) -> int:
    """The queries the worker makes to build an export (the job's own bookkeeping included,
    which is the same for every export)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    job = job_of(client.post(_with_query(url, data)))
    with CaptureQueriesContext(connection) as ctx:
        assert run_jobs() == 1
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    return len(ctx.captured_queries)
