"""Reminder e-mails: before the due date, overdue, never twice, German text with a link."""

from datetime import date
from io import StringIO

import pytest
from django.core.mail import EmailMessage
from django.core.management import CommandError
from django.core.management import call_command

from lotse.accounts.models import ProjectRole
from lotse.reporting import services
from lotse.reporting.models import ReminderLog
from lotse.reporting.models import StatusReport
from lotse.reporting.periods import ensure_periods
from lotse.reporting.reminders import ReminderFailures
from lotse.reporting.reminders import link_for
from lotse.reporting.reminders import pending_reminders
from lotse.reporting.reminders import send_reminders
from tests.reporting.factories import ReportingConfigFactory

from ..factories import ProjectRoleFactory
from ..factories import UserFactory

# Monthly from January 2024, five working days before the end, reminder two days before:
# January is due on Wednesday 24.01.2024, February on Thursday 22.02.2024.
JAN_DUE = date(2024, 1, 24)
FEB_DUE = date(2024, 2, 22)


@pytest.fixture
def config(cast):
    return ReportingConfigFactory(
        programme=cast.programme, first_period_start=date(2024, 1, 1), reminder_days_before=2
    )


@pytest.fixture
def lead(cast):
    return cast.users["project_lead"]


def report_for(cast, day: date, state: str) -> StatusReport:
    period = ensure_periods(cast.programme, day)[-1]
    report = services.report_start(project=cast.project, period=period, user=None)
    if state in ("submitted", "accepted", "returned"):
        report = services.report_submit(report=report, user=cast.users["project_lead"])
    if state == "accepted":
        report = services.report_accept(report=report, user=cast.users["pmo"])
    if state == "returned":
        report = services.report_return(report=report, user=cast.users["pmo"], comment="Mehr.")
    return report


def sent(mailoutbox) -> list[tuple[str, str]]:
    return [(m.to[0], m.subject) for m in mailoutbox]


@pytest.mark.parametrize(
    ("today", "count"),
    [
        (date(2024, 1, 21), 0),  # three days before: too early
        (date(2024, 1, 22), 1),  # two days before
        (date(2024, 1, 24), 1),  # on the due date itself
    ],
)
def test_before_due(cast, config, lead, mailoutbox, today, count):
    assert send_reminders(today=today) == count
    assert len(mailoutbox) == count
    if count:
        mail = mailoutbox[0]
        assert mail.to == [lead.email]
        assert mail.subject == ("Erinnerung: Statusbericht „Kommunalportal“ fällig am 24.01.2024")
        log = ReminderLog.objects.get()
        assert (log.project, log.kind, log.recipient) == (cast.project, "before_due", lead.email)
        assert log.period.due_date == JAN_DUE


def test_overdue_only_for_the_latest_passed_period(cast, config, lead, mailoutbox):
    assert send_reminders(today=date(2024, 1, 25)) == 1
    assert mailoutbox[0].subject == (
        "Überfällig: Statusbericht „Kommunalportal“ (fällig seit 24.01.2024)"
    )
    # A month later January is long gone; February is overdue now.
    mailoutbox.clear()
    assert send_reminders(today=date(2024, 2, 23)) == 1
    assert "fällig seit 22.02.2024" in mailoutbox[0].subject
    assert sorted(ReminderLog.objects.values_list("period__due_date", "kind")) == [
        (JAN_DUE, "overdue"),
        (FEB_DUE, "overdue"),
    ]


def test_overdue_and_next_before_due_on_the_same_day(cast, config, lead, mailoutbox):
    # 20.02.2024: January is overdue (unreported) and February is due in two days.
    # One digest for the person, with both reminders in it.
    assert send_reminders(today=date(2024, 2, 20)) == 2
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.subject == "Lotse: 2 Statusberichte brauchen Ihre Aufmerksamkeit"
    assert "1/2: Überfällig" in mail.body or "1/2: Erinnerung" in mail.body
    assert "2/2:" in mail.body
    assert ReminderLog.objects.count() == 2


@pytest.mark.parametrize("state", ["submitted", "accepted"])
def test_no_mail_when_reported(cast, config, mailoutbox, state):
    report_for(cast, date(2024, 1, 1), state)
    assert send_reminders(today=date(2024, 1, 22)) == 0
    assert send_reminders(today=date(2024, 1, 25)) == 0
    assert mailoutbox == []


def test_a_draft_is_not_reported(cast, config, mailoutbox):
    report = report_for(cast, date(2024, 1, 1), "draft")
    assert send_reminders(today=date(2024, 1, 22)) == 1
    assert link_for(cast.project, report) in mailoutbox[0].body


def test_returned_report_gets_a_reminder(cast, config, lead, mailoutbox):
    report = report_for(cast, date(2024, 1, 1), "returned")
    assert send_reminders(today=date(2024, 1, 25)) == 1
    body = mailoutbox[0].body
    assert "zur Überarbeitung zurückgegeben" in body
    assert link_for(cast.project, report) in body


def test_no_duplicates_on_rerun(cast, config, mailoutbox):
    out = StringIO()
    call_command("send_reminders", "--today", "2024-01-22", stdout=out)
    assert "Erinnerungen für den 22.01.2024: 1 Erinnerung versendet." in out.getvalue()
    call_command("send_reminders", "--today", "2024-01-22", stdout=out)
    call_command("send_reminders", "--today", "2024-01-23", stdout=out)
    assert "keine Erinnerungen versendet" in out.getvalue()
    assert len(mailoutbox) == 1
    assert ReminderLog.objects.count() == 1


def test_dry_run_sends_and_records_nothing(cast, config, lead, mailoutbox):
    out = StringIO()
    call_command("send_reminders", "--today", "2024-01-25", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "Probelauf für den 25.01.2024: 1 Erinnerung (1 überfällig)." in text
    assert f"Kommunalportal (01.01.2024 – 31.01.2024, fällig 24.01.2024) → {lead.email}" in text
    assert mailoutbox == []
    assert not ReminderLog.objects.exists()


def test_invalid_date_is_refused(db):
    with pytest.raises(CommandError, match="kein gültiges Datum"):
        call_command("send_reminders", "--today", "24.01.2024")


def test_recipients_are_the_project_leads_with_an_email(cast, config, lead, mailoutbox):
    lead.email = ""
    lead.save()
    # A second lead by role gets the mail; the member and the PMO do not.
    deputy = UserFactory(username="deputy", email="deputy@example.org")
    ProjectRoleFactory(user=deputy, project=cast.project, role=ProjectRole.Role.PROJECT_LEAD)
    # A project lead by role and by Project.lead gets it once.
    other_lead = UserFactory(username="other_lead", email="Other@Example.org")
    cast.other_project.lead = other_lead
    cast.other_project.save()
    ProjectRoleFactory(user=other_lead, project=cast.other_project, role="project_lead")
    # Inactive people get nothing.
    gone = UserFactory(username="gone", is_active=False)
    ProjectRoleFactory(user=gone, project=cast.project, role="project_lead")

    assert send_reminders(today=date(2024, 1, 22)) == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["Other@Example.org", "deputy@example.org"]


def test_finished_cancelled_and_paused_projects_are_not_reminded(cast, config, mailoutbox):
    for stage in ("completed", "cancelled", "paused"):
        cast.project.stage = stage
        cast.project.save()
        assert send_reminders(today=date(2024, 1, 22)) == 0
    cast.project.stage = "running"
    cast.project.save()
    assert send_reminders(today=date(2024, 1, 22)) == 1


def test_three_week_cadence(cast, lead, mailoutbox):
    ReportingConfigFactory(
        programme=cast.programme,
        cadence="weeks",
        period_weeks=3,
        first_period_start=date(2024, 1, 1),
        reminder_days_before=2,
    )
    # Periods 01.01.–21.01. (due 15.01.) and 22.01.–11.02. (due 05.02.2024).
    assert send_reminders(today=date(2024, 1, 13)) == 1
    assert mailoutbox[-1].subject.endswith("fällig am 15.01.2024")
    assert send_reminders(today=date(2024, 2, 3)) == 2
    assert len(mailoutbox) == 2  # both reminders of that day in one digest
    digest = mailoutbox[1].body
    assert "Erinnerung: Statusbericht „Kommunalportal“ fällig am 05.02.2024" in digest
    assert "Überfällig: Statusbericht „Kommunalportal“ (fällig seit 15.01.2024)" in digest
    assert send_reminders(today=date(2024, 2, 6)) == 1  # the second period is overdue now
    assert "fällig seit 05.02.2024" in mailoutbox[-1].subject


def test_mail_text_is_german_with_dates_and_an_absolute_link(
    cast, config, lead, mailoutbox, settings
):
    settings.LOTSE_BASE_URL = "https://lotse.example.org/"
    cast.project.title = "Bürger & Service"
    cast.project.save()
    send_reminders(today=date(2024, 1, 22))
    mail = mailoutbox[0]
    link = link_for(cast.project, None)
    assert link.startswith("https://lotse.example.org/")
    assert "//" not in link.removeprefix("https://")
    assert link in mail.body
    assert mail.subject == "Erinnerung: Statusbericht „Bürger & Service“ fällig am 24.01.2024"
    assert f"Guten Tag {lead}," in mail.body
    assert "Bitte reichen Sie ihn bis dahin ein." in mail.body
    assert "Berichtsperiode:  01.01.2024 – 31.01.2024" in mail.body
    assert "Fällig am:        24.01.2024" in mail.body
    assert "Projektcheck am:  31.01.2024" in mail.body
    assert "&amp;" not in mail.body


def test_default_base_url(cast, config, mailoutbox, settings):
    del settings.LOTSE_BASE_URL
    send_reminders(today=date(2024, 1, 22))
    assert "http://127.0.0.1:8000/" in mailoutbox[0].body


def test_a_failed_mail_is_not_recorded_and_retried(cast, config, lead, mailoutbox, monkeypatch):
    deputy = UserFactory(username="deputy", email="deputy@example.org")
    ProjectRoleFactory(user=deputy, project=cast.project, role="project_lead")
    original = EmailMessage.send

    def flaky(message, *args, **kwargs):
        if message.to == [lead.email]:
            raise OSError("SMTP weg")
        return original(message, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", flaky)
    with pytest.raises(ReminderFailures) as exc:
        send_reminders(today=date(2024, 1, 22))
    assert (exc.value.sent, [r.email for r in exc.value.failed]) == (1, [lead.email])
    assert list(ReminderLog.objects.values_list("recipient", flat=True)) == [deputy.email]
    with pytest.raises(CommandError, match="1 Erinnerung"):
        call_command("send_reminders", "--today", "2024-01-22", stdout=StringIO())

    monkeypatch.setattr(EmailMessage, "send", original)
    assert [r.email for r in pending_reminders(today=date(2024, 1, 22))] == [lead.email]
    assert send_reminders(today=date(2024, 1, 22)) == 1
    assert sorted(m.to[0] for m in mailoutbox) == [deputy.email, lead.email]


def test_every_mail_is_marked_automatic_with_html_and_a_settings_link(
    cast, config, lead, mailoutbox, settings
):
    settings.DEFAULT_FROM_EMAIL = "lotse@potsdam.example"
    settings.LOTSE_MAIL_REPLY_TO = "pmo@potsdam.example"
    settings.LOTSE_BASE_URL = "https://lotse.potsdam.example"
    send_reminders(today=date(2024, 1, 22))
    mail = mailoutbox[0]
    message = mail.message()
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["From"] == "lotse@potsdam.example"
    assert message["Reply-To"] == "pmo@potsdam.example"
    assert "https://lotse.potsdam.example/konto/benachrichtigungen/" in mail.body
    (html, mime), *_rest = mail.alternatives
    assert mime == "text/html" and '<html lang="de">' in html
    assert '<a href="https://lotse.potsdam.example/konto/benachrichtigungen/">' in html
    assert "Kommunalportal" in html


def test_a_person_who_switched_reminders_off_gets_none(cast, config, lead, mailoutbox):
    client = cast.client("project_lead")
    page = client.get("/konto/benachrichtigungen/")
    assert page.status_code == 200 and "Statusberichte" in page.content.decode()
    client.post("/konto/benachrichtigungen/", {"checkin_reminders": "on", "mentions": "on"})
    assert send_reminders(today=date(2024, 1, 22)) == 0
    assert mailoutbox == []
    client.post("/konto/benachrichtigungen/", {"report_reminders": "on"})
    assert send_reminders(today=date(2024, 1, 22)) == 1
