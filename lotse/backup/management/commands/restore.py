"""Restore a backup written by `manage.py backup` into an empty database."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser
from django.db import DEFAULT_DB_ALIAS

from lotse.backup.services import BackupError
from lotse.backup.services import backup_restore


class Command(BaseCommand):
    help = (
        "Spielt eine Sicherung von „manage.py backup“ in eine leere Datenbank ein (SQLite oder "
        "PostgreSQL, gleich welche die Sicherung geschrieben hat). Die Datenbank wird dafür "
        "migriert; enthält sie schon Daten, wird abgebrochen, ohne etwas zu ändern. Danach "
        "wird jede Tabelle mit der Sicherung verglichen (Zeilen und SHA-256)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("backup", help="Die zip-Datei von „manage.py backup“.")
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help="Datenbank-Alias (Standard: default)."
        )

    def handle(self, *args: Any, backup: str, database: str, **options: Any) -> None:
        try:
            result = backup_restore(path=Path(backup), using=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Sicherung vom {result.manifest.created_at} eingespielt und geprüft: "
            f"{result.summary()}."
        )
