"""The meeting page's agenda items and decisions are put together in Python (issue 14):
every text from users is escaped, line breaks become `<br>`, and the buttons keep their
first/last state across pages."""

from django.urls import reverse

from lotse.governance.models import AgendaItem
from lotse.governance.models import Decision
from lotse.governance.views import meetings as views
from tests.reporting.factories import DecisionRequestFactory

EVIL = "<script>alert(\"x\")</script> & 'y'"
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;y&#x27;"


def test_user_text_on_the_agenda_and_in_the_decisions_is_escaped(cast, tk_meeting):
    cast.project.title = f"Projekt {EVIL}"
    cast.project.save()
    request = DecisionRequestFactory(project=cast.project, question=EVIL, addressed_to="pmo")
    item = AgendaItem.objects.create(
        meeting=tk_meeting,
        kind="request",
        title=EVIL,
        description=f"{EVIL}\nzweite Zeile",
        notes=EVIL,
        project=cast.project,
        decision_request=request,
    )
    Decision.objects.create(
        programme=cast.programme,
        meeting=tk_meeting,
        agenda_item=item,
        kind="other",
        wording=f"{EVIL}\r\nBeschluss",
        rationale=EVIL,
        project=cast.project,
        decided_on=tk_meeting.date,
    )
    url = reverse("governance:meeting_detail", args=[tk_meeting.pk])
    for role in ("pmo", "sponsor"):
        html = cast.client(role).get(url).content.decode()
        assert "<script>alert" not in html
        assert f"<h3>{ESCAPED}</h3>" in html
        assert f"<p>{ESCAPED}<br>zweite Zeile</p>" in html
        assert f"{ESCAPED}<br>Beschluss</a>" in html
        assert f"Projekt {ESCAPED}</a>" in html
        assert f'<span class="visually-hidden">: {ESCAPED}</span>' in html
        assert f"{ESCAPED}</textarea>" in html  # the note form of who runs the meeting


def test_the_move_buttons_are_disabled_only_at_the_agenda_ends(cast, tk_meeting, monkeypatch):
    monkeypatch.setattr(views, "AGENDA_PER_PAGE", 2)
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=tk_meeting, position=i, kind="manual", title=f"Punkt {i}")
        for i in range(3)
    )
    client = cast.client("pmo")
    url = reverse("governance:meeting_detail", args=[tk_meeting.pk])
    first = client.get(url).content.decode()
    second = client.get(url, {"seite": 2}).content.decode()
    assert first.count(" disabled>↑ nach oben") == 1 and " disabled>↓" not in first
    assert second.count(" disabled>↓ nach unten") == 1 and " disabled>↑" not in second
    assert "csrfmiddlewaretoken" in first


def test_the_items_after_the_meetings_end_are_listed_escaped(cast, tk_meeting):
    tk_meeting.duration_minutes = 10
    tk_meeting.save()
    first = AgendaItem.objects.create(meeting=tk_meeting, position=0, title="Erster", minutes=10)
    late = AgendaItem.objects.create(meeting=tk_meeting, position=1, title=EVIL, minutes=15)
    url = reverse("governance:meeting_detail", args=[tk_meeting.pk])
    html = cast.client("viewer").get(url).content.decode()
    overflow = html[
        html.index('id="agenda-overflow"') : html.index("</ul>", html.index('id="agenda-overflow"'))
    ]
    assert f'<li><a href="#punkt-{late.pk}">{ESCAPED}</a> (15 Min.)</li>' in overflow
    assert f"#punkt-{first.pk}" not in overflow


def test_the_items_after_the_meetings_end_link_to_their_page(cast, tk_meeting, monkeypatch):
    """The agenda is paged: an item on another page is linked with its page, one on the page
    shown by its fragment (its place counted in the agenda's order, taken-off items left
    out)."""
    monkeypatch.setattr(views, "AGENDA_PER_PAGE", 2)
    tk_meeting.duration_minutes = 10
    tk_meeting.save()
    AgendaItem.objects.create(meeting=tk_meeting, position=0, title="weg", removed=True)
    items = [
        AgendaItem.objects.create(meeting=tk_meeting, position=i, title=f"P{i}", minutes=10)
        for i in range(5)
    ]
    url = reverse("governance:meeting_detail", args=[tk_meeting.pk])
    client = cast.client("viewer")

    def notice(query: dict) -> str:
        html = client.get(url, query).content.decode()
        start = html.index('id="agenda-overflow"')
        return html[start : html.index("</ul>", start)]

    first = notice({})
    assert f'<a href="?seite=2#punkt-{items[1].pk}">P1</a>' not in first  # on page 1
    assert f'<a href="#punkt-{items[1].pk}">P1</a>' in first
    assert f'<a href="?seite=2#punkt-{items[2].pk}">P2</a>' in first
    second = notice({"seite": 2})
    assert f'<a href="?seite=1#punkt-{items[1].pk}">P1</a>' in second
    assert f'<a href="#punkt-{items[2].pk}">P2</a>' in second
