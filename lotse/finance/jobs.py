"""Finance's background jobs: the import of a large file of actuals (all or nothing, as in the
request). The committee table as PDF and XLSX are exports (views/programme.py,
lotse.exporting)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from lotse.jobs.models import Job
from lotse.jobs.registry import JobFailed
from lotse.jobs.registry import Output
from lotse.jobs.registry import Progress
from lotse.jobs.registry import first_problems
from lotse.jobs.registry import register


@register("finance.actual_import")
def actual_import(job: Job, progress: Progress) -> Output:
    from . import importing
    from .models import ActualImport

    stored = (
        ActualImport.objects.filter(
            pk=job.params["import"],
            uploaded_by_id=job.requested_by_id,
            status=ActualImport.Status.PREVIEW,
        )
        .select_related("programme")
        .first()
    )
    if stored is None:
        raise JobFailed(
            _(
                "Diese Vorschau ist abgelaufen oder schon importiert. Bitte laden Sie die Datei "
                "erneut hoch."
            )
        )
    if not job.requested_by.has_perm("finance.enter_actuals", stored.programme):
        raise JobFailed(_("Sie dürfen keine Ist-Werte (mehr) importieren."))
    progress(
        _("%(rows)d Zeilen werden geprüft und geschrieben (alles oder nichts)")
        % {"rows": stored.row_count},
        20,
    )
    checked, changed = importing.actual_import_apply(stored=stored, user=job.requested_by)
    if not checked.ok:
        shown = first_problems(checked.problems, "; ")
        raise JobFailed(
            _("Nichts importiert: die Datei passt nicht mehr zu den Daten. %(problems)s")
            % {"problems": shown or _("Keine Zeile mit Werten gefunden.")}
        )
    if changed:
        summary = _(
            "Import abgeschlossen: %(n)s Monatswerte geschrieben (%(rows)s Zeilen der Datei)."
        ) % {"n": changed, "rows": checked.rows}
    else:
        summary = _("Import abgeschlossen: Alle Werte waren schon so erfasst; nichts geändert.")
    return Output(url=reverse("finance:overview", args=[stored.programme.slug]), summary=summary)
