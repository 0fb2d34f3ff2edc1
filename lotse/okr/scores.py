"""The stored current scores: `KeyResult.progress` and `Objective.progress` (issue 14).

A key result's progress follows from its kind, start, target and its latest check-in; an
objective's is the mean of its key results' (`scoring.py` decides both). They are stored so
that programme-wide pages (OKR overview, Quartalskonferenz, public OKR progress) sort, count
and average thousands of objectives in SQL instead of scoring each in Python.

They stay in step with every write, whichever path it takes (services, API, OZG catalogue,
admin, demo data): a saved or deleted check-in or key result recomputes its key result and
objective here (post_save / post_delete, like `lotse/public/freshness.py`). The update is a
plain UPDATE: it writes no history record and moves no version. Bulk inserts (benchmarks)
call `refresh_all` afterwards. `tests/okr/test_scores.py` keeps the two in sync.
"""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import OuterRef
from django.db.models import QuerySet
from django.db.models import Subquery
from django.db.models.signals import post_delete
from django.db.models.signals import post_save

from . import scoring
from .models import CheckIn
from .models import KeyResult
from .models import Objective

BATCH = 500


def _latest() -> QuerySet[CheckIn]:
    return CheckIn.objects.filter(key_result=OuterRef("pk")).order_by("-created_at", "-pk")


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


def _lock(model: type[KeyResult] | type[Objective], ids: Iterable[int]) -> None:
    """Lock the rows whose scores are recomputed, key results before objectives and each in
    the order of their ids: two transactions recomputing one objective at once (two check-ins)
    would otherwise both read its key results before either wrote, and the last one stored a
    mean without the other's new value. Now the second waits and reads what the first wrote.
    Not FOR UPDATE: a check-in being inserted holds a key share of its key result."""
    rows = model.objects.select_for_update(no_key=True).filter(pk__in=ids).order_by("pk")
    list(rows.values_list("pk", flat=True))


@transaction.atomic
def refresh_key_results(ids: Iterable[int]) -> None:
    """Recompute the stored progress of these key results and of their objectives."""
    objective_ids: set[int] = set()
    for chunk in _chunks(sorted(set(ids))):
        _lock(KeyResult, chunk)
        _lock(
            Objective,
            KeyResult.objects.filter(pk__in=chunk).values_list("objective_id", flat=True),
        )
        rows = KeyResult.objects.filter(pk__in=chunk).values(
            "pk",
            "objective_id",
            "kind",
            "start_value",
            "target_value",
            "progress",
            last_value=Subquery(_latest().values("value")[:1]),
            last_done=Subquery(_latest().values("done")[:1]),
        )
        by_value: dict[float | None, list[int]] = defaultdict(list)
        for row in rows:
            objective_ids.add(row["objective_id"])
            progress = scoring.key_result_progress(
                kind=row["kind"],
                start=row["start_value"],
                target=row["target_value"],
                value=row["last_value"],
                done=row["last_done"],
            )
            if progress != row["progress"]:
                by_value[progress].append(row["pk"])
        for progress, pks in by_value.items():
            KeyResult.objects.filter(pk__in=pks).update(progress=progress)
    refresh_objectives(objective_ids)


@transaction.atomic
def refresh_objectives(ids: Iterable[int]) -> None:
    """Recompute the stored progress of these objectives from their key results' progress."""
    for chunk in _chunks(sorted(set(ids))):
        _lock(Objective, chunk)
        values: dict[int, list[float | None]] = {pk: [] for pk in chunk}
        for objective_id, progress in KeyResult.objects.filter(objective_id__in=chunk).values_list(
            "objective_id", "progress"
        ):
            values[objective_id].append(progress)
        stored = dict(Objective.objects.filter(pk__in=chunk).values_list("pk", "progress"))
        by_value: dict[float | None, list[int]] = defaultdict(list)
        for pk, progresses in values.items():
            progress = scoring.objective_progress(progresses)
            if pk in stored and stored[pk] != progress:  # unchanged: no write
                by_value[progress].append(pk)
        for progress, pks in by_value.items():
            Objective.objects.filter(pk__in=pks).update(progress=progress)


def refresh_all(objectives: QuerySet[Objective] | None = None) -> None:
    """Recompute every stored score (or those of `objectives` and their key results)."""
    key_results = KeyResult.objects.all()
    if objectives is not None:
        key_results = key_results.filter(objective__in=objectives)
    refresh_key_results(key_results.values_list("pk", flat=True))
    # objectives without key results keep None; reset any stale value
    empty = Objective.objects.filter(key_results__isnull=True, progress__isnull=False)
    if objectives is not None:
        empty = empty.filter(pk__in=objectives.values("pk"))
    empty.update(progress=None)


def _on_check_in(sender: Any, instance: CheckIn, **kwargs: Any) -> None:
    refresh_key_results([instance.key_result_id])


def _on_key_result_saved(sender: Any, instance: KeyResult, **kwargs: Any) -> None:
    refresh_key_results([instance.pk])


def _on_objective_saved(sender: Any, instance: Objective, **kwargs: Any) -> None:
    # a save writes the progress read with the instance, which may be stale by now
    refresh_objectives([instance.pk])


def _on_key_result_deleted(sender: Any, instance: KeyResult, **kwargs: Any) -> None:
    refresh_objectives([instance.objective_id])


def connect() -> None:
    post_save.connect(_on_check_in, sender=CheckIn, dispatch_uid="okr-scores-checkin")
    post_delete.connect(_on_check_in, sender=CheckIn, dispatch_uid="okr-scores-checkin-del")
    post_save.connect(_on_key_result_saved, sender=KeyResult, dispatch_uid="okr-scores-kr")
    post_save.connect(_on_objective_saved, sender=Objective, dispatch_uid="okr-scores-objective")
    post_delete.connect(_on_key_result_deleted, sender=KeyResult, dispatch_uid="okr-scores-kr-del")
