"""Who may do what in the portfolio. The only place these decisions are made."""

import rules

from lotse.accounts.rules import is_superuser
from lotse.accounts.rules import leads_project
from lotse.accounts.rules import reads_programme
from lotse.accounts.rules import runs_programme
from lotse.accounts.rules import works_in_programme_office
from lotse.http import AnyUser

from .models import Dependency


@rules.predicate
def leads_dependency_source(user: AnyUser, dependency: Dependency | None) -> bool:
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
