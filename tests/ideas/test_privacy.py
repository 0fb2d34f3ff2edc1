"""Authors' personal data: erased after the programme's period, exported and erased on
request (admin actions), and never kept in the row history."""

import json
from datetime import timedelta
from io import StringIO

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from lotse.discussion.models import Comment
from lotse.ideas import privacy
from lotse.ideas.models import Idea
from lotse.ideas.models import IdeaSettings

from .conftest import make_idea


def test_anonymise_after_the_period(cast, ideas):
    IdeaSettings.objects.filter(programme=cast.programme).update(anonymise_after_days=30)
    fresh = make_idea(cast.programme, author_name="Neu Person", author_email="neu@example.org")
    Idea.objects.filter(pk=ideas.pending.pk).update(created_at=timezone.now() - timedelta(days=31))
    comment = Comment.objects.create(
        content_type=ContentType.objects.get_for_model(Idea),
        object_id=ideas.approved.pk,
        programme=cast.programme,
        author_name="Kommentar Person",
        is_public=True,
        body="x",
    )
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(days=40))
    call_command("anonymise_ideas", stdout=StringIO())
    old = Idea.objects.get(pk=ideas.pending.pk)
    assert old.author_name == "" and old.author_email == "" and not old.contact_consent
    assert old.personal_data_removed_at is not None
    assert old.moderation_events.filter(action="anonymised").exists()
    fresh.refresh_from_db()
    assert fresh.author_email == "neu@example.org"
    assert Comment.objects.get(pk=comment.pk).author_name == ""
    # the history never held the address
    assert not any(
        "erika@example.org" in str(row.__dict__) for row in Idea.history.filter(id=ideas.pending.pk)
    )


def test_export_and_erase_one_person(cast, ideas):
    second = make_idea(cast.programme, author_name="Erika M.", author_email="ERIKA@example.org")
    exported = privacy.person_data("erika@example.org")
    assert {row["idea"] for row in exported} == {ideas.pending.pk, second.pk}
    assert privacy.person_erase("erika@example.org") == 2
    assert not Idea.objects.filter(author_email__iexact="erika@example.org").exists()
    assert privacy.person_data("erika@example.org") == []


def test_admin_actions(cast, ideas):
    admin = cast.users["outsider"]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = cast.client("outsider")
    url = reverse("admin:ideas_idea_changelist")
    response = client.post(url, {"action": "export_person", "_selected_action": [ideas.pending.pk]})
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["erika@example.org"][0]["name"] == "Erika Mustermann"
    client.post(url, {"action": "erase_person", "_selected_action": [ideas.pending.pk]})
    ideas.pending.refresh_from_db()
    assert ideas.pending.author_email == "" and ideas.pending.author_name == ""
