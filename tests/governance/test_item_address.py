"""An agenda item's address leads to the page of the paged agenda it is on: decisions link to
it, and editing, moving or noting an item returns there (issue 6)."""

import pytest
from django.urls import reverse

from lotse.governance.models import AgendaItem
from lotse.governance.models import Decision
from lotse.governance.views import meetings as views

PER_PAGE = 2


@pytest.fixture
def items(tk_meeting, monkeypatch):
    monkeypatch.setattr(views, "AGENDA_PER_PAGE", PER_PAGE)
    created = AgendaItem.objects.bulk_create(
        AgendaItem(meeting=tk_meeting, position=i, kind="manual", title=f"Punkt {i}", minutes=5)
        for i in range(5)
    )
    return sorted(created, key=lambda item: item.position)


def _address(client, item):
    response = client.get(reverse("governance:item_detail", args=[item.pk]))
    assert response.status_code == 302
    return response["Location"]


def test_the_address_names_the_page_of_the_agenda(cast, tk_meeting, items):
    meeting_url = tk_meeting.get_absolute_url()
    client = cast.client("viewer")  # reading the meeting is enough
    assert _address(client, items[1]) == f"{meeting_url}#punkt-{items[1].pk}"
    assert _address(client, items[2]) == f"{meeting_url}?seite=2#punkt-{items[2].pk}"
    assert _address(client, items[4]) == f"{meeting_url}?seite=3#punkt-{items[4].pk}"
    # the target is there: the item on the page the address names
    page = client.get(f"{meeting_url}?seite=3").content.decode()
    assert f'id="punkt-{items[4].pk}"' in page


def test_removed_items_count_for_no_page_and_lead_to_the_agenda(cast, tk_meeting, items):
    AgendaItem.objects.filter(pk=items[0].pk).update(removed=True)
    client = cast.client("pmo")
    assert _address(client, items[2]).endswith(f"{tk_meeting.pk}/#punkt-{items[2].pk}")
    assert _address(client, items[0]) == f"{tk_meeting.get_absolute_url()}#tagesordnung"


@pytest.mark.parametrize("role, status", [("outsider", 403), ("anonymous", 302)])
def test_the_address_is_only_for_readers_of_the_meeting(cast, items, role, status):
    response = cast.client(role).get(reverse("governance:item_detail", args=[items[0].pk]))
    assert response.status_code == status
    if role == "anonymous":
        assert "anmelden" in response["Location"]


def test_moving_and_editing_return_to_the_items_page(cast, tk_meeting, items):
    client = cast.client("pmo")
    meeting_url = tk_meeting.get_absolute_url()
    moved = client.post(reverse("governance:item_up", args=[items[2].pk]))
    assert moved["Location"] == f"{meeting_url}#punkt-{items[2].pk}"  # now on page 1
    moved = client.post(reverse("governance:item_down", args=[items[2].pk]))
    assert moved["Location"] == f"{meeting_url}?seite=2#punkt-{items[2].pk}"
    noted = client.post(reverse("governance:item_note", args=[items[4].pk]), {"notes": "x"})
    assert noted["Location"] == f"{meeting_url}?seite=3#punkt-{items[4].pk}"


def test_decisions_link_to_their_items_address(cast, tk_meeting, items):
    decision = Decision.objects.create(
        programme=cast.programme,
        meeting=tk_meeting,
        agenda_item=items[4],
        kind="other",
        wording="Beschluss zu Punkt 4",
        decided_on=tk_meeting.date,
    )
    address = reverse("governance:item_detail", args=[items[4].pk])
    client = cast.client("pmo")
    for url in (
        tk_meeting.get_absolute_url(),
        reverse("governance:decision_log", args=[cast.programme.slug]),
        reverse("governance:decision_detail", args=[decision.pk]),
    ):
        assert f'href="{address}"' in client.get(url).content.decode(), url
