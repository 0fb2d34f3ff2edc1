"""The base predicates every app's rules build on, and who may see and change the team.

They read only the roles cache (`lotse.accounts.roles`), so every app may use them; the
portfolio and the apps above it add their own predicates in their own `rules.py`.
"""

from collections.abc import Callable
from typing import Any

import rules

from lotse.http import AnyUser

from .roles import roles_of

PROGRAMME_OFFICE = {"programme_manager", "pmo"}


def _programme_id(obj: Any) -> int:
    # Predicates accept a Programme or anything that belongs to one.
    return obj.pk if obj.__class__.__name__ == "Programme" else obj.programme_id


@rules.predicate
def is_superuser(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


@rules.predicate
def reads_programme(user: AnyUser, obj: Any) -> bool:
    """Any role in the programme, or in one of its projects, lets a user read it."""
    if obj is None:
        return False
    return _programme_id(obj) in roles_of(user).visible_programme_ids()


@rules.predicate
def runs_programme(user: AnyUser, obj: Any) -> bool:
    """Programme manager and PMO steer the whole programme."""
    if obj is None:
        return False
    return bool(roles_of(user).in_programme(_programme_id(obj)) & PROGRAMME_OFFICE)


@rules.predicate
def leads_project(user: AnyUser, project: Any) -> bool:
    if project is None:
        return False
    return "project_lead" in roles_of(user).in_project(project.pk)


def its_programme_predicates(
    programme_of: Callable[[Any], Any],
) -> tuple[rules.Predicate, rules.Predicate]:
    """`reads_its_programme` and `runs_its_programme` for an app whose objects reach their
    programme (or anything carrying `programme_id`) through `programme_of`."""

    def reads_its_programme(user: AnyUser, obj: Any) -> bool:
        return obj is not None and reads_programme(user, programme_of(obj))

    def runs_its_programme(user: AnyUser, obj: Any) -> bool:
        return obj is not None and runs_programme(user, programme_of(obj))

    return rules.predicate(reads_its_programme), rules.predicate(runs_its_programme)


def its_project_predicate(project_of: Callable[[Any], Any]) -> rules.Predicate:
    """`leads_its_project` for an app whose objects reach their project (or None) through
    `project_of`."""

    def leads_its_project(user: AnyUser, obj: Any) -> bool:
        return obj is not None and leads_project(user, project_of(obj))

    return rules.predicate(leads_its_project)


@rules.predicate
def works_in_programme_office(user: AnyUser) -> bool:
    """PMO or programme manager of any programme (org units are shared by all programmes)."""
    return roles_of(user).holds_anywhere(*PROGRAMME_OFFICE)


rules.add_perm("accounts.view_team", is_superuser | reads_programme)
rules.add_perm("accounts.manage_team", is_superuser | runs_programme)
