"""Reads of the report archive, with the permission-checking getter the views and the API use."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from lotse.http import AnyUser

from .models import ArchivedReport


def get_archived_report_for(
    user: AnyUser, pk: int, perm: str = "reports.view_archive"
) -> ArchivedReport:
    """An archived report with its content, if the user may read the programme's archive."""
    archived = get_object_or_404(ArchivedReport.objects.select_related("programme"), pk=pk)
    if not user.has_perm(perm, archived):
        raise PermissionDenied
    return archived
