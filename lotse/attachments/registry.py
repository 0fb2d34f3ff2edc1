"""What can carry attachments, and who may read and write them. Names only, no imports: the
attachments app sits just above the portfolio, below the apps whose objects it serves
(reporting, governance, ideas), and must not import them (as `discussion/registry.py`).

Each entry names the model, the permission that lets a user read the object (and so read and
download its attachments), the permission that lets a user change it (and so upload, add
versions and delete), and the path from the object to its programme."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Model


@dataclass(frozen=True)
class Target:
    view_perm: str
    change_perm: str
    programme_path: str  # attribute path, e.g. "series.programme_id"
    related: tuple[str, ...] = ()  # select_related when loading the object


TARGETS: dict[str, Target] = {
    # Projekthandbuch, Steckbrief templates: the project's readers read, its lead and the
    # programme office write.
    "portfolio.project": Target(
        "portfolio.view_project", "portfolio.change_project", "programme_id"
    ),
    # Sitzungsunterlagen: everyone who sees the Gremium's schedule reads; whoever runs the
    # meeting (office, chair, moderator) writes.
    "governance.meeting": Target(
        "governance.view_series",
        "governance.run_meeting",
        "series.programme_id",
        ("series__programme",),
    ),
    # Papers for a decision (Entscheidungsbedarf): its readers read, whoever may escalate it
    # (the office and the project lead) writes.
    "reporting.decisionrequest": Target(
        "governance.view_request",
        "governance.escalate_request",
        "project.programme_id",
        ("project__programme",),
    ),
    "ideas.idea": Target("ideas.view_idea", "ideas.moderate", "programme_id", ("programme",)),
}


def label_of(obj: Model) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


def target_for(obj: Model) -> Target | None:
    return TARGETS.get(label_of(obj))


def programme_id_of(obj: Model) -> int:
    target = TARGETS[label_of(obj)]
    value: Any = obj  # the path's attributes are not known to the type checker
    for part in target.programme_path.split("."):
        value = getattr(value, part)
    return value
