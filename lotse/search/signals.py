"""The index follows every change: a saved or deleted object (or a part of one: an agenda
item of the minutes, a version of an attachment) is noted, and once the transaction commits
its entry is written anew. A change that is rolled back never reaches the index, and a
transaction that saves many objects re-indexes each once."""

import threading
from collections import defaultdict
from typing import Any

from django.db import connection
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete
from django.db.models.signals import post_save

from lotse.attachments.models import AttachmentVersion
from lotse.governance.models import AgendaItem

from .sources import SOURCES

# The noted (model label → ids) not yet indexed, per thread (like Django's connections: a
# thread must not index another's uncommitted objects). After a rollback some may stay; the
# next flush indexes them from what the database then holds, which is harmless.
_local = threading.local()


def _pending() -> dict[str, set[int]]:
    if not hasattr(_local, "pending"):
        _local.pending = defaultdict(set)
    return _local.pending


def _flush() -> None:
    from . import services

    pending = dict(_pending())
    _pending().clear()
    for label, pks in pending.items():
        services.index_objects(label, pks)


def note(label: str, pk: int | None) -> None:
    if pk is None:
        return
    _pending()[label].add(pk)
    # Robust: the object is saved (committed) before it is indexed; an index that fails to
    # follow is logged (and `search_rebuild` mends it), it must not turn the saved change into
    # an error page the person would take for a failed save.
    if not connection.in_atomic_block:
        transaction.on_commit(_flush, robust=True)
    else:
        # One flush per savepoint level is enough (it indexes everything pending); a flush
        # registered in an outer level may be discarded by a rollback of that level only.
        current = set(connection.savepoint_ids)
        if not any(
            entry[1] is _flush and entry[0] == current for entry in connection.run_on_commit
        ):
            transaction.on_commit(_flush, robust=True)


def _changed(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return  # fixtures and restores: `search_rebuild` afterwards
    note(sender._meta.label_lower, instance.pk)


def _part_changed(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    if isinstance(instance, AgendaItem):
        note("governance.meeting", instance.meeting_id)
    elif isinstance(instance, AttachmentVersion):
        note("attachments.attachment", instance.attachment_id)


def connect() -> None:
    for source in SOURCES:
        uid = f"search-{source.kind}"
        post_save.connect(_changed, sender=source.model, dispatch_uid=uid)
        post_delete.connect(_changed, sender=source.model, dispatch_uid=f"{uid}-delete")
    for part in (AgendaItem, AttachmentVersion):
        uid = f"search-part-{part._meta.label_lower}"
        post_save.connect(_part_changed, sender=part, dispatch_uid=uid)
        post_delete.connect(_part_changed, sender=part, dispatch_uid=f"{uid}-delete")
