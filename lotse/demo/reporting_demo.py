"""Example status reports, milestones, risks and decision requests for the Potsdam demo.

Everything here is example data (Beispieldaten), not taken from the seed documents. The
reports cover the three most recent reporting periods before `today`, so the cockpits show
something right after `make run`. Rows are only created, never changed, like the rest of
the demo.
"""

from collections import Counter
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from lotse.portfolio.models import Programme, Project
from lotse.reporting import services
from lotse.reporting.models import DecisionRequest, Milestone, Risk, StatusReport
from lotse.reporting.periods import ensure_periods

EXAMPLE = "Beispieldaten"
ACTIVE_STAGES = {"running", "partly_running", "start_soon"}

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
    lights = LIGHTS.get(key, ("green",) * 5)
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


def _milestones(key: str, project: Project, today: date, counter: Counter) -> None:
    if project.milestones.exists():
        return
    for order, (title, offset, slip, done) in enumerate(MILESTONES.get(key, GENERIC_MILESTONES)):
        planned = today + timedelta(days=offset)
        Milestone.objects.create(
            project=project,
            title=title,
            planned_date=planned,
            forecast_date=planned + timedelta(days=slip) if slip else None,
            actual_date=planned + timedelta(days=slip) if done else None,
            order=order,
        )
        counter["Milestone"] += 1


def _risks(key: str, project: Project, counter: Counter) -> None:
    if project.risks.exists():
        return
    for title, probability, impact, mitigation in RISKS.get(key, []):
        Risk.objects.create(
            project=project,
            title=title,
            probability=probability,
            impact=impact,
            mitigation=mitigation,
            owner="Projektleitung",
            description=EXAMPLE,
        )
        counter["Risk"] += 1


def _report(project, period, data, state, users, counter) -> StatusReport | None:
    if StatusReport.objects.filter(project=project, period=period).exists() or state == "missing":
        return None
    lead = project.lead or users["pmo"]
    report = services.report_start(project=project, period=period, user=lead)
    services.report_update(report=report, data=data, expected_version=report.version)
    if state != "draft":
        services.report_submit(report=report, user=lead)
    if state == "accepted":
        services.report_accept(report=report, user=users["pmo"])
    if state == "returned":
        services.report_return(
            report=report,
            user=users["pmo"],
            comment="Bitte ergänzen Sie die Prognose für den nächsten Meilenstein (Beispieldaten).",
        )
    if state == "accepted" and period.due_date < timezone.localdate():
        # Earlier periods: submitted a day before the due date, accepted on it, so the
        # controlling page shows punctual reports rather than today's loading time.
        submitted = timezone.make_aware(
            datetime.combine(period.due_date - timedelta(days=1), time(10))
        )
        StatusReport.objects.filter(pk=report.pk).update(
            submitted_at=submitted,
            first_submitted_at=submitted,
            reviewed_at=submitted + timedelta(days=1),
        )
    counter["StatusReport"] += 1
    return report


@transaction.atomic
def load_reporting_demo(
    *, programme: Programme, projects: dict[str, Project], users: dict, today: date
) -> Counter:
    counter: Counter = Counter()
    periods = ensure_periods(programme, today)[-3:]
    active = {key: p for key, p in projects.items() if p.stage in ACTIVE_STAGES}
    portal = projects["kommunalportal"]
    if not portal.decision_requests.exists():
        DecisionRequest.objects.create(
            project=portal,
            question="Sollen zwei zusätzliche Stellen für die OZG-Umsetzung befristet besetzt werden?",
            options="A: zwei befristete Stellen\nB: externe Unterstützung\nC: Priorisierung der Leistungen",
            recommendation="Option A, weil die Leistungen sonst nicht bis zum Meilenstein online gehen.",
            needed_by=today + timedelta(days=21),
            addressed_to=DecisionRequest.Body.TRANSFORMATION_CONFERENCE,
            raised_by=portal.lead,
        )
        counter["DecisionRequest"] += 1
    platform = projects["urbane-datenplattform"]
    if not platform.decision_requests.exists():
        DecisionRequest.objects.create(
            project=platform,
            question="Verlängerung des Meilensteinplans beim Fördergeber beantragen?",
            recommendation="Ja, Antrag bis zur Frist stellen (Beispieldaten).",
            needed_by=today - timedelta(days=5),
            addressed_to=DecisionRequest.Body.PROGRAMME_MANAGER,
        )
        counter["DecisionRequest"] += 1
    for key, project in active.items():
        _milestones(key, project, today, counter)
        _risks(key, project, counter)
        for index, period in enumerate(periods):
            current = index == len(periods) - 1
            state = CURRENT_STATE.get(key, "submitted") if current else "accepted"
            _report(project, period, _fields(key, project, index), state, users, counter)
    return counter
