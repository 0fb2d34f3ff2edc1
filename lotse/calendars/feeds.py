"""Feeds of dates and deadlines (iCalendar): per programme and "meine Termine und Fristen".

The programme feed holds the projects' milestones (the expected date: reached, forecast or
planned), the due dates of the status reports, the finance deadlines (funding, spending,
proof of use, decisions) and the phase gates. The personal feed holds the meetings of the
person's Gremien and the dates of the projects they lead or work in, plus the programme's
deadlines where they run the programme. Everything is an all-day event (a date, not a time)
except meetings. Each kind sees only what the person may see (the apps' `rules`).

SEQUENCE: a finance deadline's version; for milestones and gates, which have no version, the
number of their recorded changes (django-simple-history), so it rises with every change too.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from typing import Any

from django.db.models import Count
from django.db.models import Q
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event

from lotse.accounts.models import User
from lotse.documents import ical
from lotse.finance.models import Deadline
from lotse.governance import feeds as meeting_feeds
from lotse.http import AnyUser
from lotse.planning.models import Gate
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.portfolio.models import Stage
from lotse.reporting.models import Milestone
from lotse.reporting.models import ReportingPeriod

Absolute = Callable[[str], str]


def _changes(model: Any, pks: list[int]) -> dict[int, int]:
    """pk → number of recorded versions (1 for an object never changed)."""
    rows = (
        model.history.model.objects.filter(id__in=pks)
        .values("id")
        .annotate(n=Count("history_id"))
        .values_list("id", "n")
    )
    return dict(rows)


def milestone_events(projects: QuerySet[Project], absolute: Absolute) -> Iterable[Event]:
    milestones = list(
        Milestone.objects.filter(project__in=projects)
        .select_related("project")
        .order_by("planned_date", "pk")
    )
    versions = _changes(Milestone, [m.pk for m in milestones])
    for m in milestones:
        reached = _("erreicht") if m.actual_date else ""
        yield ical.all_day_event(
            kind="milestone",
            pk=m.pk,
            day=m.expected_date,
            summary=_("Meilenstein: %(title)s (%(project)s)")
            % {"title": m.title, "project": m.project.title},
            sequence=versions.get(m.pk, 1) - 1,
            description="\n".join(
                filter(
                    None,
                    [
                        _("geplant: %(day)s") % {"day": f"{m.planned_date:%d.%m.%Y}"},
                        _("Prognose: %(day)s") % {"day": f"{m.forecast_date:%d.%m.%Y}"}
                        if m.forecast_date
                        else "",
                        reached,
                    ],
                )
            ),
            url=absolute(m.project.get_absolute_url()),
            categories=[_("Meilenstein")],
            cancelled=m.project.stage == Stage.CANCELLED,
        )


def gate_events(projects: QuerySet[Project], absolute: Absolute) -> Iterable[Event]:
    gates = list(
        Gate.objects.filter(phase__project__in=projects)
        .filter(Q(planned_on__isnull=False) | Q(passed_on__isnull=False))
        .select_related("phase", "phase__project")
        .order_by("pk")
    )
    versions = _changes(Gate, [g.pk for g in gates])
    for gate in gates:
        project = gate.phase.project
        day = gate.passed_on or gate.planned_on
        assert day is not None  # noqa: S101 - filtered above
        yield ical.all_day_event(
            kind="gate",
            pk=gate.pk,
            day=day,
            summary=_("Phasentor: %(gate)s – %(project)s")
            % {"gate": gate.name, "project": project.title},
            sequence=versions.get(gate.pk, 1) - 1,
            description=_("freigegeben") if gate.passed_on else _("geplant"),
            url=absolute(reverse("planning:project_plan", kwargs={"pk": project.pk})),
            categories=[_("Phasentor")],
            cancelled=project.stage == Stage.CANCELLED,
        )


def report_due_events(programmes: Iterable[Programme], absolute: Absolute) -> Iterable[Event]:
    periods = ReportingPeriod.objects.filter(programme__in=list(programmes)).select_related(
        "programme"
    )
    for period in periods.order_by("due_date", "pk"):
        yield ical.all_day_event(
            kind="report-due",
            pk=period.pk,
            day=period.due_date,
            summary=_("Statusberichte fällig (%(programme)s)")
            % {"programme": period.programme.short_name or period.programme.name},
            sequence=0,  # a period's dates are fixed once it exists
            description=_("Berichtszeitraum %(period)s") % {"period": str(period)},
            url=absolute(period.programme.get_absolute_url()),
            categories=[_("Berichtsfrist")],
        )


def deadline_events(deadlines: QuerySet[Deadline], absolute: Absolute) -> Iterable[Event]:
    for d in deadlines.select_related("project").order_by("due_date", "pk"):
        yield ical.all_day_event(
            kind="deadline",
            pk=d.pk,
            day=d.due_date,
            summary=_("Frist: %(title)s") % {"title": d.title},
            sequence=d.version - 1,
            description="\n".join(
                filter(
                    None,
                    [
                        str(d.get_kind_display()),
                        str(d.get_status_display()),
                        d.project.title if d.project else "",
                        d.consequence,
                    ],
                )
            ),
            url=absolute(reverse("finance:deadline_edit", kwargs={"pk": d.pk})),
            categories=[_("Frist")],
        )


def _add(calendar: Calendar, events: Iterable[Event]) -> None:
    for event in events:
        calendar.add_component(event)


def programme_calendar(programme: Programme, user: AnyUser, absolute: Absolute) -> bytes:
    """Milestones, report due dates, finance deadlines and phase gates of one programme."""
    calendar = ical.new_calendar(
        _("Termine und Fristen: %(programme)s")
        % {"programme": programme.short_name or programme.name}
    )
    projects = Project.objects.filter(programme=programme)
    _add(calendar, milestone_events(projects, absolute))
    _add(calendar, report_due_events([programme], absolute))
    if user.has_perm("finance.view_finance", programme):
        _add(calendar, deadline_events(Deadline.objects.filter(programme=programme), absolute))
    if user.has_perm("planning.view_plan", programme):
        _add(calendar, gate_events(projects, absolute))
    return ical.calendar_bytes(calendar)


def personal_projects(user: User) -> QuerySet[Project]:
    """The projects the person leads or works in (a project role)."""
    return Project.objects.filter(Q(lead=user) | Q(roles__user=user)).distinct()


def personal_calendar(user: User, absolute: Absolute) -> bytes:
    """ "Meine Termine und Fristen": the person's meetings and their projects' dates."""
    calendar = ical.new_calendar(_("Meine Termine und Fristen (Lotse)"))
    for meeting in meeting_feeds.personal_meetings(user):
        calendar.add_component(
            meeting_feeds.meeting_event(meeting, absolute(meeting.get_absolute_url()))
        )
    projects = personal_projects(user)
    _add(calendar, milestone_events(projects, absolute))
    _add(calendar, gate_events(projects, absolute))
    led = Programme.objects.filter(projects__lead=user).distinct()
    _add(calendar, report_due_events(led, absolute))
    running = [
        p
        for p in Programme.objects.filter(roles__user=user).distinct()
        if user.has_perm("finance.manage_finance", p)
    ]
    deadlines = Deadline.objects.filter(Q(programme__in=running) | Q(project__in=projects))
    _add(calendar, deadline_events(deadlines.distinct(), absolute))
    return ical.calendar_bytes(calendar)
