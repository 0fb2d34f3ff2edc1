"""Who may do what with the OZG catalogue. The only place these decisions are made.

Objects passed in: a Programme, a PublicService or CatalogueSettings. Reading follows the
programme; the programme office (PMO and programme manager) keeps the catalogue (create,
import, delete, settings); the lead of a project that raises a service may update that
service (its maturity level, target and channel).
"""

from typing import Any

import rules

from lotse.accounts.rules import is_superuser
from lotse.accounts.rules import leads_project
from lotse.accounts.rules import reads_programme
from lotse.accounts.rules import runs_programme
from lotse.http import AnyUser


@rules.predicate
def reads_its_programme(user: AnyUser, obj: Any) -> bool:
    return obj is not None and bool(reads_programme(user, obj))


@rules.predicate
def runs_its_programme(user: AnyUser, obj: Any) -> bool:
    return obj is not None and bool(runs_programme(user, obj))


@rules.predicate
def leads_a_raising_project(user: AnyUser, obj: Any) -> bool:
    """The user leads one of the projects that raise the service (prefetch `projects`)."""
    if obj is None or obj.__class__.__name__ != "PublicService":
        return False
    return any(leads_project(user, project) for project in obj.projects.all())


rules.add_perm("ozg.view_catalogue", is_superuser | reads_its_programme)
rules.add_perm("ozg.manage_catalogue", is_superuser | runs_its_programme)
rules.add_perm("ozg.change_service", is_superuser | runs_its_programme | leads_a_raising_project)
