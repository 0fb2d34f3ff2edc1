"""The job framework: asking, joining, running in the worker, progress, failure and retry,
who sees a job and its file, the waiting page and "Meine Dokumente"."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from lotse.jobs import registry
from lotse.jobs import services
from lotse.jobs.models import Job
from lotse.jobs.services import job_request
from lotse.jobs.services import job_retry
from tests.jobs.helpers import content
from tests.jobs.helpers import run_jobs

SEEN: list[tuple[str, int, int]] = []
FAIL = {"times": 0}


@registry.register("test.document")
def _document(job: Job, progress: registry.Progress) -> registry.Output:
    progress("Erster Schritt", 10)
    # The page that polls sees the progress while the job still runs.
    SEEN.append(("Erster Schritt", 10, Job.objects.get(pk=job.pk).percent))
    progress("Zweiter Schritt", 60)
    SEEN.append(("Zweiter Schritt", 60, Job.objects.get(pk=job.pk).percent))
    return registry.Output(
        content=f"Inhalt {job.params['n']}".encode(),
        filename=f"dokument-{job.params['n']}.txt",
        content_type="text/plain",
    )


@registry.register("test.flaky")
def _flaky(job: Job, progress: registry.Progress) -> registry.Output:
    if FAIL["times"] > 0:
        FAIL["times"] -= 1
        raise registry.JobFailed("Die Zeile 3 enthält keinen Betrag: „abc“.")
    return registry.Output(url="/irgendwo/", summary="12 Zeilen übernommen.")


@registry.register("test.broken")
def _broken(job: Job, progress: registry.Progress) -> registry.Output:
    raise RuntimeError("boom")


def _ask(cast, role="pmo", kind="test.document", n=1) -> Job:
    return job_request(
        user=cast.users[role],
        kind=kind,
        title=f"Testdokument {n}",
        params={"n": n},
        programme=cast.programme,
    )


def test_a_job_runs_in_the_worker_with_progress(cast):
    SEEN.clear()
    job = _ask(cast)
    assert job.status == Job.Status.QUEUED
    assert DBTaskResult.objects.filter(pk=job.task_id).exists()
    assert run_jobs() >= 1
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert job.percent == 100
    assert job.attempts == 1
    assert SEEN == [("Erster Schritt", 10, 10), ("Zweiter Schritt", 60, 60)]
    assert content(job) == b"Inhalt 1"
    assert job.filename == "dokument-1.txt"
    assert job.size == 8
    assert job.file.name.startswith("jobs/")


def test_the_same_request_joins_the_running_job(cast):
    first = _ask(cast)
    assert _ask(cast).pk == first.pk  # queued: joined
    Job.objects.filter(pk=first.pk).update(status=Job.Status.RUNNING)
    assert _ask(cast).pk == first.pk  # running: joined
    assert DBTaskResult.objects.filter(pk=first.task_id).count() == 1
    assert Job.objects.filter(key=first.key).count() == 1
    assert _ask(cast, n=2).pk != first.pk  # other parameters: a job of its own
    assert _ask(cast, role="programme_manager").pk != first.pk  # another person: their own


def test_a_finished_request_starts_afresh(cast):
    first = _ask(cast)
    run_jobs()
    assert _ask(cast).pk != first.pk


def test_a_lost_job_does_not_block_a_new_one(cast):
    first = _ask(cast)
    Job.objects.filter(pk=first.pk).update(
        status=Job.Status.RUNNING, updated_at=timezone.now() - timedelta(hours=2)
    )
    second = _ask(cast)
    assert second.pk != first.pk
    first.refresh_from_db()
    assert first.status == Job.Status.FAILED
    assert "nicht mehr gemeldet" in first.error


def test_failure_shows_a_german_message_and_can_be_retried(cast):
    FAIL["times"] = 1
    job = _ask(cast, kind="test.flaky")
    run_jobs()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.error == "Die Zeile 3 enthält keinen Betrag: „abc“."
    page = cast.client("pmo").get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Die Zeile 3 enthält keinen Betrag" in page
    assert "Erneut versuchen" in page
    response = cast.client("pmo").post(reverse("jobs:retry", args=[job.pk]))
    assert response.url == reverse("jobs:detail", args=[job.pk])
    run_jobs()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert job.attempts == 2
    assert job.error == ""
    assert job.summary == "12 Zeilen übernommen."
    page = cast.client("pmo").get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert 'href="/irgendwo/"' in page


def test_an_unexpected_error_says_so_in_german(cast):
    job = _ask(cast, kind="test.broken")
    run_jobs()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "unerwarteter Fehler" in job.error
    assert f"Auftrag Nr. {job.pk}" in job.error
    assert "boom" not in job.error


def test_only_a_failed_job_is_retried(cast):
    job = _ask(cast)
    with pytest.raises(Exception, match="fehlgeschlagen"):
        job_retry(job=job)


def test_a_retry_joins_the_same_job_asked_for_meanwhile(cast, monkeypatch):
    # The person retries a failed job in one tab and asks for the same document anew in
    # another at once: both find no job running, the new one is committed first. Simulated in
    # one transaction: the new job appears after the retry looked (while it words its phase).
    job = _ask(cast)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED)
    job.refresh_from_db()
    gettext = services._
    asked: list[Job] = []

    def after_the_other_tab(text):
        if not asked:
            asked.append(job)  # noted first: asking words a phase too
            asked[0] = _ask(cast)
        return gettext(text)

    monkeypatch.setattr(services, "_", after_the_other_tab)
    joined = job_retry(job=job)

    assert joined == asked[0] != job
    assert Job.objects.get(pk=job.pk).status == Job.Status.FAILED


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("project_lead", 200),  # asked for it
        ("pmo", 200),  # the programme office
        ("programme_manager", 200),
        ("sponsor", 403),
        ("viewer", 403),
        ("outsider", 403),
        ("anonymous", 302),
    ],
)
def test_who_sees_a_job_and_its_file(cast, role, status):
    job = _ask(cast, role="project_lead")
    run_jobs()
    for name in ("jobs:detail", "jobs:download"):
        response = cast.client(role).get(reverse(name, args=[job.pk]))
        assert response.status_code == status, name
    if status == 200:
        response = cast.client(role).get(reverse("jobs:download", args=[job.pk]))
        assert b"".join(response.streaming_content) == b"Inhalt 1"
        assert 'filename="dokument-1.txt"' in response["Content-Disposition"]
    retry = cast.client(role).post(reverse("jobs:retry", args=[job.pk]))
    assert retry.status_code == (302 if status != 403 else 403)


def test_the_waiting_page_polls_until_done(cast):
    job = _ask(cast)
    client = cast.client("pmo")
    url = reverse("jobs:detail", args=[job.pk])
    page = client.get(url).content.decode()
    assert 'data-hx-trigger="every 2s"' in page
    assert '<noscript><meta http-equiv="refresh"' in page  # without JavaScript
    assert "<progress" in page
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<section id="job-status"')
    assert "<html" not in partial
    run_jobs()
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "data-hx-trigger" not in partial  # done: polling stops
    assert "Fertig." in partial
    assert reverse("jobs:download", args=[job.pk]) in partial
    assert "http-equiv" not in client.get(url).content.decode()


def test_my_documents_lists_my_jobs_only(cast):
    mine = _ask(cast, role="project_lead", n=7)
    other = _ask(cast, role="pmo", n=8)
    page = cast.client("project_lead").get(reverse("jobs:mine")).content.decode()
    assert mine.title in page
    assert other.title not in page
    assert cast.client("anonymous").get(reverse("jobs:mine")).status_code == 302


def test_a_download_before_the_end_is_404(cast):
    job = _ask(cast)
    assert cast.client("pmo").get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_an_unknown_kind_is_refused(cast):
    with pytest.raises(Exception, match="Auftragsart"):
        _ask(cast, kind="gibt.es.nicht")
