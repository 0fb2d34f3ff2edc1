"""Reads of the report archive, with the permission-checking getter the views and the API use."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from lotse.http import AnyUser

from .models import ArchivedReport


def get_archived_report_for(
    user: AnyUser, pk: int, perm: str = "reports.view_archive", *, content: bool = True
) -> ArchivedReport:
    """An archived report (with its content unless `content` is false), if the user may read
    the programme's archive."""
    reports = ArchivedReport.objects if content else ArchivedReport.objects.without_content()
    archived = get_object_or_404(reports.select_related("programme"), pk=pk)
    if not user.has_perm(perm, archived):
        raise PermissionDenied
    return archived
