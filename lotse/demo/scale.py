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


@transaction.atomic
def generate_reports(*, programme: Programme, periods: int = 3, seed: int = 1) -> int:
    """Status reports for the last `periods` periods of every project (bulk, no history)."""
    from django.utils import timezone

    from lotse.reporting.models import StatusReport
    from lotse.reporting.periods import ensure_periods

    rng = random.Random(seed)
    recent = ensure_periods(programme, timezone.localdate())[-periods:]
    done = set(
        StatusReport.objects.filter(period__in=recent).values_list("project_id", "period_id")
    )
    lights = ["green", "green", "green", "amber", "red"]
    rows = []
    for project_id in programme.projects.values_list("pk", flat=True):
        for period in recent:
            if (project_id, period.pk) in done:
                continue
            overall = rng.choice(lights)
            rows.append(
                StatusReport(
                    project_id=project_id,
                    period=period,
                    state=rng.choice(["draft", "submitted", "accepted", "accepted"]),
                    overall=overall,
                    overall_note="" if overall == "green" else "Synthetische Erläuterung.",
                    summary="Synthetischer Stand.",
                )
            )
    StatusReport.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
