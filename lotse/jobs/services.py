"""Asking for a job, joining a running one, running it in the worker, retrying it."""

from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import dataclass
from datetime import datetime
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.http import User

from . import registry
from .models import Job

logger = logging.getLogger(__name__)

# An active job that has not reported for this long is taken as lost (its worker died).
STALE_AFTER = timedelta(minutes=30)
# The phases the document renderers report (lotse.documents.typeset), in words.
PHASES = {
    "prepare": gettext_lazy("Daten werden aufbereitet"),
    "layout": gettext_lazy("Seiten werden gesetzt"),
    "done": gettext_lazy("Dokument wird abgelegt"),
}


def job_key(kind: str, params: dict[str, Any]) -> str:
    text = json.dumps([kind, params], sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _enqueue(job: Job) -> None:
    from .tasks import run_job

    result = run_job.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.task_id = str(result.id)[:64]


def _give_up_stale(user: User, key: str) -> None:
    Job.objects.filter(
        requested_by=user,
        key=key,
        status__in=Job.ACTIVE,
        updated_at__lt=timezone.now() - STALE_AFTER,
    ).update(
        status=Job.Status.FAILED,
        error=_(
            "Der Auftrag wurde abgebrochen: der Hintergrunddienst hat sich nicht mehr gemeldet."
        ),
        finished_at=timezone.now(),
    )


def job_request(
    *,
    user: User,
    kind: str,
    title: str,
    params: dict[str, Any],
    programme: Any = None,
) -> Job:
    """Queue a job, or return the running one for the same request (same person, kind and
    parameters) so that a second click joins it instead of starting another."""
    if registry.runner(kind) is None:
        raise ValidationError(_("Diese Auftragsart gibt es nicht: %(kind)s") % {"kind": kind})
    # The document speaks the language of the person who asked for it.
    params = {**params, "language": translation.get_language()}
    key = job_key(kind, params)
    _give_up_stale(user, key)
    active = Job.objects.filter(requested_by=user, key=key, status__in=Job.ACTIVE).first()
    if active is not None:
        return active
    try:
        with transaction.atomic():
            job = Job.objects.create(
                requested_by=user,
                programme=programme,
                kind=kind,
                title=title[:300],
                params=params,
                key=key,
                phase=_("Wartet auf den Hintergrunddienst"),
            )
            _enqueue(job)
    except IntegrityError:
        # Someone (the same person in another tab) was a moment faster: join that job.
        return Job.objects.get(requested_by=user, key=key, status__in=Job.ACTIVE)
    return job


def job_retry(*, job: Job) -> Job:
    """Run a failed job again with the same parameters (or join the one already running)."""
    if not job.failed:
        raise ValidationError(_("Nur ein fehlgeschlagener Auftrag kann wiederholt werden."))
    active = Job.objects.filter(
        requested_by_id=job.requested_by_id, key=job.key, status__in=Job.ACTIVE
    ).first()
    if active is not None:
        return active
    job.status = Job.Status.QUEUED
    job.error = ""
    job.percent = 0
    job.phase = _("Wartet auf den Hintergrunddienst")
    job.started_at = job.finished_at = None
    try:
        with transaction.atomic():
            job.save()
            _enqueue(job)
    except IntegrityError:
        # The same document was asked for again meanwhile (another tab): join that job.
        return Job.objects.get(
            requested_by_id=job.requested_by_id, key=job.key, status__in=Job.ACTIVE
        )
    return job


def job_progress(job: Job, phase: str, percent: int) -> None:
    """Record what the job is doing; visible at once to the page that polls it."""
    # Never backwards: a renderer's own 100 % may come before the job's last step.
    percent = max(job.percent, min(100, int(percent)))
    if phase == job.phase and percent == job.percent:
        return
    job.phase, job.percent = phase[:200], percent
    Job.objects.filter(pk=job.pk).update(
        phase=job.phase, percent=percent, updated_at=timezone.now()
    )


def _failure_message(error: BaseException, pk: int) -> str:
    if isinstance(error, registry.JobFailed):
        return error.message
    if isinstance(error, ValidationError):
        return registry.first_problems(error.messages, " ")
    if isinstance(error, PermissionDenied | Http404):
        return _("Sie haben keinen Zugriff (mehr) auf diese Daten, oder es gibt sie nicht mehr.")
    return _(
        "Beim Erstellen ist ein unerwarteter Fehler aufgetreten. Bitte versuchen Sie es erneut; "
        "besteht der Fehler weiter, wenden Sie sich an die Administration (Auftrag Nr. %(pk)d)."
    ) % {"pk": pk}


def _store(job: Job, output: registry.Output) -> None:
    if output.content is not None:
        job.file.save(
            output.filename or f"auftrag-{job.pk}", ContentFile(output.content), save=False
        )
        job.filename = output.filename
        job.content_type = output.content_type or "application/octet-stream"
        job.size = len(output.content)
    job.result_url = output.url
    job.summary = output.summary


def job_run(*, job_id: int) -> None:
    """Run a queued job (called by the worker's task). Never raises: a failure is recorded on
    the job with a German message."""
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING,
        started_at=timezone.now(),
        phase=_("Wird gestartet"),
        percent=0,
    )
    if not claimed:
        return  # already run, or gone
    job = Job.objects.select_related("requested_by").get(pk=job_id)
    run = registry.runner(job.kind)

    def progress(phase: str, percent: int) -> None:
        job_progress(job, str(PHASES.get(phase, phase)), percent)

    try:
        with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
            if run is None:
                raise registry.JobFailed(_("Diese Auftragsart gibt es nicht mehr."))
            output = run(job, progress)
            _store(job, output)
            job.status = Job.Status.DONE
            job.phase = _("Fertig")
    except Exception as error:  # noqa: BLE001 - every failure becomes a message on the job
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        job.status = Job.Status.FAILED
        job.error = _failure_message(error, job.pk)
    job.percent = 100 if job.status == Job.Status.DONE else job.percent
    job.finished_at = timezone.now()
    job.attempts += 1
    job.save()


@dataclass(frozen=True)
class Pruned:
    jobs: int
    files: int
    task_results: int


def jobs_prune(*, days: int | None = None, now: datetime | None = None) -> Pruned:
    """Delete the jobs older than the retention (LOTSE_JOB_RETENTION_DAYS), their files and the
    queue's finished task rows. A finished job counts from when it finished; a job still
    "running" that long is lost (its worker died) and goes too. Nothing when days is 0."""
    from django_tasks_db.models import DBTaskResult

    days = settings.LOTSE_JOB_RETENTION_DAYS if days is None else days
    if days <= 0:
        return Pruned(0, 0, 0)
    cutoff = (now or timezone.now()) - timedelta(days=days)
    expired = Job.objects.filter(
        Q(finished_at__lt=cutoff) | Q(finished_at=None, updated_at__lt=cutoff)
    )
    jobs = files = 0
    for job in expired.only("pk", "file").iterator(chunk_size=500):
        if job.file:
            # The file first: a row without its file is harmless, a file without a row is lost.
            job.file.delete(save=False)
            files += 1
        job.delete()
        jobs += 1
    task_results, _by_model = DBTaskResult.objects.filter(
        status__in=["SUCCESSFUL", "FAILED"], finished_at__lt=cutoff
    ).delete()
    return Pruned(jobs, files, task_results)


# The worker prunes once a day beside its jobs (`prune_if_due`, after each job); it also prunes
# when it starts (`make run`, the systemd unit's ExecStartPre), so the clock starts now.
PRUNE_EVERY = timedelta(days=1)
_last_prune = {"at": time.monotonic()}


def prune_if_due() -> Pruned | None:
    """Prune when the last prune of this process is a day ago (called by the worker)."""
    if time.monotonic() - _last_prune["at"] < PRUNE_EVERY.total_seconds():
        return None
    _last_prune["at"] = time.monotonic()
    try:
        return jobs_prune()
    except Exception:  # noqa: BLE001 - the worker goes on; the next day tries again
        logger.exception("Pruning old jobs failed")
        return None
