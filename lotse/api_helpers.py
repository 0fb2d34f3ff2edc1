"""Small pieces every app's API routes share (the wiring of the routers is `lotse.api`)."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest
from pydantic import BaseModel


def require(request: HttpRequest, perm: str, obj: Model | None = None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def sent_changes(payload: BaseModel) -> dict[str, Any]:
    """The fields the client sent, without the version it edited."""
    data = payload.model_dump(exclude_unset=True)
    data.pop("version", None)
    return data
