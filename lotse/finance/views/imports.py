"""Import of actuals: upload → preview (every problem listed) → import all or nothing.

The upload is parsed once and kept on the server (`ActualImport`), not in the session; the
preview has its own address, and confirming checks the rows again against the current data
and writes them in one transaction. A large file (more than `importing.JOB_ROWS` rows) is
written by the background worker (../jobs.py), with progress on the job's page; a small one
in the request. The browser shows the upload's progress (lotse.js).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.forms import Form
from lotse.forms import read_upload
from lotse.forms import upload_field
from lotse.http import AuthedRequest
from lotse.portfolio.models import Programme

from .. import importing
from ..models import ActualImport
from .common import finance_page
from .programme import _programme


class UploadForm(Form):
    file = upload_field(
        gettext_lazy(
            "Spalten: Monat, Ist, optional Obligo und Korrekturgrund, dazu Kostenstelle, Produkt, "
            "Investitionsnummer oder Haushaltsbezug. CSV mit Semikolon, UTF-8 oder Windows-1252."
        )
    )


def _render(
    request: AuthedRequest,
    programme: Programme,
    form: UploadForm,
    checked: importing.Checked | None = None,
    stored: ActualImport | None = None,
) -> HttpResponse:
    return finance_page(
        request,
        "finance/import.html",
        programme,
        form=form,
        checked=checked,
        stored=stored,
        token=stored.token if stored and checked and checked.ok else "",
        file_name=stored.file_name if stored else "",
        recent=ActualImport.objects.filter(
            programme=programme, status=ActualImport.Status.DONE
        ).select_related("uploaded_by")[:5],
        can_manage=True,
    )


@login_required
def import_actuals(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug, "finance.enter_actuals")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            stored = importing.actual_import_create(
                programme=programme,
                user=request.user,
                file_name=upload.name,
                data=read_upload(upload),
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            return redirect(reverse("finance:import_preview", args=[slug, stored.token]))
    return _render(request, programme, form)


@login_required
def import_preview(request: AuthedRequest, slug: str, token: str) -> HttpResponse:
    """The stored upload's preview (GET) and its import (POST)."""
    programme = _programme(request, slug, "finance.enter_actuals")
    back = reverse("finance:import", args=[programme.slug])
    stored = (
        ActualImport.objects.filter(
            programme=programme,
            token=token,
            uploaded_by_id=request.user.pk,
            status=ActualImport.Status.PREVIEW,
        )
        .select_related("programme")
        .first()
    )
    if stored is None:
        messages.error(
            request,
            _(
                "Diese Vorschau ist abgelaufen oder schon importiert. Bitte laden Sie die Datei "
                "erneut hoch."
            ),
        )
        return redirect(back)
    if request.method != "POST":
        return _render(request, programme, UploadForm(), importing.stored_check(stored), stored)
    if stored.row_count > importing.JOB_ROWS:
        from lotse.jobs.services import job_request
        from lotse.jobs.views import started

        job = job_request(
            user=request.user,
            kind="finance.actual_import",
            title=_("Import der Ist-Werte aus „%(file)s“") % {"file": stored.file_name},
            params={"import": stored.pk},
            programme=programme,
        )
        return started(job)
    try:
        checked, changed = importing.actual_import_apply(stored=stored, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    if not checked.ok:
        return _render(request, programme, UploadForm(), checked, stored)
    if changed:
        messages.success(
            request,
            _("Import abgeschlossen: %(n)s Monatswerte geschrieben (%(rows)s Zeilen der Datei).")
            % {"n": changed, "rows": checked.rows},
        )
    else:
        messages.info(
            request, _("Import abgeschlossen: Alle Werte waren schon so erfasst; nichts geändert.")
        )
    return redirect(reverse("finance:overview", args=[programme.slug]))
