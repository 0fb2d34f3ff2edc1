"""Benchmark data for the idea pages (issue 16): ``BENCH_IDEAS`` (10,000) ideas in one
programme with public pages and the idea platform on, the eight default criteria, and one
closed scoring round over all ideas with three raters' complete sheets (bulk-created, no
history). Measured: the public idea list, the internal list, the ranking, its XLSX export and
the value/effort matrix.

Wire-up in bench/run.py: measured once, on its own programme ``bench-ideas``.
"""

from django.contrib.auth import get_user_model

from lotse.ideas import services
from lotse.ideas.models import Criterion
from lotse.ideas.models import Idea
from lotse.ideas.models import IdeaSettings
from lotse.ideas.models import RoundRater
from lotse.ideas.models import Score
from lotse.ideas.models import ScoringRound
from lotse.portfolio.models import FieldOfAction
from lotse.public.models import ProgrammePublication

BATCH = 5000


def _generate(programme, count: int) -> ScoringRound:
    IdeaSettings.objects.get_or_create(programme=programme, defaults={"public_platform": True})
    ProgrammePublication.objects.get_or_create(programme=programme, defaults={"enabled": True})
    services.criteria_create_defaults(programme=programme)
    fields = list(FieldOfAction.objects.filter(programme=programme)) or [None]
    ideas = Idea.objects.bulk_create(
        (
            Idea(
                programme=programme,
                field_of_action=fields[n % len(fields)],
                title=f"Idee {n:05d}",
                description="Beschreibung einer Idee für die Messung.",
                source="public",
                moderation="approved",
                is_public=True,
                cost_estimate=1000 * (n % 500 + 1),
            )
            for n in range(count)
        ),
        batch_size=BATCH,
    )
    raters = [
        get_user_model().objects.get_or_create(username=f"bench-rater-{n}")[0] for n in range(3)
    ]
    scoring_round = ScoringRound.objects.create(programme=programme, name="Bench-Runde")
    scoring_round.ideas.add(*ideas)
    RoundRater.objects.bulk_create([RoundRater(round=scoring_round, user=r) for r in raters])
    criteria = list(Criterion.objects.filter(programme=programme))
    Score.objects.bulk_create(
        (
            Score(
                round=scoring_round,
                idea=idea,
                criterion=c,
                rater=rater,
                value=(idea.pk + c.pk + r) % 6,
            )
            for idea in ideas
            for c in criteria
            for r, rater in enumerate(raters)
        ),
        batch_size=BATCH,
    )
    services.round_close(scoring_round=scoring_round, user=None)
    return scoring_round


def pages(client, programme, count: int) -> dict[str, str]:
    scoring_round = ScoringRound.objects.filter(programme=programme).first()
    if scoring_round is None:
        scoring_round = _generate(programme, count)
    slug = programme.slug
    return {
        f"Ideen öffentlich ({count})": f"/oeffentlich/{slug}/ideen/",
        f"Ideenliste intern ({count})": f"/programme/{slug}/ideen/",
        f"Rangfolge ({count})": f"/bewertungsrunden/{scoring_round.pk}/",
        f"Rangfolge XLSX ({count})": f"/bewertungsrunden/{scoring_round.pk}/rangfolge.xlsx",
        f"Matrix ({count})": f"/bewertungsrunden/{scoring_round.pk}/matrix/",
    }
