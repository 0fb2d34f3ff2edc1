"""The Duisburg demo programme (seed 004, "Projekt-Governance als Kipp-Punkt der digitalen
Transformation", 2022): vision and purpose, the six strategic goals, the projects of the
project × goal matrix with every "x" and "?" verbatim, the roles DIKON, Digitalisierungs-
management and agiles PMO as Gremien, the Projektcheck every three weeks, and example ideas
from the Ämter-Workshops sorted into quick wins and long-term measures and scored — the
"Steuerungstool zur weiteren Priorisierung und zum Controlling" the seed asks for.

Create-only: runs only while the programme does not exist. The seed's matrix has 20 project
rows; all are loaded. Ideas, scores and meeting dates are Beispieldaten and say so.
"""

from collections import Counter
from datetime import date
from datetime import time
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from lotse.accounts.services import programme_role_grant
from lotse.demo.ideas_demo import example_idea
from lotse.demo.ideas_demo import new_round
from lotse.demo.ideas_demo import submit_sheet
from lotse.governance.models import DecisionKind
from lotse.governance.models import MeetingSeries
from lotse.ideas import services as ideas
from lotse.ideas.models import Criterion
from lotse.ideas.models import Idea
from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import GoalContribution
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.portfolio.models import StrategicGoal
from lotse.reporting.models import ReportingConfig
from lotse.reporting.periods import ensure_periods

from .leads_demo import assign_example_leads

SLUG = "duisburg"
SOURCE = "Stadt Duisburg, Praxischeck „Projekt-Governance als Kipp-Punkt der digitalen Transformation“ (2022)"

VISION = "Ein Zukunftsbild, das die anvisierte Strahlkraft des Digitalisierungsprozesses in der Stadt Duisburg skizziert und motiviert."
PURPOSE = (
    "Wir sind Partner in der Verwaltung: „Mit uns kann man arbeiten!“ Wir geben einen Rahmen, "
    "aber auch Spielräume, um durch innovatives Denken Lösungen für die Fachbereiche zu "
    "ermöglichen."
)
ROADMAP = "Eine Auflistung und eine zeitliche Einordnung der hoch-priorisierten Digitalisierungsprojekte im Zeithorizont 2025 verschaffen einen ersten Überblick."

# The six goals, verbatim (including the seed's spelling).
GOALS = [
    "Digitaler Bürgersevice als Aushängeschild",
    "Digitalisierung als Grundlage für ein modernes Arbeiten",
    "(Digitale) Innovationen fördern",
    "Duisburg denkt nutzerorientiert",
    "Duisburg nutzt seine Daten",
    "Duisburg denkt digital",
]

# Project → marks for goals 1–6 ("x" contributes, "?" unclear), verbatim from the matrix.
MATRIX = [
    ("eAkte", "xx.x.."),
    ("Serviceportal", "x..x.."),
    ("Digitalisierung Kopfbögen", ".x.x.."),
    ("beBPo", ".x...."),
    ("Hausaktenarchiv", ".x..x."),
    ("Digitalisierung Posteingang", ".x.?.."),
    ("KI im Call", "x..xx."),
    ("Intranet Relaunch", ".x.x.."),
    ("O365", ".x...x"),
    ("Office Mail", ".x.x.."),
    ("OZG-Umsetzung", "x....."),
    ("eLearning", ".x...x"),
    ("TK-Anlagen", ".x...."),
    ("Change + Kommunikation", ".xx..."),
    ("digitale Personalmanagementprozesse", ".x...."),
    ("BKS", "....x."),
    ("Neuroga IT", ".x...."),
    ("mobiles Arbeiten 2.0", ".x...x"),
    ("i2", "..x..."),
    ("FIS/PO", "....x."),
]

SERIES: list[tuple[str, str, dict[str, Any]]] = [
    (
        "DIKON",
        "Gibt strategische Vorgaben und treibt Innovationen voran. Gibt neue Projekte frei. "
        "Berät bei Problemen und gibt Hilfestellung. Entscheidet nicht über Ressourcen.",
        {
            "cadence": "quarterly",
            "powers": [DecisionKind.RELEASE_INITIATION, DecisionKind.STRATEGIC, DecisionKind.OTHER],
        },
    ),
    (
        "Digitalisierungsmanagement (DM)",
        "Steuert die Umsetzung der Digitalisierung. Entscheidet bei Problemen und hilft direkt "
        "bei Hindernissen. Controlled die Umsetzung der strategischen Vorgaben.",
        {"cadence": "monthly", "powers": [DecisionKind.REPRIORITISE, DecisionKind.OTHER]},
    ),
    (
        "Projektcheck Digitalisierung",
        "Im Projektcheck Digitalisierung berichten Projektleitende alle drei Wochen kurz, knapp "
        "und präzise über den Projektfortschritt. Der Projektcheck wird vom PMO vorbereitet, "
        "berichtet wird an das Digitalisierungsmanagement.",
        {"cadence": "weeks", "interval_weeks": 3, "powers": [DecisionKind.OTHER]},
    ),
]
PMO_TEXT = (
    "Agiles Projekt-Management-Office (PMO): Erste Anlaufstelle für Projektleitungen und "
    "Product Owner bei Fragen und Problemen; Qualitätssicherung der Berichte; organisiert die "
    "Events der AGG; berät bei (agilen) Projektmanagement-Fragen."
)

WORKSHOP_IDEAS = [
    # (title, description, source, cost, quick win?)
    (
        "Online-Terminvergabe im Straßenverkehrsamt",
        "Termine online buchen statt Wartemarke.",
        "Ämter-Workshop Straßenverkehrsamt",
        15000,
        True,
    ),
    (
        "Formulare als ausfüllbare PDF",
        "Die zehn häufigsten Formulare des Amts als ausfüllbare PDF auf der Website.",
        "Ämter-Workshop Bürgerservice",
        5000,
        True,
    ),
    (
        "Digitale Urlaubsanträge",
        "Urlaubsanträge und Genehmigung im Intranet statt auf Papier.",
        "Ämter-Workshop Personalamt",
        10000,
        True,
    ),
    (
        "Fachverfahren Bauordnung an die eAkte anbinden",
        "Durchgängig digitale Bauantragsbearbeitung mit Anbindung an die eAkte.",
        "Ämter-Workshop Bauordnungsamt",
        400000,
        False,
    ),
    (
        "Sensorik für Grünflächenbewässerung",
        "Bodenfeuchtesensoren steuern die Bewässerung städtischer Grünflächen.",
        "Ämter-Workshop Umweltamt",
        250000,
        False,
    ),
    (
        "Datenplattform für die Stadtplanung",
        "Planungsdaten der Ämter auf einer gemeinsamen Plattform auswerten.",
        "Ämter-Workshop Stadtentwicklung",
        600000,
        False,
    ),
]


def _goals_and_matrix(programme: Programme, counter: Counter) -> FieldOfAction:
    """The six goals and the project × goal matrix with every x and ?."""
    goals = []
    for order, name in enumerate(GOALS):
        goal, _created = StrategicGoal.objects.get_or_create(
            name=name, defaults={"source": SOURCE, "order": 200 + order}
        )
        programme.strategic_goals.add(goal)
        goals.append(goal)
    field = FieldOfAction.objects.create(
        programme=programme,
        name="Digitalisierungs-Roadmap",
        target_state=ROADMAP,
        target_date=date(2025, 12, 31),
        impact="inward",
    )
    for title, marks in MATRIX:
        project = Project.objects.create(
            programme=programme, field_of_action=field, title=title, stage="running"
        )
        counter["Project"] += 1
        for goal, mark in zip(goals, marks, strict=True):
            if mark in "x?":
                GoalContribution.objects.create(
                    project=project,
                    strategic_goal=goal,
                    level="contributes" if mark == "x" else "unclear",
                )
                counter["GoalContribution"] += 1
    return field


def _rhythm_and_bodies(programme: Programme, today: date, counter: Counter) -> None:
    # The Projektcheck every three weeks: reports follow the three-week rhythm.
    ReportingConfig.objects.create(
        programme=programme,
        cadence=ReportingConfig.Cadence.WEEKS,
        period_weeks=3,
        first_period_start=today - timedelta(days=today.weekday() + 42),
    )
    programme.refresh_from_db()
    ensure_periods(programme, today)
    for name, purpose, extra in SERIES:
        MeetingSeries.objects.create(
            programme=programme,
            name=name,
            purpose=purpose,
            first_date=today - timedelta(days=today.weekday()) + timedelta(days=2),
            weekday=2,
            start_time=time(10, 0),
            duration_minutes=60,
            **extra,
        )
        counter["MeetingSeries"] += 1


def _roles(programme: Programme, users: dict) -> None:
    for username, role in [
        ("pmo", "pmo"),
        ("programmleitung", "programme_manager"),
        ("auftraggeber", "sponsor"),
        ("lesend", "viewer"),
    ]:
        if username in users:
            programme_role_grant(user=users[username], programme=programme, role=role)


def _workshop_ideas(
    programme: Programme, field: FieldOfAction, pmo: Any, counter: Counter
) -> list[Idea]:
    # Ideas from the Ämter-Workshops, scored by PMO and Digitalisierungsmanagement.
    ideas.criteria_create_defaults(programme=programme)
    created = []
    for title, text, source, cost, _quick in WORKSHOP_IDEAS:
        created.append(
            ideas.idea_create(
                programme=programme,
                user=pmo,
                source=Idea.Source.WORKSHOP,
                data=example_idea(title, text, field, source_note=source, cost_estimate=cost),
            )
        )
    counter["Idea"] += len(created)
    return created


def _workshop_score(criterion: Criterion, i: int, r: int, quick: bool) -> int:
    if criterion.axis == Criterion.Axis.VALUE:
        value = 3 + (i + r) % 3
    else:
        value = 1 + r if quick else 4 + (i % 2) - r
        if criterion.direction == Criterion.Direction.BENEFIT:
            value = 5 - value
    return max(0, min(5, value))


def _scoring(programme: Programme, users: dict, created: list[Idea], counter: Counter) -> None:
    raters = [users[name] for name in ("pmo", "programmleitung") if name in users]
    if raters:
        scoring_round, criteria = new_round(
            programme, "Priorisierung Ämter-Workshops 2022", created, raters
        )
        for r, rater in enumerate(raters):

            def score(criterion: Criterion, i: int, idea: Idea, r: int = r) -> int:
                return _workshop_score(criterion, i, r, WORKSHOP_IDEAS[i][4])

            submit_sheet(scoring_round, rater, created, criteria, score, counter)
        ideas.round_close(scoring_round=scoring_round, user=raters[0])


@transaction.atomic
def load_duisburg_demo(*, today: date) -> dict[str, int]:
    counter: Counter = Counter()
    if Programme.objects.filter(slug=SLUG).exists():
        return {}
    users = {
        u.username: u
        for u in get_user_model().objects.filter(
            username__in=["pmo", "programmleitung", "lesend", "auftraggeber"]
        )
    }
    programme = Programme.objects.create(
        slug=SLUG,
        name="Digitale Agenda Duisburg",
        short_name="Duisburg",
        description=f"Vision: {VISION}\n\nPurpose: {PURPOSE}\n\n{PMO_TEXT}\n\nQuelle: {SOURCE}.",
        start_date=date(2020, 1, 1),
        end_date=date(2025, 12, 31),
        holiday_region="NW",  # Duisburg: the holidays of Nordrhein-Westfalen
    )
    counter["Programme"] += 1
    field = _goals_and_matrix(programme, counter)
    _rhythm_and_bodies(programme, today, counter)
    _roles(programme, users)
    created = _workshop_ideas(programme, field, users.get("pmo"), counter)
    _scoring(programme, users, created, counter)
    counter["Project.lead"] += assign_example_leads(programme)
    return dict(counter)
