"""Recording history with the date the data belongs to.

django-simple-history stamps every historical record with the time of the save. That is
right for everything people do in Lotse, but not for data that belongs to an earlier date:
the demo's example reports of September, or a city's Excel history imported into an
existing installation. Inside ``valid_from(moment)`` every historical record written gets
``moment`` as its ``history_date`` instead, so a report "as of" that date shows the data.

The moment travels in a context variable (safe with threads and async), and the signal
receiver below is the only place that applies it. History must stay in order: writing a
record for an object whose history already holds a later record is refused, because the
later record would then hide the new one in every "as of" view.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from typing import Any
from typing import cast

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.signals import pre_create_historical_record

from lotse.http import AnyUser

_valid_from: ContextVar[tuple[datetime, bool] | None] = ContextVar(
    "lotse_history_valid_from", default=None
)


def start_of(day: date) -> datetime:
    """The first moment of `day` in the local time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """A moment on `day` in the local time zone (the demo's office hours)."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def current_moment() -> datetime | None:
    """The moment history is being recorded for, or None outside ``valid_from``."""
    active = _valid_from.get()
    return active[0] if active else None


@contextmanager
def valid_from(moment: datetime, *, strict: bool = True) -> Iterator[datetime]:
    """Record every change made inside the block as valid from `moment`.

    Strict (imports): a change to an object whose history already goes beyond `moment` is
    refused. Not strict (the demo, which must always load): such a change is recorded just
    after the object's latest record instead, so the history stays in order.
    """
    if timezone.is_naive(moment):
        raise ValueError("valid_from needs an aware datetime")
    token = _valid_from.set((moment, strict))
    try:
        yield moment
    finally:
        _valid_from.reset(token)


# Records inside one block follow each other by a microsecond; only a record at least this
# much later was made outside the block and makes a strict import refuse.
STEP_TOLERANCE = timedelta(seconds=1)


def _day(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment).date(), "SHORT_DATE_FORMAT")


def _date_record(sender: Any, history_instance: Any, instance: Any, **kwargs: Any) -> None:
    active = _valid_from.get()
    if active is None:
        return
    moment, strict = active
    # The object's latest record at or after `moment` (several changes inside one block
    # share the moment; each must still come after the one before).
    latest = (
        sender.objects.filter(
            **{sender.instance_type._meta.pk.attname: instance.pk}, history_date__gte=moment
        )
        .order_by("-history_date")
        .values_list("history_date", flat=True)
        .first()
    )
    if latest is not None and latest - moment >= STEP_TOLERANCE and strict:
        raise ValidationError(
            _(
                "„%(object)s“ hat schon einen Stand vom %(later)s; Daten mit Gültigkeit ab "
                "%(day)s lassen sich davor nicht mehr einfügen."
            )
            % {"object": instance, "later": _day(latest), "day": _day(moment)}
        )
    if latest is not None:
        moment = latest + timedelta(microseconds=1)
    history_instance.history_date = moment


pre_create_historical_record.connect(_date_record, dispatch_uid="lotse.history.valid_from")


def earliest_record(model: type[models.Model], **filters: Any) -> datetime | None:
    """When the first historical record of `model` matching `filters` was valid."""
    return (
        model.history.filter(**filters)  # type: ignore[attr-defined]
        .order_by("history_date")
        .values_list("history_date", flat=True)
        .first()
    )


def backdate(obj: models.Model, **values: datetime | date) -> None:
    """Set timestamps the model writes itself (``auto_now_add``, ``submitted_at`` …) to the
    moment they belong to, in the row and in the historical records that carry a value for
    them. For data that is loaded after the fact (the demo, imports), never for live use."""
    model = type(obj)
    model._default_manager.filter(pk=obj.pk).update(**values)
    history = getattr(model, "history", None)
    for name, value in values.items():
        setattr(obj, name, value)
        if history is not None and name in {f.name for f in history.model._meta.fields}:
            history.model.objects.filter(id=obj.pk, **{f"{name}__isnull": False}).update(
                **{name: value}
            )


def record_by(obj: models.Model, user: AnyUser | None) -> None:
    """Name the author of the historical record that the next save of `obj` writes.

    django-simple-history reads the attribute `_history_user` (its hook for saves outside a
    request's middleware); no model declares it, so this is the one place that sets it."""
    obj._history_user = user  # type: ignore[attr-defined]  # simple-history ships no stubs


def record_reason(obj: models.Model, reason: str) -> None:
    """The change reason of the historical record that the next save of `obj` writes
    (simple-history's `_change_reason`, like `_history_user` declared by no model)."""
    obj._change_reason = reason  # type: ignore[attr-defined]  # simple-history ships no stubs


FieldChange = tuple["models.Field[Any, Any]", Any, Any]


def recent_changes(
    obj: models.Model, limit: int, *, fields: list[str] | None = None
) -> tuple[list[tuple[Any, list[FieldChange]]], dict[tuple[Any, Any], models.Model]]:
    """The latest `limit` historical records of `obj`, newest first, each with its changes
    against the record before it (model field, old, new; raw ids for relations; none for
    the oldest record read), and the related objects those ids name, keyed by (model, id).

    `fields` limits the comparison to these fields (default: all the history tracks). One
    query per related model, however long the history is."""
    history = obj.history  # type: ignore[attr-defined]  # simple-history ships no stubs
    records = list(history.select_related("history_user").order_by("-history_id")[: limit + 1])
    wanted: dict[Any, set[Any]] = defaultdict(set)
    deltas = []
    for newer, older in zip(records[:limit], [*records[1 : limit + 1], None], strict=False):
        changes: list[FieldChange] = []
        if older is not None:
            delta = newer.diff_against(older, foreign_keys_are_objs=False, included_fields=fields)
            for change in delta.changes:
                # The history records concrete fields only (no reverse relations).
                model_field = cast("models.Field[Any, Any]", obj._meta.get_field(change.field))
                if model_field.is_relation:
                    wanted[model_field.related_model] |= {
                        v for v in (change.old, change.new) if v is not None
                    }
                changes.append((model_field, change.old, change.new))
        deltas.append((newer, changes))
    related = {
        (model, o.pk): o for model, ids in wanted.items() for o in model.objects.filter(pk__in=ids)
    }
    return deltas, related
