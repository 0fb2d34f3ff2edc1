"""Who may do what with phases, gates, work packages and capacity. The only place these
decisions are made.

Objects passed in: a Programme, a Project, or a planning object. Reading follows the
programme; the programme office (PMO and programme manager) and the project's lead plan the
project (phases, work packages, estimates, actual effort); only the programme office keeps
availability and allocations, and passes a gate itself where the programme allows it.
"""

from typing import Any

import rules

from lotse.accounts.rules import is_superuser
from lotse.accounts.rules import its_programme_predicates
from lotse.accounts.rules import its_project_predicate


def _project_of(obj: Any) -> Any:
    """The project a planning object belongs to, or None."""
    name = obj.__class__.__name__
    if name == "Project":
        return obj
    if name in ("Phase", "WorkPackage", "Allocation"):
        return obj.project
    if name == "Gate":
        return obj.phase.project
    if name in ("Step", "Estimate", "ActualEffort", "WorkPackageCard"):
        return obj.work_package.project
    return None


def _programme_of(obj: Any) -> Any:
    """The programme-like object the base predicates understand (carries programme_id)."""
    if obj.__class__.__name__ in ("Programme", "PhaseModel", "Availability"):
        return obj if obj.__class__.__name__ == "Programme" else obj.programme
    project = _project_of(obj)
    return project if project is not None else obj


reads_its_programme, runs_its_programme = its_programme_predicates(_programme_of)


leads_its_project = its_project_predicate(_project_of)


rules.add_perm("planning.view_plan", is_superuser | reads_its_programme)
rules.add_perm("planning.change_plan", is_superuser | runs_its_programme | leads_its_project)
rules.add_perm("planning.view_capacity", is_superuser | reads_its_programme)
rules.add_perm("planning.manage_capacity", is_superuser | runs_its_programme)
# Passing a gate without a decision; the service also asks whether the programme allows it.
rules.add_perm("planning.pass_gate", is_superuser | runs_its_programme)
rules.add_perm("planning.manage_phase_model", is_superuser | runs_its_programme)
