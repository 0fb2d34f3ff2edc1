"""The project list's reads in SQL written out (issue 14).

The list page composed five ORM queries on every request — the options of the filter form
(fields of action, org units, project leads), the count and the page of rows with four joins —
and building them cost several times what the database took to answer; the rows came back as
five model instances each. Here each read is one statement with the same filters and order,
and the rows are tuples of what a row shows. `selectors.filter_projects` (the ORM, which the
XLSX export uses) stays the reference: tests/portfolio/test_list_reads.py holds these reads to
it and to the form's former querysets on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime
from typing import Any
from typing import NamedTuple

from django.db import connections
from django.db import router

from lotse.accounts.roles import roles_of
from lotse.http import AnyUser
from lotse.paging import SlicedRows

from .models import Programme
from .models import Project
from .selectors import PROJECT_FILTERS
from .selectors import PROJECT_SORTS

Option = tuple[int, str]

FIELDS_SQL = (
    'SELECT id, name FROM portfolio_fieldofaction WHERE programme_id = %s ORDER BY "order", name'
)
ORG_UNITS_SQL = (
    "SELECT DISTINCT o.id, o.code, o.name FROM portfolio_orgunit o "
    "INNER JOIN portfolio_project p ON p.org_unit_id = o.id WHERE p.programme_id = %s "
    "ORDER BY o.code"
)
LEADS_SQL = (
    "SELECT DISTINCT u.id, u.display_name, u.first_name, u.last_name, u.username "
    "FROM accounts_user u INNER JOIN portfolio_project p ON p.lead_id = u.id "
    "WHERE p.programme_id = %s ORDER BY u.last_name, u.username"
)
ROWS_SQL = (
    "SELECT p.id, p.title, p.stage, p.kind, p.planned_start, p.planned_end, pp.title, f.name, "
    "o.code, u.display_name, u.first_name, u.last_name, u.username "
    "FROM portfolio_project p "
    "INNER JOIN portfolio_fieldofaction f ON f.id = p.field_of_action_id "
    "LEFT OUTER JOIN portfolio_project pp ON pp.id = p.parent_id "
    "LEFT OUTER JOIN portfolio_orgunit o ON o.id = p.org_unit_id "
    "LEFT OUTER JOIN accounts_user u ON u.id = p.lead_id"
)
COUNT_SQL = "SELECT COUNT(*) FROM portfolio_project p"
# The columns of the ORM's sort paths (selectors.PROJECT_SORTS) in ROWS_SQL.
SORT_COLUMNS = {
    "title": "p.title",
    "field_of_action__order": 'f."order"',
    "stage": "p.stage",
    "org_unit__code": "o.code",
    "lead__last_name": "u.last_name",
    "lead__username": "u.username",
    "planned_start": "p.planned_start",
    "planned_end": "p.planned_end",
}


def person_name(display_name: str, first_name: str, last_name: str, username: str) -> str:
    """`str(user)` from the user's columns: the display name, else the full name, else the
    username."""
    return display_name or f"{first_name} {last_name}".strip() or username


class FilterOptions(NamedTuple):
    """The choices of the project list's filters by field of action, org unit and lead: as
    `(id, str(object))`, in the order of the querysets the form had (fields by their order,
    units by code, leads by last name and username)."""

    fields: list[Option]
    org_units: list[Option]
    leads: list[Option]


def _rows(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connections[router.db_for_read(Project)].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def filter_options(programme: Programme) -> FilterOptions:
    """The options of the programme's project list filters, three queries."""
    params = [programme.pk]
    return FilterOptions(
        fields=_rows(FIELDS_SQL, params),
        org_units=[
            (pk, f"{code} – {name}" if name else code)
            for pk, code, name in _rows(ORG_UNITS_SQL, params)
        ],
        leads=[(row[0], person_name(*row[1:])) for row in _rows(LEADS_SQL, params)],
    )


class ListRow(NamedTuple):
    """One row of the project list: what `{% project_rows %}` shows."""

    pk: int
    title: str
    stage: str
    kind: str
    planned_start: datetime.date | None
    planned_end: datetime.date | None
    parent_title: str | None
    field_name: str
    org_unit_code: str | None
    lead_name: str | None


def _where(user: AnyUser, programme: Programme, filters: dict) -> tuple[str, list[Any]] | None:
    """The WHERE clause of `selectors.filter_projects(projects_visible_to(user).filter(
    programme=programme), filters)` and its parameters; None when the user sees no
    programme (the ORM's empty `IN ()`, which runs no query)."""
    conditions: list[str] = []
    params: list[Any] = []
    if not user.is_superuser:
        ids = sorted(roles_of(user).visible_programme_ids())
        if not ids:
            return None
        conditions.append(f"p.programme_id IN ({', '.join(['%s'] * len(ids))})")
        params.extend(ids)
    conditions.append("p.programme_id = %s")
    params.append(programme.pk)
    for key, column in PROJECT_FILTERS.items():
        value = filters.get(key)
        if value not in (None, ""):
            conditions.append(f"p.{column} = %s")
            params.append(value)
    text = (filters.get("q") or "").strip()
    if text:
        # `title__icontains` as the database's backend spells it.
        connection = connections[router.db_for_read(Project)]
        like = connection.operators["icontains"] % "%s"
        cast = connection.ops.lookup_cast("icontains", "CharField")
        conditions.append(f"({cast % 'p.title'} {like} OR {cast % 'p.short_name'} {like})")
        pattern = f"%{connection.ops.prep_for_like_query(text)}%"
        params.extend([pattern, pattern])
    return " WHERE " + " AND ".join(conditions), params


def _order_by(sort: str | None) -> str:
    paths = PROJECT_SORTS.get(sort or "title", PROJECT_SORTS["title"])
    return ", ".join(
        f"{SORT_COLUMNS[path[1:]]} DESC" if path.startswith("-") else SORT_COLUMNS[path]
        for path in paths
    )


class ProjectListRows(SlicedRows[ListRow]):
    """The project list's rows as `Paginator` reads them: the length and one slice, one
    query each."""

    def __init__(self, user: AnyUser, programme: Programme, filters: dict) -> None:
        self.where = _where(user, programme, filters)
        self.order_by = _order_by(filters.get("sort"))

    def __len__(self) -> int:
        if self.where is None:
            return 0
        where, params = self.where
        return int(_rows(COUNT_SQL + where, params)[0][0])

    def read(self, offset: int, limit: int) -> list[ListRow]:
        if self.where is None:
            return []
        where, params = self.where
        sql = f"{ROWS_SQL}{where} ORDER BY {self.order_by} LIMIT %s OFFSET %s"
        return [
            ListRow._make((*row[:9], person_name(*row[9:]) if row[12] is not None else None))
            for row in _rows(sql, [*params, limit, offset])
        ]
