"""Governance endpoints: Gremien, meetings, agenda items, decisions, action items and decision
requests with their escalation path. Same selectors, services and rules as the UI."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db.models import F
from django.db.models import Model
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query
from ninja import Status

from lotse.api_helpers import ApiRouter
from lotse.api_helpers import resolve_id
from lotse.http import AuthedRequest
from lotse.portfolio import selectors as portfolio_selectors
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.reporting.models import DecisionRequest

from . import schemas as s
from . import selectors
from . import services
from .agenda import agenda_assemble
from .agenda import agenda_fit
from .agenda import further_topics
from .models import ActionItem
from .models import AgendaItem
from .models import Decision
from .models import Escalation
from .models import Meeting
from .models import MeetingSeries

router = ApiRouter(tags=["Gremien"], module=__name__)

RUN = "governance.run_meeting"
MINUTES = "governance.view_minutes"


def _programme(
    request: AuthedRequest, slug: str, perm: str = "governance.view_series"
) -> Programme:
    return portfolio_selectors.get_programme_for(request.user, slug, perm)


def _meeting(request: AuthedRequest, pk: int, perm: str = "governance.view_series") -> Meeting:
    return selectors.get_meeting_for(request.user, pk, perm)


def _in_programme(
    model: type[Model], pk: int | None, programme_id: int, field: str, lookup: str = "programme_id"
) -> Any:
    in_programme = model._default_manager.filter(**{lookup: programme_id})
    return resolve_id(
        in_programme, pk, field, _("Ein Objekt mit der Id %(id)s gibt es hier nicht.")
    )


# --- series and meetings ------------------------------------------------------------------


@router.read("/programmes/{slug}/meeting-series", list[s.SeriesOut], "series_list")
def series_list(request: AuthedRequest, slug: str) -> list[MeetingSeries]:
    """Die Gremien des Programms, das höchste zuerst."""
    return selectors.programme_series(_programme(request, slug))


router.add_detail(
    "/meeting-series/{series_id}", s.SeriesOut, selectors.get_series_for, "series_get"
)
router.add_list(
    "/meeting-series/{series_id}/meetings",
    s.MeetingOut,
    selectors.get_series_for,
    lambda series: series.meetings.select_related("series").order_by("date", "start_time", "pk"),
    "meeting_list",
)


@router.write("POST", "/meeting-series/{series_id}/generate", dict, "meetings_generate")
def meetings_generate(
    request: AuthedRequest, series_id: int, payload: s.GenerateIn
) -> dict[str, int]:
    """Sitzungen aus dem Turnus bis `until` an Arbeitstagen anlegen (idempotent); künftige
    erzeugte Sitzungen auf arbeitsfreien Tagen werden korrigiert. Liefert die Anzahlen."""
    series = selectors.get_series_for(request.user, series_id, "governance.manage_series")
    result = services.meetings_generate(series=series, until=payload.until)
    return {"created": result.created, "corrected": result.corrected, "removed": result.removed}


router.add_detail("/meetings/{meeting_id}", s.MeetingOut, selectors.get_meeting_for, "meeting_get")


@router.write("POST", "/meetings/{meeting_id}/move", s.MeetingOut, "meeting_move")
def meeting_move(request: AuthedRequest, meeting_id: int, payload: s.MoveIn) -> Meeting:
    meeting = _meeting(request, meeting_id, RUN)
    return services.meeting_move(
        meeting=meeting,
        new_date=payload.date,
        reason=payload.reason,
        start_time=payload.start_time,
        duration_minutes=payload.duration_minutes,
        expected_version=payload.version,
    )


@router.write("POST", "/meetings/{meeting_id}/cancel", s.MeetingOut, "meeting_cancel")
def meeting_cancel(request: AuthedRequest, meeting_id: int, payload: s.ReasonIn) -> Meeting:
    """Die Sitzung absagen, mit Begründung (`reason`, sie steht bei der Sitzung); eine Sitzung
    mit abgeschlossenem Protokoll nicht mehr."""
    return services.meeting_cancel(
        meeting=_meeting(request, meeting_id, RUN), reason=payload.reason
    )


@router.write("POST", "/meetings/{meeting_id}/close-minutes", s.MeetingOut, "meeting_close_minutes")
def meeting_close_minutes(request: AuthedRequest, meeting_id: int) -> Meeting:
    """Protokoll abschließen (Vorsitz oder PMO, ab dem Sitzungstag): erst dann gilt die
    Sitzung als stattgefunden; danach ist das Protokoll nicht mehr änderbar."""
    meeting = _meeting(request, meeting_id, "governance.close_minutes")
    return services.meeting_close_minutes(meeting=meeting, user=request.user)


# --- agenda -------------------------------------------------------------------------------


def _items_out(
    request: AuthedRequest, meeting: Meeting, items: list[AgendaItem]
) -> list[dict[str, Any]]:
    """The items as the API shows them: `notes` only for those who may read the minutes.
    Handed back as the values the schema reads (by its aliases, `meeting_id` …): ninja reads
    the answer again through the schema, and a schema instance has `meeting`, not
    `meeting_id`, so returning instances answered 500 for every agenda with items."""
    may_read_notes = request.user.has_perm("governance.view_minutes", meeting)
    return [
        s.AgendaItemOut.model_validate(item).model_dump(by_alias=True)
        | ({} if may_read_notes else {"notes": None})
        for item in items
    ]


@router.read("/meetings/{meeting_id}/agenda-items", list[s.AgendaItemOut], "agenda_list")
def agenda_list(request: AuthedRequest, meeting_id: int) -> list[dict[str, Any]]:
    """Die Tagesordnung in ihrer Reihenfolge (`notes` nur für Berechtigte des Protokolls)."""
    meeting = _meeting(request, meeting_id)
    return _items_out(request, meeting, selectors.agenda_items(meeting))


@router.write("POST", "/meetings/{meeting_id}/agenda-items/assemble", dict, "agenda_assemble_api")
def agenda_assemble_api(request: AuthedRequest, meeting_id: int) -> dict[str, object]:
    """Die Tagesordnung um das ergänzen, was in dieser Sitzung fällig ist (dringendstes zuerst);
    nichts wird doppelt angelegt. Liefert die Anzahl neuer Punkte, die geplante Zeit im
    Vergleich zur Sitzungsdauer, die Punkte, die nicht mehr in die Zeit passen (`overflow`,
    Ids), und die weiteren, nicht fälligen Themen (`further`)."""
    meeting = _meeting(request, meeting_id, RUN)
    today = timezone.localdate()
    created = agenda_assemble(meeting=meeting, today=today)
    fit = agenda_fit(selectors.agenda_items(meeting), meeting.duration_minutes)
    return {
        "created": created,
        "total_minutes": fit.total,
        "duration_minutes": meeting.duration_minutes,
        "fits": fit.fits,
        "overflow": [item.pk for item in fit.overflow],
        "further": [
            {"source_key": t.source_key, "title": t.title, "reason": t.reason}
            for t in further_topics(meeting, today)
        ],
    }


@router.create("/meetings/{meeting_id}/agenda-items", s.AgendaItemOut, "agenda_add")
def agenda_add(
    request: AuthedRequest, meeting_id: int, payload: s.AgendaItemIn
) -> Status[AgendaItem]:
    meeting = _meeting(request, meeting_id, RUN)
    data = payload.model_dump()
    data["project"] = _in_programme(
        Project, data["project"], meeting.series.programme_id, "project"
    )
    return Status(201, services.agenda_item_add(meeting=meeting, data=data))


def _item(request: AuthedRequest, item_id: int) -> AgendaItem:
    return selectors.get_agenda_item_for(request.user, item_id, RUN)


@router.write("PATCH", "/agenda-items/{item_id}", s.AgendaItemOut, "agenda_patch")
def agenda_patch(request: AuthedRequest, item_id: int, payload: s.AgendaItemPatch) -> AgendaItem:
    """Punkt ändern; `move`: `up` oder `down` verschiebt ihn um eine Stelle."""
    item = _item(request, item_id)
    data = payload.model_dump(exclude_unset=True)
    move = data.pop("move", None)
    for name in ("title", "minutes", "description", "notes"):
        if name in data and data[name] is None:
            raise ValidationError({name: [_("Dieses Feld darf nicht leer sein.")]})
    if data:
        services.agenda_item_update(item=item, data=data)
    if move:
        services.agenda_item_move(item=item, direction=-1 if move == "up" else 1)
        item.refresh_from_db()
    return item


router.add_delete(
    "/agenda-items/{item_id}",
    selectors.get_agenda_item_for,
    services.agenda_item_remove,
    "agenda_delete",
    perm=RUN,
)


# --- decisions and action items -----------------------------------------------------------


@router.read("/programmes/{slug}/decisions", list[s.DecisionOut], "decision_list")
def decision_list(
    request: AuthedRequest, slug: str, filters: Query[s.DecisionFilters]
) -> QuerySet[Decision]:
    """Das Beschlussbuch: neueste zuerst; Beschlüsse nicht öffentlicher Gremien nur für deren
    Mitglieder und das PMO."""
    programme = _programme(request, slug)
    return selectors.decision_log(programme, request.user, filters.model_dump(exclude_none=True))


router.add_list(
    "/meetings/{meeting_id}/decisions",
    s.DecisionOut,
    selectors.get_meeting_for,
    selectors.meeting_decisions,
    "meeting_decisions",
    perm=MINUTES,
)


@router.create("/meetings/{meeting_id}/decisions", s.DecisionOut, "decision_create")
def decision_create(
    request: AuthedRequest, meeting_id: int, payload: s.DecisionIn
) -> Status[Decision]:
    """Beschluss festhalten. Freigabe, Abnahme und Abbruch ändern die Phase des Projekts und
    sind nur in einem Gremium mit dieser Befugnis möglich (sonst 422)."""
    meeting = _meeting(request, meeting_id, RUN)
    programme_id = meeting.series.programme_id
    decision = services.decision_record(
        meeting=meeting,
        kind=payload.kind,
        wording=payload.wording,
        rationale=payload.rationale,
        project=_in_programme(Project, payload.project, programme_id, "project"),
        decision_request=_in_programme(
            DecisionRequest,
            payload.decision_request,
            programme_id,
            "decision_request",
            "project__programme_id",
        ),
        agenda_item=_in_programme(
            AgendaItem, payload.agenda_item, meeting.pk, "agenda_item", "meeting_id"
        ),
        user=request.user,
    )
    return Status(201, decision)


router.add_list(
    "/meetings/{meeting_id}/action-items",
    s.ActionItemOut,
    selectors.get_meeting_for,
    selectors.meeting_action_items,
    "action_list",
    perm=MINUTES,
)


@router.create("/meetings/{meeting_id}/action-items", s.ActionItemOut, "meeting_action_create")
def action_create(
    request: AuthedRequest, meeting_id: int, payload: s.ActionItemIn
) -> Status[ActionItem]:
    from django.contrib.auth import get_user_model

    meeting = _meeting(request, meeting_id, RUN)
    people = get_user_model().objects.filter(is_active=True)
    owner = resolve_id(people, payload.owner, "owner", _("Diese Person gibt es nicht."))
    item = services.action_item_create(
        meeting=meeting,
        title=payload.title,
        owner=owner,
        due_date=payload.due_date,
        agenda_item=_in_programme(
            AgendaItem, payload.agenda_item, meeting.pk, "agenda_item", "meeting_id"
        ),
        on_board=payload.on_board,
        user=request.user,
    )
    return Status(201, item)


# --- decision requests and escalation -----------------------------------------------------


@router.read("/programmes/{slug}/escalation-requests", list[s.RequestOut], "request_list")
def request_list(
    request: AuthedRequest,
    slug: str,
    status: str = Query(
        "open", description="Nur Entscheidungsbedarfe in diesem Status (Code); leer: alle."
    ),
) -> list[selectors.RequestWithPath]:
    """Entscheidungsbedarfe mit Eskalationspfad, nächstem Gremium und Überfälligkeit."""
    programme = _programme(request, slug)
    queryset = (
        DecisionRequest.objects.filter(project__programme=programme)
        .select_related("project", "raised_by")
        .order_by(F("needed_by").asc(nulls_last=True), "pk")
    )
    if status:
        queryset = queryset.filter(status=status)
    return selectors.requests_with_paths(programme, queryset, timezone.localdate())


@router.create("/decision-requests/{request_id}/escalate", s.EscalationOut, "request_escalate")
def request_escalate(
    request: AuthedRequest, request_id: int, payload: s.ReasonIn
) -> Status[Escalation]:
    """An das nächsthöhere Gremium eskalieren, mit Begründung (`reason`)."""
    decision_request = selectors.get_request_for(request.user, request_id)
    if not request.user.has_perm("governance.escalate_request", decision_request):
        raise PermissionDenied
    return Status(
        201,
        services.decision_request_escalate(
            request=decision_request, reason=payload.reason, user=request.user
        ),
    )
