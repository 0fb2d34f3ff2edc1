"""The roles of the standard cast (tests/conftest.py) and the sets access tables are built from."""

# Every person of the cast, in the order of their rank, and the anonymous visitor.
ROLES = [
    "sponsor",
    "programme_manager",
    "pmo",
    "change_manager",
    "project_lead",
    "member",
    "viewer",
    "outsider",
    "anonymous",
]
# Everybody with a role in the cast's programme or one of its projects.
READERS = frozenset(ROLES) - {"outsider", "anonymous"}
OFFICE = frozenset({"programme_manager", "pmo"})
# The office and the lead of cast.project: who changes that project's plan, reports and records.
PROJECT_WRITERS = OFFICE | {"project_lead"}
PLANNERS = PROJECT_WRITERS
SIGNED_IN = sorted(READERS | {"outsider"})
ALL_ROLES = sorted(READERS | {"outsider", "anonymous"})


def page_status(role: str, allowed: set[str] | frozenset[str], ok: int = 200) -> int:
    """What a page answers `role`: anonymous visitors go to the login, the rest `ok` or 403."""
    if role == "anonymous":
        return 302
    return ok if role in allowed else 403
