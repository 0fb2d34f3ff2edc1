"""`manage.py search_rebuild`: the search index afresh (after a restore or a bulk import)."""

from typing import Any

from django.core.management.base import BaseCommand

from lotse.search import services


class Command(BaseCommand):
    help = "Baut den Suchindex aus allen durchsuchbaren Objekten neu auf."

    def handle(self, *args: Any, **options: Any) -> None:
        count = services.rebuild()
        self.stdout.write(f"Suchindex neu aufgebaut: {count} Einträge.")
