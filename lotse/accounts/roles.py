"""Which roles a user holds where, loaded once per request and cached on the user object.

Every permission predicate reads from here, so checking many objects on one page costs no
extra queries. A role on a programme also holds in its sub-programmes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from django.db.models import CharField, Value

from lotse.http import AnyUser

if TYPE_CHECKING:
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


def _ancestor_map() -> dict[int, int | None]:
    from lotse.accounts.models import ProgrammeRole

    # The programme model as the role's foreign key names it: accounts sits below the portfolio
    # and imports none of its modules (docs/architecture.md, layers).
    programme = cast("type[Model]", ProgrammeRole._meta.get_field("programme").related_model)
    return dict(programme._default_manager.order_by().values_list("id", "parent_id"))


# Where a row of the roles query comes from (its first column).
_PROGRAMME_ROLE, _PROJECT_ROLE, _PROJECT_LEAD = "g", "p", "l"


def _role_rows(user: User) -> list[tuple[str, int, int, str]]:
    """Every role the user holds, in one query: (kind, object id, programme id, role).

    A programme role names its programme twice; a project role and a project the user leads
    name the project and its programme.
    """
    from lotse.accounts.models import ProgrammeRole, ProjectRole

    text: CharField[str, str] = CharField()
    project = cast("type[Model]", ProjectRole._meta.get_field("project").related_model)
    programme_roles = (
        ProgrammeRole.objects.filter(user=user)
        .order_by()
        .values_list(
            Value(_PROGRAMME_ROLE, output_field=text), "programme_id", "programme_id", "role"
        )
    )
    project_roles = (
        ProjectRole.objects.filter(user=user)
        .order_by()
        .values_list(
            Value(_PROJECT_ROLE, output_field=text), "project_id", "project__programme_id", "role"
        )
    )
    led = (
        project._default_manager.filter(lead=user)
        .order_by()
        .values_list(
            Value(_PROJECT_LEAD, output_field=text),
            "id",
            "programme_id",
            Value("project_lead", output_field=text),
        )
    )
    return list(programme_roles.union(project_roles, led, all=True))


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
