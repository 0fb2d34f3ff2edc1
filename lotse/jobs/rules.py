"""Who sees a job and its file: the person who asked for it, and the programme office of the
programme it belongs to (programme manager and PMO)."""

from typing import Any

import rules

from lotse.accounts.rules import is_superuser
from lotse.accounts.rules import runs_programme
from lotse.http import AnyUser


@rules.predicate
def requested_it(user: AnyUser, job: Any) -> bool:
    return job is not None and user.is_authenticated and job.requested_by_id == user.pk


@rules.predicate
def runs_its_programme(user: AnyUser, job: Any) -> bool:
    return job is not None and job.programme_id is not None and runs_programme(user, job)


rules.add_perm("jobs.view_job", is_superuser | requested_it | runs_its_programme)
rules.add_perm("jobs.retry_job", is_superuser | requested_it | runs_its_programme)
