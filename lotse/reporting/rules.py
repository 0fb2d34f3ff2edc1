"""Who may do what with status reports, milestones, risks and decision requests."""

from __future__ import annotations

from typing import Any

import rules

from lotse.accounts.roles import roles_of
from lotse.accounts.rules import is_superuser
from lotse.accounts.rules import its_programme_predicates
from lotse.accounts.rules import its_project_predicate
from lotse.http import AnyUser

from .models import DecisionRequest

# Who answers for what the public sees: the programme manager and the sponsor (issue 11 F).
RELEASES_PUBLIC_LIGHTS = {"programme_manager", "sponsor"}


def _project(obj: Any) -> Any:
    return getattr(obj, "project", obj)


leads_its_project = its_project_predicate(_project)
reads_its_programme, runs_its_programme = its_programme_predicates(_project)


@rules.predicate
def is_editable_report(user: AnyUser, report: Any) -> bool:
    return report is not None and report.state in ("draft", "returned")


@rules.predicate
def is_submitted_report(user: AnyUser, report: Any) -> bool:
    return report is not None and report.state == "submitted"


@rules.predicate
def is_unreleased_accepted_report(user: AnyUser, report: Any) -> bool:
    return report is not None and report.state == "accepted" and report.released_at is None


@rules.predicate
def answers_for_public(user: AnyUser, obj: Any) -> bool:
    if obj is None:
        return False
    target = _project(obj)
    programme_id = target.pk if target.__class__.__name__ == "Programme" else target.programme_id
    return bool(roles_of(user).in_programme(programme_id) & RELEASES_PUBLIC_LIGHTS)


# Reading: everyone with a role in the programme.
rules.add_perm("reporting.view_report", is_superuser | reads_its_programme)
# Writing a report: its project's lead, and the programme office helping out.
rules.add_perm(
    "reporting.change_report",
    is_editable_report & (is_superuser | leads_its_project | runs_its_programme),
)
rules.add_perm(
    "reporting.submit_report",
    is_editable_report & (is_superuser | leads_its_project | runs_its_programme),
)
# Reviewing: PMO and programme manager, never the project's own lead.
rules.add_perm(
    "reporting.review_report",
    is_submitted_report & (is_superuser | runs_its_programme) & ~leads_its_project,
)
# Milestones, risks, decision requests live on the project.
rules.add_perm(
    "reporting.change_project_status", is_superuser | leads_its_project | runs_its_programme
)
rules.add_perm("reporting.view_programme_cockpit", is_superuser | reads_its_programme)
rules.add_perm("reporting.change_reporting_config", is_superuser | runs_its_programme)
# Releasing the lights of an accepted report for the public pages.
rules.add_perm(
    "reporting.release_report",
    is_unreleased_accepted_report & (is_superuser | answers_for_public),
)
rules.add_perm("reporting.change_public_release", is_superuser | answers_for_public)


@rules.predicate
def raised_request(user: AnyUser, request: DecisionRequest | None) -> bool:
    return request is not None and user.is_authenticated and request.raised_by_id == user.pk


@rules.predicate
def is_open_request(user: AnyUser, request: DecisionRequest | None) -> bool:
    return request is not None and request.status == "open"


# Withdrawing is the requester's act: whoever raised it, or the lead of its project (who
# speaks for the project when the person who raised it has moved on).
rules.add_perm(
    "reporting.withdraw_decision_request",
    is_open_request & (is_superuser | raised_request | leads_its_project),
)
