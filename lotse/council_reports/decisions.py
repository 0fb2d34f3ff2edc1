"""Decisions and escalations of a period from the governance app, as of a moment."""

from datetime import date
from datetime import datetime

from django.utils import timezone

from lotse.governance.models import Decision
from lotse.governance.models import DecisionKind
from lotse.governance.models import Escalation
from lotse.governance.models import Meeting
from lotse.governance.models import MeetingSeries
from lotse.portfolio.models import Programme
from lotse.reporting.models import DecisionRequest

from .data import DecisionLine
from .data import EscalationLine
from .history import records_at


def decisions_in_period(
    *, programme: Programme, moment: datetime, start: date, end: date, titles: dict[int, str]
) -> list[tuple[int | None, DecisionLine]]:
    """(project id or None, line) for every decision taken from `start` to `end`."""
    decisions = list(
        records_at(Decision, moment)
        .filter(programme_id=programme.pk, decided_on__gte=start, decided_on__lte=end)
        .order_by("decided_on", "id")
    )
    meetings = {
        m.id: m
        for m in records_at(Meeting, moment).filter(id__in={d.meeting_id for d in decisions})
    }
    series = {
        s.id: s
        for s in records_at(MeetingSeries, moment).filter(
            id__in={m.series_id for m in meetings.values()}
        )
    }
    kinds = dict(DecisionKind.choices)
    lines = []
    for d in decisions:
        meeting = meetings.get(d.meeting_id)
        body = series.get(meeting.series_id) if meeting else None
        lines.append(
            (
                d.project_id,
                DecisionLine(
                    decided_on=d.decided_on,
                    text=d.wording,
                    kind_label=str(kinds.get(d.kind, d.kind)),
                    body_label=body.name if body else "",
                    project=titles.get(d.project_id, "") if d.project_id else "",
                ),
            )
        )
    return lines


def escalations_in_period(
    *, moment: datetime, start: date, end: date, project_ids: list[int], titles: dict[int, str]
) -> list[EscalationLine]:
    requests = {
        r.id: r for r in records_at(DecisionRequest, moment).filter(project_id__in=project_ids)
    }
    bodies = dict(DecisionRequest.Body.choices)
    lines = []
    for e in (
        records_at(Escalation, moment)
        .filter(decision_request_id__in=list(requests))
        .order_by("escalated_at", "id")
    ):
        day = timezone.localtime(e.escalated_at).date()
        if not start <= day <= end:
            continue
        request = requests[e.decision_request_id]
        lines.append(
            EscalationLine(
                escalated_on=day,
                project=titles.get(request.project_id, ""),
                question=request.question,
                from_label=str(bodies.get(e.from_body, e.from_body)),
                to_label=str(bodies.get(e.to_body, e.to_body)),
                to_body=e.to_body,
                reason=e.reason,
            )
        )
    return lines
