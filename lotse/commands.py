"""Helpers shared by the management commands of every app (neutral: imports no app)."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser
from django.core.management.base import OutputWrapper
from django.utils import timezone


def parse_day(value: str | None) -> date:
    """The `--today` option of the scheduled commands (JJJJ-MM-TT, by default today), with a
    German error."""
    if not value:
        return timezone.localdate()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--today „{value}“ ist kein gültiges Datum (Format JJJJ-MM-TT)."
        ) from None


class DailyCommand(BaseCommand):
    """A command run once a day (the reminders): `--today` (JJJJ-MM-TT, by default today) and
    `--dry-run`; the subclass does the day's work in `run`."""

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today", default=None, help="Stichtag im Format JJJJ-MM-TT (Standard: heute)."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Nur anzeigen, welche Erinnerungen versendet würden; nichts senden.",
        )

    def handle(self, *args: Any, today: str | None, dry_run: bool, **options: Any) -> None:
        self.run(parse_day(today), dry_run)

    def run(self, today: date, dry_run: bool) -> None:
        raise NotImplementedError


def write_pending(out: OutputWrapper, title: str, lines: Sequence[str]) -> None:
    """A dry run's list: `<title>: <count>.`, then one indented line per pending reminder."""
    out.write(f"{title}: {len(lines)}.")
    for line in lines:
        out.write(f"  {line}")


def not_sent(count: int, reminders: str) -> str:
    """The message on reminders whose mail failed; `reminders` names them (`Fristen-Erinnerung`)."""
    return (
        f"{count} {reminders}(en) konnten nicht versendet werden; sie werden beim nächsten Lauf "
        "erneut versucht."
    )
