"""Who may do what with the programme's money. The only place these decisions are made.

Objects passed in: a Programme, a Project, or a finance object (budget line, actual, funding,
deadline, contract, call-off). Reading follows the programme; the programme office (PMO and
programme manager) edits everything; a project lead edits the plan lines of her own project
while they are not "veranschlagt"; actuals only the programme office enters or imports.
"""

from typing import Any

import rules

from lotse.accounts.roles import roles_of
from lotse.accounts.rules import is_superuser
from lotse.accounts.rules import its_programme_predicates
from lotse.accounts.rules import its_project_predicate
from lotse.http import AnyUser


def _programme_of(obj: Any) -> Any:
    """The programme-like object the portfolio predicates understand."""
    name = obj.__class__.__name__
    if name in ("Programme", "Project"):
        return obj
    if name == "Actual":
        return obj.budget_line
    if name == "CallOff":
        return obj.contract
    if name == "FundingPhase":
        return obj.funding
    return obj  # every other finance object carries programme_id


reads_its_programme, runs_its_programme = its_programme_predicates(_programme_of)


# A Project the user leads, or a budget line of one.
leads_its_project = its_project_predicate(
    lambda obj: obj if obj.__class__.__name__ == "Project" else getattr(obj, "project", None)
)


@rules.predicate
def line_still_open(user: AnyUser, line: Any) -> bool:
    """Plan lines stay the lead's until the budget is "veranschlagt"."""
    from .models import BudgetStatus

    if line is None or line.__class__.__name__ != "BudgetLine":
        return True  # a new line on a project: the service refuses "veranschlagt" for leads
    return line.status != BudgetStatus.PLANNED


# Who answers for what the public sees of the money: the programme manager (issue 12: "off by
# default, switched by the programme manager"); the PMO keeps the other finance settings.
PUBLISHES_TOTALS = {"programme_manager"}


@rules.predicate
def publishes_its_totals(user: AnyUser, obj: Any) -> bool:
    if obj is None:
        return False
    programme = _programme_of(obj)
    programme_id = programme.pk if programme.__class__.__name__ == "Programme" else None
    if programme_id is None:
        programme_id = programme.programme_id
    return bool(roles_of(user).in_programme(programme_id) & PUBLISHES_TOTALS)


rules.add_perm("finance.view_finance", is_superuser | reads_its_programme)
rules.add_perm("finance.manage_finance", is_superuser | runs_its_programme)
rules.add_perm(
    "finance.change_plan",
    is_superuser | runs_its_programme | (leads_its_project & line_still_open),
)
rules.add_perm("finance.enter_actuals", is_superuser | runs_its_programme)
rules.add_perm("finance.publish_totals", is_superuser | publishes_its_totals)
