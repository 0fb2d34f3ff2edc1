"""Who may edit, delete and moderate comments. Who may comment at all is decided by the
commented object's own read permission (see `registry`)."""

import rules

from lotse.accounts.rules import is_superuser
from lotse.accounts.rules import runs_programme
from lotse.http import AnyUser

from .models import Comment


@rules.predicate
def wrote_it(user: AnyUser, comment: Comment | None) -> bool:
    return comment is not None and user.is_authenticated and comment.author_id == user.pk


@rules.predicate
def runs_its_programme(user: AnyUser, comment: Comment | None) -> bool:
    return comment is not None and runs_programme(user, comment)


rules.add_perm("discussion.delete_comment", is_superuser | wrote_it | runs_its_programme)
rules.add_perm("discussion.moderate_comment", is_superuser | runs_its_programme)
