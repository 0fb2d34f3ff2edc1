"""Idea data beside the standard cast: default criteria, a few ideas, a jury round."""

from dataclasses import dataclass

import pytest

from lotse.ideas import services
from lotse.ideas.models import Criterion
from lotse.ideas.models import Idea
from lotse.ideas.models import IdeaSettings


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


def bulk_public_ideas(cast, count: int, title="Idee {:03d}", fields=lambda n: {}) -> list[Idea]:
    """`count` approved public ideas in the cast's field, bulk-created (no history rows); the
    n-th is titled `title.format(n)` and has the `fields(n)` besides."""
    return Idea.objects.bulk_create(
        Idea(
            programme=cast.programme,
            field_of_action=cast.field,
            title=title.format(n),
            description="…",
            source="public",
            moderation="approved",
            is_public=True,
            **fields(n),
        )
        for n in range(count)
    )


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
