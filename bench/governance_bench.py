"""Benchmark data for the Gremien pages: 5,000 decisions in the decision log and a
Projektcheck meeting whose agenda lists every project (bulk-created, no history rows).

Wire-up in bench/run.py: ``pages.update(governance_bench.pages(client, programme, size))``.
"""

from datetime import date
from datetime import time
from datetime import timedelta

from lotse.governance.models import AgendaItem
from lotse.governance.models import Decision
from lotse.governance.models import DecisionKind
from lotse.governance.models import Meeting
from lotse.governance.models import MeetingSeries

DECISIONS = 5000


def pages(client, programme, size) -> dict[str, str]:
    series, _created = MeetingSeries.objects.get_or_create(
        programme=programme,
        name="Projektcheck (Bench)",
        defaults={
            "cadence": "monthly",
            "first_date": date(2024, 1, 15),
            "start_time": time(10, 0),
            "duration_minutes": 120,
            "agenda_kind": "project_check",
            "body": "project_check",
            "powers": [DecisionKind.OTHER],
        },
    )
    meetings = list(series.meetings.order_by("date"))
    if not meetings:
        meetings = Meeting.objects.bulk_create(
            Meeting(
                series=series,
                slot_date=date(2024, 1, 15) + timedelta(days=30 * i),
                date=date(2024, 1, 15) + timedelta(days=30 * i),
                start_time=time(10, 0),
                duration_minutes=120,
                status="held",
            )
            for i in range(24)
        )
    agenda = meetings[-1]
    projects = list(programme.projects.order_by("pk").values_list("pk", "title"))
    if not agenda.agenda_items.exists():
        AgendaItem.objects.bulk_create(
            AgendaItem(
                meeting=agenda,
                position=i,
                kind="attention",
                title=title,
                project_id=pk,
                source_key=f"attention:{pk}",
                minutes=5,
            )
            for i, (pk, title) in enumerate(projects)
        )
    missing = DECISIONS - Decision.objects.filter(programme=programme).count()
    if missing > 0:
        Decision.objects.bulk_create(
            (
                Decision(
                    programme=programme,
                    meeting=meetings[i % len(meetings)],
                    kind=DecisionKind.OTHER,
                    wording=f"Beschluss {i} (Bench)",
                    project_id=projects[i % len(projects)][0],
                    decided_on=meetings[i % len(meetings)].date,
                )
                for i in range(missing)
            ),
            batch_size=1000,
        )
    slug = programme.slug
    return {
        "Beschlussbuch (5.000)": f"/programme/{slug}/beschluesse/",
        "Beschlussbuch gefiltert": f"/programme/{slug}/beschluesse/?kind=other&seite=3",
        "Tagesordnung (alle Projekte)": f"/sitzungen/{agenda.pk}/",
    }
