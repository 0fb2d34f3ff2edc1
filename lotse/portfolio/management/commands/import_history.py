"""`manage.py import_history FILE --valid-from YYYY-MM-DD`: import data that belongs to an
earlier date (e.g. a city's Excel history, converted to Django's JSON format) into an
existing installation, so that reports "as of" that date show it.

Every object is saved like any change in Lotse (history included), inside
``lotse.history.valid_from``: its historical record is valid from the given day, not from
the moment of the import. All or nothing: one bad row and nothing is written.
"""

from datetime import date
from typing import Any

from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError
from django.db import transaction
from django.utils import timezone

from lotse.history import start_of
from lotse.history import valid_from


class Command(BaseCommand):
    help = (
        "Importiert Daten (JSON im Format von dumpdata) mit einem Gültigkeitsdatum: Die "
        "Historie zeigt sie ab diesem Tag, Berichte „zum Stand“ danach enthalten sie."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="JSON-Datei im Format von manage.py dumpdata")
        parser.add_argument(
            "--valid-from",
            required=True,
            help="Tag, ab dem die Daten gelten (JJJJ-MM-TT, z. B. 2024-03-01)",
        )

    def handle(self, *args: Any, file: str, valid_from: str, **options: Any) -> None:
        try:
            day = date.fromisoformat(valid_from)
        except ValueError as exc:
            raise CommandError(
                f"--valid-from „{valid_from}“ ist kein Datum im Format JJJJ-MM-TT."
            ) from exc
        if day > timezone.localdate():
            raise CommandError(f"--valid-from {day:%d.%m.%Y} liegt in der Zukunft.")
        try:
            with open(file, encoding="utf-8") as handle:
                text = handle.read()
        except OSError as exc:
            raise CommandError(f"Die Datei „{file}“ lässt sich nicht lesen: {exc}") from exc
        count = self._import(text, day)
        self.stdout.write(f"{count} Datensätze mit Gültigkeit ab {day:%d.%m.%Y} importiert.")

    def _import(self, text: str, day: date) -> int:
        count = 0
        try:
            with transaction.atomic(), valid_from(start_of(day)):
                for count, item in enumerate(serializers.deserialize("json", text), start=1):
                    label = f"Datensatz {count} ({item.object._meta.label})"
                    try:
                        item.object.full_clean(validate_unique=False)
                        item.object.save()
                        for name, values in (item.m2m_data or {}).items():
                            getattr(item.object, name).set(values)
                    except ValidationError as exc:
                        raise CommandError(f"{label}: {'; '.join(exc.messages)}") from exc
                    except DatabaseError as exc:
                        raise CommandError(f"{label}: {exc}") from exc
        except DeserializationError as exc:
            raise CommandError(f"Die Datei ist kein gültiges Lotse-JSON: {exc}") from exc
        return count
