"""The OZG catalogue's background jobs: the import of a large file (checked again, then all
or nothing, as in the request)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from lotse.jobs.models import Job
from lotse.jobs.registry import Output
from lotse.jobs.registry import Progress
from lotse.jobs.registry import register
from lotse.portfolio.selectors import get_programme_for


@register("ozg.catalogue_import")
def catalogue_import(job: Job, progress: Progress) -> Output:
    from . import importing

    params = job.params
    programme = get_programme_for(job.requested_by, params["slug"], "ozg.manage_catalogue")
    progress(_("%(rows)d Zeilen werden erneut geprüft") % {"rows": len(params["rows"])}, 10)
    checked = importing.check(programme, params["header"], params["rows"])
    progress(_("Leistungen werden geschrieben (alle oder keine)"), 50)
    written = importing.apply(programme, checked, user=job.requested_by)
    if written:
        summary = _(
            "Import abgeschlossen: %(new)s Leistungen neu, %(changed)s geändert, "
            "%(same)s unverändert."
        ) % {"new": checked.new, "changed": checked.updated, "same": checked.unchanged}
    else:
        summary = _(
            "Import abgeschlossen: Alle Leistungen waren schon so erfasst; nichts geändert."
        )
    return Output(url=reverse("ozg:overview", args=[programme.slug]), summary=summary)
