"""Governance's background jobs: a meeting's agenda and minutes as PDFs."""

from __future__ import annotations

from lotse.jobs.documents import request_of
from lotse.jobs.models import Job
from lotse.jobs.registry import Output
from lotse.jobs.registry import Progress
from lotse.jobs.registry import register


@register("governance.meeting_pdf")
def meeting_pdf(job: Job, progress: Progress) -> Output:
    from .views.meetings import meeting_pdf_document

    params = job.params
    request = request_of(job)
    content, name = meeting_pdf_document(request, params["meeting"], params["which"], progress)
    return Output(content=content, filename=name, content_type="application/pdf")
