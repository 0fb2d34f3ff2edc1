"""Assembling a meeting's agenda from live data.

Each live item carries a `source_key` naming its source object; assembling again adds only what
is new, so it never duplicates an item and never brings back one that was removed. The live
sources reuse the reporting cockpit (projects needing attention) and the OKR selectors.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.db.models import Q
from django.utils.translation import gettext as _

from lotse.portfolio.models import Project
from lotse.portfolio.models import Stage
from lotse.reporting.models import DecisionRequest
from lotse.reporting.models import Rating

from . import meeting_reads
from .models import AgendaItem
from .models import Escalation
from .models import Meeting
from .models import MeetingSeries

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
    # Lower comes first: escalations, then overdue requests and deadlines, then the rest.
    priority: int = 5
    # Why a topic is not due in this meeting (only for "weitere Themen").
    reason: str = ""


ESCALATION, OVERDUE, DUE_REQUEST, PROJECT_DECISION, ATTENTION, OKR = 0, 1, 2, 3, 4, 5


@dataclass
class Proposals:
    """What is due in the meeting (the agenda) and what else could be discussed."""

    due: list[Proposal]
    further: list[Proposal]


def _date(day: date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else ""


def _next_meeting_date(meeting: Meeting) -> date | None:
    return (
        Meeting.objects.filter(series_id=meeting.series_id, date__gt=meeting.date)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("date")
        .values_list("date", flat=True)
        .first()
    )


def _open_requests(meeting: Meeting) -> list[DecisionRequest]:
    series = meeting.series
    if not series.body:
        return []
    return meeting_reads.open_requests(series.programme_id, series.body)


def _requests(
    meeting: Meeting, today: date, requests: list[DecisionRequest]
) -> tuple[list[Proposal], list[Proposal]]:
    """Requests addressed to this body. Due: escalated, overdue, without a date, or needed
    before the body meets again; the others can wait for a later meeting."""
    if not requests:
        return [], []
    series = meeting.series
    escalated = set(
        Escalation.objects.filter(
            decision_request__in=[r.pk for r in requests], to_body=series.body
        ).values_list("decision_request_id", flat=True)
    )
    next_date = _next_meeting_date(meeting)
    due, further = [], []
    for request in requests:
        lines = [
            request.options,
            request.recommendation and _("Empfehlung: %(text)s") % {"text": request.recommendation},
        ]
        overdue = bool(request.needed_by and request.needed_by < today)
        if request.needed_by:
            lines.append(
                (_("Überfällig, benötigt bis %(day)s") if overdue else _("Benötigt bis %(day)s"))
                % {"day": _date(request.needed_by)}
            )
        is_escalation = request.pk in escalated
        proposal = Proposal(
            source_key=f"request:{request.pk}",
            kind=AgendaItem.Kind.ESCALATION if is_escalation else AgendaItem.Kind.REQUEST,
            title=(_("Eskalation: %(q)s") if is_escalation else _("Entscheidung: %(q)s"))
            % {"q": request.question},
            description="\n".join(line for line in lines if line),
            minutes=REQUEST_MINUTES,
            project_id=request.project_id,
            decision_request_id=request.pk,
            priority=ESCALATION if is_escalation else OVERDUE if overdue else DUE_REQUEST,
        )
        can_wait = (
            not is_escalation
            and not overdue
            and request.needed_by is not None
            and next_date is not None
            and request.needed_by >= next_date
        )
        if can_wait:
            proposal.reason = _("benötigt bis %(day)s – kann in der Sitzung am %(next)s folgen") % {
                "day": _date(request.needed_by),
                "next": _date(next_date),
            }
            further.append(proposal)
        else:
            due.append(proposal)
    return due, further


def _attention(meeting: Meeting, today: date) -> list[Proposal]:
    """Projektcheck: red or amber overall light, overdue or returned report, slipping milestones
    — the reporting cockpit's reasons plus amber."""
    from lotse.reporting import cockpit
    from lotse.reporting.periods import periods_until

    programme = meeting.series.programme
    period = periods_until(programme, max(meeting.date, today))[-1]
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


def _project_decisions(
    meeting: Meeting, requested: set[int]
) -> tuple[list[Proposal], list[Proposal]]:
    """Transformationskonferenz. Due: the release of initiation of projects the PMO proposed
    (or with an open request to this body), the acceptance of projects whose lead reported
    completion. Other waiting or ending projects are only further topics."""
    projects = Project.objects.filter(programme_id=meeting.series.programme_id).order_by("title")
    due: list[Proposal] = []
    further: list[Proposal] = []

    def add(
        project: Project, kind: str, title: str, description: str, why: str, why_not: str
    ) -> None:
        """Due with `why` added to the description; without `why` a further topic."""
        proposal = Proposal(
            source_key=f"{kind}:{project.pk}",
            kind=kind,
            title=title % {"p": project.title},
            description=description,
            minutes=PROJECT_DECISION_MINUTES,
            project_id=project.pk,
            priority=PROJECT_DECISION,
        )
        if why:
            proposal.description += "; " + why
            due.append(proposal)
        else:
            proposal.reason = why_not
            further.append(proposal)

    for project in projects.filter(stage__in=WAITING_FOR_RELEASE):
        why = ""
        if project.release_proposed_on:
            why = _("vom PMO zur Freigabe vorgeschlagen am %(day)s") % {
                "day": _date(project.release_proposed_on)
            }
        elif project.pk in requested:
            why = _("offener Entscheidungsbedarf an dieses Gremium")
        add(
            project,
            AgendaItem.Kind.INITIATION.value,
            _("Freigabe Projektinitiierung: %(p)s"),
            _("Phase: %(stage)s") % {"stage": project.get_stage_display()},
            why,
            _("nicht zur Freigabe vorgeschlagen"),
        )
    for project in projects.filter(stage__in=RUNNING).filter(
        Q(completion_reported_on__isnull=False) | Q(planned_end__lte=meeting.date)
    ):
        reported = project.completion_reported_on
        add(
            project,
            AgendaItem.Kind.ACCEPTANCE.value,
            _("Abnahme der Projektergebnisse: %(p)s"),
            _("Geplantes Ende: %(day)s") % {"day": _date(project.planned_end)},
            _("Abschluss gemeldet am %(day)s") % {"day": _date(reported)} if reported else "",
            _("geplantes Ende erreicht, Abschluss noch nicht gemeldet"),
        )
    return due, further


def _okr(meeting: Meeting) -> list[Proposal]:
    """Quartalskonferenz: the quarter's OKR reviews and the links between projects."""
    from lotse.okr import selectors as okr

    quarter = okr.default_quarter(okr.quarters_of(meeting.series.programme), meeting.date)
    if quarter is None:
        return []
    proposals = []
    for objective in okr.quarter_reviews(quarter):
        percent = getattr(objective, "percent", None)
        review = getattr(objective, "review_or_none", None)  # set by okr.quarter_reviews
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
        if deadline.funding is not None:
            lines.append(_("Förderung: %(name)s") % {"name": deadline.funding.name})
        proposals.append(
            Proposal(
                source_key=f"deadline:{deadline.pk}",
                kind=AgendaItem.Kind.DEADLINE,
                title=_("Frist %(day)s: %(title)s")
                % {"day": _date(deadline.due_date), "title": deadline.title},
                description="\n".join(lines),
                minutes=REQUEST_MINUTES,
                project_id=deadline.project_id,
            )
        )
    return proposals


def proposals_for(meeting: Meeting, today: date) -> Proposals:
    """Everything due in this meeting, by priority, and the further topics."""
    kind = meeting.series.agenda_kind
    requests = _open_requests(meeting)
    due, further = _requests(meeting, today, requests)
    for deadline in _deadlines(meeting, today):
        deadline.priority = OVERDUE if "ÜBERFÄLLIG" in deadline.description else DUE_REQUEST
        due.append(deadline)
    if kind == MeetingSeries.AgendaKind.PROJECT_CHECK:
        due += _attention(meeting, today)
    elif kind == MeetingSeries.AgendaKind.TRANSFORMATION:
        more_due, more_further = _project_decisions(meeting, {r.project_id for r in requests})
        due += more_due
        further += more_further
    elif kind == MeetingSeries.AgendaKind.QUARTERLY:
        due += _okr(meeting)
    due.sort(key=lambda p: p.priority)  # stable: within a priority the sources' own order
    return Proposals(due=due, further=further)


def further_topics(meeting: Meeting, today: date) -> list[Proposal]:
    """What could be discussed but is not due (shown collapsed beside the agenda), plus due
    live items someone took off the agenda. Reads only: safe on every page view."""
    series = meeting.series
    requests = _open_requests(meeting)
    due, further = _requests(meeting, today, requests)
    if series.agenda_kind == MeetingSeries.AgendaKind.TRANSFORMATION:
        more_due, more_further = _project_decisions(meeting, {r.project_id for r in requests})
        due += more_due
        further += more_further
    # Only these topics' items: an agenda can hold thousands of others (issue 14).
    keys = [p.source_key for p in [*due, *further]]
    if not keys:
        return []
    on_agenda = dict(
        meeting.agenda_items.filter(source_key__in=keys).values_list("source_key", "removed")
    )
    for proposal in due:
        if on_agenda.get(proposal.source_key):
            proposal.reason = _("von der Tagesordnung genommen")
            further.append(proposal)
    return [p for p in further if on_agenda.get(p.source_key, True)]


@dataclass
class Fit:
    total: int
    duration: int
    overflow: list  # the agenda items that no longer fit into the meeting's time
    overflow_count: int = 0  # how many do; `overflow` may list only the first of them

    @property
    def fits(self) -> bool:
        return self.total <= self.duration

    @property
    def overflow_more(self) -> int:
        """How many items end after the meeting that `overflow` leaves out."""
        return max(self.overflow_count - len(self.overflow), 0)


def agenda_fit(items: list, duration: int) -> Fit:
    """Add up the items in their order; those that end after the meeting's length overflow."""
    total, overflow = 0, []
    for item in items:
        total += item.minutes
        if total > duration:
            overflow.append(item)
    return Fit(total=total, duration=duration, overflow=overflow, overflow_count=len(overflow))


def _item_from(meeting: Meeting, proposal: Proposal, position: int) -> AgendaItem:
    return AgendaItem(
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


@transaction.atomic
def agenda_assemble(*, meeting: Meeting, today: date) -> int:
    """Add what is due and not on the agenda yet, after the existing items, most urgent
    first. Returns how many."""
    meeting = (
        Meeting.objects.select_for_update().select_related("series__programme").get(pk=meeting.pk)
    )
    known = set(meeting.agenda_items.exclude(source_key="").values_list("source_key", flat=True))
    last = meeting.agenda_items.aggregate(m=Max("position"))["m"]
    position = 0 if last is None else last + 1
    new = []
    for proposal in proposals_for(meeting, today).due:
        if proposal.source_key in known:
            continue
        known.add(proposal.source_key)
        new.append(_item_from(meeting, proposal, position))
        position += 1
    for item in new:
        item.save()  # one by one, so each creation is in the history
    return len(new)


@transaction.atomic
def agenda_topic_add(*, meeting: Meeting, source_key: str, today: date) -> AgendaItem:
    """Put one of the further topics on the agenda (at the end)."""
    meeting = Meeting.objects.select_for_update().select_related("series").get(pk=meeting.pk)
    topic = next((t for t in further_topics(meeting, today) if t.source_key == source_key), None)
    if topic is None:
        raise ValidationError(_("Dieses Thema steht nicht (mehr) zur Auswahl."))
    last = meeting.agenda_items.filter(removed=False).aggregate(m=Max("position"))["m"]
    position = 0 if last is None else last + 1
    existing = meeting.agenda_items.filter(source_key=source_key).first()
    if existing is not None:  # taken off earlier: back on
        existing.removed, existing.position = False, position
        existing.save(update_fields=["removed", "position"])
        return existing
    item = _item_from(meeting, topic, position)
    item.save()
    return item
