"""Assembling a meeting's agenda from live data.

Each live item carries a `source_key` naming its source object; assembling again adds only what
is new, so it never duplicates an item and never brings back one that was removed. The live
sources reuse the reporting cockpit (projects needing attention) and the OKR selectors.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from lotse.portfolio.models import Project, Stage
from lotse.reporting.models import DecisionRequest, Rating

from .models import AgendaItem, Escalation, Meeting, MeetingSeries

REQUEST_MINUTES = 10
ATTENTION_MINUTES = 10
PROJECT_DECISION_MINUTES = 15
OKR_MINUTES = 10
LINK_MINUTES = 5
# Projects still waiting for the Transformationskonferenz to release their initiation.
WAITING_FOR_RELEASE = (Stage.PLANNING, Stage.START_SOON)
RUNNING = (Stage.RUNNING, Stage.PARTLY_RUNNING)


@dataclass
class Proposal:
    source_key: str
    kind: str
    title: str
    description: str = ""
    minutes: int = 10
    project_id: int | None = None
    decision_request_id: int | None = None


def _date(day) -> str:
    return day.strftime("%d.%m.%Y") if day else ""


def _requests(meeting: Meeting, today: date) -> list[Proposal]:
    series = meeting.series
    if not series.body:
        return []
    requests = list(
        DecisionRequest.objects.filter(
            project__programme_id=series.programme_id,
            status=DecisionRequest.Status.OPEN,
            addressed_to=series.body,
        )
        .select_related("project")
        .order_by(F("needed_by").asc(nulls_last=True), "pk")
    )
    escalated = set(
        Escalation.objects.filter(
            decision_request__in=[r.pk for r in requests], to_body=series.body
        ).values_list("decision_request_id", flat=True)
    )
    proposals = []
    for request in requests:
        lines = [
            request.options,
            request.recommendation and _("Empfehlung: %(text)s") % {"text": request.recommendation},
        ]
        if request.needed_by:
            overdue = request.needed_by < today
            lines.append(
                (_("Überfällig, benötigt bis %(day)s") if overdue else _("Benötigt bis %(day)s"))
                % {"day": _date(request.needed_by)}
            )
        is_escalation = request.pk in escalated
        proposals.append(
            Proposal(
                source_key=f"request:{request.pk}",
                kind=AgendaItem.Kind.ESCALATION if is_escalation else AgendaItem.Kind.REQUEST,
                title=(_("Eskalation: %(q)s") if is_escalation else _("Entscheidung: %(q)s"))
                % {"q": request.question},
                description="\n".join(line for line in lines if line),
                minutes=REQUEST_MINUTES,
                project_id=request.project_id,
                decision_request_id=request.pk,
            )
        )
    return proposals


def _attention(meeting: Meeting, today: date) -> list[Proposal]:
    """Projektcheck: red or amber overall light, overdue or returned report, slipping milestones
    — the reporting cockpit's reasons plus amber."""
    from lotse.reporting import cockpit
    from lotse.reporting.periods import ensure_periods

    programme = meeting.series.programme
    period = ensure_periods(programme, max(meeting.date, today))[-1]
    proposals = []
    for row in cockpit.cockpit_rows(programme, period, today):
        reasons = [r.text for r in row.reasons if r.kind != cockpit.Reason.DECISION]
        if row.overall == Rating.AMBER:
            reasons.insert(0, _("Gesamtstatus gelb"))
        if not reasons:
            continue
        proposals.append(
            Proposal(
                source_key=f"attention:{row.project.pk}",
                kind=AgendaItem.Kind.ATTENTION,
                title=row.project.title,
                description="; ".join(reasons),
                minutes=ATTENTION_MINUTES,
                project_id=row.project.pk,
            )
        )
    return proposals


def _project_decisions(meeting: Meeting) -> list[Proposal]:
    """Transformationskonferenz: projects waiting for initiation release or acceptance."""
    projects = Project.objects.filter(programme_id=meeting.series.programme_id).order_by("title")
    proposals = []
    for project in projects.filter(stage__in=WAITING_FOR_RELEASE):
        proposals.append(
            Proposal(
                source_key=f"initiation:{project.pk}",
                kind=AgendaItem.Kind.INITIATION,
                title=_("Freigabe Projektinitiierung: %(p)s") % {"p": project.title},
                description=_("Phase: %(stage)s") % {"stage": project.get_stage_display()},
                minutes=PROJECT_DECISION_MINUTES,
                project_id=project.pk,
            )
        )
    for project in projects.filter(stage__in=RUNNING, planned_end__lte=meeting.date):
        proposals.append(
            Proposal(
                source_key=f"acceptance:{project.pk}",
                kind=AgendaItem.Kind.ACCEPTANCE,
                title=_("Abnahme der Projektergebnisse: %(p)s") % {"p": project.title},
                description=_("Geplantes Ende: %(day)s") % {"day": _date(project.planned_end)},
                minutes=PROJECT_DECISION_MINUTES,
                project_id=project.pk,
            )
        )
    return proposals


def _okr(meeting: Meeting) -> list[Proposal]:
    """Quartalskonferenz: the quarter's OKR reviews and the links between projects."""
    from lotse.okr import selectors as okr

    quarter = okr.default_quarter(okr.quarters_of(meeting.series.programme), meeting.date)
    if quarter is None:
        return []
    proposals = []
    for objective in okr.quarter_reviews(quarter):
        percent = getattr(objective, "percent", None)
        review = objective.review_or_none
        text = [_("Erfüllungsgrad: %(p)s %%") % {"p": percent} if percent is not None else ""]
        if review is not None:
            text.append(_("Review: %(outcome)s") % {"outcome": review.get_outcome_display()})
        proposals.append(
            Proposal(
                source_key=f"okr_review:{objective.pk}",
                kind=AgendaItem.Kind.OKR_REVIEW,
                title=_("OKR-Review %(quarter)s – %(project)s: %(objective)s")
                % {
                    "quarter": quarter,
                    "project": objective.project.title,
                    "objective": objective.title,
                },
                description="; ".join(t for t in text if t),
                minutes=OKR_MINUTES,
                project_id=objective.project_id,
            )
        )
    for link in okr.cross_project_links(quarter):
        source, target = link.from_objective, link.to_objective
        if source.project_id == target.project_id:
            continue
        proposals.append(
            Proposal(
                source_key=f"okr_link:{link.pk}",
                kind=AgendaItem.Kind.OKR_LINK,
                title=_("%(kind)s: %(a)s ↔ %(b)s")
                % {
                    "kind": link.get_kind_display(),
                    "a": source.project.title,
                    "b": target.project.title,
                },
                description=f"{source.title} → {target.title}"
                + (f"\n{link.note}" if link.note else ""),
                minutes=LINK_MINUTES,
                project_id=source.project_id,
            )
        )
    return proposals


def _deadlines(meeting: Meeting, today: date) -> list[Proposal]:
    """Funding deadlines that need this body's decision: due by the meeting plus the
    programme's warning period, or already overdue; marked with their consequence."""
    from datetime import timedelta

    from lotse.finance import selectors as finance

    series = meeting.series
    if not series.body:
        return []
    warning = finance.settings_for(series.programme).warning_days
    found = finance.decision_deadlines_for(
        series.programme_id, series.body, meeting.date + timedelta(days=warning)
    )
    proposals = []
    for deadline in found:
        lines = [_("Folge bei Versäumnis: %(text)s") % {"text": deadline.consequence}]
        if deadline.due_date < today:
            lines.insert(0, _("ÜBERFÄLLIG seit %(day)s") % {"day": _date(deadline.due_date)})
        if deadline.funding_id:
            lines.append(_("Förderung: %(name)s") % {"name": deadline.funding.name})
        proposals.append(
            Proposal(
                source_key=f"deadline:{deadline.pk}",
                kind=AgendaItem.Kind.REQUEST,
                title=_("Frist %(day)s: %(title)s")
                % {"day": _date(deadline.due_date), "title": deadline.title},
                description="\n".join(lines),
                minutes=REQUEST_MINUTES,
                project_id=deadline.project_id,
            )
        )
    return proposals


def proposals_for(meeting: Meeting, today: date) -> list[Proposal]:
    kind = meeting.series.agenda_kind
    proposals = _requests(meeting, today) + _deadlines(meeting, today)
    if kind == MeetingSeries.AgendaKind.PROJECT_CHECK:
        proposals += _attention(meeting, today)
    elif kind == MeetingSeries.AgendaKind.TRANSFORMATION:
        proposals += _project_decisions(meeting)
    elif kind == MeetingSeries.AgendaKind.QUARTERLY:
        proposals += _okr(meeting)
    return proposals


@transaction.atomic
def agenda_assemble(*, meeting: Meeting, today: date) -> int:
    """Add the live items not on the agenda yet, after the existing ones. Returns how many."""
    meeting = (
        Meeting.objects.select_for_update().select_related("series__programme").get(pk=meeting.pk)
    )
    known = set(meeting.agenda_items.exclude(source_key="").values_list("source_key", flat=True))
    last = meeting.agenda_items.aggregate(m=Max("position"))["m"]
    position = 0 if last is None else last + 1
    new = []
    for proposal in proposals_for(meeting, today):
        if proposal.source_key in known:
            continue
        known.add(proposal.source_key)
        new.append(
            AgendaItem(
                meeting=meeting,
                position=position,
                kind=proposal.kind,
                title=proposal.title[:300],
                description=proposal.description,
                minutes=proposal.minutes,
                project_id=proposal.project_id,
                decision_request_id=proposal.decision_request_id,
                source_key=proposal.source_key,
            )
        )
        position += 1
    for item in new:
        item.save()  # one by one, so each creation is in the history
    return len(new)
