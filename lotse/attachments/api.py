"""Attachment endpoints: list the attachments of an object (`target` is the model label,
e.g. `portfolio.project`), upload one (multipart), add a version, download, delete — with
the same rules as the attachment component."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.http.response import HttpResponseBase
from ninja import Field
from ninja import File
from ninja import Form
from ninja import Query
from ninja import Schema
from ninja import Status
from ninja.files import UploadedFile
from ninja.params import FormEx
from ninja.params import P

from lotse.api_helpers import READ
from lotse.api_helpers import WRITE_UNVERSIONED
from lotse.api_helpers import ApiRouter
from lotse.api_helpers import TargetId
from lotse.api_helpers import TargetLabel
from lotse.http import AuthedRequest

from . import selectors
from . import services
from . import views
from .models import Attachment
from .models import AttachmentVersion
from .registry import TARGETS

router = ApiRouter(tags=["Anhänge"])


class VersionOut(Schema):
    number: int
    original_name: str
    size: int
    mime: str
    sha256: str
    uploaded_at: datetime
    uploaded_by: str | None

    @staticmethod
    def resolve_uploaded_by(obj: AttachmentVersion) -> str | None:
        return str(obj.uploaded_by) if obj.uploaded_by_id else None


class AttachmentOut(Schema):
    id: str = Field(alias="public_id", description="zufällige Kennung, nicht erratbar")
    title: str
    current_version: int
    created_at: datetime
    versions: list[VersionOut]

    @staticmethod
    def resolve_versions(obj: Attachment) -> list[AttachmentVersion]:
        return list(obj.versions.all())


@router.read("/attachments", list[AttachmentOut], "attachment_list")
def attachment_list(request: AuthedRequest, target: TargetLabel, id: TargetId) -> list[Attachment]:
    """Die Anhänge eines Objekts (höchstens wenige Dutzend je Objekt, daher ohne Seiten)."""
    obj = selectors.get_target(request.user, target, id)
    return list(selectors.attachments_of(obj))


@router.create("/attachments", AttachmentOut, "attachment_upload", errors=WRITE_UNVERSIONED)
def attachment_upload(
    request: AuthedRequest,
    target: Form[str],
    id: Form[int],
    file: File[UploadedFile],
    title: Form[str] = "",
) -> Status:
    """Eine Datei anhängen (multipart/form-data). Erlaubt sind PDF, OpenDocument, Office
    und Bilder, geprüft am Inhalt; die Größe ist begrenzt (ATTACHMENTS_MAX_MB)."""
    obj = selectors.get_target(request.user, target, id, write=True)
    attachment = services.attachment_add(obj=obj, user=request.user, title=title, upload=file)
    return Status(201, selectors.attachments_of(obj).get(pk=attachment.pk))


# The upload's `version`: the attachment's `current_version` the client last saw.
SEEN_VERSION = "Die zuletzt gesehene `current_version`; ist inzwischen eine neuere da: 422."


@router.create(
    "/attachments/{attachment_id}/versions",
    AttachmentOut,
    "attachment_version_upload",
    errors=WRITE_UNVERSIONED,
)
def attachment_version_upload(
    request: AuthedRequest,
    attachment_id: str,
    file: File[UploadedFile],
    version: FormEx[int | None, P(description=SEEN_VERSION)] = None,
) -> Status:
    """Eine neue Version hochladen; `version` ist die zuletzt gesehene Version (409-artige
    Prüfung: eine inzwischen hochgeladene Version wird gemeldet)."""
    attachment, obj = selectors.get_attachment_for(request.user, attachment_id, write=True)
    services.version_add(
        attachment=attachment, obj=obj, user=request.user, upload=file, expected_version=version
    )
    return Status(201, selectors.attachments_of(obj).get(pk=attachment.pk))


@router.read("/attachments/{attachment_id}/download", None, "attachment_download")
def attachment_download(
    request: AuthedRequest,
    attachment_id: str,
    version: int | None = Query(None, description="Nummer der Version; ohne Angabe die neueste."),
) -> HttpResponseBase:
    """Die Datei (aktuelle Version oder `version`)."""
    attachment, _target = selectors.get_attachment_for(request.user, attachment_id)
    return views.file_response(attachment, selectors.version_of(attachment, version))


@router.write(
    "DELETE", "/attachments/{attachment_id}", None, "attachment_delete", status=204, errors=READ
)
def attachment_delete(request: AuthedRequest, attachment_id: str) -> Status:
    attachment, obj = selectors.get_attachment_for(request.user, attachment_id)
    if not request.user.has_perm(TARGETS[attachment.target_label].change_perm, obj):
        raise PermissionDenied
    services.attachment_delete(attachment=attachment, obj=obj, user=request.user)
    return Status(204, None)
