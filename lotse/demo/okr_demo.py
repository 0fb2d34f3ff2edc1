"""Example OKRs for the Potsdam demo (seed 000 §6.1): all invented, marked as example data.

Two quarters relative to `today`: the previous one closed with OKR reviews, the current one
active with check-ins, plus a few dependencies and synergies between projects. Create-only
and idempotent: an objective is recognised by project, quarter and title; whatever exists is
never changed (an edited title counts as the user's and is left alone, only the missing
example objective is added again); quarters keep the state someone gave them.
"""

from collections import Counter
from datetime import date
from datetime import datetime
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from lotse.history import at
from lotse.history import backdate
from lotse.history import valid_from
from lotse.okr.models import CheckIn
from lotse.okr.models import KeyResult
from lotse.okr.models import Objective
from lotse.okr.models import ObjectiveReview
from lotse.okr.models import OkrLink
from lotse.okr.models import OkrSettings
from lotse.okr.models import Quarter as QuarterModel
from lotse.okr.selectors import preceding
from lotse.okr.selectors import quarter_of_day
from lotse.okr.selectors import quarter_reviews
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project

EXAMPLE = "Beispieldaten"

# (project key, title, target group, commitment, key results)
# key result: (title, kind, unit, start, target, owner username or None, [values over time])
PREVIOUS = [
    (
        "kommunalportal",
        "Bürgerinnen und Bürger erledigen die häufigsten Anliegen online",
        "citizens",
        "aspirational",
        [
            (
                "Online-Anträge je Monat",
                "increase_to",
                "number",
                400,
                1000,
                "projektleitung",
                [520, 700, 820],
            ),
            (
                "Zufriedenheit mit dem Portal (Umfrage)",
                "at_least",
                "percent",
                None,
                75,
                None,
                [71, 78],
            ),
            ("Wohnsitzanmeldung online", "milestone", "number", None, None, "projektteam", [True]),
        ],
        (
            "reached",
            "Klare Prioritäten mit dem Bürgerservice; Umfrage früh gestartet.",
            "Schnittstelle zum Fachverfahren kam drei Wochen später.",
            "Schnittstellen früher mit den Fachbereichen klären.",
            "carry_over",
        ),
    ),
    (
        "beteiligungsportal",
        "Beteiligungsverfahren laufen digital und sind leicht zu finden",
        "citizens",
        "committed",
        [
            ("Verfahren auf dem Portal", "increase_to", "number", 2, 6, "projektleitung", [3, 4]),
            ("Barrierefreiheitstest bestanden", "milestone", "number", None, None, None, [False]),
        ],
        (
            "partly",
            "Gute Zusammenarbeit mit dem Stadtplanungsamt.",
            "Barrierefreiheitstest musste verschoben werden.",
            "Externe Prüfungen früh buchen.",
            "carry_over",
        ),
    ),
    (
        "urbane-datenplattform",
        "Erste offene Datensätze sind für alle nutzbar",
        "businesses",
        "aspirational",
        [
            ("Veröffentlichte Datensätze", "increase_to", "number", 0, 20, None, [5, 9]),
            (
                "Ausfallzeit der Plattform (Stunden/Monat)",
                "at_most",
                "number",
                None,
                4,
                None,
                [6, 3],
            ),
        ],
        (
            "partly",
            "Förderung sicherte Personal.",
            "Datenfreigaben der Fachbereiche dauerten länger.",
            "Freigabeprozess standardisieren.",
            "carry_over",
        ),
    ),
]
CURRENT = [
    (
        "kommunalportal",
        "Das Kommunalportal wird zur ersten Adresse für Anliegen",
        "citizens",
        "aspirational",
        [
            (
                "Online-Anträge je Monat",
                "increase_to",
                "number",
                820,
                1200,
                "projektleitung",
                [900, 960],
            ),
            (
                "Durchschnittliche Bearbeitungszeit",
                "decrease_to",
                "days",
                14,
                7,
                "projektteam",
                [12, 11],
            ),
            ("Bezahlfunktion im Portal", "milestone", "number", None, None, "projektteam", [False]),
        ],
    ),
    (
        "beteiligungsportal",
        "Alle Beteiligungsverfahren der Stadt laufen über ein Portal",
        "citizens",
        "committed",
        [
            ("Verfahren auf dem Portal", "increase_to", "number", 4, 8, "projektleitung", [5]),
            ("Barrierefreiheitstest bestanden", "milestone", "number", None, None, None, []),
        ],
    ),
    (
        "urbane-datenplattform",
        "Die Datenplattform liefert verlässlich Daten für Smart-City-Anwendungen",
        "businesses",
        "aspirational",
        [
            ("Veröffentlichte Datensätze", "increase_to", "number", 9, 30, None, [14, 18]),
            ("Verfügbarkeit der Plattform", "at_least", "percent", None, 99, None, [99.4]),
        ],
    ),
    (
        "social-intranet",
        "Mitarbeitende finden Informationen im neuen Intranet schneller",
        "staff",
        "aspirational",
        [
            (
                "Aktive Nutzerinnen und Nutzer je Woche",
                "increase_to",
                "number",
                300,
                1500,
                None,
                [650],
            ),
            ("Pilotbereiche umgestellt", "increase_to", "number", 0, 4, None, [1, 2]),
        ],
    ),
]
# (from project, to project, kind, note) within the current quarter
LINKS = [
    (
        "kommunalportal",
        "urbane-datenplattform",
        "dependency",
        "Portal braucht die Schnittstelle der Datenplattform für Terminbuchungen",
    ),
    (
        "beteiligungsportal",
        "kommunalportal",
        "synergy",
        "Gemeinsames Nutzerkonto und gemeinsame Barrierefreiheitsprüfung",
    ),
]


def _quarter(
    programme: Programme, year: int, number: int, state: str, counter: Counter[str]
) -> QuarterModel:
    # Planned a week before it starts (recorded then in the history).
    start = date(year, 3 * number - 2, 1)
    with valid_from(moment(start - timedelta(days=7)), strict=False):
        quarter, created = QuarterModel.objects.get_or_create(
            programme=programme, year=year, number=number, defaults={"state": state}
        )
    counter["Quartal"] += int(created)
    return quarter


def moment(day: date) -> datetime:
    """10 o'clock on `day`, but never later than now: nothing is recorded in the future."""
    return min(at(day), timezone.now() - timedelta(seconds=1))


def opened(quarter: QuarterModel) -> datetime:
    """When the demo's objectives of `quarter` were set: three days into it."""
    return moment(quarter.start + timedelta(days=3))


def objective_new(
    project: Project, quarter: QuarterModel, title: str, **fields: Any
) -> Objective | None:
    """The active objective `title` of `project` in `quarter`, recorded when the quarter
    `opened`; None if the project has it already."""
    if Objective.objects.filter(project=project, quarter=quarter, title=title).exists():
        return None
    with valid_from(opened(quarter), strict=False):
        return Objective.objects.create(
            project=project, quarter=quarter, title=title, state=Objective.State.ACTIVE, **fields
        )


def _objective(
    project: Project,
    quarter: QuarterModel,
    spec: Any,
    users: dict[str, Any],
    check_in_days: list[date],
    counter: Counter[str],
) -> Objective | None:
    """The objective of `spec` with its key results and check-ins, recorded three days into
    the quarter; None if the project has it already."""
    _key, title, group, commitment, krs = spec[:5]
    objective = objective_new(
        project,
        quarter,
        title,
        description=f"{EXAMPLE}: frei erfundenes Quartalsziel.",
        target_group=group,
        commitment=commitment,
    )
    if objective is None:
        return None
    counter["Objective"] += 1
    with valid_from(opened(quarter), strict=False):
        for order, (kr_title, kind, unit, start, target, owner, values) in enumerate(krs):
            key_result = KeyResult.objects.create(
                objective=objective,
                title=kr_title,
                description=EXAMPLE,
                owner=users.get(owner) if owner else project.lead,
                kind=kind,
                unit=unit,
                start_value=None if start is None else Decimal(str(start)),
                target_value=None if target is None else Decimal(str(target)),
                order=order,
            )
            counter["Key Result"] += 1
            for value, day in zip(values, check_in_days, strict=False):
                with valid_from(moment(day), strict=False):
                    check_in = CheckIn.objects.create(
                        key_result=key_result,
                        value=None if kind == "milestone" else Decimal(str(value)),
                        done=value if kind == "milestone" else None,
                        confidence=7,
                        comment=f"{EXAMPLE}",
                        author=key_result.owner,
                    )
                backdate(check_in, created_at=moment(day))
                counter["Check-in"] += 1
    return objective


@transaction.atomic
def load_okr_demo(
    *, programme: Programme, projects: dict, users: dict, today: date
) -> dict[str, int]:
    counter: Counter = Counter()
    _settings, created = OkrSettings.objects.get_or_create(programme=programme)
    counter["OKR-Einstellung"] += int(created)
    year, number = quarter_of_day(today)
    previous = _quarter(programme, *preceding(year, number), QuarterModel.State.ACTIVE, counter)
    current = _quarter(programme, year, number, QuarterModel.State.ACTIVE, counter)
    # Reviews are held in the first days of the new quarter; then the old one is closed.
    review_moment = moment(current.start + timedelta(days=2))
    # Check-ins spread over the quarter up to today.
    prev_days = [previous.start + timedelta(days=d) for d in (20, 50, 80)]
    cur_days = [min(today, current.start + timedelta(days=d)) for d in (10, 25)]
    for spec in PREVIOUS:
        project = projects.get(spec[0])
        if project is None:
            continue
        objective = _objective(project, previous, spec, users, prev_days, counter)
        if objective is None:
            continue
        outcome, drivers, obstacles, learnings, next_step = spec[5]
        state = {"reached": "achieved", "partly": "partly", "not_reached": "not_achieved"}
        with valid_from(review_moment, strict=False):
            ObjectiveReview.objects.create(
                objective=objective,
                outcome=outcome,
                drivers=drivers,
                obstacles=obstacles,
                learnings=f"{learnings} ({EXAMPLE})",
                next_step=next_step,
                reviewed_by=project.lead,
            )
            objective.state = state[outcome]
            objective.save()
        counter["OKR-Review"] += 1
    if (
        previous.state == QuarterModel.State.ACTIVE
        and not previous.objectives.filter(review__isnull=True).exists()
    ):
        with valid_from(review_moment + timedelta(hours=6), strict=False):
            previous.state = QuarterModel.State.CLOSED
            previous.save()
    current_objectives = {}
    for current_spec in CURRENT:
        project = projects.get(current_spec[0])
        if project is None:
            continue
        _objective(project, current, current_spec, users, cur_days, counter)
        current_objectives[current_spec[0]] = Objective.objects.filter(
            project=project, quarter=current, title=current_spec[1]
        ).first()
    for source, target, kind, note in LINKS:
        a, b = current_objectives.get(source), current_objectives.get(target)
        if a is None or b is None:
            continue
        with valid_from(moment(current.start + timedelta(days=5)), strict=False):
            _link, created = OkrLink.objects.get_or_create(
                from_objective=a,
                to_objective=b,
                kind=kind,
                defaults={"note": f"{EXAMPLE}: {note}"},
            )
        counter["OKR-Verknüpfung"] += int(created)
    # Review scores as the review would have computed them.
    for scored in quarter_reviews(previous):
        review = scored.review
        if review is not None and review.computed_score is None and scored.progress is not None:
            ObjectiveReview.objects.filter(pk=review.pk).update(
                computed_score=Decimal(str(scored.progress)).quantize(Decimal("0.001"))
            )
    return dict(counter)
