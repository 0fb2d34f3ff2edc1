"""Freezing a project's milestones, risks, open decision requests and its money (plan,
actual, committed of the year, and the suggested budget light) into a report."""

from datetime import date

from django.utils import timezone

from lotse.finance.selectors import report_figures
from lotse.portfolio.models import Project

from .cockpit import live_milestone
from .cockpit import live_request
from .cockpit import live_risk


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def take_snapshot(project: Project, finance_day: date | None = None) -> dict:
    """`finance_day`: the day whose year and pace the money is shown for (a report's period
    end, or today if that is earlier); default today."""
    return {
        "finance": report_figures(project, finance_day or timezone.localdate()),
        "milestones": [
            {
                **live_milestone(m),
                "planned_date": m.planned_date.isoformat(),
                "forecast_date": _iso(m.forecast_date),
                "actual_date": _iso(m.actual_date),
            }
            for m in project.milestones.all()
        ],
        "risks": [live_risk(r) for r in project.risks.all()],
        "decision_requests": [
            {**live_request(d), "needed_by": _iso(d.needed_by)}
            for d in project.decision_requests.filter(status="open")
        ],
    }
