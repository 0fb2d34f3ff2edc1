from typing import Any

from django.core.management.base import BaseCommand

from lotse.ideas.privacy import anonymise_expired


class Command(BaseCommand):
    help = (
        "Löscht Namen und E-Mail-Adressen der Einreichenden von Ideen (und Namen unter "
        "öffentlichen Kommentaren), deren Aufbewahrungsfrist abgelaufen ist. Für cron/systemd."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = anonymise_expired()
        self.stdout.write(f"{count} Einträge anonymisiert.")
