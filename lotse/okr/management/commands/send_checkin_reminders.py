"""Remind key-result owners whose key result has had no check-in for a while (run once a day)."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lotse.commands import add_day_options, parse_day
from lotse.okr.reminders import pending_checkin_reminders, send_checkin_reminders


class Command(BaseCommand):
    help = (
        "Versendet Check-in-Erinnerungen an die Verantwortlichen von Key Results, für die seit "
        "längerer Zeit kein Check-in erfasst wurde. Jede Erinnerung geht nur einmal hinaus; "
        "mehrfaches Ausführen ist unschädlich."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        add_day_options(parser)

    def handle(self, *args: Any, today: str | None, dry_run: bool, **options: Any) -> None:
        day = parse_day(today) if today else timezone.localdate()
        if dry_run:
            pending = pending_checkin_reminders(today=day)
            self.stdout.write(f"Check-in-Erinnerungen (OKR): {len(pending)}.")
            for reminder in pending:
                self.stdout.write(
                    f"  Check-in: {reminder.key_result} (ohne Check-in seit "
                    f"{reminder.quiet_since:%d.%m.%Y}) → {reminder.email}"
                )
            return
        sent, failed = send_checkin_reminders(today=day)
        self.stdout.write(f"Check-in-Erinnerungen (OKR): {sent} versendet.")
        if failed:
            raise CommandError(
                f"{failed} Check-in-Erinnerung(en) konnten nicht versendet werden; sie werden "
                "beim nächsten Lauf erneut versucht."
            )
