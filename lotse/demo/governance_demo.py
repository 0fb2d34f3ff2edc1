"""Potsdam's six Gremien (Programmauftrag 4.2), their meetings around `today`, one past
Transformationskonferenz with minutes, and the reporting duties of chapter 5.

Cadence, duration, format, chair and moderation come from the Programmauftrag (seed 000);
weekdays, start times, members, the past meeting's minutes and decisions are example data
(Beispieldaten). Meetings fall on working days in Brandenburg (Potsdam's Bundesland), none
between 24.12. and 01.01. The mayor chairs the Strategie-BK and the Transformationskonferenz; the demo
has no mayor, so the demo user "auftraggeber" (Auftraggeber/in) stands in. Create-only: rows
that exist are left as they are.
"""

from collections import Counter
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from lotse.demo.history_order import recorded_at
from lotse.governance import services
from lotse.governance.agenda import agenda_assemble
from lotse.governance.models import DecisionKind
from lotse.governance.models import Meeting
from lotse.governance.models import MeetingSeries
from lotse.governance.models import ReportingDuty
from lotse.governance.models import Weekday
from lotse.history import at
from lotse.history import current_moment
from lotse.history import valid_from
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.portfolio.models import Stage
from lotse.portfolio.services import programme_update
from lotse.portfolio.services import project_propose_release

EXAMPLE = "Beispieldaten"
PUBLIC_EXAMPLE = "(Beispieltext der Demo)"  # as lotse.demo.public_demo marks its summaries
PAST_DAYS = 90
HORIZON_DAYS = 180
RATHAUS = "Rathaus Potsdam"

# (name, values, member usernames); first_date offsets in days from today.
SERIES: list[tuple[str, dict[str, Any], list[str]]] = [
    (
        "Strategie-BK",
        {
            "purpose": "Die Strategie-BK dient der quartalsweisen Information aller "
            "Geschäftsbereiche über zentrale Aktivitäten, Meilensteine und Ergebnisse des "
            "Transformationsprogramms im Rahmen der regulären Beigeordnetenkonferenz des "
            "Oberbürgermeisters. Ggf. Herbeiführung von strategischen Entscheidungen; höchstes "
            "Eskalationsgremium.",
            "cadence": "quarterly",
            "offset": 40,
            "weekday": Weekday.MONDAY,
            "start_time": time(9, 0),
            "duration_minutes": 30,
            "format": "on_site",
            "location": RATHAUS,
            "chair": "auftraggeber",
            "moderator": "auftraggeber",
            "body": "strategy_bk",
            "escalation_level": 3,
            "powers": [DecisionKind.STRATEGIC, DecisionKind.OTHER],
        },
        ["programmleitung"],
    ),
    (
        "Transformationskonferenz",
        {
            "purpose": "Die Transformationskonferenz ist das zentrale Beratungs- und "
            "Entscheidungsgremium des Transformationsprogramms unter Leitung des "
            "Oberbürgermeisters in seiner Rolle als Auftraggeber: Freigabe Projektinitiierung, "
            "Abnahme und Freigabe von Projektergebnissen, Beschluss Projektabbruch.",
            "cadence": "weeks",
            "interval_weeks": 6,
            "offset": -21,
            "weekday": Weekday.TUESDAY,
            "start_time": time(10, 0),
            "duration_minutes": 90,
            "format": "on_site",
            "location": RATHAUS,
            "chair": "auftraggeber",
            "moderator": "programmleitung",
            "body": "transformation_conference",
            "escalation_level": 2,
            "agenda_kind": "transformation",
            # Phase gates (Beispieldaten: the Programmauftrag names no phase model).
            "powers": [
                DecisionKind.RELEASE_INITIATION,
                DecisionKind.ACCEPT_RESULTS,
                DecisionKind.CANCEL_PROJECT,
                DecisionKind.PASS_GATE,
                DecisionKind.OTHER,
            ],
        },
        ["pmo", "projektleitung"],
    ),
    (
        "Projektcheck",
        {
            "purpose": "Der Projektcheck ermöglicht einen monatlichen Austausch aller "
            "Projektleitungen und dient der Identifikation und Herbeiführung notwendiger "
            "Entscheidungen oder Eskalationen.",
            "cadence": "monthly",
            "offset": 10,
            "weekday": Weekday.WEDNESDAY,
            "start_time": time(10, 0),
            "duration_minutes": 120,
            "format": "digital",
            "moderator": "programmleitung",
            "body": "project_check",
            "escalation_level": 1,
            "agenda_kind": "project_check",
            "powers": [DecisionKind.OTHER],
        },
        ["pmo", "projektleitung"],
    ),
    (
        "PMO-Weekly",
        {
            "purpose": "Im wöchentlichen Arbeitstermin des PMO stimmen sich der "
            "Transformationskoordinator und das PMO über die Aufgaben und Termine der laufenden "
            "Arbeitswoche ab.",
            "cadence": "weekly",
            "offset": 2,
            "weekday": Weekday.MONDAY,
            "start_time": time(9, 30),
            "duration_minutes": 30,
            "format": "digital",
            "moderator": "programmleitung",
            "body": "pmo",
            "escalation_level": 1,
            "powers": [DecisionKind.OTHER],
            "minutes_public": False,
        },
        ["pmo"],
    ),
    (
        "Quartalskonferenz",
        {
            "purpose": "Im Rahmen der Quartalskonferenzen werden die Erreichungsstände der "
            "Quartalsziele je Projekt vorgestellt sowie gewonnene Erkenntnisse im Sinne einer "
            "kontinuierlichen Verbesserung identifiziert; Ziele für das nächste Quartal nach der "
            "OKR-Methodik.",
            "cadence": "quarterly",
            "offset": 30,
            "weekday": Weekday.THURSDAY,
            "start_time": time(9, 0),
            "duration_minutes": 240,
            "format": "on_site",
            "location": "PotsdamLab",
            "chair": "programmleitung",
            "agenda_kind": "quarterly",
            "powers": [DecisionKind.REPRIORITISE, DecisionKind.OTHER],
        },
        ["pmo", "projektleitung", "bcm"],
    ),
    (
        "Soundingboard",
        {
            "purpose": "Das halbjährlich vorgesehene Soundingboard dient dem Austausch des "
            "Programmfortschritts mit zentralen Stakeholdern des Programms.",
            "cadence": "half_yearly",
            "offset": 30,
            "weekday": Weekday.THURSDAY,
            "start_time": time(14, 0),
            "duration_minutes": 150,
            "format": "on_site",
            "location": RATHAUS,
            "moderator": "programmleitung",
            "coupled_to": "Quartalskonferenz",
            "powers": [],
        },
        ["bcm", "lesend"],
    ),
]

# Programmauftrag, Kapitel 5: (recipient, report, cadence, first due offset in days, source).
DUTIES = [
    (
        "Ausschuss für Partizipation, Transparenz und Digitalisierung",
        "übergreifender Statusbericht nach einheitlichem Muster zum Programmfortschritt",
        "half_yearly",
        45,
        "Programmauftrag 5.1",
    ),
    (
        "Ausschuss für Partizipation, Transparenz und Digitalisierung",
        "Bericht zu einzelnen Transformationsvorhaben, jeden Monat ein Themenfeld im Fokus",
        "monthly",
        12,
        "Programmauftrag 5.1",
    ),
    (
        "Beteiligungsrat und Digitalisierungsrat",
        "übergreifender Bericht zum Programmstatus",
        "yearly",
        120,
        "Programmauftrag 5.2",
    ),
    (
        "Personalrat",
        "übergreifender Statusbericht nach einheitlichem Muster zum Programmfortschritt",
        "half_yearly",
        75,
        "Programmauftrag 5.3",
    ),
    (
        "Strategie-BK",
        "Berichterstattung zum Gesamtumsetzungsstand und relevanten Zwischenergebnissen",
        "quarterly",
        40,
        "Programmauftrag 4.2",
    ),
]


def _series(
    programme: Programme, users: dict[str, Any], today: date, counter: Counter[str]
) -> dict[str, MeetingSeries]:
    found = {}
    for name, values, member_names in SERIES:
        existing = MeetingSeries.objects.filter(programme=programme, name=name).first()
        if existing is not None:
            found[name] = existing
            continue
        data = dict(values)
        data["first_date"] = today + timedelta(days=data.pop("offset"))
        for role in ("chair", "moderator"):
            if role in data:
                data[role] = users[data[role]]
        if "coupled_to" in data:
            data["coupled_to"] = found[data["coupled_to"]]
        series = services.meeting_series_save(
            series=MeetingSeries(programme=programme, name=name),
            data={k: v for k, v in data.items() if k != "name"},
            members=[users[m] for m in member_names],
        )
        found[name] = series
        counter["MeetingSeries"] += 1
    return found


def load_governance_series(
    *, programme: Programme, users: dict, today: date
) -> dict[str, MeetingSeries]:
    """The six Gremien alone, for what must exist before the rest of the demo (the
    Strategie-BK's decisions on the programme's term, lotse.demo.term_demo)."""
    return _series(programme, users, today, Counter())


def _past_conference(series: MeetingSeries, today: date) -> tuple[Meeting, datetime] | None:
    """The Transformationskonferenz three weeks ago, if its minutes (Beispieldaten) are still
    to be written, and the moment they are recorded in the history: on the day of the meeting."""
    meeting = series.meetings.filter(date__lt=today).order_by("date").first()
    if meeting is None or meeting.status != Meeting.Status.PLANNED or meeting.date >= today:
        return None
    end = timezone.localtime(at(meeting.date, 12)).replace(
        hour=min(meeting.start_time.hour + 2, 23), minute=0
    )
    return meeting, end


def _conference_minutes(
    meeting: Meeting,
    projects: dict[str, Project],
    users: dict[str, Any],
    today: date,
    counter: Counter[str],
) -> None:
    portal = projects["kommunalportal"]
    item = services.agenda_item_add(
        meeting=meeting,
        data={
            "title": "Stand Kommunalportal und OZG-Umsetzung",
            "description": f"{EXAMPLE}: Bericht der Projektleitung.",
            "minutes": 20,
            "project": portal,
        },
    )
    services.agenda_item_add(
        meeting=meeting,
        data={"title": "Verschiedenes", "description": EXAMPLE, "minutes": 10},
    )
    pm, pmo = users["programmleitung"], users["pmo"]
    services.attendance_set(
        meeting=meeting,
        people={
            users["auftraggeber"]: "present",
            pm: "present",
            pmo: "present",
            users["projektleitung"]: "excused",
        },
    )
    services.agenda_item_note(
        item=item, notes=f"{EXAMPLE}: Die Anbindung an das Landesportal ist abgeschlossen."
    )
    decision = services.decision_record(
        meeting=meeting,
        kind=DecisionKind.OTHER,
        wording="Die Projektleitung legt bis zur nächsten Transformationskonferenz einen "
        "priorisierten Umsetzungsplan für die OZG-Leistungen vor.",
        rationale=f"{EXAMPLE}: Viele Leistungen konkurrieren um dieselben Ressourcen.",
        project=portal,
        agenda_item=item,
        user=pm,
    )
    counter["Decision"] += 1
    services.action_item_create(
        meeting=meeting,
        title="Priorisierten Umsetzungsplan OZG vorlegen",
        owner=portal.lead,
        due_date=today + timedelta(days=21),
        agenda_item=item,
        decision=decision,
        on_board=True,
        user=pmo,
    )
    counter["ActionItem"] += 1
    _release_decision(meeting, users, counter)
    # Only closing the minutes makes the meeting count as held (the office closes them).
    services.meeting_close_minutes(meeting=meeting, user=pmo)


def _release_decision(
    meeting: Meeting, users: dict[str, Any], counter: Counter[str]
) -> Project | None:
    """A project released in the past Transformationskonferenz (Beispieldaten): its stage
    changes from "Zeitnaher Start angedacht" to "In Umsetzung" in the history from that
    decision on, so a report as of a day before shows the earlier stage. (The history stays in
    order: where the project already has later records, e.g. the term extension, those carry
    the new stage; see lotse/demo/history_order.py.)"""
    project = (
        Project.objects.filter(
            programme_id=meeting.series.programme_id, stage=Stage.START_SOON, parent__isnull=True
        )
        .order_by("-title")
        .first()
    )
    if project is None:
        return None
    # Recorded on the meeting's day even where the project has later records already (the
    # term extension of a later Strategie-BK): those then carry the new stage.
    with recorded_at(project, current_moment() or timezone.now()):
        services.decision_record(
            meeting=meeting,
            kind=DecisionKind.RELEASE_INITIATION,
            wording=f"Die Transformationskonferenz gibt die Initiierung von „{project.title}“ frei.",
            rationale=f"{EXAMPLE}: Projektsteckbrief und Ressourcenplanung liegen vor.",
            project=project,
            user=users["programmleitung"],
        )
        # Running projects of the demo are published (docs/demo.md), with a summary for
        # citizens; so is this one from now on.
        project.refresh_from_db()
        project.published = True
        if not project.public_summary.strip():
            project.public_summary = (
                f"Die Transformationskonferenz hat die Initiierung von „{project.title}“ "
                f"freigegeben; das Projekt ist in Umsetzung. {PUBLIC_EXAMPLE}"
            )
        project.save()
    counter["Decision"] += 1
    return project


RELEASES_PROPOSED = 2


def _propose_releases(programme: Programme, users: dict[str, Any], counter: Counter[str]) -> None:
    """The PMO proposes two waiting projects for release (Beispieldaten); the others stay
    "weitere Themen" of the Transformationskonferenz."""
    if Project.objects.filter(programme=programme, release_proposed_on__isnull=False).exists():
        return
    waiting = Project.objects.filter(
        programme=programme, stage__in=("planning", "start_soon")
    ).order_by("title")[:RELEASES_PROPOSED]
    for project in waiting:
        project_propose_release(project=project, user=users["pmo"])
        counter["Project.release_proposed"] += 1


@transaction.atomic
def load_governance_demo(
    *, programme: Programme, projects: dict[str, Project], users: dict, today: date
) -> dict[str, int]:
    counter: Counter = Counter()
    if not programme.holiday_region:
        programme_update(
            programme=programme,
            data={"holiday_region": "BB", "meeting_blackout": "24.12.–01.01."},
            expected_version=None,
        )
    series = _series(programme, users, today, counter)
    for item in series.values():
        counter["Meeting"] += services.meetings_generate(
            series=item,
            start=today - timedelta(days=PAST_DAYS),
            until=today + timedelta(days=HORIZON_DAYS),
        ).created
    tk = series["Transformationskonferenz"]
    past = _past_conference(tk, today)
    if past is not None:
        meeting, end = past
        with valid_from(end, strict=False):
            _conference_minutes(meeting, projects, users, today, counter)
    upcoming = (
        tk.meetings.filter(date__gte=today, status=Meeting.Status.PLANNED).order_by("date").first()
    )
    if upcoming is not None and not upcoming.agenda_items.exists():
        _propose_releases(programme, users, counter)
        counter["AgendaItem"] += agenda_assemble(meeting=upcoming, today=today)
    for recipient, report, cadence, offset, source in DUTIES:
        if not ReportingDuty.objects.filter(
            programme=programme, recipient=recipient, report=report
        ).exists():
            ReportingDuty.objects.create(
                programme=programme,
                recipient=recipient,
                report=report,
                cadence=cadence,
                first_due=today + timedelta(days=offset),
                source=source,
                series=series["Strategie-BK"] if recipient == "Strategie-BK" else None,
            )
            counter["ReportingDuty"] += 1
    return dict(counter)
