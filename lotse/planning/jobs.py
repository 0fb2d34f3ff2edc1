"""Planning's background jobs: the roadmap on A3."""

from __future__ import annotations

from django.utils.translation import gettext as _

from lotse.jobs.documents import request_of
from lotse.jobs.models import Job
from lotse.jobs.registry import Output, Progress, register


@register("planning.roadmap_pdf")
def roadmap_pdf(job: Job, progress: Progress) -> Output:
    from .views.roadmap import roadmap_pdf_document

    progress(_("Roadmap wird gezeichnet"), 5)
    content, name = roadmap_pdf_document(request_of(job), job.params["slug"], progress)  # type: ignore[arg-type]
    return Output(content=content, filename=name, content_type="application/pdf")
