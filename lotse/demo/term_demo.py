"""The demo programme's continuation after the seed's term (Beispieldaten).

The Programmauftrag (seed 000) sets the term 01.01.2024–31.12.2025; `make run` happens later.
The demo keeps that fact (the programme and every project start with it in their history) and
shows how it went on: the Strategie-BK, the highest body, extends the term by two years at
its meeting in November of the term's last year, and each following November by another
year, as long as that meeting lies before the day the demo is loaded. Each extension is a recorded decision
("strategische Entscheidung", marked as example data), and the programme's and projects'
end dates change in the history on the day of that decision. So on whatever day the demo is
loaded, today lies inside the programme's term, and a report as of a day in 2025 still
shows the seed's end date.
"""

from collections import Counter
from datetime import date
from datetime import timedelta

from django.db import transaction

from lotse.governance import services
from lotse.governance.models import Decision
from lotse.governance.models import DecisionKind
from lotse.governance.models import Meeting
from lotse.governance.models import MeetingSeries
from lotse.history import at
from lotse.history import backdate
from lotse.history import record_reason
from lotse.history import valid_from
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project

EXAMPLE = "Beispieldaten"
SERIES_NAME = "Strategie-BK"
EXTENSION_YEARS = 2
CLOSED_STAGES = {"completed", "cancelled"}


def decision_day(year: int) -> date:
    """The Strategie-BK in November: the third Tuesday (a working day in Brandenburg)."""
    day = date(year, 11, 15)
    return day + timedelta(days=(1 - day.weekday()) % 7)


def extensions_due(seed_end: date, today: date) -> list[tuple[date, date]]:
    """(decision day, new end) of every extension decided before `today`: in the term's last
    year the Strategie-BK extends it by two years, and from then on, each November, it
    carries the term forward so that it always runs at least a year beyond the decision."""
    found = []
    end = seed_end
    year = seed_end.year
    while decision_day(year) < today:
        new_end = date(year + EXTENSION_YEARS, 12, 31)
        if new_end > end:
            found.append((decision_day(year), new_end))
            end = new_end
        year += 1
    return found


def _meeting(series: MeetingSeries, day: date) -> Meeting:
    meeting = series.meetings.filter(date=day).first()
    if meeting is not None:
        return meeting
    # Planned a quarter ahead, like every Strategie-BK.
    with valid_from(at(day - timedelta(days=90), 8), strict=False):
        return services.meeting_create(series=series, data={"date": day})


def _extend(programme: Programme, projects: list[Project], old_end: date, new_end: date) -> int:
    """Move the programme's end and every open project's planned end that followed it."""
    programme.end_date = new_end
    reason = f"Verlängerung durch die Strategie-BK ({EXAMPLE})"
    record_reason(programme, reason)
    programme.save()
    moved = 0
    for project in projects:
        if project.planned_end == old_end and project.stage not in CLOSED_STAGES:
            project.planned_end = new_end
            record_reason(project, reason)
            project.save()
            moved += 1
    return moved


@transaction.atomic
def record_term_extensions(
    *, programme: Programme, series: MeetingSeries, seed_end: date, users: dict, today: date
) -> dict[str, int]:
    counter: Counter = Counter()
    projects = list(Project.objects.filter(programme=programme).order_by("pk"))
    for day, new_end in extensions_due(seed_end, today):
        if (programme.end_date or seed_end) >= new_end:
            continue  # decided in an earlier run (or someone set a later end)
        old_end = programme.end_date or seed_end
        meeting = _meeting(series, day)
        moment = at(day, 9, 30)
        latest = programme.history.order_by("-history_date").values_list("history_date", flat=True)
        if latest and latest[0] > moment:
            break  # the programme was changed later in Lotse: leave its history alone
        with valid_from(moment, strict=False):
            decision = services.decision_record(
                meeting=meeting,
                kind=DecisionKind.STRATEGIC,
                wording=(
                    f"Die Laufzeit des Programms „{programme.name}“ wird bis zum "
                    f"{new_end:%d.%m.%Y} verlängert (bisher bis {old_end:%d.%m.%Y}). Die "
                    "Projekte planen ihr Ende entsprechend."
                ),
                rationale=(
                    f"{EXAMPLE}: Der Programmauftrag (23/SVV/1238) endet am "
                    f"{seed_end:%d.%m.%Y}; die Demo zeigt, wie das Programm danach "
                    "weiterläuft."
                ),
                user=users["auftraggeber"],
            )
            backdate(decision, created_at=moment)
        with valid_from(moment + timedelta(minutes=30), strict=False):
            counter["Project.planned_end"] += _extend(programme, projects, old_end, new_end)
        counter["Decision"] += 1
        counter["Programme.end_date"] += 1
    return dict(counter)


def extension_decisions(programme: Programme) -> list[Decision]:
    return list(
        Decision.objects.filter(
            programme=programme, kind=DecisionKind.STRATEGIC, rationale__startswith=EXAMPLE
        ).order_by("decided_on")
    )
