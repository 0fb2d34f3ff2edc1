"""The reports page (generate and archive), the HTML preview and archived downloads."""

from __future__ import annotations

from functools import partial

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.core.paginator import Page
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lotse.forms import add_service_errors
from lotse.governance.models import ReportingDuty
from lotse.governance.selectors import get_duty_for
from lotse.http import AuthedRequest
from lotse.http import paginate
from lotse.http import section_page
from lotse.jobs.models import Job
from lotse.jobs.services import job_request
from lotse.jobs.views import started
from lotse.portfolio.models import Programme
from lotse.portfolio.selectors import get_programme_for

from . import render as renderers
from . import selectors
from . import services
from .collect import collect_report
from .forms import ArchiveFilterForm
from .forms import GenerateForm
from .forms import PreviewForm
from .kinds import Kind
from .models import ArchivedReport

VIEW = "reports.view_archive"
GENERATE = "reports.generate_report"
PAGE_SIZE = 20
reports_page = partial(section_page, section="reports")

# Words in a reporting duty's recipient or text that say which report fulfils it.
DUTY_HINTS = [
    ("personalrat", Kind.STAFF_COUNCIL),
    ("beteiligungsrat", Kind.ADVISORY),
    ("digitalisierungsrat", Kind.ADVISORY),
    ("strategie-bk", Kind.STRATEGY_BK),
    ("beigeordnetenkonferenz", Kind.STRATEGY_BK),
    ("themenfeld", Kind.FOCUS),
    ("fokus", Kind.FOCUS),
    ("ausschuss", Kind.COMMITTEE),
]


def kind_for_duty(duty: ReportingDuty) -> str:
    text = f"{duty.recipient} {duty.report}".lower()
    if "themenfeld" in text or "fokus" in text:
        return Kind.FOCUS
    return next((kind for word, kind in DUTY_HINTS if word in text), Kind.COMMITTEE)


def _choices(programme: Programme) -> dict[str, list[tuple[int, str]]]:
    fields = list(programme.fields_of_action.order_by("order", "name").values_list("pk", "name"))
    duties = [
        (d.pk, str(d))
        for d in ReportingDuty.objects.filter(programme=programme).order_by("recipient", "report")
    ]
    return {"fields": fields, "duties": duties}


def _archive(
    request: HttpRequest, programme: Programme
) -> tuple[ArchiveFilterForm, Page[ArchivedReport], str]:
    filters = ArchiveFilterForm(request.GET or None)
    archive = ArchivedReport.objects.without_content().filter(programme=programme)
    if filters.is_valid() and filters.cleaned_data["kind"]:
        archive = archive.filter(kind=filters.cleaned_data["kind"])
    page, query = paginate(request, archive, PAGE_SIZE)
    return filters, page, query


def _queue_report(
    request: AuthedRequest, programme: Programme, cleaned: dict, duty: ReportingDuty | None
) -> Job:
    """Check the request at once, then let the background worker build and archive it."""
    services.report_validate(
        programme=programme,
        kind=cleaned["kind"],
        as_of=cleaned["as_of"],
        fmt=cleaned["format"],
        field_id=cleaned["field"],
        duty=duty,
    )
    title = _("%(kind)s, Stand %(day)s (%(format)s) – %(programme)s") % {
        "kind": Kind(cleaned["kind"]).label,
        "day": f"{cleaned['as_of']:%d.%m.%Y}",
        "format": cleaned["format"].upper(),
        "programme": programme.name,
    }
    return job_request(
        user=request.user,
        kind="council_reports.report",
        title=title,
        params={
            "slug": programme.slug,
            "kind": cleaned["kind"],
            "as_of": cleaned["as_of"].isoformat(),
            "format": cleaned["format"],
            "field": cleaned["field"] if cleaned["kind"] == Kind.FOCUS else None,
            "duty": duty.pk if duty else None,
        },
        programme=programme,
    )


@login_required
@require_http_methods(["GET", "POST"])
def index(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_programme_for(request.user, slug, VIEW)
    may_generate = request.user.has_perm(GENERATE, programme)
    form = None
    if may_generate:
        initial = {}
        duty_pk = request.GET.get("pflicht")
        if duty_pk and duty_pk.isdigit():
            duty = ReportingDuty.objects.filter(pk=duty_pk, programme=programme).first()
            if duty is not None:
                initial = {"duty": duty.pk, "kind": kind_for_duty(duty)}
        data = request.POST if request.method == "POST" else None
        form = GenerateForm(data, initial=initial, **_choices(programme))
        if request.method == "POST" and form.is_valid():
            cleaned = form.cleaned_data
            duty = None
            if cleaned["duty"]:
                duty = get_object_or_404(ReportingDuty, pk=cleaned["duty"], programme=programme)
            try:
                job = _queue_report(request, programme, cleaned, duty)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return started(job)
    elif request.method == "POST":
        raise PermissionDenied
    filters, page, query = _archive(request, programme)
    new = request.GET.get("neu")
    return reports_page(
        request,
        "council_reports/index.html",
        programme,
        form=form,
        filters=filters,
        page=page,
        query=query,
        new=int(new) if new and new.isdigit() else None,
        kinds=Kind.choices,
    )


@login_required
def preview(request: AuthedRequest, slug: str) -> HttpResponse:
    """The report as a web page, for any as-of day, or exactly as an archived report."""
    programme = get_programme_for(request.user, slug, VIEW)
    archived = None
    archived_pk = request.GET.get("archiv")
    if archived_pk and archived_pk.isdigit():
        archived = get_object_or_404(
            ArchivedReport.objects.without_content(), pk=archived_pk, programme=programme
        )
        form = PreviewForm(
            {
                "kind": archived.kind,
                "as_of": archived.as_of,
                "field": archived.field_of_action_id or "",
            },
            **_choices(programme),
        )
    else:
        form = PreviewForm(request.GET or None, **_choices(programme))
    report = body = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            report = collect_report(
                programme=programme,
                kind=data["kind"],
                as_of=data["as_of"],
                moment=archived.as_of_moment if archived else None,
                field_id=data["field"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            body = renderers.render_html(report)
    return reports_page(
        request,
        "council_reports/preview.html",
        programme,
        form=form,
        report=report,
        body=body,
        archived=archived,
        today=timezone.localdate(),
    )


@login_required
def download(request: AuthedRequest, pk: int) -> HttpResponse:
    archived = selectors.get_archived_report_for(request.user, pk, VIEW)
    response = HttpResponse(bytes(archived.content), content_type=archived.mime_type)
    response["Content-Disposition"] = f'attachment; filename="{archived.filename}"'
    response["ETag"] = f'"{archived.sha256}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def for_duty(request: AuthedRequest, pk: int) -> HttpResponse:
    """From a reporting duty: the reports page with the duty and its report kind chosen."""
    duty = get_duty_for(request.user, pk, GENERATE)
    return redirect(
        reverse("council_reports:index", args=[duty.programme.slug]) + f"?pflicht={duty.pk}"
    )
