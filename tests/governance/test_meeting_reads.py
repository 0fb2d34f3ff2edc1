"""The meeting page's reads in SQL written out (lotse/governance/meeting_reads.py) give what
the ORM queries they replace give, on SQLite and PostgreSQL: taken-off items left out, equal
positions in the order of creation, items and decisions with and without a project."""

from django.db.models import Count, F, Sum, Window

from lotse.governance import agenda, meeting_reads, selectors
from lotse.governance.models import AgendaItem, Decision
from tests.reporting.factories import DecisionRequestFactory


def _agenda(cast, meeting) -> None:
    request = DecisionRequestFactory(project=cast.project, question="Frage?", addressed_to="pmo")
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            position=i // 2,
            kind=("manual", "request", "attention")[i % 3],
            title=f"Punkt {i}",
            description=f"Zeile {i}\nzweite" if i % 2 else "",
            notes="Notiz" if i % 4 == 0 else "",
            minutes=5 + i,
            project=cast.project if i % 3 else None,
            decision_request=request if i % 3 == 1 else None,
            removed=i % 5 == 4,
        )
        for i in range(11)
    )
    items = list(meeting.agenda_items.order_by("pk"))
    Decision.objects.bulk_create(
        Decision(
            programme=cast.programme,
            meeting=meeting,
            kind=("other", "strategic")[i % 2],
            wording=f"Beschluss {i}",
            rationale="weil" if i % 2 else "",
            project=cast.project if i % 3 else None,
            agenda_item=items[i] if i % 2 else None,
            stage_after="running" if i == 1 else "",
            decided_on=meeting.date,
        )
        for i in range(5)
    )


def test_the_agenda_reads_equal_the_orm(cast, tk_meeting):
    _agenda(cast, tk_meeting)
    live = tk_meeting.agenda_items.filter(removed=False)
    expected = live.aggregate(n=Count("pk"), total=Sum("minutes"))
    assert meeting_reads.agenda_size(tk_meeting.pk) == (expected["n"], expected["total"])
    rows = (
        live.order_by("position", "pk")
        .annotate(project_title=F("project__title"))
        .values_list(*meeting_reads.AgendaRow._fields)
    )
    for offset, limit in ((0, 50), (0, 3), (3, 3), (6, 3), (9, 3)):
        assert meeting_reads.agenda_rows(tk_meeting.pk, offset, limit) == list(
            rows[offset : offset + limit]
        )
    items = selectors.agenda_items(tk_meeting)
    running = Window(Sum("minutes"), order_by=[F("position").asc(), F("pk").asc()])
    for duration in (0, 20, 45, 60, 200):
        orm = (
            live.annotate(running=running)
            .filter(running__gt=duration)
            .order_by("position", "pk")
            .values_list("pk", "title", "minutes")
        )
        got = meeting_reads.overflow_rows(tk_meeting.pk, duration, 4)
        assert got == list(orm[:4])
        assert [row.pk for row in got] == [
            i.pk for i in agenda.agenda_fit(items, duration).overflow
        ][:4]


def test_the_decision_reads_equal_the_orm(cast, tk_meeting):
    _agenda(cast, tk_meeting)
    orm = (
        tk_meeting.decisions.order_by("pk")
        .annotate(project_title=F("project__title"))
        .values_list(*meeting_reads.DecisionRow._fields)
    )
    assert meeting_reads.decision_rows(tk_meeting.pk) == list(orm)
    assert len(orm) == 5


def test_an_empty_agenda(tk_meeting):
    assert meeting_reads.agenda_size(tk_meeting.pk) == (0, 0)
    assert meeting_reads.agenda_rows(tk_meeting.pk, 0, 50) == []
    assert meeting_reads.overflow_rows(tk_meeting.pk, 0, 50) == []
    assert meeting_reads.decision_rows(tk_meeting.pk) == []
