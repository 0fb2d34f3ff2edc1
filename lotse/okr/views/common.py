"""Pieces the OKR views share: permission-checking getters and error mapping."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from lotse.http import AnyUser

from ..models import KeyResult, Objective, OkrLink


def require(user: AnyUser, perm: str, obj) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def get_objective(user: AnyUser, pk: int, perm: str = "okr.view_okrs") -> Objective:
    objective = get_object_or_404(
        Objective.objects.select_related(
            "project__programme", "project__field_of_action", "quarter", "field_of_action"
        ),
        pk=pk,
    )
    require(user, "okr.view_okrs", objective)
    require(user, perm, objective)
    return objective


def get_key_result(user: AnyUser, pk: int, perm: str = "okr.view_okrs") -> KeyResult:
    key_result = get_object_or_404(
        KeyResult.objects.select_related(
            "objective__project__programme", "objective__quarter", "owner"
        ),
        pk=pk,
    )
    require(user, "okr.view_okrs", key_result)
    require(user, perm, key_result)
    return key_result


def get_link(user: AnyUser, pk: int) -> OkrLink:
    link = get_object_or_404(
        OkrLink.objects.select_related(
            "from_objective__project__programme",
            "from_objective__quarter",
            "to_objective__project__programme",
            "to_objective__quarter",
        ),
        pk=pk,
    )
    require(user, "okr.view_okrs", link.from_objective)
    if not (
        user.has_perm("okr.change_links", link.from_objective)
        or user.has_perm("okr.change_links", link.to_objective)
    ):
        raise PermissionDenied
    return link
