"""Create the meetings of every Gremium from its cadence up to a date (idempotent)."""

from datetime import date
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser
from django.utils import timezone

from lotse.governance.models import MeetingSeries
from lotse.governance.services import meetings_generate

DEFAULT_DAYS = 180


class Command(BaseCommand):
    help = (
        "Sitzungen aller Gremien aus ihrem Turnus an Arbeitstagen erzeugen und künftige "
        "korrigieren (stattgefundene, verschobene und abgesagte bleiben)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--until", help="Horizont YYYY-MM-DD (Standard: heute + 180 Tage)")
        parser.add_argument("--programme", help="nur dieses Programm (Kurzadresse)")

    def handle(
        self, *args: Any, until: str | None = None, programme: str | None = None, **options: Any
    ) -> None:
        today = timezone.localdate()
        try:
            horizon = date.fromisoformat(until) if until else today + timedelta(days=DEFAULT_DAYS)
        except ValueError:
            raise CommandError(f"--until: kein Datum im Format YYYY-MM-DD: {until}") from None
        series = MeetingSeries.objects.select_related("programme")
        if programme:
            series = series.filter(programme__slug=programme)
        total = corrected = removed = 0
        for item in series:
            result = meetings_generate(series=item, until=horizon, start=today)
            total += result.created
            corrected += result.corrected
            removed += result.removed
            if (result.created or result.corrected) and options["verbosity"] > 1:
                self.stdout.write(f"{item.programme.slug}: {item.name}: {result.message()}")
        self.stdout.write(
            f"{total} Sitzungen angelegt, {corrected} auf einen Arbeitstag korrigiert, "
            f"{removed} leere entfernt (bis {horizon:%d.%m.%Y})."
        )
