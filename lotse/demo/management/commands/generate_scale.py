import sys
from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandParser

from lotse.demo.scale import generate_programme


class Command(BaseCommand):
    help = "Erzeugt ein synthetisches Großprogramm für Messungen (Benchmarks)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--slug", default="skala")
        parser.add_argument("--projects", type=int, default=20000)

    def handle(self, *args: Any, slug: str, projects: int, **options: Any) -> None:
        def progress(done: int, total: int) -> None:
            width = 30
            filled = width * done // total
            sys.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} Projekte")
            sys.stdout.flush()

        programme = generate_programme(slug=slug, projects=projects, progress=progress)
        self.stdout.write(f"\nFertig: {programme.projects.count()} Projekte in „{programme}“.")
