"""Reads: permission-checking getters and the data of the planning pages."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from lotse.http import AnyUser
from lotse.portfolio.models import Programme, Project

from .models import Phase, WorkPackage


def _get_or_404(queryset: QuerySet[Any], **lookup: Any) -> Any:
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError):
        raise Http404 from None


def _require(user: AnyUser, perm: str, obj: Model) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def get_project_for(user: AnyUser, pk: int, perm: str = "planning.view_plan") -> Project:
    project = _get_or_404(Project.objects.select_related("programme"), pk=pk)
    _require(user, "portfolio.view_project", project)
    _require(user, perm, project)
    return project


def get_programme_for(user: AnyUser, slug: str, perm: str = "planning.view_capacity") -> Programme:
    programme = _get_or_404(Programme.objects.all(), slug=slug)
    _require(user, perm, programme)
    return programme


def get_phase_for(user: AnyUser, pk: int, perm: str = "planning.view_plan") -> Phase:
    phase = _get_or_404(Phase.objects.select_related("project__programme"), pk=pk)
    _require(user, "planning.view_plan", phase)
    _require(user, perm, phase)
    return phase


def get_work_package_for(user: AnyUser, pk: int, perm: str = "planning.view_plan") -> WorkPackage:
    work_package = _get_or_404(
        WorkPackage.objects.select_related("project__programme", "phase", "owner", "org_unit"),
        pk=pk,
    )
    _require(user, "planning.view_plan", work_package)
    _require(user, perm, work_package)
    return work_package
