"""Attaching documents, adding versions and deleting them. Every check the views and the API
share lives here: the parent object's change permission, the size limit, the type allow-list
(by content), and the version check on new versions."""

import hashlib
from typing import IO

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse import hygiene
from lotse.http import AnyUser
from lotse.targets import pointing_at

from . import filetypes
from .models import Attachment
from .models import AttachmentVersion
from .registry import REGISTRY

MB = 1024 * 1024


def max_bytes() -> int:
    return int(settings.ATTACHMENTS_MAX_MB) * MB


def _megabytes(size: int) -> str:
    text = f"{size / MB:.1f}".replace(".", ",")
    return text.removesuffix(",0")


def check_upload(upload: UploadedFile | None) -> filetypes.Detected:
    """The upload's type, or a ValidationError naming the file, its size or its type."""
    if upload is None:
        raise ValidationError({"file": [_("Bitte wählen Sie eine Datei aus.")]})
    size = upload.size or 0
    if size == 0:
        raise ValidationError(
            {"file": [_("Die Datei „%(name)s“ ist leer.") % {"name": upload.name}]}
        )
    if size > max_bytes():
        raise ValidationError(
            {
                "file": [
                    _("Datei zu groß: %(size)s MB, erlaubt sind %(limit)s MB.")
                    % {"size": _megabytes(size), "limit": settings.ATTACHMENTS_MAX_MB}
                ]
            }
        )
    try:
        return filetypes.detect(upload.name or "", upload.file)  # type: ignore[arg-type]
    except filetypes.FileTypeRefused as exc:
        raise ValidationError({"file": [str(exc)]}) from exc


def _sha256(stream: IO[bytes]) -> str:
    digest = hashlib.sha256()
    stream.seek(0)
    for chunk in iter(lambda: stream.read(1 << 16), b""):
        digest.update(chunk)
    stream.seek(0)
    return digest.hexdigest()


def _check_write(user: AnyUser, obj: Model) -> None:
    target = REGISTRY.target_for(obj)
    if target is None or not user.has_perm(target.change_perm, obj):
        raise PermissionDenied(_("Sie dürfen hier keine Anhänge hochladen oder löschen."))


def _store(attachment: Attachment, number: int, upload: UploadedFile | None, user: AnyUser) -> None:
    detected = check_upload(upload)
    if upload is None:  # check_upload refuses it; for the type checker
        return
    version = AttachmentVersion(
        attachment=attachment,
        number=number,
        original_name=(upload.name or "")[:255],
        size=upload.size or 0,
        mime=detected.mime,
        sha256=_sha256(upload.file),  # type: ignore[arg-type]
        uploaded_by=user if user.is_authenticated else None,
    )
    version.file.save(upload.name or "datei", upload, save=False)
    version.save()


@transaction.atomic
def attachment_add(
    *, obj: Model, user: AnyUser, title: str, upload: UploadedFile | None
) -> Attachment:
    _check_write(user, obj)
    title = (title or "").strip()
    if not title and upload is not None:
        title = (upload.name or "").rsplit(".", 1)[0]
    if not title:
        raise ValidationError({"title": [_("Bitte geben Sie einen Titel an.")]})
    if len(title) > 200:
        raise ValidationError({"title": [_("Der Titel darf höchstens 200 Zeichen lang sein.")]})
    try:  # also a title taken from the file's name
        hygiene.check_text(title, label=_("Titel"))
    except hygiene.Refused as exc:
        raise ValidationError({"title": [str(exc)]}) from exc
    check_upload(upload)
    attachment = Attachment.objects.create(
        **pointing_at(obj),
        programme_id=REGISTRY.programme_id_of(obj),
        title=title,
        created_by=user if user.is_authenticated else None,
    )
    _store(attachment, 1, upload, user)
    return attachment


@transaction.atomic
def version_add(
    *,
    attachment: Attachment,
    obj: Model,
    user: AnyUser,
    upload: UploadedFile | None,
    expected_version: int | None = None,
) -> Attachment:
    """A new version of the same document; the older ones stay downloadable. With
    `expected_version` (the version the user saw), a version added meanwhile is refused."""
    _check_write(user, obj)
    locked = Attachment.objects.select_for_update().get(pk=attachment.pk)
    if locked.is_deleted:
        raise ValidationError(_("Dieser Anhang ist gelöscht."))
    if expected_version is not None and expected_version != locked.current_version:
        raise ValidationError(
            {
                "version": [
                    _(
                        "Inzwischen hat jemand Version %(current)s hochgeladen; Sie sahen "
                        "Version %(seen)s. Bitte prüfen Sie die neue Version zuerst."
                    )
                    % {"current": locked.current_version, "seen": expected_version}
                ]
            }
        )
    number = locked.current_version + 1
    _store(locked, number, upload, user)
    locked.current_version = number
    locked._change_reason = f"Version {number}"  # type: ignore[attr-defined]
    locked.save(update_fields=["current_version"])
    return locked


@transaction.atomic
def attachment_delete(*, attachment: Attachment, obj: Model, user: AnyUser) -> Attachment:
    """Deletes the files of every version; the attachment stays as a trace (title, who
    deleted it and when), visible to those who may write, and in its history."""
    _check_write(user, obj)
    locked = Attachment.objects.select_for_update().get(pk=attachment.pk)
    if locked.is_deleted:
        return locked
    locked.deleted_at = timezone.now()
    locked.deleted_by = user if user.is_authenticated else None
    locked._change_reason = "gelöscht"  # type: ignore[attr-defined]
    locked.save(update_fields=["deleted_at", "deleted_by"])
    names = []
    for version in locked.versions.all():
        if version.file.name:
            names.append((version.file.storage, version.file.name))
            version.file.name = ""
            version.save(update_fields=["file"])

    def remove() -> None:
        for storage, name in names:
            storage.delete(name)

    # Robust: a file that cannot be removed is logged; the deletion is committed by then.
    transaction.on_commit(remove, robust=True)
    return locked
