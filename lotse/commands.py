"""Helpers shared by the management commands of every app (neutral: imports no app)."""

from datetime import date

from django.core.management.base import CommandError


def parse_day(value: str) -> date:
    """The `--today` option of the scheduled commands (JJJJ-MM-TT), with a German error."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--today „{value}“ ist kein gültiges Datum (Format JJJJ-MM-TT)."
        ) from None
