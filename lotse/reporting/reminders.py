"""Reminder e-mails to project leads whose status report is due soon or overdue.

Run daily by `manage.py send_reminders`. For every programme, each active project that has
no submitted or accepted report for a period gets

- a reminder *before the due date*, from `reminder_days_before` days before it up to the due
  date itself, and
- an *overdue* reminder once the due date has passed, only for the latest period whose due
  date has passed (nobody is chased for long-gone periods).

A returned report counts as not reported: it needs to be submitted again. Every mail sent is
recorded in `ReminderLog` (one per project, period, kind and recipient), so a rerun, or a
second run on the same day, sends nothing twice. Each mail is sent in its own transaction: if
sending fails, no log entry is written and the next run tries again.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy

from lotse.accounts.models import ProjectRole
from lotse.accounts.notifications import opted_out
from lotse.mail import base_url
from lotse.mail import rendered
from lotse.mail import send_digests
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project

from .models import SILENT_STAGES
from .models import ReminderLog
from .models import ReportingPeriod
from .models import StatusReport
from .periods import default_config
from .periods import ensure_periods

# Projects that report: everything but finished, cancelled and paused ones.
# Reports in these states count as delivered; drafts and returned reports do not.
DELIVERED = [StatusReport.State.SUBMITTED, StatusReport.State.ACCEPTED]


@dataclass(frozen=True)
class Reminder:
    project: Project
    period: ReportingPeriod
    kind: str  # ReminderLog.Kind
    email: str
    name: str
    report: StatusReport | None  # the draft or returned report, if one exists
    today: date

    @property
    def kind_label(self) -> str:
        return str(ReminderLog.Kind(self.kind).label)

    @property
    def returned(self) -> bool:
        return self.report is not None and self.report.state == StatusReport.State.RETURNED


class ReminderFailures(Exception):
    """Some mails could not be sent (the others were); the failed ones are retried next run."""

    def __init__(self, sent: int, failed: list[Reminder]) -> None:
        self.sent = sent
        self.failed = failed
        super().__init__(f"{len(failed)} reminder(s) failed, {sent} sent")


def link_for(project: Project, report: StatusReport | None) -> str:
    """Absolute link to the report if it exists, else to the project's cockpit."""
    if report is not None:
        path = report.get_absolute_url()
    else:
        path = reverse("reporting:project_cockpit", kwargs={"pk": project.pk})
    return base_url() + path


def _recipients(project: Project) -> dict[str, str]:
    """E-mail address → name of the project's leads (Project.lead and project_lead roles)."""
    # `roles` holds the project-lead roles only (prefetched in _projects_to_remind).
    people = [project.lead] + [role.user for role in project.roles.all()]
    found: dict[str, str] = {}
    seen: set[str] = set()
    for person in people:
        if person is None or not person.is_active or not person.email.strip():
            continue
        email = person.email.strip()
        if email.lower() not in seen:
            seen.add(email.lower())
            found[email] = str(person)
    return found


def _active_projects(programme: Programme) -> list[Project]:
    lead_roles = ProjectRole.objects.filter(role=ProjectRole.Role.PROJECT_LEAD).select_related(
        "user"
    )
    return list(
        Project.objects.filter(programme=programme)
        .exclude(stage__in=SILENT_STAGES)
        .select_related("lead")
        .prefetch_related(Prefetch("roles", queryset=lead_roles))
        .order_by("title", "pk")
    )


def _periods_to_remind(programme: Programme, today: date) -> list[tuple[ReportingPeriod, str]]:
    config = default_config(programme)
    periods = ensure_periods(programme, today)
    due: list[tuple[ReportingPeriod, str]] = []
    passed = [p for p in periods if p.due_date < today]
    if passed:
        due.append((max(passed, key=lambda p: p.due_date), ReminderLog.Kind.OVERDUE))
    for period in periods:
        if 0 <= (period.due_date - today).days <= config.reminder_days_before:
            due.append((period, ReminderLog.Kind.BEFORE_DUE))
    return due


def pending_reminders(*, today: date) -> list[Reminder]:
    """The reminders due today that have not been sent yet."""
    pending = []
    for programme in Programme.objects.order_by("name", "pk"):
        to_remind = _periods_to_remind(programme, today)
        if not to_remind:
            continue
        projects = _active_projects(programme)
        if not projects:
            continue
        period_ids = {period.pk for period, _kind in to_remind}
        reports = {
            (r.project_id, r.period_id): r
            for r in StatusReport.objects.filter(
                period_id__in=period_ids, project__in=projects
            ).only("pk", "project_id", "period_id", "state")
        }
        sent = defaultdict(set)
        for project_id, period_id, kind, email in ReminderLog.objects.filter(
            period_id__in=period_ids
        ).values_list("project_id", "period_id", "kind", "recipient"):
            sent[(project_id, period_id, kind)].add(email.lower())
        for period, kind in to_remind:
            for project in projects:
                report = reports.get((project.pk, period.pk))
                if report is not None and report.state in DELIVERED:
                    continue
                already = sent[(project.pk, period.pk, kind)]
                for email, name in _recipients(project).items():
                    if email.lower() not in already:
                        pending.append(Reminder(project, period, kind, email, name, report, today))
    return pending


def render(reminder: Reminder) -> tuple[str, str]:
    """Subject and body of the reminder, in German."""
    context = {
        "name": reminder.name,
        "project": reminder.project,
        "period": reminder.period,
        "returned": reminder.returned,
        "today": reminder.today,
        "link": link_for(reminder.project, reminder.report),
    }
    return rendered(f"reporting/email/{reminder.kind}", context)


def _record(reminder: Reminder) -> None:
    ReminderLog.objects.create(
        project=reminder.project,
        period=reminder.period,
        kind=reminder.kind,
        recipient=reminder.email,
    )


def send_reminders(*, today: date) -> int:
    """Send the reminders due today, one digest per person (all their projects in one mail),
    to everyone who has not switched them off; returns the number of reminders sent.

    A mail that fails does not stop the others; afterwards ReminderFailures is raised.
    """
    sent, failed = send_digests(
        pending_reminders(today=today),
        unwanted=opted_out("report_reminders"),
        render=render,
        record=_record,
        subject_many=gettext_lazy("Lotse: %(n)d Statusberichte brauchen Ihre Aufmerksamkeit"),
        what="Reminders",
    )
    if failed:
        raise ReminderFailures(sent, failed)
    return sent
