"""Uploading, new versions, deleting and downloading. The forms come from the attachment
component (`{% attachments obj %}`) on the object's page and return there; downloads check
the read permission of the object every time."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import FileResponse
from django.http import HttpRequest
from django.http import HttpResponse
from django.http import HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_POST

from lotse.forms import posted_version
from lotse.http import AuthedRequest
from lotse.targets import back_to

from . import selectors
from . import services
from .models import Attachment
from .models import AttachmentVersion


def _back(request: HttpRequest, obj: Model) -> HttpResponseRedirect:
    return back_to(request, obj, "anhaenge")


def _error(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


@login_required
@require_POST
def attachment_create(request: AuthedRequest) -> HttpResponse:
    obj = selectors.get_target(
        request.user, request.POST.get("target", ""), request.POST.get("pk"), write=True
    )
    try:
        attachment = services.attachment_add(
            obj=obj,
            user=request.user,
            title=request.POST.get("title", ""),
            upload=request.FILES.get("file"),
        )
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("„%(title)s“ ist angehängt.") % {"title": attachment.title})
    return _back(request, obj)


@login_required
@require_POST
def version_create(request: AuthedRequest, public_id: str) -> HttpResponse:
    attachment, obj = selectors.get_attachment_for(request.user, public_id, write=True)
    try:
        attachment = services.version_add(
            attachment=attachment,
            obj=obj,
            user=request.user,
            upload=request.FILES.get("file"),
            expected_version=posted_version(request),
        )
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(
            request,
            _("Version %(number)s von „%(title)s“ ist hochgeladen.")
            % {"number": attachment.current_version, "title": attachment.title},
        )
    return _back(request, obj)


@login_required
@require_POST
def attachment_delete(request: AuthedRequest, public_id: str) -> HttpResponse:
    attachment, obj = selectors.get_attachment_for(request.user, public_id, write=True)
    services.attachment_delete(attachment=attachment, obj=obj, user=request.user)
    messages.success(request, _("„%(title)s“ ist gelöscht.") % {"title": attachment.title})
    return _back(request, obj)


def file_response(attachment: Attachment, version: AttachmentVersion) -> FileResponse:
    response = FileResponse(
        version.file.storage.open(version.file.name, "rb"),
        as_attachment=True,
        filename=version.original_name,
        content_type=version.mime,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def download(request: AuthedRequest, public_id: str, number: int | None = None) -> HttpResponseBase:
    attachment, _target = selectors.get_attachment_for(request.user, public_id)
    return file_response(attachment, selectors.version_of(attachment, number))
