"""Benchmark data for the OKR pages: for every project of the synthetic programme two
objectives in a quarter in review (two key results each, three check-ins per key result,
a review for every other objective), a synergy link per pair of projects and a draft for
the next quarter (bulk-created, no history rows).

Wire-up in bench/run.py: ``pages.update(okr_bench.pages(client, programme, size))``.
"""

from datetime import datetime
from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from lotse.okr import scores
from lotse.okr.models import CheckIn
from lotse.okr.models import KeyResult
from lotse.okr.models import Objective
from lotse.okr.models import ObjectiveReview
from lotse.okr.models import OkrLink
from lotse.okr.models import Quarter

BERLIN = ZoneInfo("Europe/Berlin")
BATCH = 2000


def _generate(programme, quarter, upcoming) -> None:
    projects = list(programme.projects.values_list("pk", flat=True))
    objectives = Objective.objects.bulk_create(
        (
            Objective(
                project_id=project_id,
                quarter=quarter,
                title=f"Quartalsziel {n + 1}",
                commitment="aspirational" if n else "committed",
                state="active",
                order=n,
            )
            for project_id in projects
            for n in range(2)
        ),
        batch_size=BATCH,
    )
    Objective.objects.bulk_create(
        (
            Objective(project_id=project_id, quarter=upcoming, title="Entwurf nächstes Quartal")
            for project_id in projects
        ),
        batch_size=BATCH,
    )
    key_results = KeyResult.objects.bulk_create(
        (
            KeyResult(
                objective=objective,
                title=f"Kennzahl {n + 1}",
                kind="increase_to" if n == 0 else "milestone",
                start_value=Decimal(0) if n == 0 else None,
                target_value=Decimal(100) if n == 0 else None,
                order=n,
            )
            for objective in objectives
            for n in range(2)
        ),
        batch_size=BATCH,
    )
    start = datetime(quarter.year, 3 * quarter.number - 2, 5, 10, tzinfo=BERLIN)
    CheckIn.objects.bulk_create(
        (
            CheckIn(
                key_result=key_result,
                value=Decimal(20 * (step + 1) + key_result.pk % 30)
                if key_result.kind == "increase_to"
                else None,
                done=(step == 2 and key_result.pk % 2 == 0)
                if key_result.kind == "milestone"
                else None,
                confidence=5 + step,
                created_at=start + timedelta(days=30 * step),
            )
            for key_result in key_results
            for step in range(3)
        ),
        batch_size=BATCH,
    )
    ObjectiveReview.objects.bulk_create(
        (
            ObjectiveReview(
                objective=objective,
                outcome="partly",
                drivers="Gute Zusammenarbeit im Team.",
                obstacles="Abhängigkeit von einer Schnittstelle.",
                learnings="Früher mit den Fachbereichen sprechen.",
                next_step="carry_over",
            )
            for objective in objectives[::2]
        ),
        batch_size=BATCH,
    )
    OkrLink.objects.bulk_create(
        (
            OkrLink(kind="synergy", from_objective=a, to_objective=b, note="Bench")
            for a, b in zip(objectives[::4], objectives[2::4], strict=False)
        ),
        batch_size=BATCH,
    )
    # bulk_create sends no signals: the stored scores are computed once here
    scores.refresh_all(Objective.objects.filter(project__programme=programme))


def pages(client, programme, size) -> dict[str, str]:
    quarter, _created = Quarter.objects.get_or_create(
        programme=programme, year=2025, number=2, defaults={"state": "review"}
    )
    upcoming, _created = Quarter.objects.get_or_create(
        programme=programme, year=2025, number=3, defaults={"state": "planning"}
    )
    if not Objective.objects.filter(quarter=quarter).exists():
        _generate(programme, quarter, upcoming)
    slug = programme.slug
    return {
        "OKR-Übersicht": f"/programme/{slug}/okr/?quartal={quarter.pk}",
        "Quartalskonferenz": f"/programme/{slug}/quartalskonferenz/?quartal={quarter.pk}",
    }
