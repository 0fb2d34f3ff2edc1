"""Ideas' background jobs: the import of a large workshop sheet (all or nothing, as in the
request)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from lotse.jobs.models import Job
from lotse.jobs.registry import Output
from lotse.jobs.registry import Progress
from lotse.jobs.registry import register
from lotse.portfolio.selectors import get_programme_for


@register("ideas.workshop_import")
def workshop_import(job: Job, progress: Progress) -> Output:
    from . import importing

    params = job.params
    programme = get_programme_for(job.requested_by, params["slug"], "ideas.moderate")
    rows = [importing.Row(**row) for row in params["rows"]]
    progress(
        _("%(rows)d Ideen werden geprüft und übernommen (alle oder keine)") % {"rows": len(rows)},
        20,
    )
    created = importing.workshop_import(
        programme=programme, user=job.requested_by, rows=rows, default_source=params["source"]
    )
    return Output(
        url=reverse("ideas:list", args=[programme.slug]),
        summary=_("%(n)s Ideen aus dem Workshop sind übernommen.") % {"n": len(created)},
    )
