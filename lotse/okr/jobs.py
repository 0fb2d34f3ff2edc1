"""OKR's background jobs: the Quartalskonferenz pack as a PDF."""

from __future__ import annotations

from lotse.jobs.documents import request_of
from lotse.jobs.models import Job
from lotse.jobs.registry import Output
from lotse.jobs.registry import Progress
from lotse.jobs.registry import register


@register("okr.conference_pdf")
def conference_pdf(job: Job, progress: Progress) -> Output:
    from .views.programme import conference_pdf_document

    content, name = conference_pdf_document(request_of(job), job.params["slug"], progress)  # type: ignore[arg-type]
    return Output(content=content, filename=name, content_type="application/pdf")
