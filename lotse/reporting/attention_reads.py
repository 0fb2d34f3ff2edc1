"""The attention order of the programme cockpit and the Projektcheck page, in SQL written out
(issue 14).

The pages do not build every project's row: the database orders the programme's projects
attention first (the order of `CockpitRow.sort_key`), counts them per field, overall light and
report state, filters and pages them; only the rows of the visible page are built, by
`cockpit.rows_for` (a fixed number of queries). `cockpit.cockpit_rows` keeps building every
row for the documents and the exports; `tests/reporting/test_attention_in_sql.py` holds this
statement to it on SQLite and PostgreSQL.

The ORM composed the annotated statement (six reasons, frozen reports read from their JSON
snapshot) anew for each of its three uses per request, the counts, the page and the projects
without a report: about a quarter of the cockpit's processor time. Here the statement is put
together once per request from the constant pieces below, the same statement the ORM sent;
only names from this module reach the SQL text, every value is a parameter. It is pinned
against the Python rows (`cockpit.cockpit_rows`), as the ORM statement was.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any
from typing import overload

from django.db import connection

from lotse.paging import SlicedRows
from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import Programme

from .cockpit import MISSING
from .cockpit import REPORTED_STATES
from .cockpit import Reason
from .cockpit import SummaryLine
from .cockpit import period_knock_ons
from .cockpit import summary_table
from .models import RATING_ORDER
from .models import SILENT_STAGES
from .models import DecisionRequest
from .models import Rating
from .models import ReportingPeriod
from .models import StatusReport
from .signals import KnockOn

# The reasons as columns, in the order of their rank (Reason.RANK); 6 = no reason.
REASONS = ("a_red", "a_overdue", "a_returned", "a_milestone", "a_knock_on", "a_decision")
NO_REASON = len(Reason.RANK)
REPORTED = tuple(str(s) for s in REPORTED_STATES)

# A piece of SQL and its parameters, in order.
Piece = tuple[str, list[Any]]


def _flag(condition: str) -> str:
    return f"CASE WHEN {condition} THEN 1 ELSE 0 END"


def _frozen() -> Piece:
    """The report is frozen (submitted or accepted, with a snapshot): its milestones and
    decision requests are read from the snapshot, not from the live tables."""
    return (
        "rep.state IN (%s, %s) AND rep.snapshot IS NOT NULL AND NOT (rep.snapshot = %s)",
        [*REPORTED, "{}"],
    )


# The elements of a snapshot's array `key` as rows `e`, and one of their values, per database.
SNAPSHOT_ROWS = {
    "sqlite": ("json_each(rep.snapshot, '$.{key}') AS e", "json_extract(e.value, '$.{name}')"),
    # A missing key gives an empty array (lax mode), not an error.
    "postgresql": (
        "jsonb_array_elements(jsonb_path_query_array(rep.snapshot, '$.{key}[*]')) AS e(value)",
        "(e.value ->> '{name}')",
    ),
}


def _snapshot_any(key: str, condition: str) -> str:
    """EXISTS an element of the report's snapshot array `key` meeting `condition`, whose
    `{name}`s are the element's values."""
    rows, value = SNAPSHOT_ROWS[connection.vendor]
    names = ("actual_date", "forecast_date", "planned_date", "status", "needed_by")
    where = condition.format(**{name: value.format(name=name) for name in names})
    return f"EXISTS (SELECT 1 FROM {rows.format(key=key)} WHERE {where})"  # noqa: S608


def _milestone(today: date) -> Piece:
    """A slipping milestone (`cockpit.milestone_slipping`): not done, and the forecast later
    than planned or the planned date passed. In a snapshot the dates are ISO strings, so
    comparing them as text compares the dates."""
    frozen, frozen_params = _frozen()
    snapshot = _snapshot_any(
        "milestones",
        "{actual_date} IS NULL AND ({forecast_date} > {planned_date} OR {planned_date} < %s)",
    )
    live = (
        "EXISTS (SELECT 1 FROM reporting_milestone m WHERE m.project_id = p.id AND "
        "m.actual_date IS NULL AND (m.forecast_date > m.planned_date OR m.planned_date < %s))"
    )
    return (
        f"CASE WHEN {frozen} THEN {_flag(snapshot)} WHEN {live} THEN 1 ELSE 0 END",
        [*frozen_params, today.isoformat(), connection.ops.adapt_datefield_value(today)],
    )


def _decision(today: date) -> Piece:
    """An overdue open decision request (`CockpitRow.overdue_requests`)."""
    frozen, frozen_params = _frozen()
    snapshot = _snapshot_any("decision_requests", "{status} = %s AND {needed_by} < %s")
    live = (
        "EXISTS (SELECT 1 FROM reporting_decisionrequest d WHERE d.project_id = p.id AND "
        "d.status = %s AND d.needed_by < %s)"
    )
    open_ = str(DecisionRequest.Status.OPEN)
    return (
        f"CASE WHEN {frozen} THEN {_flag(snapshot)} WHEN {live} THEN 1 ELSE 0 END",
        [
            *frozen_params,
            open_,
            today.isoformat(),
            open_,
            connection.ops.adapt_datefield_value(today),
        ],
    )


def _overdue(period: ReportingPeriod, today: date) -> Piece:
    """No submitted or accepted report once the period's due date has passed."""
    if period.due_date < today:
        return _flag("rep.state IS NULL OR rep.state NOT IN (%s, %s)"), [*REPORTED]
    return "0", []


def _knock_on(found: list[KnockOn]) -> Piece:
    """How many of the knock-ons `found` each project waits for."""
    waits: dict[int, int] = defaultdict(int)
    for knock_on in found:
        waits[knock_on.downstream_id] += 1
    by_count: dict[int, list[int]] = defaultdict(list)
    for pid, n in waits.items():
        by_count[n].append(pid)
    if not by_count:
        return "0", []
    whens = [
        f"WHEN p.id IN ({', '.join(['%s'] * len(ids))}) THEN {int(n)}"
        for n, ids in sorted(by_count.items())
    ]
    return f"CASE {' '.join(whens)} ELSE 0 END", [
        pid for _n, ids in sorted(by_count.items()) for pid in ids
    ]


def _join(pieces: list[Piece | str]) -> Piece:
    sql, params = [], []
    for piece in pieces:
        text, values = (piece, []) if isinstance(piece, str) else piece
        sql.append(text)
        params.extend(values)
    return "".join(sql), params


@dataclass(frozen=True)
class AttentionOrder:
    """`attention_order`'s statement: per project its id, `field_of_action_id`, `title_key`
    (the lower-case title), the report's `rep_id`, `rep_state` and `rep_overall`, the reasons
    as numbers (`REASONS`; `a_knock_on` counts the knock-ons it waits for), their count
    `n_reasons`, the first reason's rank `first_reason` (6: none) and the overall light's rank
    `light_rank`. The reads below query it as the derived table `x`."""

    sql: str
    params: tuple[Any, ...]

    ORDER = "x.first_reason, x.n_reasons DESC, x.light_rank DESC, x.title_key, x.id"

    def _read(self, select: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(select.replace("{x}", f"({self.sql}) x"), [*self.params, *params])
            return cursor.fetchall()

    def ids(self, filters: dict, start: int = 0, stop: int | None = None) -> list[int]:
        """The ids of the projects the cockpit's `filters` let through (`filter_rows`),
        attention first, from `start` to `stop` (all without `stop`)."""
        where, params = _where(filters)
        sql = f"SELECT x.id FROM {{x}} WHERE {where} ORDER BY {self.ORDER}"  # noqa: S608
        if stop is not None:
            sql += " LIMIT %s OFFSET %s"
            params += [max(stop - start, 0), start]
        return [pk for (pk,) in self._read(sql, params)]

    def not_reported_ids(self, stop: int) -> list[int]:
        """The first `stop` of `cockpit.not_reported`: no submitted or accepted report; by
        title (all of them are overdue or none is: that depends only on the period)."""
        sql = (
            "SELECT x.id FROM {x} WHERE x.rep_state IS NULL OR x.rep_state NOT IN (%s, %s) "  # noqa: S608
            f"ORDER BY x.title_key, {self.ORDER} LIMIT %s"
        )
        return [pk for (pk,) in self._read(sql, [*REPORTED, stop])]

    def groups(self) -> list[tuple[Any, ...]]:
        """Per field, overall light and report state: how many projects, and how many of them
        need attention."""
        return self._read(
            "SELECT x.field_of_action_id, x.rep_overall, x.rep_state, COUNT(*), "
            "SUM(CASE WHEN x.n_reasons > 0 THEN 1 ELSE 0 END) FROM {x} "
            "GROUP BY x.field_of_action_id, x.rep_overall, x.rep_state"
        )

    def reasons(self) -> dict[int, dict[str, int]]:
        """Every project's reasons as numbers, `n_reasons` and `first_reason`, by id."""
        columns = [*REASONS, "n_reasons", "first_reason"]
        rows = self._read(
            f"SELECT x.id, {', '.join(f'x.{c}' for c in columns)} FROM {{x}}"  # noqa: S608
        )
        return {pk: dict(zip(columns, values, strict=True)) for pk, *values in rows}


def _where(filters: dict) -> tuple[str, list[Any]]:
    """The cockpit's filters (`cockpit.filter_rows`) on the derived table `x`."""
    clauses, params = ["1 = 1"], []
    if filters.get("field"):
        clauses.append("x.field_of_action_id = %s")
        params.append(filters["field"])
    for key, column in (("light", "rep_overall"), ("state", "rep_state")):
        if value := filters.get(key):
            # MISSING: the projects without a report for the period.
            if value == MISSING:
                clauses.append("x.rep_id IS NULL")
            else:
                clauses.append(f"x.{column} = %s")
                params.append(value)
    if filters.get("attention"):
        clauses.append("x.n_reasons > 0")
    return " AND ".join(clauses), params


def attention_order(
    programme: Programme,
    period: ReportingPeriod,
    today: date,
    found: list[KnockOn] | None = None,
) -> AttentionOrder:
    """The projects `cockpit.cockpit_rows` would show for `period` on `today`, in its order,
    with their reasons as numbers. `found`: the period's knock-ons if the caller has them
    already (`cockpit.period_knock_ons`)."""
    if found is None:
        found = period_knock_ons(programme, period, today)
    period_id = period.pk or 0  # a period not stored yet has no reports
    ranks = " ".join(f"WHEN %s THEN {int(n)}" for n in RATING_ORDER.values())
    reasons = _join(
        [
            "SELECT p.id, p.field_of_action_id, LOWER(p.title) AS title_key, rep.id AS rep_id, "
            "rep.state AS rep_state, rep.overall AS rep_overall, ",
            (_flag("rep.overall = %s") + " AS a_red, ", [str(Rating.RED)]),
            _overdue(period, today),
            " AS a_overdue, ",
            (_flag("rep.state = %s") + " AS a_returned, ", [str(StatusReport.State.RETURNED)]),
            _milestone(today),
            " AS a_milestone, ",
            _knock_on(found),
            " AS a_knock_on, ",
            _decision(today),
            " AS a_decision, ",
            (f"CASE rep.overall {ranks} ELSE -1 END AS light_rank ", [*RATING_ORDER]),
            (
                "FROM portfolio_project p LEFT OUTER JOIN reporting_statusreport rep "
                "ON rep.project_id = p.id AND rep.period_id = %s "
                "WHERE p.programme_id = %s AND (p.stage NOT IN (%s, %s, %s) OR p.id IN "
                "(SELECT r.project_id FROM reporting_statusreport r WHERE r.period_id = %s))",
                [period_id, programme.pk, *(str(s) for s in SILENT_STAGES), period_id],
            ),
        ]
    )
    first = " ".join(
        f"WHEN a.{reason} {'> 0' if reason == 'a_knock_on' else '= 1'} THEN {int(rank)}"
        for reason, rank in zip(REASONS, Reason.RANK.values(), strict=True)
    )
    sql, params = _join(
        [
            f"SELECT a.*, {' + '.join(f'a.{r}' for r in REASONS)} AS n_reasons, "  # noqa: S608
            f"CASE {first} ELSE {NO_REASON} END AS first_reason FROM (",
            reasons,
            ") a",
        ]
    )
    return AttentionOrder(sql, tuple(params))


# --- the counts ------------------------------------------------------------------------


@dataclass
class Counts:
    """The cockpit's numbers from one `GROUP BY`: the summary of the projects the filters
    let through, how many they are (the pager's count) and how many of all the projects
    have not reported (the list "Wer hat noch nicht berichtet?" ignores the filters)."""

    summary: dict
    shown: int
    not_reported: int


def _passes(field_id: int, overall: str | None, state: str | None, filters: dict) -> bool:
    """The field, light and state filters (`_where`) on one group of `counts_of`."""
    if filters.get("field") and field_id != filters["field"]:
        return False
    # MISSING: no report for the period (a report always has a state).
    for key, value in (("light", overall), ("state", state)):
        if filters.get(key) and filters[key] != (MISSING if state is None else value):
            return False
    return True


def counts_of(order: AttentionOrder, filters: dict) -> Counts:
    """The summary (`cockpit.summary`) of the projects the `filters` let through, their
    count and the count of those not reported, from `order.groups()`."""
    per_field: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    attention: dict[int, int] = defaultdict(int)
    shown = not_reported = 0
    for field_id, overall, state, n, needing in order.groups():
        needing = needing or 0
        if state not in REPORTED:
            not_reported += n
        count = needing if filters.get("attention") else n
        if not count or not _passes(field_id, overall, state, filters):
            continue
        per_field[field_id][overall or MISSING] += count
        attention[field_id] += needing
        shown += count
    fields = FieldOfAction.objects.filter(pk__in=list(per_field)).order_by("order", "name")
    lines = [
        SummaryLine(f.name, per_field[f.pk], attention[f.pk], sum(per_field[f.pk].values()))
        for f in fields
    ]
    return Counts(summary_table(lines), shown, not_reported)


class PageIds(SlicedRows[int]):
    """The ids `order.ids(filters)` gives, whose number is known already (`Counts.shown`):
    a paginator slices them without counting them again; a slice is read when it is used
    (one query), as a queryset's would be."""

    def __init__(self, order: AttentionOrder, filters: dict, length: int) -> None:
        self.order, self.filters, self.length = order, filters, length

    def __len__(self) -> int:
        return self.length

    def read(self, offset: int, limit: int) -> Sequence[int]:
        return _Ids(lambda: self.order.ids(self.filters, offset, offset + limit))


class _Ids(Sequence[int]):
    """Ids read on first use."""

    def __init__(self, read: Callable[[], list[int]]) -> None:
        self.read = read

    @cached_property
    def ids(self) -> list[int]:
        return self.read()

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[int]: ...

    def __getitem__(self, index: int | slice) -> int | Sequence[int]:
        return self.ids[index]
