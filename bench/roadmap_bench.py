"""Benchmark data for the roadmap (issue 13): for every project of the synthetic programme
three phases (the second one late by a few weeks for every seventh project), two milestones
(one with a forecast after its plan) and a "benötigt" dependency on the project before it,
so a few hundred knock-ons exist (bulk-created, no history rows).

Wire-up in bench/run.py: ``pages.update(roadmap_bench.pages(client, programme, size))``.
Run on its own: ``python bench/roadmap_bench.py 2500``.
"""

import sys
from datetime import date
from datetime import timedelta
from pathlib import Path

BATCH = 2000
BASE = date(2026, 1, 1)


def _generate(programme) -> None:
    from lotse.planning.models import Phase
    from lotse.portfolio.models import Dependency
    from lotse.reporting.models import Milestone

    projects = list(programme.projects.order_by("pk").values_list("pk", flat=True))
    phases = []
    for n, pk in enumerate(projects):
        start = BASE + timedelta(days=(n * 7) % 365)
        for order in range(3):
            planned_start = start + timedelta(days=120 * order)
            planned_end = planned_start + timedelta(days=119)
            late = order == 1 and n % 7 == 0
            phases.append(
                Phase(
                    project_id=pk,
                    order=order,
                    name=("Vorprojektphase", "Projektphase 1", "Projektphase 2")[order],
                    planned_start=planned_start,
                    planned_end=planned_end,
                    forecast_end=planned_end + timedelta(days=45) if late else None,
                )
            )
    Phase.objects.bulk_create(phases, batch_size=BATCH)
    Milestone.objects.bulk_create(
        (
            Milestone(
                project_id=pk,
                title=f"Meilenstein {m + 1}",
                planned_date=BASE + timedelta(days=(n * 7) % 365 + 100 + 150 * m),
                forecast_date=BASE + timedelta(days=(n * 7) % 365 + 130 + 150 * m)
                if m == 0 and n % 5 == 0
                else None,
                order=m,
            )
            for n, pk in enumerate(projects)
            for m in range(2)
        ),
        batch_size=BATCH,
    )
    Dependency.objects.bulk_create(
        (
            Dependency(source_id=b, target_id=a, kind="needs" if n % 3 else "synergy")
            for n, (a, b) in enumerate(zip(projects, projects[1:], strict=False))
        ),
        batch_size=BATCH,
    )


def pages(client, programme, size) -> dict[str, str]:
    from lotse.planning.models import Phase

    if not Phase.objects.filter(project__programme=programme).exists():
        _generate(programme)
    slug = programme.slug
    field = programme.fields_of_action.order_by("order").first()
    return {
        "Roadmap (je Themenfeld)": f"/programme/{slug}/roadmap/?ansicht=gesamt",
        "Roadmap (ein Feld, Seite 1)": f"/programme/{slug}/roadmap/?feld={field.pk}",
        "API Roadmap (ein Feld)": f"/api/v1/programmes/{slug}/roadmap?feld={field.pk}",
        "API Knock-ons": f"/api/v1/programmes/{slug}/knock-ons",
        "Abhängigkeiten": f"/programme/{slug}/abhaengigkeiten/",
        "Projektcheck mit Knock-on": f"/programme/{slug}/projektcheck/",
    }


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.common import measure_pages
    from bench.common import standalone

    size, user, client, programme = standalone("roadmap")
    measure_pages(client, size, pages(client, programme, size))
