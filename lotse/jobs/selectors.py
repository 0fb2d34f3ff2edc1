"""Reads of jobs, with the permission-checking getter the views use."""

from django.db.models import QuerySet

from lotse.http import AnyUser
from lotse.http import get_checked

from .models import Job


def get_job_for(user: AnyUser, pk: int, perm: str = "jobs.view_job") -> Job:
    return get_checked(Job.objects.select_related("requested_by", "programme"), user, perm, pk=pk)


def jobs_of(user: AnyUser) -> QuerySet[Job]:
    """The person's own jobs, newest first ("Meine Dokumente")."""
    if not user.is_authenticated:
        return Job.objects.none()
    return Job.objects.filter(requested_by_id=user.pk).select_related("programme")
