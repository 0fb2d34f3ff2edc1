"""Old jobs are deleted with their files: `manage.py prune_jobs`, which the worker also runs
once a day, keeps LOTSE_JOB_RETENTION_DAYS days (30 unless set; 0 keeps everything)."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from lotse.jobs import services
from lotse.jobs.models import Job
from lotse.jobs.services import job_request
from lotse.jobs.services import jobs_prune
from tests.jobs.helpers import run_jobs


def _job(cast, n: int, *, status=Job.Status.DONE, age_days: float = 0, with_file=True) -> Job:
    job = Job.objects.create(
        requested_by=cast.users["pmo"],
        programme=cast.programme,
        kind="jobs.probe",
        title=f"Auftrag {n}",
        key=f"k{n}",
        status=status,
    )
    if with_file:
        job.file.save(f"auftrag-{n}.txt", ContentFile(b"Inhalt"), save=False)
    moment = timezone.now() - timedelta(days=age_days)
    finished = moment if status in (Job.Status.DONE, Job.Status.FAILED) else None
    job.save()
    # auto_now would overwrite updated_at on save: set the ages directly.
    Job.objects.filter(pk=job.pk).update(finished_at=finished, updated_at=moment)
    return job


def test_jobs_older_than_the_retention_go_with_their_files(cast):
    old_done = _job(cast, 1, age_days=31)
    old_failed = _job(cast, 2, status=Job.Status.FAILED, age_days=40, with_file=False)
    lost = _job(cast, 3, status=Job.Status.RUNNING, age_days=45, with_file=False)
    recent = _job(cast, 4, age_days=29)
    running = _job(cast, 5, status=Job.Status.RUNNING, age_days=0, with_file=False)
    old_name = old_done.file.name
    assert default_storage.exists(old_name)

    pruned = jobs_prune()

    assert (pruned.jobs, pruned.files) == (3, 1)
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, running.pk}
    assert not default_storage.exists(old_name)
    assert default_storage.exists(Job.objects.get(pk=recent.pk).file.name)
    assert not Job.objects.filter(pk__in=[old_failed.pk, lost.pk]).exists()


@override_settings(LOTSE_JOB_RETENTION_DAYS=10)
def test_the_retention_is_a_setting_and_zero_keeps_everything(cast):
    _job(cast, 1, age_days=11)
    kept = _job(cast, 2, age_days=9)
    assert jobs_prune(days=0).jobs == 0 and Job.objects.count() == 2
    assert jobs_prune().jobs == 1
    assert list(Job.objects.values_list("pk", flat=True)) == [kept.pk]


def test_finished_queue_entries_go_too(cast):
    job_request(user=cast.users["pmo"], kind="jobs.probe", title="Probe", params={})
    run_jobs()
    waiting = job_request(user=cast.users["pmo"], kind="jobs.probe", title="Probe 2", params={})
    assert DBTaskResult.objects.count() == 2
    DBTaskResult.objects.exclude(status="READY").update(
        finished_at=timezone.now() - timedelta(days=31)
    )
    assert jobs_prune().task_results == 1
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["READY"]
    assert Job.objects.filter(pk=waiting.pk).exists()


def test_the_command_says_what_it_deleted(cast):
    _job(cast, 1, age_days=31)
    out = StringIO()
    call_command("prune_jobs", stdout=out)
    assert out.getvalue().startswith("1 Aufträge älter als 30 Tage gelöscht (1 Dateien")
    _job(cast, 2, age_days=5)
    call_command("prune_jobs", "--days", "3", stdout=out)
    assert "1 Aufträge älter als 3 Tage" in out.getvalue()
    assert not Job.objects.exists()


def test_the_worker_prunes_once_a_day(cast, monkeypatch):
    old = _job(cast, 1, age_days=31)
    # A worker that started a moment ago waits a day before it prunes (it pruned at start).
    job_request(user=cast.users["pmo"], kind="jobs.probe", title="Probe", params={"n": 1})
    run_jobs()
    assert Job.objects.filter(pk=old.pk).exists()
    # A day later the next job is followed by the pruning, and only once.
    monkeypatch.setitem(services._last_prune, "at", services._last_prune["at"] - 86401)
    job_request(user=cast.users["pmo"], kind="jobs.probe", title="Probe", params={"n": 2})
    run_jobs()
    assert not Job.objects.filter(pk=old.pk).exists()
    assert services.prune_if_due() is None
