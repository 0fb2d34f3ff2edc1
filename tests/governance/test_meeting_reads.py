"""The meeting page's reads in SQL written out (lotse/governance/meeting_reads.py) give what
the ORM queries they replace give, on SQLite and PostgreSQL: taken-off items left out, equal
positions in the order of creation, items and decisions with and without a project."""

from django.db.models import Count
from django.db.models import F
from django.db.models import Sum
from django.db.models import Window

from lotse.governance import agenda
from lotse.governance import meeting_reads
from lotse.governance import selectors
from lotse.governance.models import AgendaItem
from lotse.governance.models import Decision
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
        assert [row[:3] for row in got] == list(orm[:4])
        assert {row.total for row in got} <= {len(orm)}
        # Each item's place in the agenda, in the order of its pages.
        order = list(live.order_by("position", "pk").values_list("pk", flat=True))
        assert [row.seq for row in got] == [order.index(row.pk) + 1 for row in got]
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


def test_the_minutes_reads_equal_the_orm(cast, tk_meeting):
    """Attendances and action items with the people they name (display name, full name or
    user name), guests and items without an owner or date."""
    from datetime import timedelta

    from lotse.governance.models import ActionItem
    from lotse.governance.models import Attendance

    users = [cast.users["pmo"], cast.users["viewer"], cast.users["sponsor"]]
    users[0].display_name = "Frau <PMO>"
    users[0].save()
    for user, status in zip(users, ("present", "excused", "present"), strict=True):
        Attendance.objects.create(meeting=tk_meeting, user=user, status=status)
    for name in ("Zora Gast", "Anna Gast"):
        Attendance.objects.create(meeting=tk_meeting, guest_name=name, status="guest")
    for i, (owner, due) in enumerate(
        [(users[1], 3), (None, None), (users[0], 1), (users[2], None), (None, 1)]
    ):
        ActionItem.objects.create(
            meeting=tk_meeting,
            title=f"Aufgabe {i}",
            owner=owner,
            due_date=None if due is None else tk_meeting.date + timedelta(days=due),
            done=i == 2,
        )
    orm = tk_meeting.attendances.select_related("user").order_by("status", "guest_name", "pk")
    got = meeting_reads.attendances(tk_meeting)
    assert [(a.pk, a.name, a.status, a.get_status_display()) for a in got] == [
        (a.pk, a.name, a.status, a.get_status_display()) for a in orm
    ]
    orm_items = tk_meeting.action_items.select_related("owner").order_by(
        F("due_date").asc(nulls_last=True), "pk"
    )

    def shown(a):
        return (a.pk, a.title, str(a.owner or ""), a.owner_id, a.due_date, a.done, a.card_id)

    assert [shown(a) for a in meeting_reads.action_items(tk_meeting)] == [
        shown(a) for a in orm_items
    ]
    assert "Frau <PMO>" in [a.name for a in got]


def test_the_open_requests_read_equals_the_orm(cast, tk_meeting):
    from datetime import date

    from lotse.reporting.models import DecisionRequest

    for i, needed in enumerate([date(2030, 1, 5), None, date(2029, 3, 1), None, date(2029, 3, 1)]):
        DecisionRequestFactory(
            project=cast.project,
            question=f"Frage {i}",
            addressed_to="pmo" if i != 3 else "transformation_conference",
            needed_by=needed,
            status="open" if i != 4 else "decided",
        )
    DecisionRequestFactory(question="anderes Programm", addressed_to="pmo")
    orm = DecisionRequest.objects.filter(
        project__programme_id=cast.programme.pk, status="open", addressed_to="pmo"
    ).order_by(F("needed_by").asc(nulls_last=True), "pk")
    got = meeting_reads.open_requests(cast.programme.pk, "pmo")
    fields = ("pk", "project_id", "question", "options", "recommendation", "needed_by")
    assert [[getattr(r, f) for f in fields] for r in got] == [
        [getattr(r, f) for f in fields] for r in orm
    ]
    assert len(got) == 3
