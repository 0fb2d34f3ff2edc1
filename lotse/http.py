"""Typed requests: what our middleware and authentication guarantee on `request`.

Views behind `login_required` and API endpoints (which all require authentication) take an
`AuthedRequest`, whose `user` is a real `User`; public views take Django's `HttpRequest`, or
`Request` when they read `request.htmx`.
"""

import html
from collections.abc import Callable
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING
from typing import Any
from typing import TypeAlias
from typing import TypeVar
from typing import cast

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page
from django.core.paginator import Paginator
from django.db.models import Model
from django.db.models import QuerySet
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.shortcuts import render
from django.urls import get_script_prefix
from django.urls import get_urlconf
from django.urls import reverse
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    # django-stubs resolves `_User` to settings.AUTH_USER_MODEL (lotse.accounts.models.User);
    # importing that model here would break the layers (lotse.http is below accounts).
    from django.contrib.auth.models import _User as User
else:  # at runtime (annotations that ninja evaluates): the user model's base class
    from django.contrib.auth.base_user import AbstractBaseUser as User

# Who may be asking: selectors and rules accept the anonymous visitor as well.
AnyUser: TypeAlias = User | AnonymousUser


M = TypeVar("M", bound=Model)


def get_or_404(queryset: QuerySet[M], **lookup: Any) -> M:
    """The one object of `queryset` the lookup names; 404 when there is none or the id from
    the request is malformed. For the permission-checking getters in `selectors.py`."""
    try:
        return queryset.get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_or_new(model: type[M], pk: int | None, **fields: Any) -> M:
    """For a page that both creates and edits: the object of `model` with `pk` among those
    with `fields` (404 when there is none), or a new, unsaved one with `fields` without `pk`."""
    return get_object_or_404(model, pk=pk, **fields) if pk else model(**fields)


def require_perm(user: AnyUser, perm: str, obj: Model | None = None) -> None:
    """403 unless `user` has `perm` (on `obj`)."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def get_checked(
    queryset: QuerySet[M],
    user: AnyUser,
    *perms: str,
    checked_on: Callable[[M], Model] | None = None,
    **lookup: Any,
) -> M:
    """The object the lookup names (404 as `get_or_404`), once `user` has every one of
    `perms` on it, or on `checked_on(obj)` (a card's board), 403 otherwise: the body of the
    getters `get_<thing>_for` in selectors."""
    obj = get_or_404(queryset, **lookup)
    checked = obj if checked_on is None else checked_on(obj)
    for perm in perms:
        require_perm(user, perm, checked)
    return obj


# A number no address contains by itself: it marks where the id goes in a reversed path.
_ID_MARK = 2_147_480_017


@lru_cache(maxsize=512)
def _id_pattern(
    root: str, urlconf: str | None, prefix: str, name: str, leading: tuple[str, ...]
) -> tuple[str, str]:
    path = reverse(name, args=[*leading, _ID_MARK])
    head, _mark, tail = path.rpartition(str(_ID_MARK))
    return head, tail


def id_url(name: str, *args: object) -> str:
    """`reverse(name, args=args)` for a route whose last argument is an integer id (a
    project's page, an agenda item's form), in a loop over many rows: reversed once per
    process for each name and leading arguments (a programme's slug), then only the id is
    put in. A page linking hundreds of rows reversed each of them (issue 14). Keyed like
    `{% nav_url %}` by the URLconf and the script prefix in use."""
    *leading, pk = args
    head, tail = _around_id(name, leading)
    return f"{head}{int(cast(int, pk))}{tail}"


def id_url_around(name: str, *leading: object) -> tuple[str, str]:
    """`id_url(name, *leading, pk)` as the HTML-escaped text before and after the id: a row
    built by a template tag puts its id in between (digits need no escaping)."""
    head, tail = _around_id(name, leading)
    return html.escape(head), html.escape(tail)


def _around_id(name: str, leading: Sequence[object]) -> tuple[str, str]:
    root, urlconf, prefix = settings.ROOT_URLCONF, get_urlconf(), get_script_prefix()
    return _id_pattern(root, urlconf, prefix, name, tuple(str(arg) for arg in leading))


class Request(HttpRequest):
    """Any request; django-htmx's middleware sets `htmx` on every one."""

    htmx: HtmxDetails


class AuthedRequest(Request):
    """A request of a logged-in user (`login_required`, or the API's session/token auth)."""

    user: User


def paginate(
    request: HttpRequest,
    items: Sequence[Any] | QuerySet[Any],
    per_page: int,
    param: str = "seite",
) -> tuple[Page[Any], str]:
    """The page the `param` GET parameter asks for (the last one when it is too high, the
    first when it is not a number) and the other GET parameters, urlencoded, for the pager's
    links (`includes/pager.html`)."""
    page = Paginator(items, per_page).get_page(request.GET.get(param))
    query = request.GET.copy()
    query.pop(param, None)
    return page, query.urlencode()


def section_page(
    request: HttpRequest,
    template: str,
    programme: Any,
    *,
    section: str,
    status: int = 200,
    **context: Any,
) -> HttpResponse:
    """A page of `programme` in the navigation's `section`: `template` with `context`, the
    programme and the section. An app names its section once: `partial(section_page,
    section="ideas")`."""
    context = {"programme": programme, "nav_section": section, **context}
    return render(request, template, context, status=status)


def project_section_page(
    request: HttpRequest, template: str, project: Any, **context: Any
) -> HttpResponse:
    """A page of `project` (its Steckbrief, finance tab, a form under it): in the navigation's
    Projekte section, with the project and its programme."""
    context["project"] = project
    return section_page(request, template, project.programme, section="projects", **context)


def render_list(request: Request, template: str, context: dict[str, Any]) -> HttpResponse:
    """A filterable list page; to the htmx request of its filter form only the template's
    `results` partial, the part that changes."""
    return render(request, f"{template}#results" if request.htmx else template, context)
