"""Who may do what with status reports, milestones, risks and decision requests."""

import rules

from lotse.http import AnyUser
from lotse.portfolio.rules import is_superuser, leads_project, reads_programme, runs_programme


def _project(obj):
    return getattr(obj, "project", obj)


@rules.predicate
def leads_its_project(user: AnyUser, obj) -> bool:
    return obj is not None and leads_project(user, _project(obj))


@rules.predicate
def runs_its_programme(user: AnyUser, obj) -> bool:
    return obj is not None and runs_programme(user, _project(obj))


@rules.predicate
def reads_its_programme(user: AnyUser, obj) -> bool:
    return obj is not None and reads_programme(user, _project(obj))


@rules.predicate
def is_editable_report(user: AnyUser, report) -> bool:
    return report is not None and report.state in ("draft", "returned")


@rules.predicate
def is_submitted_report(user: AnyUser, report) -> bool:
    return report is not None and report.state == "submitted"


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
