"""Who may do what with ideas, criteria and scoring rounds. The objects passed in are a
Programme or anything with a `programme` (Idea, Criterion, ScoringRound)."""

from typing import Any

import rules

from lotse.accounts.roles import roles_of
from lotse.accounts.rules import is_superuser
from lotse.accounts.rules import reads_programme
from lotse.accounts.rules import runs_programme
from lotse.http import AnyUser


def _programme_id(obj: Any) -> int | None:
    if obj is None:
        return None
    return obj.pk if obj.__class__.__name__ == "Programme" else obj.programme_id


@rules.predicate
def contributes(user: AnyUser, obj: Any) -> bool:
    """Everyone working in the programme may bring in ideas; readers only (viewer) may not."""
    programme_id = _programme_id(obj)
    if programme_id is None:
        return False
    roles = roles_of(user)
    held = roles.in_programme(programme_id)
    return bool(held - {"viewer"}) or programme_id in roles.member_programmes


@rules.predicate
def sits_on_jury(user: AnyUser, scoring_round: Any) -> bool:
    if scoring_round is None or scoring_round.__class__.__name__ != "ScoringRound":
        return False
    if not user.is_authenticated:
        return False
    seats = getattr(scoring_round, "_jury_ids", None)
    if seats is None:
        seats = set(scoring_round.jury.values_list("user_id", flat=True))
        scoring_round._jury_ids = seats
    return user.pk in seats


@rules.predicate
def moderated_in(user: AnyUser, idea: Any) -> bool:
    """Staff see approved and merged ideas; unmoderated and hidden ones only the office."""
    return idea is not None and idea.moderation in ("approved", "merged")


office = is_superuser | runs_programme

rules.add_perm("ideas.view_ideas", is_superuser | reads_programme)
rules.add_perm("ideas.view_idea", office | (reads_programme & moderated_in))
rules.add_perm("ideas.add_idea", is_superuser | contributes)
rules.add_perm("ideas.moderate", office)
rules.add_perm("ideas.change_settings", office)
rules.add_perm("ideas.manage_criteria", office)
rules.add_perm("ideas.manage_rounds", office)
rules.add_perm("ideas.decide", office)
rules.add_perm("ideas.view_round", office | sits_on_jury)
rules.add_perm("ideas.score", sits_on_jury)
