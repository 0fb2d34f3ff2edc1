"""Portfolio endpoints of the REST API. Same selectors, services and rules as the UI.

Each handler parses (the schemas), checks (`has_perm` with the rules of `rules.py`, through
the selectors' permission-checking getters), calls a service, and returns the object. Errors
are turned into responses by the handlers in `lotse.api.urls`: PermissionDenied → 403,
Http404 → 404, ValidationError → 422, EditConflict → 409.
"""

from functools import partial
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from ninja import Query
from ninja import Status

from lotse.accounts.models import ProgrammeRole
from lotse.accounts.models import ProjectRole
from lotse.accounts.roles import roles_of
from lotse.api_helpers import READ
from lotse.api_helpers import WRITE
from lotse.api_helpers import ApiRouter
from lotse.api_helpers import Error
from lotse.api_helpers import require
from lotse.api_helpers import resolve_id
from lotse.api_helpers import resolve_ids
from lotse.api_helpers import sent_changes
from lotse.api_helpers import unknown_id
from lotse.http import AnyUser
from lotse.http import AuthedRequest
from lotse.http import require_perm
from lotse.portfolio import schemas as s

from . import selectors
from . import services
from .models import Dependency
from .models import FieldOfAction
from .models import GoalContribution
from .models import OrgUnit
from .models import Programme
from .models import Project
from .models import StrategicGoal

router = ApiRouter(tags=["Portfolio"], module=__name__)


def resolve_field_of_action(data: dict[str, Any], programme_id: int) -> None:
    """The `field_of_action` id of a request body → the programme's field (OKR, ideas); an
    unknown id is a 422."""
    fields = FieldOfAction.objects.filter(programme_id=programme_id)
    resolve_ids(data, {"field_of_action": (fields, partial(unknown_id, _("Ein Themenfeld")))})


def programme_for(user: AnyUser, slug: str, *perms: str) -> Programme:
    """The programme of `slug` the user may see; 403 unless the user has each of `perms` on it
    (finance and the OZG catalogue: their view permission, then the one the route needs)."""
    programme = selectors.get_programme_for(user, slug)
    for perm in perms:
        require_perm(user, perm, programme)
    return programme


def _project_lookups() -> dict:
    people = get_user_model().objects.filter(is_active=True)
    person = _("Eine aktive Person mit der Id %(id)s gibt es nicht.")
    return {
        "field_of_action": (
            FieldOfAction.objects.all(),
            _("Ein Themenfeld mit der Id %(id)s gibt es nicht."),
        ),
        "parent": (Project.objects.all(), _("Ein Projekt mit der Id %(id)s gibt es nicht.")),
        "org_unit": (
            OrgUnit.objects.all(),
            _("Eine Organisationseinheit mit der Id %(id)s gibt es nicht."),
        ),
        "lead": (people, person),
        "change_manager": (people, person),
    }


def _check_restricted_fields(
    request: AuthedRequest,
    data: dict[str, Any],
    target: Programme | Project,
    current: dict[str, Any] | None = None,
) -> None:
    """Publishing and naming the lead are programme-office decisions, as in the UI form."""
    restricted = {
        "published": "portfolio.publish_project",
        "lead": "portfolio.assign_project_lead",
    }
    for name, perm in restricted.items():
        if name not in data or request.user.has_perm(perm, target):
            continue
        unchanged = current is not None and data[name] == current[name]
        if not unchanged:
            raise PermissionDenied(
                _("Das Feld „%(field)s“ dürfen nur Programmverantwortliche und PMO ändern.")
                % {"field": name}
            )


# --- me ---------------------------------------------------------------------------------


@router.get(
    "/me", response={200: s.MeOut, 401: Error}, summary="Angemeldete Person", operation_id="me"
)
def me(request: AuthedRequest) -> dict[str, object]:
    """Die angemeldete Person und ihre Rollen (Programmrollen gelten auch in Teilprogrammen)."""
    user = request.user
    roles = roles_of(user)
    programmes = Programme.objects.in_bulk(roles.programme.keys())
    projects = Project.objects.in_bulk(roles.project.keys())
    return {
        "id": user.pk,
        "username": user.username,
        "name": str(user),
        "email": user.email,
        "is_superuser": user.is_superuser,
        "programme_roles": [
            {
                "programme": pid,
                "programme_slug": programmes[pid].slug,
                "programme_name": programmes[pid].name,
                "role": role,
                "role_label": str(ProgrammeRole.Role(role).label),
            }
            for pid, names in sorted(roles.programme.items())
            for role in sorted(names)
        ],
        "project_roles": [
            {
                "project": pid,
                "project_title": projects[pid].title,
                "role": role,
                "role_label": str(ProjectRole.Role(role).label),
            }
            for pid, names in sorted(roles.project.items())
            for role in sorted(names)
        ],
    }


# --- programmes -------------------------------------------------------------------------


@router.get(
    "/programmes", response={200: list[s.ProgrammeOut], 401: Error}, operation_id="programme_list"
)
def programme_list(request: AuthedRequest) -> QuerySet[Programme]:
    """Alle Programme, in denen Sie eine Rolle haben (oder in deren Projekten)."""
    return (
        selectors.programmes_visible_to(request.user)
        .select_related("parent")
        .prefetch_related("strategic_goals")
    )


router.add_detail(
    "/programmes/{slug}", s.ProgrammeOut, selectors.get_programme_for, "programme_detail"
)


def _strategic_goals(data: dict[str, Any], programme: Programme) -> dict[str, Any]:
    """The `strategic_goals` ids of a programme's changes → the goals; unknown ids are a 422."""
    if "strategic_goals" in data:
        wanted = set(data["strategic_goals"])
        goals = list(StrategicGoal.objects.filter(pk__in=wanted))
        missing = sorted(wanted - {g.pk for g in goals})
        if missing:
            raise ValidationError(
                {
                    "strategic_goals": [
                        _("Strategische Ziele mit diesen Ids gibt es nicht: %(ids)s")
                        % {"ids": ", ".join(map(str, missing))}
                    ]
                }
            )
        data["strategic_goals"] = goals
    return data


router.add_update(
    "/programmes/{slug}",
    s.ProgrammeOut,
    s.ProgrammePatch,
    selectors.get_programme_for,
    services.programme_update,
    "programme_patch",
    perm="portfolio.change_programme",
    resolve=_strategic_goals,
    doc="Programm ändern. `version` muss der zuletzt gelesene Stand sein, sonst Status 409.",
)


# --- fields of action -------------------------------------------------------------------


router.add_list(
    "/programmes/{slug}/fields",
    s.FieldOfActionOut,
    selectors.get_programme_for,
    lambda programme: programme.fields_of_action.all(),
    "field_list",
)


@router.create("/programmes/{slug}/fields", s.FieldOfActionOut, "field_create")
def field_create(
    request: AuthedRequest, slug: str, payload: s.FieldOfActionCreate
) -> Status[FieldOfAction]:
    programme = selectors.get_programme_for(request.user, slug, "portfolio.change_field_of_action")
    data = sent_changes(payload)
    return Status(201, services.field_of_action_create(programme=programme, data=data))


router.add_detail(
    "/fields/{field_id}", s.FieldOfActionOut, selectors.get_field_of_action_for, "field_detail"
)


router.add_update(
    "/fields/{field_id}",
    s.FieldOfActionOut,
    s.FieldOfActionPatch,
    selectors.get_field_of_action_for,
    services.field_of_action_update,
    "field_patch",
    perm="portfolio.change_field_of_action",
    doc="Themenfeld ändern. `version` muss der zuletzt gelesene Stand sein, sonst Status 409.",
)


# --- projects ---------------------------------------------------------------------------


@router.read("/programmes/{slug}/projects", list[s.ProjectOut], "project_list")
def project_list(
    request: AuthedRequest, slug: str, filters: Query[s.ProjectFilters]
) -> QuerySet[Project]:
    """Die Projekte eines Programms, gefiltert und sortiert wie die Projektliste."""
    programme = selectors.get_programme_for(request.user, slug)
    projects = selectors.projects_visible_to(request.user).filter(programme=programme)
    return selectors.filter_projects(projects, filters.dict())


@router.create("/programmes/{slug}/projects", s.ProjectOut, "project_create")
def project_create(request: AuthedRequest, slug: str, payload: s.ProjectCreate) -> Status[Project]:
    programme = selectors.get_programme_for(request.user, slug, "portfolio.add_project")
    data = sent_changes(payload)
    _check_restricted_fields(request, data, programme)
    resolve_ids(data, _project_lookups())
    return Status(201, services.project_create(programme=programme, data=data))


router.add_detail(
    "/projects/{project_id}", s.ProjectOut, selectors.get_project_for, "project_detail"
)


@router.write("PATCH", "/projects/{project_id}", s.ProjectOut, "project_patch")
def project_patch(request: AuthedRequest, project_id: int, payload: s.ProjectPatch) -> Project:
    """Steckbrief ändern. `version` muss der zuletzt gelesene Stand sein, sonst Status 409."""
    project = selectors.get_project_for(request.user, project_id, "portfolio.change_project")
    data = sent_changes(payload)
    current = {"published": project.published, "lead": project.lead_id}
    _check_restricted_fields(request, data, project, current=current)
    resolve_ids(data, _project_lookups())
    return services.project_update(project=project, data=data, expected_version=payload.version)


# --- org units --------------------------------------------------------------------------


def _org_unit_lookups() -> dict:
    return {
        "parent": (
            OrgUnit.objects.all(),
            _("Eine Organisationseinheit mit der Id %(id)s gibt es nicht."),
        )
    }


@router.get(
    "/org-units",
    response={200: list[s.OrgUnitOut], 401: Error, 403: Error},
    operation_id="org_unit_list",
)
def org_unit_list(request: AuthedRequest) -> QuerySet[OrgUnit]:
    require(request, "portfolio.view_org_unit")
    return OrgUnit.objects.all()


@router.create("/org-units", s.OrgUnitOut, "org_unit_create")
def org_unit_create(request: AuthedRequest, payload: s.OrgUnitCreate) -> Status[OrgUnit]:
    require(request, "portfolio.change_org_unit")
    data = sent_changes(payload)
    resolve_ids(data, _org_unit_lookups())
    return Status(201, services.org_unit_save(unit=OrgUnit(), data=data))


router.add_detail(
    "/org-units/{unit_id}", s.OrgUnitOut, selectors.get_org_unit_for, "org_unit_detail"
)


@router.write("PATCH", "/org-units/{unit_id}", s.OrgUnitOut, "org_unit_patch")
def org_unit_patch(request: AuthedRequest, unit_id: int, payload: s.OrgUnitPatch) -> OrgUnit:
    unit = selectors.get_org_unit_for(request.user, unit_id, "portfolio.change_org_unit")
    data = sent_changes(payload)
    resolve_ids(data, _org_unit_lookups())
    return services.org_unit_save(unit=unit, data=data)


# --- goal contributions -----------------------------------------------------------------


@router.read(
    "/programmes/{slug}/goal-contributions", list[s.GoalContributionOut], "goal_contribution_list"
)
def goal_contribution_list(request: AuthedRequest, slug: str) -> QuerySet[GoalContribution]:
    """Die Zielbeitragsmatrix als Liste ihrer gefüllten Zellen (Projekt × strategisches Ziel)."""
    programme = selectors.get_programme_for(request.user, slug)
    return (
        GoalContribution.objects.filter(project__programme=programme)
        .select_related("strategic_goal")
        .order_by("project__title", "project_id", "strategic_goal__order", "strategic_goal_id")
    )


@router.put(
    "/projects/{project_id}/goal-contributions/{goal_id}",
    response={200: s.GoalContributionOut, 204: None, **WRITE},
    operation_id="goal_contribution_put",
)
def goal_contribution_put(
    request: AuthedRequest, project_id: int, goal_id: int, payload: s.GoalContributionPut
) -> Status[None] | GoalContribution:
    """Eine Zelle der Zielbeitragsmatrix setzen; ein leerer `level` entfernt den Beitrag (204)."""
    project, goal = selectors.get_goal_matrix_cell_for(request.user, project_id, goal_id)
    contribution = services.goal_contribution_set(
        project=project, goal=goal, level=payload.level, note=payload.note
    )
    if contribution is None:
        return Status(204, None)
    return contribution


# --- dependencies -----------------------------------------------------------------------


@router.read("/projects/{project_id}/dependencies", list[s.DependencyOut], "dependency_list")
def dependency_list(request: AuthedRequest, project_id: int) -> QuerySet[Dependency]:
    """Abhängigkeiten des Projekts, in beide Richtungen (als `source` oder als `target`)."""
    project = selectors.get_project_for(request.user, project_id)
    return (
        Dependency.objects.filter(Q(source=project) | Q(target=project))
        .select_related("source", "target")
        .order_by("kind", "pk")
    )


@router.create("/projects/{project_id}/dependencies", s.DependencyOut, "dependency_create")
def dependency_create(
    request: AuthedRequest, project_id: int, payload: s.DependencyCreate
) -> Status[Dependency]:
    project = selectors.get_project_for(request.user, project_id, "portfolio.add_dependency")
    projects = Project.objects.filter(programme_id=project.programme_id)
    unknown = _("Ein Projekt mit der Id %(id)s gibt es in diesem Programm nicht.")
    target = resolve_id(projects, payload.target, "target", unknown)
    dependency = services.dependency_create(
        source=project, target=target, kind=payload.kind, note=payload.note
    )
    return Status(201, dependency)


router.add_delete(
    "/dependencies/{dependency_id}",
    selectors.get_dependency_for,
    services.dependency_delete,
    "dependency_delete",
    errors=READ,
)
