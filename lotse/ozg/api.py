"""Catalogue endpoints of the REST API: the services (list, read, create, change, delete) and
the overview (distribution by maturity level, as of a moment too). Same selectors, services
and rules as the UI; `lotse.api.urls` maps PermissionDenied → 403, Http404 → 404,
ValidationError → 422, EditConflict → 409.
"""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query
from ninja import Status

from lotse.api_helpers import READ_VERSION
from lotse.api_helpers import ApiRouter
from lotse.api_helpers import sent_changes
from lotse.http import AnyUser
from lotse.http import AuthedRequest
from lotse.portfolio.api import programme_for
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project

from . import schemas as s
from . import selectors
from . import services
from .forms import LEAD_FIELDS
from .models import PublicService

router = ApiRouter(tags=["OZG-Leistungskatalog"], module=__name__)


def _programme(user: AnyUser, slug: str, perm: str = "ozg.view_catalogue") -> Programme:
    return programme_for(user, slug, "ozg.view_catalogue", perm)


def _resolve(data: dict[str, Any], programme: Programme) -> None:
    """Ids → objects; an unknown id is a field error."""
    errors: dict[str, list[str]] = {}
    if data.get("org_unit") is not None:
        unit = OrgUnit.objects.filter(pk=data["org_unit"]).first()
        if unit is None:
            errors["org_unit"] = [
                _("Eine Organisationseinheit mit der Id %(id)s gibt es nicht.")
                % {"id": data["org_unit"]}
            ]
        data["org_unit"] = unit
    if data.get("projects") is not None:
        wanted = set(data["projects"])
        found = list(Project.objects.filter(programme=programme, pk__in=wanted))
        missing = wanted - {p.pk for p in found}
        if missing:
            errors["projects"] = [
                _("Ein Projekt mit der Id %(id)s gibt es in diesem Programm nicht.")
                % {"id": min(missing)}
            ]
        data["projects"] = found
    if errors:
        raise ValidationError(errors)


@router.read("/programmes/{slug}/ozg/services", list[s.PublicServiceOut], "service_list")
def service_list(
    request: AuthedRequest, slug: str, filters: Query[s.ServiceFilters]
) -> QuerySet[PublicService]:
    """Die OZG-Leistungen des Programms, nach Bezeichnung; Filter wie in der Oberfläche."""
    programme = _programme(request.user, slug)
    return selectors.catalogue_rows(
        programme,
        selectors.Filters(
            query=filters.q or "",
            org_unit=filters.org_unit,
            level=filters.maturity,
            channel=filters.channel or "",
            project=filters.project,
        ),
    )


@router.create("/programmes/{slug}/ozg/services", s.PublicServiceOut, "service_create")
def service_create(request: AuthedRequest, slug: str, payload: s.PublicServiceCreate) -> Any:
    programme = _programme(request.user, slug, "ozg.manage_catalogue")
    data = payload.model_dump()
    _resolve(data, programme)
    service = services.public_service_create(programme=programme, data=data, user=request.user)
    return Status(201, selectors.get_service_for(request.user, service.pk))


router.add_detail(
    "/ozg/services/{pk}", s.PublicServiceOut, selectors.get_service_for, "service_detail"
)


@router.write("PATCH", "/ozg/services/{pk}", s.PublicServiceOut, "service_update")
def service_update(request: AuthedRequest, pk: int, payload: s.PublicServicePatch) -> Any:
    """Leistung ändern. Die Projektleitung eines Projekts, das die Leistung hebt, ändert nur
    Reifegrad, Ziel, Online-Zugang und Anmerkung."""
    service = selectors.get_service_for(request.user, pk, "ozg.change_service")
    data = sent_changes(payload)
    if not request.user.has_perm("ozg.manage_catalogue", service.programme):
        beyond = sorted(set(data) - set(LEAD_FIELDS))
        if beyond:
            raise ValidationError(
                {name: [_("Dieses Feld pflegt das Programmbüro.")] for name in beyond}
            )
    _resolve(data, service.programme)
    services.public_service_update(
        service=service, data=data, expected_version=payload.version, user=request.user
    )
    return selectors.get_service_for(request.user, pk)


@router.write("DELETE", "/ozg/services/{pk}", None, "service_delete", status=204)
def service_delete(
    request: AuthedRequest,
    pk: int,
    version: int | None = Query(None, description=READ_VERSION),
) -> Any:
    service = selectors.get_service_for(request.user, pk, "ozg.manage_catalogue")
    services.public_service_delete(service=service, expected_version=version, user=request.user)
    return Status(204, None)


@router.read("/programmes/{slug}/ozg/overview", s.OverviewOut, "ozg_overview")
def overview(
    request: AuthedRequest,
    slug: str,
    as_of: datetime | None = Query(  # noqa: B008 (ninja's parameter declaration)
        None, description="Zeitpunkt (ISO 8601) für die zusätzliche Verteilung `as_of`."
    ),
) -> dict:
    """Verteilung nach Reifegrad heute, im Zeitverlauf (Quartalsenden), je
    Organisationseinheit, Fortschritt zum Ziel; mit `as_of` zusätzlich die Verteilung zu
    diesem Zeitpunkt (aus dem Änderungsverlauf)."""
    programme = _programme(request.user, slug)
    data = selectors.overview(programme, timezone.localdate())
    counts = None
    if as_of is not None:
        if timezone.is_naive(as_of):
            as_of = timezone.make_aware(as_of)
        counts = selectors.distribution_as_of(programme.pk, as_of)
    return s.overview_out(data, as_of, counts)
