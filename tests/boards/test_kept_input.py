"""A column's form on the board settings keeps refused input: sent back to the settings, the
typed name and WIP limit stand in that column's fields again with the reason beside them (and
at the top), once (lotse.drafts)."""

import pytest
from django.urls import reverse

from tests.kept import messages_of
from tests.kept import shown_field

pytestmark = pytest.mark.django_db


def test_a_refused_column_keeps_what_was_typed_once(cast, world):
    client = cast.client("project_lead")
    action = reverse("boards:column_edit", args=[world.doing.pk])
    prefix = f"spalte-{world.doing.pk}"
    settings = reverse("boards:settings", args=[world.board.pk])
    posted = {f"{prefix}-name": "Umsetzung", f"{prefix}-wip_limit": "viele"}
    response = client.post(action, posted, follow=True)
    assert response.redirect_chain[-1][0] == settings
    html = response.content.decode()
    limit = shown_field(html, action, f"{prefix}-wip_limit")
    assert limit.value == "viele" and limit.invalid
    [error] = limit.errors
    assert error == "Bitte eine ganze Zahl eingeben."
    assert any(error in message for message in messages_of(response))
    assert shown_field(html, action, f"{prefix}-name").value == "Umsetzung"
    other = reverse("boards:column_edit", args=[world.todo.pk])
    assert shown_field(html, other, f"spalte-{world.todo.pk}-name").value == world.todo.name
    again = client.get(settings).content.decode()
    assert shown_field(again, action, f"{prefix}-name").value == world.doing.name
    assert not shown_field(again, action, f"{prefix}-wip_limit").errors
    world.doing.refresh_from_db()
    assert world.doing.name != "Umsetzung"
