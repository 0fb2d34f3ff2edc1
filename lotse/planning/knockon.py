"""Knock-on: a slipping milestone or phase end of one project that overtakes the start or a
milestone of a project that depends on it.

Computed, never stored: from the live data, or "as of" an earlier day from the recorded
history (django-simple-history), so the Projektcheck of March shows what March saw. The
number of queries is fixed: dependencies, projects, milestones and phases, one query each.

Which project waits for which: "A benötigt B" makes A wait for B; "A blockiert B" makes B
wait for A; a synergy makes nobody wait.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import time
from typing import Any

from django.db import connection
from django.db.models import Model
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.portfolio.models import Dependency
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.portfolio.models import Stage
from lotse.reporting.models import Milestone
from lotse.reporting.signals import KnockOn

from .models import Phase

# A phase's name and dates as the knock-ons and the roadmap read them.
PHASE_FIELDS = (
    "name",
    "planned_start",
    "planned_end",
    "forecast_start",
    "forecast_end",
    "started_on",
    "closed_on",
)
# A project in these stages waits for nobody any more.
SETTLED_STAGES = (Stage.COMPLETED, Stage.CANCELLED)


@dataclass(frozen=True)
class Edge:
    dependency_id: int
    upstream_id: int
    downstream_id: int


@dataclass(frozen=True)
class Item:
    """A date of the upstream project that others may wait for."""

    project_id: int
    label: str
    planned: date
    expected: date


@dataclass(frozen=True)
class Anchor:
    """A date of the downstream project that needs the upstream's result."""

    project_id: int
    label: str
    when: date


@dataclass(frozen=True)
class ProjectDates:
    pk: int
    title: str
    stage: str
    planned_start: date | None


def edge_of(dependency_id: int, source_id: int, target_id: int, kind: str) -> Edge | None:
    if kind == Dependency.Kind.NEEDS:
        return Edge(dependency_id, upstream_id=target_id, downstream_id=source_id)
    if kind == Dependency.Kind.BLOCKS:
        return Edge(dependency_id, upstream_id=source_id, downstream_id=target_id)
    return None


def expected_date(planned: date, forecast: date | None, as_of: date) -> date:
    """When an unfinished date is expected: its forecast, else the plan; a date that has
    passed without being reached is expected no earlier than `as_of`."""
    return max(forecast or planned, as_of)


def detect(
    edges: Iterable[Edge],
    items: dict[int, list[Item]],
    anchors: dict[int, list[Anchor]],
    projects: dict[int, ProjectDates],
) -> list[KnockOn]:
    """One knock-on per dependency: the upstream item that overtakes a downstream date by the
    most days. An item overtakes an anchor when it was planned at or before it and is now
    expected after it (a plan that was late from the start is a planning conflict, not a
    slip)."""
    found = []
    # One reverse() for all: the address with a placeholder id, filled in per dependency.
    head, tail = reverse("planning:knock_on_raise", kwargs={"pk": 0}).rsplit("/0/", 1)
    for edge in edges:
        upstream, downstream = projects.get(edge.upstream_id), projects.get(edge.downstream_id)
        if upstream is None or downstream is None or downstream.stage in SETTLED_STAGES:
            continue
        worst: tuple[int, Item, Anchor] | None = None
        for item in items.get(edge.upstream_id, []):
            if item.expected <= item.planned:
                continue
            for anchor in anchors.get(edge.downstream_id, []):
                if item.planned <= anchor.when < item.expected:
                    delay = (item.expected - anchor.when).days
                    if worst is None or delay > worst[0]:
                        worst = (delay, item, anchor)
        if worst is not None:
            delay, item, anchor = worst
            found.append(
                KnockOn(
                    upstream_id=upstream.pk,
                    upstream_title=upstream.title,
                    downstream_id=downstream.pk,
                    downstream_title=downstream.title,
                    dependency_id=edge.dependency_id,
                    item=item.label,
                    item_planned=item.planned,
                    item_expected=item.expected,
                    anchor=anchor.label,
                    anchor_date=anchor.when,
                    delay_days=delay,
                    raise_url=f"{head}/{edge.dependency_id}/{tail}",
                )
            )
    return sorted(found, key=lambda k: (-k.delay_days, k.downstream_title, k.upstream_title))


# --- reading the data, live or as of a day ----------------------------------------------


def end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


def rows(model: type[Model], moment: datetime | None, **filters: Any) -> Any:
    """The model's rows as values: live, or as they stood at `moment` (deleted ones left
    out). Historical records carry the object's key as `id` like the live rows."""
    if moment is None:
        return model._default_manager.filter(**filters)
    history = model.history  # type: ignore[attr-defined]
    return (
        history.filter(history_date__lte=moment)
        .latest_of_each()
        .exclude(history_type="-")
        .filter(**filters)
    )


def _milestone_items_and_anchors(
    project_ids: set[int], moment: datetime | None, as_of: date
) -> tuple[list[Item], list[Anchor]]:
    items, anchors = [], []
    template = _("Meilenstein „%(title)s“")  # translated once, not per row
    fields = ("project_id", "title", "planned_date", "forecast_date", "actual_date")
    for pid, title, planned, forecast, actual in rows(
        Milestone, moment, project_id__in=project_ids
    ).values_list(*fields):
        if actual is not None:
            continue  # reached: nothing waits for it any more, and it waits for nothing
        label = template % {"title": title}
        items.append(Item(pid, label, planned, expected_date(planned, forecast, as_of)))
        anchors.append(Anchor(pid, label, forecast or planned))
    return items, anchors


def _phase_items_and_anchors(
    project_ids: set[int], moment: datetime | None, as_of: date
) -> tuple[list[Item], list[Anchor], dict[int, date]]:
    """Phase ends others may wait for, phase starts that wait, and each project's start (its
    first phase's)."""
    items, anchors = [], []
    starts: dict[int, date] = {}
    fields = ("project_id", *PHASE_FIELDS)
    ends, starts_of = _("Ende der Phase „%(name)s“"), _("Beginn der Phase „%(name)s“")
    values = rows(Phase, moment, project_id__in=project_ids).values_list(*fields)
    for pid, name, p_start, p_end, f_start, f_end, started, closed in values:
        start = started or f_start or p_start
        if start is not None and (pid not in starts or start < starts[pid]):
            starts[pid] = start
        if closed is None and p_end is not None:
            label = ends % {"name": name}
            items.append(Item(pid, label, p_end, expected_date(p_end, f_end, as_of)))
        if started is None and (f_start or p_start) is not None:
            label = starts_of % {"name": name}
            anchors.append(Anchor(pid, label, f_start or p_start))
    return items, anchors, starts


def _dependencies(
    programme: Programme, moment: datetime | None, project_ids: set[int] | None
) -> Any:
    """(id, source id, target id, kind) of the needs/blocks dependencies that touch the
    programme (and one of `project_ids`), live or as they stood at `moment`. Dependencies can
    cross programmes; the programme's own projects decide which count."""
    if moment is None:
        return _live_dependencies(programme.pk, project_ids)
    deps = rows(Dependency, moment, kind__in=[Dependency.Kind.NEEDS, Dependency.Kind.BLOCKS])
    own = set(rows(Project, moment, programme_id=programme.pk).values_list("id", flat=True))
    scope = Q(source_id__in=own) | Q(target_id__in=own)
    if project_ids is not None:
        scope &= Q(source_id__in=project_ids) | Q(target_id__in=project_ids)
    return deps.filter(scope).values_list("id", "source_id", "target_id", "kind")


def _live_dependencies(
    programme_id: int, project_ids: set[int] | None
) -> list[tuple[int, int, int, str]]:
    """The live query of `_dependencies` written out: the ORM spent longer composing it (two
    joins, the OR-ed scopes) than the database running it, on every project cockpit."""
    ids = sorted(project_ids) if project_ids is not None else []
    one_of = ", ".join(["%s"] * len(ids))
    sql = (
        "SELECT d.id, d.source_id, d.target_id, d.kind FROM portfolio_dependency d"
        " JOIN portfolio_project s ON s.id = d.source_id"
        " JOIN portfolio_project t ON t.id = d.target_id"
        " WHERE d.kind IN (%s, %s) AND (s.programme_id = %s OR t.programme_id = %s)"
    )
    params: list[Any] = [Dependency.Kind.NEEDS, Dependency.Kind.BLOCKS, programme_id, programme_id]
    if project_ids is not None:
        if not ids:
            return []
        # only placeholders are joined into the statement
        sql += f" AND (d.source_id IN ({one_of}) OR d.target_id IN ({one_of}))"  # noqa: S608
        params += [*ids, *ids]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def programme_knock_ons(
    programme: Programme, as_of: date, project_ids: set[int] | None = None
) -> list[KnockOn]:
    """The programme's knock-ons on `as_of` (live data when that is today or later), or only
    those in which one of `project_ids` waits or slips."""
    moment = None if as_of >= timezone.localdate() else end_of(as_of)
    edges = [
        edge
        for values in _dependencies(programme, moment, project_ids)
        if (edge := edge_of(*values)) is not None
    ]
    if not edges:
        return []
    involved = {e.upstream_id for e in edges} | {e.downstream_id for e in edges}
    projects = {
        pk: ProjectDates(pk, title, stage, start)
        for pk, title, stage, start in rows(Project, moment, id__in=involved).values_list(
            "id", "title", "stage", "planned_start"
        )
    }
    items_list, anchor_list = _milestone_items_and_anchors(involved, moment, as_of)
    phase_items, phase_anchors, starts = _phase_items_and_anchors(involved, moment, as_of)
    items: dict[int, list[Item]] = defaultdict(list)
    anchors: dict[int, list[Anchor]] = defaultdict(list)
    for item in [*items_list, *phase_items]:
        items[item.project_id].append(item)
    for anchor in [*anchor_list, *phase_anchors]:
        anchors[anchor.project_id].append(anchor)
    project_start = _("dem Projektbeginn")
    for pid, project in projects.items():
        start = starts.get(pid, project.planned_start)
        if start is not None:
            anchors[pid].append(Anchor(pid, project_start, start))
    return detect(edges, items, anchors, projects)


def knock_ons_wanted_receiver(
    sender: Any,
    *,
    programme: Programme,
    as_of: date,
    project_ids: set[int] | None = None,
    **kwargs: Any,
) -> list[KnockOn]:
    """Answers reporting's `knock_ons_wanted` (connected in `PlanningConfig.ready`)."""
    return programme_knock_ons(programme, as_of, project_ids)
