"""A meeting's agenda shows a page of items at a time; the time check counts them all
(issue 14)."""

from django.urls import reverse

from lotse.governance.models import AgendaItem
from lotse.governance.views import meetings as views


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
