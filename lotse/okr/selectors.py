"""Reads of quarters, objectives, key results and check-ins, with their related data decided
here, once. Every function that lists a whole quarter costs the same number of queries for
ten projects as for five hundred.

Scores come as small typed records around the model instances: `ScoredKeyResult` (latest
check-in, progress 0–1 or None, band, percent) and `ScoredObjective` (its scored key results,
progress, band, percent, success by the threshold of its commitment, review, the field of
action it serves). Programme-wide summaries read the stored scores (`scores.py`) in SQL.
"""

from collections import defaultdict
from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date
from datetime import datetime
from decimal import Decimal
from typing import Any
from typing import NamedTuple

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page
from django.core.paginator import Paginator
from django.db.models import Case
from django.db.models import Count
from django.db.models import F
from django.db.models import OuterRef
from django.db.models import Prefetch
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import Subquery
from django.db.models import Sum
from django.db.models import Value
from django.db.models import When
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from lotse.http import AnyUser
from lotse.http import get_checked
from lotse.http import require_perm
from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.reporting.signals import knock_ons

from . import scoring
from .models import CheckIn
from .models import KeyResult
from .models import Objective
from .models import ObjectiveReview
from .models import OkrLink
from .models import OkrSettings
from .models import Quarter

# Objectives per page of the OKR overview and the Quartalskonferenz (issue 14).
OBJECTIVES_PER_PAGE = 50

# --- key results and objectives with their scores ----------------------------------------


def with_latest_check_in(queryset: QuerySet[KeyResult]) -> QuerySet[KeyResult]:
    """Annotate the last check-in's value, done, confidence and time (one SQL statement)."""
    latest = CheckIn.objects.filter(key_result=OuterRef("pk")).order_by("-created_at", "-pk")
    return queryset.annotate(
        latest_value=Subquery(latest.values("value")[:1]),
        latest_done=Subquery(latest.values("done")[:1]),
        latest_confidence=Subquery(latest.values("confidence")[:1]),
        latest_at=Subquery(latest.values("created_at")[:1]),
    )


@dataclass
class ScoredKeyResult:
    """A key result with its latest check-in and the score computed from it."""

    key_result: KeyResult
    latest_value: Decimal | None
    latest_done: bool | None
    latest_confidence: int | None
    latest_at: datetime | None
    progress: float | None  # 0–1, None without a check-in
    band: scoring.Band
    percent: int | None
    can_check_in: bool = False  # set by the project's OKR page

    @property
    def pk(self) -> int:
        return self.key_result.pk

    @property
    def title(self) -> str:
        return self.key_result.title

    @property
    def latest_display(self) -> str:
        return self.key_result.format_value(self.latest_value)


@dataclass
class ScoredObjective:
    """An objective with its scored key results (in order), its score, whether it reached the
    threshold of its commitment, its review and the field of action it serves (its own, else
    its project's); `links` only from `project_okrs`."""

    objective: Objective
    key_results: list[ScoredKeyResult]
    progress: float | None
    band: scoring.Band
    percent: int | None
    success: bool
    review: ObjectiveReview | None
    field: FieldOfAction | None
    links: list[OkrLink] = dataclass_field(default_factory=list)

    # What other apps read (governance agenda, demo data): the objective's own essentials.
    @property
    def pk(self) -> int:
        return self.objective.pk

    @property
    def title(self) -> str:
        return self.objective.title

    @property
    def project(self) -> Project:
        return self.objective.project

    @property
    def project_id(self) -> int:
        return self.objective.project_id

    @property
    def review_or_none(self) -> ObjectiveReview | None:
        return self.review


def _latest_fields(key_result: KeyResult) -> tuple[Any, Any, Any, Any]:
    """The latest check-in's value, done, confidence and time: annotated by
    `with_latest_check_in`, else read (one query)."""
    if hasattr(key_result, "latest_value"):
        return (
            getattr(key_result, "latest_value"),  # noqa: B009
            getattr(key_result, "latest_done"),  # noqa: B009
            getattr(key_result, "latest_confidence"),  # noqa: B009
            getattr(key_result, "latest_at"),  # noqa: B009
        )
    last = key_result.check_ins.order_by("-created_at", "-pk").first()
    if last is None:
        return None, None, None, None
    return last.value, last.done, last.confidence, last.created_at


def score_key_result(key_result: KeyResult) -> ScoredKeyResult:
    """The key result scored from its latest check-in (annotated, else one query)."""
    value, done, confidence, at = _latest_fields(key_result)
    progress = scoring.key_result_progress(
        kind=key_result.kind,
        start=key_result.start_value,
        target=key_result.target_value,
        value=value,
        done=done,
    )
    return ScoredKeyResult(
        key_result=key_result,
        latest_value=value,
        latest_done=done,
        latest_confidence=confidence,
        latest_at=at,
        progress=progress,
        band=scoring.band(progress),
        percent=scoring.percent(progress),
    )


def score_objective(objective: Objective) -> ScoredObjective:
    """The objective scored from its key results (prefetched into `kr_list` by
    `objectives_with_scores`, else read: one query)."""
    key_results: list[KeyResult]
    if hasattr(objective, "kr_list"):
        key_results = getattr(objective, "kr_list")  # noqa: B009
    else:
        key_results = list(_key_results().filter(objective=objective))
    scored = [score_key_result(k) for k in key_results]
    progress = scoring.objective_progress(k.progress for k in scored)
    review: ObjectiveReview | None = getattr(objective, "review", None)
    return ScoredObjective(
        objective=objective,
        key_results=scored,
        progress=progress,
        band=scoring.band(progress),
        percent=scoring.percent(progress),
        success=scoring.is_success(progress, objective.commitment),
        review=review,
        field=objective.field_of_action or objective.project.field_of_action,
    )


def _key_results() -> QuerySet[KeyResult]:
    return with_latest_check_in(KeyResult.objects.select_related("owner")).order_by("order", "pk")


def objectives_with_scores(queryset: QuerySet[Objective]) -> list[ScoredObjective]:
    """The objectives with project, field, review and scored key results: two queries."""
    objectives = queryset.select_related(
        "project__field_of_action",
        "project__lead",
        "project__programme",
        "field_of_action",
        "quarter",
        "review__reviewed_by",
        "copied_from__quarter",
    ).prefetch_related(Prefetch("key_results", queryset=_key_results(), to_attr="kr_list"))
    return [score_objective(o) for o in objectives]


# --- the three selectors other apps use ---------------------------------------------------


def quarter_reviews(quarter: Quarter) -> list[ScoredObjective]:
    """All objectives of the quarter, by field of action, project and order, each with its
    review (`review_or_none`), project and scored key results (`kr_list`). Two queries.

    Used by the Quartalskonferenz and the governance agenda.
    """
    return objectives_with_scores(Objective.objects.filter(quarter=quarter).order_by(*REVIEW_ORDER))


LINK_ORDER = ("kind", "from_objective__project__title", "pk")


def cross_project_links(quarter: Quarter, limit: int | None = None) -> list[OkrLink]:
    """Dependency and synergy links touching an objective of the quarter (either end), the
    first `limit` of them if given. One query; both ends come with their project and key
    result."""
    links = (
        _links(quarter)
        .select_related(
            "from_objective__project",
            "from_objective__quarter",
            "to_objective__project",
            "to_objective__quarter",
            "from_key_result",
            "to_key_result",
            "created_by",
        )
        .order_by(*LINK_ORDER)
    )
    return list(links if limit is None else links[:limit])


def programme_okr_progress(
    programme: Programme, quarter: Quarter, project_ids: Iterable[int] | None = None
) -> dict[int, float | None]:
    """Project id → mean objective progress in the quarter (0–1), for the programme's projects
    that have objectives in it (or those of `project_ids`); None when none of their key
    results has a check-in yet. One query on the stored scores, whatever the programme's size."""
    objectives = Objective.objects.filter(quarter=quarter, project__programme=programme)
    if project_ids is not None:
        objectives = objectives.filter(project_id__in=list(project_ids))
    rows = (
        objectives.order_by()
        .values("project_id")
        .annotate(total=Sum("progress"), scored=Count("progress"))
        .values_list("project_id", "total", "scored")
    )
    return {pid: (total / scored if scored else None) for pid, total, scored in rows}


# --- quarters -------------------------------------------------------------------------------


def quarter_of_day(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def following(year: int, number: int) -> tuple[int, int]:
    return (year + 1, 1) if number == 4 else (year, number + 1)


def preceding(year: int, number: int) -> tuple[int, int]:
    return (year - 1, 4) if number == 1 else (year, number - 1)


def quarters_of(programme: Programme) -> list[Quarter]:
    return list(Quarter.objects.filter(programme=programme).order_by("year", "number"))


def default_quarter(quarters: list[Quarter], today: date) -> Quarter | None:
    """The quarter containing today, else the latest one that is not closed, else the last."""
    if not quarters:
        return None
    year, number = quarter_of_day(today)
    for quarter in quarters:
        if (quarter.year, quarter.number) == (year, number):
            return quarter
    open_ones = [q for q in quarters if q.state != Quarter.State.CLOSED]
    return (open_ones or quarters)[-1]


def chosen_quarter(
    quarters: list[Quarter], wanted: str | int | None, today: date
) -> Quarter | None:
    """The quarter named by `?quartal=<id>`, falling back to the default."""
    for quarter in quarters:
        if str(quarter.pk) == str(wanted or ""):
            return quarter
    return default_quarter(quarters, today)


def objectives_without_review(quarter: Quarter) -> list[Objective]:
    """The quarter's objectives that still need their OKR review (postponed ones do not),
    by project and order, with their project."""
    return list(
        Objective.objects.filter(quarter=quarter, review__isnull=True)
        .exclude(state=Objective.State.POSTPONED)
        .select_related("project")
        .order_by("project__title", "project_id", "order", "pk")
    )


def carried_copy(objective: Objective) -> Objective | None:
    """The copy of the objective in a later quarter, if it was carried forward."""
    return (
        Objective.objects.filter(copied_from=objective)
        .select_related("quarter")
        .order_by("quarter__year", "quarter__number")
        .first()
    )


def next_quarter(quarter: Quarter) -> Quarter | None:
    year, number = following(quarter.year, quarter.number)
    return Quarter.objects.filter(
        programme_id=quarter.programme_id, year=year, number=number
    ).first()


def settings_for(programme: Programme) -> OkrSettings:
    """The programme's OKR settings; unsaved defaults when none were stored yet."""
    found = OkrSettings.objects.filter(programme=programme).first()
    return found or OkrSettings(programme=programme)


# --- a project's OKRs -------------------------------------------------------------------


def project_okrs(project: Project, quarter: Quarter) -> list[ScoredObjective]:
    """The project's objectives of the quarter, scored, each with `links` (both directions)."""
    objectives = objectives_with_scores(
        Objective.objects.filter(project=project, quarter=quarter).order_by("order", "pk")
    )
    ids = [o.pk for o in objectives]
    links: dict[int, list[OkrLink]] = defaultdict(list)
    if ids:
        for link in OkrLink.objects.filter(
            Q(from_objective_id__in=ids) | Q(to_objective_id__in=ids)
        ).select_related(
            "from_objective__project",
            "to_objective__project",
            "from_key_result",
            "to_key_result",
        ):
            if link.from_objective_id in ids:
                links[link.from_objective_id].append(link)
            if link.to_objective_id in ids and link.to_objective_id != link.from_objective_id:
                links[link.to_objective_id].append(link)
    for objective in objectives:
        objective.links = links[objective.pk]
    return objectives


@dataclass(frozen=True)
class ScoredCheckIn:
    check_in: CheckIn
    progress: float | None
    percent: int | None


def check_in_history(key_result: KeyResult) -> list[ScoredCheckIn]:
    """The key result's check-ins, oldest first, each with the progress it meant."""
    rows = []
    for check_in in key_result.check_ins.select_related("author").order_by("created_at", "pk"):
        progress = scoring.key_result_progress(
            kind=key_result.kind,
            start=key_result.start_value,
            target=key_result.target_value,
            value=check_in.value,
            done=check_in.done,
        )
        rows.append(ScoredCheckIn(check_in, progress, scoring.percent(progress)))
    return rows


# --- programme overview and Quartalskonferenz ------------------------------------------------


@dataclass
class FieldSummary:
    """Achievement of the objectives serving one field of action (or the whole programme):
    counted and summed in SQL from the stored scores."""

    field: FieldOfAction | None
    total: int = 0
    reached: int = 0
    progress_sum: float = 0.0
    scored: int = 0  # objectives with a progress
    key_results_by_band: dict[str, int] = dataclass_field(
        default_factory=lambda: {"green": 0, "amber": 0, "red": 0, "none": 0}
    )

    @property
    def progress(self) -> float | None:
        return self.progress_sum / self.scored if self.scored else None

    @property
    def band(self) -> scoring.Band:
        return scoring.band(self.progress)

    @property
    def percent(self) -> int | None:
        return scoring.percent(self.progress)

    @property
    def key_result_count(self) -> int:
        return sum(self.key_results_by_band.values())

    @property
    def bands(self) -> list[tuple[scoring.Band, int]]:
        return [
            (scoring.GREEN, self.key_results_by_band["green"]),
            (scoring.AMBER, self.key_results_by_band["amber"]),
            (scoring.RED, self.key_results_by_band["red"]),
            (scoring.NO_BAND, self.key_results_by_band["none"]),
        ]

    def add(self, other: "FieldSummary") -> None:
        self.total += other.total
        self.reached += other.reached
        self.progress_sum += other.progress_sum
        self.scored += other.scored
        for code, n in other.key_results_by_band.items():
            self.key_results_by_band[code] += n


def _success(prefix: str = "") -> Q:
    """The stored progress reaches the threshold of the objective's commitment (in SQL)."""
    aspirational = Q(**{f"{prefix}commitment": scoring.ASPIRATIONAL})
    return (
        aspirational
        & Q(**{f"{prefix}progress__gte": scoring.success_threshold(scoring.ASPIRATIONAL) - EPS})
    ) | (
        ~aspirational
        & Q(**{f"{prefix}progress__gte": scoring.success_threshold(scoring.COMMITTED) - EPS})
    )


EPS = scoring.EPSILON


def field_summaries(programme: Programme, quarter: Quarter) -> list[FieldSummary]:
    """Objectives of the quarter by the field of action they serve (their own, else their
    project's), with the key results by band; fields without objectives are listed too, so
    the page shows where nothing was planned. Three queries, whatever the programme's size."""
    summaries: dict[int | None, FieldSummary] = {
        f.pk: FieldSummary(f) for f in programme.fields_of_action.all()
    }
    objectives = (
        Objective.objects.filter(quarter=quarter)
        .annotate(field_key=Coalesce("field_of_action_id", "project__field_of_action_id"))
        .order_by()
        .values("field_key")
        .annotate(
            total=Count("pk"),
            reached=Count("pk", filter=_success()),
            progress_sum=Sum("progress"),
            scored=Count("progress"),
        )
    )
    missing: set[int] = set()
    for row in objectives:
        key = row["field_key"]
        if key not in summaries:
            summaries[key] = FieldSummary(None)
            if key is not None:
                missing.add(key)
        summary = summaries[key]
        summary.total = row["total"]
        summary.reached = row["reached"]
        summary.progress_sum = row["progress_sum"] or 0.0
        summary.scored = row["scored"]
    green, amber = scoring.GREEN_FROM - EPS, scoring.AMBER_FROM - EPS
    key_results = (
        KeyResult.objects.filter(objective__quarter=quarter)
        .annotate(
            field_key=Coalesce(
                "objective__field_of_action_id", "objective__project__field_of_action_id"
            )
        )
        .order_by()
        .values("field_key")
        .annotate(
            green=Count("pk", filter=Q(progress__gte=green)),
            amber=Count("pk", filter=Q(progress__gte=amber, progress__lt=green)),
            red=Count("pk", filter=Q(progress__lt=amber)),
            none=Count("pk", filter=Q(progress__isnull=True)),
        )
    )
    for row in key_results:
        key = row["field_key"]
        if key not in summaries:
            summaries[key] = FieldSummary(None)
            if key is not None:
                missing.add(key)
        for code in ("green", "amber", "red", "none"):
            summaries[key].key_results_by_band[code] = row[code]
    if missing:  # a field of another programme: named all the same
        for other in FieldOfAction.objects.filter(pk__in=missing):
            summaries[other.pk].field = other
    return list(summaries.values())


def totals(summaries: list[FieldSummary]) -> FieldSummary:
    total = FieldSummary(None)
    for summary in summaries:
        total.add(summary)
    return total


REVIEW_ORDER = ("project__field_of_action__order", "project__title", "project_id", "order", "pk")


def attention_order(quarter: Quarter) -> QuerySet[Objective]:
    """The quarter's objectives, those not reached with the least progress first (those
    without any value before them), then in the order of `quarter_reviews`."""
    return (
        Objective.objects.filter(quarter=quarter)
        .annotate(
            reached=Case(When(_success(), then=Value(1)), default=Value(0)),
            sort_progress=Coalesce(F("progress"), Value(-1.0)),
        )
        .order_by("reached", "sort_progress", *REVIEW_ORDER)
    )


def _full_scores(ids: list[int]) -> list[ScoredObjective]:
    scored = {o.pk: o for o in objectives_with_scores(Objective.objects.filter(pk__in=ids))}
    return [scored[pk] for pk in ids if pk in scored]


def scored_page(
    objectives: QuerySet[Objective],
    page_number: str | None,
    per_page: int = OBJECTIVES_PER_PAGE,
    score: Callable[[list[int]], list[ScoredObjective]] = _full_scores,
    count: int | None = None,
) -> Page:
    """A page of `objectives` (ordered) with only that page's objectives scored, by default in
    full (`objectives_with_scores`): two queries for the count and the slice, two for the rest.
    A caller that has counted `objectives` already passes `count`, which spares a query."""
    paginator = Paginator(objectives.values_list("pk", flat=True), per_page)
    if count is not None:
        paginator.count = count  # Paginator.count is a cached_property: this is its value
    page = paginator.get_page(page_number)
    return Page(score(list(page.object_list)), page.number, page.paginator)


def programme_overview(
    programme: Programme,
    quarter: Quarter,
    page_number: str | None,
    per_page: int = OBJECTIVES_PER_PAGE,
) -> dict:
    """The OKR overview: achievement per field over every objective (in SQL), then one page of
    objectives in attention order, scored from their stored progress (the page shows no key
    results: issue 14). The same number of queries for 10 or 5,000 objectives."""
    fields = field_summaries(programme, quarter)
    return {
        "fields": fields,
        "total": totals(fields),
        "page": scored_page(attention_order(quarter), page_number, per_page, score=_stored_scores),
    }


def quarterly_conference(programme: Programme, quarter: Quarter) -> dict:
    """Everything the Quartalskonferenz looks at (seed 000 §4.2): achievement per field, the
    reviews with their reflections, the links to discuss and the next quarter's drafts.
    Every objective, link and draft: for the PDF and the XLSX (see `conference_page`)."""
    objectives = quarter_reviews(quarter)
    fields = field_summaries(programme, quarter)
    upcoming = next_quarter(quarter)
    drafts = list(_drafts(upcoming)) if upcoming else []
    return {
        "fields": fields,
        "total": totals(fields),
        "objectives": objectives,
        "reviewed": [o for o in objectives if o.review is not None],
        "unreviewed": [o for o in objectives if o.review is None],
        "links": cross_project_links(quarter),
        "knock_ons": _knock_ons(programme, quarter),
        "next_quarter": upcoming,
        "drafts": drafts,
    }


def _knock_ons(programme: Programme, quarter: Quarter) -> list:
    # Slips that overtake a dependent project, as they stood at the quarter's end.
    return knock_ons(programme=programme, as_of=min(quarter.end, timezone.localdate()))


def _drafts(upcoming: Quarter) -> QuerySet[Objective]:
    return (
        Objective.objects.filter(quarter=upcoming)
        .select_related("project__field_of_action", "field_of_action", "copied_from")
        .order_by("project__field_of_action__order", "project__title", "order", "pk")
    )


def _shown_drafts(upcoming: Quarter) -> QuerySet[Objective]:
    # Of a draft the conference page shows its title, state, project and whether it was
    # carried over: no whole objective it was copied from, no field (issue 14).
    return (
        _drafts(upcoming)
        .select_related(None)
        .select_related("project")
        .only("title", "state", "copied_from", "project__title")
    )


def _links(quarter: Quarter) -> QuerySet[OkrLink]:
    return OkrLink.objects.filter(
        Q(from_objective__quarter=quarter) | Q(to_objective__quarter=quarter)
    )


class ShownLink(NamedTuple):
    """A link as the conference page shows it: kind, note, both ends' project and objective
    titles and key result title (None: the link is between objectives)."""

    kind: str
    note: str
    from_project: str
    from_objective: str
    from_key_result: str | None
    to_project: str
    to_objective: str
    to_key_result: str | None


def _shown_links(quarter: Quarter, limit: int) -> list[ShownLink]:
    """The first `limit` links of `cross_project_links` with only what the conference page
    shows of them (issue 14): kind, note, both ends' titles and their projects' titles, as
    plain rows rather than six model instances a link."""
    rows = (
        _links(quarter)
        .order_by(*LINK_ORDER)
        .values_list(
            "kind",
            "note",
            "from_objective__project__title",
            "from_objective__title",
            "from_key_result__title",
            "to_objective__project__title",
            "to_objective__title",
            "to_key_result__title",
        )
    )
    return [ShownLink(*row) for row in rows[:limit]]


# What the OKR overview and the conference page show of an objective, its project, field and
# review: no other column is read (issue 14).
SHOWN_OBJECTIVE_FIELDS = (
    "title",
    "commitment",
    "progress",
    "project__title",
    "project__field_of_action__name",
    "field_of_action__name",
    "review__computed_score",
    *(f"review__{name}" for name in ObjectiveReview.ANSWERS),
)


def _stored_scores(ids: list[int]) -> list[ScoredObjective]:
    """The objectives `ids` (in that order) scored from their stored progress, without their
    key results: the conference page and the OKR overview show neither those nor who owns
    them, and scoring them in Python cost the pages most of their time (issue 14). One query."""
    objectives = (
        Objective.objects.filter(pk__in=ids)
        .select_related("project__field_of_action", "field_of_action", "review")
        .only(*SHOWN_OBJECTIVE_FIELDS)
    )
    by_pk = {o.pk: o for o in objectives}
    scored = []
    for pk in ids:
        if (objective := by_pk.get(pk)) is None:
            continue
        progress = objective.progress
        scored.append(
            ScoredObjective(
                objective=objective,
                key_results=[],
                progress=progress,
                band=scoring.band(progress),
                percent=scoring.percent(progress),
                success=scoring.is_success(progress, objective.commitment),
                review=getattr(objective, "review", None),
                field=objective.field_of_action or objective.project.field_of_action,
            )
        )
    return scored


def conference_page(
    programme: Programme,
    quarter: Quarter,
    page_number: str | None,
    per_page: int = OBJECTIVES_PER_PAGE,
) -> dict:
    """The conference page: the same summaries, one page of objectives, at most a page of
    links and of drafts with the number of the others (issue 14: the page keeps its size)."""
    fields = field_summaries(programme, quarter)
    upcoming = next_quarter(quarter)
    counts = Objective.objects.filter(quarter=quarter).aggregate(
        objectives=Count("pk"), reviewed=Count("pk", filter=Q(review__isnull=False))
    )
    links = _shown_links(quarter, per_page)
    link_count = _links(quarter).count() if len(links) == per_page else len(links)
    drafts = list(_shown_drafts(upcoming)[:per_page]) if upcoming else []
    draft_count = (
        Objective.objects.filter(quarter=upcoming).count()
        if upcoming and len(drafts) == per_page
        else len(drafts)
    )
    page = scored_page(
        Objective.objects.filter(quarter=quarter).order_by(*REVIEW_ORDER),
        page_number,
        per_page,
        score=_stored_scores,
        count=counts["objectives"],
    )
    return {
        "fields": fields,
        "total": totals(fields),
        "objective_count": counts["objectives"],
        "reviewed_count": counts["reviewed"],
        "objectives": page.object_list,
        "page": page,
        "links": links,
        "more_links": link_count - len(links),
        "knock_ons": _knock_ons(programme, quarter),
        "next_quarter": upcoming,
        "drafts": drafts,
        "more_drafts": draft_count - len(drafts),
    }


# --- permission-checking getters (views and API) ----------------------------------------


def get_objective_for(user: AnyUser, pk: int, perm: str = "okr.view_okrs") -> Objective:
    return get_checked(
        Objective.objects.select_related(
            "project__programme", "project__field_of_action", "quarter", "field_of_action"
        ),
        user,
        "okr.view_okrs",
        perm,
        pk=pk,
    )


def get_key_result_for(user: AnyUser, pk: int, perm: str = "okr.view_okrs") -> KeyResult:
    return get_checked(
        KeyResult.objects.select_related(
            "objective__project__programme", "objective__quarter", "owner"
        ),
        user,
        "okr.view_okrs",
        perm,
        pk=pk,
    )


def get_link_for(user: AnyUser, pk: int) -> OkrLink:
    link = get_object_or_404(
        OkrLink.objects.select_related(
            "from_objective__project__programme",
            "from_objective__quarter",
            "to_objective__project__programme",
            "to_objective__quarter",
        ),
        pk=pk,
    )
    require_perm(user, "okr.view_okrs", link.from_objective)
    if not (
        user.has_perm("okr.change_links", link.from_objective)
        or user.has_perm("okr.change_links", link.to_objective)
    ):
        raise PermissionDenied
    return link


def get_review_for(
    user: AnyUser, objective_pk: int, perm: str = "okr.view_okrs"
) -> ObjectiveReview:
    """The review of an objective; `perm` is checked on the objective."""
    objective = get_objective_for(user, objective_pk, perm)
    return get_object_or_404(ObjectiveReview, objective=objective)


def get_quarter_for(user: AnyUser, pk: int, perm: str = "okr.view_okrs") -> Quarter:
    return get_checked(
        Quarter.objects.select_related("programme"), user, "okr.view_okrs", perm, pk=pk
    )
