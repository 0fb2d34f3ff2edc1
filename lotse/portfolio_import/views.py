"""The portfolio import pages: upload (a workbook or CSV files), preview, import; and the
templates to download. Only the programme office (who may create projects) imports."""

import json
import secrets

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lotse.http import AuthedRequest
from lotse.http import section_page
from lotse.portfolio.selectors import get_programme_for

from . import reader
from . import services
from . import templates_xlsx
from .columns import SHEETS

PERM = "portfolio.add_project"
SESSION_KEY = "portfolio_import"
FIELDS = {
    "projekte": "Projekte",
    "meilensteine": "Meilensteine",
    "risiken": "Risiken",
    "berichte": "Statusberichte",
}


def _read_upload(
    request: AuthedRequest,
) -> tuple[dict[str, reader.Sheet], dict[str, tuple[str, bytes]]]:
    files: dict[str, tuple[str, bytes]] = {}
    workbook = request.FILES.get("arbeitsmappe")
    if workbook:
        files["arbeitsmappe"] = (workbook.name or "", workbook.read())
    for key in FIELDS:
        upload = request.FILES.get(key)
        if upload:
            files[key] = (upload.name or "", upload.read())
    if not files:
        raise ValidationError(
            _("Bitte wählen Sie eine Arbeitsmappe oder mindestens eine CSV-Datei aus.")
        )
    return _sheets(files), files


def _sheets(files: dict[str, tuple[str, bytes]]) -> dict[str, reader.Sheet]:
    sheets: dict[str, reader.Sheet] = {}
    if "arbeitsmappe" in files:
        sheets.update(reader.read_workbook(*files["arbeitsmappe"]))
    for key, sheet_name in FIELDS.items():
        if key in files:
            name, data = files[key]
            try:
                sheets[sheet_name] = reader.read_single(sheet_name, name, data)
            except ValidationError as exc:
                raise ValidationError(f"{sheet_name} ({name}): {' '.join(exc.messages)}") from exc
    return sheets


def _keep(files: dict[str, tuple[str, bytes]]) -> str:
    token = secrets.token_urlsafe(16)
    manifest = {}
    for key, (name, data) in files.items():
        path = default_storage.save(f"portfolio-import/{token}/{key}", ContentFile(data))
        manifest[key] = [name, path]
    default_storage.save(
        f"portfolio-import/{token}/manifest.json", ContentFile(json.dumps(manifest).encode())
    )
    return token


def _load(token: str) -> dict[str, tuple[str, bytes]]:
    with default_storage.open(f"portfolio-import/{token}/manifest.json") as handle:
        manifest = json.loads(handle.read())
    files = {}
    for key, (name, path) in manifest.items():
        with default_storage.open(path) as handle:
            files[key] = (name, handle.read())
    return files


def _forget(token: str, files: list[str]) -> None:
    for key in [*files, "manifest.json"]:
        default_storage.delete(f"portfolio-import/{token}/{key}")


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_programme_for(request.user, slug, PERM)
    context: dict = {"sheets": SHEETS}
    status = 200
    if request.method == "POST":
        pending = request.session.get(SESSION_KEY, {})
        token = request.POST.get("token", "")
        try:
            if request.POST.get("action") == "import":
                if pending.get(token) != programme.pk:
                    raise ValidationError(
                        _("Die Vorschau ist abgelaufen; bitte laden Sie die Datei erneut hoch.")
                    )
                files = _load(token)
                result = services.run_import(
                    programme=programme, user=request.user, sheets=_sheets(files), commit=True
                )
                if result.committed:
                    _forget(token, list(files))
                    pending.pop(token, None)
                    request.session[SESSION_KEY] = pending
                context.update(result=result, token=token if not result.committed else "")
            else:
                sheets, files = _read_upload(request)
                result = services.run_import(
                    programme=programme, user=request.user, sheets=sheets, commit=False
                )
                context["result"] = result
                if result.ok:
                    token = _keep(files)
                    pending[token] = programme.pk
                    request.session[SESSION_KEY] = pending
                    context["token"] = token
            if not context["result"].ok:
                status = 422
        except ValidationError as exc:
            context["error"] = " ".join(exc.messages)
            status = 422
    return section_page(
        request,
        "portfolio_import/import.html",
        programme,
        section="projects",
        status=status,
        **context,
    )


@login_required
def template_xlsx(request: AuthedRequest, slug: str) -> HttpResponse:
    get_programme_for(request.user, slug, PERM)
    response = HttpResponse(
        templates_xlsx.workbook(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="portfolio-import-vorlage.xlsx"'
    return response


@login_required
def template_csv(request: AuthedRequest, slug: str, sheet: str) -> HttpResponse:
    get_programme_for(request.user, slug, PERM)
    sheet_name = FIELDS.get(sheet)
    if sheet_name is None:
        raise PermissionDenied
    response = HttpResponse(
        templates_xlsx.csv_template(sheet_name), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="portfolio-import-{sheet}.csv"'
    return response
