"""Reads for the Gremien pages, API and documents, with their related data decided here."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.paginator import Page
from django.core.paginator import Paginator
from django.db.models import F
from django.db.models import Prefetch
from django.db.models import Q
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from lotse.accounts.models import User
from lotse.http import AnyUser
from lotse.http import get_checked
from lotse.http import require_perm
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.reporting.models import DecisionRequest

from . import meeting_reads
from .agenda import Fit
from .escalation import PathStep
from .escalation import body_levels
from .escalation import is_overdue
from .escalation import next_body
from .escalation import path_of
from .meeting_reads import AgendaRow
from .models import ActionItem
from .models import AgendaItem
from .models import Attendance
from .models import Decision
from .models import Meeting
from .models import MeetingSeries
from .models import ReportingDuty


def series_queryset() -> QuerySet[MeetingSeries]:
    return MeetingSeries.objects.select_related(
        "programme", "chair", "moderator", "coupled_to"
    ).prefetch_related("members")


def get_series_for(user: AnyUser, pk: int, perm: str = "governance.view_series") -> MeetingSeries:
    return get_checked(series_queryset(), user, perm, pk=pk)


def get_meeting_for(user: AnyUser, pk: int, perm: str = "governance.view_series") -> Meeting:
    return get_checked(
        Meeting.objects.select_related("series__programme"),
        user,
        perm,
        pk=pk,
    )


def get_request_for(
    user: AnyUser, pk: int, perm: str = "governance.view_request"
) -> DecisionRequest:
    return get_checked(
        DecisionRequest.objects.select_related("project__programme", "raised_by", "report"),
        user,
        perm,
        pk=pk,
    )


def get_decision_for(user: AnyUser, pk: int, perm: str = "governance.view_minutes") -> Decision:
    """A Beschluss; `perm` is checked on the decision (its meeting's series): whoever may read
    the minutes may read their decisions, as in the decision log."""
    return get_checked(
        Decision.objects.select_related(
            "meeting__series__programme", "agenda_item", "project", "decision_request"
        ),
        user,
        perm,
        pk=pk,
    )


def get_duty_for(user: AnyUser, pk: int, perm: str = "governance.manage_series") -> ReportingDuty:
    """A reporting duty; `perm` is checked on its programme."""
    duty = get_object_or_404(ReportingDuty.objects.select_related("programme"), pk=pk)
    require_perm(user, perm, duty.programme)
    return duty


def get_agenda_item_for(user: AnyUser, pk: int, perm: str = "governance.run_meeting") -> AgendaItem:
    """An agenda item still on the agenda; `perm` is checked on its meeting."""
    item = get_object_or_404(
        AgendaItem.objects.select_related("meeting__series__programme"), pk=pk, removed=False
    )
    require_perm(user, perm, item.meeting)
    return item


def get_listed_item_for(user: AnyUser, pk: int) -> AgendaItem:
    """An agenda item for whoever may see its meeting, taken off the agenda or not (a decision
    keeps the link to its item)."""
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__series__programme"), pk=pk)
    require_perm(user, "governance.view_series", item.meeting)
    return item


def agenda_item_address(item: AgendaItem, per_page: int) -> str:
    """The meeting page at the item: the page of the agenda it is on (`?seite=N`, the agenda
    is paged) and its anchor; for an item taken off the agenda, the agenda."""
    url = item.meeting.get_absolute_url()
    if item.removed:
        return f"{url}#tagesordnung"
    before = (
        AgendaItem.objects.filter(meeting_id=item.meeting_id, removed=False)
        .filter(Q(position__lt=item.position) | Q(position=item.position, pk__lt=item.pk))
        .count()
    )
    number = before // per_page + 1
    page = f"?seite={number}" if number > 1 else ""
    return f"{url}{page}#punkt-{item.pk}"


def get_action_item_for(user: AnyUser, pk: int, perm: str = "governance.run_meeting") -> ActionItem:
    """An action item; `perm` is checked on its meeting."""
    item = get_object_or_404(ActionItem.objects.select_related("meeting__series"), pk=pk)
    require_perm(user, perm, item.meeting)
    return item


def programme_series(programme: Programme) -> list[MeetingSeries]:
    return list(series_queryset().filter(programme=programme))


def upcoming_meetings(programme: Programme, today: date, limit: int = 12) -> list[Meeting]:
    return list(
        Meeting.objects.filter(series__programme=programme, date__gte=today)
        .select_related("series")
        .order_by("date", "start_time", "pk")[:limit]
    )


def next_meeting(series: MeetingSeries, today: date) -> Meeting | None:
    return (
        series.meetings.filter(date__gte=today)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("date", "start_time", "pk")
        .first()
    )


def minutes_visible(user: AnyUser, series_list: list[MeetingSeries]) -> set[int]:
    """Ids of the series whose minutes (and decisions) the user may read."""
    return {s.pk for s in series_list if user.has_perm("governance.view_minutes", s)}


def agenda_items(meeting: Meeting) -> list[AgendaItem]:
    return list(agenda_queryset(meeting))


def agenda_queryset(meeting: Meeting) -> QuerySet[AgendaItem]:
    """The items on the agenda in their order, with their projects and requests."""
    return (
        meeting.agenda_items.filter(removed=False)
        .select_related("project", "decision_request__project")
        .order_by("position", "pk")
    )


def agenda_size(meeting: Meeting) -> tuple[int, int]:
    """How many items the agenda holds and their planned minutes, for `agenda_fit_of` and
    `agenda_page`."""
    return meeting_reads.agenda_size(meeting.pk)


def agenda_page(
    meeting: Meeting, number: str | None, per_page: int, size: tuple[int, int] | None = None
) -> tuple[Page, list[AgendaRow]]:
    """Page `number` of the agenda (in its order) and its items as values for the meeting
    page (issue 14: model instances with their projects and requests were a large part of
    the page's time)."""
    count, _minutes = size or agenda_size(meeting)
    page = Paginator(range(count), per_page).get_page(number)
    offset = (page.number - 1) * per_page
    return page, meeting_reads.agenda_rows(meeting.pk, offset, per_page) if count else []


def agenda_fit_of(
    meeting: Meeting, overflow_limit: int, size: tuple[int, int] | None = None
) -> Fit:
    """`agenda.agenda_fit` counted by the database: the planned minutes of every item and the
    first `overflow_limit` items that end after the meeting's length (a running sum), and
    how many do."""
    _count, total = size or agenda_size(meeting)
    duration = meeting.duration_minutes
    overflow = meeting_reads.overflow_rows(meeting.pk, duration, overflow_limit)
    count = overflow[0].total if overflow else 0
    return Fit(total=total, duration=duration, overflow=overflow, overflow_count=count)


def minutes_of(meeting: Meeting) -> dict[str, Any]:
    """The minutes as the meeting page and its PDF show them: the decisions as rows of
    values, the attendances and action items as model instances with their people."""
    return {
        "attendances": meeting_reads.attendances(meeting),
        "decisions": meeting_reads.decision_rows(meeting.pk),
        "action_items": meeting_reads.action_items(meeting),
    }


def meeting_decisions(meeting: Meeting) -> list[Decision]:
    """The meeting's decisions as model instances with their projects (API, minutes PDF)."""
    return list(meeting.decisions.select_related("project").order_by("pk"))


def meeting_action_items(meeting: Meeting) -> list[ActionItem]:
    """The meeting's action items (API; `minutes_of` reads them in SQL written out)."""
    return list(
        meeting.action_items.select_related("owner").order_by(
            F("due_date").asc(nulls_last=True), "pk"
        )
    )


def decision_log(
    programme: Programme, user: AnyUser, filters: dict[str, Any]
) -> QuerySet[Decision]:
    series_list = programme_series(programme)
    visible = minutes_visible(user, series_list)
    decisions = (
        Decision.objects.filter(programme=programme, meeting__series_id__in=visible)
        .select_related("meeting__series", "agenda_item", "project", "decision_request")
        .order_by("-decided_on", "-pk")
    )
    if filters.get("project"):
        decisions = decisions.filter(project_id=filters["project"])
    if filters.get("series"):
        decisions = decisions.filter(meeting__series_id=filters["series"])
    if filters.get("kind"):
        decisions = decisions.filter(kind=filters["kind"])
    if filters.get("start"):
        decisions = decisions.filter(decided_on__gte=filters["start"])
    if filters.get("end"):
        decisions = decisions.filter(decided_on__lte=filters["end"])
    return decisions


@dataclass(frozen=True)
class OverdueRequest:
    """An open request past its needed-by date and the body it could go to next."""

    request: DecisionRequest
    next_body: str | None


def overdue_requests(programme: Programme, today: date) -> list[OverdueRequest]:
    """Open requests past their needed-by date, each with the body it could go to next."""
    requests = list(
        DecisionRequest.objects.filter(
            project__programme=programme,
            status=DecisionRequest.Status.OPEN,
            needed_by__lt=today,
        )
        .select_related("project")
        .order_by("needed_by", "pk")
    )
    levels = body_levels(programme.pk)
    return [
        OverdueRequest(request, next_body(programme.pk, request.addressed_to, levels))
        for request in requests
    ]


def request_page(request: DecisionRequest, today: date) -> dict[str, Any]:
    escalations = list(
        request.escalations.select_related("escalated_by").order_by("escalated_at", "pk")
    )
    target = next_body(request.project.programme_id, request.addressed_to)
    return {
        "path": path_of(request, escalations),
        "escalations": escalations,
        "next_body": target,
        "overdue": is_overdue(request, today),
        "decisions": list(request.decisions.select_related("meeting__series")),
        "agenda_items": list(
            request.agenda_items.filter(removed=False).select_related("meeting__series")
        ),
    }


@dataclass(frozen=True)
class RequestWithPath:
    """A decision request for the API's list: its escalation path, the body it could go to
    next and whether it is overdue (the fields of `schemas.RequestOut`)."""

    id: int
    project_id: int
    project: Project
    question: str
    needed_by: date | None
    addressed_to: str
    status: str
    overdue: bool
    escalation_path: list[PathStep]
    next_body: str | None


def requests_with_paths(
    programme: Programme, queryset: QuerySet[DecisionRequest], today: date
) -> list[RequestWithPath]:
    """The requests with their escalation paths (two queries) and next bodies."""
    from .models import Escalation

    requests = queryset.select_related("project").prefetch_related(
        Prefetch(
            "escalations",
            queryset=Escalation.objects.order_by("escalated_at", "pk"),
            to_attr="escalation_list",
        )
    )
    levels = body_levels(programme.pk)
    return [
        RequestWithPath(
            id=request.pk,
            project_id=request.project_id,
            project=request.project,
            question=request.question,
            needed_by=request.needed_by,
            addressed_to=request.addressed_to,
            status=request.status,
            overdue=is_overdue(request, today),
            escalation_path=path_of(request, getattr(request, "escalation_list")),  # noqa: B009
            next_body=next_body(programme.pk, request.addressed_to, levels),
        )
        for request in requests
    ]


def duties_of(programme: Programme) -> list[ReportingDuty]:
    duties = list(ReportingDuty.objects.filter(programme=programme).select_related("series"))
    duties.sort(key=lambda d: (d.next_due or date.max, d.recipient))
    return duties


def meeting_people(meeting: Meeting) -> list[tuple[User, str]]:
    """The series' members (plus chair and moderator) with their attendance status."""
    series = meeting.series
    people = {m.pk: m for m in series.members.all()}
    # Chair and moderator (not read with the meeting: only this form and the PDF name them).
    others = {series.chair_id, series.moderator_id} - {None} - people.keys()
    if others:
        people.update((u.pk, u) for u in User.objects.filter(pk__in=others))
    status = dict(
        Attendance.objects.filter(meeting=meeting, user__isnull=False).values_list(
            "user_id", "status"
        )
    )
    rows = sorted(people.values(), key=lambda u: (u.last_name, u.first_name, u.username))
    return [(person, status.get(person.pk, "")) for person in rows]
