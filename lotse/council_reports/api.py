"""Council reports in the REST API: the archive, downloads and generating a report.

Same rules and service as the UI: readers of the archive are sponsor, programme office,
change managers and viewers; generating is for sponsor and programme office.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query
from ninja import Status

from lotse.api_helpers import READ
from lotse.api_helpers import WRITE_UNVERSIONED
from lotse.api_helpers import ApiRouter
from lotse.api_helpers import resolve_id
from lotse.http import AuthedRequest
from lotse.jobs.schemas import JobOut
from lotse.portfolio import selectors as portfolio_selectors

from . import schemas as s
from . import selectors
from . import services
from .kinds import Kind
from .models import ArchivedReport
from .models import ArchivedReportQuerySet

router = ApiRouter(tags=["Berichte an Gremien"])


def _archive() -> ArchivedReportQuerySet:
    return ArchivedReport.objects.without_content().select_related("programme")


@router.read("/programmes/{slug}/archived-reports", list[s.ArchivedReportOut], "archive_list")
def archive_list(request: AuthedRequest, slug: str, filters: Query[s.ArchiveFilters]) -> Any:
    """Das Berichtsarchiv des Programms, neueste zuerst (`?kind=committee` filtert)."""
    programme = portfolio_selectors.get_programme_for(request.user, slug, "reports.view_archive")
    archive = _archive().filter(programme=programme)
    if filters.kind:
        archive = archive.filter(kind=filters.kind)
    return archive


@router.read("/archived-reports/{report_id}", s.ArchivedReportOut, "archive_detail")
def archive_detail(request: AuthedRequest, report_id: int) -> Any:
    """Ein archivierter Bericht: Art, Stand, Format, Prüfsumme, wer ihn wann erstellt hat."""
    return selectors.get_archived_report_for(request.user, report_id, content=False)


@router.get(
    "/archived-reports/{report_id}/content",
    response={200: None, **READ},
    openapi_extra={
        "responses": {
            "200": {
                "description": "Das Dokument, unverändert wie archiviert (PDF, XLSX oder DOCX).",
                "content": {"application/octet-stream": {}},
            }
        }
    },
    operation_id="archive_content",
)
def archive_content(request: AuthedRequest, report_id: int) -> HttpResponse:
    """Das archivierte Dokument selbst, Byte für Byte wie erstellt (Header `ETag`: SHA-256)."""
    archived = selectors.get_archived_report_for(request.user, report_id)
    response = HttpResponse(bytes(archived.content), content_type=archived.mime_type)
    response["Content-Disposition"] = f'attachment; filename="{archived.filename}"'
    response["ETag"] = f'"{archived.sha256}"'
    return response


@router.write(
    "POST",
    "/programmes/{slug}/archived-reports",
    JobOut,
    "archive_generate",
    status=202,
    errors=WRITE_UNVERSIONED,
)
def archive_generate(request: AuthedRequest, slug: str, payload: s.GenerateIn) -> Status[Any]:
    """Einen Bericht erstellen und archivieren: `kind`, `as_of` (Stand, Standard heute),
    `field` (nur für `focus`), `format` (`pdf`, `xlsx`, `docx`), optional `duty` (die
    Berichtspflicht, die er erfüllt). Der Bericht entsteht im Hintergrund: die Antwort (202)
    ist der Auftrag; `status_url` zeigt seinen Stand, `result_url` danach das Archiv."""
    programme = portfolio_selectors.get_programme_for(request.user, slug, "reports.generate_report")
    from lotse.governance.models import ReportingDuty

    duties = ReportingDuty.objects.filter(programme=programme)
    unknown = _("Diese Berichtspflicht gibt es in diesem Programm nicht.")
    duty = resolve_id(duties, payload.duty, "duty", unknown)
    if payload.field is not None and not programme.fields_of_action.filter(pk=payload.field):
        raise ValidationError({"field": [_("Dieses Themenfeld gibt es in diesem Programm nicht.")]})
    from lotse.jobs.services import job_request

    as_of = payload.as_of or timezone.localdate()
    services.report_validate(
        programme=programme,
        kind=payload.kind,
        as_of=as_of,
        fmt=payload.format,
        field_id=payload.field,
        duty=duty,
    )
    job = job_request(
        user=request.user,
        kind="council_reports.report",
        title=_("%(kind)s, Stand %(day)s (%(format)s) – %(programme)s")
        % {
            "kind": Kind(payload.kind).label,
            "day": f"{as_of:%d.%m.%Y}",
            "format": payload.format.upper(),
            "programme": programme.name,
        },
        params={
            "slug": programme.slug,
            "kind": payload.kind,
            "as_of": as_of.isoformat(),
            "format": payload.format,
            "field": payload.field if payload.kind == "focus" else None,
            "duty": duty.pk if duty else None,
        },
        programme=programme,
    )
    return Status(202, job)
