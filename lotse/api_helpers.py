"""Small pieces every app's API routes share (the wiring of the routers is `lotse.api`)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


def require(request: HttpRequest, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def sent_changes(payload) -> dict:
    """The fields the client sent, without the version it edited."""
    data = payload.model_dump(exclude_unset=True)
    data.pop("version", None)
    return data
