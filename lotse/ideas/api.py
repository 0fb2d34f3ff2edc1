"""Idea endpoints of the REST API: ideas and their moderation, supports, criteria, scoring
rounds, scores and the ranking. Same selectors, services and rules as the UI."""

from collections.abc import Callable
from functools import partial

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from ninja import Query
from ninja import Schema
from ninja import Status

from lotse.api_helpers import WRITE
from lotse.api_helpers import ApiRouter
from lotse.api_helpers import require
from lotse.api_helpers import resolve_id
from lotse.api_helpers import sent_changes
from lotse.api_helpers import unknown_id
from lotse.api_helpers import unknown_id_error
from lotse.http import AuthedRequest
from lotse.portfolio import selectors as portfolio_selectors
from lotse.portfolio.api import resolve_field_of_action

from . import schemas as s
from . import selectors
from . import services
from .models import Criterion
from .models import Idea
from .models import Score
from .models import ScoringRound

router = ApiRouter(tags=["Ideen"], module=__name__)


def _fresh(idea: Idea) -> Idea:
    return Idea.objects.with_support_counts().get(pk=idea.pk)


# --- ideas -------------------------------------------------------------------------------------


@router.read("/programmes/{slug}/ideas", list[s.IdeaOut], "idea_list")
def idea_list(
    request: AuthedRequest,
    slug: str,
    status: str = Query("", description="Nur Ideen in diesem Status (Code, z. B. `received`)."),
    field: str = Query("", description="Nur Ideen dieses Themenfelds (Id)."),
    source: str = Query(
        "", description="Nur Ideen dieser Herkunft: `public`, `staff`, `workshop`."
    ),
) -> QuerySet[Idea]:
    """Die Ideen des Programms (Moderation sieht auch ungeprüfte und ausgeblendete)."""
    programme = portfolio_selectors.get_programme_for(request.user, slug, "ideas.view_ideas")
    qs = selectors.ideas_of(programme, request.user)
    return selectors.filter_ideas(qs, {"status": status, "field": field, "source": source})


@router.create("/programmes/{slug}/ideas", s.IdeaOut, "idea_create")
def idea_create(request: AuthedRequest, slug: str, payload: s.IdeaCreate) -> Status:
    """Eine Idee der Verwaltung oder aus einem Workshop erfassen (intern bis zur Freigabe)."""
    programme = portfolio_selectors.get_programme_for(request.user, slug, "ideas.add_idea")
    data = sent_changes(payload)
    source = data.pop("source", Idea.Source.STAFF)
    if source == Idea.Source.WORKSHOP:
        require(request, "ideas.moderate", programme)
    resolve_field_of_action(data, programme.pk)
    idea = services.idea_create(programme=programme, user=request.user, data=data, source=source)
    return Status(201, _fresh(idea))


router.add_detail("/ideas/{idea_id}", s.IdeaOut, selectors.get_idea_for, "idea_detail")


@router.write("PATCH", "/ideas/{idea_id}", s.IdeaOut, "idea_update")
def idea_update(request: AuthedRequest, idea_id: int, payload: s.IdeaUpdate) -> Idea:
    """Eine Idee bearbeiten (Moderation); bei Ideen von Bürgerinnen und Bürgern mit Hinweis."""
    idea = selectors.get_idea_for(request.user, idea_id, "ideas.moderate")
    data = sent_changes(payload)
    note = data.pop("note", "")
    resolve_field_of_action(data, idea.programme_id)
    services.idea_update(
        idea=idea, user=request.user, data=data, note=note, expected_version=payload.version
    )
    return _fresh(idea)


def _moderation(
    act: str,
    service: Callable[..., Idea],
    body: type[Schema] | None = None,
    *,
    perm: str = "ideas.moderate",
) -> None:
    """POST /ideas/{idea_id}/<act>, the operation `idea_<act>`: the `service` acts on the
    idea as the request's user, with the fields of the `body`; 200 with the idea."""

    def moderate(request: AuthedRequest, pk: int, payload: Schema | None = None) -> Idea:
        idea = selectors.get_idea_for(request.user, pk, perm)
        fields = payload.model_dump() if payload is not None else {}
        return _fresh(service(idea=idea, user=request.user, **fields))

    path, response = f"/ideas/{{idea_id}}/{act}", {200: s.IdeaOut, **WRITE}
    router.add_view("POST", path, moderate, f"idea_{act}", response, [body] if body else [])


_moderation("approve", services.idea_approve)
_moderation("hide", services.idea_hide, s.Reason)


@router.write("POST", "/ideas/{idea_id}/merge", s.IdeaOut, "idea_merge")
def idea_merge(request: AuthedRequest, idea_id: int, payload: s.MergeIn) -> Idea:
    idea = selectors.get_idea_for(request.user, idea_id, "ideas.moderate")
    ideas = Idea.objects.filter(programme_id=idea.programme_id)
    into = resolve_id(ideas, payload.into, "into", partial(unknown_id, _("Eine Idee")))
    return _fresh(services.idea_merge(idea=idea, into=into, user=request.user, note=payload.note))


_moderation("release", services.idea_release, s.ReleaseIn)
_moderation("status", services.idea_set_status, s.StatusIn, perm="ideas.decide")


@router.write("POST", "/ideas/{idea_id}/supports", s.SupportOut, "idea_support")
def idea_support(request: AuthedRequest, idea_id: int) -> dict[str, object]:
    """Die Idee unterstützen (je Person einmal)."""
    idea = selectors.get_idea_for(request.user, idea_id)
    created = services.idea_support(idea=idea, user=request.user)
    return {"created": created, "supports": idea.supports.count()}


# --- criteria ----------------------------------------------------------------------------------


router.add_list(
    "/programmes/{slug}/criteria",
    s.CriterionOut,
    portfolio_selectors.get_programme_for,
    lambda programme: Criterion.objects.filter(programme=programme),
    "criterion_list",
    perm="ideas.view_ideas",
)


@router.create("/programmes/{slug}/criteria", s.CriterionOut, "criterion_create")
def criterion_create(request: AuthedRequest, slug: str, payload: s.CriterionIn) -> Status:
    programme = portfolio_selectors.get_programme_for(request.user, slug, "ideas.manage_criteria")
    criterion = services.criterion_save(
        criterion=Criterion(programme=programme), data=payload.model_dump()
    )
    return Status(201, criterion)


router.add_update(
    "/criteria/{criterion_id}",
    s.CriterionOut,
    s.CriterionUpdate,
    selectors.get_criterion_for,
    services.criterion_save,
    "criterion_update",
    perm="ideas.manage_criteria",
)


# --- scoring rounds ----------------------------------------------------------------------------


def _round_out(pk: int) -> ScoringRound:
    return ScoringRound.objects.prefetch_related("ideas", "jury").get(pk=pk)


@router.read("/programmes/{slug}/scoring-rounds", list[s.RoundOut], "round_list")
def round_list(request: AuthedRequest, slug: str) -> QuerySet[ScoringRound]:
    programme = portfolio_selectors.get_programme_for(request.user, slug, "ideas.view_ideas")
    qs = ScoringRound.objects.filter(programme=programme).prefetch_related("ideas", "jury")
    if not request.user.has_perm("ideas.manage_rounds", programme):
        qs = qs.filter(jury__user=request.user)
    return qs


@router.create("/programmes/{slug}/scoring-rounds", s.RoundOut, "round_create")
def round_create(request: AuthedRequest, slug: str, payload: s.RoundCreate) -> Status:
    programme = portfolio_selectors.get_programme_for(request.user, slug, "ideas.manage_rounds")
    ideas = list(Idea.objects.filter(programme=programme, pk__in=payload.ideas))
    missing = set(payload.ideas) - {i.pk for i in ideas}
    if missing:
        raise unknown_id_error("ideas", _("Eine Idee"), min(missing))
    raters = list(get_user_model().objects.filter(pk__in=payload.raters, is_active=True))
    missing = set(payload.raters) - {u.pk for u in raters}
    if missing:
        raise unknown_id_error("raters", _("Eine Person"), min(missing))
    scoring_round = services.round_create(
        programme=programme, name=payload.name, ideas=ideas, raters=raters, user=request.user
    )
    return Status(201, _round_out(scoring_round.pk))


@router.read("/scoring-rounds/{round_id}", s.RoundOut, "round_detail")
def round_detail(request: AuthedRequest, round_id: int) -> ScoringRound:
    selectors.get_round_for(request.user, round_id)
    return _round_out(round_id)


@router.read("/scoring-rounds/{round_id}/scores", list[s.ScoreOut], "round_scores")
def round_scores(request: AuthedRequest, round_id: int) -> QuerySet[Score]:
    """Einzelbewertungen: eigene immer, die der anderen erst nach der eigenen Abgabe."""
    scoring_round = selectors.get_round_for(request.user, round_id)
    return selectors.visible_scores(scoring_round, request.user).order_by("pk")


@router.write("PUT", "/scoring-rounds/{round_id}/scores", list[s.ScoreOut], "round_scores_save")
def round_scores_save(
    request: AuthedRequest, round_id: int, payload: s.ScoresIn
) -> QuerySet[Score]:
    """Die eigenen Bewertungen speichern (`value: null` löscht eine)."""
    scoring_round = selectors.get_round_for(request.user, round_id, "ideas.score")
    services.scores_save(
        scoring_round=scoring_round,
        rater=request.user,
        values={(x.idea, x.criterion): x.value for x in payload.scores},
    )
    return scoring_round.scores.filter(rater=request.user).order_by("pk")


@router.write("POST", "/scoring-rounds/{round_id}/submit", s.RoundOut, "round_submit")
def round_submit(request: AuthedRequest, round_id: int) -> ScoringRound:
    scoring_round = selectors.get_round_for(request.user, round_id, "ideas.score")
    services.round_submit(scoring_round=scoring_round, rater=request.user)
    return _round_out(round_id)


@router.write("POST", "/scoring-rounds/{round_id}/close", s.RoundOut, "round_close")
def round_close(request: AuthedRequest, round_id: int) -> ScoringRound:
    scoring_round = selectors.get_round_for(request.user, round_id, "ideas.manage_rounds")
    services.round_close(scoring_round=scoring_round, user=request.user)
    return _round_out(round_id)


@router.read("/scoring-rounds/{round_id}/ranking", s.RankingOut, "round_ranking")
def round_ranking(request: AuthedRequest, round_id: int) -> dict[str, object]:
    scoring_round = selectors.get_round_for(request.user, round_id)
    found = selectors.ranking(scoring_round, request.user)
    return {
        "round": scoring_round.pk,
        "state": scoring_round.state,
        "submitted": found.submitted,
        "jury_size": found.jury_size,
        "weights": {str(k): v for k, v in found.weights.items()},
        "rows": [
            {
                "idea": row.idea.pk,
                "title": row.idea.title,
                "rank": row.result.rank,
                "score": row.result.score,
                "value": row.result.value,
                "effort": row.result.effort,
                "quadrant": row.result.quadrant,
                "complete": row.result.complete,
                "disagreement": row.result.disagreement,
                "criteria": [
                    {
                        "criterion": key,
                        "name": found.names.get(key, ""),
                        "mean": c.mean,
                        "spread": c.spread,
                        "count": c.count,
                        "disagreement": c.disagreement,
                    }
                    for key, c in row.result.criteria.items()
                ],
            }
            for row in found.rows
        ],
    }
