"""Reading attachments: the attachments of one object, one attachment by its random id, and
the object an attachment belongs to (with the permission check)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.db.models import Prefetch
from django.db.models import QuerySet
from django.db.models import prefetch_related_objects
from django.http import Http404

from lotse.http import AnyUser
from lotse.targets import pointing_at

from .models import Attachment
from .models import AttachmentVersion
from .registry import REGISTRY

User = get_user_model()


def attachments_of(obj: Model, *, deleted: bool = False) -> QuerySet[Attachment]:
    return (
        Attachment.objects.filter(**pointing_at(obj), deleted_at__isnull=not deleted)
        .select_related("created_by", "deleted_by")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=AttachmentVersion.objects.select_related("uploaded_by").order_by(
                    "-number"
                ),
            )
        )
    )


# The box's attachments written out (issue 14: the ORM's compiling of this query was most of
# an empty box's cost on every object page); pinned against `attachments_of` in the tests.
# The deleter's name columns come along for `str(user)`.
BOX_SQL = """
SELECT a.id, a.public_id, a.title, a.current_version, a.deleted_at, a.deleted_by_id,
       u.username AS deleter_username, u.first_name AS deleter_first_name,
       u.last_name AS deleter_last_name, u.display_name AS deleter_display_name
FROM attachments_attachment a
LEFT OUTER JOIN accounts_user u ON u.id = a.deleted_by_id
WHERE a.content_type_id = %s AND a.object_id = %s{live_only}
ORDER BY a.title, a.id
"""
_BOX_SQL = {
    True: BOX_SQL.format(live_only=""),
    False: BOX_SQL.format(live_only=" AND a.deleted_at IS NULL"),
}
_DELETER = ("username", "first_name", "last_name", "display_name")


def box_of(obj: Model, *, deleted: bool) -> tuple[list[Attachment], list[Attachment]]:
    """The attachments box's rows in one query: the live attachments (with their versions,
    newest first, fetched only if there are any) and, with `deleted`, the deleted ones (with
    who deleted them), both in the model's order. Instances with only the box's fields."""
    target = pointing_at(obj)
    rows = list(
        Attachment.objects.raw(_BOX_SQL[deleted], [target["content_type"].pk, target["object_id"]])
    )
    live = [a for a in rows if a.deleted_at is None]
    gone = [a for a in rows if a.deleted_at is not None]
    for a in gone:
        names = {field: getattr(a, f"deleter_{field}") for field in _DELETER}
        a.deleted_by = User(pk=a.deleted_by_id, **names) if a.deleted_by_id else None
    prefetch_related_objects(
        live,
        Prefetch(
            "versions",
            queryset=AttachmentVersion.objects.select_related("uploaded_by").order_by("-number"),
        ),
    )
    return live, gone


def get_target(user: AnyUser, label: str, pk: object, *, write: bool = False) -> Model:
    """The object by its model label and id, if the user may read it (or, with `write`,
    change it)."""
    obj, target = REGISTRY.load(user, label, pk)
    if write and not user.has_perm(target.change_perm, obj):
        raise PermissionDenied
    return obj


def get_attachment(public_id: str) -> Attachment:
    try:
        return Attachment.objects.select_related("content_type").get(
            public_id=public_id, deleted_at__isnull=True
        )
    except (Attachment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def target_of(user: AnyUser, attachment: Attachment, *, write: bool = False) -> Model:
    return get_target(user, attachment.target_label, attachment.object_id, write=write)


def get_attachment_for(
    user: AnyUser, public_id: str, *, write: bool = False
) -> tuple[Attachment, Model]:
    """The attachment and the object it belongs to, if the user may read that object (or,
    with `write`, change it)."""
    attachment = get_attachment(public_id)
    return attachment, target_of(user, attachment, write=write)


def version_of(attachment: Attachment, number: int | None = None) -> AttachmentVersion:
    wanted = attachment.current_version if number is None else number
    found = attachment.versions.filter(number=wanted).first()
    if found is None or not found.file.name:
        raise Http404
    return found


def may_read(user: AnyUser, attachment: Attachment) -> bool:
    """Whether `user` may open the object the attachment belongs to (for search hits)."""
    try:
        target_of(user, attachment)
    except (Http404, PermissionDenied):
        return False
    return True
