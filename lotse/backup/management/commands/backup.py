"""Write a backup of the whole installation into one zip file."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser
from django.db import DEFAULT_DB_ALIAS
from django.utils import timezone

from lotse.backup.services import BackupError
from lotse.backup.services import backup_create


class Command(BaseCommand):
    help = (
        "Sichert die ganze Installation (alle Tabellen, die Historie und das Berichtsarchiv) "
        "in eine zip-Datei, die „manage.py restore“ auf SQLite oder PostgreSQL wieder einspielt."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            "-o",
            default=None,
            help="Zieldatei (Standard: lotse-backup-JJJJ-MM-TT-hhmmss.zip im aktuellen Ordner).",
        )
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help="Datenbank-Alias (Standard: default)."
        )

    def handle(self, *args: Any, output: str | None, database: str, **options: Any) -> None:
        path = Path(output or f"lotse-backup-{timezone.localtime():%Y-%m-%d-%H%M%S}.zip").resolve()
        try:
            manifest = backup_create(path=path, using=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Sicherung geschrieben: {path} ({len(manifest.models)} Tabellen, "
            f"{manifest.rows} Zeilen, {path.stat().st_size} Bytes)."
        )
