"""Finance's background jobs: the committee table as PDF and XLSX."""

from __future__ import annotations

from django.utils.translation import gettext as _

from lotse.documents.xlsx import XLSX_MIME
from lotse.jobs.documents import request_of
from lotse.jobs.models import Job
from lotse.jobs.registry import Output, Progress, register


@register("finance.committee_pdf")
def committee_pdf(job: Job, progress: Progress) -> Output:
    from .views.programme import committee_pdf_document

    request = request_of(job)
    content, name = committee_pdf_document(request, job.params["slug"], progress)  # type: ignore[arg-type]
    return Output(content=content, filename=name, content_type="application/pdf")


@register("finance.committee_xlsx")
def committee_xlsx(job: Job, progress: Progress) -> Output:
    from .views.programme import committee_xlsx_document

    progress(_("Ausschusstabelle wird als XLSX geschrieben"), 20)
    content, name = committee_xlsx_document(request_of(job), job.params["slug"])  # type: ignore[arg-type]
    return Output(content=content, filename=name, content_type=XLSX_MIME)
