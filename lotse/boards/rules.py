"""Who may do what with boards, cards and retrospectives. The only place this is decided.

Objects passed to the predicates are a Board or a Retrospective (both belong either to a
project or, as the PMO board / programme retrospective, to a programme); a Card is checked
through its board.
"""

from typing import Any

import rules

from lotse.accounts.roles import roles_of
from lotse.accounts.rules import PROGRAMME_OFFICE
from lotse.accounts.rules import is_superuser
from lotse.http import AnyUser


def _programme_id(obj: Any) -> int | None:
    if obj is None:
        return None
    return obj.programme_id or obj.project.programme_id


def _project_id(obj: Any) -> int | None:
    return None if obj is None else obj.project_id


@rules.predicate
def reads_owner(user: AnyUser, obj: Any) -> bool:
    """Any role in the programme (or one of its projects) lets a user read its boards."""
    programme_id = _programme_id(obj)
    return programme_id is not None and programme_id in roles_of(user).visible_programme_ids()


@rules.predicate
def runs_owner_programme(user: AnyUser, obj: Any) -> bool:
    programme_id = _programme_id(obj)
    return programme_id is not None and bool(
        roles_of(user).in_programme(programme_id) & PROGRAMME_OFFICE
    )


@rules.predicate
def leads_owner_project(user: AnyUser, obj: Any) -> bool:
    project_id = _project_id(obj)
    return project_id is not None and "project_lead" in roles_of(user).in_project(project_id)


@rules.predicate
def works_in_owner_project(user: AnyUser, obj: Any) -> bool:
    project_id = _project_id(obj)
    return project_id is not None and bool(
        roles_of(user).in_project(project_id) & {"project_lead", "member"}
    )


@rules.predicate
def changes_pmo_board(user: AnyUser, obj: Any) -> bool:
    """On the PMO task board the change managers work along with the office."""
    if obj is None or obj.project_id:
        return False
    return "change_manager" in roles_of(user).in_programme(obj.programme_id)


can_read = is_superuser | reads_owner
# Columns, labels and swimlanes: the office everywhere, a lead on their project's board.
can_arrange = is_superuser | runs_owner_programme | leads_owner_project
# Cards (and retrospectives with their actions): additionally the project team, and the
# change managers on the PMO board.
can_work = can_arrange | works_in_owner_project | changes_pmo_board

rules.add_perm("boards.view_board", can_read)
rules.add_perm("boards.change_board", can_arrange)
rules.add_perm("boards.change_cards", can_work)
rules.add_perm("boards.view_retrospective", can_read)
rules.add_perm("boards.change_retrospective", can_work)
