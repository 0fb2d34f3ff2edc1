"""Pieces the OKR views share."""

from django.core.exceptions import PermissionDenied
from django.db.models import Model

from lotse.http import AnyUser


def require(user: AnyUser, perm: str, obj: Model | None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied
