"""REST endpoints of the roadmap and the knock-on: the same selectors and permissions as the
pages (`planning.view_plan` on the programme, `portfolio.view_project` on a project)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.utils import timezone
from ninja import Field
from ninja import Query
from ninja import Schema

from lotse.api_helpers import ApiRouter
from lotse.api_helpers import Clean
from lotse.api_helpers import Error
from lotse.http import AuthedRequest
from lotse.portfolio import selectors as portfolio_selectors
from lotse.portfolio.models import Project
from lotse.reporting.signals import KnockOn

from .knockon import programme_knock_ons
from .roadmap import Filters
from .roadmap import Roadmap
from .roadmap import Row
from .roadmap import Zoom
from .roadmap import roadmap

router = ApiRouter(tags=["Roadmap"])
READ = {401: Error, 403: Error, 404: Error, 422: Error}
PERM = "planning.view_plan"


class KnockOnOut(Schema):
    upstream_id: int
    upstream_title: str
    downstream_id: int
    downstream_title: str
    dependency_id: int
    item: str
    item_planned: date
    item_expected: date
    anchor: str
    anchor_date: date
    delay_days: int
    text: str = Field(description="Der Hinweis für das wartende Projekt.")
    detail: str


def _visible(request: AuthedRequest, knock_ons: list[KnockOn]) -> list[KnockOn]:
    """Only knock-ons whose both projects the user may see: a dependency can cross into
    another programme, whose project's title and dates are not the reader's to know."""
    ids = {k.upstream_id for k in knock_ons} | {k.downstream_id for k in knock_ons}
    seen = {
        project.pk
        for project in Project.objects.filter(pk__in=ids).select_related("programme")
        if request.user.has_perm("portfolio.view_project", project)
    }
    return [k for k in knock_ons if k.upstream_id in seen and k.downstream_id in seen]


def _knock_on(k: KnockOn) -> KnockOnOut:
    """The knock-on's fields as they are (the schema leaves out the pages' `raise_url`), with
    the waiting project's text and the detail."""
    return KnockOnOut(**vars(k), text=k.downstream_text, detail=k.detail)


class BarOut(Schema):
    label: str
    start: date
    end: date
    planned_end: date | None
    is_phase: bool


class MilestoneMarkOut(Schema):
    title: str
    planned: date
    forecast: date | None
    actual: date | None


class RoadmapProjectOut(Schema):
    id: int
    title: str
    stage: str
    stage_label: str
    start: date | None
    end: date | None
    bars: list[BarOut]
    milestones: list[MilestoneMarkOut]


class RoadmapFieldOut(Schema):
    id: int
    name: str
    count: int
    start: date | None = Field(None, description="Nur in der zusammengefassten Ansicht.")
    end: date | None = None
    knock_on_count: int = 0
    projects: list[RoadmapProjectOut]


class ArrowOut(Schema):
    upstream_id: int
    downstream_id: int
    kind: str
    kind_label: str
    knock_on: bool


class WindowOut(Schema):
    start: date
    end: date
    zoom: str
    label: str


class RoadmapOut(Schema):
    today: date
    window: WindowOut
    total: int
    collapsed: bool = Field(
        description="Bei vielen Projekten ohne gewähltes Themenfeld: eine Zeile je Themenfeld."
    )
    page: int
    pages: int
    fields: list[RoadmapFieldOut]
    dependencies: list[ArrowOut]
    knock_ons: list[KnockOnOut]


class RoadmapQuery(Clean):
    ansicht: Literal["jahr", "quartal", "gesamt"] = Field(
        Zoom.YEAR,  # type: ignore[arg-type]
        description="Zeitachse: ein Jahr, ein Quartal oder die gesamte Laufzeit.",
    )
    jahr: int | None = Field(None, ge=1900, le=2200, description="Jahr der Ansicht.")
    quartal: int | None = Field(None, ge=1, le=4, description="Quartal der Ansicht (1–4).")
    feld: int | None = Field(None, ge=1, le=2147483647, description="Nur dieses Themenfeld (Id).")
    stufe: str = Field("", description="Nur Projekte in dieser Phase (Code).")
    einheit: int | None = Field(
        None, ge=1, le=2147483647, description="Nur Projekte dieser Organisationseinheit (Id)."
    )
    knock_on: bool = Field(False, description="Folgewirkungen verspäteter Abhängigkeiten zeigen.")
    seite: int = Field(1, ge=1, le=100000, description="Seite der Projektzeilen, ab 1.")


class AsOfQuery(Clean):
    as_of: date | None = Field(
        None, description="Stichtag (JJJJ-MM-TT); ohne Angabe: heute, aus den Live-Daten."
    )


def _project_out(row: Row) -> RoadmapProjectOut:
    return RoadmapProjectOut(
        id=row.project.pk,
        title=row.project.title,
        stage=row.project.stage,
        stage_label=str(row.project.get_stage_display()),
        start=row.start,
        end=row.end,
        bars=[BarOut(**vars(b)) for b in row.bars],
        milestones=[
            MilestoneMarkOut(title=m.title, planned=m.planned, forecast=m.forecast, actual=m.actual)
            for m in row.milestones
        ],
    )


def _roadmap_out(data: Roadmap) -> RoadmapOut:
    window = data.window
    return RoadmapOut(
        today=data.today,
        window=WindowOut(start=window.start, end=window.end, zoom=window.zoom, label=window.label),
        total=data.total,
        collapsed=data.collapsed,
        page=data.page.number if data.page else 1,
        pages=data.page.paginator.num_pages if data.page else 1,
        fields=[
            RoadmapFieldOut(
                id=b.field.pk,
                name=b.field.name,
                count=b.count,
                start=b.start,
                end=b.end,
                knock_on_count=b.knock_on_count,
                projects=[_project_out(r) for r in b.rows],
            )
            for b in data.blocks
        ],
        dependencies=[
            ArrowOut(
                upstream_id=a.upstream_id,
                downstream_id=a.downstream_id,
                kind=a.kind,
                kind_label=a.kind_label,
                knock_on=a.knock_on is not None,
            )
            for a in data.arrows
        ],
        knock_ons=[_knock_on(k) for k in data.knock_ons],
    )


@router.read("/programmes/{slug}/roadmap", RoadmapOut, "roadmap_get", errors=READ)
def roadmap_get(request: AuthedRequest, slug: str, query: Query[RoadmapQuery]) -> RoadmapOut:
    """Die Roadmap des Programms: Projekte je Themenfeld mit Phasen (sonst Laufzeit),
    Meilensteinen, Abhängigkeiten und Knock-on-Effekten; dieselben Filter wie die Seite.
    Bei mehr als 150 Projekten ohne `feld` eine Zeile je Themenfeld, sonst Seiten zu 100."""
    programme = portfolio_selectors.get_programme_for(request.user, slug, PERM)
    filters = Filters(
        zoom=query.ansicht,
        year=query.jahr,
        quarter=query.quartal,
        field=query.feld,
        stage=query.stufe,
        org_unit=query.einheit,
        knock_on_only=query.knock_on,
        page=query.seite,
    )
    return _roadmap_out(roadmap(programme, filters, timezone.localdate()))


@router.read(
    "/programmes/{slug}/knock-ons", list[KnockOnOut], "programme_knock_on_list", errors=READ
)
def programme_knock_on_list(
    request: AuthedRequest, slug: str, query: Query[AsOfQuery]
) -> list[KnockOnOut]:
    """Knock-on-Effekte im Programm, größte Verzögerung zuerst; mit `as_of` so, wie sie an
    diesem Tag bestanden (aus der Änderungshistorie)."""
    programme = portfolio_selectors.get_programme_for(request.user, slug, PERM)
    as_of = query.as_of or timezone.localdate()
    return [_knock_on(k) for k in _visible(request, programme_knock_ons(programme, as_of))]


@router.read(
    "/projects/{project_id}/knock-ons", list[KnockOnOut], "project_knock_on_list", errors=READ
)
def project_knock_on_list(
    request: AuthedRequest, project_id: int, query: Query[AsOfQuery]
) -> list[KnockOnOut]:
    """Knock-on-Effekte, in denen das Projekt wartet oder sich verzögert; nur mit Projekten,
    die die Nutzerin sehen darf (eine Abhängigkeit kann in ein anderes Programm reichen)."""
    project = portfolio_selectors.get_project_for(request.user, project_id)
    as_of = query.as_of or timezone.localdate()
    found = programme_knock_ons(project.programme, as_of, {project.pk})
    return [_knock_on(k) for k in _visible(request, found)]
