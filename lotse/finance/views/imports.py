"""Import of actuals: upload → preview (every problem listed) → import all or nothing.

The preview keeps the file's rows in the session; confirming checks them again against the
current data and writes them in one transaction.
"""

import hashlib
import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.forms import Form
from lotse.http import AuthedRequest

from .. import importing
from .programme import _programme

SESSION_KEY = "finance_import"


class UploadForm(Form):
    file = forms.FileField(
        label=gettext_lazy("Datei (CSV oder XLSX)"),
        help_text=gettext_lazy(
            "Spalten: Monat, Ist, optional Obligo und Korrekturgrund, dazu Kostenstelle, Produkt, "
            "Investitionsnummer oder Haushaltsbezug. CSV mit Semikolon, UTF-8 oder Windows-1252."
        ),
    )


def _render(
    request: AuthedRequest, programme, form, checked=None, token: str = "", name: str = ""
) -> HttpResponse:
    context = {
        "programme": programme,
        "form": form,
        "checked": checked,
        "token": token,
        "file_name": name,
        "can_manage": True,
        "nav_section": "finance",
    }
    return render(request, "finance/import.html", context)


@login_required
def import_actuals(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug, "finance.enter_actuals")
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request, programme)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > importing.MAX_BYTES:
                raise ValidationError(
                    _("Die Datei ist größer als 10 MB. Bitte teilen Sie sie auf.")
                )
            header, rows = importing.read_file(upload.name, upload.read())
        except ValidationError as exc:
            form.add_error("file", exc)
            return _render(request, programme, form)
        checked = importing.check(programme, header, rows)
        token = ""
        if checked.ok:
            payload = json.dumps([header, rows])
            token = hashlib.sha256(payload.encode()).hexdigest()[:16]
            request.session[SESSION_KEY] = {
                "programme": programme.pk,
                "token": token,
                "name": upload.name,
                "data": payload,
            }
        return _render(request, programme, UploadForm(), checked, token, upload.name)
    return _render(request, programme, form)


def _confirm(request: AuthedRequest, programme) -> HttpResponse:
    stored = request.session.get(SESSION_KEY) or {}
    back = reverse("finance:import", args=[programme.slug])
    if stored.get("programme") != programme.pk or stored.get("token") != request.POST["token"]:
        messages.error(
            request, _("Die Vorschau ist abgelaufen. Bitte laden Sie die Datei erneut hoch.")
        )
        return redirect(back)
    header, rows = json.loads(stored["data"])
    checked = importing.check(programme, header, rows)
    if not checked.ok:
        return _render(request, programme, UploadForm(), checked, "", stored.get("name", ""))
    changed = importing.apply(checked, user=request.user)
    del request.session[SESSION_KEY]
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
