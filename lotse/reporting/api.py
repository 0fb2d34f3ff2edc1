"""Reporting endpoints of the REST API: periods, status reports and their workflow,
milestones, risks and decision requests. Same selectors, services and rules as the UI.

As in `lotse.portfolio.api`, each handler parses (the schemas), checks (`has_perm` with the
rules of `rules.py`), calls a service and returns the object; the handlers in
`lotse.api.urls` turn PermissionDenied into 403, Http404 into 404, ValidationError into 422
and EditConflict into 409.
"""

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db.models import F
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query
from ninja import Schema
from ninja import Status

from lotse.api_helpers import READ
from lotse.api_helpers import WRITE
from lotse.api_helpers import ApiRouter
from lotse.api_helpers import In
from lotse.api_helpers import require
from lotse.api_helpers import resolve_id
from lotse.api_helpers import resolve_ids
from lotse.api_helpers import sent_changes
from lotse.http import AuthedRequest
from lotse.portfolio import selectors as portfolio_selectors
from lotse.portfolio.models import Project

from . import periods
from . import schemas as s
from . import selectors
from . import services
from .models import DecisionRequest
from .models import Milestone
from .models import ReportingPeriod
from .models import Risk
from .models import StatusReport

router = ApiRouter(tags=["Berichte"], module=__name__)


MILESTONES = ["Meilensteine"]
RISKS = ["Risiken"]
REQUESTS = ["Entscheidungsbedarfe"]


VIEW = "reporting.view_report"


def _project(request: AuthedRequest, project_id: int, perm: str = VIEW) -> Project:
    return portfolio_selectors.get_project_for(request.user, project_id, perm)


# --- periods ----------------------------------------------------------------------------


@router.read("/programmes/{slug}/periods", list[s.PeriodOut], "period_list")
def period_list(request: AuthedRequest, slug: str) -> list[ReportingPeriod]:
    """Die Berichtsperioden des Programms bis heute, älteste zuerst (die letzte läuft).

    Lesen legt nichts an: eine Periode, die der Berichtsrhythmus schon hat, die aber noch
    nicht gespeichert ist (das geschieht täglich mit `send_reminders` oder beim ersten
    Bericht), kommt mit `id` null.
    """
    programme = portfolio_selectors.get_programme_for(
        request.user, slug, "reporting.view_programme_cockpit"
    )
    return periods.periods_until(programme, timezone.localdate())


# --- status reports ---------------------------------------------------------------------


def _reports() -> QuerySet[StatusReport]:
    return StatusReport.objects.select_related("project", "period", "submitted_by", "reviewed_by")


def _get_report(request: AuthedRequest, report_id: int, perm: str) -> StatusReport:
    return selectors.get_report_for(request.user, report_id, perm)


router.add_list(
    "/projects/{project_id}/reports",
    s.ReportOut,
    portfolio_selectors.get_project_for,
    lambda project: _reports().filter(project=project).order_by("-period__start"),
    "report_list",
    perm=VIEW,
    doc="Die Statusberichte des Projekts, neueste Periode zuerst.",
)


@router.post(
    "/projects/{project_id}/reports",
    response={200: s.ReportOut, 201: s.ReportOut, **WRITE},
    operation_id="report_create",
)
def report_create(
    request: AuthedRequest, project_id: int, payload: s.ReportCreate
) -> Status[StatusReport]:
    """Den Bericht des Projekts für eine Periode anlegen, vorbefüllt aus dem vorigen Bericht.

    Gibt es ihn schon, kommt er unverändert zurück (Status 200 statt 201).
    """
    project = _project(request, project_id)
    require(request, "reporting.change_report", StatusReport(project=project))
    periods = ReportingPeriod.objects.filter(programme_id=project.programme_id)
    unknown = _("Eine Berichtsperiode mit der Id %(id)s gibt es in diesem Programm nicht.")
    period = resolve_id(periods, payload.period, "period", unknown)
    existed = StatusReport.objects.filter(project=project, period=period).exists()
    report = services.report_start(project=project, period=period, user=request.user)
    report = _reports().get(pk=report.pk)
    return Status(200 if existed else 201, report)


@router.read("/reports/{report_id}", s.ReportDetailOut, "report_detail")
def report_detail(request: AuthedRequest, report_id: int) -> selectors.ReportDetail:
    """Ein Statusbericht mit Meilensteinen, Risiken und Entscheidungsbedarfen zu seinem Stand
    (eingefroren, sobald er eingereicht ist) und dem Trend gegenüber dem vorigen Bericht."""
    return selectors.report_detail(_get_report(request, report_id, "reporting.view_report"))


router.add_update(
    "/reports/{report_id}",
    s.ReportOut,
    s.ReportPatch,
    selectors.get_report_for,
    services.report_update,
    "report_patch",
    perm="reporting.change_report",
    doc="""Bericht ändern (Entwurf oder zurückgegeben). `version` muss der zuletzt gelesene Stand
    sein, sonst Status 409. Jede Ampel, die nicht grün ist, braucht ihre Erläuterung.""",
)


@router.write("POST", "/reports/{report_id}/submit", s.ReportOut, "report_submit")
def report_submit(request: AuthedRequest, report_id: int) -> StatusReport:
    """Bericht einreichen; Meilensteine, Risiken und Entscheidungsbedarfe werden eingefroren."""
    report = _get_report(request, report_id, "reporting.submit_report")
    return services.report_submit(report=report, user=request.user)


@router.write("POST", "/reports/{report_id}/accept", s.ReportOut, "report_accept")
def report_accept(
    request: AuthedRequest, report_id: int, payload: s.ReportAccept | None = None
) -> StatusReport:
    """Eingereichten Bericht annehmen (PMO, Programmverantwortliche; nie die eigene
    Projektleitung). Danach ist er unveränderlich."""
    report = _get_report(request, report_id, "reporting.review_report")
    comment = payload.comment if payload is not None else ""
    return services.report_accept(report=report, user=request.user, comment=comment)


@router.write("POST", "/reports/{report_id}/release", s.ReportOut, "report_release")
def report_release(
    request: AuthedRequest, report_id: int, payload: s.ReportRelease | None = None
) -> StatusReport:
    """Die Ampeln eines angenommenen Berichts für die öffentlichen Seiten freigeben
    (Programmverantwortliche oder Auftraggeber/in). Die Freigabe steht in der Historie."""
    report = _get_report(request, report_id, "reporting.view_report")
    if not request.user.has_perm("reporting.release_report", report):
        ready = copy.copy(report)
        ready.state, ready.released_at = StatusReport.State.ACCEPTED, None
        if request.user.has_perm("reporting.release_report", ready):
            # Entitled; the service names what is wrong with this report (422).
            return services.report_release(report=report, user=request.user)
        raise PermissionDenied
    version = payload.version if payload is not None else None
    return services.report_release(report=report, user=request.user, expected_version=version)


@router.write("POST", "/reports/{report_id}/return", s.ReportOut, "report_return")
def report_return(request: AuthedRequest, report_id: int, payload: s.ReportReturn) -> StatusReport:
    """Eingereichten Bericht mit einem Kommentar zur Überarbeitung zurückgeben."""
    report = _get_report(request, report_id, "reporting.review_report")
    try:
        return services.report_return(report=report, user=request.user, comment=payload.comment)
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and "review_comment" in exc.error_dict:
            # The API calls the field `comment`.
            errors = exc.message_dict
            errors["comment"] = errors.pop("review_comment")
            raise ValidationError(errors) from exc
        raise


# --- milestones and risks: the same four routes each --------------------------------------


@dataclass(frozen=True)
class ItemRoutes:
    """A kind of item of a project's status listed, created, changed and deleted alike: the
    paths are named after the model (`/projects/{project_id}/risks`, `/risks/{risk_id}`), the
    services `save` and `delete` take the item as their first (keyword) argument."""

    name: str
    model: type[Milestone] | type[Risk]
    out: type[Schema]
    create: type[In]
    patch: type[In]
    save: Callable[..., Any]
    delete: Callable[..., None]
    tags: list[str]
    list_doc: str


def add_item_routes(kind: ItemRoutes) -> None:
    name = kind.name
    items = f"/projects/{{project_id}}/{name}s"
    item = f"/{name}s/{{{name}_id}}"

    def item_create(request: AuthedRequest, project_id: int, payload: In) -> Status[Any]:
        project = _project(request, project_id, "reporting.change_project_status")
        new = kind.model(project=project)
        return Status(201, kind.save(**{name: new}, data=sent_changes(payload)))

    def item_patch(request: AuthedRequest, pk: int, payload: In) -> Any:
        found = selectors.get_project_item_for(request.user, kind.model, pk)
        return kind.save(**{name: found}, data=sent_changes(payload))

    def get_item(user: Any, pk: int) -> Any:
        return selectors.get_project_item_for(user, kind.model, pk)

    def rows(project: Project) -> QuerySet[Any]:
        return kind.model._default_manager.filter(project=project).select_related("project")

    get_project = portfolio_selectors.get_project_for
    tags = kind.tags
    router.add_list(
        items, kind.out, get_project, rows, f"{name}_list", perm=VIEW, tags=tags, doc=kind.list_doc
    )
    created, changed = {201: kind.out, **WRITE}, {200: kind.out, **WRITE}
    router.add_view("POST", items, item_create, f"{name}_create", created, [kind.create], tags=tags)
    router.add_view("PATCH", item, item_patch, f"{name}_patch", changed, [kind.patch], tags=tags)
    router.add_delete(item, get_item, kind.delete, f"{name}_delete", errors=READ, tags=tags)


add_item_routes(
    ItemRoutes(
        "milestone",
        Milestone,
        s.MilestoneOut,
        s.MilestoneCreate,
        s.MilestonePatch,
        services.milestone_save,
        services.milestone_delete,
        MILESTONES,
        "Die Meilensteine des Projekts mit ihrem Verzug in Tagen (`slippage_days`).",
    )
)
add_item_routes(
    ItemRoutes(
        "risk",
        Risk,
        s.RiskOut,
        s.RiskCreate,
        s.RiskPatch,
        services.risk_save,
        services.risk_delete,
        RISKS,
        "Die Risiken des Projekts, die größten zuerst (Wahrscheinlichkeit × Auswirkung).",
    )
)


# --- decision requests ------------------------------------------------------------------


def _requests() -> QuerySet[DecisionRequest]:
    return DecisionRequest.objects.select_related("project", "raised_by")


def _most_urgent_first(
    requests: QuerySet[DecisionRequest], filters: s.DecisionRequestFilters, *then: str
) -> QuerySet[DecisionRequest]:
    """`?status=` applied; the one needed soonest first (those without a date last), then by
    `then` and id."""
    if filters.status:
        requests = requests.filter(status=filters.status)
    return requests.order_by(F("needed_by").asc(nulls_last=True), *then, "pk")


def _resolve_report(data: dict[str, Any], project: Project) -> None:
    """The `report` id must name a report of the same project (422 otherwise)."""
    reports = StatusReport.objects.filter(project=project)
    unknown = _("Einen Bericht mit der Id %(id)s gibt es zu diesem Projekt nicht.")
    resolve_ids(data, {"report": (reports, unknown)})


@router.read(
    "/projects/{project_id}/decision-requests",
    list[s.DecisionRequestOut],
    "decision_request_list",
    tags=REQUESTS,
)
def decision_request_list(
    request: AuthedRequest, project_id: int, filters: Query[s.DecisionRequestFilters]
) -> QuerySet[DecisionRequest]:
    """Die Entscheidungsbedarfe des Projekts, der dringendste zuerst."""
    project = _project(request, project_id)
    return _most_urgent_first(_requests().filter(project=project), filters)


@router.create(
    "/projects/{project_id}/decision-requests",
    s.DecisionRequestOut,
    "decision_request_create",
    tags=REQUESTS,
)
def decision_request_create(
    request: AuthedRequest, project_id: int, payload: s.DecisionRequestCreate
) -> Status[DecisionRequest]:
    project = _project(request, project_id, "reporting.change_project_status")
    data = sent_changes(payload)
    _resolve_report(data, project)
    created = services.decision_request_save(
        request=DecisionRequest(project=project), data=data, user=request.user
    )
    return Status(201, created)


@router.write(
    "PATCH",
    "/decision-requests/{request_id}",
    s.DecisionRequestOut,
    "decision_request_patch",
    tags=REQUESTS,
)
def decision_request_patch(
    request: AuthedRequest, request_id: int, payload: s.DecisionRequestPatch
) -> DecisionRequest:
    """Offenen Entscheidungsbedarf ändern (nicht den Status: entschieden wird er durch einen
    Beschluss des Gremiums, an das er adressiert ist; 409 bei veraltetem `version`)."""
    decision = selectors.get_decision_request_for(
        request.user, request_id, "reporting.change_project_status"
    )
    data = sent_changes(payload)
    _resolve_report(data, decision.project)
    return services.decision_request_save(
        request=decision, data=data, user=request.user, expected_version=payload.version
    )


@router.write(
    "POST",
    "/decision-requests/{request_id}/withdraw",
    s.DecisionRequestOut,
    "decision_request_withdraw",
    tags=REQUESTS,
)
def decision_request_withdraw(
    request: AuthedRequest, request_id: int, payload: s.DecisionRequestWithdraw
) -> DecisionRequest:
    """Entscheidungsbedarf zurückziehen – nur wer ihn gemeldet hat oder die Projektleitung,
    mit Begründung (steht im Verlauf)."""
    decision = selectors.get_decision_request_for(
        request.user, request_id, "reporting.withdraw_decision_request"
    )
    return services.decision_request_withdraw(
        request=decision, user=request.user, reason=payload.reason, expected_version=payload.version
    )


@router.read(
    "/programmes/{slug}/decision-requests",
    list[s.DecisionRequestOut],
    "programme_decision_request_list",
    tags=REQUESTS,
)
def programme_decision_request_list(
    request: AuthedRequest, slug: str, filters: Query[s.DecisionRequestFilters]
) -> QuerySet[DecisionRequest]:
    """Die Entscheidungsbedarfe aller Projekte des Programms (`?status=open`: die offenen),
    der dringendste zuerst."""
    programme = portfolio_selectors.get_programme_for(
        request.user, slug, "reporting.view_programme_cockpit"
    )
    requests = _requests().filter(project__programme=programme)
    return _most_urgent_first(requests, filters, "project__title")
