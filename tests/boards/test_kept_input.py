"""A column's form on the board settings and the new measure of a retrospective keep refused
input: sent back to the page, the typed values stand in their fields again with the reason
beside them (and at the top), once (lotse.drafts)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.boards import services
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
    # the column itself keeps its stored name on the page (its buttons name it)
    assert f'<span class="visually-hidden"> {world.doing.name}</span>' in html
    assert '<span class="visually-hidden"> Umsetzung</span>' not in html
    other = reverse("boards:column_edit", args=[world.todo.pk])
    assert shown_field(html, other, f"spalte-{world.todo.pk}-name").value == world.todo.name
    again = client.get(settings).content.decode()
    assert shown_field(again, action, f"{prefix}-name").value == world.doing.name
    assert not shown_field(again, action, f"{prefix}-wip_limit").errors
    world.doing.refresh_from_db()
    assert world.doing.name != "Umsetzung"


def test_a_refused_retro_action_keeps_what_was_typed_once(cast, world):
    """A measure too long for its field was refused as „Bitte beschreiben Sie die Maßnahme“
    and lost; now the field's own reason, and the text stands in the field again."""
    retro = services.retrospective_create(
        user=None, project=cast.project, held_on=timezone.localdate(), went_well="Gut"
    )
    client = cast.client("project_lead")
    action = reverse("boards:action_add", args=[retro.pk])
    page = reverse("boards:retrospective", args=[retro.pk])
    typed = "Jour fixe " + "x" * 300
    response = client.post(action, {"text": typed}, follow=True)
    assert response.redirect_chain[-1][0] == page
    text = shown_field(response.content.decode(), action, "text")
    assert text.value == typed and text.invalid
    [error] = text.errors
    assert "300" in error
    [message] = messages_of(response)
    assert error in message and message.startswith(("Neue Maßnahme: ", "„Neue Maßnahme“"))
    again = shown_field(client.get(page).content.decode(), action, "text")
    assert again.value == "" and not again.errors
    assert not retro.actions.exists()
