"""Who may read and produce council reports.

The reports contain every project's internal status, so they are for the programme's
leadership and its readers: the sponsor and the programme office generate them; sponsor,
office, change managers and viewers (committee members, councils) read the archive.
Project leads and team members see their own projects elsewhere, not the council papers.
"""

from typing import Any

import rules

from lotse.accounts.roles import roles_of
from lotse.accounts.rules import is_superuser
from lotse.http import AnyUser

READERS = {"sponsor", "programme_manager", "pmo", "change_manager", "viewer"}
MAKERS = {"sponsor", "programme_manager", "pmo"}


def _programme_id(obj: Any) -> int:
    return obj.pk if obj.__class__.__name__ == "Programme" else obj.programme_id


@rules.predicate
def reads_reports(user: AnyUser, obj: Any) -> bool:
    return obj is not None and bool(roles_of(user).in_programme(_programme_id(obj)) & READERS)


@rules.predicate
def makes_reports(user: AnyUser, obj: Any) -> bool:
    return obj is not None and bool(roles_of(user).in_programme(_programme_id(obj)) & MAKERS)


rules.add_perm("reports.view_archive", is_superuser | reads_reports)
rules.add_perm("reports.generate_report", is_superuser | makes_reports)
