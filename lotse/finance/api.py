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

from lotse.api_helpers import ApiRouter
from lotse.api_helpers import require
from lotse.api_helpers import resolve_ids
from lotse.api_helpers import sent_changes
from lotse.api_helpers import unknown_id
from lotse.http import AnyUser
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
from .models import SupportContract

router = ApiRouter(tags=["Finanzen"], module=__name__)

MANAGE = "finance.manage_finance"


def _programme(user: AnyUser, slug: str, perm: str = "finance.view_finance") -> Programme:
    return programme_for(user, slug, "finance.view_finance", perm)


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


@router.read("/programmes/{slug}/budget-lines", list[s.BudgetLineOut], "budget_lines")
def budget_lines(
    request: AuthedRequest,
    slug: str,
    project: int | None = Query(None, description="Nur Ansätze dieses Projekts (Id)."),
    year: int | None = Query(None, description="Nur Ansätze dieses Haushaltsjahres."),
) -> list[BudgetLine]:
    programme = _programme(request.user, slug)
    lines = BudgetLine.objects.filter(programme=programme).order_by(
        "org_unit__code", "kind", "position", "pk"
    )
    if project:
        lines = lines.filter(project_id=project)
    if year:
        lines = lines.filter(year_from__lte=year, year_to__gte=year)
    return list(lines)


@router.create("/programmes/{slug}/budget-lines", s.BudgetLineOut, "budget_line_create")
def budget_line_create(
    request: AuthedRequest, slug: str, payload: s.BudgetLineCreate
) -> Status[BudgetLine]:
    programme = _programme(request.user, slug)
    data = _resolved(payload.model_dump(), programme)
    target = data["project"] or programme
    require(request, "finance.change_plan", target)
    by_office = request.user.has_perm(MANAGE, programme)
    if not by_office and data["project"] is None:
        require(request, MANAGE, programme)
    line = services.budget_line_create(programme=programme, data=data, by_office=by_office)
    return Status(201, line)


router.add_detail(
    "/budget-lines/{pk}", s.BudgetLineOut, selectors.get_line_for, "budget_line_detail"
)


@router.write("PATCH", "/budget-lines/{pk}", s.BudgetLineOut, "budget_line_update")
def budget_line_update(request: AuthedRequest, pk: int, payload: s.BudgetLineUpdate) -> BudgetLine:
    line = selectors.get_line_for(request.user, pk, "finance.change_plan")
    data = _resolved(sent_changes(payload), line.programme)
    by_office = request.user.has_perm(MANAGE, line.programme)
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


router.add_list(
    "/budget-lines/{pk}/actuals",
    s.ActualOut,
    selectors.get_line_for,
    lambda line: list(Actual.objects.filter(budget_line=line).order_by("month")),
    "actuals",
)


@router.write("PUT", "/budget-lines/{pk}/actuals", s.ActualOut, "actual_set")
def actual_set(request: AuthedRequest, pk: int, payload: s.ActualSet) -> Actual:
    line = selectors.get_line_for(request.user, pk, "finance.enter_actuals")
    row, _changed = services.actual_set(line=line, **payload.model_dump(), user=request.user)
    return row


# --- overview ----------------------------------------------------------------------------------


@router.read("/programmes/{slug}/finance/overview", s.OverviewOut, "finance_overview")
def overview(
    request: AuthedRequest,
    slug: str,
    grouping: str = Query(
        "field", description="Gruppierung: `field`, `org_unit`, `year`, `kind` oder `project`."
    ),
    year: int | None = Query(None, description="Haushaltsjahr; ohne Angabe alle Jahre."),
    kind: str = Query("", description="Nur Ansätze dieser Art (Code, z. B. `investive`)."),
) -> dict[str, Any]:
    programme = _programme(request.user, slug)
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


router.add_list(
    "/programmes/{slug}/fundings",
    s.FundingOut,
    _programme,
    lambda programme: list(Funding.objects.filter(programme=programme).prefetch_related("phases")),
    "fundings",
)
router.add_create(
    "/programmes/{slug}/fundings",
    s.FundingOut,
    s.FundingCreate,
    _programme,
    services.funding_create,
    "funding_create",
    perm=MANAGE,
    resolve=_resolved,
)
router.add_detail("/fundings/{pk}", s.FundingOut, selectors.get_funding_for, "funding_detail")
router.add_update(
    "/fundings/{pk}",
    s.FundingOut,
    s.FundingUpdate,
    selectors.get_funding_for,
    services.funding_update,
    "funding_update",
    perm=MANAGE,
)


router.add_delete(
    "/fundings/{pk}",
    selectors.get_funding_for,
    services.funding_delete,
    "funding_delete",
    perm=MANAGE,
    versioned=True,
)


router.add_update(
    "/funding-phases/{pk}",
    s.PhaseOut,
    s.PhaseUpdate,
    selectors.get_phase_for,
    services.funding_phase_update,
    "funding_phase_update",
    perm=MANAGE,
    name="phase_update",
)
router.add_create(
    "/fundings/{pk}/phases",
    s.PhaseOut,
    s.PhaseCreate,
    selectors.get_funding_for,
    services.funding_phase_create,
    "funding_phase_create",
    perm=MANAGE,
    name="phase_create",
)


# --- deadlines ---------------------------------------------------------------------------------


@router.read("/programmes/{slug}/deadlines", list[s.DeadlineOut], "deadlines")
def deadlines(
    request: AuthedRequest,
    slug: str,
    status: str | None = Query(
        None, description="Nur Fristen in diesem Status: `open`, `met` oder `missed`."
    ),
) -> list[Deadline]:
    programme = _programme(request.user, slug)
    found = Deadline.objects.filter(programme=programme).order_by("due_date", "pk")
    if status:
        found = found.filter(status=status)
    return list(found)


router.add_create(
    "/programmes/{slug}/deadlines",
    s.DeadlineOut,
    s.DeadlineCreate,
    _programme,
    services.deadline_create,
    "deadline_create",
    perm=MANAGE,
    resolve=_resolved,
)
router.add_update(
    "/deadlines/{pk}",
    s.DeadlineOut,
    s.DeadlineUpdate,
    selectors.get_deadline_for,
    services.deadline_update,
    "deadline_update",
    perm=MANAGE,
)


router.add_delete(
    "/deadlines/{pk}",
    selectors.get_deadline_for,
    services.deadline_delete,
    "deadline_delete",
    perm=MANAGE,
    versioned=True,
)


# --- support contracts -------------------------------------------------------------------------


def _paced(contract: SupportContract) -> SupportContract:
    return selectors.contracts_with_pace([contract], timezone.localdate())[0]


def _contracts_of(programme: Programme) -> list[SupportContract]:
    found = list(SupportContract.objects.filter(programme=programme).order_by("start", "pk"))
    return selectors.contracts_with_pace(found, timezone.localdate())


def _contract(user: AnyUser, pk: int) -> SupportContract:
    return _paced(selectors.get_contract_for(user, pk))


router.add_list(
    "/programmes/{slug}/support-contracts", s.ContractOut, _programme, _contracts_of, "contracts"
)


@router.create("/programmes/{slug}/support-contracts", s.ContractOut, "contract_create")
def contract_create(
    request: AuthedRequest, slug: str, payload: s.ContractCreate
) -> Status[SupportContract]:
    programme = _programme(request.user, slug, MANAGE)
    data = _resolved(payload.model_dump(), programme)
    return Status(201, _paced(services.support_contract_create(programme=programme, data=data)))


router.add_detail("/support-contracts/{pk}", s.ContractOut, _contract, "contract_detail")
router.add_list(
    "/support-contracts/{pk}/call-offs",
    s.CallOffOut,
    selectors.get_contract_for,
    lambda contract: list(contract.call_offs.order_by("month", "pk")),
    "call_offs",
)


@router.create("/support-contracts/{pk}/call-offs", s.CallOffOut, "call_off_create")
def call_off_create(request: AuthedRequest, pk: int, payload: s.CallOffCreate) -> Status[CallOff]:
    contract = selectors.get_contract_for(request.user, pk, MANAGE)
    call_off = services.call_off_create(
        contract=contract, **payload.model_dump(), user=request.user
    )
    return Status(201, call_off)


router.add_delete(
    "/support-contracts/{pk}",
    selectors.get_contract_for,
    services.support_contract_delete,
    "contract_delete",
    perm=MANAGE,
    versioned=True,
)


router.add_delete(
    "/call-offs/{pk}",
    selectors.get_call_off_for,
    services.call_off_delete,
    "call_off_delete",
    perm=MANAGE,
)
