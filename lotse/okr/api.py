"""OKR endpoints of the REST API: quarters, objectives, key results, check-ins, reviews and
links. Same selectors, services and rules as the UI; the handlers in `lotse.api.urls` turn
PermissionDenied into 403, Http404 into 404, ValidationError into 422 and EditConflict into 409.

Posting a check-in with a personal token is how a script feeds a measured value into Lotse.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from ninja import Query
from ninja import Schema
from ninja import Status

from lotse.api_helpers import WRITE
from lotse.api_helpers import ApiRouter
from lotse.api_helpers import Getter
from lotse.api_helpers import require
from lotse.api_helpers import resolve_id
from lotse.api_helpers import resolve_ids
from lotse.api_helpers import sent_changes
from lotse.api_helpers import unknown_id
from lotse.http import AnyUser
from lotse.http import AuthedRequest
from lotse.portfolio import selectors as portfolio_selectors
from lotse.portfolio.api import resolve_field_of_action

from . import schemas as s
from . import selectors
from . import services
from .models import CheckIn
from .models import KeyResult
from .models import Objective
from .models import ObjectiveReview
from .models import OkrLink
from .models import Quarter

router = ApiRouter(tags=["OKR"], module=__name__)

VIEW = "okr.view_okrs"
CHANGE = "okr.change_objectives"


def _objective(request: AuthedRequest, pk: int, perm: str = VIEW) -> Objective:
    return selectors.get_objective_for(request.user, pk, perm)


def _key_result(request: AuthedRequest, pk: int, perm: str = VIEW) -> KeyResult:
    return selectors.get_key_result_for(request.user, pk, perm)


def _scored_objective(pk: int) -> selectors.ScoredObjective:
    return selectors.objectives_with_scores(Objective.objects.filter(pk=pk))[0]


def _scored_key_result(pk: int) -> selectors.ScoredKeyResult:
    found = selectors.with_latest_check_in(KeyResult.objects.filter(pk=pk)).get()
    return selectors.score_key_result(found)


def _resolve_owner(data: dict) -> None:
    people = get_user_model().objects.all()
    resolve_ids(data, {"owner": (people, partial(unknown_id, _("Eine Person")))})


@dataclass(frozen=True)
class Part:
    """An objective or a key result: read, changed and deleted by id alike (`add_part_routes`),
    read and changed answered with its score."""

    name: str  # "objective": the path /objectives/{objective_id}, the operations objective_…
    out: type[Schema]
    patch: type[Schema]
    get: Getter  # get(user, id, perm)
    scored: Callable[[int], Any]  # scored(id)
    update: Callable[..., object]  # update(<name>=, data=, expected_version=)
    delete: Callable[..., None]  # delete(<name>=)
    resolve: Callable[[dict[str, Any], Any], None]  # the body's ids → objects, in place
    patch_doc: str = ""


def add_part_routes(part: Part) -> None:
    """GET (`okr.view_okrs`), PATCH and DELETE (`okr.change_objectives`) of `part` by id."""
    name = part.name
    path = f"/{name.replace('_', '-')}s/{{{name}_id}}"

    def scored_for(user: AnyUser, pk: int) -> Any:
        part.get(user, pk, VIEW)
        return part.scored(pk)

    def change(request: AuthedRequest, pk: int, payload: Any) -> Any:
        found = part.get(request.user, pk, CHANGE)
        data = sent_changes(payload)
        part.resolve(data, found)
        part.update(**{name: found}, data=data, expected_version=payload.version)
        return part.scored(found.pk)

    router.add_detail(path, part.out, scored_for, f"{name}_detail")
    changed = {200: part.out, **WRITE}
    router.add_view(
        "PATCH", path, change, f"{name}_patch", changed, [part.patch], doc=part.patch_doc
    )
    router.add_delete(path, part.get, part.delete, f"{name}_delete", perm=CHANGE)


# --- quarters ----------------------------------------------------------------------------------


router.add_list(
    "/programmes/{slug}/quarters",
    s.QuarterOut,
    portfolio_selectors.get_programme_for,
    selectors.quarters_of,
    "quarter_list",
    perm=VIEW,
    doc="Die Quartale des Programms, älteste zuerst.",
)


@router.create("/programmes/{slug}/quarters", s.QuarterOut, "quarter_create")
def quarter_create(request: AuthedRequest, slug: str, payload: s.QuarterCreate) -> Status[Quarter]:
    """Ein Quartal anlegen (PMO, Programmverantwortliche); es beginnt „in Planung“."""
    programme = portfolio_selectors.get_programme_for(request.user, slug, "okr.manage_quarters")
    quarter = services.quarter_create(programme=programme, year=payload.year, number=payload.number)
    return Status(201, quarter)


@router.write("POST", "/quarters/{quarter_id}/transition", s.QuarterOut, "quarter_transition")
def quarter_transition(
    request: AuthedRequest, quarter_id: int, payload: s.QuarterTransition
) -> Quarter:
    """Das Quartal einen Schritt weiter setzen: planning → active → review → closed."""
    quarter = selectors.get_quarter_for(request.user, quarter_id, "okr.manage_quarters")
    return services.quarter_transition(
        quarter=quarter,
        to_state=payload.state,
        expected_version=payload.version,
        confirm_missing_reviews=payload.confirm_missing_reviews,
    )


# --- objectives --------------------------------------------------------------------------------


@router.read("/projects/{project_id}/objectives", list[s.ObjectiveOut], "objective_list")
def objective_list(
    request: AuthedRequest,
    project_id: int,
    quarter: int | None = Query(None, description="Nur Ziele dieses Quartals (Id)."),
) -> list[selectors.ScoredObjective]:
    """Die Objectives des Projekts mit Key Results und Fortschritt (`?quarter=<id>` filtert)."""
    project = portfolio_selectors.get_project_for(request.user, project_id, "okr.view_okrs")
    objectives = Objective.objects.filter(project=project)
    if quarter is not None:
        objectives = objectives.filter(quarter_id=quarter)
    return selectors.objectives_with_scores(
        objectives.order_by("quarter__year", "quarter__number", "order", "pk")
    )


@router.create("/projects/{project_id}/objectives", s.ObjectiveOut, "objective_create")
def objective_create(
    request: AuthedRequest, project_id: int, payload: s.ObjectiveCreate
) -> Status[selectors.ScoredObjective]:
    project = portfolio_selectors.get_project_for(request.user, project_id, "okr.view_okrs")
    require(request, CHANGE, project)
    data = sent_changes(payload)
    quarters = Quarter.objects.filter(programme_id=project.programme_id)
    quarter = resolve_id(
        quarters, data.pop("quarter"), "quarter", partial(unknown_id, _("Ein Quartal"))
    )
    resolve_field_of_action(data, project.programme_id)
    objective = services.objective_create(project=project, quarter=quarter, data=data)
    return Status(201, _scored_objective(objective.pk))


add_part_routes(
    Part(
        "objective",
        s.ObjectiveOut,
        s.ObjectivePatch,
        selectors.get_objective_for,
        _scored_objective,
        services.objective_update,
        services.objective_delete,
        lambda data, objective: resolve_field_of_action(data, objective.project.programme_id),
        "Objective ändern; `version` muss der zuletzt gelesene Stand sein, sonst Status 409.",
    )
)


@router.create("/objectives/{objective_id}/copy-forward", s.ObjectiveOut, "objective_copy_forward")
def objective_copy_forward(
    request: AuthedRequest, objective_id: int, payload: s.CopyForward
) -> Status[selectors.ScoredObjective]:
    """In das nächste (oder angegebene) Quartal übernehmen: mit Key Results, ohne Check-ins;
    Startwerte sind die letzten Check-in-Werte."""
    objective = _objective(request, objective_id, CHANGE)
    quarters = Quarter.objects.filter(programme_id=objective.quarter.programme_id)
    unknown = partial(unknown_id, _("Ein Quartal"))
    quarter = resolve_id(quarters, payload.quarter, "quarter", unknown)
    copy = services.objective_copy_forward(objective=objective, quarter=quarter)
    return Status(201, _scored_objective(copy.pk))


# --- key results -------------------------------------------------------------------------------


@router.create("/objectives/{objective_id}/key-results", s.KeyResultOut, "key_result_create")
def key_result_create(
    request: AuthedRequest, objective_id: int, payload: s.KeyResultCreate
) -> Status[selectors.ScoredKeyResult]:
    """Key Result anlegen; mehr als die im Programm erlaubten (Standard 3) ergibt Status 422."""
    objective = _objective(request, objective_id, CHANGE)
    data = sent_changes(payload)
    _resolve_owner(data)
    key_result = services.key_result_create(objective=objective, data=data)
    return Status(201, _scored_key_result(key_result.pk))


add_part_routes(
    Part(
        "key_result",
        s.KeyResultOut,
        s.KeyResultPatch,
        selectors.get_key_result_for,
        _scored_key_result,
        services.key_result_update,
        services.key_result_delete,
        lambda data, _key_result: _resolve_owner(data),
    )
)


# --- check-ins ---------------------------------------------------------------------------------


router.add_list(
    "/key-results/{key_result_id}/check-ins",
    s.CheckInOut,
    selectors.get_key_result_for,
    lambda key_result: CheckIn.objects.filter(key_result=key_result).order_by("created_at", "pk"),
    "check_in_list",
    perm=VIEW,
    doc="Die Check-ins des Key Results, älteste zuerst.",
)


@router.create("/key-results/{key_result_id}/check-ins", s.CheckInOut, "check_in_create")
def check_in_create(
    request: AuthedRequest, key_result_id: int, payload: s.CheckInCreate
) -> Status[CheckIn]:
    """Einen Messwert melden (Quelle „API“): `value` bzw. bei Meilensteinen `done`, dazu die
    Zuversicht von 0 bis 10. Check-ins werden nie geändert."""
    key_result = _key_result(request, key_result_id, "okr.check_in")
    check_in = services.check_in_create(
        key_result=key_result, data=payload.model_dump(), user=request.user, source="api"
    )
    return Status(201, check_in)


# --- reviews -----------------------------------------------------------------------------------


router.add_detail(
    "/objectives/{objective_id}/review", s.ReviewOut, selectors.get_review_for, "review_detail"
)


@router.write("PUT", "/objectives/{objective_id}/review", s.ReviewOut, "review_put")
def review_put(request: AuthedRequest, objective_id: int, payload: s.ReviewPut) -> ObjectiveReview:
    """Das OKR-Review schreiben (nur im Quartalsstatus „im Review“)."""
    objective = _objective(request, objective_id, "okr.change_review")
    data = payload.model_dump()
    version = data.pop("version")
    if data["outcome"] is None:
        data.pop("outcome")
    return services.objective_review_save(
        objective=objective, data=data, user=request.user, expected_version=version
    )


# --- links -------------------------------------------------------------------------------------


def _links_of(objective: Objective) -> QuerySet[OkrLink]:
    return OkrLink.objects.filter(from_objective=objective) | OkrLink.objects.filter(
        to_objective=objective
    )


router.add_list(
    "/objectives/{objective_id}/links",
    s.LinkOut,
    selectors.get_objective_for,
    _links_of,
    "link_list",
    perm=VIEW,
    doc="Abhängigkeiten und Synergien des Objectives, in beide Richtungen.",
)


@router.create("/objectives/{objective_id}/links", s.LinkOut, "link_create")
def link_create(
    request: AuthedRequest, objective_id: int, payload: s.LinkCreate
) -> Status[OkrLink]:
    objective = _objective(request, objective_id, "okr.change_links")
    objectives = Objective.objects.select_related("project", "quarter").filter(
        project__programme_id=objective.project.programme_id
    )
    unknown = partial(unknown_id, _("Ein Objective"))
    target = resolve_id(objectives, payload.to_objective, "to_objective", unknown)
    unknown = partial(unknown_id, _("Ein Key Result"))
    refs = {
        field: resolve_id(
            KeyResult.objects.filter(objective=owner), getattr(payload, field), field, unknown
        )
        for field, owner in (("from_key_result", objective), ("to_key_result", target))
    }
    link = services.okr_link_create(
        from_objective=objective,
        to_objective=target,
        kind=payload.kind,
        note=payload.note,
        user=request.user,
        **refs,
    )
    return Status(201, link)


router.add_delete(
    "/links/{link_id}", selectors.get_link_for, services.okr_link_delete, "link_delete"
)
