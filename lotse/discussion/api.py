"""Comment endpoints: read and write comments on any commentable object (`target` is the
model label, e.g. `reporting.statusreport`), with the same rules as the comment component."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.utils.translation import gettext as _
from ninja import Field
from ninja import Schema
from ninja import Status

from lotse.api_helpers import READ
from lotse.api_helpers import WRITE_UNVERSIONED
from lotse.api_helpers import ApiRouter
from lotse.api_helpers import In
from lotse.api_helpers import TargetId
from lotse.api_helpers import TargetLabel
from lotse.api_helpers import resolve_id
from lotse.http import AnyUser
from lotse.http import AuthedRequest

from . import selectors
from . import services
from .models import Comment
from .registry import REGISTRY

router = ApiRouter(tags=["Kommentare"])


class CommentOut(Schema):
    id: int
    parent: int | None = Field(alias="parent_id")
    author: str
    body: str
    is_public: bool
    moderation: str
    created_at: datetime
    edited_at: datetime | None
    deleted_at: datetime | None

    @staticmethod
    def resolve_author(obj: Comment) -> str:
        return obj.author_label


class CommentIn(In):
    target: str = Field(max_length=60, description="z. B. reporting.statusreport")
    id: int
    body: str = Field(max_length=5000)
    parent: int | None = None


class CommentEdit(In):
    body: str = Field(max_length=5000)


def _flat(obj: Model, user: AnyUser) -> list[Comment]:
    moderates = user.has_perm(
        "discussion.moderate_comment", Comment(programme_id=REGISTRY.programme_id_of(obj))
    )
    threads = selectors.threads(obj, include_pending=moderates)
    return [c for t in threads for c in [t.comment, *t.replies]]


@router.read("/comments", list[CommentOut], "comment_list")
def comment_list(request: AuthedRequest, target: TargetLabel, id: TargetId) -> list[Comment]:
    """Die Kommentare zu einem Objekt, Antworten direkt nach ihrem Kommentar."""
    obj = selectors.get_target(request.user, target, id)
    return _flat(obj, request.user)


@router.create("/comments", CommentOut, "comment_create", errors=WRITE_UNVERSIONED)
def comment_create(request: AuthedRequest, payload: CommentIn) -> Status:
    """Kommentieren; @benutzername benachrichtigt die Person beim nächsten Mail-Lauf."""
    obj = selectors.get_target(request.user, payload.target, payload.id)
    unknown = _("Diesen Kommentar gibt es nicht.")
    parent = resolve_id(Comment.objects.all(), payload.parent, "parent", unknown)
    comment = services.comment_add(obj=obj, user=request.user, body=payload.body, parent=parent)
    return Status(201, comment)


@router.write(
    "PATCH", "/comments/{comment_id}", CommentOut, "comment_edit", errors=WRITE_UNVERSIONED
)
def comment_edit(request: AuthedRequest, comment_id: int, payload: CommentEdit) -> Comment:
    comment = selectors.get_comment(comment_id)
    obj = selectors.target_of(request.user, comment)
    return services.comment_edit(comment=comment, obj=obj, user=request.user, body=payload.body)


@router.write("DELETE", "/comments/{comment_id}", CommentOut, "comment_delete", errors=READ)
def comment_delete(request: AuthedRequest, comment_id: int) -> Comment:
    comment = selectors.get_comment(comment_id)
    selectors.target_of(request.user, comment)
    if not request.user.has_perm("discussion.delete_comment", comment):
        raise PermissionDenied
    return services.comment_delete(comment=comment, user=request.user)
