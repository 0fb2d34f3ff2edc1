"""Example status reports, milestones, risks and decision requests for the Potsdam demo.

Everything here is example data (Beispieldaten), not taken from the seed documents. The
reports cover the three most recent reporting periods before `today`, so the cockpits show
something right after `make run`. Rows are only created, never changed, like the rest of
the demo. Every event is recorded with the moment it belongs to (see `Timeline`), so a
report "as of" a past day shows what the data said then.
"""

from collections import Counter
from collections.abc import Callable
from datetime import date
from datetime import datetime
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from lotse.history import at
from lotse.history import backdate
from lotse.history import valid_from
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.reporting import services
from lotse.reporting.models import DecisionRequest
from lotse.reporting.models import Milestone
from lotse.reporting.models import Risk
from lotse.reporting.models import StatusReport
from lotse.reporting.periods import ensure_periods

EXAMPLE = "Beispieldaten"
ACTIVE_STAGES = {"running", "partly_running", "start_soon"}
PLANNED_DAYS_AGO = 180

MILESTONES = {
    "kommunalportal": [
        ("Anbindung an das Landesportal abgeschlossen", -120, 0, True),
        ("20 OZG-Leistungen im Reifegrad 3 online", 30, 21, False),
        ("Medienbruchfreie Weiterbearbeitung im Fachverfahren", 150, 35, False),
    ],
    "dms": [
        ("Alle Leitungsbüros an das DMS angeschlossen", -60, 0, True),
        ("Rollout in zwei Fachbereichen", 45, 0, False),
    ],
    "gpm": [
        ("Prozess-Screening abgeschlossen", -90, 10, True),
        ("30 priorisierte Prozesse modelliert", 60, 0, False),
    ],
    "relaunch-potsdam-de": [
        ("Informationsarchitektur abgenommen", -30, 0, True),
        ("Neue Website online", 90, 45, False),
    ],
    "beteiligungsportal": [("Ausschreibung veröffentlicht", 20, 0, False)],
}
GENERIC_MILESTONES = [("Konzept abgestimmt", -45, 0, True), ("Pilot gestartet", 75, 0, False)]

RISKS = {
    "kommunalportal": [
        (
            "Schnittstellen der Fachverfahren fehlen",
            3,
            4,
            "Abstimmung mit den Herstellern über Dikom",
        ),
        ("Personalengpass im Bürgerservice", 2, 3, "Unterstützung durch die Task Force OZG"),
    ],
    "dms": [("Akzeptanz in den Fachbereichen gering", 2, 3, "Schulungen und Multiplikatoren")],
    "relaunch-potsdam-de": [
        ("Redaktionelle Kapazität reicht nicht", 3, 3, "Redaktionsnetzwerk aufbauen")
    ],
    "urbane-datenplattform": [
        ("Fördermittelfrist gefährdet", 2, 4, "Meilensteinplan mit dem Fördergeber abstimmen")
    ],
}

# Lights per project for the current period: (overall, schedule, budget, scope, resources).
LIGHTS = {
    "kommunalportal": ("amber", "red", "green", "green", "amber"),
    "relaunch-potsdam-de": ("amber", "amber", "green", "green", "amber"),
    "urbane-datenplattform": ("red", "red", "amber", "green", "green"),
    "dms": ("green", "green", "green", "green", "amber"),
}
NOTES = {
    "red": "Der Zeitplan ist ohne zusätzliche Unterstützung nicht zu halten (Beispieldaten).",
    "amber": "Leichter Verzug; Gegenmaßnahmen sind eingeleitet (Beispieldaten).",
}
# What happens to the current period's report: missing (no row), draft, submitted, returned.
CURRENT_STATE = {
    "kommunalportal": "draft",
    "relaunch-potsdam-de": "submitted",
    "urbane-datenplattform": "submitted",
    "dms": "accepted",
    "gpm": "returned",
    "beteiligungsportal": "missing",
    "smart-region": "missing",
}


def _fields(key: str, project: Project, period_index: int) -> dict:
    lights: tuple[str, ...] = LIGHTS.get(key, ("green",) * 5)
    if period_index < 2:  # earlier periods: one step better, so the trend shows
        lights = tuple("amber" if light == "red" else "green" for light in lights)
    names = ["overall", "schedule", "budget", "scope", "resources"]
    data = dict(zip(names, lights, strict=True))
    for name, light in data.copy().items():
        data[f"{name}_note"] = NOTES.get(light, "")
    data.update(
        summary=f"{project.title}: Die Arbeit läuft nach Plan der Projektleitung ({EXAMPLE}).",
        achievements="Abstimmungstermine mit den Fachbereichen durchgeführt.\n"
        f"Zwischenstand im Projektteam vorgestellt ({EXAMPLE}).",
        next_steps="Nächsten Meilenstein vorbereiten\nNutzendenbefragung auswerten\n"
        "Ergebnisse im Projektcheck vorstellen",
        user_involvement=f"Nutzendentest mit Mitarbeitenden geplant ({EXAMPLE}).",
        vision="\n".join(project.goal_list[:2]),
    )
    return data


class Timeline:
    """The demo's events with the moments they belong to. They run in the order of their
    moments, each inside ``valid_from``, so the history (and every report "as of" a day)
    shows the data as it was then: a milestone is reached on its day, a report of September
    is accepted in September, and a report's frozen snapshot holds the milestones of its
    day."""

    def __init__(self, now: datetime):
        self.now = now
        self.events: list[tuple[datetime, int, Callable[[datetime], None]]] = []

    def add(self, moment: datetime, action: Callable[[datetime], None]) -> None:
        # Nothing may be recorded in the future; the sequence number keeps the order of
        # events at the same moment.
        moment = min(moment, self.now - timedelta(seconds=1))
        self.events.append((moment, len(self.events), action))

    def run(self) -> None:
        for moment, _seq, action in sorted(self.events, key=lambda e: (e[0], e[1])):
            with valid_from(moment, strict=False):
                action(moment)


def _milestones(
    key: str,
    project: Project,
    today: date,
    plan: datetime,
    timeline: Timeline,
    counter: Counter[str],
) -> None:
    if project.milestones.exists():
        return
    for order, (title, offset, slip, done) in enumerate(MILESTONES.get(key, GENERIC_MILESTONES)):
        planned = today + timedelta(days=offset)
        forecast = planned + timedelta(days=slip) if slip else None
        holder: dict = {}
        timeline.add(
            plan,
            _creator(
                Milestone, holder, project=project, title=title, planned_date=planned, order=order
            ),
        )
        counter["Milestone"] += 1
        if forecast:
            # The slip became known some weeks before the planned day (or before today).
            known = at(min(planned, today) - timedelta(days=20))
            timeline.add(
                max(known, plan + timedelta(hours=1)), _setter(holder, forecast_date=forecast)
            )
        if done:
            reached = forecast or planned
            timeline.add(
                max(at(reached, 16), plan + timedelta(hours=2)),
                _setter(holder, actual_date=reached),
            )


def _creator(model: type[Model], holder: dict, **values: Any) -> Callable[[datetime], None]:
    """The timeline's action that creates a `model` row with `values`, kept in `holder["m"]`
    for the actions after it (`_setter`)."""

    def create(moment: datetime) -> None:
        holder["m"] = model._default_manager.create(**values)

    return create


def _setter(holder: dict, **values: Any) -> Callable[[datetime], None]:
    def apply(moment: datetime) -> None:
        milestone = holder["m"]
        for name, value in values.items():
            setattr(milestone, name, value)
        milestone.save()

    return apply


def _risks(
    key: str, project: Project, plan: datetime, timeline: Timeline, counter: Counter[str]
) -> None:
    if project.risks.exists():
        return
    for title, probability, impact, mitigation in RISKS.get(key, []):
        timeline.add(
            plan,
            _creator(
                Risk,
                {},
                project=project,
                title=title,
                probability=probability,
                impact=impact,
                mitigation=mitigation,
                owner="Projektleitung",
                description=EXAMPLE,
            ),
        )
        counter["Risk"] += 1


def _report(
    project: Project,
    period: Any,
    data: Any,
    state: Any,
    users: dict[str, Any],
    today: date,
    timeline: Timeline,
    counter: Counter[str],
) -> None:
    if StatusReport.objects.filter(project=project, period=period).exists() or state == "missing":
        return
    lead = project.lead or users["pmo"]
    pmo, manager = users["pmo"], users["programmleitung"]
    # A report is written in the days before its due date, submitted the day before, reviewed
    # on the due date and, for the public pages, released the next working day.
    due = min(period.due_date, today - timedelta(days=1))
    holder: dict = {}

    def start(moment: datetime) -> None:
        report = services.report_start(project=project, period=period, user=lead)
        report = services.report_update(report=report, data=data, expected_version=report.version)
        backdate(report, created_at=moment)
        holder["r"] = report

    def submit(moment: datetime) -> None:
        report = services.report_submit(report=holder["r"], user=lead)
        backdate(report, submitted_at=moment, first_submitted_at=moment)

    def review(moment: datetime) -> None:
        report = holder["r"]
        if state == "accepted":
            report = services.report_accept(report=report, user=pmo)
        else:
            report = services.report_return(
                report=report,
                user=pmo,
                comment="Bitte ergänzen Sie die Prognose für den nächsten Meilenstein "
                "(Beispieldaten).",
            )
        backdate(report, reviewed_at=moment)

    def release(moment: datetime) -> None:
        report = services.report_release(report=holder["r"], user=manager)
        backdate(report, released_at=moment)

    timeline.add(at(due - timedelta(days=4), 9), start)
    if state != "draft":
        timeline.add(at(due - timedelta(days=1), 15), submit)
    if state in ("accepted", "returned"):
        timeline.add(at(due, 11), review)
    if state == "accepted" and period.due_date + timedelta(days=1) < today:
        timeline.add(at(due + timedelta(days=1), 9), release)
    counter["StatusReport"] += 1


def _request(
    project: Project, values: dict, raised: date, timeline: Timeline, counter: Counter[str]
) -> None:
    def create(moment: datetime) -> None:
        request = DecisionRequest.objects.create(project=project, **values)
        backdate(request, created_at=moment)

    timeline.add(at(raised, 11), create)
    counter["DecisionRequest"] += 1


@transaction.atomic
def load_reporting_demo(
    *, programme: Programme, projects: dict[str, Project], users: dict, today: date
) -> Counter:
    counter: Counter = Counter()
    periods = ensure_periods(programme, today)[-3:]
    # Sub-projects (keys "<parent>/<n>") report through their project.
    active = {k: p for k, p in projects.items() if p.stage in ACTIVE_STAGES and "/" not in k}
    timeline = Timeline(timezone.now())
    # Milestones and risks were planned half a year ago (or at the programme's start).
    plan = at(max(today - timedelta(days=PLANNED_DAYS_AGO), programme.start_date or today), 8)
    portal = projects["kommunalportal"]
    if not portal.decision_requests.exists():
        _request(
            portal,
            {
                "question": "Sollen zwei zusätzliche Stellen für die OZG-Umsetzung befristet "
                "besetzt werden?",
                "options": "A: zwei befristete Stellen\nB: externe Unterstützung\n"
                "C: Priorisierung der Leistungen",
                "recommendation": "Option A, weil die Leistungen sonst nicht bis zum Meilenstein "
                "online gehen.",
                "needed_by": today + timedelta(days=21),
                "addressed_to": DecisionRequest.Body.TRANSFORMATION_CONFERENCE,
                "raised_by": portal.lead,
            },
            today - timedelta(days=10),
            timeline,
            counter,
        )
    platform = projects["urbane-datenplattform"]
    if not platform.decision_requests.exists():
        _request(
            platform,
            {
                "question": "Verlängerung des Meilensteinplans beim Fördergeber beantragen?",
                "recommendation": "Ja, Antrag bis zur Frist stellen (Beispieldaten).",
                "needed_by": today - timedelta(days=5),
                "addressed_to": DecisionRequest.Body.PROGRAMME_MANAGER,
            },
            today - timedelta(days=30),
            timeline,
            counter,
        )
    for key, project in active.items():
        _milestones(key, project, today, plan, timeline, counter)
        _risks(key, project, plan, timeline, counter)
        for index, period in enumerate(periods):
            current = index == len(periods) - 1
            state = CURRENT_STATE.get(key, "submitted") if current else "accepted"
            data = _fields(key, project, index)
            _report(project, period, data, state, users, today, timeline, counter)
    timeline.run()
    return counter
