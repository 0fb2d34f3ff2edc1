"""Reporting's background jobs: the Projektcheck pack as a PDF."""

from __future__ import annotations

from urllib.parse import urlencode

from django.utils.translation import gettext as _

from lotse.jobs.models import Job
from lotse.jobs.registry import Output
from lotse.jobs.registry import Progress
from lotse.jobs.registry import register
from lotse.jobs.requests import worker_request


@register("reporting.projektcheck_pdf")
def projektcheck_pdf(job: Job, progress: Progress) -> Output:
    from .projektcheck_pdf import render_pdf
    from .views.programme import _projektcheck

    params = job.params
    query = {"period": params["period"]} | ({"attention": "on"} if params.get("attention") else {})
    request = worker_request(job.requested_by, urlencode(query))
    progress(_("Cockpits der Projekte werden zusammengestellt"), 5)
    context = _projektcheck(request, params["slug"])
    progress(_("PDF mit %(n)d Projekten wird vorbereitet") % {"n": len(context["rows"])}, 8)
    pdf = render_pdf(context, progress=progress)
    name = f"projektcheck-{context['programme'].slug}-{context['period'].end:%Y-%m-%d}.pdf"
    return Output(content=pdf, filename=name, content_type="application/pdf")
