"""A project's finance tab, its plan lines and the entry of actuals."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.forms import add_service_errors
from lotse.forms import form_saved
from lotse.forms import run_and_report
from lotse.http import AuthedRequest
from lotse.http import project_section_page
from lotse.portfolio.selectors import get_project_for
from lotse.portfolio.services import EditConflict

from .. import charts
from .. import selectors
from .. import services
from ..forms import ActualForm
from ..forms import BudgetLineForm
from ..models import Actual
from ..models import BudgetLine
from ..money import euro
from .common import annotate_deadlines
from .common import form_page


def _year(request: AuthedRequest) -> int | None:
    raw = request.GET.get("jahr", "")
    return int(raw) if raw.isdigit() and 1990 <= int(raw) <= 2100 else None


@login_required
def project_finance(request: AuthedRequest, pk: int) -> HttpResponse:
    project = get_project_for(request.user, pk, "finance.view_finance")
    today = timezone.localdate()
    finance = selectors.project_finance(project, today, _year(request))
    selectors.contracts_with_pace(finance.contracts, today)
    annotate_deadlines(finance.deadlines, today)
    years = sorted({r.year for r in finance.rows} | {today.year})
    chart = charts.burn_chart(
        chart_id="burn",
        title=_("Mittelabfluss %(year)s: Plan und Ist") % {"year": finance.year},
        desc=_(
            "Kumuliertes Ist gegen den anteiligen Plan je Monat; die Zahlen stehen in der "
            "Tabelle darunter."
        ),
        series=finance.burn,
    )
    warning = None
    if finance.lines:
        spans = [(line.year_from, line.year_to) for line in finance.lines]
        warning = services.term_warning(
            project.programme, min(a for a, _b in spans), max(b for _a, b in spans)
        )
    for line in finance.lines:
        line.can_edit = request.user.has_perm("finance.change_plan", line)  # type: ignore[attr-defined]
        line.figures = finance.line_figures[line.pk]  # type: ignore[attr-defined]
    return project_section_page(
        request,
        "finance/project_finance.html",
        project,
        finance=finance,
        years=years,
        chart=chart,
        term_warning=warning,
        can_plan=request.user.has_perm("finance.change_plan", project),
        can_enter=request.user.has_perm("finance.enter_actuals", project),
        can_manage=request.user.has_perm("finance.manage_finance", project),
    )


def _tab(project_id: int) -> str:
    return reverse("finance:project", kwargs={"pk": project_id})


def _back(line: BudgetLine) -> str:
    """Where a plan line's pages lead back to: its project's finance tab, else the overview."""
    if line.project_id:
        return _tab(line.project_id)
    return reverse("finance:overview", args=[line.programme.slug])


def _section(line: BudgetLine) -> str:
    """The navigation tab of a plan line's pages: a project's line belongs to the project's
    finance tab (Projekte), a programme's line to the finance overview."""
    return "projects" if line.project_id else "finance"


def _warn_term(request: AuthedRequest, line: BudgetLine) -> None:
    """Say so when the line reaches beyond the programme's term."""
    warning = services.term_warning(line.programme, line.year_from, line.year_to)
    if warning:
        messages.warning(request, warning)


@login_required
def line_create(request: AuthedRequest, pk: int) -> HttpResponse:
    project = get_project_for(request.user, pk, "finance.change_plan")
    by_office = request.user.has_perm("finance.manage_finance", project)
    form = BudgetLineForm(request.POST or None, programme=project.programme, may_plan=by_office)
    if request.method == "POST" and form.is_valid():
        data = form.changes() | {"project": project}
        try:
            line = services.budget_line_create(
                programme=project.programme, data=data, by_office=by_office
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Der Haushaltsansatz wurde angelegt."))
            _warn_term(request, line)
            return redirect(_tab(project.pk))
    return form_page(
        request,
        form,
        title=_("Haushaltsansatz für %(p)s anlegen") % {"p": project.title},
        programme=project.programme,
        back=_tab(project.pk),
        nav_section="projects",
    )


@login_required
def line_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    line = selectors.get_line_for(request.user, pk, "finance.change_plan")
    by_office = request.user.has_perm("finance.manage_finance", line.programme)
    back = _back(line)
    form = BudgetLineForm(
        request.POST or None, instance=line, programme=line.programme, may_plan=by_office
    )
    save = form.save_by(services.budget_line_update, line=line, by_office=by_office)
    if form_saved(request, form, save, (ValidationError, EditConflict)):
        messages.success(request, _("Der Haushaltsansatz wurde gespeichert."))
        _warn_term(request, line)
        return redirect(back)
    return form_page(
        request,
        form,
        title=_("Haushaltsansatz bearbeiten"),
        programme=line.programme,
        back=back,
        nav_section=_section(line),
    )


@login_required
@require_POST
def line_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    line = selectors.get_line_for(request.user, pk, "finance.change_plan")
    back = _back(line)
    run_and_report(
        request,
        lambda: services.budget_line_delete(line=line),
        _("Der Haushaltsansatz wurde gelöscht."),
    )
    return redirect(back)


@login_required
def actual_enter(request: AuthedRequest, pk: int) -> HttpResponse:
    line = selectors.get_line_for(request.user, pk, "finance.enter_actuals")
    back = _back(line)
    form = ActualForm(request.POST or None)

    def save() -> None:
        data = form.cleaned_data
        committed = data["committed"] or Decimal("0")
        services.actual_set(line=line, user=request.user, **data | {"committed": committed})

    if form_saved(request, form, save):
        data = form.cleaned_data
        messages.success(
            request,
            _("Ist %(actual)s für %(month)s gespeichert.")
            % {"actual": euro(data["actual"]), "month": data["month"].strftime("%m/%Y")},
        )
        return redirect(back)
    rows = Actual.objects.filter(budget_line=line).order_by("-month")[:24]
    return form_page(
        request,
        form,
        title=_("Ist und Obligo erfassen: %(line)s") % {"line": line},
        programme=line.programme,
        back=back,
        actual_rows=rows,
        nav_section=_section(line),
    )
