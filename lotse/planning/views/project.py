"""The project's plan: phases with their gates, work packages, who carries it when."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING
from typing import Any

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.http import Http404
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lotse import drafts
from lotse import exporting
from lotse.documents.xlsx import build_workbook
from lotse.finance.importing import read_file
from lotse.forms import VersionedModelForm
from lotse.forms import add_service_errors
from lotse.governance.models import Decision
from lotse.governance.models import Meeting
from lotse.http import AuthedRequest
from lotse.http import User
from lotse.http import get_or_404
from lotse.http import section_page
from lotse.jobs.views import start_job
from lotse.portfolio.models import Project
from lotse.portfolio.services import EditConflict

from .. import exports
from .. import selectors
from .. import services
from ..forms import ActualEffortForm
from ..forms import AllocationForm
from ..forms import CardForm
from ..forms import EstimateForm
from ..forms import ImportForm
from ..forms import PhaseForm
from ..forms import StepForm
from ..forms import WorkPackageForm
from ..models import Allocation
from ..models import Estimate
from ..models import Gate
from ..models import Phase
from ..models import PhaseModel
from ..models import Step
from ..models import WorkPackage
from .common import form_page

# A project's planning pages sit in the projects section (as its finance tab).
project_page = partial(section_page, section="projects")


def _refusal(request: AuthedRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@login_required
def project_plan(request: AuthedRequest, pk: int) -> HttpResponse:
    project = selectors.get_project_for(request.user, pk)
    plan = selectors.project_plan(project)
    can_change = request.user.has_perm("planning.change_plan", project)
    can_manage = request.user.has_perm("planning.manage_capacity", project)
    phase_model = PhaseModel.objects.filter(programme_id=project.programme_id).first()
    return project_page(
        request,
        "planning/project_plan.html",
        project.programme,
        project=project,
        plan=plan,
        carriers=selectors.project_carriers(project),
        allocations=Allocation.objects.filter(project=project).select_related("org_unit"),
        can_change=can_change,
        can_manage=can_manage,
        pmo_may_pass=bool(phase_model and phase_model.pmo_may_pass_gates)
        and request.user.has_perm("planning.pass_gate", project),
        meetings=selectors.meetings_for_gate(project) if can_change else [],
        gate_decisions=selectors.gate_decisions(project) if can_change else [],
        kept_gate=_kept_gate(request, plan) if can_change else None,
        allocation_form=drafts.form(request, project, "allocation", AllocationForm)
        if can_manage
        else None,
    )


# The typed text of a gate's forms: the decision's wording (passed by recording it in a
# meeting) or the PMO's note, by how the gate is passed.
GATE_TEXT = {"meeting": "wording", "pmo": "note"}


@dataclass(frozen=True)
class KeptGate:
    """A refused gate pass whose typed text stands in its field again (lotse.drafts)."""

    phase: int
    how: str  # "meeting" or "pmo"
    text: str
    errors: list[str]


def _kept_gate(request: AuthedRequest, plan: selectors.ProjectPlan) -> KeptGate | None:
    for phase in (row.phase for row in plan.phases if row.phase is not None):
        for how, field in GATE_TEXT.items():
            kept = drafts.take_values(request, phase, f"gate-{how}")
            if kept is not None:
                text = kept.data.get(field, [""])[0]
                return KeptGate(phase.pk, how, text, kept.errors.get(field, []))
    return None


@login_required
@require_POST
def phases_from_model(request: AuthedRequest, pk: int) -> HttpResponse:
    project = selectors.get_project_for(request.user, pk, "planning.change_plan")
    try:
        services.phases_create_from_model(project=project)
        messages.success(request, _("Die Phasen des Phasenmodells sind angelegt."))
    except ValidationError as exc:
        _refusal(request, exc)
    return redirect("planning:project_plan", pk=project.pk)


def project_plan_url(pk: int) -> str:
    return reverse("planning:project_plan", kwargs={"pk": pk})


@login_required
@require_POST
def phase_start(request: AuthedRequest, pk: int) -> HttpResponse:
    phase = selectors.get_phase_for(request.user, pk, "planning.change_plan")
    try:
        services.phase_start(phase=phase)
        messages.success(request, _("Die Phase „%(p)s“ hat begonnen.") % {"p": phase.name})
    except ValidationError as exc:
        _refusal(request, exc)
    return redirect("planning:project_plan", pk=phase.project_id)


@login_required
@require_POST
def gate_pass(request: AuthedRequest, pk: int) -> HttpResponse:
    """Pass a gate: with a recorded decision, by recording one in a meeting, or by the PMO."""
    phase = selectors.get_phase_for(request.user, pk, "planning.change_plan")
    gate = Gate.objects.select_related("phase__project").filter(phase=phase).first()
    if gate is None:
        raise Http404
    how = request.POST.get("how", "")
    try:
        if how == "decision":
            decision = Decision.objects.filter(
                pk=_int(request.POST.get("decision")), project_id=phase.project_id
            ).first()
            if decision is None:
                raise ValidationError(_("Bitte wählen Sie einen Beschluss."))
            services.gate_pass(gate=gate, user=request.user, decision=decision)
        elif how == "meeting":
            meeting = Meeting.objects.filter(
                pk=_int(request.POST.get("meeting")),
                series__programme_id=phase.project.programme_id,
            ).first()
            if meeting is None:
                raise ValidationError(_("Bitte wählen Sie die Sitzung."))
            services.gate_pass_by_decision(
                gate=gate,
                meeting=meeting,
                wording=request.POST.get("wording", ""),
                user=request.user,
            )
        else:
            services.gate_pass(gate=gate, user=request.user, note=request.POST.get("note", ""))
        messages.success(request, _("Das Phasentor „%(g)s“ ist freigegeben.") % {"g": gate.name})
    except ValidationError as exc:
        _refusal(request, exc)
        if how in GATE_TEXT:  # the typed text stands in its field again, the reason beside it
            field = GATE_TEXT[how]
            kept = drafts.Kept({field: [request.POST.get(field, "")]}, {field: exc.messages})
            drafts.keep_values(request, phase, f"gate-{how}", kept)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("Dafür fehlt Ihnen die Berechtigung."))
    return redirect("planning:project_plan", pk=phase.project_id)


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


# ---------------------------------------------------------------------------------------------
# Phases and work packages: created and edited by one table-driven view (`plan_item_form`) and
# one template (`planning/form.html`), as reporting's milestones, risks and decision requests.


@dataclass(frozen=True)
class PlanItemKind:
    form: Callable[..., VersionedModelForm]  # (data, instance, project)
    get: Callable[[User, int, str], Phase | WorkPackage]  # the permission-checking getter
    save: Callable[..., Phase | WorkPackage]  # (project, item or None, data, expected version)
    create_title: StrOrPromise
    edit_title: StrOrPromise
    saved: StrOrPromise
    done: Callable[[Phase | WorkPackage], str]  # where to go once saved


PLAN_ITEM_KINDS = {
    "phase": PlanItemKind(
        form=lambda data, instance, project: PhaseForm(data, instance=instance),
        get=selectors.get_phase_for,
        save=lambda project, item, data, version: services.phase_save(
            project=project, phase=item, data=data, expected_version=version
        ),
        create_title=gettext_lazy("Phase anlegen"),
        edit_title=gettext_lazy("Phase bearbeiten"),
        saved=gettext_lazy("Die Phase ist gespeichert."),
        done=lambda item: project_plan_url(item.project_id),
    ),
    "work_package": PlanItemKind(
        form=lambda data, instance, project: WorkPackageForm(
            data, instance=instance, project=project
        ),
        get=selectors.get_work_package_for,
        save=lambda project, item, data, version: services.work_package_save(
            project=project, work_package=item, data=data, expected_version=version
        ),
        create_title=gettext_lazy("Arbeitspaket anlegen"),
        edit_title=gettext_lazy("Arbeitspaket bearbeiten"),
        saved=gettext_lazy("Das Arbeitspaket ist gespeichert."),
        done=lambda item: reverse("planning:work_package", kwargs={"pk": item.pk}),
    ),
}


@login_required
def plan_item_form(
    request: AuthedRequest, pk: int, kind: str, item_pk: int | None = None
) -> HttpResponse:
    """Create (no `item_pk`) or edit a phase or work package of the project `pk`; on valid
    input the kind's service saves it (refused if someone saved it meanwhile)."""
    spec = PLAN_ITEM_KINDS[kind]
    project = selectors.get_project_for(request.user, pk, "planning.change_plan")
    item = None
    if item_pk is not None:
        item = spec.get(request.user, item_pk, "planning.change_plan")
        if item.project_id != project.pk:
            raise Http404
    form = spec.form(request.POST or None, item, project)
    if request.method == "POST" and form.is_valid():
        try:
            saved = spec.save(project, item, form.changes(), form.cleaned_data.get("version"))
        except (ValidationError, EditConflict) as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, spec.saved)
            return redirect(spec.done(saved))
    return form_page(
        request,
        form,
        title=spec.edit_title if item else spec.create_title,
        project=project,
        back=project_plan_url(project.pk),
        programme=project.programme,
        nav_section="projects",
    )


@login_required
def work_package_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    work_package = selectors.get_work_package_for(request.user, pk)
    project = work_package.project
    plan = selectors.project_plan(project)
    row = next(r for phase in plan.phases for r in phase.work_packages if r.work_package.pk == pk)
    can_change = request.user.has_perm("planning.change_plan", work_package)
    return project_page(
        request,
        "planning/work_package.html",
        project.programme,
        work_package=work_package,
        row=row,
        project=project,
        actuals=work_package.actual_efforts.order_by("month"),
        can_change=can_change,
        step_form=drafts.form(request, work_package, "step", StepForm),
        estimate_form=drafts.form(request, work_package, "estimate", EstimateForm),
        actual_form=drafts.form(
            request, work_package, "actual", ActualEffortForm, auto_id="id_actual_%s"
        ),
        card_form=drafts.form(request, work_package, "card", CardForm, auto_id="id_card_%s"),
    )


@login_required
@require_POST
def work_package_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    work_package = selectors.get_work_package_for(request.user, pk, "planning.change_plan")
    project_id = work_package.project_id
    services.work_package_delete(work_package=work_package)
    messages.success(request, _("Das Arbeitspaket ist gelöscht."))
    return redirect("planning:project_plan", pk=project_id)


def _posted_form(
    name: str,
    form_class: type[forms.BaseForm],
    action: Callable[[AuthedRequest, Any, Any], object],
    done: StrOrPromise,
    *,
    get: Callable[[User, int], Project | WorkPackage],
    back: Callable[[Any], str],
) -> Callable[[AuthedRequest, int], HttpResponse]:
    """The view of the small form `name` posted from a page of the plan: `get` (user, pk)
    checks the right, the valid form goes to `action` (request, the object, the form), and
    back to the object's page (`back`) with `done` or the refusal as a message, the refused
    input kept for the form there (`lotse.drafts`)."""

    @login_required
    @require_POST
    def view(request: AuthedRequest, pk: int) -> HttpResponse:
        page = get(request.user, pk)
        form = form_class(request.POST)
        drafts.run_posted(
            request, form, lambda: action(request, page, form), done, page=page, name=name
        )
        return redirect(back(page))

    return view


# The small forms on the work package page.
_work_package_form = partial(
    _posted_form,
    get=lambda user, pk: selectors.get_work_package_for(user, pk, "planning.change_plan"),
    back=lambda work_package: reverse("planning:work_package", kwargs={"pk": work_package.pk}),
)


step_add = _work_package_form(
    "step",
    StepForm,
    lambda request, wp, form: services.step_add(work_package=wp, title=form.cleaned_data["title"]),
    gettext_lazy("Der Schritt ist hinzugefügt."),
)

estimate_add = _work_package_form(
    "estimate",
    EstimateForm,
    lambda request, wp, form: services.estimate_add(work_package=wp, **form.cleaned_data),
    gettext_lazy("Die Schätzung ist erfasst."),
)

actual_effort_add = _work_package_form(
    "actual",
    ActualEffortForm,
    lambda request, wp, form: services.actual_effort_set(work_package=wp, **form.cleaned_data),
    gettext_lazy("Der Ist-Aufwand ist erfasst."),
)

card_create = _work_package_form(
    "card",
    CardForm,
    lambda request, wp, form: services.work_package_create_card(
        work_package=wp, user=request.user, title=form.cleaned_data["title"]
    ),
    gettext_lazy("Die Karte ist auf dem Board des Projekts angelegt."),
)


@login_required
@require_POST
def step_toggle(request: AuthedRequest, pk: int) -> HttpResponse:
    step = get_or_404(Step.objects.select_related("work_package__project"), pk=pk)
    selectors.get_work_package_for(request.user, step.work_package_id, "planning.change_plan")
    services.step_set_done(step=step, done=request.POST.get("done") == "1")
    return redirect("planning:work_package", pk=step.work_package_id)


@login_required
@require_POST
def estimate_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    estimate = get_or_404(Estimate.objects.all(), pk=pk)
    selectors.get_work_package_for(request.user, estimate.work_package_id, "planning.change_plan")
    services.estimate_delete(estimate=estimate)
    messages.success(request, _("Die Schätzung ist entfernt."))
    return redirect("planning:work_package", pk=estimate.work_package_id)


# A file with more rows is checked and written by the background worker (../jobs.py).
IMPORT_JOB_ROWS = 500


def _queue_effort_import(
    request: AuthedRequest, project: Project, name: str, header: list, rows: list
) -> HttpResponse:
    return start_job(
        request,
        kind="planning.actual_effort_import",
        title=_("Import des Ist-Aufwands aus „%(file)s“ – %(project)s")
        % {"file": name, "project": project.title},
        params={"project": project.pk, "header": header, "rows": rows},
        programme=project.programme,
    )


@login_required
def actual_effort_import(request: AuthedRequest, pk: int) -> HttpResponse:
    project = selectors.get_project_for(request.user, pk, "planning.change_plan")
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            header, rows = read_file(upload.name, upload.read())
            if len(rows) > IMPORT_JOB_ROWS:
                return _queue_effort_import(request, project, upload.name, header, rows)
            count = services.actual_effort_import(project=project, header=header, rows=rows)
            messages.success(
                request, _("%(n)s Monatswerte des Ist-Aufwands sind übernommen.") % {"n": count}
            )
            return redirect("planning:project_plan", pk=project.pk)
        except ValidationError as exc:
            problems = exc.messages
    return project_page(
        request,
        "planning/import.html",
        project.programme,
        form=form,
        project=project,
        problems=problems,
    )


def _work_packages_scope(request: AuthedRequest, pk: int) -> exporting.Scope:
    project = selectors.get_project_for(request.user, pk)
    return exporting.Scope(project.programme, project.title)


@exporting.export(
    "planning.work_packages_xlsx",
    gettext_lazy("Arbeitspakete (XLSX)"),
    _work_packages_scope,
    query=(),
)
def work_packages_xlsx(
    request: AuthedRequest, progress: exporting.Progress, pk: int
) -> tuple[bytes, str]:
    """The project's work packages (built by the background worker)."""
    project = selectors.get_project_for(request.user, pk)
    plan = selectors.project_plan(project)
    content = build_workbook(
        str(_("Arbeitspakete")), exports.work_package_headers(), exports.work_package_rows(plan)
    )
    return content, f"arbeitspakete-{project.pk}.xlsx"


allocation_add = _posted_form(
    "allocation",
    AllocationForm,
    lambda request, project, form: services.allocation_save(project=project, data=form.changes()),
    gettext_lazy("Die Zuordnung ist erfasst."),
    get=lambda user, pk: selectors.get_project_for(user, pk, "planning.manage_capacity"),
    back=lambda project: project_plan_url(project.pk),
)


@login_required
@require_POST
def allocation_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    allocation = get_or_404(Allocation.objects.select_related("project"), pk=pk)
    selectors.get_project_for(request.user, allocation.project_id, "planning.manage_capacity")
    services.allocation_delete(allocation=allocation)
    messages.success(request, _("Die Zuordnung ist entfernt."))
    return redirect("planning:project_plan", pk=allocation.project_id)
