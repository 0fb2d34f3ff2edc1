"""Reading attachments: the attachments of one object, one attachment by its random id, and
the object an attachment belongs to (with the permission check)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Prefetch, QuerySet, prefetch_related_objects
from django.http import Http404

from lotse.http import AnyUser
from lotse.targets import pointing_at

from .models import Attachment, AttachmentVersion
from .registry import REGISTRY


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


def box_of(obj: Model, *, deleted: bool) -> tuple[list[Attachment], list[Attachment]]:
    """The attachments box's rows in one query: the live attachments (with their versions,
    newest first, fetched only if there are any) and, with `deleted`, the deleted ones (with
    who deleted them), both in the model's order."""
    found = Attachment.objects.filter(**pointing_at(obj))
    found = found.select_related("deleted_by") if deleted else found.filter(deleted_at__isnull=True)
    rows = list(found)
    live = [a for a in rows if a.deleted_at is None]
    prefetch_related_objects(
        live,
        Prefetch(
            "versions",
            queryset=AttachmentVersion.objects.select_related("uploaded_by").order_by("-number"),
        ),
    )
    return live, [a for a in rows if a.deleted_at is not None]


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
