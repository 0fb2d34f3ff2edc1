"""Reads of jobs, with the permission-checking getter the views use."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from lotse.http import AnyUser

from .models import Job


def get_job_for(user: AnyUser, pk: int, perm: str = "jobs.view_job") -> Job:
    job = get_object_or_404(Job.objects.select_related("requested_by", "programme"), pk=pk)
    if not user.has_perm(perm, job):
        raise PermissionDenied
    return job


def jobs_of(user: AnyUser) -> QuerySet[Job]:
    """The person's own jobs, newest first ("Meine Dokumente")."""
    if not user.is_authenticated:
        return Job.objects.none()
    return Job.objects.filter(requested_by_id=user.pk).select_related("programme")
