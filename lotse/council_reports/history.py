"""Reading the recorded history (django-simple-history) as of a moment."""

from datetime import datetime


def records_at(model, moment: datetime):
    """The model's historical records as they stood at `moment`, one per object, deleted
    objects left out. Records, not model instances: `id` is the object's key, and fields left
    out of the history are simply absent (no extra query per row)."""
    return model.history.filter(history_date__lte=moment).latest_of_each().exclude(history_type="-")
