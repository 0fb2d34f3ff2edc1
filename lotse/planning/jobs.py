"""Planning's background jobs: the import of a large file of actual effort (all or nothing,
as in the request). The roadmap on A3 is an export (views/roadmap.py, lotse.exporting)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from lotse.jobs.models import Job
from lotse.jobs.registry import Output
from lotse.jobs.registry import Progress
from lotse.jobs.registry import register


@register("planning.actual_effort_import")
def actual_effort_import(job: Job, progress: Progress) -> Output:
    from django.urls import reverse

    from . import selectors
    from . import services

    params = job.params
    project = selectors.get_project_for(job.requested_by, params["project"], "planning.change_plan")
    progress(
        _("%(rows)d Zeilen werden geprüft und geschrieben (alles oder nichts)")
        % {"rows": len(params["rows"])},
        20,
    )
    count = services.actual_effort_import(
        project=project, header=params["header"], rows=params["rows"]
    )
    return Output(
        url=reverse("planning:project_plan", args=[project.pk]),
        summary=_("%(n)s Monatswerte des Ist-Aufwands sind übernommen.") % {"n": count},
    )
