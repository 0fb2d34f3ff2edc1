"""Keep the demo's history in the real order (Beispieldaten loaded after the fact).

The demo loads app by app, so a change that belongs to an earlier day (a project released in
a meeting three months ago) can be saved after records that belong to a later day (the term
extended by the Strategie-BK last week). `lotse.history.valid_from` then puts the change just
after those later records, and a report as of the decision day would still show the old
state. `recorded_at` moves such a change back to its day: the change's record gets the
values of the record before that day plus what changed, and the records in between (later
in real time) carry the changed values too, as they would have had the change come first.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from django.db import models

HISTORY_FIELDS = {
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user_id",
}


def _latest(history: Any, pk: Any) -> datetime | None:
    return (
        history.filter(id=pk).order_by("-history_date").values_list("history_date", flat=True)
    ).first()


@contextmanager
def recorded_at(obj: models.Model, moment: datetime) -> Iterator[None]:
    """Every change of `obj` saved inside the block is recorded as of `moment`, in order."""
    history = type(obj).history  # type: ignore[attr-defined]
    mark = _latest(history, obj.pk)
    yield
    if mark is None or mark < moment:
        return  # nothing recorded after `moment` yet: the history is in order already
    new = list(history.filter(id=obj.pk, history_date__gt=mark).order_by("history_date"))
    if not new:
        return
    model = history.model
    tracked = [f.attname for f in model._meta.concrete_fields if f.attname not in HISTORY_FIELDS]
    before_change = history.filter(id=obj.pk, history_date__lte=mark).latest("history_date")
    last = new[-1]
    changed = {
        name: getattr(last, name)
        for name in tracked
        if getattr(last, name) != getattr(before_change, name)
    }
    # The records between `moment` and the change are later in real time: they carry it.
    history.filter(id=obj.pk, history_date__gte=moment, history_date__lte=mark).update(**changed)
    base = history.filter(id=obj.pk, history_date__lt=moment).order_by("-history_date").first()
    values: dict[str, Any] = {}
    if base is not None:
        values = {name: getattr(base, name) for name in tracked}
    values.update(changed)
    values["history_date"] = moment
    model.objects.filter(pk=last.pk).update(**values)
    model.objects.filter(pk__in=[r.pk for r in new[:-1]]).delete()
