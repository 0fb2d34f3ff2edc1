"""The programme's finance pages: overview, committee table, funding, contracts, settings."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lotse import exporting
from lotse.documents.typeset import Progress
from lotse.forms import form_saved
from lotse.http import AuthedRequest
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme
from lotse.portfolio.selectors import get_programme_for
from lotse.portfolio.services import EditConflict

from .. import charts
from .. import committee
from .. import exports
from .. import selectors
from .. import services
from ..forms import BudgetLineForm
from ..forms import CallOffForm
from ..forms import ContractForm
from ..forms import DeadlineForm
from ..forms import FundingForm
from ..forms import PhaseForm
from ..forms import SettingsForm
from ..models import Deadline
from ..models import Funding
from ..models import FundingPhase
from ..models import Kind
from ..models import SupportContract
from ..money import days
from .common import annotate_deadlines
from .common import finance_page
from .common import form_page

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _programme(request: AuthedRequest, slug: str, perm: str = "finance.view_finance") -> Programme:
    programme = get_programme_for(request.user, slug)
    selectors.require(request.user, "finance.view_finance", programme)
    selectors.require(request.user, perm, programme)
    return programme


def _int(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() and len(raw) < 10 else None


def _overview_url(programme: Programme) -> str:
    return reverse("finance:overview", args=[programme.slug])


def _overview_filters(request: AuthedRequest) -> dict[str, Any]:
    grouping = request.GET.get("gruppe", "field")
    if grouping not in selectors.GROUPINGS:
        grouping = "field"
    year = _int(request.GET.get("jahr"))
    if year is not None and not 1990 <= year <= 2100:
        year = None
    kind = request.GET.get("art", "")
    if kind not in Kind.values:
        kind = ""
    return {
        "grouping": grouping,
        "year": year,
        "kind": kind,
        "field_id": _int(request.GET.get("themenfeld")),
        "org_unit_id": _int(request.GET.get("einheit")),
    }


@login_required
def overview(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug)
    result = selectors.programme_overview(programme, **_overview_filters(request))
    today = timezone.localdate()
    return finance_page(
        request,
        "finance/overview.html",
        programme,
        overview=result,
        groupings=_groupings(),
        kinds=Kind.choices,
        fields=programme.fields_of_action.all(),
        units=OrgUnit.objects.filter(budget_lines__programme=programme).distinct(),
        due=annotate_deadlines(selectors.deadlines_due(programme, today), today),
        can_manage=request.user.has_perm("finance.manage_finance", programme),
        query=request.GET.urlencode(),
    )


def _groupings() -> list[tuple[str, str]]:
    return [
        ("field", _("Themenfeld")),
        ("org_unit", _("Organisationseinheit")),
        ("year", _("Jahr")),
        ("kind", _("Art")),
        ("project", _("Projekt")),
    ]


def _overview_scope(request: AuthedRequest, slug: str) -> exporting.Scope:
    return exporting.Scope.of_programme(_programme(request, slug))


@exporting.export(
    "finance.overview_xlsx",
    gettext_lazy("Finanzübersicht (XLSX)"),
    _overview_scope,
    query=("gruppe", "jahr", "art", "themenfeld", "einheit"),
)
def overview_xlsx(
    request: AuthedRequest, progress: exporting.Progress, slug: str
) -> tuple[bytes, str]:
    """The overview as shown (same filters) with the programme's deadlines, as XLSX (built by
    the background worker)."""
    programme = _programme(request, slug)
    filters = _overview_filters(request)
    result = selectors.programme_overview(programme, **filters)
    today = timezone.localdate()
    chosen = [dict(_groupings())[filters["grouping"]]]
    if filters["year"]:
        chosen.append(str(filters["year"]))
    if filters["kind"]:
        chosen.append(str(Kind(filters["kind"]).label))
    deadlines = list(Deadline.objects.filter(programme=programme).order_by("due_date", "pk"))
    content = exports.overview_workbook(
        result,
        deadlines,
        title=_("Finanzübersicht – %(p)s") % {"p": programme.name},
        filters=_("gruppiert nach %(g)s") % {"g": ", ".join(chosen)},
        today=today,
    )
    return content, f"finanzen-{slug}.xlsx"


def _committee_context(request: AuthedRequest, slug: str, *, document: bool = False) -> dict:
    """The table of the chosen planning round; on the page of a large round one org unit at a
    time (`einheit`), in the documents the whole round unless a unit is asked for."""
    programme = _programme(request, slug)
    rounds = committee.plannings(programme)
    chosen = request.GET.get("planung")
    if chosen is None or (chosen not in rounds and chosen != "*"):
        chosen = rounds[0] if rounds else "*"
    planning = None if chosen == "*" else chosen
    units = committee.unit_pages(programme, planning)
    paged = sum(u.lines for u in units) > committee.PAGE_LINES
    unit_id = _int(request.GET.get("einheit"))
    if unit_id not in {u.org_unit_id for u in units}:
        unit_id = None
    if unit_id is None and paged and units and not document:
        unit_id = units[0].org_unit_id
    table = committee.committee_table(programme, planning, unit_id)
    return {
        "programme": programme,
        "table": table,
        "plannings": rounds,
        "planning": chosen,
        "units": units,
        "unit_id": unit_id,
        "paged": paged or unit_id is not None,
        "planning_label": _("alle Planungsrunden")
        if chosen == "*"
        else (chosen or _("ohne Planungsrunde")),
        "nav_section": "finance",
    }


@login_required
def committee_page(request: AuthedRequest, slug: str) -> HttpResponse:
    return render(request, "finance/committee.html", _committee_context(request, slug))


def committee_pdf_document(
    request: AuthedRequest, slug: str, progress: Progress | None = None
) -> tuple[bytes, str]:
    """The committee table as a PDF (built by the background worker, see ../jobs.py)."""
    from lotse.finance.committee_pdf import render_pdf

    context = _committee_context(request, slug, document=True)
    pdf = render_pdf(context, progress=progress)
    return pdf, f"haushalt-{slug}.pdf"


def committee_xlsx_document(request: AuthedRequest, slug: str) -> tuple[bytes, str]:
    """The committee table as a workbook (built by the background worker, see ../jobs.py)."""
    context = _committee_context(request, slug, document=True)
    content = exports.committee_workbook(context["table"], str(context["planning_label"]))
    return content, f"haushalt-{slug}.xlsx"


# The committee table's query parameters: the planning round and the org unit shown.
COMMITTEE_QUERY = ("planung", "einheit")


@exporting.export(
    "finance.committee_pdf",
    gettext_lazy("Ausschusstabelle Haushalt (PDF)"),
    _overview_scope,
    content_type=exporting.PDF,
    query=COMMITTEE_QUERY,
)
def committee_pdf(
    request: AuthedRequest, progress: exporting.Progress, slug: str
) -> tuple[bytes, str]:
    return committee_pdf_document(request, slug, progress)


@exporting.export(
    "finance.committee_xlsx",
    gettext_lazy("Ausschusstabelle Haushalt (XLSX)"),
    _overview_scope,
    query=COMMITTEE_QUERY,
)
def committee_xlsx(
    request: AuthedRequest, progress: exporting.Progress, slug: str
) -> tuple[bytes, str]:
    return committee_xlsx_document(request, slug)


@login_required
def fundings(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug)
    today = timezone.localdate()
    found = list(
        Funding.objects.filter(programme=programme)
        .select_related("project")
        .prefetch_related("phases", Prefetch("budget_lines"))
        .order_by("name")
    )
    deadlines = annotate_deadlines(
        list(
            Deadline.objects.filter(programme=programme)
            .select_related("funding", "project")
            .order_by("due_date", "pk")
        ),
        today,
    )
    timeline = charts.deadline_timeline(
        chart_id="fristen",
        title=_("Fristen im Zeitverlauf"),
        desc=_(
            "Alle Fristen des Programms mit Datum und Stand; die Liste darunter nennt sie mit "
            "ihren Folgen."
        ),
        items=[(d.due_date, d.title, d.state) for d in deadlines],  # type: ignore[attr-defined]
        today=today,
    )
    return finance_page(
        request,
        "finance/fundings.html",
        programme,
        fundings=found,
        deadlines=deadlines,
        timeline=timeline,
        contracts=selectors.contracts_with_pace(
            list(SupportContract.objects.filter(programme=programme).order_by("start", "pk")), today
        ),
        can_manage=request.user.has_perm("finance.manage_finance", programme),
    )


@login_required
def contract_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    contract = selectors.get_contract_for(request.user, pk)
    today = timezone.localdate()
    selectors.contracts_with_pace([contract], today)
    can_manage = request.user.has_perm("finance.manage_finance", contract)
    form = CallOffForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        selectors.require(request.user, "finance.manage_finance", contract)
        if form is not None and form_saved(
            request,
            form,
            lambda: services.call_off_create(
                contract=contract, user=request.user, **form.cleaned_data
            ),
        ):
            messages.success(request, _("Der Abruf wurde erfasst."))
            return redirect(contract.get_absolute_url())
    return finance_page(
        request,
        "finance/contract_detail.html",
        contract.programme,
        contract=contract,
        call_offs=contract.call_offs.order_by("month", "pk"),
        form=form,
        can_manage=can_manage,
    )


@login_required
@require_POST
def call_off_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    call_off = selectors.get_call_off_for(request.user, pk, "finance.manage_finance")
    contract = call_off.contract
    services.call_off_delete(call_off=call_off)
    messages.success(
        request,
        _("Der Abruf %(month)s (%(days)s Personentage) wurde gelöscht.")
        % {"month": call_off.month.strftime("%m/%Y"), "days": days(call_off.days)},
    )
    return redirect(contract.get_absolute_url())


# --- forms of the programme office -------------------------------------------------------------

# What a programme office form's service may refuse with: the form shows it.
SERVICE_ERRORS = (ValidationError, EditConflict)


# The form page of the programme office: _office_form(request, form, save, programme=,
# title=, success=, back=); once saved, back to `back` with `success`.
_office_form = partial(form_page, errors=SERVICE_ERRORS)


def _fundings_url(programme: Programme) -> str:
    return reverse("finance:fundings", args=[programme.slug])


def _office_create_view(
    form_class: Any, create: Callable[..., object], *, title: StrOrPromise, success: StrOrPromise
) -> Callable[..., HttpResponse]:
    """The create page of a funding, deadline or contract: `create(programme=, data=)`, then
    back to the fundings page."""

    @login_required
    def view(request: AuthedRequest, slug: str) -> HttpResponse:
        programme = _programme(request, slug, "finance.manage_finance")
        form = form_class(request.POST or None, programme=programme)
        return _office_form(
            request,
            form,
            lambda: create(programme=programme, data=form.changes()),
            programme=programme,
            title=str(title),
            success=str(success),
            back=_fundings_url(programme),
        )

    return view


def _office_edit_view(
    get: Callable[..., Any],
    form_class: Any,
    update: Callable[..., object],
    *,
    title: StrOrPromise,
    success: StrOrPromise,
) -> Callable[..., HttpResponse]:
    """The edit page of a funding or deadline (`get(user, pk, perm)`): `update(thing, data=,
    expected_version=)`, then back to the fundings page."""

    @login_required
    def view(request: AuthedRequest, pk: int) -> HttpResponse:
        thing = get(request.user, pk, "finance.manage_finance")
        form = form_class(request.POST or None, instance=thing, programme=thing.programme)
        return _office_form(
            request,
            form,
            lambda: update(
                thing, data=form.changes(), expected_version=form.cleaned_data.get("version")
            ),
            programme=thing.programme,
            title=str(title),
            success=str(success),
            back=_fundings_url(thing.programme),
        )

    return view


funding_create = _office_create_view(
    FundingForm,
    services.funding_create,
    title=gettext_lazy("Förderung anlegen"),
    success=gettext_lazy("Die Förderung wurde angelegt."),
)
funding_edit = _office_edit_view(
    selectors.get_funding_for,
    FundingForm,
    lambda funding, **change: services.funding_update(funding=funding, **change),
    title=gettext_lazy("Förderung bearbeiten"),
    success=gettext_lazy("Die Förderung wurde gespeichert."),
)
deadline_create = _office_create_view(
    DeadlineForm,
    services.deadline_create,
    title=gettext_lazy("Frist anlegen"),
    success=gettext_lazy("Die Frist wurde angelegt."),
)
deadline_edit = _office_edit_view(
    selectors.get_deadline_for,
    DeadlineForm,
    lambda deadline, **change: services.deadline_update(deadline=deadline, **change),
    title=gettext_lazy("Frist bearbeiten"),
    success=gettext_lazy("Die Frist wurde gespeichert."),
)
contract_create = _office_create_view(
    ContractForm,
    services.support_contract_create,
    title=gettext_lazy("Rahmenvertrag anlegen"),
    success=gettext_lazy("Der Rahmenvertrag wurde angelegt."),
)


@login_required
def programme_line_create(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug, "finance.manage_finance")
    form = BudgetLineForm(request.POST or None, programme=programme, may_plan=True)
    return _office_form(
        request,
        form,
        lambda: services.budget_line_create(programme=programme, data=form.changes()),
        programme=programme,
        title=_("Haushaltsansatz anlegen"),
        success=_("Der Haushaltsansatz wurde angelegt."),
        back=_overview_url(programme),
    )


@login_required
def phase_create(request: AuthedRequest, pk: int) -> HttpResponse:
    funding = selectors.get_funding_for(request.user, pk, "finance.manage_finance")
    form = PhaseForm(request.POST or None, instance=FundingPhase(funding=funding))
    fields = ["name", "start", "end", "staff_material", "investment", "note", "position"]
    return _office_form(
        request,
        form,
        lambda: services.funding_phase_create(
            funding=funding, data={f: form.cleaned_data[f] for f in fields}
        ),
        programme=funding.programme,
        title=_("Förderphase für %(f)s anlegen") % {"f": funding},
        success=_("Die Förderphase wurde angelegt."),
        back=_fundings_url(funding.programme),
    )


@login_required
def settings_edit(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug, "finance.manage_finance")
    current = selectors.settings_for(programme)
    may_publish = request.user.has_perm("finance.publish_totals", programme)
    form = SettingsForm(request.POST or None, instance=current, may_publish=may_publish)
    return _office_form(
        request,
        form,
        lambda: services.finance_settings_update(
            programme=programme,
            data=form.changes(),
            expected_version=form.cleaned_data.get("version") if current.pk else None,
            may_publish=may_publish,
        ),
        programme=programme,
        title=_("Finanzeinstellungen"),
        success=_("Die Finanzeinstellungen wurden gespeichert."),
        back=_overview_url(programme),
    )
