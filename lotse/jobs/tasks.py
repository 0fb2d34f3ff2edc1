"""The one task the worker runs: a job by its id (see services.job_run); then, once a day,
the pruning of old jobs (services.prune_if_due)."""

from django_tasks import task


@task()
def run_job(job_id: int) -> None:
    from .services import job_run
    from .services import prune_if_due

    job_run(job_id=job_id)
    prune_if_due()
