"""Planning endpoints of the REST API: phases and gates, work packages with steps, estimates
and actual effort, availability, allocations and the capacity heat map. Same selectors,
services and rules as the UI; `lotse.api.urls` maps PermissionDenied → 403, Http404 → 404,
ValidationError → 422, EditConflict → 409.
"""

from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query
from ninja import Status

from lotse.api_helpers import ApiRouter
from lotse.api_helpers import resolve_id
from lotse.api_helpers import resolve_ids
from lotse.api_helpers import sent_changes
from lotse.governance.models import Decision
from lotse.http import AuthedRequest
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Project

from . import schemas as s
from . import selectors
from . import services
from .models import Allocation
from .models import Availability
from .models import Phase

router = ApiRouter(tags=["Planung"], module=__name__)


def _org_unit(pk: int | None, field: str = "org_unit") -> OrgUnit | None:
    unknown = _("Eine Organisationseinheit mit der Id %(id)s gibt es nicht.")
    return resolve_id(OrgUnit.objects.all(), pk, field, unknown)


def _work_package_rows(project: Project) -> list[dict[str, Any]]:
    plan = selectors.project_plan(project)
    out = []
    for phase in plan.phases:
        for row in phase.work_packages:
            wp = row.work_package
            out.append(
                {
                    "id": wp.pk,
                    "project": wp.project_id,
                    "phase": wp.phase_id,
                    "order": wp.order,
                    "code": wp.code,
                    "title": wp.title,
                    "description": wp.description,
                    "owner": wp.owner_id,
                    "owner_text": wp.owner_text,
                    "org_unit": wp.org_unit_id,
                    "planned_start": wp.planned_start,
                    "planned_end": wp.planned_end,
                    "status": wp.status,
                    "status_label": wp.get_status_display(),
                    "version": wp.version,
                    "steps": row.steps,
                    "estimates": row.estimates,
                    "hours": row.hours,
                    "actual_hours": row.actual_hours,
                    "progress": row.progress,
                }
            )
    return out


# --- phases and gates ----------------------------------------------------------------------


router.add_list(
    "/projects/{project_id}/phases",
    s.PhaseOut,
    selectors.get_project_for,
    lambda project: list(
        Phase.objects.filter(project=project).select_related("gate").order_by("order")
    ),
    "phases",
)


@router.create("/projects/{project_id}/phases", s.PhaseOut, "plan_phase_create")
def phase_create(request: AuthedRequest, project_id: int, payload: s.PhaseIn) -> Any:
    project = selectors.get_project_for(request.user, project_id, "planning.change_plan")
    phase = services.phase_save(project=project, data=sent_changes(payload))
    return Status(201, Phase.objects.select_related("gate").get(pk=phase.pk))


@router.write("PATCH", "/phases/{phase_id}", s.PhaseOut, "plan_phase_update")
def phase_update(request: AuthedRequest, phase_id: int, payload: s.PhaseIn) -> Any:
    phase = selectors.get_phase_for(request.user, phase_id, "planning.change_plan")
    services.phase_save(
        project=phase.project,
        phase=phase,
        data=sent_changes(payload),
        expected_version=payload.version,
    )
    return Phase.objects.select_related("gate").get(pk=phase.pk)


@router.write("POST", "/phases/{phase_id}/start", s.PhaseOut, "phase_start")
def phase_start(request: AuthedRequest, phase_id: int) -> Any:
    phase = selectors.get_phase_for(request.user, phase_id, "planning.change_plan")
    services.phase_start(phase=phase)
    return Phase.objects.select_related("gate").get(pk=phase.pk)


@router.write("POST", "/phases/{phase_id}/gate", s.GateOut, "gate_pass")
def gate_pass(request: AuthedRequest, phase_id: int, payload: s.GatePassIn) -> Any:
    """Pass the phase's gate with a `pass_gate` decision on the project, or without one as
    the PMO where the programme allows it."""
    gate = selectors.get_gate_for(request.user, phase_id, "planning.change_plan")
    decisions = Decision.objects.filter(project_id=gate.phase.project_id)
    unknown = _("Diesen Beschluss gibt es zu diesem Projekt nicht.")
    decision = resolve_id(decisions, payload.decision, "decision", unknown)
    return services.gate_pass(gate=gate, user=request.user, decision=decision, note=payload.note)


# --- work packages --------------------------------------------------------------------------


router.add_list(
    "/projects/{project_id}/work-packages",
    s.WorkPackageOut,
    selectors.get_project_for,
    _work_package_rows,
    "work_packages",
)


def _wp_data(payload: s.WorkPackageIn, project: Project) -> dict[str, Any]:
    data = sent_changes(payload)
    phases = Phase.objects.filter(project=project)
    resolve_ids(data, {"phase": (phases, _("Diese Phase gibt es in diesem Projekt nicht."))})
    if "org_unit" in data:
        data["org_unit"] = _org_unit(data["org_unit"])
    return data


def _one(project: Project, pk: int) -> dict[str, Any]:
    return next(r for r in _work_package_rows(project) if r["id"] == pk)


@router.create("/projects/{project_id}/work-packages", s.WorkPackageOut, "work_package_create")
def work_package_create(request: AuthedRequest, project_id: int, payload: s.WorkPackageIn) -> Any:
    project = selectors.get_project_for(request.user, project_id, "planning.change_plan")
    wp = services.work_package_save(project=project, data=_wp_data(payload, project))
    return Status(201, _one(project, wp.pk))


@router.write("PATCH", "/work-packages/{wp_id}", s.WorkPackageOut, "work_package_update")
def work_package_update(request: AuthedRequest, wp_id: int, payload: s.WorkPackageIn) -> Any:
    wp = selectors.get_work_package_for(request.user, wp_id, "planning.change_plan")
    services.work_package_save(
        project=wp.project,
        work_package=wp,
        data=_wp_data(payload, wp.project),
        expected_version=payload.version,
    )
    return _one(wp.project, wp.pk)


router.add_delete(
    "/work-packages/{wp_id}",
    selectors.get_work_package_for,
    services.work_package_delete,
    "work_package_delete",
    perm="planning.change_plan",
)


@router.create("/work-packages/{wp_id}/steps", s.StepOut, "step_add")
def step_add(request: AuthedRequest, wp_id: int, payload: s.StepIn) -> Any:
    wp = selectors.get_work_package_for(request.user, wp_id, "planning.change_plan")
    return Status(201, services.step_add(work_package=wp, title=payload.title))


@router.create("/work-packages/{wp_id}/estimates", s.EstimateOut, "estimate_add")
def estimate_add(request: AuthedRequest, wp_id: int, payload: s.EstimateIn) -> Any:
    wp = selectors.get_work_package_for(request.user, wp_id, "planning.change_plan")
    estimate = services.estimate_add(
        work_package=wp,
        hours=payload.hours,
        label=payload.label,
        org_unit=_org_unit(payload.org_unit),
    )
    return Status(201, estimate)


router.add_delete(
    "/estimates/{estimate_id}",
    selectors.get_estimate_for,
    services.estimate_delete,
    "estimate_delete",
    perm="planning.change_plan",
)


@router.write("PUT", "/work-packages/{wp_id}/actual-effort", s.ActualEffortOut, "actual_effort_set")
def actual_effort_set(request: AuthedRequest, wp_id: int, payload: s.ActualEffortIn) -> Any:
    wp = selectors.get_work_package_for(request.user, wp_id, "planning.change_plan")
    return services.actual_effort_set(work_package=wp, month=payload.month, hours=payload.hours)


# --- capacity --------------------------------------------------------------------------------


def _capacity_data(payload: s.AvailabilityIn | s.AllocationIn) -> dict[str, Any]:
    """The sent fields of an availability or allocation, its org unit as the object."""
    data = sent_changes(payload)
    data["org_unit"] = _org_unit(payload.org_unit)
    return data


router.add_list(
    "/programmes/{slug}/availability",
    s.AvailabilityOut,
    selectors.get_programme_for,
    lambda programme: list(
        Availability.objects.filter(programme=programme).order_by("org_unit", "month")
    ),
    "availability",
)


@router.create("/programmes/{slug}/availability", s.AvailabilityOut, "availability_create")
def availability_create(request: AuthedRequest, slug: str, payload: s.AvailabilityIn) -> Any:
    programme = selectors.get_programme_for(request.user, slug, "planning.manage_capacity")
    data = _capacity_data(payload)
    data.setdefault("unit", payload.unit)
    data.setdefault("line_work_percent", payload.line_work_percent)
    return Status(201, services.availability_save(programme=programme, data=data))


router.add_delete(
    "/availability/{pk}",
    selectors.get_availability_for,
    services.availability_delete,
    "availability_delete",
    perm="planning.manage_capacity",
)


router.add_list(
    "/projects/{project_id}/allocations",
    s.AllocationOut,
    selectors.get_project_for,
    lambda project: list(Allocation.objects.filter(project=project).order_by("month", "pk")),
    "allocations",
)


@router.create("/projects/{project_id}/allocations", s.AllocationOut, "allocation_create")
def allocation_create(request: AuthedRequest, project_id: int, payload: s.AllocationIn) -> Any:
    project = selectors.get_project_for(request.user, project_id, "planning.manage_capacity")
    data = _capacity_data(payload)
    return Status(201, services.allocation_save(project=project, data=data))


router.add_delete(
    "/allocations/{pk}",
    selectors.get_allocation_for,
    services.allocation_delete,
    "allocation_delete",
    perm="planning.manage_capacity",
)


@router.read("/programmes/{slug}/capacity", s.HeatMapOut, "capacity")
def capacity(
    request: AuthedRequest,
    slug: str,
    start: date | None = Query(  # noqa: B008 (ninja's parameter declaration)
        None, description="Erster Monat (JJJJ-MM-TT); Vorgabe: heute."
    ),
    months: int = Query(12, description="Anzahl Monate, 1 bis 36."),
) -> Any:
    """The heat map: demand against availability per org unit and month, in person-days."""
    programme = selectors.get_programme_for(request.user, slug)
    data = selectors.heat_map(programme, start or timezone.localdate(), max(1, min(months, 36)))
    return {
        "months": data.months,
        "rows": [
            {
                "org_unit": r.org_unit.pk if r.org_unit else None,
                "name": r.name,
                "cells": [s.cell_out(c) for c in r.cells],
            }
            for r in data.rows
        ],
        "overloads": [
            {
                "org_unit": o.row.org_unit.pk if o.row.org_unit else None,
                "month": o.cell.month,
                "percent": o.cell.percent,
                "level": o.cell.level,
                "causes": [
                    {"project": c.project_id, "title": c.title, "person_days": c.days}
                    for c in o.causes
                ],
                "cause_count": o.cause_count,
            }
            for o in data.overloads
        ],
        "unscheduled_hours": data.unscheduled_hours,
    }
