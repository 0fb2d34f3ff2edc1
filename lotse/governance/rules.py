"""Who may do what with Gremien, meetings, minutes, decisions and escalations.

Objects passed in: a Programme, a MeetingSeries, a Meeting, a Decision (judged by its
meeting's series: it is part of the minutes) or a DecisionRequest.
"""

from __future__ import annotations

from typing import Any

import rules

from lotse.accounts.rules import is_superuser
from lotse.accounts.rules import its_programme_predicates
from lotse.accounts.rules import leads_project
from lotse.accounts.rules import reads_programme
from lotse.accounts.rules import runs_programme
from lotse.http import AnyUser
from lotse.reporting.models import DecisionRequest


def _series(obj: Any) -> Any | None:
    if obj is None:
        return None
    if obj.__class__.__name__ == "MeetingSeries":
        return obj
    if obj.__class__.__name__ == "Decision":
        return obj.meeting.series
    return getattr(obj, "series", None)


def _programme_of(obj: Any) -> Any:
    series = _series(obj)
    if series is not None:
        return series.programme
    return obj


reads_its_programme, runs_its_programme = its_programme_predicates(_programme_of)


@rules.predicate
def chairs_series(user: AnyUser, obj: Any) -> bool:
    """Chair and moderator may run the series' meetings."""
    series = _series(obj)
    if series is None or not user.is_authenticated:
        return False
    return user.pk in (series.chair_id, series.moderator_id)


@rules.predicate
def sits_in_series(user: AnyUser, obj: Any) -> bool:
    series = _series(obj)
    if series is None or not user.is_authenticated:
        return False
    return user.pk in series.member_ids()


@rules.predicate
def minutes_are_public(user: AnyUser, obj: Any) -> bool:
    series = _series(obj)
    return series is not None and series.minutes_public


@rules.predicate
def leads_requests_project(user: AnyUser, request: DecisionRequest | None) -> bool:
    return request is not None and leads_project(user, request.project)


@rules.predicate
def reads_requests_programme(user: AnyUser, request: DecisionRequest | None) -> bool:
    return request is not None and reads_programme(user, request.project)


@rules.predicate
def runs_requests_programme(user: AnyUser, request: DecisionRequest | None) -> bool:
    return request is not None and runs_programme(user, request.project)


# Schedules, agendas and the decision log: everyone with a role in the programme.
rules.add_perm("governance.view_series", is_superuser | reads_its_programme)
# Setting up Gremien, generating meetings, reporting duties: the programme office.
rules.add_perm("governance.manage_series", is_superuser | runs_its_programme)
# Running a meeting (agenda, moving, minutes, decisions): the office, chair and moderator.
rules.add_perm(
    "governance.run_meeting",
    is_superuser | runs_its_programme | (reads_its_programme & chairs_series),
)
# Minutes: public ones for every reader; non-public ones for members and the office.
rules.add_perm(
    "governance.view_minutes",
    is_superuser
    | runs_its_programme
    | (reads_its_programme & (minutes_are_public | sits_in_series)),
)
rules.add_perm("governance.view_request", is_superuser | reads_requests_programme)
rules.add_perm(
    "governance.escalate_request",
    is_superuser | runs_requests_programme | leads_requests_project,
)


@rules.predicate
def is_chair(user: AnyUser, obj: Any) -> bool:
    series = _series(obj)
    return series is not None and user.is_authenticated and user.pk == series.chair_id


# Closing the minutes (the meeting then counts as held): the chair or the programme office.
rules.add_perm("governance.close_minutes", is_superuser | runs_its_programme | is_chair)
