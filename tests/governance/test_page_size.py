"""A meeting's agenda shows a page of items at a time; the time check counts them all
(issue 14)."""

from django.urls import reverse

from lotse.governance import agenda
from lotse.governance import selectors
from lotse.governance.models import AgendaItem
from lotse.governance.views import meetings as views
from tests.queries import page_queries


def test_the_agenda_is_paged_in_its_order(cast, tk_meeting, monkeypatch):
    monkeypatch.setattr(views, "AGENDA_PER_PAGE", 2)
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=tk_meeting, position=i, kind="manual", title=f"Punkt {i}", minutes=30)
        for i in range(5)
    )
    client = cast.client("pmo")
    url = reverse("governance:meeting_detail", args=[tk_meeting.pk])
    first = client.get(url)
    html = first.content.decode()
    assert html.count('class="card gov-item"') == 2
    items = html[
        html.index('<ol class="gov-items"') : html.index(
            "</ol>", html.index('<ol class="gov-items"')
        )
    ]
    assert "Punkt 0" in items and "Punkt 1" in items and "Punkt 2" not in items
    assert first.context["fit"].total == 150  # every item counts for the time
    third = client.get(url, {"seite": 3}).content.decode()
    assert third.count('class="card gov-item"') == 1 and "Punkt 4" in third
    assert '<ol class="gov-items" start="5">' in third


def test_the_database_fit_equals_the_python_one(tk_meeting):
    """Removed items do not count; equal positions keep the order of creation."""
    minutes = [25, 5, 20, 15, 10, 30, 5]
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=tk_meeting,
            position=i // 2,
            kind="manual",
            title=f"Punkt {i}",
            minutes=m,
            removed=i == 1,
        )
        for i, m in enumerate(minutes)
    )
    items = selectors.agenda_items(tk_meeting)
    for duration in (0, 30, 60, 75, 200):
        tk_meeting.duration_minutes = duration
        expected = agenda.agenda_fit(items, duration)
        got = selectors.agenda_fit_of(tk_meeting, 50)
        assert (got.total, got.fits) == (expected.total, expected.fits)
        assert [i.pk for i in got.overflow] == [i.pk for i in expected.overflow]
    tk_meeting.duration_minutes = 0
    assert len(selectors.agenda_fit_of(tk_meeting, 2).overflow) == 2


def test_the_agenda_page_reads_a_fixed_number_of_rows_and_queries(cast, tk_meeting):
    client = cast.client("pmo")
    url = reverse("governance:meeting_detail", args=[tk_meeting.pk])

    def grow(n: int) -> None:
        AgendaItem.objects.bulk_create(
            AgendaItem(
                meeting=tk_meeting,
                position=1000 + i,
                kind="attention",
                title=f"Projekt {i}",
                minutes=10,
                project=cast.project,
            )
            for i in range(n)
        )

    grow(3)
    small = page_queries(client, url)
    grow(150)
    assert page_queries(client, url) == small
    response = client.get(url)
    assert len(response.context["items"]) == views.AGENDA_PER_PAGE
    assert len(response.context["overflow"]) == views.AGENDA_PER_PAGE
    assert response.context["item_count"] == 153


def test_the_meeting_documents_list_the_whole_agenda(cast, tk_meeting, monkeypatch, rf):
    """The page shows the agenda a page at a time; its PDFs list every item, and the
    decisions with their projects."""
    from lotse.governance import meeting_pdf
    from lotse.governance.models import Decision

    monkeypatch.setattr(views, "AGENDA_PER_PAGE", 2)
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=tk_meeting, position=i, kind="manual", title=f"Punkt {i}")
        for i in range(3)
    )
    Decision.objects.create(
        programme=cast.programme,
        meeting=tk_meeting,
        kind="other",
        wording="Beschluss",
        project=cast.project,
        decided_on=tk_meeting.date,
    )
    seen = {}
    monkeypatch.setattr(
        meeting_pdf, "render_pdf", lambda context, which, progress=None: seen.update(context)
    )
    request = rf.get("/")
    request.user = cast.users["pmo"]
    views.meeting_pdf_document(request, tk_meeting.pk, "minutes")
    assert [item.title for item in seen["items"]] == ["Punkt 0", "Punkt 1", "Punkt 2"]
    assert [d.project.title for d in seen["decisions"]] == [cast.project.title]
