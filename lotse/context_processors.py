from django.db import connections
from django.db import router
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from lotse.accounts.roles import roles_of
from lotse.http import AnyUser
from lotse.portfolio.models import Programme


def _nav_programmes(user: AnyUser) -> list[Programme]:
    """`programmes_visible_to(user)` with the fields the navigation shows, ordered by name, as
    one raw query: it runs on every page, and composing it with the ORM costs more than the
    database takes to answer it."""
    ids = None if user.is_superuser else sorted(roles_of(user).visible_programme_ids())
    if ids == []:
        return []
    quote = connections[router.db_for_read(Programme)].ops.quote_name
    meta = Programme._meta
    column = {f.name: quote(str(f.column)) for f in meta.concrete_fields}
    where = "" if ids is None else f" WHERE {column['id']} IN ({', '.join(['%s'] * len(ids))})"
    # Only names from the model's metadata and placeholders are spliced in.
    sql = (
        f"SELECT {', '.join(column[name] for name in NAV_FIELDS)}"  # noqa: S608
        f" FROM {quote(meta.db_table)}{where} ORDER BY {column['name']}"
    )
    return list(Programme.objects.raw(sql, ids))


NAV_FIELDS = ("id", "name", "slug", "short_name")


def navigation(request: HttpRequest) -> dict:
    """The programmes in the main navigation; loaded lazily, only when a page shows them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav_programmes": SimpleLazyObject(lambda: _nav_programmes(user))}
