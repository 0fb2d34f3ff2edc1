"""Key results that read their value from the OZG catalogue ("20 OZG-Leistungen im
Reifegrad 3") instead of a check-in by hand.

The value is the number of services of the project's programme with at least the key result's
`ozg_level`, as of any moment (`catalogue_value`). Whenever the catalogue changes (signal
`lotse.ozg.signals.catalogue_changed`) and when such a key result is created or changed, Lotse
records the value as a check-in of source "OZG-Katalog" if it differs from the last one, so
every view that reads check-ins (progress, history chart, reviews, reports as of a date)
shows it without knowing the catalogue.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import OuterRef
from django.db.models import Subquery
from django.utils.translation import gettext as _

from lotse.ozg.selectors import count_at_least
from lotse.ozg.selectors import distribution_as_of
from lotse.ozg.signals import catalogue_changed
from lotse.portfolio.models import Programme

from .models import CheckIn
from .models import KeyResult
from .models import Quarter

CHECKABLE = {Quarter.State.ACTIVE, Quarter.State.REVIEW}
DEFAULT_CONFIDENCE = 5


def reads_catalogue(key_result: KeyResult) -> bool:
    return key_result.source == KeyResult.Source.OZG


def catalogue_value(key_result: KeyResult, moment: datetime | None = None) -> Decimal | None:
    """The key result's value from the catalogue at `moment` (now if None)."""
    if not reads_catalogue(key_result) or key_result.ozg_level is None:
        return None
    programme_id = key_result.objective.project.programme_id
    return Decimal(count_at_least(programme_id, key_result.ozg_level, moment))


def _record(key_result: KeyResult, value: Decimal, confidence: int | None, user: Any) -> CheckIn:
    check_in = CheckIn(
        key_result=key_result,
        value=value,
        confidence=confidence if confidence is not None else DEFAULT_CONFIDENCE,
        comment=_("Aus dem OZG-Leistungskatalog übernommen (Reifegrad mindestens %(level)s).")
        % {"level": key_result.ozg_level},
        author=user if user is not None and getattr(user, "is_authenticated", False) else None,
        source=CheckIn.Source.OZG,
    )
    check_in.save()
    return check_in


def sync_key_result(key_result: KeyResult, user: Any = None) -> CheckIn | None:
    """Record the catalogue's value as a check-in if it changed (only while check-ins are
    possible: the quarter is active or in review)."""
    if not reads_catalogue(key_result) or key_result.objective.quarter.state not in CHECKABLE:
        return None
    value = catalogue_value(key_result)
    if value is None:
        return None
    last = key_result.check_ins.order_by("-created_at", "-pk").first()
    if last is not None and last.value == value:
        return None
    return _record(key_result, value, last.confidence if last else None, user)


def sync_programme(programme: Programme, user: Any = None) -> int:
    """Bring every catalogue key result of the programme's checkable quarters up to date.
    Three queries and one insert per changed key result, whatever the catalogue's size."""
    latest = CheckIn.objects.filter(key_result=OuterRef("pk")).order_by("-created_at", "-pk")
    key_results = (
        KeyResult.objects.filter(
            source=KeyResult.Source.OZG,
            ozg_level__isnull=False,
            objective__project__programme=programme,
            objective__quarter__state__in=CHECKABLE,
        )
        .select_related("objective__project", "objective__quarter")
        .annotate(
            last_value=Subquery(latest.values("value")[:1]),
            last_confidence=Subquery(latest.values("confidence")[:1]),
        )
    )
    if not key_results:
        return 0
    distribution: dict[int, int] | None = None
    written = 0
    for key_result in key_results:
        if distribution is None:
            distribution = distribution_as_of(programme.pk)
        level = key_result.ozg_level or 0
        value = Decimal(sum(n for lvl, n in distribution.items() if lvl >= level))
        if getattr(key_result, "last_value", None) == value:
            continue
        _record(key_result, value, getattr(key_result, "last_confidence", None), user)
        written += 1
    return written


def _on_catalogue_changed(
    sender: Any, programme: Programme, user: Any = None, **kwargs: Any
) -> None:
    sync_programme(programme, user)


catalogue_changed.connect(_on_catalogue_changed, dispatch_uid="okr_ozg_source")
