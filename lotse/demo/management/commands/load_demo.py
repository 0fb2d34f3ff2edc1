"""`python manage.py load_demo`: load the Potsdam demo programme and its demo logins."""

import os
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.utils import timezone

from lotse.demo.duisburg import load_duisburg_demo
from lotse.demo.ideas_demo import load_konstanz_demo
from lotse.demo.loader import DEFAULT_PASSWORD
from lotse.demo.loader import PASSWORD_ENV
from lotse.demo.loader import LoadResult
from lotse.demo.loader import load_potsdam
from lotse.search.services import rebuild as search_rebuild

MODELS = [
    "StrategicGoal",
    "Programme",
    "OrgUnit",
    "FieldOfAction",
    "Project",
    "GoalContribution",
    "Dependency",
    "User",
    "ProgrammeRole",
    "ProjectRole",
]


class Command(BaseCommand):
    help = (
        "Lädt das Demo-Programm „Potsdam smart gestalten und verwalten“ mit Demo-Zugängen je "
        "Rolle. Idempotent: ein zweiter Lauf ändert nichts. Passwort aus "
        f"{PASSWORD_ENV} (Standard: {DEFAULT_PASSWORD})."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet", action="store_true", help="Nichts ausgeben (nur Fehler).")

    def handle(self, *args: Any, quiet: bool = False, **options: Any) -> None:
        password = os.environ.get(PASSWORD_ENV) or DEFAULT_PASSWORD
        if not settings.DEBUG and PASSWORD_ENV not in os.environ:
            raise CommandError(
                f"Produktionsmodus (LOTSE_DEBUG=0): Demo-Zugänge werden nur mit eigenem Passwort "
                f"angelegt, bitte {PASSWORD_ENV} setzen. / Production mode: set {PASSWORD_ENV}; "
                "the default demo password is refused."
            )
        result = load_potsdam(password=password)
        konstanz = load_konstanz_demo(today=timezone.localdate())
        duisburg = load_duisburg_demo(today=timezone.localdate())
        search_rebuild()  # the demo's bulk-created rows too
        if not quiet:
            self._report(result)
            if any(konstanz.values()):
                self.stdout.write(
                    "Konstanz (Digitale Agenda, Ideenplattform): "
                    + "; ".join(f"{name} {n}" for name, n in sorted(konstanz.items()))
                )
            if duisburg:
                self.stdout.write(
                    "Duisburg (Digitale Agenda, Ämter-Workshops): "
                    + "; ".join(f"{name} {n}" for name, n in sorted(duisburg.items()))
                )

    def _report(self, result: LoadResult) -> None:
        out = self.stdout
        programme = result.programme
        if programme is None:  # load_potsdam always sets it
            return
        if result.changed:
            out.write(
                self.style.SUCCESS(
                    f"Demo-Programm „{programme.name}“ ({programme.short_name}) geladen / "
                    "demo programme loaded."
                )
            )
        else:
            out.write(
                f"Demo-Programm „{programme.name}“ ist aktuell, nichts geändert / "
                "demo programme up to date, nothing changed."
            )
        parts = []
        for name in MODELS:
            created, updated = result.created[name], result.updated[name]
            total = created + updated + result.unchanged[name]
            if not total:
                continue
            detail = []
            if created:
                detail.append(f"{created} neu")
            if updated:
                detail.append(f"{updated} aktualisiert")
            parts.append(f"{name} {total}" + (f" ({', '.join(detail)})" if detail else ""))
        out.write("  " + "; ".join(parts))
        out.write("")
        out.write("Demo-Zugänge / demo logins:")
        header = ("Rolle / role", "Benutzername / username", "Passwort / password")
        rows = [(login.role, login.username, login.password) for login in result.logins]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
        line = "  ".join("-" * width for width in widths)
        for row in [header, None, *rows]:
            if row is None:
                out.write(line)
                continue
            cells = (text.ljust(width) for text, width in zip(row, widths, strict=True))
            out.write("  ".join(cells).rstrip())
        out.write("")
        out.write(f"Anmelden unter / log in at {settings.LOTSE_BASE_URL}/")
