"""Reading the recorded history (django-simple-history) as of a moment."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Model


def records_at(model: type[Model], moment: datetime) -> Any:
    # Any: simple-history's manager and its historical models ship no types.
    """The model's historical records as they stood at `moment`, one per object, deleted
    objects left out. Records, not model instances: `id` is the object's key, and fields left
    out of the history are simply absent (no extra query per row)."""
    return (
        model.history.filter(  # type: ignore[attr-defined]  # simple-history: no stubs
            history_date__lte=moment
        )
        .latest_of_each()
        .exclude(history_type="-")
    )
