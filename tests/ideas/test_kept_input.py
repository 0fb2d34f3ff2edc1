"""The small forms of an idea's page (written by hand) keep refused input: hiding the idea,
setting its status and the body's decision stand in their fields again with the reason
beside them (and at the top), once (lotse.drafts)."""

import pytest
from django.urls import reverse

from lotse.ideas.models import Idea
from tests.kept import messages_of
from tests.kept import shown_field

pytestmark = pytest.mark.django_db

BAD = "Doppelt\x07 eingereicht"


@pytest.mark.parametrize(
    ("action", "data", "field"),
    [
        ("ideas:hide", {"reason": BAD}, "reason"),
        # rejected without a reason: the chosen status stays chosen, the reason is asked for
        ("ideas:status", {"status": "rejected", "reason": " "}, "reason"),
    ],
)
def test_a_refused_moderation_keeps_what_was_typed_once(cast, ideas, action, data, field):
    idea = ideas.approved
    url = reverse(action, args=[idea.pk])
    page = reverse("ideas:detail", args=[idea.pk])
    client = cast.client("pmo")
    response = client.post(url, data, follow=True)
    assert response.redirect_chain[-1][0] == page
    html = response.content.decode()
    shown = shown_field(html, url, field)
    assert shown.value == data[field] and shown.invalid
    [error] = shown.errors
    assert ("Steuerzeichen" if data[field] == BAD else "Grund") in error
    assert any(error in m for m in messages_of(response))
    if "status" in data:
        assert shown_field(html, url, "status").value == "rejected"
    again = shown_field(client.get(page).content.decode(), url, field)
    assert again.value == "" and not again.errors
    assert Idea.objects.get(pk=idea.pk).moderation == idea.moderation
