"""Who may do what with quarters, objectives, key results, check-ins, reviews and links.

The objects passed in are a Programme (quarters, settings) or anything belonging to a project:
a Project, an Objective, a KeyResult or an ObjectiveReview. Whether the quarter is locked is
the service layer's business (it answers with a German message), not a permission question.
"""

from __future__ import annotations

from typing import Any

import rules

from lotse.accounts.roles import roles_of
from lotse.accounts.rules import is_superuser
from lotse.accounts.rules import its_programme_predicates
from lotse.accounts.rules import its_project_predicate
from lotse.http import AnyUser


def _project(obj: Any) -> Any | None:
    """The project an OKR object belongs to (select_related upstream keeps this query-free)."""
    name = obj.__class__.__name__
    if name == "Project":
        return obj
    if name == "Objective":
        return obj.project
    if name == "KeyResult":
        return obj.objective.project
    if name == "ObjectiveReview":
        return obj.objective.project
    return getattr(obj, "project", None)


def _programme_of(obj: Any) -> Any:
    return obj if obj.__class__.__name__ in ("Programme", "Quarter") else _project(obj)


reads_its_programme, runs_its_programme = its_programme_predicates(_programme_of)
leads_its_project = its_project_predicate(_project)


@rules.predicate
def works_in_its_project(user: AnyUser, obj: Any) -> bool:
    if obj is None:
        return False
    project = _project(obj)
    return project is not None and "member" in roles_of(user).in_project(project.pk)


@rules.predicate
def owns_key_result(user: AnyUser, key_result: Any) -> bool:
    return (
        key_result is not None
        and key_result.__class__.__name__ == "KeyResult"
        and user.is_authenticated
        and key_result.owner_id == user.pk
    )


@rules.predicate
def measured_by_hand(user: AnyUser, key_result: Any) -> bool:
    """A key result that reads the OZG catalogue takes no check-ins by hand."""
    return getattr(key_result, "source", "check_in") != "ozg"


office = is_superuser | runs_its_programme
office_or_lead = office | leads_its_project

rules.add_perm("okr.view_okrs", is_superuser | reads_its_programme)
rules.add_perm("okr.manage_quarters", office)
rules.add_perm("okr.change_settings", office)
rules.add_perm("okr.change_objectives", office_or_lead)
rules.add_perm("okr.change_review", office_or_lead)
rules.add_perm("okr.change_links", office_or_lead)
# A key result's owner keeps the rights to check in even without a project role, as long as
# they can read the programme.
rules.add_perm(
    "okr.check_in",
    measured_by_hand
    & (office_or_lead | works_in_its_project | (owns_key_result & reads_its_programme)),
)
