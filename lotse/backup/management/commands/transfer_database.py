"""Move an installation into another (empty) database, e.g. from SQLite to PostgreSQL."""

from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser
from django.db import DEFAULT_DB_ALIAS

from lotse.backup.services import BackupError
from lotse.backup.services import database_register
from lotse.backup.services import database_transfer


class Command(BaseCommand):
    help = (
        "Überträgt die ganze Installation in eine andere, leere Datenbank, z. B. von SQLite "
        "nach PostgreSQL: Sicherung, Einspielen und Vergleich in einem Schritt. Die Quelle "
        "bleibt unverändert."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--to",
            required=True,
            dest="target",
            help="Zieldatenbank als URL, z. B. postgres://lotse@db.example.org:5432/lotse.",
        )
        parser.add_argument(
            "--from",
            default=None,
            dest="source",
            help="Quelldatenbank als URL (Standard: die konfigurierte Datenbank, DATABASE_URL).",
        )

    def handle(self, *args: Any, target: str, source: str | None, **options: Any) -> None:
        try:
            source_alias = database_register(source) if source else DEFAULT_DB_ALIAS
            target_alias = database_register(target)
            result = database_transfer(source=source_alias, target=target_alias)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Übertragen und geprüft: {result.summary()}.")
