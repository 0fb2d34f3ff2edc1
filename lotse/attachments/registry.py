"""What can carry attachments, and who may read and write them. Names only, no imports: the
attachments app sits just above the portfolio, below the apps whose objects it serves
(reporting, governance, ideas), and must not import them (as `discussion/registry.py`;
the lookups both share are `lotse.targets`).

Each entry names the model, the permission that lets a user read the object (and so read and
download its attachments), the permission that lets a user change it (and so upload, add
versions and delete), and the path from the object to its programme."""

from dataclasses import dataclass

from lotse.targets import Registry


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
    # Papers for a Beschluss (the resolution as signed, an annex): whoever may read the
    # minutes it belongs to reads (as in the decision log); whoever runs the meeting writes.
    "governance.decision": Target(
        "governance.view_minutes",
        "governance.run_meeting",
        "programme_id",
        ("meeting__series__programme", "project", "decision_request"),
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

REGISTRY = Registry(TARGETS)
