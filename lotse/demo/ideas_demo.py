"""Demo data for ideas, comments, the glossary and the guiding principles.

Potsdam: staff ideas brought in by the Business Change Manager, comments on a status report
and a decision request, the guiding principles of the Programmauftrag (6.3, verbatim) and
Lotse's glossary. Konstanz (seed 003): the citizen idea platform with example ideas from
citizens and from a workshop, three raters' scores, a closed scoring round whose ranking went
to the Lenkungskreis, two ideas taken up as Leitprojekte, one not pursued, and the glossary
of the strategy paper.

Create-only: each part runs only while its marker row is missing, so a second run changes
nothing. The ideas, scores, comments and the Lenkungskreis are Beispieldaten and say so.
"""

from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction

from lotse.accounts.models import User
from lotse.discussion import services as comments
from lotse.glossary import data as glossary_data
from lotse.glossary.services import glossary_seed
from lotse.glossary.services import principles_save
from lotse.governance.models import DecisionKind
from lotse.governance.models import Meeting
from lotse.governance.models import MeetingSeries
from lotse.history import at
from lotse.history import valid_from
from lotse.ideas import decisions
from lotse.ideas import services as ideas
from lotse.ideas.models import Criterion
from lotse.ideas.models import Idea
from lotse.ideas.models import IdeaSettings
from lotse.ideas.models import RoundRater
from lotse.ideas.models import ScoringRound
from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.public.models import ProgrammePublication
from lotse.reporting.models import DecisionRequest
from lotse.reporting.models import StatusReport

from .konstanz import ensure_konstanz
from .leads_demo import assign_example_leads

EXAMPLE = "(Beispielidee der Demo)"

POTSDAM_STAFF_IDEAS = [
    (
        "Digitale Terminbuchung für alle Bürgerbüros",
        "Termine für alle Bürgerbüros online buchen, mit Erinnerung per SMS oder E-Mail.",
        "Digitaler Bürgerservice",
    ),
    (
        "Elektronische Rechnungseingänge automatisch vorprüfen",
        "Eingehende E-Rechnungen werden automatisch auf Pflichtangaben geprüft und der "
        "zuständigen Stelle zugeordnet.",
        None,
    ),
    (
        "Gemeinsamer Ideenkanal der Geschäftsbereiche",
        "Ein fester Kanal, in dem Mitarbeitende Digitalisierungsideen aus ihrem Bereich "
        "einbringen; der BCM bündelt sie für das Programm.",
        None,
    ),
]

KONSTANZ_CITIZEN_IDEAS = [
    (
        "Freies WLAN am Seeufer",
        "Öffentliches WLAN an Hafen, Stadtgarten und Seestraße.",
        "Digitale Infrastruktur",
        80000,
    ),
    (
        "Parkplätze in Echtzeit anzeigen",
        "Eine App und Anzeigetafeln zeigen freie Parkplätze in der Altstadt und in den Parkhäusern.",
        "Mobilität",
        250000,
    ),
    (
        "Anwohnerparkausweis online beantragen",
        "Den Anwohnerparkausweis vollständig online beantragen und bezahlen.",
        "Verwaltung",
        30000,
    ),
    (
        "Digitale Nachbarschaftsplattform",
        "Eine Plattform, auf der Nachbarinnen und Nachbarn Hilfe anbieten und suchen.",
        "Nachbarschaft",
        60000,
    ),
    (
        "Sensoren für Luftqualität",
        "Messstellen für Feinstaub und Stickoxide, Daten als Open Data.",
        "Umwelt & Energie",
        120000,
    ),
    (
        "Bibliotheksausweis digital",
        "Den Bibliotheksausweis in einer App und Online-Ausleihe für E-Books.",
        "Bildung",
        20000,
    ),
]
KONSTANZ_WORKSHOP_IDEAS = [
    (
        "Digital-Sprechstunde für Seniorinnen und Senioren",
        "Regelmäßige Sprechstunde in den Stadtteilen: Hilfe bei Smartphone und Online-Diensten.",
        "Nachbarschaft",
        15000,
    ),
    (
        "Schulen mit WLAN und Tablets ausstatten",
        "Alle städtischen Schulen erhalten flächendeckendes WLAN und Klassensätze Tablets.",
        "Bildung",
        900000,
    ),
    (
        "Tourismus-Informationen als offene Daten",
        "Veranstaltungen, Öffnungszeiten und Sehenswürdigkeiten als offene Daten für Apps.",
        "Tourismus",
        25000,
    ),
]
WORKSHOP = "Workshop Bürgerbeteiligung 12.03.2021"
PENDING_IDEA = (
    "Mehr Mülleimer mit Füllstandssensor",
    "Mülleimer melden, wenn sie voll sind.",
    "Umwelt & Energie",
)

# Rater → (value criteria base, effort criteria base) offsets per idea index, deterministic.
RATERS = ["pmo", "bcm", "programmleitung"]
ADOPT = ["Anwohnerparkausweis online beantragen", "Freies WLAN am Seeufer"]
REJECT = (
    "Parkplätze in Echtzeit anzeigen",
    "Wird im Rahmen des regionalen Mobilitätsprojekts des Landkreises umgesetzt; die Stadt "
    "beteiligt sich dort, statt eine eigene Lösung zu bauen. (Beispielbegründung der Demo)",
)


def _on(day: date, hour: int = 10) -> AbstractContextManager[datetime]:
    """Record what happens inside as of `day` (the history's valid-from; see lotse/history.py)."""
    return valid_from(at(day, hour), strict=False)


def _received(idea: Idea, moment: datetime) -> None:
    """The idea's "eingegangen am" is the day it came in, like its history (in memory too:
    the next service saving the idea must not write the load's moment back)."""
    Idea.objects.filter(pk=idea.pk).update(created_at=moment, updated_at=moment)
    idea.created_at = idea.updated_at = moment


def example_idea(
    title: str, text: str, field: FieldOfAction | None, **more: object
) -> dict[str, object]:
    """The form data of an example idea: its text marked as an example of the demo."""
    return {"title": title, "description": f"{text} {EXAMPLE}", "field_of_action": field, **more}


def _field(programme: Programme, name: str | None) -> FieldOfAction | None:
    if not name:
        return None
    return FieldOfAction.objects.filter(programme=programme, name=name).first()


def _potsdam(programme: Programme, users: dict, counter: Counter, today: date) -> None:
    counter["GlossaryTerm"] += glossary_seed(
        programme=programme, terms=glossary_data.LOTSE_TERMS, source=glossary_data.LOTSE_SOURCE
    )
    if not programme.principles.exists():
        counter["Principle"] += len(
            principles_save(
                programme=programme,
                texts=glossary_data.POTSDAM_PRINCIPLES,
                source=glossary_data.POTSDAM_PRINCIPLES_SOURCE,
            )
        )
    if IdeaSettings.objects.filter(programme=programme).exists():
        return
    with _on(today - timedelta(days=28)):
        ideas.idea_settings_for(programme)
        ideas.criteria_create_defaults(programme=programme)
    bcm = users["bcm"]
    for i, (title, text, field) in enumerate(POTSDAM_STAFF_IDEAS):
        with _on(today - timedelta(days=21 - 2 * i)) as moment:
            idea = ideas.idea_create(
                programme=programme,
                user=bcm,
                data=example_idea(title, text, _field(programme, field)),
            )
        _received(idea, moment)
        counter["Idea"] += 1
    report = StatusReport.objects.filter(project__programme=programme).order_by("-pk").first()
    if report is not None:
        with _on(today - timedelta(days=5)):
            first = comments.comment_add(
                obj=report,
                user=bcm,
                body="Im GB 9 fragen Kolleginnen, ob der neue Termin für das Kommunalportal auch "
                "die Schulung der Bürgerbüros umfasst. @pmo können wir das im Projektcheck "
                "klären? (Beispielkommentar der Demo)",
            )
        with _on(today - timedelta(days=4)):
            comments.comment_add(
                obj=report,
                user=users["pmo"],
                body="Ja, steht auf der Liste für den nächsten Projektcheck. "
                "(Beispielkommentar der Demo)",
                parent=first,
            )
        counter["Comment"] += 2
    request = DecisionRequest.objects.filter(project__programme=programme).order_by("pk").first()
    if request is not None:
        with _on(today - timedelta(days=6)):
            comments.comment_add(
                obj=request,
                user=bcm,
                body="Aus Sicht des Geschäftsbereichs ist die Entscheidung dringend, weil die "
                "Fachbereiche ihre Planung für das nächste Halbjahr abschließen. "
                "(Beispielkommentar der Demo)",
            )
        counter["Comment"] += 1


def _meeting(programme: Programme, users: dict, today: date) -> Meeting:
    series, _created = MeetingSeries.objects.get_or_create(
        programme=programme,
        name="Lenkungskreis Digitale Agenda",
        defaults={
            "purpose": "Entscheidet über die Leitprojekte aus dem Scoring-Verfahren. "
            "(Beispielgremium der Demo)",
            "cadence": "ad_hoc",
            "first_date": today - timedelta(days=14),
            "weekday": 2,
            "start_time": time(14, 0),
            "duration_minutes": 90,
            "powers": [DecisionKind.OTHER],
            "chair": users.get("auftraggeber"),
            "moderator": users.get("programmleitung"),
        },
    )
    day = today - timedelta(days=14)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    meeting, _created = Meeting.objects.get_or_create(
        series=series,
        slot_date=day,
        defaults={"date": day, "start_time": time(14, 0), "duration_minutes": 90},
    )
    return meeting


def _konstanz_ideas(programme: Programme, pmo: User, counter: Counter, today: date) -> list[Idea]:
    """Citizens' and workshop ideas (released), one still pending, and a few supports, each
    on its own day of the ten weeks before the Lenkungskreis decided."""
    base = today - timedelta(days=70)
    created: list[Idea] = []
    for i, (title, text, field, cost) in enumerate(KONSTANZ_CITIZEN_IDEAS):
        with _on(base + timedelta(days=3 + i)) as moment:
            idea = ideas.idea_submit_public(
                programme=programme,
                data=example_idea(title, text, _field(programme, field), cost_estimate=cost),
            )
        _received(idea, moment)
        with _on(base + timedelta(days=5 + i)):
            ideas.idea_approve(idea=idea, user=pmo)
        created.append(idea)
    workshop_day = base + timedelta(days=20)
    for title, text, field, cost in KONSTANZ_WORKSHOP_IDEAS:
        with _on(workshop_day) as moment:
            idea = ideas.idea_create(
                programme=programme,
                user=pmo,
                source=Idea.Source.WORKSHOP,
                data=example_idea(
                    title,
                    text,
                    _field(programme, field),
                    source_note=WORKSHOP,
                    cost_estimate=cost,
                ),
            )
        _received(idea, moment)
        with _on(workshop_day + timedelta(days=1)):
            ideas.idea_release(idea=idea, user=pmo, public=True)
        created.append(idea)
    title, text, field = PENDING_IDEA
    with _on(today - timedelta(days=3)) as moment:
        pending = ideas.idea_submit_public(
            programme=programme,
            data=example_idea(title, text, _field(programme, field)),
        )
    _received(pending, moment)
    counter["Idea"] += len(created) + 1
    for n, idea in enumerate(created[:4]):
        for k in range(n + 1):
            with _on(base + timedelta(days=22 + n + k)):
                ideas.idea_support(idea=idea, token=f"demo-{idea.pk}-{k}")
    return created


def _demo_score(criterion: Criterion, idea: Idea, i: int, r: int, cost: int) -> int:
    """Rater r's score of the i-th idea: the ideas to adopt rank high on value."""
    if criterion.axis == Criterion.Axis.VALUE:
        return 5 - (r % 2) if idea.title in ADOPT else 5 - (i * 2 + r) % 4
    value = min(5, 1 + cost // 150000 + (r + i) % 2)
    return 5 - value if criterion.direction == Criterion.Direction.BENEFIT else value


def new_round(
    programme: Programme, name: str, created: list[Idea], raters: list[User]
) -> tuple[ScoringRound, list[Criterion]]:
    """A scoring round over the ideas, set up by the first rater (the PMO), and the criteria
    to score (shared with the Duisburg demo)."""
    scoring_round = ideas.round_create(
        programme=programme, name=name, ideas=created, raters=raters, user=raters[0]
    )
    return scoring_round, list(Criterion.objects.filter(programme=programme))


def submit_sheet(
    scoring_round: ScoringRound,
    rater: User,
    created: list[Idea],
    criteria: list[Criterion],
    score: Callable[[Criterion, int, Idea], int],
    counter: Counter[str],
) -> None:
    """Rater's complete sheet over the ideas (`score(criterion, i, idea)`), saved and
    submitted (shared with the Duisburg demo)."""
    values: dict[tuple[int, int], int | None] = {
        (idea.pk, criterion.pk): score(criterion, i, idea)
        for i, idea in enumerate(created)
        for criterion in criteria
    }
    ideas.scores_save(scoring_round=scoring_round, rater=rater, values=values)
    ideas.round_submit(scoring_round=scoring_round, rater=rater)
    counter["Score"] += len(values)


def _konstanz_scoring(
    programme: Programme, users: dict, created: list[Idea], counter: Counter, today: date
) -> ScoringRound:
    """A closed scoring round of three raters over the ideas."""
    pmo = users["pmo"]
    costs = {t: c for t, _x, _f, c in KONSTANZ_CITIZEN_IDEAS + KONSTANZ_WORKSHOP_IDEAS}
    raters = [users[name] for name in RATERS]  # the PMO first: it sets the round up
    with _on(today - timedelta(days=35)):
        scoring_round, criteria = new_round(programme, "Scoring Leitprojekte 2021", created, raters)
    for r, rater in enumerate(raters):

        def score(criterion: Criterion, i: int, idea: Idea, r: int = r) -> int:
            return _demo_score(criterion, idea, i, r, costs[idea.title])

        with _on(today - timedelta(days=30 - r)) as moment:
            submit_sheet(scoring_round, rater, created, criteria, score, counter)
        RoundRater.objects.filter(round=scoring_round, user=rater).update(submitted_at=moment)
    with _on(today - timedelta(days=25)) as moment:
        ideas.round_close(scoring_round=scoring_round, user=pmo)
    ScoringRound.objects.filter(pk=scoring_round.pk).update(closed_at=moment)
    scoring_round = ScoringRound.objects.get(pk=scoring_round.pk)
    return scoring_round


def _konstanz_decisions(
    programme: Programme, users: dict, today: date, scoring_round: ScoringRound, counter: Counter
) -> None:
    """The ranking on the Lenkungskreis' agenda: two Leitprojekte, one idea not pursued."""
    pmo = users["pmo"]
    with _on(today - timedelta(days=21)):
        meeting = _meeting(programme, users, today)
        decisions.ranking_to_agenda(scoring_round=scoring_round, meeting=meeting, user=pmo)
    # Decided in the meeting: the history says so from the meeting's afternoon on.
    with _on(meeting.date, 15):
        for idea in Idea.objects.filter(programme=programme, title__in=ADOPT):
            decisions.idea_adopt(idea=idea, meeting=meeting, user=pmo)
            counter["Leitprojekt"] += 1
        rejected = Idea.objects.get(programme=programme, title=REJECT[0])
        decisions.idea_reject(idea=rejected, meeting=meeting, user=pmo, reason=REJECT[1])
        for project in Project.objects.filter(programme=programme, ideas__isnull=False):
            project.published = True
            project.save()


# Konstanz's idea platform ran inside the programme's time (seed 003: 11/2019–12/2021): the
# Lenkungskreis decided the Leitprojekte in June 2021 (Beispieldaten). Every Konstanz date
# of the ideas demo counts back from this day, not from the day the demo is loaded.
KONSTANZ_DAY = date(2021, 6, 30)


def konstanz_day(today: date) -> date:
    """The day the Konstanz idea story counts back from: in the programme's time."""
    return min(today, KONSTANZ_DAY)


def _konstanz(users: dict, today: date, counter: Counter) -> Programme:
    programme = ensure_konstanz(users=users)
    today = konstanz_day(today)
    counter["GlossaryTerm"] += glossary_seed(
        programme=programme,
        terms=glossary_data.KONSTANZ_TERMS,
        source=glossary_data.KONSTANZ_SOURCE,
    )
    counter["GlossaryTerm"] += glossary_seed(
        programme=programme, terms=glossary_data.LOTSE_TERMS, source=glossary_data.LOTSE_SOURCE
    )
    if IdeaSettings.objects.filter(programme=programme).exists():
        return programme
    with _on(today - timedelta(days=75)):
        _konstanz_platform(programme)
    pmo = users["pmo"]
    created = _konstanz_ideas(programme, pmo, counter, today)
    scoring_round = _konstanz_scoring(programme, users, created, counter, today)
    _konstanz_decisions(programme, users, today, scoring_round, counter)
    return programme


def _konstanz_platform(programme: Programme) -> None:
    IdeaSettings.objects.create(
        programme=programme,
        public_platform=True,
        intro="Wie soll das digitale Konstanz aussehen? Reichen Sie Ihre Idee ein – die "
        "Ideen werden moderiert, von einer Jury im Scoring-Verfahren bewertet, und die besten "
        "werden Leitprojekte der Digitalen Agenda. (Beispieltext der Demo)",
    )
    ProgrammePublication.objects.get_or_create(programme=programme, defaults={"enabled": True})
    ideas.criteria_create_defaults(programme=programme)


@transaction.atomic
def load_ideas_demo(
    *, programme: Programme, projects: dict, users: dict, today: date
) -> dict[str, int]:
    """Potsdam's part, called by the Potsdam loader with its programme and users."""
    counter: Counter = Counter()
    _potsdam(programme, users, counter, today)
    return dict(counter)


@transaction.atomic
def load_konstanz_demo(*, today: date) -> dict[str, int]:
    """The Konstanz programme's skeleton and its idea platform; uses the demo users that the
    Potsdam loader created (run it first)."""
    names = {"auftraggeber", "programmleitung", "pmo", "bcm", "lesend"}
    users = {u.username: u for u in get_user_model().objects.filter(username__in=names)}
    if not names <= set(users):
        raise ValueError("Load the Potsdam demo first: its demo users are missing.")
    counter: Counter = Counter()
    _konstanz(users, today, counter)
    counter["Project.lead"] += assign_example_leads(Programme.objects.get(slug="konstanz"))
    return dict(counter)
