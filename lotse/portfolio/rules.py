"""Who may do what in the portfolio. The only place these decisions are made."""

import rules

from lotse.accounts.roles import roles_of
from lotse.http import AnyUser

PROGRAMME_OFFICE = {"programme_manager", "pmo"}


def _programme_id(obj) -> int:
    # Predicates accept a Programme or anything that belongs to one.
    return obj.pk if obj.__class__.__name__ == "Programme" else obj.programme_id


@rules.predicate
def is_superuser(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


@rules.predicate
def reads_programme(user: AnyUser, obj) -> bool:
    """Any role in the programme, or in one of its projects, lets a user read it."""
    if obj is None:
        return False
    return _programme_id(obj) in roles_of(user).visible_programme_ids()


@rules.predicate
def runs_programme(user: AnyUser, obj) -> bool:
    """Programme manager and PMO steer the whole programme."""
    if obj is None:
        return False
    return bool(roles_of(user).in_programme(_programme_id(obj)) & PROGRAMME_OFFICE)


@rules.predicate
def leads_project(user: AnyUser, project) -> bool:
    if project is None:
        return False
    return "project_lead" in roles_of(user).in_project(project.pk)


@rules.predicate
def works_in_programme_office(user: AnyUser) -> bool:
    """PMO or programme manager of any programme (org units are shared by all programmes)."""
    return roles_of(user).holds_anywhere(*PROGRAMME_OFFICE)


@rules.predicate
def leads_dependency_source(user: AnyUser, dependency) -> bool:
    return dependency is not None and leads_project(user, dependency.source)


rules.add_perm("portfolio.view_programme", is_superuser | reads_programme)
rules.add_perm("portfolio.change_programme", is_superuser | runs_programme)
rules.add_perm("portfolio.add_project", is_superuser | runs_programme)
rules.add_perm("portfolio.view_project", is_superuser | reads_programme)
rules.add_perm("portfolio.change_project", is_superuser | runs_programme | leads_project)
rules.add_perm("portfolio.change_goal_matrix", is_superuser | runs_programme)
rules.add_perm("portfolio.change_field_of_action", is_superuser | runs_programme)
rules.add_perm("portfolio.add_dependency", is_superuser | runs_programme | leads_project)
rules.add_perm(
    "portfolio.delete_dependency", is_superuser | runs_programme | leads_dependency_source
)
rules.add_perm("portfolio.change_org_unit", is_superuser | works_in_programme_office)
rules.add_perm("portfolio.view_org_unit", rules.is_authenticated)
# Publishing and naming the accountable lead are programme-office decisions.
rules.add_perm("portfolio.publish_project", is_superuser | runs_programme)
# The PMO proposes a project for release of its initiation; its lead reports completion.
rules.add_perm("portfolio.propose_release", is_superuser | runs_programme)
rules.add_perm("portfolio.report_completion", is_superuser | runs_programme | leads_project)
rules.add_perm("portfolio.assign_project_lead", is_superuser | runs_programme)
