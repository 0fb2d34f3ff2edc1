"""Reading comments: the threads of one object (two queries), and the moderated public
comments of a public idea."""

from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from datetime import timedelta

from django.db.models import Model
from django.db.models import QuerySet
from django.http import Http404

from lotse.http import AnyUser
from lotse.targets import label_of_type
from lotse.targets import pointing_at

from .models import Comment
from .registry import REGISTRY


@dataclass
class Thread:
    comment: Comment
    replies: list[Comment] = field(default_factory=list)


@dataclass(frozen=True)
class ShownComment:
    """A comment as the comment component shows it to one user: what they may do with it."""

    comment: Comment
    may_edit: bool
    may_delete: bool


@dataclass(frozen=True)
class ShownThread:
    comment: ShownComment
    replies: list[ShownComment]


def shown_threads(
    found: list[Thread], user: AnyUser, *, moderates: bool, now: datetime, window: timedelta
) -> list[ShownThread]:
    """The threads with what `user` may do: edit their own comment within the edit window,
    delete their own (or any, as moderator) unless it is deleted already."""

    def shown(comment: Comment) -> ShownComment:
        return ShownComment(
            comment,
            may_edit=(
                comment.author_id == user.pk
                and not comment.is_deleted
                and now - comment.created_at <= window
            ),
            may_delete=not comment.is_deleted and (comment.author_id == user.pk or moderates),
        )

    return [ShownThread(shown(t.comment), [shown(r) for r in t.replies]) for t in found]


def _comments_of(obj: Model) -> QuerySet[Comment]:
    return Comment.objects.filter(**pointing_at(obj)).select_related("author", "deleted_by")


def threads(obj: Model, *, include_pending: bool = False) -> list[Thread]:
    qs = _comments_of(obj)
    if not include_pending:
        qs = qs.filter(moderation=Comment.Moderation.APPROVED)
    found: dict[int, Thread] = {}
    replies: list[Comment] = []
    for comment in qs.order_by("created_at", "pk"):
        if comment.parent_id is None:
            found[comment.pk] = Thread(comment)
        else:
            replies.append(comment)
    for reply in replies:
        if reply.parent_id in found:
            found[reply.parent_id].replies.append(reply)
    return list(found.values())


def public_comments(obj: Model) -> list[Comment]:
    """Only citizens' comments that a moderator approved, never staff comments."""
    return list(
        _comments_of(obj)
        .filter(is_public=True, moderation=Comment.Moderation.APPROVED, deleted_at__isnull=True)
        .order_by("created_at", "pk")
    )


def get_target(user: AnyUser, label: str, pk: object) -> Model:
    """The commented object by its model label and id, if the user may read it."""
    return REGISTRY.load(user, label, pk)[0]


def get_comment(pk: int | str) -> Comment:
    try:
        return Comment.objects.select_related("programme", "content_type").get(pk=pk)
    except (Comment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def target_of(user: AnyUser, comment: Comment) -> Model:
    return get_target(user, label_of_type(comment.content_type), comment.object_id)
