"""The catalogue's pages: overview, list, a service (edit, history), import, export, settings.
Thin: parse, get through the selectors' permission checks, call a service, render."""

import hashlib
import json
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse import exporting
from lotse.documents import tabular
from lotse.documents.xlsx import build_workbook
from lotse.forms import add_service_errors
from lotse.forms import form_saved
from lotse.forms import read_upload
from lotse.http import AuthedRequest
from lotse.http import section_page
from lotse.jobs.views import start_job
from lotse.portfolio.forms import REFUSED_EDIT
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.portfolio.selectors import get_programme_for
from lotse.portfolio.services import EditConflict

from . import charts
from . import exports
from . import importing
from . import selectors
from . import services
from .forms import DeleteForm
from .forms import ServiceForm
from .forms import SettingsForm
from .forms import UploadForm
from .models import Channel
from .models import PublicService

SESSION_KEY = "ozg_import"
PAGE_SIZE = 50
ozg_page = partial(section_page, section="ozg")


def _programme(request: AuthedRequest, slug: str, perm: str = "ozg.view_catalogue") -> Programme:
    programme = get_programme_for(request.user, slug)
    if not request.user.has_perm("ozg.view_catalogue", programme):
        raise PermissionDenied
    if not request.user.has_perm(perm, programme):
        raise PermissionDenied
    return programme


def _page(
    request: AuthedRequest, template: str, programme: Programme, page: str, **extra: Any
) -> HttpResponse:
    """A page of the catalogue (`page` marks its tab)."""
    return ozg_page(
        request,
        template,
        programme,
        page=page,
        can_manage=request.user.has_perm("ozg.manage_catalogue", programme),
        **extra,
    )


def _form_page(
    request: AuthedRequest, programme: Programme, page: str, form: Any, *, title: str, back: str
) -> HttpResponse:
    return _page(request, "ozg/form.html", programme, page, form=form, title=title, back=back)


def _overview_url(programme: Programme) -> str:
    return reverse("ozg:overview", args=[programme.slug])


@login_required
def overview(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug)
    data = selectors.overview(programme, timezone.localdate())
    settings = services.catalogue_settings_for(programme)
    return _page(
        request,
        "ozg/overview.html",
        programme,
        "overview",
        overview=data,
        settings=settings,
        chart=charts.level_chart(data.periods) if data.periods else None,
        level_labels=selectors.level_labels(),
    )


@login_required
def service_list(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug)
    filters = selectors.parse_filters(request.GET)
    rows = selectors.catalogue_rows(programme, filters)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    return _page(
        request,
        "ozg/list.html",
        programme,
        "list",
        page_obj=page,
        filters=filters,
        query=query.urlencode(),
        units=OrgUnit.objects.filter(public_services__programme=programme)
        .distinct()
        .order_by("code"),
        projects=Project.objects.filter(programme=programme).order_by("title"),
        level_labels=selectors.level_labels(),
        channels=Channel.choices,
    )


@login_required
def service_create(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug, "ozg.manage_catalogue")
    form = ServiceForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            service = services.public_service_create(
                programme=programme, data=form.changes(), user=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Die Leistung „%(name)s“ ist angelegt.") % {"name": service}
            )
            return redirect("ozg:service", pk=service.pk)
    return _form_page(
        request,
        programme,
        "list",
        form,
        title=_("OZG-Leistung anlegen"),
        back=reverse("ozg:list", args=[programme.slug]),
    )


@login_required
def service_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    service = selectors.get_service_for(request.user, pk)
    programme = service.programme
    can_manage = request.user.has_perm("ozg.manage_catalogue", programme)
    can_change = request.user.has_perm("ozg.change_service", service)
    form = None
    if can_change:
        form = ServiceForm(
            request.POST or None, instance=service, programme=programme, lead_only=not can_manage
        )
    if request.method == "POST" and form is None:
        raise PermissionDenied
    if form is not None and form_saved(
        request,
        form,
        lambda: services.public_service_update(
            service=service,
            data=form.changes(),
            expected_version=form.cleaned_data.get("version"),
            user=request.user,
        ),
        REFUSED_EDIT,
    ):
        messages.success(request, _("Die Änderungen sind gespeichert."))
        return redirect("ozg:service", pk=service.pk)
    return _page(
        request,
        "ozg/service.html",
        programme,
        "list",
        service=service,
        form=form,
        delete_form=DeleteForm(initial={"version": service.version}, auto_id="id_delete_%s")
        if can_manage
        else None,
        history=selectors.service_history(service),
    )


@login_required
def service_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    service = selectors.get_service_for(request.user, pk, "ozg.manage_catalogue")
    programme = service.programme
    if request.method != "POST":
        return redirect("ozg:service", pk=service.pk)
    form = DeleteForm(request.POST)
    version = form.cleaned_data.get("version") if form.is_valid() else None
    try:
        services.public_service_delete(service=service, expected_version=version, user=request.user)
    except EditConflict as exc:
        messages.error(request, str(exc))
        return redirect("ozg:service", pk=service.pk)
    messages.success(request, _("Die Leistung „%(name)s“ ist gelöscht.") % {"name": service})
    return redirect("ozg:list", slug=programme.slug)


def _catalogue_scope(request: AuthedRequest, slug: str) -> exporting.Scope:
    return exporting.Scope.of_programme(_programme(request, slug))


@exporting.export(
    "ozg.catalogue_xlsx", gettext_lazy("OZG-Leistungskatalog (XLSX)"), _catalogue_scope
)
def export_xlsx(
    request: AuthedRequest, progress: exporting.Progress, slug: str
) -> tuple[bytes, str]:
    """The whole catalogue (built by the background worker)."""
    programme = _programme(request, slug)
    rows = exports.catalogue_rows(selectors.catalogue_rows(programme))
    content = build_workbook(_("OZG-Leistungen"), exports.catalogue_headers(), rows)
    return content, f"ozg-katalog-{programme.slug}.xlsx"


@login_required
def settings_edit(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug, "ozg.manage_catalogue")
    current = services.catalogue_settings_for(programme)
    form = SettingsForm(request.POST or None, instance=current)
    if form_saved(
        request,
        form,
        form.save_by(services.catalogue_settings_update, programme=programme),
        REFUSED_EDIT,
    ):
        messages.success(request, _("Die Einstellungen sind gespeichert."))
        return redirect(_overview_url(programme))
    return _form_page(
        request,
        programme,
        "settings",
        form,
        title=_("Einstellungen des OZG-Katalogs"),
        back=_overview_url(programme),
    )


# --- import ----------------------------------------------------------------------------------


def _import_page(
    request: AuthedRequest,
    programme: Programme,
    form: UploadForm,
    checked: importing.Checked | None = None,
    token: str = "",
    name: str = "",
) -> HttpResponse:
    return _page(
        request,
        "ozg/import.html",
        programme,
        "import",
        form=form,
        checked=checked,
        token=token,
        file_name=name,
    )


@login_required
def import_catalogue(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug, "ozg.manage_catalogue")
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request, programme)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            header, rows = tabular.read_table(upload.name, read_upload(upload))
        except ValidationError as exc:
            form.add_error("file", exc)
            return _import_page(request, programme, form)
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
        return _import_page(request, programme, UploadForm(), checked, token, upload.name)
    return _import_page(request, programme, form)


# A file with more rows is checked again and written by the background worker (jobs.py).
IMPORT_JOB_ROWS = 500


def _queue_import(
    request: AuthedRequest, programme: Programme, name: str, header: list, rows: list
) -> HttpResponse:
    response = start_job(
        request,
        kind="ozg.catalogue_import",
        title=_("Import des OZG-Katalogs aus „%(file)s“") % {"file": name},
        params={"slug": programme.slug, "header": header, "rows": rows},
        programme=programme,
    )
    del request.session[SESSION_KEY]
    return response


def _confirm(request: AuthedRequest, programme: Programme) -> HttpResponse:
    stored = request.session.get(SESSION_KEY) or {}
    back = reverse("ozg:import", args=[programme.slug])
    if stored.get("programme") != programme.pk or stored.get("token") != request.POST["token"]:
        messages.error(
            request, _("Die Vorschau ist abgelaufen. Bitte laden Sie die Datei erneut hoch.")
        )
        return redirect(back)
    header, rows = json.loads(stored["data"])
    if len(rows) > IMPORT_JOB_ROWS:
        return _queue_import(request, programme, stored.get("name", ""), header, rows)
    checked = importing.check(programme, header, rows)
    if not checked.ok:
        return _import_page(request, programme, UploadForm(), checked, "", stored.get("name", ""))
    try:
        written = importing.apply(programme, checked, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    del request.session[SESSION_KEY]
    if written:
        messages.success(
            request,
            _(
                "Import abgeschlossen: %(new)s Leistungen neu, %(changed)s geändert, "
                "%(same)s unverändert."
            )
            % {"new": checked.new, "changed": checked.updated, "same": checked.unchanged},
        )
    else:
        messages.info(
            request,
            _("Import abgeschlossen: Alle Leistungen waren schon so erfasst; nichts geändert."),
        )
    return redirect(_overview_url(programme))


def service_url(service: PublicService) -> str:
    return reverse("ozg:service", args=[service.pk])
