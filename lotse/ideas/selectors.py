"""Reads of ideas and scoring rounds, with their related data decided here, once."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.db.models import QuerySet
from django.http import Http404

from lotse.http import AnyUser
from lotse.http import User
from lotse.http import get_checked
from lotse.http import get_or_404
from lotse.http import require_perm
from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import Programme

from . import scoring
from .models import Criterion
from .models import Idea
from .models import RoundRater
from .models import Score
from .models import ScoringRound

QUADRANT_LABELS = {
    scoring.QUICK_WIN: "Quick Win",
    scoring.STRATEGIC: "strategisches Vorhaben",
    scoring.FILLER: "Nebenbei-Vorhaben",
    scoring.QUESTIONABLE: "fraglich",
}


def ideas_of(programme: Programme, user: AnyUser) -> QuerySet[Idea]:
    """The programme's ideas as staff see them: moderators see everything, others do not see
    unmoderated or hidden contributions."""
    qs = (
        Idea.objects.filter(programme=programme)
        .select_related("field_of_action", "project", "merged_into")
        .with_support_counts()
    )
    if not user.has_perm("ideas.moderate", programme):
        qs = qs.filter(moderation__in=[Idea.Moderation.APPROVED, Idea.Moderation.MERGED])
    return qs


def filter_ideas(qs: QuerySet[Idea], filters: dict[str, Any]) -> QuerySet[Idea]:
    if filters.get("field", "").isdigit():
        qs = qs.filter(field_of_action_id=int(filters["field"]))
    if filters.get("status") in Idea.Status.values:
        qs = qs.filter(status=filters["status"])
    if filters.get("source") in Idea.Source.values:
        qs = qs.filter(source=filters["source"])
    if filters.get("moderation") in Idea.Moderation.values:
        qs = qs.filter(moderation=filters["moderation"])
    text = (filters.get("q") or "").strip()
    if text:
        qs = qs.filter(Q(title__icontains=text) | Q(description__icontains=text))
    return qs


def get_idea_for(user: AnyUser, pk: object, perm: str = "ideas.view_ideas") -> Idea:
    idea = get_or_404(
        Idea.objects.select_related(
            "programme", "field_of_action", "project", "merged_into", "author"
        ).with_support_counts(),
        pk=pk,
    )
    require_perm(user, perm, idea)
    hidden = idea.moderation in (Idea.Moderation.PENDING, Idea.Moderation.HIDDEN)
    if hidden and not user.has_perm("ideas.moderate", idea):
        raise Http404
    return idea


def get_round_for(user: AnyUser, pk: object, perm: str = "ideas.view_round") -> ScoringRound:
    return get_checked(ScoringRound.objects.select_related("programme"), user, perm, pk=pk)


def get_criterion_for(user: AnyUser, pk: object, perm: str = "ideas.view_ideas") -> Criterion:
    return get_checked(Criterion.objects.select_related("programme"), user, perm, pk=pk)


def criteria_of(programme: Programme) -> list[Criterion]:
    return list(Criterion.objects.filter(programme=programme, active=True))


# --- ranking -----------------------------------------------------------------------------------


@dataclass
class RankedIdea:
    idea: Idea
    result: scoring.IdeaResult
    base_rank: int | None = None  # the rank with the stored weights (sensitivity view)

    @property
    def quadrant_label(self) -> str:
        return QUADRANT_LABELS.get(self.result.quadrant or "", "")

    @property
    def rank_change(self) -> int | None:
        if self.base_rank is None or self.result.rank is None:
            return None
        return self.base_rank - self.result.rank


@dataclass
class Ranking:
    scoring_round: ScoringRound
    specs: list[scoring.CriterionSpec]
    names: dict[int, str]
    rows: list[RankedIdea]
    weights: dict[int, Decimal]
    stored_weights: dict[int, Decimal]
    submitted: int = 0
    jury_size: int = 0
    weights_changed: bool = False

    @property
    def quadrant_counts(self) -> list[tuple[str, int]]:
        counts: dict[str, int] = defaultdict(int)
        for row in self.rows:
            if row.result.quadrant:
                counts[row.result.quadrant] += 1
        return [(QUADRANT_LABELS[key], counts[key]) for key in QUADRANT_LABELS]


def _specs(scoring_round: ScoringRound) -> tuple[list[scoring.CriterionSpec], dict[int, str]]:
    if scoring_round.is_closed and scoring_round.frozen_criteria:
        items = sorted(scoring_round.frozen_criteria.items(), key=lambda kv: int(kv[0]))
        specs = [
            scoring.CriterionSpec(
                key=int(key),
                weight=float(Decimal(spec["weight"])),
                scale_min=spec["scale_min"],
                scale_max=spec["scale_max"],
                direction=spec["direction"],
                axis=spec["axis"],
            )
            for key, spec in items
        ]
        return specs, {int(k): v["name"] for k, v in items}
    criteria = criteria_of(scoring_round.programme)
    specs = [
        scoring.CriterionSpec(
            key=c.pk,
            weight=float(c.weight),
            scale_min=c.scale_min,
            scale_max=c.scale_max,
            direction=c.direction,
            axis=c.axis,
        )
        for c in criteria
    ]
    return specs, {c.pk: c.name for c in criteria}


def visible_scores(scoring_round: ScoringRound, user: User) -> QuerySet[Score]:
    """The individual scores this user may see: the office all, a rater their own and, once
    they have submitted, everyone's submitted scores."""
    qs = Score.objects.filter(round=scoring_round)
    if user.has_perm("ideas.manage_rounds", scoring_round):
        return qs
    seat = RoundRater.objects.filter(round=scoring_round, user=user).first()
    if seat is None:
        return qs.none()
    if seat.submitted_at is None:
        return qs.filter(rater=user)
    submitted = RoundRater.objects.filter(round=scoring_round, submitted_at__isnull=False)
    return qs.filter(rater_id__in=submitted.values("user_id"))


def ranking(
    scoring_round: ScoringRound, user: User, weights: dict[int, Decimal] | None = None
) -> Ranking:
    """Score and rank the round's ideas from the submitted sheets (the office and raters who
    submitted see the ranking; a rater who has not submitted sees only their own sheet). With
    `weights` the ranking is recomputed with them, beside the stored ranking (sensitivity)."""
    specs, names = _specs(scoring_round)
    ideas = list(
        scoring_round.ideas.select_related("field_of_action", "project").with_support_counts()
    )
    jury = list(RoundRater.objects.filter(round=scoring_round))
    submitted_ids = {seat.user_id for seat in jury if seat.submitted_at is not None}
    scores = visible_scores(scoring_round, user)
    if not scoring_round.is_closed and not user.has_perm("ideas.manage_rounds", scoring_round):
        # Before closing, a rater's ranking shows submitted sheets only (their own included).
        scores = scores.filter(rater_id__in=submitted_ids)
    values: dict[int, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    for idea_id, criterion_id, value in scores.values_list("idea_id", "criterion_id", "value"):
        values[idea_id][criterion_id].append(value)
    titles = {i.pk: i.title for i in ideas}
    stored = {s.key: Decimal(str(s.weight)) for s in specs}
    chosen = dict(stored)
    if weights:
        chosen.update({k: v for k, v in weights.items() if k in chosen})
    changed = chosen != stored
    base = scoring.score_all(specs, values, titles, titles)
    base_ranks = {r.key: r.rank for r in base}
    if changed:
        used = [
            scoring.CriterionSpec(
                key=s.key,
                weight=float(chosen[s.key]),
                scale_min=s.scale_min,
                scale_max=s.scale_max,
                direction=s.direction,
                axis=s.axis,
            )
            for s in specs
        ]
        results = scoring.score_all(used, values, titles, titles)
    else:
        used, results = specs, base
    by_pk = {i.pk: i for i in ideas}
    rows = [RankedIdea(by_pk[r.key], r, base_ranks.get(r.key)) for r in results]
    return Ranking(
        scoring_round=scoring_round,
        specs=used,
        names=names,
        rows=rows,
        weights=chosen,
        stored_weights=stored,
        submitted=len(submitted_ids),
        jury_size=len(jury),
        weights_changed=changed,
    )


@dataclass
class FieldBalance:
    """One field of action (None: ideas without one) in the value/effort matrix's table."""

    field: FieldOfAction | None
    counts: list[int]  # ideas per quadrant, in the order of QUADRANT_LABELS
    total: int
    projects: int = 0  # the field's projects, filled in by the page


def field_balance(rows: list[RankedIdea], fields: list[FieldOfAction]) -> list[FieldBalance]:
    """Per field of action: how many ideas fall into each quadrant (seed 000 §2.2: a balance
    of quick wins and infrastructure)."""
    table = []
    for current in [*fields, None]:
        mine = [
            r
            for r in rows
            if (r.idea.field_of_action_id or None) == (current.pk if current else None)
        ]
        if not mine:
            continue
        counts = dict.fromkeys(QUADRANT_LABELS, 0)
        for row in mine:
            if row.result.quadrant:
                counts[row.result.quadrant] += 1
        table.append(FieldBalance(current, [counts[k] for k in QUADRANT_LABELS], len(mine)))
    return table
