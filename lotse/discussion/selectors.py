"""Reading comments: the threads of one object (two queries), and the moderated public
comments of a public idea."""

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Comment
from .registry import TARGETS


@dataclass
class Thread:
    comment: Comment
    replies: list[Comment] = field(default_factory=list)


def _comments_of(obj):
    return Comment.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).select_related("author", "deleted_by")


def threads(obj, *, include_pending: bool = False) -> list[Thread]:
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


def public_comments(obj) -> list[Comment]:
    """Only citizens' comments that a moderator approved, never staff comments."""
    return list(
        _comments_of(obj)
        .filter(is_public=True, moderation=Comment.Moderation.APPROVED, deleted_at__isnull=True)
        .order_by("created_at", "pk")
    )


def get_target(user, label: str, pk) -> object:
    """The commented object by its model label and id, if the user may read it."""
    target = TARGETS.get(label)
    if target is None:
        raise Http404
    model = apps.get_model(label)
    try:
        obj = model.objects.select_related(*target.related).get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not user.has_perm(target.view_perm, obj):
        raise PermissionDenied
    return obj


def get_comment(pk) -> Comment:
    try:
        return Comment.objects.select_related("programme", "content_type").get(pk=pk)
    except (Comment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def target_of(user, comment: Comment) -> object:
    label = f"{comment.content_type.app_label}.{comment.content_type.model}"
    return get_target(user, label, comment.object_id)
