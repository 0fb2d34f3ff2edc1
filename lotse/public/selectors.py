"""Reads for the public pages. The only place that decides what the public may see.

The rule: a programme is public only with its publication switched on; of it the public sees
the programme's own texts, its strategic goals, its fields of action, and of its PUBLISHED
projects the Steckbrief essentials written for the public (title, stage, public summary,
planned dates, org unit), milestones, the overall light of the latest ACCEPTED status report
whose lights were released for the public (never its notes, never a draft) and the OKR
progress of the active quarter as a number. Staff names appear only when the person opted
in; e-mail addresses never.

Every function costs a fixed number of queries, however many projects the programme has.
"""

from collections import Counter
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from datetime import time
from functools import cache
from typing import Any

from django.db.models import Max
from django.db.models import OuterRef
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext

from lotse.accounts.models import User
from lotse.finance.selectors import public_totals
from lotse.okr import scoring
from lotse.okr.models import Quarter
from lotse.okr.selectors import programme_okr_progress
from lotse.paging import SlicedRows
from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.portfolio.models import Stage
from lotse.portfolio.selectors import STAGE_ORDER
from lotse.reporting.models import Milestone
from lotse.reporting.models import PublicRelease
from lotse.reporting.models import Rating
from lotse.reporting.models import StatusReport

from . import programme_reads
from . import project_reads
from .models import ProgrammePublication
from .models import PublicSiteSettings

NO_LIGHT = "none"
LIGHT_ORDER = [Rating.GREEN.value, Rating.AMBER.value, Rating.RED.value, NO_LIGHT]


def public_programmes() -> QuerySet[Programme]:
    return Programme.objects.filter(publication__enabled=True).order_by("name")


def get_public_programme(slug: str) -> Programme:
    """The programme if it has public pages, else 404 (the same for unknown and private)."""
    # finance_settings: whether budget totals are public; idea_settings: whether the idea
    # platform is on (navigation) — both without a query of their own
    programme = programme_reads.public_programme(slug)
    if programme is None:
        raise Http404
    return programme


def published_projects(programme: Programme) -> QuerySet[Project]:
    return Project.objects.filter(programme=programme, published=True)


def _start_of_today() -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate(), time.min))


def last_change(slug: str | None = None) -> datetime:
    """When anything shown on a public page last changed: one query on small rows.

    The programme's freshness stamp (moved by every change to what its pages show, deletions
    included, see `freshness.py`), the settings and the publication switch; never earlier than
    today's midnight, because the pages also depend on the date (the active quarter, reached
    milestones).
    """
    stamps: list[datetime | None] = [_start_of_today()]
    if slug is None:  # the site-wide pages: the list of programmes and the legal texts
        stamps.append(ProgrammePublication.objects.aggregate(latest=Max("updated_at"))["latest"])
        stamps.extend(PublicSiteSettings.objects.filter(pk=1).values_list("updated_at", flat=True))
        return max(s for s in stamps if s is not None)
    found = programme_reads.publication_stamps(slug)
    if found is None:
        raise Http404
    stamps.extend(found)
    return max(s for s in stamps if s is not None)


# --- programme, fields and projects ------------------------------------------------------------


@dataclass
class Progress:
    """Published projects by stage and light, and OKR progress, for a field or the programme."""

    stages: Counter[str] = field(default_factory=Counter)
    lights: Counter[str] = field(default_factory=Counter)
    okr_total: float = 0  # the sum of the projects' OKR progress …
    okr_count: int = 0  # … and the number of projects with one

    def add(self, row: "PublicProject") -> None:
        self.count(row.project.stage, row.light, row.okr_progress)

    def count(self, stage: str, light: str | None, okr_progress: float | None) -> None:
        self.stages[stage] += 1
        self.lights[light or NO_LIGHT] += 1
        if okr_progress is not None:
            self.okr_total += okr_progress
            self.okr_count += 1

    def count_group(
        self, stage: str, light: str | None, projects: int, okr_total: float | None, okr_count: int
    ) -> None:
        """`projects` projects of one stage and light at once, `okr_count` of them with OKR
        progress summing to `okr_total`."""
        self.stages[stage] += projects
        self.lights[light or NO_LIGHT] += projects
        if okr_count:
            self.okr_total += okr_total or 0
            self.okr_count += okr_count

    @property
    def total(self) -> int:
        return sum(self.stages.values())

    @property
    def stage_rows(self) -> list[tuple[str, str, int]]:
        return [(s.value, str(s.label), self.stages[s.value]) for s in STAGE_ORDER]

    @property
    def light_rows(self) -> list[tuple[str, str, int]]:
        return [(code, light_label(code), self.lights[code]) for code in LIGHT_ORDER]

    @property
    def okr_percent(self) -> int | None:
        # the mean of the projects' progress (scoring.objective_progress)
        return scoring.percent(self.okr_total / self.okr_count if self.okr_count else None)


def light_label(code: str | None) -> str:
    if not code or code == NO_LIGHT:
        return gettext("noch kein geprüfter Bericht")
    return str(Rating(code).label)


def active_quarter(programme: Programme) -> Quarter | None:
    return programme_reads.active_quarter(programme.pk)


def _latest_public() -> QuerySet[StatusReport]:
    """The project's latest accepted report whose lights may be public: released by the
    programme manager or the sponsor, or accepted where the programme publishes them
    automatically (issue 11 F)."""
    return (
        StatusReport.objects.filter(project=OuterRef("pk"), state=StatusReport.State.ACCEPTED)
        .filter(
            Q(released_at__isnull=False)
            | Q(project__programme__reporting_config__public_release=PublicRelease.AUTOMATIC)
        )
        .order_by("-period__start")
    )


def stand_of(period_end: date | None, published_at: datetime | None, today: date) -> date | None:
    """The "Stand" of a public light: the period's end, but never after the day the light
    became public, and never in the future."""
    if period_end is None:
        return None
    days = [period_end, today]
    if published_at is not None:
        days.append(timezone.localtime(published_at).date())
    return min(days)


@dataclass
class PublicProject:
    """A published project as the public sees it: the project (`published_rows`: only the
    public columns loaded) with its public light, OKR progress and lead's public name."""

    project: Project
    light: str | None  # overall rating of the latest public report, None without one
    light_text: str
    stage_label: str
    light_as_of: date | None
    okr_progress: float | None
    okr_percent: int | None
    has_okrs: bool  # objectives in the quarter, with or without a value
    public_lead: str

    @property
    def pk(self) -> int:
        return self.project.pk

    def listed(self) -> "ListedProject":
        project = self.project
        return ListedProject(
            pk=project.pk,
            title=project.title,
            stage=project.stage,
            stage_label=self.stage_label,
            field_of_action_id=project.field_of_action_id,
            field_name=project.field_of_action.name,
            light=self.light,
            light_text=self.light_text,
            okr_percent=self.okr_percent,
            has_okrs=self.has_okrs,
        )


@dataclass(frozen=True, slots=True)
class ListedProject:
    """A row of the public project tables (`{% public_project_rows %}`) or a project named on
    the programme page: only what they show, as plain values."""

    pk: int
    title: str
    stage: str
    stage_label: str
    field_of_action_id: int
    field_name: str
    light: str | None
    light_text: str
    okr_percent: int | None
    has_okrs: bool


class ListedPages(SlicedRows[ListedProject]):
    """The published projects in list order as `ListedProject`s, for a `Paginator`: the
    length and the slice of a page each cost one query written out (`project_reads`), the OKR
    progress of the active `quarter` included."""

    def __init__(self, programme: Programme, quarter: Quarter | None) -> None:
        self.programme_id = programme.pk
        self.quarter_id = quarter.pk if quarter else None

    def __len__(self) -> int:
        return project_reads.published_count(self.programme_id)

    def read(self, offset: int, limit: int) -> list[ListedProject]:
        rows = project_reads.published_page(self.programme_id, self.quarter_id, limit, offset)
        labels = Labels.now()
        return [
            ListedProject(
                pk=pk,
                title=title,
                stage=stage,
                stage_label=labels.stages.get(stage, stage),
                field_of_action_id=field_id,
                field_name=name,
                light=light,
                light_text=labels.lights.get(light) or light_label(light),
                okr_percent=scoring.percent(_okr_progress(total, scored)),
                has_okrs=okr_id is not None,
            )
            for pk, title, stage, field_id, name, light, total, scored, okr_id in rows
        ]


def _okr_progress(total: float | None, scored: int | None) -> float | None:
    """As `okr.selectors.programme_okr_progress`: the mean progress of the project's scored
    objectives."""
    return total / scored if total is not None and scored else None


def project_rows(
    programme: Programme, quarter: Quarter | None = None, **filters: Any
) -> list[PublicProject]:
    """The published projects in list order, each as a `PublicProject`. Three queries."""
    return with_public_details(programme, list(published_rows(programme, **filters)), quarter)


LIST_ORDER = ("field_of_action__order", "field_of_action__name", "title", "pk")


def published_rows(programme: Programme, **filters: Any) -> QuerySet[Project]:
    """The published projects in list order with their public light (one query; the field
    page takes them all, `with_public_details` completes them; the project list and the
    programme page read theirs written out, `ListedPages` and `programme_overview`)."""
    return (
        published_projects(programme)
        .filter(**filters)
        .select_related("field_of_action", "org_unit", "lead")
        .only(
            "pk",
            "title",
            "short_name",
            "stage",
            "kind",
            "planned_start",
            "planned_end",
            "public_summary",
            "programme_id",
            "field_of_action__name",
            "field_of_action__order",
            "org_unit__name",
            "org_unit__code",
            "lead__display_name",
            "lead__first_name",
            "lead__last_name",
            "lead__public_name_opt_in",
        )
        .annotate(
            light=Subquery(_latest_public().values("overall")[:1]),
            light_period_end=Subquery(_latest_public().values("period__end")[:1]),
            light_published_at=Subquery(
                _latest_public()
                .annotate(at=Coalesce("released_at", "reviewed_at"))
                .values("at")[:1]
            ),
        )
        .order_by(*LIST_ORDER)
    )


def with_public_details(
    programme: Programme,
    projects: list[Project],
    quarter: Quarter | None = None,
    okr: dict[int, float | None] | None = None,
) -> list[PublicProject]:
    """`projects` (from `published_rows`) with light text and date, OKR progress and public
    lead name. One query for the OKR progress unless given as `okr` (and one for the active
    quarter if not given)."""
    quarter = quarter or active_quarter(programme)
    progress = okr
    if progress is None:
        # a page of projects asks for its own; the programme page for all (one query)
        ids = [p.pk for p in projects] if len(projects) <= 100 else None
        progress = programme_okr_progress(programme, quarter, ids) if quarter else {}
    today = timezone.localdate()
    labels = Labels.now()
    return [_public(project, progress, today, labels) for project in projects]


@dataclass(frozen=True)
class Labels:
    """Words for stages and lights, translated once per process and language instead of
    once per row (the catalogues do not change while the process runs)."""

    stages: dict[str, str]
    lights: dict[str | None, str]

    @classmethod
    def now(cls) -> "Labels":
        return _labels_in(get_language())


@cache
def _labels_in(language: str | None) -> Labels:
    lights: dict[str | None, str] = {code: light_label(code) for code in LIGHT_ORDER}
    lights[None] = light_label(None)
    return Labels({s.value: str(s.label) for s in Stage}, lights)


def _public(
    project: Project,
    progress: dict[int, float | None],
    today: date,
    labels: Labels,
) -> PublicProject:
    # `published_rows` annotated these three
    light: str | None = getattr(project, "light")  # noqa: B009
    okr = progress.get(project.pk)
    return PublicProject(
        project=project,
        light=light,
        light_text=labels.lights.get(light) or light_label(light),
        stage_label=labels.stages.get(project.stage, project.stage),
        light_as_of=stand_of(
            getattr(project, "light_period_end"),  # noqa: B009
            getattr(project, "light_published_at"),  # noqa: B009
            today,
        ),
        okr_progress=okr,
        okr_percent=scoring.percent(okr),
        has_okrs=project.pk in progress,
        public_lead=public_name(project.lead),
    )


def public_name(user: User | None) -> str:
    """The name a person allowed to be shown, else "" (never a username or e-mail)."""
    if user is None or not user.public_name_opt_in:
        return ""
    return user.display_name or user.get_full_name()


@dataclass(frozen=True, slots=True)
class ProjectChip:
    """A project named on the programme page: a link and its stage."""

    pk: int
    title: str
    stage: str
    stage_label: str


@dataclass
class FieldView:
    field: FieldOfAction
    projects: list[ProjectChip]
    progress: Progress
    more: int = 0  # published projects beyond those named on the programme page


def programme_overview(programme: Programme, chips: int = 0) -> dict[str, Any]:
    """The programme, its goals and every field with its published projects' progress and
    the first `chips` of its projects (`FieldView.more`: the others).

    The counts are counted by the database (published projects per field, stage and light,
    with their OKR progress; `project_reads`), the projects named are read per field as
    plain values. Five queries, whatever the size of the programme."""
    goals = list(programme.strategic_goals.all())
    fields = list(programme.fields_of_action.all())
    quarter = active_quarter(programme)
    total = Progress()
    per_field: dict[int | None, Progress] = defaultdict(Progress)
    for field_id, stage, light, projects, okr_total, okr_count in project_reads.published_counts(
        programme.pk, quarter.pk if quarter else None
    ):
        total.count_group(stage, light, projects, okr_total, okr_count)
        per_field[field_id].count_group(stage, light, projects, okr_total, okr_count)
    shown: dict[int | None, list[ProjectChip]] = defaultdict(list)
    if chips:
        labels = Labels.now()
        for pk, title, stage, field_id in project_reads.published_chips(programme.pk, chips):
            shown[field_id].append(ProjectChip(pk, title, stage, labels.stages.get(stage, stage)))
    views = [
        FieldView(
            f,
            shown[f.pk],
            per_field[f.pk],
            more=per_field[f.pk].total - len(shown[f.pk]),
        )
        for f in fields
    ]
    return {
        "goals": goals,
        "fields": views,
        "total": total,
        "quarter": quarter,
        "budget": public_totals(programme),
    }


def field_page(programme: Programme, pk: int) -> dict[str, Any]:
    field_of_action = programme.fields_of_action.filter(pk=pk).first()
    if field_of_action is None:
        raise Http404
    quarter = active_quarter(programme)
    projects = project_rows(programme, quarter=quarter, field_of_action=field_of_action)
    progress = Progress()
    for project in projects:
        progress.add(project)
    return {
        "field": field_of_action,
        "projects": projects,
        "progress": progress,
        "quarter": quarter,
    }


def project_page(programme: Programme, pk: int) -> dict[str, Any]:
    quarter = active_quarter(programme)
    found = project_rows(programme, quarter=quarter, pk=pk)
    if not found:
        raise Http404
    row = found[0]
    budget = public_totals(programme)
    return {
        "project": row.project,
        "row": row,
        "project_budget": budget.projects.get(row.pk) if budget else None,
        "budget_years": budget.years if budget else None,
        "milestones": list(
            Milestone.objects.filter(project=row.project).order_by("planned_date", "order", "pk")
        ),
        "quarter": quarter,
    }


def published_milestones(programme: Programme) -> Iterator[Milestone]:
    """The published projects' milestones, read in chunks (streamed as open data)."""
    return (
        Milestone.objects.filter(project__programme=programme, project__published=True)
        .select_related("project")
        .only("pk", "title", "planned_date", "forecast_date", "actual_date", "project__title")
        .order_by("project__title", "project_id", "planned_date", "order", "pk")
        .iterator(chunk_size=500)
    )


def publication_status(programme: Programme) -> dict[str, Any]:
    """For the programme office: is it public, and which projects are published how."""
    publication = ProgrammePublication.objects.filter(programme=programme).first()
    projects = list(
        Project.objects.filter(programme=programme)
        .only("pk", "title", "published", "public_summary", "stage")
        .order_by("-published", "title")
    )
    return {
        "enabled": bool(publication and publication.enabled),
        "published": [p for p in projects if p.published],
        "unpublished_count": sum(1 for p in projects if not p.published),
        "missing_summary": [p for p in projects if p.published and not p.public_summary.strip()],
    }
