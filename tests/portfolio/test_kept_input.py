"""The dependency form on the project page keeps refused input: sent back to the page, the
kind, the other project and the note stand in their fields again with the reason beside the
field it concerns (and at the top, as before), once (lotse.drafts)."""

import pytest
from django.urls import reverse

from lotse.portfolio.models import Dependency
from tests.kept import messages_of
from tests.kept import shown_field

pytestmark = pytest.mark.django_db

NOTE = "Wartet auf die Schnittstelle zum Fachverfahren"


def _post_and_read(cast, data):
    action = reverse("portfolio:dependency_add", args=[cast.project.pk])
    client = cast.client("pmo")
    response = client.post(action, data, follow=True)
    assert response.redirect_chain[-1][0] == cast.project.get_absolute_url()
    return client, action, response


def test_a_form_error_keeps_the_typed_input_once(cast):
    client, action, response = _post_and_read(cast, {"kind": "blocks", "note": NOTE})
    html = response.content.decode()
    target = shown_field(html, action, "target")
    assert target.invalid and target.errors and not target.folded
    assert any(target.errors[0] in message for message in messages_of(response))
    assert shown_field(html, action, "note").value == NOTE
    assert shown_field(html, action, "kind").value == "blocks"
    again = client.get(cast.project.get_absolute_url()).content.decode()
    assert shown_field(again, action, "note").value == ""
    assert not shown_field(again, action, "target").errors
    assert shown_field(again, action, "target").folded
    assert not Dependency.objects.exists()


def test_a_refusal_of_the_service_stands_beside_its_field(cast):
    """The service refuses a dependency recorded already: its reason is tied to the other
    project's field, which shows the project chosen."""
    Dependency.objects.create(source=cast.project, target=cast.other_project, kind="needs")
    other = str(cast.other_project.pk)
    posted = {"kind": "needs", "target": other, "note": NOTE}
    client, action, response = _post_and_read(cast, posted)
    html = response.content.decode()
    target = shown_field(html, action, "target")
    assert target.value == other
    assert target.errors == ["Diese Abhängigkeit ist bereits erfasst."]
    assert messages_of(response) == ["Diese Abhängigkeit ist bereits erfasst."]
    assert shown_field(html, action, "note").value == NOTE
    again = client.get(cast.project.get_absolute_url()).content.decode()
    assert shown_field(again, action, "target").value == ""
    assert Dependency.objects.count() == 1
