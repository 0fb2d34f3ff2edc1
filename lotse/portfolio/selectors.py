"""Reads of the portfolio, with their related data decided here, once."""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any
from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import connections
from django.db import router
from django.db.models import Case
from django.db.models import Count
from django.db.models import F
from django.db.models import IntegerField
from django.db.models import Model
from django.db.models import QuerySet
from django.db.models import Value
from django.db.models import When
from django.db.models import Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from lotse.accounts.roles import roles_of
from lotse.history import recent_changes
from lotse.http import AnyUser
from lotse.http import require_perm

from .models import Dependency
from .models import FieldOfAction
from .models import GoalContribution
from .models import OrgUnit
from .models import Programme
from .models import Project
from .models import Stage
from .models import StrategicGoal


def programmes_visible_to(user: AnyUser) -> QuerySet[Programme]:
    if user.is_superuser:
        return Programme.objects.all()
    return Programme.objects.filter(pk__in=roles_of(user).visible_programme_ids())


def projects_visible_to(user: AnyUser) -> QuerySet[Project]:
    qs = Project.objects.with_card_relations()
    if user.is_superuser:
        return qs
    return qs.filter(programme_id__in=roles_of(user).visible_programme_ids())


M = TypeVar("M", bound=Model)


def _get_or_404(queryset: QuerySet[M], **lookup: Any) -> M:
    try:
        return queryset.get(**lookup)
    except (ObjectDoesNotExist, ValueError):
        raise Http404 from None


def programme_with_parent(slug: str) -> Programme | None:
    """`Programme.objects.select_related("parent").get(slug=slug)` as one raw query, None
    without such a programme: every programme page starts with it, and composing it with the
    ORM cost more than the database took to answer (issue 14). Names from the model's
    metadata; the slug is a parameter."""
    connection = connections[router.db_for_read(Programme)]
    quote = connection.ops.quote_name
    meta = Programme._meta
    fields = meta.concrete_fields
    column = {f.name: quote(str(f.column)) for f in fields}
    table = quote(meta.db_table)
    select = ", ".join(
        [f"p.{column[f.name]}" for f in fields] + [f"pp.{column[f.name]}" for f in fields]
    )
    sql = (
        f"SELECT {select} FROM {table} p LEFT OUTER JOIN {table} pp"  # noqa: S608
        f" ON pp.{column['id']} = p.{column['parent']} WHERE p.{column['slug']} = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [slug])
        row = cursor.fetchone()
    if row is None:
        return None
    names, n = [f.attname for f in fields], len(fields)
    programme = Programme.from_db(connection.alias, names, row[:n])
    programme.parent = (
        Programme.from_db(connection.alias, names, row[n:]) if row[n] is not None else None
    )
    return programme


def get_programme_for(
    user: AnyUser, slug: str, perm: str = "portfolio.view_programme"
) -> Programme:
    programme = programme_with_parent(slug)
    if programme is None:
        raise Http404
    require_perm(user, perm, programme)
    return programme


def get_project_for(
    user: AnyUser,
    pk: int,
    perm: str = "portfolio.view_project",
    *,
    related: tuple[str, ...] | None = None,
) -> Project:
    """The project if `perm` holds on it; with what a card shows beside it, or only the
    `related` objects a page needs (fewer joins to compile)."""
    queryset = (
        Project.objects.with_card_relations()
        if related is None
        else Project.objects.select_related(*related)
    )
    project = _get_or_404(queryset, pk=pk)
    require_perm(user, perm, project)
    return project


def get_dependency_for(
    user: AnyUser, pk: int, perm: str = "portfolio.delete_dependency"
) -> Dependency:
    """A dependency whose source project the user may see, and on which `perm` holds."""
    dependency = _get_or_404(Dependency.objects.select_related("source"), pk=pk)
    require_perm(user, "portfolio.view_project", dependency.source)
    require_perm(user, perm, dependency)
    return dependency


def get_field_of_action_for(
    user: AnyUser, pk: int, perm: str = "portfolio.view_programme"
) -> FieldOfAction:
    """A field of action; `perm` is checked on it (the rules read its programme)."""
    field = _get_or_404(FieldOfAction.objects.all(), pk=pk)
    require_perm(user, perm, field)
    return field


def get_org_unit_for(user: AnyUser, pk: int, perm: str = "portfolio.view_org_unit") -> OrgUnit:
    """An org unit (shared by all programmes); `perm` is checked on it."""
    unit = _get_or_404(OrgUnit.objects.all(), pk=pk)
    require_perm(user, perm, unit)
    return unit


def get_goal_matrix_cell_for(
    user: AnyUser, project_pk: int, goal_pk: int
) -> tuple[Project, StrategicGoal]:
    """The project and strategic goal of one cell of the goal matrix the user may change;
    whether the goal belongs to the programme is the service's question (422)."""
    project = get_project_for(user, project_pk)
    require_perm(user, "portfolio.change_goal_matrix", project.programme)
    return project, _get_or_404(StrategicGoal.objects.all(), pk=goal_pk)


def goal_matrix_cell(
    programme: Programme, project_id: int, goal_id: int
) -> tuple[Project, StrategicGoal, GoalContribution | None]:
    """One cell of the programme's goal matrix (the programme is already checked)."""
    project = _get_or_404(Project.objects.all(), programme=programme, pk=project_id)
    goal = _get_or_404(programme.strategic_goals.all(), pk=goal_id)
    contribution = GoalContribution.objects.filter(project=project, strategic_goal=goal).first()
    return project, goal, contribution


STAGE_ORDER = [
    Stage.RUNNING,
    Stage.PARTLY_RUNNING,
    Stage.START_SOON,
    Stage.PLANNING,
    Stage.IDEA,
    Stage.PAUSED,
    Stage.COMPLETED,
    Stage.CANCELLED,
]


# The Zielbild lists at most this many projects per field; the rest are a link away.
TARGET_PICTURE_PROJECTS_PER_FIELD = 40


@dataclass
class FieldOverview:
    field: FieldOfAction
    projects: list[Project]  # the first TARGET_PICTURE_PROJECTS_PER_FIELD, by stage and title
    counts: dict[str, int]  # projects per stage, over all of the field's projects

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def hidden_count(self) -> int:
        return self.total - len(self.projects)

    @property
    def stage_counts(self) -> list[tuple[str, str | Promise, int]]:
        return [
            (s.value, s.label, self.counts[s.value])
            for s in STAGE_ORDER
            if self.counts.get(s.value)
        ]


def _stage_rank() -> Case:
    return Case(
        *[When(stage=stage.value, then=Value(i)) for i, stage in enumerate(STAGE_ORDER)],
        output_field=IntegerField(),
    )


def target_picture(programme: Programme) -> dict:
    """The Zielbild: every field with its target state and its projects by stage.

    Three queries however large the programme: fields, counts per field and stage, and the
    first projects of each field (ranked in the database, so only those rows are loaded).
    """
    fields = list(programme.fields_of_action.all())
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for field_id, stage, n in (
        Project.objects.filter(programme=programme)
        .values_list("field_of_action_id", "stage")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[field_id][stage] = n
    first_projects = (
        Project.objects.filter(programme=programme)
        .only("pk", "title", "stage", "field_of_action_id")
        .annotate(
            stage_rank=_stage_rank(),
            position=Window(
                RowNumber(),
                partition_by=[F("field_of_action_id")],
                order_by=[_stage_rank().asc(), F("title").asc(), F("pk").asc()],
            ),
        )
        .filter(position__lte=TARGET_PICTURE_PROJECTS_PER_FIELD)
        .order_by("field_of_action_id", "position")
    )
    by_field: dict[int, list[Project]] = defaultdict(list)
    for project in first_projects:
        by_field[project.field_of_action_id].append(project)
    overviews = [FieldOverview(f, by_field[f.pk], counts[f.pk]) for f in fields]
    return {
        "outward": [o for o in overviews if o.field.impact == FieldOfAction.Impact.OUTWARD],
        "inward": [o for o in overviews if o.field.impact == FieldOfAction.Impact.INWARD],
        "stages": STAGE_ORDER,
        "project_count": sum(o.total for o in overviews),
    }


PROJECT_SORTS = {
    "title": ("title",),
    "-title": ("-title",),
    "field": ("field_of_action__order", "title"),
    "stage": ("stage", "title"),
    "org_unit": ("org_unit__code", "title"),
    "lead": ("lead__last_name", "lead__username", "title"),
    "start": ("planned_start", "title"),
    "end": ("planned_end", "title"),
}


# The project list's filters by equality: form field -> the project's column.
PROJECT_FILTERS = {
    "field": "field_of_action_id",
    "stage": "stage",
    "org_unit": "org_unit_id",
    "lead": "lead_id",
    "kind": "kind",
}


def filter_projects(queryset: QuerySet[Project], filters: dict) -> QuerySet[Project]:
    """Apply the project list's filters; unknown or empty values are ignored."""
    for key, lookup in PROJECT_FILTERS.items():
        value = filters.get(key)
        if value not in (None, ""):
            queryset = queryset.filter(**{lookup: value})
    text = (filters.get("q") or "").strip()
    if text:
        queryset = queryset.filter(title__icontains=text) | queryset.filter(
            short_name__icontains=text
        )
    sort = filters.get("sort") or "title"
    return queryset.order_by(*PROJECT_SORTS.get(sort, PROJECT_SORTS["title"]))


@dataclass
class MatrixRow:
    project: Project
    cells: list[tuple[StrategicGoal, GoalContribution | None]]


def goal_matrix(programme: Programme) -> tuple[list[StrategicGoal], list[MatrixRow]]:
    goals = list(programme.strategic_goals.all())
    projects = list(
        Project.objects.filter(programme=programme)
        .select_related("field_of_action")
        .order_by("field_of_action__order", "title")
    )
    contributions = {
        (c.project_id, c.strategic_goal_id): c
        for c in GoalContribution.objects.filter(project__programme=programme)
    }
    rows = [MatrixRow(p, [(g, contributions.get((p.pk, g.pk))) for g in goals]) for p in projects]
    return goals, rows


def _display_value(model_field: Any, value: Any, related: dict[tuple[Any, Any], Model]) -> str:
    """A history value as people read it: choice labels, names instead of ids, dates."""
    if value in (None, ""):
        return ""
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field.is_relation:
        return str(related.get((model_field.related_model, value), value))
    if isinstance(value, bool):
        return str(_("ja") if value else _("nein"))
    if hasattr(value, "strftime"):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def project_history(project: Project, limit: int = 50) -> list[dict[str, Any]]:
    """The Steckbrief's change history: who changed what when, newest first."""
    deltas, related = recent_changes(project, limit)
    return [
        {
            "when": record.history_date,
            "who": record.history_user,
            "kind": record.get_history_type_display(),
            "changes": [
                {
                    "field": model_field.verbose_name,
                    "old": _display_value(model_field, old, related),
                    "new": _display_value(model_field, new, related),
                }
                for model_field, old, new in changes
            ],
        }
        for record, changes in deltas
    ]
