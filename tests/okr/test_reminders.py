"""Check-in reminders: owners of quiet key results in active quarters, once per quiet spell."""

from datetime import date
from datetime import datetime
from datetime import timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.mail import EmailMessage
from django.core.management import CommandError
from django.core.management import call_command

from lotse.okr.models import CheckIn
from lotse.okr.models import CheckInReminderLog
from lotse.okr.models import KeyResult
from lotse.okr.models import OkrSettings
from lotse.okr.reminders import pending_checkin_reminders
from lotse.okr.reminders import send_checkin_reminders

from .conftest import set_state
from .factories import CheckInFactory

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def owned(cast, okr):
    owner = cast.users["member"]
    KeyResult.objects.filter(pk=okr.key_result.pk).update(owner=owner)
    CheckIn.objects.filter(key_result=okr.key_result).update(
        created_at=datetime(2026, 5, 1, 10, tzinfo=BERLIN)
    )
    return owner


def test_owner_is_reminded_once_after_14_quiet_days(cast, okr, owned, mailoutbox):
    assert pending_checkin_reminders(today=date(2026, 5, 15)) == []  # 14 days: not yet
    assert send_checkin_reminders(today=date(2026, 5, 16)) == (1, 0)
    mail = mailoutbox[0]
    assert mail.to == [owned.email]
    assert "Online-Anträge je Monat" in mail.subject
    assert "seit dem 01.05.2026" in mail.body
    assert f"/okr/key-results/{okr.key_result.pk}/#checkin" in mail.body
    assert send_checkin_reminders(today=date(2026, 5, 17)) == (0, 0)
    assert CheckInReminderLog.objects.count() == 1


def test_a_new_check_in_starts_a_new_spell(cast, okr, owned, mailoutbox):
    send_checkin_reminders(today=date(2026, 5, 16))
    new = CheckInFactory(key_result=okr.key_result, value=220)
    CheckIn.objects.filter(pk=new.pk).update(created_at=datetime(2026, 5, 20, 9, tzinfo=BERLIN))
    assert send_checkin_reminders(today=date(2026, 6, 1)) == (0, 0)
    assert send_checkin_reminders(today=date(2026, 6, 4)) == (1, 0)
    assert len(mailoutbox) == 2


def test_the_programme_setting_counts(cast, okr, owned):
    OkrSettings.objects.create(programme=cast.programme, checkin_reminder_days=3)
    assert len(pending_checkin_reminders(today=date(2026, 5, 5))) == 1


def test_only_active_quarters_and_owners_with_email(cast, okr, owned):
    set_state(okr.quarter, "review")
    assert pending_checkin_reminders(today=date(2026, 6, 1)) == []
    set_state(okr.quarter, "active")
    type(owned).objects.filter(pk=owned.pk).update(email="")
    assert pending_checkin_reminders(today=date(2026, 6, 1)) == []


def test_key_result_without_check_in_counts_from_its_creation(cast, okr, owned):
    KeyResult.objects.filter(pk=okr.other_key_result.pk).update(owner=owned)
    created = KeyResult.objects.get(pk=okr.other_key_result.pk).created_at
    day = created.astimezone(BERLIN).date()

    def pending(days):
        return [r.key_result.pk for r in pending_checkin_reminders(today=day + timedelta(days))]

    assert okr.other_key_result.pk not in pending(14)
    assert okr.other_key_result.pk in pending(15)


def test_command_dry_run_lists_and_real_run_sends(cast, okr, owned, mailoutbox):
    out = StringIO()
    call_command("send_checkin_reminders", "--today", "2026-05-16", "--dry-run", stdout=out)
    assert "Check-in-Erinnerungen (OKR): 1." in out.getvalue()
    assert f"Online-Anträge je Monat (ohne Check-in seit 01.05.2026) → {owned.email}" in (
        out.getvalue()
    )
    assert mailoutbox == [] and not CheckInReminderLog.objects.exists()
    out = StringIO()
    call_command("send_checkin_reminders", "--today", "2026-05-16", stdout=out)
    assert "Check-in-Erinnerungen (OKR): 1 versendet." in out.getvalue()
    call_command("send_checkin_reminders", "--today", "2026-05-16", stdout=out)
    assert len(mailoutbox) == 1


def test_status_report_reminders_leave_check_ins_to_their_own_command(cast, okr, owned, mailoutbox):
    out = StringIO()
    call_command("send_reminders", "--today", "2026-05-16", stdout=out)
    assert "Check-in" not in out.getvalue()
    assert not CheckInReminderLog.objects.exists()


def test_command_fails_loudly_when_a_mail_cannot_be_sent(cast, okr, owned, monkeypatch):
    def broken(message, *args, **kwargs):
        raise OSError("SMTP weg")

    monkeypatch.setattr(EmailMessage, "send", broken)
    with pytest.raises(CommandError, match="1 Check-in-Erinnerung"):
        call_command("send_checkin_reminders", "--today", "2026-05-16", stdout=StringIO())
    assert not CheckInReminderLog.objects.exists()  # retried on the next run
