"""Idea data beside the standard cast: default criteria, a few ideas, a jury round."""

from dataclasses import dataclass

import pytest

from lotse.ideas import services
from lotse.ideas.models import Criterion, Idea, IdeaSettings


@dataclass
class Ideas:
    approved: object  # a public idea, approved
    pending: object  # a public idea waiting for moderation
    staff: object  # an internal staff idea
    criteria: list


def make_idea(programme, field=None, **kwargs) -> Idea:
    defaults = {
        "title": "Idee",
        "description": "Beschreibung",
        "source": Idea.Source.PUBLIC,
        "moderation": Idea.Moderation.APPROVED,
        "is_public": True,
    }
    defaults.update(kwargs)
    return Idea.objects.create(programme=programme, field_of_action=field, **defaults)


@pytest.fixture
def ideas(cast) -> Ideas:
    IdeaSettings.objects.create(programme=cast.programme, public_platform=True)
    services.criteria_create_defaults(programme=cast.programme)
    approved = make_idea(cast.programme, cast.field, title="Online-Terminvergabe Bürgeramt")
    pending = make_idea(
        cast.programme,
        cast.field,
        title="Ungeprüfte Idee",
        moderation=Idea.Moderation.PENDING,
        author_name="Erika Mustermann",
        author_email="erika@example.org",
        contact_consent=True,
    )
    staff = make_idea(
        cast.programme,
        cast.field,
        title="Interne Idee der Verwaltung",
        source=Idea.Source.STAFF,
        is_public=False,
        author=cast.users["change_manager"],
    )
    criteria = list(Criterion.objects.filter(programme=cast.programme))
    return Ideas(approved, pending, staff, criteria)
