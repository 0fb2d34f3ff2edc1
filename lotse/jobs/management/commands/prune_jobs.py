from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from lotse.jobs.services import jobs_prune


class Command(BaseCommand):
    help = (
        "Löscht Hintergrundaufträge, die länger als LOTSE_JOB_RETENTION_DAYS Tage beendet sind, "
        "mit ihren Dateien (und die erledigten Einträge der Warteschlange). Der "
        "Hintergrunddienst führt das täglich aus; für cron/systemd ebenso geeignet."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Aufbewahrung in Tagen (Standard: LOTSE_JOB_RETENTION_DAYS; 0 löscht nichts).",
        )

    def handle(self, *args: Any, days: int | None = None, **options: Any) -> None:
        kept = settings.LOTSE_JOB_RETENTION_DAYS if days is None else days
        pruned = jobs_prune(days=kept)
        self.stdout.write(
            f"{pruned.jobs} Aufträge älter als {kept} Tage gelöscht ({pruned.files} Dateien, "
            f"{pruned.task_results} Einträge der Warteschlange)."
            if kept > 0
            else "Aufbewahrung 0: nichts gelöscht."
        )
