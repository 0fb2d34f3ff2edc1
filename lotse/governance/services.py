"""Every change to Gremien, meetings, minutes, decisions and escalations (UI, API, commands)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from datetime import time
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.accounts.models import User
from lotse.finance.models import Deadline
from lotse.finance.services import deadline_mark_met
from lotse.history import record_by
from lotse.history import record_reason
from lotse.http import AnyUser
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.portfolio.models import Stage
from lotse.portfolio.services import claim_version
from lotse.portfolio.services import project_update
from lotse.portfolio.services import save_versioned
from lotse.portfolio.workdays import calendar_for
from lotse.reporting.models import DecisionRequest
from lotse.reporting.services import decision_request_mark_decided
from lotse.reporting.services import decision_request_save
from lotse.validation import check_typed_text
from lotse.validation import raise_errors

from . import cadence
from .escalation import body_levels
from .escalation import next_body
from .models import ActionItem
from .models import AgendaItem
from .models import Attendance
from .models import Body
from .models import Cadence
from .models import CalendarToken
from .models import Decision
from .models import DecisionKind
from .models import DutyFulfilment
from .models import Escalation
from .models import Meeting
from .models import MeetingSeries
from .models import ReportingDuty
from .signals import decision_recorded

# --- Gremien ------------------------------------------------------------------------------

SERIES_FIELDS = {
    "name",
    "purpose",
    "body",
    "escalation_level",
    "agenda_kind",
    "cadence",
    "interval_weeks",
    "first_date",
    "weekday",
    "non_working_day_rule",
    "start_time",
    "duration_minutes",
    "format",
    "location",
    "chair",
    "moderator",
    "powers",
    "minutes_public",
    "coupled_to",
}


def _author(user: AnyUser) -> User | None:
    """The user to name as author: nobody for an anonymous one."""
    return user if isinstance(user, User) else None


def _check_powers(powers: list[str] | None) -> None:
    unknown = [p for p in powers or [] if p not in DecisionKind.values]
    if unknown:
        raise ValidationError(
            {"powers": [_("Unbekannte Entscheidungsart: %(kind)s") % {"kind": ", ".join(unknown)}]}
        )


@transaction.atomic
def meeting_series_save(
    *,
    series: MeetingSeries,
    data: dict[str, Any],
    members: Iterable[User] | None = None,
    expected_version: int | None = None,
) -> MeetingSeries:
    for name, value in data.items():
        if name not in SERIES_FIELDS:
            raise ValueError(f"not an editable series field: {name}")
        setattr(series, name, value)
    _check_powers(series.powers)
    clash = MeetingSeries.objects.filter(programme_id=series.programme_id, name=series.name)
    if series.pk:
        clash = clash.exclude(pk=series.pk)
    if clash.exists():
        raise ValidationError({"name": [_("Ein Gremium mit diesem Namen gibt es bereits.")]})
    if series.coupled_to is not None and (
        series.coupled_to_id == series.pk or series.coupled_to.programme_id != series.programme_id
    ):
        raise ValidationError(
            {"coupled_to": [_("Wählen Sie ein anderes Gremium desselben Programms.")]}
        )
    series.full_clean(exclude=["version", "members"], validate_constraints=False)
    save_versioned(series, expected_version)
    if members is not None:
        series.members.set(members)
    return series


# --- meetings -----------------------------------------------------------------------------


def planned_dates(series: MeetingSeries, start: date, until: date) -> list[tuple[date, date]]:
    """(cadence slot, meeting date) for every slot whose meeting falls into `start`–`until`.

    The date is the slot itself on a working day, else the next or previous working day (the
    series' rule). Two slots landing on one day (a weekly series in a blackout) keep only the
    first, so nobody gets the same meeting twice.
    """
    calendar = calendar_for(series.programme)
    forward = series.non_working_day_rule != MeetingSeries.NonWorkingDayRule.PREVIOUS
    # Widen by two weeks so slots moved across `start` or `until` are found too.
    wanted = cadence.slots(
        series.cadence,
        series.first_date,
        start - timedelta(days=14),
        until + timedelta(days=14),
        series.interval_weeks,
        series.weekday,
    )
    result: list[tuple[date, date]] = []
    taken: set[date] = set()
    for slot_day in wanted:
        day = calendar.shift(slot_day, forward=forward)
        if day in taken or not start <= day <= until:
            continue
        taken.add(day)
        result.append((slot_day, day))
    return result


def _untouched(meeting: Meeting) -> bool:
    """Generated, still planned, never moved by a person: generating may correct it."""
    return (
        meeting.slot_date is not None
        and meeting.status == Meeting.Status.PLANNED
        and not meeting.moved
    )


def _is_empty(meeting: Meeting) -> bool:
    return not (
        meeting.agenda_items.exists()
        or meeting.decisions.exists()
        or meeting.attendances.exists()
        or meeting.action_items.exists()
    )


@dataclass
class GenerateResult:
    created: int = 0
    corrected: int = 0
    removed: int = 0

    def message(self) -> str:
        text = _("%(n)d Sitzungen angelegt.") % {"n": self.created}
        if self.corrected:
            text += " " + _("%(n)d geplante Sitzungen auf einen Arbeitstag korrigiert.") % {
                "n": self.corrected
            }
        if self.removed:
            text += " " + _(
                "%(n)d leere Sitzungen entfernt, deren Termin es im Turnus nicht mehr gibt."
            ) % {"n": self.removed}
        return text


@transaction.atomic
def meetings_generate(
    *, series: MeetingSeries, until: date, start: date | None = None
) -> GenerateResult:
    """Create the meetings of every cadence slot from `start` (default: today) to `until`, on
    working days, and correct the future generated meetings that break the rule.

    Idempotent. Held, cancelled and moved meetings are never touched. A future generated
    meeting on a wrong day is moved to the right date of its slot; one whose slot the cadence
    no longer has takes over the nearest free slot (so its agenda is kept), or is removed if
    nothing was prepared for it yet.
    """
    # Two runs for one series at once (two clicks, the nightly run and a click) would both
    # find a slot empty and the second insert would break the one-meeting-per-slot constraint:
    # the series' row is locked first, so the second run waits and then finds the meetings.
    MeetingSeries.objects.select_for_update().filter(pk=series.pk).first()
    start = start or timezone.localdate()
    plan = planned_dates(series, start, until)
    date_of = dict(plan)
    existing = list(
        Meeting.objects.filter(series=series, slot_date__isnull=False).filter(
            Q(slot_date__in=list(date_of)) | Q(date__gte=start, date__lte=until)
        )
    )
    result = GenerateResult()
    by_slot = {m.slot_date: m for m in existing}
    blocked_days = {m.date for m in existing if not _untouched(m)}
    free = [s for s, day in plan if s not in by_slot and day not in blocked_days]
    reason = _("an den Arbeitstagekalender angepasst")
    for meeting in sorted(existing, key=lambda m: m.date):
        if not _untouched(meeting) or meeting.date < start:
            continue
        slot = meeting.slot_date
        if slot is None:  # not generated (the query reads only generated ones)
            continue
        wanted_day = date_of.get(slot)
        if wanted_day is None:
            # Its slot is gone (changed cadence or weekday, or two slots on one day).
            step = max(3, (cadence.week_step(series.cadence, series.interval_weeks) or 28) // 2)
            near = [s for s in free if abs((s - slot).days) <= step]
            if near:
                slot_day = min(near, key=lambda s: abs((s - slot).days))
                free.remove(slot_day)
                meeting.slot_date, wanted_day = slot_day, date_of[slot_day]
            elif _is_empty(meeting):
                meeting.delete()
                result.removed += 1
                continue
            else:
                continue
        if meeting.date != wanted_day or meeting.start_time != series.start_time:
            meeting.date, meeting.start_time = wanted_day, series.start_time
            record_reason(meeting, reason)
            meeting.save()
            result.corrected += 1
    have = set(
        Meeting.objects.filter(series=series, slot_date__in=list(date_of)).values_list(
            "slot_date", flat=True
        )
    )
    days_taken = set(
        Meeting.objects.filter(series=series, date__in=list(date_of.values())).values_list(
            "date", flat=True
        )
    )
    for slot_day, day in plan:
        if slot_day in have or day in days_taken:
            continue
        Meeting.objects.create(
            series=series,
            slot_date=slot_day,
            date=day,
            start_time=series.start_time,
            duration_minutes=series.duration_minutes,
            location=series.location,
        )
        result.created += 1
    return result


def programme_meetings_generate(
    *, programme: Programme, until: date, start: date | None = None
) -> GenerateResult:
    total = GenerateResult()
    for series in MeetingSeries.objects.filter(programme=programme).select_related("programme"):
        one = meetings_generate(series=series, until=until, start=start)
        total.created += one.created
        total.corrected += one.corrected
        total.removed += one.removed
    return total


@transaction.atomic
def meeting_create(*, series: MeetingSeries, data: dict) -> Meeting:
    """An extra (außerplanmäßige) meeting outside the cadence."""
    meeting = Meeting(
        series=series,
        start_time=series.start_time,
        duration_minutes=series.duration_minutes,
        location=series.location,
    )
    for name, value in data.items():
        setattr(meeting, name, value)
    meeting.full_clean(exclude=["version"], validate_constraints=False)
    meeting.save()
    return meeting


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Bitte geben Sie einen Grund an.")]})
    return reason


@transaction.atomic
def meeting_move(
    *,
    meeting: Meeting,
    new_date: date,
    reason: str,
    start_time: time | None = None,
    duration_minutes: int | None = None,
    expected_version: int | None = None,
) -> Meeting:
    if meeting.is_cancelled:
        raise ValidationError(_("Eine abgesagte Sitzung kann nicht verschoben werden."))
    meeting.change_reason = _require_reason(reason)
    if not meeting.moved:
        meeting.moved, meeting.moved_from = True, meeting.date
    meeting.date = new_date
    if start_time is not None:
        meeting.start_time = start_time
    if duration_minutes:
        meeting.duration_minutes = duration_minutes
    meeting.full_clean(exclude=["version"], validate_constraints=False)
    claim_version(meeting, expected_version)
    meeting.save()
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str) -> Meeting:
    if meeting.status == Meeting.Status.HELD:
        raise ValidationError(_("Eine Sitzung mit Protokoll kann nicht mehr abgesagt werden."))
    meeting.change_reason = _require_reason(reason)
    meeting.status = Meeting.Status.CANCELLED
    claim_version(meeting, None)  # calendar apps see a higher SEQUENCE and take the change
    meeting.save()
    return meeting


def _minutes_open(meeting: Meeting) -> None:
    """Minutes are taken from the meeting's day on, until the chair or PMO closes them."""
    if meeting.is_cancelled:
        raise ValidationError(_("Die Sitzung ist abgesagt; dazu gibt es kein Protokoll."))
    if meeting.date > timezone.localdate():
        raise ValidationError(
            _(
                "Die Sitzung am %(day)s hat noch nicht stattgefunden. Protokoll und Beschlüsse "
                "können erst ab dem Sitzungstag festgehalten werden."
            )
            % {"day": meeting.date.strftime("%d.%m.%Y")}
        )
    if meeting.status == Meeting.Status.HELD:
        raise ValidationError(
            _("Das Protokoll dieser Sitzung ist abgeschlossen und kann nicht mehr geändert werden.")
        )


def minutes_document_check(meeting: Meeting) -> None:
    """The minutes as a document exist once they are closed (the meeting held): none for a
    cancelled meeting, none before its day, none while they are open."""
    if meeting.is_cancelled or meeting.date > timezone.localdate():
        _minutes_open(meeting)  # says which, in the words the minutes' forms use
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(
            _(
                "Das Protokoll dieser Sitzung ist noch nicht abgeschlossen; das PDF gibt es "
                "erst danach."
            )
        )


@transaction.atomic
def meeting_close_minutes(*, meeting: Meeting, user: AnyUser) -> Meeting:
    """Close the minutes: only now does the meeting count as held. The chair of the Gremium
    or the programme office (PMO, programme manager) closes them, on or after its day."""
    if user is None or not user.has_perm("governance.close_minutes", meeting):
        raise PermissionDenied(
            _("Das Protokoll schließen der Vorsitz des Gremiums oder das PMO ab.")
        )
    _minutes_open(meeting)
    claim_version(meeting, None)
    meeting.status = Meeting.Status.HELD
    record_by(meeting, user)
    record_reason(meeting, _("Protokoll abgeschlossen"))
    meeting.save()
    return meeting


# --- agenda -------------------------------------------------------------------------------


def _lock(meeting: Meeting) -> None:
    """Lock the meeting's row for the rest of the transaction: two people writing its agenda
    or its attendance at once would otherwise both read it before either writes (the same
    place for two items; the second person's row breaking one-attendance-per-person)."""
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()


def _next_position(meeting: Meeting) -> int:
    last = meeting.agenda_items.aggregate(m=Max("position"))["m"]
    return 0 if last is None else last + 1


@transaction.atomic
def agenda_item_add(*, meeting: Meeting, data: dict) -> AgendaItem:
    _lock(meeting)
    item = AgendaItem(
        meeting=meeting, position=_next_position(meeting), kind=AgendaItem.Kind.MANUAL
    )
    return agenda_item_update(item=item, data=data)


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, data: dict[str, Any]) -> AgendaItem:
    for name in ("title", "description", "minutes", "project", "notes"):
        if name in data:
            setattr(item, name, data[name])
    if item.project is not None and item.project.programme_id != item.meeting.series.programme_id:
        raise ValidationError({"project": [_("Das Projekt gehört zu einem anderen Programm.")]})
    item.full_clean(validate_constraints=False)
    item.save()
    return item


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, direction: int) -> None:
    """Swap the item with its visible neighbour above (-1) or below (+1)."""
    items = list(item.meeting.agenda_items.filter(removed=False).order_by("position", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index + (1 if direction > 0 else -1)
    if not 0 <= target < len(items):
        return
    items[index], items[target] = items[target], items[index]
    for position, other in enumerate(items):
        if other.position != position:
            other.position = position
            other.save(update_fields=["position"])


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem) -> None:
    """Manual items go; live items are hidden so that assembling again keeps them off."""
    if item.source_key:
        item.removed = True
        item.save(update_fields=["removed"])
    else:
        item.delete()


# --- minutes ------------------------------------------------------------------------------


@transaction.atomic
def attendance_set(*, meeting: Meeting, people: dict, guests: list[str] | None = None) -> None:
    """`people` maps users to present/excused (or "" to clear); guests are added by name."""
    _minutes_open(meeting)
    _lock(meeting)
    existing = {a.user_id: a for a in meeting.attendances.filter(user__isnull=False)}
    for user, status in people.items():
        row = existing.get(user.pk)
        if not status:
            if row:
                row.delete()
            continue
        if status not in Attendance.Status.values:
            raise ValidationError({"status": [_("Unbekannter Status: %(s)s") % {"s": status}]})
        if row is None:
            Attendance.objects.create(meeting=meeting, user=user, status=status)
        elif row.status != status:
            row.status = status
            row.save(update_fields=["status"])
    for name in guests or []:
        name = name.strip()
        if name and not meeting.attendances.filter(guest_name=name).exists():
            Attendance.objects.create(
                meeting=meeting, guest_name=name, status=Attendance.Status.GUEST
            )


@transaction.atomic
def meeting_notes_save(*, meeting: Meeting, notes: str) -> Meeting:
    """The general notes of the minutes (beyond the notes per agenda item)."""
    _minutes_open(meeting)
    meeting.minutes_notes = notes
    meeting.save(update_fields=["minutes_notes"])
    return meeting


@transaction.atomic
def agenda_item_note(*, item: AgendaItem, notes: str) -> AgendaItem:
    _minutes_open(item.meeting)
    item.notes = notes
    item.save(update_fields=["notes"])
    return item


# What a decision does to the project: the stages it may come from and the one it goes to.
STAGE_EFFECTS = {
    DecisionKind.RELEASE_INITIATION: (
        {Stage.IDEA, Stage.PLANNING, Stage.START_SOON, Stage.PAUSED},
        Stage.RUNNING,
    ),
    DecisionKind.ACCEPT_RESULTS: ({Stage.RUNNING, Stage.PARTLY_RUNNING}, Stage.COMPLETED),
    DecisionKind.CANCEL_PROJECT: (
        {
            Stage.IDEA,
            Stage.PLANNING,
            Stage.START_SOON,
            Stage.PARTLY_RUNNING,
            Stage.RUNNING,
            Stage.PAUSED,
        },
        Stage.CANCELLED,
    ),
}


def _check_decision(
    meeting: Meeting, kind: str, project: Project | None, request: DecisionRequest | None
) -> None:
    series = meeting.series
    errors: dict[str, list[str]] = {}
    if kind not in DecisionKind.values:
        errors["kind"] = [_("Unbekannte Entscheidungsart.")]
    elif kind not in series.powers:
        errors["kind"] = [
            _("„%(series)s“ darf keine Entscheidung der Art „%(kind)s“ treffen.")
            % {"series": series.name, "kind": DecisionKind(kind).label}
        ]
    if project is not None and project.programme_id != series.programme_id:
        errors["project"] = [_("Das Projekt gehört zu einem anderen Programm.")]
    elif kind in STAGE_EFFECTS and not errors.get("kind"):
        allowed, _target = STAGE_EFFECTS[DecisionKind(kind)]
        if project is None:
            errors["project"] = [_("Diese Entscheidung betrifft ein Projekt; bitte wählen Sie es.")]
        elif project.stage not in allowed:
            errors["project"] = [
                _("„%(project)s“ ist in der Phase „%(stage)s“; das passt nicht zu „%(kind)s“.")
                % {
                    "project": project.title,
                    "stage": project.get_stage_display(),
                    "kind": DecisionKind(kind).label,
                }
            ]
    if request is not None:
        if request.project.programme_id != series.programme_id:
            errors["decision_request"] = [
                _("Der Entscheidungsbedarf gehört zu einem anderen Programm.")
            ]
        elif request.status != DecisionRequest.Status.OPEN:
            errors["decision_request"] = [_("Dieser Entscheidungsbedarf ist nicht mehr offen.")]
        elif project is not None and request.project_id != project.pk:
            errors["decision_request"] = [
                _("Der Entscheidungsbedarf gehört zu einem anderen Projekt.")
            ]
    raise_errors(errors)


def _check_entitled(meeting: Meeting, request: DecisionRequest, user: AnyUser) -> None:
    """A request is decided at its current escalation level: in a meeting of the Gremium it is
    addressed to, or — when the programme has no Gremium for that addressee (e.g. the
    programme manager) — of a Gremium on that level or above; and only by someone who runs
    that meeting (chair, moderation, programme office)."""
    series = meeting.series
    levels, with_series = body_levels(series.programme_id)
    addressed = request.addressed_to
    if addressed in with_series:
        entitled = series.body == addressed
    else:
        level = series.escalation_level or levels.get(series.body, 0)
        entitled = bool(series.body) and level >= levels.get(addressed, 0)
    if not entitled:
        raise ValidationError(
            {
                "decision_request": [
                    _(
                        "Der Entscheidungsbedarf ist an „%(body)s“ adressiert; „%(series)s“ "
                        "kann ihn nicht entscheiden."
                    )
                    % {"body": Body(addressed).label, "series": series.name}
                ]
            }
        )
    if user is None or not user.has_perm("governance.run_meeting", meeting):
        raise PermissionDenied(
            _("Nur Vorsitz, Moderation oder das PMO halten Beschlüsse dieser Sitzung fest.")
        )


def _meet_deadline(decision: Decision, agenda_item: AgendaItem) -> None:
    """A decision on a funding deadline's agenda item meets the deadline (finance records
    it with the decision's date and wording; a deadline already met or missed stays so)."""
    prefix, _sep, pk = agenda_item.source_key.partition(":")
    if prefix != "deadline" or not pk.isdigit():
        return
    deadline = Deadline.objects.filter(
        pk=int(pk), programme_id=decision.programme_id, status=Deadline.Status.OPEN
    ).first()
    if deadline is None:
        return
    meeting = decision.meeting
    deadline_mark_met(
        deadline=deadline,
        met_on=decision.decided_on,
        resolution=_("Beschluss %(series)s vom %(day)s: %(wording)s")
        % {
            "series": meeting.series.name,
            "day": decision.decided_on.strftime("%d.%m.%Y"),
            "wording": decision.wording,
        },
    )


@transaction.atomic
def decision_record(
    *,
    meeting: Meeting,
    kind: str,
    wording: str,
    user: AnyUser,
    rationale: str = "",
    project: Project | None = None,
    decision_request: DecisionRequest | None = None,
    agenda_item: AgendaItem | None = None,
) -> Decision:
    """Record a Beschluss. Release / accept / cancel change the project's stage (in its
    history) and are refused unless the meeting's Gremium holds that power."""
    if project is None and decision_request is not None:
        project = decision_request.project
    if project is not None:
        project = Project.objects.select_for_update().get(pk=project.pk)
    _minutes_open(meeting)
    _check_decision(meeting, kind, project, decision_request)
    if decision_request is not None:
        _check_entitled(meeting, decision_request, user)
    if not (wording or "").strip():
        raise ValidationError({"wording": [_("Bitte geben Sie den Beschlusstext ein.")]})
    # The gate's page posts the wording from an input of its own (no form field checks it).
    check_typed_text(wording, Decision, "wording")
    check_typed_text(rationale, Decision, "rationale")
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError(
            {"agenda_item": [_("Der Punkt steht nicht auf dieser Tagesordnung.")]}
        )
    decision = Decision(
        programme_id=meeting.series.programme_id,
        meeting=meeting,
        agenda_item=agenda_item,
        kind=kind,
        wording=wording.strip(),
        rationale=rationale,
        project=project,
        decision_request=decision_request,
        decided_on=meeting.date,
        recorded_by=_author(user),
    )
    if project is not None and kind in STAGE_EFFECTS:
        target = STAGE_EFFECTS[DecisionKind(kind)][1]
        decision.stage_before, decision.stage_after = project.stage, target
        record_by(project, user)
        record_reason(
            project,
            _("Beschluss %(series)s vom %(day)s: %(kind)s")
            % {
                "series": meeting.series.name,
                "day": meeting.date.strftime("%d.%m.%Y"),
                "kind": DecisionKind(kind).label,
            },
        )
        project_update(project=project, data={"stage": target}, expected_version=None)
    decision.save()
    if agenda_item is not None:
        _meet_deadline(decision, agenda_item)
    if decision_request is not None:
        record_reason(
            decision_request,
            _("Entschieden: %(series)s vom %(day)s")
            % {"series": meeting.series.name, "day": meeting.date.strftime("%d.%m.%Y")},
        )
        decision_request_mark_decided(request=decision_request, user=user)
    decision_recorded.send(sender=Decision, decision=decision, user=user)
    return decision


@transaction.atomic
def action_item_create(
    *,
    meeting: Meeting,
    title: str,
    user: User,
    owner: User | None = None,
    due_date: date | None = None,
    agenda_item: AgendaItem | None = None,
    decision: Decision | None = None,
    on_board: bool = False,
) -> ActionItem:
    """An Aufgabe from the minutes; with `on_board` also a card on the PMO board."""
    from lotse.boards.services import card_create
    from lotse.boards.services import programme_board_ensure

    if not (title or "").strip():
        raise ValidationError({"title": [_("Bitte beschreiben Sie die Aufgabe.")]})
    _minutes_open(meeting)
    item = ActionItem(
        meeting=meeting,
        title=title.strip(),
        owner=owner,
        due_date=due_date,
        agenda_item=agenda_item,
        decision=decision,
    )
    if on_board:
        board = programme_board_ensure(meeting.series.programme)
        item.card = card_create(
            board=board,
            title=item.title,
            user=user,
            description=_("Aufgabe aus %(meeting)s") % {"meeting": meeting},
            assignee=owner,
            due_date=due_date,
        )
    item.save()
    return item


@transaction.atomic
def action_item_done(*, item: ActionItem, done: bool = True) -> ActionItem:
    item.done = done
    item.save(update_fields=["done"])
    return item


# --- escalation ---------------------------------------------------------------------------


@transaction.atomic
def decision_request_escalate(
    *, request: DecisionRequest, reason: str, user: AnyUser
) -> Escalation:
    """Address the request to the next body up the escalation path and record the step."""
    request = (
        DecisionRequest.objects.select_for_update().select_related("project").get(pk=request.pk)
    )
    if request.status != DecisionRequest.Status.OPEN:
        raise ValidationError(_("Nur offene Entscheidungsbedarfe können eskaliert werden."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Bitte begründen Sie die Eskalation.")]})
    target = next_body(request.project.programme_id, request.addressed_to)
    if target is None:
        raise ValidationError(
            _("„%(body)s“ ist das höchste Gremium; eine weitere Eskalation ist nicht möglich.")
            % {"body": Body(request.addressed_to).label}
        )
    escalation = Escalation.objects.create(
        decision_request=request,
        from_body=request.addressed_to,
        to_body=target,
        reason=reason,
        escalated_by=_author(user),
    )
    record_by(request, user)
    record_reason(
        request,
        _("Eskaliert an %(body)s: %(reason)s") % {"body": Body(target).label, "reason": reason},
    )
    decision_request_save(request=request, data={"addressed_to": target})
    return escalation


# --- reporting duties ---------------------------------------------------------------------


@transaction.atomic
def reporting_duty_save(*, duty: ReportingDuty, data: dict) -> ReportingDuty:
    for name, value in data.items():
        setattr(duty, name, value)
    if duty.cadence == Cadence.AD_HOC:
        raise ValidationError({"cadence": [_("Eine Berichtspflicht braucht einen festen Turnus.")]})
    duty.full_clean(exclude=["version"], validate_constraints=False)
    duty.save()
    return duty


@transaction.atomic
def reporting_duty_fulfil(
    *, duty: ReportingDuty, fulfilled_on: date, user: AnyUser, note: str = ""
) -> DutyFulfilment:
    if fulfilled_on > timezone.localdate():
        raise ValidationError({"fulfilled_on": [_("Das Datum darf nicht in der Zukunft liegen.")]})
    fulfilment = DutyFulfilment.objects.create(
        duty=duty, fulfilled_on=fulfilled_on, note=note, recorded_by=_author(user)
    )
    if duty.last_fulfilled is None or fulfilled_on > duty.last_fulfilled:
        duty.last_fulfilled = fulfilled_on
        duty.save(update_fields=["last_fulfilled"])
    return fulfilment


# --- calendar feed tokens -----------------------------------------------------------------


@transaction.atomic
def calendar_token_revoke(*, user: User) -> int:
    return CalendarToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


@transaction.atomic
def calendar_token_create(*, user: User) -> str:
    """A new secret for the personal feed URL; any earlier one stops working. Shown once."""
    calendar_token_revoke(user=user)
    secret = CalendarToken.new_secret()
    CalendarToken.objects.create(
        user=user, token_hash=CalendarToken.hash_secret(secret), hint=secret[:6]
    )
    return secret


def calendar_token_user(secret: str) -> User | None:
    token = (
        CalendarToken.objects.filter(
            token_hash=CalendarToken.hash_secret(secret), revoked_at__isnull=True
        )
        .select_related("user")
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    return token.user
