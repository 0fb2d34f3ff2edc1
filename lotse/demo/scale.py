"""A synthetic programme far larger than any city's, for benchmarks and load checks.

All names say "Synthetisch" so nobody mistakes them for real data. Rows are bulk-inserted
(no history records): this is measurement data, not a user's change.
"""

import random
from collections.abc import Callable

from django.db import transaction

from lotse.portfolio.models import (
    FieldOfAction,
    GoalContribution,
    OrgUnit,
    Programme,
    Project,
    Stage,
    StrategicGoal,
)


@transaction.atomic
def generate_programme(
    *,
    slug: str,
    projects: int,
    fields: int = 6,
    goals: int = 6,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> Programme:
    rng = random.Random(seed)
    programme, _created = Programme.objects.get_or_create(
        slug=slug, defaults={"name": f"Synthetisches Programm {slug}"}
    )
    goal_rows = [
        StrategicGoal.objects.get_or_create(name=f"Synthetisches Ziel {slug} {i + 1}")[0]
        for i in range(goals)
    ]
    programme.strategic_goals.add(*goal_rows)
    field_rows = [
        FieldOfAction.objects.get_or_create(
            programme=programme,
            name=f"Synthetisches Themenfeld {i + 1}",
            defaults={
                "order": i,
                "impact": "outward" if i < fields // 2 else "inward",
                "target_state": "Synthetischer Zielzustand.",
            },
        )[0]
        for i in range(fields)
    ]
    units = [
        OrgUnit.objects.get_or_create(
            code=f"S-{slug}-{i}", defaults={"name": f"Synthetische Einheit {i}"}
        )[0]
        for i in range(20)
    ]
    stages = list(Stage.values)
    kinds = list(Project.Kind.values)
    batch = 1000
    existing = programme.projects.count()
    for start in range(existing, projects, batch):
        rows = [
            Project(
                programme=programme,
                field_of_action=rng.choice(field_rows),
                org_unit=rng.choice(units),
                title=f"Synthetisches Projekt {n + 1:06d}",
                stage=rng.choice(stages),
                kind=rng.choice(kinds),
                goals="Ziel eins\nZiel zwei",
            )
            for n in range(start, min(start + batch, projects))
        ]
        created = Project.objects.bulk_create(rows)
        GoalContribution.objects.bulk_create(
            GoalContribution(project=p, strategic_goal=rng.choice(goal_rows)) for p in created
        )
        if progress:
            progress(min(start + batch, projects), projects)
    return programme
