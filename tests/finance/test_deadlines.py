"""Deadlines reach the deciding body's agenda, the PMO's inbox (once) and the cockpit."""

from datetime import date
from datetime import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from lotse.finance import services
from lotse.finance.models import DeadlineReminderLog
from lotse.finance.reminders import send_deadline_reminders
from lotse.governance.agenda import agenda_assemble
from lotse.governance.models import AgendaItem
from lotse.governance.models import Meeting
from tests.governance.factories import decide
from tests.governance.factories import make_series

from .conftest import make_deadline

TODAY = date(2026, 3, 2)


@pytest.fixture
def deadline(cast):
    return make_deadline(
        cast.programme,
        "Beschluss Smart-City-Strategie",
        TODAY + timedelta(days=20),
        consequence="Ohne Beschluss scheitert die Förderung.",
    )


def _meeting(series, day: date) -> Meeting:
    return Meeting.objects.create(series=series, date=day, start_time=time(10), duration_minutes=60)


def test_a_decision_deadline_reaches_the_agenda_of_the_body_that_decides(cast, deadline):
    tk = make_series(cast.programme, name="TK", body="transformation_conference", first_date=TODAY)
    pc = make_series(cast.programme, name="PC", body="project_check", first_date=TODAY)
    meeting = _meeting(tk, TODAY + timedelta(days=7))
    other = _meeting(pc, TODAY + timedelta(days=7))
    assert agenda_assemble(meeting=meeting, today=TODAY) >= 1
    item = AgendaItem.objects.get(meeting=meeting, source_key=f"deadline:{deadline.pk}")
    assert "Beschluss Smart-City-Strategie" in item.title and "22.03.2026" in item.title
    assert "Ohne Beschluss scheitert die Förderung." in item.description
    agenda_assemble(meeting=meeting, today=TODAY)
    assert AgendaItem.objects.filter(source_key=f"deadline:{deadline.pk}").count() == 1
    agenda_assemble(meeting=other, today=TODAY)
    assert not AgendaItem.objects.filter(meeting=other, source_key__startswith="deadline:").exists()


def test_far_met_and_overdue_deadlines_on_the_agenda(cast, deadline):
    tk = make_series(cast.programme, name="TK", body="transformation_conference", first_date=TODAY)
    far = make_deadline(cast.programme, "Weit weg", TODAY + timedelta(days=200), consequence="x")
    late = _meeting(tk, TODAY + timedelta(days=30))  # after the due date: overdue by then
    agenda_assemble(meeting=late, today=TODAY + timedelta(days=30))
    keys = set(AgendaItem.objects.filter(meeting=late).values_list("source_key", flat=True))
    assert f"deadline:{deadline.pk}" in keys and f"deadline:{far.pk}" not in keys
    item = AgendaItem.objects.get(meeting=late, source_key=f"deadline:{deadline.pk}")
    assert item.description.startswith("ÜBERFÄLLIG seit 22.03.2026")
    services.deadline_mark_met(deadline=deadline, met_on=TODAY, resolution="Beschluss")
    next_one = _meeting(tk, TODAY + timedelta(days=40))
    agenda_assemble(meeting=next_one, today=TODAY + timedelta(days=40))
    assert not AgendaItem.objects.filter(
        meeting=next_one, source_key__startswith="deadline:"
    ).exists()


def test_reminders_reach_the_pmo_once(cast, deadline, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_deadline_reminders(today=TODAY - timedelta(days=40)) == (0, 0)  # not yet
    assert send_deadline_reminders(today=TODAY) == (1, 0)
    [message] = mail.outbox
    assert message.to == [cast.users["pmo"].email]
    assert "Frist naht: Beschluss Smart-City-Strategie" in message.subject
    assert "Ohne Beschluss scheitert die Förderung." in message.body
    assert send_deadline_reminders(today=TODAY + timedelta(days=1)) == (0, 0)  # no duplicate
    call_command("send_reminders", today=str(TODAY + timedelta(days=2)))
    assert len(mail.outbox) == 1
    assert send_deadline_reminders(today=TODAY + timedelta(days=21)) == (1, 0)  # overdue once
    assert "Frist überschritten" in mail.outbox[-1].subject
    assert send_deadline_reminders(today=TODAY + timedelta(days=22)) == (0, 0)
    assert DeadlineReminderLog.objects.count() == 2


def test_cockpit_shows_due_and_overdue_deadlines_in_words(cast, deadline):
    services.deadline_update(
        deadline=deadline, data={"due_date": date(2020, 1, 1)}, expected_version=None
    )
    html = (
        cast.client("viewer")
        .get(reverse("reporting:programme_cockpit", args=[cast.programme.slug]))
        .content.decode()
    )
    assert "Beschluss Smart-City-Strategie" in html and "überfällig" in html


def test_a_decision_on_the_deadline_item_marks_the_deadline_met(cast, deadline):
    tk = make_series(
        cast.programme,
        name="TK",
        body="transformation_conference",
        first_date=TODAY,
        powers=["strategic", "other"],
    )
    today = timezone.localdate()
    meeting = _meeting(tk, today)
    services.deadline_update(
        deadline=deadline, data={"due_date": today + timedelta(days=5)}, expected_version=None
    )
    agenda_assemble(meeting=meeting, today=today)
    item = AgendaItem.objects.get(meeting=meeting, source_key=f"deadline:{deadline.pk}")
    assert item.kind == AgendaItem.Kind.DEADLINE
    assert item.get_kind_display() == "Frist mit Entscheidungsbedarf"
    other_item = AgendaItem.objects.create(meeting=meeting, title="Sonstiges", position=99)
    decide(meeting, "other", wording="Vorab", agenda_item=other_item)
    deadline.refresh_from_db()
    assert deadline.status == "open"  # a decision on another item leaves the deadline open
    wording = "Die Smart-City-Strategie wird beschlossen."
    decide(meeting, "strategic", wording=wording, user=cast.users["sponsor"], agenda_item=item)
    deadline.refresh_from_db()
    assert (deadline.status, deadline.met_on) == ("met", today)
    assert "Beschluss TK vom" in deadline.resolution
    assert "Die Smart-City-Strategie wird beschlossen." in deadline.resolution
    assert deadline.history.first().status == "met"
