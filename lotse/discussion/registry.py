"""What can be commented on, and who may read it. Names only, no imports: the discussion app
sits just above the portfolio, below the apps whose objects it serves (reporting, governance,
ideas), and must not import them. Each entry names the object's model, the permission that
lets a user read it (and so comment on it), and the path from the object to its programme."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Model


@dataclass(frozen=True)
class Target:
    view_perm: str
    programme_path: str  # attribute path, e.g. "project.programme_id"
    related: tuple[str, ...] = ()  # select_related when loading the object
    public_comments: bool = False  # citizens may comment (moderated) on the public page


TARGETS: dict[str, Target] = {
    "portfolio.project": Target("portfolio.view_project", "programme_id"),
    "reporting.statusreport": Target(
        "reporting.view_report", "project.programme_id", ("project__programme", "period")
    ),
    "reporting.decisionrequest": Target(
        "governance.view_request", "project.programme_id", ("project__programme",)
    ),
    "ideas.idea": Target("ideas.view_idea", "programme_id", ("programme",), True),
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
