"""Small pieces every app's API routes share (the wiring of the routers is `lotse.api`)."""

import inspect
import re
from collections.abc import Callable
from collections.abc import Mapping
from collections.abc import Sequence
from types import GenericAlias
from typing import Annotated
from typing import Any
from typing import TypeAlias
from typing import TypedDict
from typing import Unpack
from typing import get_type_hints

from django.core.exceptions import ImproperlyConfigured
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field
from ninja import Query
from ninja import Router
from ninja import Schema
from ninja import Status
from ninja.pagination import PageNumberPagination
from ninja.pagination import _inject_pagination
from ninja.signature.details import is_collection_type
from pydantic import BaseModel
from pydantic import ConfigDict
from pydantic import ValidationInfo
from pydantic import field_validator

from lotse import hygiene
from lotse.http import require_perm
from lotse.hygiene import MULTILINE
from lotse.hygiene import hygiene_json_schema


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


# The object whose comments or attachments are listed, named in the query
# (`?target=portfolio.project&id=7`).
TargetLabel: TypeAlias = Annotated[
    str, Query(..., description="Art des Objekts als Modellname, z. B. `portfolio.project`.")
]
TargetId: TypeAlias = Annotated[int, Query(..., description="Id des Objekts.")]

# The `version` of the object the client last read (optimistic locking): a body field
# `version: ReadVersion` (or `ReadVersionOrNone = None` where it may be left out) and the
# query parameter `VERSION_PARAM` carry one description.
READ_VERSION = "Die zuletzt gelesene `version`; ist das Objekt inzwischen neuer: 409."
ReadVersion: TypeAlias = Annotated[int, Field(description=READ_VERSION)]
ReadVersionOrNone: TypeAlias = Annotated[int | None, Field(description=READ_VERSION)]


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


def ids_of(field: str, *, ordered: bool = False) -> Resolver:
    """Resolver of a list of ids: the objects of the many-relation `field`, in the relation's
    order or (`ordered`) by id."""

    def resolve(obj: Any) -> list[int]:
        ids = [related.pk for related in getattr(obj, field).all()]
        return sorted(ids) if ordered else ids

    return staticmethod(resolve)


def as_text() -> Resolver:
    """Resolver of a field that is the object itself as text (a quarter's `label`: „Q3 2026“)."""

    def resolve(obj: Any) -> str:
        return str(obj)

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


# What `ApiRouter.read` and `ApiRouter.write` return: a decorator registering the view.
Decorator: TypeAlias = Callable[[Callable[..., Any]], Callable[..., Any]]

# A selector's permission-checking getter: `get_<entity>_for(user, pk[, perm])`.
Getter: TypeAlias = Callable[..., Any]

# The path ids that are not numbers.
_ID_TYPES: dict[str, type] = {"slug": str}


def payload_param(schema: type[Schema]) -> inspect.Parameter:
    """The request body of a view made by `ApiRouter.add_view`: `payload: schema`."""
    return inspect.Parameter("payload", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=schema)


VERSION_PARAM = inspect.Parameter(
    "version",
    inspect.Parameter.POSITIONAL_OR_KEYWORD,
    default=Query(None, description=READ_VERSION),
    annotation=int | None,
)


class Answer(TypedDict, total=False):
    """What `ApiRouter.read`, `write` and `create` declare besides the answer: the error
    answers (`errors`) and the operation's `tags`."""

    errors: Mapping[int, type[Schema]]
    tags: list[str]


class ViewOptions(TypedDict, total=False):
    """How `ApiRouter.add_view` presents a view: `name`, the view's name where it is not the
    operation id (the route's URL name and the operation's summary); `tags`; `doc`, its
    description."""

    name: str
    tags: list[str]
    doc: str


class ApiRouter(Router):
    """A router whose GET operations answering a list (`response={200: list[X], …}`) are
    paginated with `Pagination`, so no list can be added unpaginated.

    Its decorators `read`, `write` and `create` declare an operation's answer together with
    the API's error answers (`READ`, `WRITE`). Besides, it registers the routes every app
    repeats from one call each (`add_list`, `add_detail`, `add_create`, `add_update`,
    `add_delete`): their view hands the
    path's id to the selector's permission-checking getter `get(user, id[, perm])` and what it
    finds to a query or a service. `module` is the app's API module, where those views are said
    to live (tests/api finds an app's routes by it)."""

    def __init__(self, *, module: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.module = module

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

    def read(self, path: str, out: Any, operation_id: str, **answer: Unpack[Answer]) -> Decorator:
        """`@router.read(path, out, operation_id)`: a GET answering `out`, or one of the
        `errors` (`READ`)."""
        answer.setdefault("errors", READ)
        return self.write("GET", path, out, operation_id, **answer)

    def write(
        self,
        method: str,
        path: str,
        out: Any,
        operation_id: str,
        *,
        status: int = 200,
        **answer: Unpack[Answer],
    ) -> Decorator:
        """`@router.write("PATCH", path, out, operation_id)`: an operation that changes
        something, answering `out` with `status`, or one of the `errors` (`WRITE`)."""
        response = {status: out, **answer.get("errors", WRITE)}
        tags = answer.get("tags")
        return self.api_operation(
            [method], path, response=response, operation_id=operation_id, tags=tags
        )

    def create(self, path: str, out: Any, operation_id: str, **answer: Unpack[Answer]) -> Decorator:
        """`@router.create(path, out, operation_id)`: a POST answering `out` with 201, or one
        of the `errors` (`WRITE`)."""
        return self.write("POST", path, out, operation_id, status=201, **answer)

    def add_list(
        self,
        path: str,
        out: type[Schema],
        get: Getter,
        rows: Callable[[Any], Any],
        operation_id: str,
        *,
        perm: str | None = None,
        **view: Unpack[ViewOptions],
    ) -> None:
        """GET `path`: `rows(parent)` of the object `get(user, id[, perm])` finds, as a page
        of `out`."""

        def listed(request: HttpRequest, pk: Any) -> Any:
            return rows(_found(get, request, pk, perm))

        response = {200: GenericAlias(list, (out,)), **READ}
        self.add_view("GET", path, listed, operation_id, response, **view)

    def add_detail(
        self,
        path: str,
        out: type[Schema],
        get: Getter,
        operation_id: str,
        **view: Unpack[ViewOptions],
    ) -> None:
        """GET `path`: the object `get(user, id)` finds (404 or 403 otherwise), as `out`."""

        def detail(request: HttpRequest, pk: Any) -> Any:
            return get(request.user, pk)

        self.add_view("GET", path, detail, operation_id, {200: out, **READ}, **view)

    def add_create(
        self,
        path: str,
        out: type[Schema],
        body: type[Schema],
        get: Getter,
        create: Callable[..., Any],
        operation_id: str,
        *,
        perm: str | None = None,
        resolve: Callable[[dict[str, Any], Any], dict[str, Any]] | None = None,
        **view: Unpack[ViewOptions],
    ) -> None:
        """POST `path` with a `body`: the service `create` adds an object to the one
        `get(user, id[, perm])` finds, passed as its first (keyword) argument, with the
        payload's fields as `data` (its ids turned into objects by `resolve(data, parent)`);
        201 with the new object as `out`."""
        parent = _first_param(create)

        def add(request: HttpRequest, pk: Any, payload: Schema) -> Status[Any]:
            found = _found(get, request, pk, perm)
            data = payload.model_dump()
            if resolve is not None:
                data = resolve(data, found)
            return Status(201, create(**{parent: found}, data=data))

        self.add_view("POST", path, add, operation_id, {201: out, **WRITE}, [body], **view)

    def add_update(
        self,
        path: str,
        out: type[Schema],
        body: type[Schema],
        get: Getter,
        update: Callable[..., Any],
        operation_id: str,
        *,
        perm: str,
        resolve: Callable[[dict[str, Any], Any], dict[str, Any]] | None = None,
        **view: Unpack[ViewOptions],
    ) -> None:
        """PATCH `path` with a `body` that carries the `version` the client edited: the
        service `update` changes the object `get(user, id, perm)` finds, passed as its first
        (keyword) argument, by the fields sent (their ids turned into objects by
        `resolve(changes, found)`; a newer object is a 409); 200 with the object it returns
        as `out`."""
        entity = _first_param(update)

        def change(request: HttpRequest, pk: Any, payload: Any) -> Any:
            found = get(request.user, pk, perm)
            changes = sent_changes(payload)
            if resolve is not None:
                changes = resolve(changes, found)
            return update(**{entity: found}, data=changes, expected_version=payload.version)

        self.add_view("PATCH", path, change, operation_id, {200: out, **WRITE}, [body], **view)

    def add_delete(
        self,
        path: str,
        get: Getter,
        delete: Callable[..., None],
        operation_id: str,
        *,
        perm: str | None = None,
        versioned: bool = False,
        errors: Mapping[int, type[Schema]] = WRITE,
        **view: Unpack[ViewOptions],
    ) -> None:
        """DELETE `path`: the service `delete` removes the object `get(user, id, perm)` finds,
        passed as its first (keyword) argument (`card_delete(card=…)`); 204. `versioned`: the
        client may send `?version=` (the version it last read), passed on as
        `expected_version`; a newer object is a 409."""
        entity = _first_param(delete)

        def remove(request: HttpRequest, pk: Any, **query: int | None) -> Status[None]:
            obj = _found(get, request, pk, perm)
            version = {"expected_version": query["version"]} if versioned else {}
            delete(**{entity: obj}, **version)
            return Status(204, None)

        query = [VERSION_PARAM] if versioned else []
        self.add_view("DELETE", path, remove, operation_id, {204: None, **errors}, query, **view)

    def add_view(
        self,
        method: str,
        path: str,
        run: Callable[..., Any],
        operation_id: str,
        response: dict[int, Any],
        params: Sequence[inspect.Parameter | type[Schema]] = (),
        **options: Unpack[ViewOptions],
    ) -> None:
        """Register `run(request, <path's id>, **params)` as the operation `operation_id`, a
        view (named `operation_id` unless `options` name it) of `self.module` with the
        signature ninja reads: the request, the path's last `{id}` (`slug` is text, every other
        id a number), then `params` (a query parameter; a schema: the `payload`)."""

        if not self.module:
            raise ImproperlyConfigured(f"{operation_id}: ApiRouter(module=__name__) fehlt.")

        def view(request: HttpRequest, **values: Any) -> Any:
            pk = values.pop(id_name)
            return run(request, pk, **values)

        id_name = re.findall(r"{(\w+)}", path)[-1]
        id_param = inspect.Parameter(
            id_name, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=_ID_TYPES.get(id_name, int)
        )
        request = inspect.Parameter(
            "request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=HttpRequest
        )
        rest = [p if isinstance(p, inspect.Parameter) else payload_param(p) for p in params]
        signature = [request, id_param, *rest]
        view.__signature__ = inspect.Signature(signature)  # type: ignore[attr-defined]
        view.__annotations__ = {p.name: p.annotation for p in signature}
        view.__name__ = view.__qualname__ = options.get("name", operation_id)
        view.__module__ = self.module
        view.__doc__ = options.get("doc")
        tags = options.get("tags")
        self.add_api_operation(
            path, [method], view, response=response, operation_id=operation_id, tags=tags
        )


def _first_param(service: Callable[..., Any]) -> str:
    """The name of a service's first parameter: the object it works on (`card_delete(card=…)`)."""
    return next(iter(inspect.signature(service).parameters))


def _found(get: Getter, request: HttpRequest, pk: Any, perm: str | None) -> Any:
    """The object `get(user, pk[, perm])` finds for the request's user."""
    return get(request.user, pk, perm) if perm else get(request.user, pk)
