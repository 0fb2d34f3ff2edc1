"""Freezing a project's milestones, risks, open decision requests and its money (plan,
actual, committed of the year, and the suggested budget light) into a report."""

from datetime import date

from django.utils import timezone

from lotse.finance.selectors import report_figures
from lotse.portfolio.models import Project


def take_snapshot(project: Project, finance_day: date | None = None) -> dict:
    """`finance_day`: the day whose year and pace the money is shown for (a report's period
    end, or today if that is earlier); default today."""
    return {
        "finance": report_figures(project, finance_day or timezone.localdate()),
        "milestones": [
            {
                "id": m.pk,
                "title": m.title,
                "planned_date": m.planned_date.isoformat(),
                "forecast_date": m.forecast_date.isoformat() if m.forecast_date else None,
                "actual_date": m.actual_date.isoformat() if m.actual_date else None,
                "slippage_days": m.slippage_days,
            }
            for m in project.milestones.all()
        ],
        "risks": [
            {
                "id": r.pk,
                "title": r.title,
                "description": r.description,
                "probability": r.probability,
                "impact": r.impact,
                "owner": r.owner,
                "mitigation": r.mitigation,
                "status": r.status,
                "status_label": str(r.get_status_display()),
            }
            for r in project.risks.all()
        ],
        "decision_requests": [
            {
                "id": d.pk,
                "question": d.question,
                "needed_by": d.needed_by.isoformat() if d.needed_by else None,
                "addressed_to": d.addressed_to,
                "addressed_to_label": str(d.get_addressed_to_display()),
                "status": d.status,
            }
            for d in project.decision_requests.filter(status="open")
        ],
    }
