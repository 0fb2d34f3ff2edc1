"""Capacity across org units: the heat map, the overload list, the drill-down to the projects
that cause an org unit's load, availability, and the programme's phase model."""

from datetime import date
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lotse import exporting
from lotse.documents.xlsx import build_workbook
from lotse.forms import form_saved
from lotse.forms import posted_version
from lotse.http import AuthedRequest
from lotse.http import get_or_404
from lotse.portfolio.forms import REFUSED_EDIT
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme
from lotse.portfolio.services import EditConflict

from .. import exports
from .. import selectors
from .. import services
from ..forms import AvailabilityForm
from ..forms import PhaseRowFormSet
from ..models import Availability
from .common import capacity_page
from .common import form_page

MAX_MONTHS = 36
DRILL_DOWN_PAGE_SIZE = 50


def _range(request: AuthedRequest) -> tuple[date, int]:
    """The months asked for (?von=JJJJ-MM&monate=12), within sane bounds."""
    first = timezone.localdate().replace(day=1)
    text = request.GET.get("von", "")
    if text:
        try:
            day = datetime.strptime(text, "%Y-%m")  # noqa: DTZ007 - a calendar month
            if 1900 <= day.year <= 2200:
                first = date(day.year, day.month, 1)
        except ValueError:
            messages.error(
                request,
                _("„%(v)s“ ist kein Monat (JJJJ-MM); gezeigt wird der aktuelle.") % {"v": text},
                fail_silently=True,  # the export's worker has no messages
            )
    try:
        count = int(request.GET.get("monate", "12"))
    except ValueError:
        count = 12
    return first, max(1, min(count, MAX_MONTHS))


def _context(request: AuthedRequest, programme: Programme, first: date, count: int) -> dict:
    return {
        "first": first,
        "count": count,
        "month_choices": [6, 12, 18, 24, 36],
        "von": first.strftime("%Y-%m"),
        "can_manage": request.user.has_perm("planning.manage_capacity", programme),
    }


@login_required
def heat_map_page(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = selectors.get_programme_for(request.user, slug)
    first, count = _range(request)
    return capacity_page(
        request,
        "planning/heat_map.html",
        programme,
        data=selectors.heat_map(programme, first, count),
        **_context(request, programme, first, count),
    )


def _heat_map_scope(request: AuthedRequest, slug: str) -> exporting.Scope:
    return exporting.Scope.of_programme(selectors.get_programme_for(request.user, slug))


@exporting.export(
    "planning.heat_map_xlsx",
    gettext_lazy("Kapazität (XLSX)"),
    _heat_map_scope,
    query=("von", "monate"),
)
def heat_map_xlsx(
    request: AuthedRequest, progress: exporting.Progress, slug: str
) -> tuple[bytes, str]:
    """The heat map of the months shown on the page (built by the background worker)."""
    programme = selectors.get_programme_for(request.user, slug)
    first, count = _range(request)
    data = selectors.heat_map(programme, first, count)
    content = build_workbook(
        str(_("Kapazität")), exports.heat_map_headers(data), exports.heat_map_rows(data)
    )
    return content, f"kapazitaet-{programme.slug}-{first:%Y-%m}.xlsx"


@login_required
def org_unit_page(request: AuthedRequest, slug: str, unit: int) -> HttpResponse:
    programme = selectors.get_programme_for(request.user, slug)
    org_unit = None
    if unit:
        org_unit = OrgUnit.objects.filter(pk=unit).first()
        if org_unit is None:
            raise Http404
    first, count = _range(request)
    load = selectors.org_unit_load(programme, org_unit, first, count)
    # Thousands of projects can load one org unit: the rows come in pages, the totals
    # below them stay those of all projects.
    page = Paginator(load.projects, DRILL_DOWN_PAGE_SIZE).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    return capacity_page(
        request,
        "planning/org_unit.html",
        programme,
        load=load,
        page_obj=page,
        query=query.urlencode(),
        **_context(request, programme, first, count),
    )


@login_required
def availability_page(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = selectors.get_programme_for(request.user, slug)
    can_manage = request.user.has_perm("planning.manage_capacity", programme)
    form = AvailabilityForm(request.POST or None) if can_manage else None
    if request.method == "POST" and form is None:
        raise PermissionDenied
    if form is not None and form_saved(
        request,
        form,
        lambda: services.availability_save(programme=programme, data=form.changes()),
        REFUSED_EDIT,
    ):
        messages.success(request, _("Die Verfügbarkeit ist erfasst."))
        return redirect("planning:availability", slug=programme.slug)
    rows = (
        Availability.objects.filter(programme=programme)
        .select_related("org_unit", "person")
        .order_by("org_unit__name", "month")[:500]
    )
    return capacity_page(
        request,
        "planning/availability.html",
        programme,
        rows=rows,
        form=form,
        can_manage=can_manage,
    )


@login_required
@require_POST
def availability_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    availability = get_or_404(Availability.objects.select_related("programme"), pk=pk)
    programme = selectors.get_programme_for(
        request.user, availability.programme.slug, "planning.manage_capacity"
    )
    services.availability_delete(availability=availability)
    messages.success(request, _("Die Verfügbarkeit ist entfernt."))
    return redirect("planning:availability", slug=programme.slug)


@login_required
@require_POST
def phase_model_update(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = selectors.get_programme_for(request.user, slug, "planning.manage_phase_model")
    model = services.phase_model_ensure(programme)
    try:
        services.phase_model_update(
            phase_model=model,
            data={"pmo_may_pass_gates": request.POST.get("pmo_may_pass_gates") == "1"},
            expected_version=posted_version(request),
        )
        messages.success(request, _("Das Phasenmodell ist gespeichert."))
    except EditConflict as exc:
        messages.error(request, str(exc))
    return redirect("planning:phase_model", slug=programme.slug)


@login_required
def phase_model_page(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = selectors.get_programme_for(request.user, slug, "planning.view_plan")
    model, templates = selectors.phase_model_read(programme)
    return capacity_page(
        request,
        "planning/phase_model.html",
        programme,
        model=model,
        templates=templates,
        can_manage=request.user.has_perm("planning.manage_phase_model", programme),
    )


@login_required
def phase_list_edit(request: AuthedRequest, slug: str) -> HttpResponse:
    """The PMO edits the programme's phase list: rename, reorder (by number), add, remove."""
    programme = selectors.get_programme_for(request.user, slug, "planning.manage_phase_model")
    model, templates = selectors.phase_model_read(programme)
    initial = [
        {
            "id": t.pk,
            "name": t.name,
            "gate_name": t.gate_name,
            "description": t.description,
            "ORDER": n,
        }
        for n, t in enumerate(templates, start=1)
    ]
    formset = PhaseRowFormSet(request.POST or None, initial=None if request.POST else initial)
    errors: list[str] = []
    if request.method == "POST" and formset.is_valid():
        rows = [
            f.cleaned_data
            for f in formset.ordered_forms
            if f.cleaned_data.get("name") or f.cleaned_data.get("id")
        ]
        try:
            services.phase_templates_save(
                programme=programme, rows=rows, expected_version=posted_version(request)
            )
        except EditConflict as exc:
            errors.append(str(exc))
        except ValidationError as exc:
            errors.extend(exc.messages)
        else:
            messages.success(request, _("Die Phasen des Phasenmodells sind gespeichert."))
            return redirect("planning:phase_model", slug=programme.slug)
    return capacity_page(
        request,
        "planning/phase_list.html",
        programme,
        model=model,
        formset=formset,
        errors=errors,
    )


@login_required
def availability_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Change one availability (org unit or person, month); refused if it changed meanwhile."""
    availability = (
        Availability.objects.select_related("programme", "org_unit", "person").filter(pk=pk).first()
    )
    if availability is None:
        raise Http404
    programme = selectors.get_programme_for(
        request.user, availability.programme.slug, "planning.manage_capacity"
    )
    form = AvailabilityForm(request.POST or None, instance=availability)
    return form_page(
        request,
        form,
        form.save_by(services.availability_save, programme=programme, availability=availability),
        title=_("Verfügbarkeit bearbeiten"),
        project={"title": programme.name},
        programme=programme,
        nav_section="capacity",
        back=reverse("planning:availability", kwargs={"slug": programme.slug}),
        success=_("Die Verfügbarkeit ist gespeichert."),
        errors=REFUSED_EDIT,
    )
