"""Finance endpoints of the REST API: budget lines, actuals, funding with phases, deadlines,
support contracts with call-offs, the programme overview. Same selectors, services and rules
as the UI; `lotse.api.urls` maps PermissionDenied → 403, Http404 → 404, ValidationError → 422,
EditConflict → 409.
"""

from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query
from ninja import Status

from lotse.api_helpers import READ
from lotse.api_helpers import WRITE
from lotse.api_helpers import ApiRouter
from lotse.api_helpers import require
from lotse.api_helpers import resolve_ids
from lotse.api_helpers import sent_changes
from lotse.api_helpers import unknown_id
from lotse.http import AuthedRequest
from lotse.portfolio.api import programme_for
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project

from . import schemas as s
from . import selectors
from . import services
from .models import Actual
from .models import BudgetLine
from .models import CallOff
from .models import Deadline
from .models import Funding
from .models import FundingPhase
from .models import SupportContract

router = ApiRouter(tags=["Finanzen"], module=__name__)


def _programme(request: AuthedRequest, slug: str, perm: str = "finance.view_finance") -> Programme:
    return programme_for(request, slug, "finance.view_finance", perm)


def _resolved(data: dict[str, Any], programme: Programme) -> dict[str, Any]:
    """`data` with its ids turned into objects of this programme; an unknown id is a field
    error."""
    lookups = {
        "project": (Project.objects.filter(programme=programme), _("Ein Projekt")),
        "org_unit": (OrgUnit.objects.all(), _("Eine Organisationseinheit")),
        "funding": (Funding.objects.filter(programme=programme), _("Eine Förderung")),
        "budget_line": (BudgetLine.objects.filter(programme=programme), _("Ein Haushaltsansatz")),
    }
    resolve_ids(
        data,
        {name: (queryset, partial(unknown_id, what)) for name, (queryset, what) in lookups.items()},
    )
    return data


# --- budget lines ------------------------------------------------------------------------------


@router.get(
    "/programmes/{slug}/budget-lines",
    response={200: list[s.BudgetLineOut], **READ},
    operation_id="budget_lines",
)
def budget_lines(
    request: AuthedRequest,
    slug: str,
    project: int | None = Query(None, description="Nur Ansätze dieses Projekts (Id)."),
    year: int | None = Query(None, description="Nur Ansätze dieses Haushaltsjahres."),
) -> list[BudgetLine]:
    programme = _programme(request, slug)
    lines = BudgetLine.objects.filter(programme=programme).order_by(
        "org_unit__code", "kind", "position", "pk"
    )
    if project:
        lines = lines.filter(project_id=project)
    if year:
        lines = lines.filter(year_from__lte=year, year_to__gte=year)
    return list(lines)


@router.post(
    "/programmes/{slug}/budget-lines",
    response={201: s.BudgetLineOut, **WRITE},
    operation_id="budget_line_create",
)
def budget_line_create(
    request: AuthedRequest, slug: str, payload: s.BudgetLineCreate
) -> Status[BudgetLine]:
    programme = _programme(request, slug)
    data = _resolved(payload.model_dump(), programme)
    target = data["project"] or programme
    require(request, "finance.change_plan", target)
    by_office = request.user.has_perm("finance.manage_finance", programme)
    if not by_office and data["project"] is None:
        require(request, "finance.manage_finance", programme)
    line = services.budget_line_create(programme=programme, data=data, by_office=by_office)
    return Status(201, line)


router.add_detail(
    "/budget-lines/{pk}", s.BudgetLineOut, selectors.get_line_for, "budget_line_detail"
)


@router.patch(
    "/budget-lines/{pk}",
    response={200: s.BudgetLineOut, **WRITE},
    operation_id="budget_line_update",
)
def budget_line_update(request: AuthedRequest, pk: int, payload: s.BudgetLineUpdate) -> BudgetLine:
    line = selectors.get_line_for(request.user, pk, "finance.change_plan")
    data = _resolved(sent_changes(payload), line.programme)
    by_office = request.user.has_perm("finance.manage_finance", line.programme)
    return services.budget_line_update(
        line=line, data=data, expected_version=payload.version, by_office=by_office
    )


router.add_delete(
    "/budget-lines/{pk}",
    selectors.get_line_for,
    services.budget_line_delete,
    "budget_line_delete",
    perm="finance.change_plan",
    versioned=True,
    doc="`version`: the version the client last saw; a newer one is a conflict (409).",
)


@router.get(
    "/budget-lines/{pk}/actuals", response={200: list[s.ActualOut], **READ}, operation_id="actuals"
)
def actuals(request: AuthedRequest, pk: int) -> list[Actual]:
    line = selectors.get_line_for(request.user, pk)
    return list(Actual.objects.filter(budget_line=line).order_by("month"))


@router.put(
    "/budget-lines/{pk}/actuals", response={200: s.ActualOut, **WRITE}, operation_id="actual_set"
)
def actual_set(request: AuthedRequest, pk: int, payload: s.ActualSet) -> Actual:
    line = selectors.get_line_for(request.user, pk, "finance.enter_actuals")
    row, _changed = services.actual_set(
        line=line,
        month=payload.month,
        actual=payload.actual,
        committed=payload.committed,
        correction_reason=payload.correction_reason,
        user=request.user,
    )
    return row


# --- overview ----------------------------------------------------------------------------------


@router.get(
    "/programmes/{slug}/finance/overview",
    response={200: s.OverviewOut, **READ},
    operation_id="finance_overview",
)
def overview(
    request: AuthedRequest,
    slug: str,
    grouping: str = Query(
        "field", description="Gruppierung: `field`, `org_unit`, `year`, `kind` oder `project`."
    ),
    year: int | None = Query(None, description="Haushaltsjahr; ohne Angabe alle Jahre."),
    kind: str = Query("", description="Nur Ansätze dieser Art (Code, z. B. `investive`)."),
) -> dict[str, Any]:
    programme = _programme(request, slug)
    if grouping not in selectors.GROUPINGS:
        raise ValidationError(
            {"grouping": _("Erlaubt sind: %(v)s.") % {"v": ", ".join(selectors.GROUPINGS)}}
        )
    result = selectors.programme_overview(programme, grouping=grouping, year=year, kind=kind)
    return {
        "grouping": grouping,
        "groups": [
            {"key": str(b.key), "label": b.label, "figures": b.figures} for b in result.groups
        ],
        "total": result.total,
    }


# --- funding -----------------------------------------------------------------------------------


@router.get(
    "/programmes/{slug}/fundings",
    response={200: list[s.FundingOut], **READ},
    operation_id="fundings",
)
def fundings(request: AuthedRequest, slug: str) -> list[Funding]:
    programme = _programme(request, slug)
    return list(Funding.objects.filter(programme=programme).prefetch_related("phases"))


@router.post(
    "/programmes/{slug}/fundings",
    response={201: s.FundingOut, **WRITE},
    operation_id="funding_create",
)
def funding_create(request: AuthedRequest, slug: str, payload: s.FundingCreate) -> Status[Funding]:
    programme = _programme(request, slug, "finance.manage_finance")
    data = _resolved(payload.model_dump(), programme)
    return Status(201, services.funding_create(programme=programme, data=data))


router.add_detail("/fundings/{pk}", s.FundingOut, selectors.get_funding_for, "funding_detail")


@router.patch(
    "/fundings/{pk}", response={200: s.FundingOut, **WRITE}, operation_id="funding_update"
)
def funding_update(request: AuthedRequest, pk: int, payload: s.FundingUpdate) -> Funding:
    funding = selectors.get_funding_for(request.user, pk, "finance.manage_finance")
    data = sent_changes(payload)
    return services.funding_update(funding=funding, data=data, expected_version=payload.version)


router.add_delete(
    "/fundings/{pk}",
    selectors.get_funding_for,
    services.funding_delete,
    "funding_delete",
    perm="finance.manage_finance",
    versioned=True,
)


@router.patch(
    "/funding-phases/{pk}", response={200: s.PhaseOut, **WRITE}, operation_id="funding_phase_update"
)
def phase_update(request: AuthedRequest, pk: int, payload: s.PhaseUpdate) -> FundingPhase:
    phase = selectors.get_phase_for(request.user, pk, "finance.manage_finance")
    return services.funding_phase_update(
        phase=phase, data=sent_changes(payload), expected_version=payload.version
    )


@router.post(
    "/fundings/{pk}/phases",
    response={201: s.PhaseOut, **WRITE},
    operation_id="funding_phase_create",
)
def phase_create(request: AuthedRequest, pk: int, payload: s.PhaseCreate) -> Status[FundingPhase]:
    funding = selectors.get_funding_for(request.user, pk, "finance.manage_finance")
    return Status(201, services.funding_phase_create(funding=funding, data=payload.model_dump()))


# --- deadlines ---------------------------------------------------------------------------------


@router.get(
    "/programmes/{slug}/deadlines",
    response={200: list[s.DeadlineOut], **READ},
    operation_id="deadlines",
)
def deadlines(
    request: AuthedRequest,
    slug: str,
    status: str | None = Query(
        None, description="Nur Fristen in diesem Status: `open`, `met` oder `missed`."
    ),
) -> list[Deadline]:
    programme = _programme(request, slug)
    found = Deadline.objects.filter(programme=programme).order_by("due_date", "pk")
    if status:
        found = found.filter(status=status)
    return list(found)


@router.post(
    "/programmes/{slug}/deadlines",
    response={201: s.DeadlineOut, **WRITE},
    operation_id="deadline_create",
)
def deadline_create(
    request: AuthedRequest, slug: str, payload: s.DeadlineCreate
) -> Status[Deadline]:
    programme = _programme(request, slug, "finance.manage_finance")
    data = _resolved(payload.model_dump(), programme)
    return Status(201, services.deadline_create(programme=programme, data=data))


@router.patch(
    "/deadlines/{pk}", response={200: s.DeadlineOut, **WRITE}, operation_id="deadline_update"
)
def deadline_update(request: AuthedRequest, pk: int, payload: s.DeadlineUpdate) -> Deadline:
    deadline = selectors.get_deadline_for(request.user, pk, "finance.manage_finance")
    return services.deadline_update(
        deadline=deadline, data=sent_changes(payload), expected_version=payload.version
    )


router.add_delete(
    "/deadlines/{pk}",
    selectors.get_deadline_for,
    services.deadline_delete,
    "deadline_delete",
    perm="finance.manage_finance",
    versioned=True,
)


# --- support contracts -------------------------------------------------------------------------


def _paced(contract: SupportContract) -> SupportContract:
    return selectors.contracts_with_pace([contract], timezone.localdate())[0]


@router.get(
    "/programmes/{slug}/support-contracts",
    response={200: list[s.ContractOut], **READ},
    operation_id="contracts",
)
def contracts(request: AuthedRequest, slug: str) -> list[SupportContract]:
    programme = _programme(request, slug)
    found = list(SupportContract.objects.filter(programme=programme).order_by("start", "pk"))
    return selectors.contracts_with_pace(found, timezone.localdate())


@router.post(
    "/programmes/{slug}/support-contracts",
    response={201: s.ContractOut, **WRITE},
    operation_id="contract_create",
)
def contract_create(
    request: AuthedRequest, slug: str, payload: s.ContractCreate
) -> Status[SupportContract]:
    programme = _programme(request, slug, "finance.manage_finance")
    data = _resolved(payload.model_dump(), programme)
    return Status(201, _paced(services.support_contract_create(programme=programme, data=data)))


@router.get(
    "/support-contracts/{pk}", response={200: s.ContractOut, **READ}, operation_id="contract_detail"
)
def contract_detail(request: AuthedRequest, pk: int) -> SupportContract:
    return _paced(selectors.get_contract_for(request.user, pk))


@router.get(
    "/support-contracts/{pk}/call-offs",
    response={200: list[s.CallOffOut], **READ},
    operation_id="call_offs",
)
def call_offs(request: AuthedRequest, pk: int) -> list[CallOff]:
    contract = selectors.get_contract_for(request.user, pk)
    return list(contract.call_offs.order_by("month", "pk"))


@router.post(
    "/support-contracts/{pk}/call-offs",
    response={201: s.CallOffOut, **WRITE},
    operation_id="call_off_create",
)
def call_off_create(request: AuthedRequest, pk: int, payload: s.CallOffCreate) -> Status[CallOff]:
    contract = selectors.get_contract_for(request.user, pk, "finance.manage_finance")
    call_off = services.call_off_create(
        contract=contract,
        month=payload.month,
        days=payload.days,
        purpose=payload.purpose,
        correction_reason=payload.correction_reason,
        user=request.user,
    )
    return Status(201, call_off)


router.add_delete(
    "/support-contracts/{pk}",
    selectors.get_contract_for,
    services.support_contract_delete,
    "contract_delete",
    perm="finance.manage_finance",
    versioned=True,
)


router.add_delete(
    "/call-offs/{pk}",
    selectors.get_call_off_for,
    services.call_off_delete,
    "call_off_delete",
    perm="finance.manage_finance",
)
