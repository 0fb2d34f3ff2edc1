"""The public idea list, the internal list, the ranking and the matrix cost the same number of
SQL queries with 4 and with 12 ideas (one query per idea, score or criterion shows as a
difference; the sizes were 10 vs 1,000 until the suite got too slow)."""

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lotse.ideas import services
from lotse.ideas.models import Idea, Score
from lotse.public.models import ProgrammePublication
from tests.jobs.helpers import export_queries


def _count(client, url) -> int:
    if url.endswith(".xlsx"):  # the export: what the worker does
        return export_queries(client, url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _grow(cast, ideas, scoring_round, total: int) -> None:
    existing = Idea.objects.filter(programme=cast.programme).count()
    new = Idea.objects.bulk_create(
        [
            Idea(
                programme=cast.programme,
                field_of_action=cast.field,
                title=f"Idee {n}",
                description="…",
                source="public",
                moderation="approved",
                is_public=True,
                cost_estimate=1000 + n,
            )
            for n in range(total - existing)
        ]
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
    small = {name: _count(client, url) for name, (client, url) in urls.items()}
    _grow(cast, ideas, scoring_round, 12)
    large = {name: _count(client, url) for name, (client, url) in urls.items()}
    assert small == large
