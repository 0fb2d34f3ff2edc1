"""The public idea list, the internal list, the ranking and the matrix cost the same number of
SQL queries with 4 and with 12 ideas (one query per idea, score or criterion shows as a
difference; the sizes were 10 vs 1,000 until the suite got too slow)."""

from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from lotse.ideas import services
from lotse.ideas.models import Idea
from lotse.ideas.models import Score
from lotse.public.models import ProgrammePublication
from tests.queries import page_queries

from .conftest import bulk_public_ideas


def _grow(cast, ideas, scoring_round, total: int) -> None:
    existing = Idea.objects.filter(programme=cast.programme).count()
    new = bulk_public_ideas(
        cast, total - existing, title="Idee {}", fields=lambda n: {"cost_estimate": 1000 + n}
    )
    scoring_round.ideas.add(*new)
    rater = cast.users["pmo"]
    Score.objects.bulk_create(
        [
            Score(
                round=scoring_round, idea=idea, criterion=c, rater=rater, value=(idea.pk + c.pk) % 6
            )
            for idea in new
            for c in ideas.criteria
        ]
    )


def test_constant_queries(cast, ideas):
    ProgrammePublication.objects.create(programme=cast.programme, enabled=True)
    cache.clear()
    scoring_round = services.round_create(
        programme=cast.programme, name="R", ideas=[ideas.approved], raters=[cast.users["pmo"]]
    )
    pmo = cast.client("pmo")
    anon = Client()
    urls = {
        "public list": (anon, reverse("public:idea_list", args=[cast.programme.slug])),
        "internal list": (pmo, reverse("ideas:list", args=[cast.programme.slug])),
        "ranking": (pmo, reverse("ideas:round", args=[scoring_round.pk])),
        "matrix": (pmo, reverse("ideas:round_matrix", args=[scoring_round.pk])),
        "export": (pmo, reverse("ideas:round_export", args=[scoring_round.pk])),
    }
    _grow(cast, ideas, scoring_round, 4)
    small = {name: page_queries(client, url) for name, (client, url) in urls.items()}
    _grow(cast, ideas, scoring_round, 12)
    large = {name: page_queries(client, url) for name, (client, url) in urls.items()}
    assert small == large
