"""Council reports as background jobs: built, archived unchanged, and found in the archive."""

from __future__ import annotations

from datetime import date

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from lotse.governance.models import ReportingDuty
from lotse.jobs.models import Job
from lotse.jobs.registry import Output
from lotse.jobs.registry import Progress
from lotse.jobs.registry import register
from lotse.jobs.requests import worker_request
from lotse.portfolio.selectors import get_programme_for

from . import services


@register("council_reports.report")
def report(job: Job, progress: Progress) -> Output:
    params = job.params
    user = job.requested_by
    # Checked again as the person who asked: a role may have ended in the meantime.
    programme = get_programme_for(user, params["slug"], "reports.generate_report")
    duty = None
    if params.get("duty"):
        duty = get_object_or_404(ReportingDuty, pk=params["duty"], programme=programme)
    archived = services.report_generate(
        programme=programme,
        kind=params["kind"],
        as_of=date.fromisoformat(params["as_of"]),
        fmt=params["format"],
        field_id=params.get("field"),
        duty=duty,
        user=user,
        request=worker_request(user),
        progress=progress,
    )
    url = reverse("council_reports:index", args=[programme.slug]) + f"?neu={archived.pk}"
    return Output(
        url=url,
        summary=_("Der Bericht „%(title)s“ ist im Berichtsarchiv abgelegt (Nr. %(pk)d).")
        % {"title": archived.title, "pk": archived.pk},
    )
