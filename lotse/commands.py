"""Helpers shared by the management commands of every app (neutral: imports no app)."""

from argparse import ArgumentParser
from collections.abc import Sequence
from datetime import date

from django.core.management.base import CommandError
from django.core.management.base import OutputWrapper


def parse_day(value: str) -> date:
    """The `--today` option of the scheduled commands (JJJJ-MM-TT), with a German error."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--today „{value}“ ist kein gültiges Datum (Format JJJJ-MM-TT)."
        ) from None


def add_day_options(parser: ArgumentParser) -> None:
    """`--today` and `--dry-run`, the options every daily reminder command takes."""
    parser.add_argument(
        "--today", default=None, help="Stichtag im Format JJJJ-MM-TT (Standard: heute)."
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="Nur anzeigen, welche Erinnerungen versendet würden; nichts senden.",
    )


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
