"""What can be commented on, and who may read it. Names only, no imports: the discussion app
sits just above the portfolio, below the apps whose objects it serves (reporting, governance,
ideas), and must not import them (the lookups it shares with the attachments are
`lotse.targets`). Each entry names the object's model, the permission that lets a user read
it (and so comment on it), and the path from the object to its programme."""

from dataclasses import dataclass

from lotse.targets import Registry


@dataclass(frozen=True)
class Target:
    view_perm: str
    programme_path: str  # attribute path, e.g. "project.programme_id"
    section: str  # the navigation tab the object's page marks (its comment edit page too)
    related: tuple[str, ...] = ()  # select_related when loading the object
    public_comments: bool = False  # citizens may comment (moderated) on the public page


TARGETS: dict[str, Target] = {
    "portfolio.project": Target("portfolio.view_project", "programme_id", "projects"),
    "reporting.statusreport": Target(
        "reporting.view_report",
        "project.programme_id",
        "projects",
        ("project__programme", "period"),
    ),
    "reporting.decisionrequest": Target(
        "governance.view_request", "project.programme_id", "governance", ("project__programme",)
    ),
    "ideas.idea": Target("ideas.view_idea", "programme_id", "ideas", ("programme",), True),
}

REGISTRY = Registry(TARGETS)
