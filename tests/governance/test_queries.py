"""Decision log and agenda pages: constant SQL queries for 3 vs 8 projects and 4 vs 12 decisions.

Small sizes prove it as well as large ones (one query per row or project shows as a difference)
and cost a fraction: the log shows 3 decisions a page here, so page 2 holds 1 row in the small
case and 3 in the large one; the agenda lists 3 vs 8 projects, the XLSX 4 vs 12 decisions.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from lotse.governance.models import AgendaItem
from lotse.governance.models import Decision
from lotse.governance.models import DecisionKind
from lotse.governance.views import log as log_views
from lotse.portfolio.models import Project
from lotse.reporting.models import DecisionRequest
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


def _count(client, url, **params) -> int:
    # Every count starts with Django's content-type cache empty, so the one lookup that fills it
    # (the meeting's attachments) is counted each time, not only in whichever request came first.
    ContentType.objects.clear_cache()
    return page_queries(client, url, params)


def _grow(cast, meeting, projects: int, decisions: int) -> None:
    have = cast.programme.projects.count()
    Project.objects.bulk_create(
        Project(
            programme=cast.programme,
            field_of_action=cast.field,
            title=f"P {have + i}",
            stage="running",
        )
        for i in range(projects - have)
    )
    all_projects = list(cast.programme.projects.order_by("pk"))
    start = meeting.agenda_items.count()
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            position=start + i,
            title=f"TOP {p.title}",
            project=p,
            source_key=f"attention:{p.pk}",
            kind="attention",
        )
        for i, p in enumerate(all_projects[start:])
    )
    requests = DecisionRequest.objects.bulk_create(
        DecisionRequest(project=p, question=f"Frage {p.pk}", addressed_to="pmo")
        for p in all_projects[:20]
    )
    items = list(meeting.agenda_items.all()[:20])
    have = Decision.objects.count()
    Decision.objects.bulk_create(
        Decision(
            programme=cast.programme,
            meeting=meeting,
            kind=DecisionKind.OTHER,
            wording=f"Beschluss {have + i}",
            project=all_projects[i % len(all_projects)],
            agenda_item=items[i % len(items)],
            decision_request=requests[i % len(requests)],
            decided_on=meeting.date,
        )
        for i in range(decisions - have)
    )


@pytest.mark.parametrize("role", ["pmo", "viewer"])
def test_decision_log_and_agenda_have_constant_queries(cast, tk, tk_meeting, role, monkeypatch):
    monkeypatch.setattr(log_views, "PER_PAGE", 3)
    client = cast.client(role)
    log = reverse("governance:decision_log", args=[cast.programme.slug])
    page = reverse("governance:meeting_detail", args=[tk_meeting.pk])
    xlsx = reverse("governance:decision_log_xlsx", args=[cast.programme.slug])
    _grow(cast, tk_meeting, 3, 4)
    small = (_count(client, log), _count(client, log, seite=2, kind="other"), _count(client, page))
    small_xlsx = _count(client, xlsx)
    _grow(cast, tk_meeting, 8, 12)
    large = (_count(client, log), _count(client, log, seite=2, kind="other"), _count(client, page))
    assert large == small, f"3/4: {small} queries, 8/12: {large}"
    assert _count(client, xlsx) == small_xlsx


def test_bench_pages_answer(cast, monkeypatch):
    from bench import governance_bench

    # The bench's 5,000 decisions cost seconds here and test nothing more than 60 do.
    monkeypatch.setattr(governance_bench, "DECISIONS", 60)
    client = cast.client("pmo")
    urls = governance_bench.pages(client, cast.programme, 2)
    assert Decision.objects.filter(programme=cast.programme).count() == 60
    for url in urls.values():
        assert client.get(url).status_code == 200, url
    governance_bench.pages(client, cast.programme, 2)  # a second call adds nothing
    assert Decision.objects.filter(programme=cast.programme).count() == 60


def test_the_members_are_read_only_for_whom_they_decide(cast, tk, tk_meeting):
    """The programme office may read the minutes anyway: the page of a held meeting (no
    attendance to take) does not read the series' members for it; a member's page reads them
    once and shows the non-public minutes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    tk.minutes_public = False
    tk.save()
    tk_meeting.status = "held"
    tk_meeting.save()
    tk.members.add(cast.users["change_manager"])
    url = reverse("governance:meeting_detail", args=[tk_meeting.pk])

    def member_reads(role: str) -> tuple[int, str]:
        with CaptureQueriesContext(connection) as ctx:
            html = cast.client(role).get(url).content.decode()
        reads = [q for q in ctx.captured_queries if "meetingseries_members" in q["sql"]]
        return len(reads), html

    assert member_reads("pmo")[0] == 0
    reads, html = member_reads("change_manager")
    assert reads == 1 and "Anwesenheit" in html
    reads, html = member_reads("viewer")
    assert reads == 1 and "nicht öffentlich" in html
