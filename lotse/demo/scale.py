"""A synthetic programme far larger than any city's, for benchmarks and load checks.

All names say "Synthetisch" so nobody mistakes them for real data. Rows are bulk-inserted
(no history records): this is measurement data, not a user's change.
"""

import random
from collections.abc import Callable

from django.db import transaction

from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import GoalContribution
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.portfolio.models import Stage
from lotse.portfolio.models import StrategicGoal


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


@transaction.atomic
def generate_cards(*, programme: Programme, per_project: int = 40) -> int:
    """A board with four columns and `per_project` cards for every project (bulk, no history).

    Projects that already have a board are left alone, so a second run adds nothing.
    """
    from lotse.boards.models import Board
    from lotse.boards.models import Card
    from lotse.boards.models import Column

    project_ids = list(
        programme.projects.filter(board__isnull=True).order_by("pk").values_list("pk", flat=True)
    )
    if not project_ids:
        return 0
    boards = Board.objects.bulk_create([Board(project_id=pk) for pk in project_ids])
    names = ["Offen", "In Arbeit", "Prüfung", "Erledigt"]
    columns = Column.objects.bulk_create(
        [
            Column(board=board, name=name, position=i, is_done=i == len(names) - 1)
            for board in boards
            for i, name in enumerate(names)
        ],
        batch_size=2000,
    )
    by_board: dict[int, list] = {}
    for column in columns:
        by_board.setdefault(column.board_id, []).append(column)
    created = 0
    rows = []
    for board in boards:
        board_columns = by_board[board.pk]
        for i in range(per_project):
            column = board_columns[i % len(board_columns)]
            rows.append(
                Card(
                    board=board,
                    column=column,
                    position=i // len(board_columns),
                    title=f"Synthetische Aufgabe {i + 1}",
                )
            )
        if len(rows) >= 5000:
            Card.objects.bulk_create(rows, batch_size=2000)
            created += len(rows)
            rows = []
    Card.objects.bulk_create(rows, batch_size=2000)
    return created + len(rows)


@transaction.atomic
def generate_public(*, programme: Programme) -> None:
    """Public pages on, every second project published with a public summary."""
    from lotse.public.models import ProgrammePublication

    ProgrammePublication.objects.update_or_create(programme=programme, defaults={"enabled": True})
    ids = list(programme.projects.order_by("pk").values_list("pk", flat=True)[::2])
    for start in range(0, len(ids), 900):
        Project.objects.filter(pk__in=ids[start : start + 900], published=False).update(
            published=True, public_summary="Synthetische öffentliche Kurzbeschreibung."
        )


@transaction.atomic
def generate_history(*, programme: Programme) -> int:
    """One "created" history record for every project and status report of the programme
    (as if each had been saved once), so the history tables have the size of the data."""
    from lotse.reporting.models import StatusReport

    if Project.history.filter(programme_id=programme.pk).exists():
        return 0
    projects = list(programme.projects.all())
    Project.history.bulk_history_create(projects, batch_size=2000)
    reports = list(StatusReport.objects.filter(project__programme=programme))
    StatusReport.history.bulk_history_create(reports, batch_size=2000)
    return len(projects) + len(reports)
