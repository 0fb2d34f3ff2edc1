"""Which roles a user holds where, loaded once per request and cached on the user object.

Every permission predicate reads from here, so checking many objects on one page costs no
extra queries. A role on a programme also holds in its sub-programmes.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from typing import TYPE_CHECKING
from typing import cast

from django.db import connection

from lotse.http import AnyUser

if TYPE_CHECKING:
    from django.db.models import Field
    from django.db.models import Model

    from lotse.accounts.models import User

ATTR = "_lotse_roles"


@dataclass
class UserRoles:
    programme: dict[int, set[str]] = field(default_factory=dict)
    project: dict[int, set[str]] = field(default_factory=dict)
    # programmes in which the user holds a project role (so they may read the programme)
    member_programmes: set[int] = field(default_factory=set)
    is_superuser: bool = False

    def in_programme(self, programme_id: int) -> set[str]:
        return self.programme.get(programme_id, set())

    def in_project(self, project_id: int) -> set[str]:
        return self.project.get(project_id, set())

    def visible_programme_ids(self) -> set[int]:
        return set(self.programme) | self.member_programmes

    def holds_anywhere(self, *roles: str) -> bool:
        return any(found & set(roles) for found in self.programme.values())


def _table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _column(model: type[Model], name: str) -> str:
    column = cast("Field[object, object]", model._meta.get_field(name)).column
    return connection.ops.quote_name(column)


def _related(model: type[Model], name: str) -> type[Model]:
    return cast("type[Model]", model._meta.get_field(name).related_model)


def _ancestor_map() -> dict[int, int | None]:
    from lotse.accounts.models import ProgrammeRole

    # The programme model as the role's foreign key names it: accounts sits below the portfolio
    # and imports none of its modules (docs/architecture.md, layers).
    programme = _related(ProgrammeRole, "programme")
    with connection.cursor() as cursor:
        cursor.execute(
            # Only names from the models' metadata are spliced in, no value.
            f"SELECT {_column(programme, 'id')}, {_column(programme, 'parent')}"  # noqa: S608
            f" FROM {_table(programme)}"
        )
        return dict(cursor.fetchall())


# Where a row of the roles query comes from (its first column).
_PROGRAMME_ROLE, _PROJECT_ROLE, _PROJECT_LEAD = "g", "p", "l"


def _role_rows(user: User) -> list[tuple[str, int, int, str]]:
    """Every role the user holds, in one query: (kind, object id, programme id, role).

    A programme role names its programme twice; a project role and a project the user leads
    name the project and its programme. Written as SQL because it runs on every request and
    the ORM spends more time composing a three-part UNION than the database answering it.
    """
    from lotse.accounts.models import ProgrammeRole
    from lotse.accounts.models import ProjectRole

    project = _related(ProjectRole, "project")
    g, r, p = _table(ProgrammeRole), _table(ProjectRole), _table(project)
    g_programme, g_role, g_user = (_column(ProgrammeRole, f) for f in ("programme", "role", "user"))
    r_project, r_role, r_user = (_column(ProjectRole, f) for f in ("project", "role", "user"))
    p_id, p_programme, p_lead = (_column(project, f) for f in ("id", "programme", "lead"))
    # Only names from the models' metadata and the constants above are spliced in; the user is
    # a parameter.
    sql = (
        f"SELECT '{_PROGRAMME_ROLE}', {g}.{g_programme}, {g}.{g_programme}, {g}.{g_role}"  # noqa: S608
        f" FROM {g} WHERE {g}.{g_user} = %s"
        f" UNION ALL SELECT '{_PROJECT_ROLE}', {r}.{r_project}, {p}.{p_programme}, {r}.{r_role}"
        f" FROM {r} INNER JOIN {p} ON {p}.{p_id} = {r}.{r_project} WHERE {r}.{r_user} = %s"
        f" UNION ALL SELECT '{_PROJECT_LEAD}', {p}.{p_id}, {p}.{p_programme}, 'project_lead'"
        f" FROM {p} WHERE {p}.{p_lead} = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, user.pk, user.pk])
        return cursor.fetchall()


def load_roles(user: User) -> UserRoles:
    roles = UserRoles(is_superuser=bool(user.is_superuser))
    direct: dict[int, set[str]] = {}
    for kind, object_id, programme_id, role in _role_rows(user):
        if kind == _PROGRAMME_ROLE:
            direct.setdefault(object_id, set()).add(role)
        else:
            roles.project.setdefault(object_id, set()).add(role)
            roles.member_programmes.add(programme_id)
    if direct:
        parents = _ancestor_map()
        for programme_id in parents:
            inherited: set[str] = set()
            cursor: int | None = programme_id
            seen: set[int] = set()
            while cursor is not None and cursor not in seen:
                seen.add(cursor)
                inherited |= direct.get(cursor, set())
                cursor = parents.get(cursor)
            if inherited:
                roles.programme[programme_id] = inherited
    return roles


def roles_of(user: AnyUser) -> UserRoles:
    if user is None or not user.is_authenticated:
        return UserRoles()
    cached = getattr(user, ATTR, None)
    if cached is None:
        cached = load_roles(user)
        setattr(user, ATTR, cached)
    return cached


def forget_roles(user: AnyUser) -> None:
    """Call after changing a user's roles within the same request."""
    if hasattr(user, ATTR):
        delattr(user, ATTR)
