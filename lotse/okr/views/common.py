"""Pieces the OKR views share."""

from django.core.exceptions import PermissionDenied

from lotse.http import AnyUser


def require(user: AnyUser, perm: str, obj) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied
