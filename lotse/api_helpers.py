"""Small pieces every app's API routes share (the wiring of the routers is `lotse.api`)."""

from collections.abc import Callable, Mapping
from typing import Any, TypeAlias, get_type_hints

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import PageNumberPagination, _inject_pagination
from ninja.signature.details import is_collection_type
from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

from lotse import hygiene
from lotse.http import require_perm
from lotse.hygiene import MULTILINE, hygiene_json_schema


def require(request: HttpRequest, perm: str, obj: Model | None = None) -> None:
    """403 unless the request's user has `perm` (on `obj`): the one check, for API routes."""
    require_perm(request.user, perm, obj)


# What to say about an id that names nothing in the request's scope: a text with `%(id)s`,
# or a function of the id (`partial(unknown_id, _("Ein Projekt"))`).
Unknown: TypeAlias = str | Callable[[Any], str]


def unknown_id(what: str, pk: object) -> str:
    """`Ein Projekt mit der Id 7 gibt es hier nicht.`"""
    return _("%(what)s mit der Id %(id)s gibt es hier nicht.") % {"what": what, "id": pk}


def unknown_id_error(field: str, what: str, pk: object) -> ValidationError:
    return ValidationError({field: [unknown_id(what, pk)]})


def resolve_ids(data: dict[str, Any], lookups: Mapping[str, tuple[QuerySet[Any], Unknown]]) -> None:
    """Replace the ids the client sent in `data` by the objects of each lookup's queryset (the
    request's scope: this programme, this project); an id that names none is an error on its
    field, all of them in one 422."""
    errors: dict[str, list[str]] = {}
    for name, (queryset, unknown) in lookups.items():
        pk = data.get(name)
        if pk is None:
            continue
        found = queryset.filter(pk=pk).first()
        if found is None:
            errors[name] = [unknown(pk) if callable(unknown) else unknown % {"id": pk}]
        else:
            data[name] = found
    if errors:
        raise ValidationError(errors)


def resolve_id(queryset: QuerySet[Any], pk: int | None, field: str, unknown: Unknown) -> Any:
    """The object of `queryset` the id `pk` names (None for None); else a 422 on `field`."""
    data = {field: pk}
    resolve_ids(data, {field: (queryset, unknown)})
    return data[field]


def sent_changes(payload: BaseModel) -> dict[str, Any]:
    """The fields the client sent, without the version it edited."""
    data = payload.model_dump(exclude_unset=True)
    data.pop("version", None)
    return data


# --- the schemas every app's endpoints share ------------------------------------------------


class Clean(Schema):
    """Input hygiene for every request body and query (see `lotse.hygiene`): no control
    characters (tab and line breaks only in `Text` fields), dates between 1900 and 2200,
    integers within the database's range. The bounds are stated in the OpenAPI schema."""

    model_config = ConfigDict(json_schema_extra=hygiene_json_schema)

    @field_validator("*", mode="after")
    @classmethod
    def _hygiene(cls, value: Any, info: ValidationInfo) -> Any:
        name = info.field_name or ""
        field = cls.model_fields.get(name)
        multiline = field is not None and MULTILINE in field.metadata
        try:
            return hygiene.check_value(value, multiline=multiline)
        except hygiene.Refused as exc:
            raise ValueError(str(exc)) from exc


class In(Clean):
    """Base of every request body: unknown fields are refused, text is trimmed."""

    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, json_schema_extra=hygiene_json_schema
    )


class Error(Schema):
    detail: str


class ValidationErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]]


# The error answers an operation declares: every one may be 401, 403 or 404; a write may
# also be refused (422), and where the client sends the version it edited, stale (409).
READ: dict[int, type[Schema]] = {401: Error, 403: Error, 404: Error}
WRITE_UNVERSIONED: dict[int, type[Schema]] = {**READ, 422: ValidationErrorOut}
WRITE: dict[int, type[Schema]] = {**READ, 409: Error, 422: ValidationErrorOut}


def left_out(**constraints: Any) -> Any:
    """A PATCH field that may be left out (it stays unchanged) but not sent as null: its type
    has no None; the default None only marks "not sent" (pydantic does not validate defaults,
    and `exclude_unset` drops it)."""
    return Field(None, **constraints)


# Resolvers of the output fields that follow the API's conventions: a choice travels as its
# code with the German display name next to it (`<field>_label`), a person as id with
# `<field>_name`, and `can_<verb>` says whether the asking user may do it. In a schema:
# `kind_label: str = Field(alias="get_kind_display")`, `resolve_lead_name: ClassVar[Resolver]
# = name_of("lead")`, `resolve_can_edit: ClassVar[Resolver] = may("portfolio.change_project")`
# (a class attribute of the schema, no field of it).
Resolver: TypeAlias = Callable[..., Any]


def name_of(field: str) -> Resolver:
    """Resolver of `<field>_name`: the related object `field` as text, None without one."""

    def resolve(obj: Any) -> str | None:
        related = getattr(obj, field)
        return str(related) if related is not None else None

    return staticmethod(resolve)


def may(perm: str) -> Resolver:
    """Resolver of a `can_<verb>` flag: whether the request's user has `perm` on the object."""

    def resolve(obj: Any, context: dict[str, Any] | None) -> bool:
        return user_may(context, perm, obj)

    return staticmethod(resolve)


def user_may(context: dict[str, Any] | None, perm: str, obj: Model) -> bool:
    """Whether the user of the request in a resolver's `context` has `perm` on `obj`."""
    request = (context or {}).get("request")
    return bool(request is not None and request.user.has_perm(perm, obj))


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
