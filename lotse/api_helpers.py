"""Small pieces every app's API routes share (the wiring of the routers is `lotse.api`)."""

from collections.abc import Callable
from typing import Any, get_type_hints

from django.db.models import Model
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import PageNumberPagination, _inject_pagination
from ninja.signature.details import is_collection_type
from pydantic import BaseModel

from lotse.http import require_perm


def require(request: HttpRequest, perm: str, obj: Model | None = None) -> None:
    """403 unless the request's user has `perm` (on `obj`): the one check, for API routes."""
    require_perm(request.user, perm, obj)


def sent_changes(payload: BaseModel) -> dict[str, Any]:
    """The fields the client sent, without the version it edited."""
    data = payload.model_dump(exclude_unset=True)
    data.pop("version", None)
    return data


# --- pagination: one convention for every list ---------------------------------------------


class Pagination(PageNumberPagination):
    """Pages of a list: `{"count": …, "next": URL | null, "previous": URL | null, "items":
    […]}`; `?page=2&page_size=50` (at most NINJA_MAX_PER_PAGE_SIZE per page). `next` and
    `previous` are the full URLs of the neighbouring pages with every other filter kept."""

    class Input(Schema):
        page: int = Field(1, ge=1, description="Nummer der Seite, ab 1.")
        page_size: int | None = Field(
            None, ge=1, description="Einträge je Seite; Vorgabe und Höchstwert: 100."
        )

    class Output(Schema):
        count: int
        next: str | None = None
        previous: str | None = None
        items: list[Any]

    def paginate_queryset(
        self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        size = self._get_page_size(pagination.page_size)
        number = pagination.page
        page["next"] = _page_url(request, number + 1) if number * size < page["count"] else None
        page["previous"] = _page_url(request, number - 1) if number > 1 else None
        return page


def _page_url(request: HttpRequest, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


class ApiRouter(Router):
    """A router whose GET operations answering a list (`response={200: list[X], …}`) are
    paginated with `Pagination`, so no list can be added unpaginated."""

    def add_api_operation(
        self, path: str, methods: list[str], view_func: Callable[..., Any], **kwargs: Any
    ) -> None:
        response = kwargs.get("response")
        ok = response.get(200) if isinstance(response, dict) else response
        if "GET" in methods and is_collection_type(ok):
            # Resolve string annotations (`from __future__ import annotations`) in the view's
            # own module: the paginated wrapper's signature is read elsewhere.
            view_func.__annotations__ = get_type_hints(view_func, include_extras=True)
            view_func = _inject_pagination(view_func, Pagination)
        super().add_api_operation(path, methods, view_func, **kwargs)
