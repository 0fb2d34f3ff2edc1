"""The project cockpit's reads of one project, in SQL written out (issue 14: the cockpit at
Redmine's shape, bench/redmine_bench.py). The ORM composed each of these queries anew on every
request, 0.3–0.4 ms apiece and ten times the database's own time; the models' default
orderings start with the project, a join to its title. Each query here orders like the model
within one project, and `tests/reporting/test_report_sections.py` holds it to that."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypedDict

from .models import DecisionRequest
from .models import Milestone
from .models import ReportingPeriod
from .models import Risk
from .models import StatusReport
from .presentation import MilestoneRow
from .presentation import RequestRow
from .presentation import RiskRow

# What the cockpit shows of a status report: the history's light and state, the current
# report's lights, summary and PMO comment; not the notes, the texts and the snapshot (JSON,
# decoded per report: twelve of them per history).
REPORTS_SQL = (
    "SELECT id, project_id, period_id, state, overall, schedule, budget, scope, resources, "
    "summary, review_comment FROM reporting_statusreport WHERE project_id = %s"
)
MILESTONES_SQL = (
    "SELECT id, title, planned_date, forecast_date, actual_date FROM reporting_milestone "
    'WHERE project_id = %s ORDER BY planned_date, "order", id'
)
RISKS_SQL = (
    "SELECT id, title, description, probability, impact, owner, mitigation, status "
    "FROM reporting_risk WHERE project_id = %s ORDER BY probability DESC, impact DESC, id"
)
OPEN_REQUESTS_SQL = (
    "SELECT id, report_id, question, options, recommendation, needed_by, addressed_to "
    "FROM reporting_decisionrequest WHERE project_id = %s AND status = %s "
    "ORDER BY needed_by, id"
)


def project_reports(project_id: int, periods: Iterable[ReportingPeriod]) -> list[StatusReport]:
    """The project's status reports, oldest period first, each with its period taken from
    `periods` (the programme's, already loaded) where it is among them."""
    by_pk = {p.pk: p for p in periods if p.pk}
    reports = list(StatusReport.objects.raw(REPORTS_SQL, [project_id]))
    for report in reports:
        if report.period_id in by_pk:
            report.period = by_pk[report.period_id]
    reports.sort(key=lambda report: report.period.start)
    return reports


class ProjectItems(TypedDict):
    """A project's live milestones, risks and open decision requests, as rows."""

    milestones: list[MilestoneRow]
    risks: list[RiskRow]
    decision_requests: list[RequestRow]


def project_items(project_id: int, reports: Iterable[StatusReport] = ()) -> ProjectItems:
    """The project's items as rows; a decision request's report is taken from `reports` (the
    project's, already loaded) where it is among them."""
    by_pk = {report.pk: report for report in reports}
    requests = []
    for d in DecisionRequest.objects.raw(
        OPEN_REQUESTS_SQL, [project_id, DecisionRequest.Status.OPEN.value]
    ):
        if d.report_id in by_pk:
            d.report = by_pk[d.report_id]
        requests.append(RequestRow.from_instance(d))
    return {
        "milestones": [
            MilestoneRow.from_instance(m)
            for m in Milestone.objects.raw(MILESTONES_SQL, [project_id])
        ],
        "risks": [RiskRow.from_instance(r) for r in Risk.objects.raw(RISKS_SQL, [project_id])],
        "decision_requests": requests,
    }
