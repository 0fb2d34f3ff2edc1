"""The public programme page's and project list's reads of the published projects, in SQL
written out (issue 14). Composing these queries with the ORM cost several times what the
database needed for them, on pages every visitor of the transparency site opens; the rows
are plain tuples, never model instances. `tests/public/test_project_reads.py` holds each read
to the ORM query (or the Python computation) it replaced, on SQLite and PostgreSQL.

The public light is the ORM's `selectors._latest_public()` written out: the overall rating of
the project's latest accepted report (by period start) that was released for the public, or
any accepted one where the programme publishes lights automatically.
"""

from __future__ import annotations

from django.db import connection

from lotse.reporting.models import PublicRelease
from lotse.reporting.models import StatusReport

LIGHT_SQL = (
    "SELECT r.overall FROM reporting_statusreport r "
    "INNER JOIN portfolio_project rp ON r.project_id = rp.id "
    "LEFT OUTER JOIN reporting_reportingconfig rc ON rp.programme_id = rc.programme_id "
    "INNER JOIN reporting_reportingperiod pe ON r.period_id = pe.id "
    "WHERE r.project_id = p.id AND r.state = %s "
    "AND (r.released_at IS NOT NULL OR rc.public_release = %s) "
    "ORDER BY pe.start DESC LIMIT 1"
)
# Per project of the programme: its objectives in the quarter, the sum of their stored
# progress and how many have one (okr.selectors.programme_okr_progress, as a join).
OKR_SQL = (
    "SELECT o.project_id, SUM(o.progress) AS total, COUNT(o.progress) AS scored "
    "FROM okr_objective o WHERE o.quarter_id = %s GROUP BY o.project_id"
)
PUBLISHED = "p.programme_id = %s AND p.published"
LIST_ORDER_SQL = 'f."order", f.name, p.title, p.id'

COUNT_SQL = f"SELECT COUNT(*) FROM portfolio_project p WHERE {PUBLISHED}"  # noqa: S608
# A page of the project list: what a row of the table shows, in list order.
PAGE_SQL = (
    "SELECT p.id, p.title, p.stage, p.field_of_action_id, f.name, "  # noqa: S608
    f"({LIGHT_SQL}) AS light, o.total, o.scored, o.project_id "
    "FROM portfolio_project p "
    "INNER JOIN portfolio_fieldofaction f ON p.field_of_action_id = f.id "
    f"LEFT OUTER JOIN ({OKR_SQL}) o ON o.project_id = p.id "
    f"WHERE {PUBLISHED} ORDER BY {LIST_ORDER_SQL} LIMIT %s OFFSET %s"
)
# The programme page's counts: published projects per field, stage and light, with the sum
# and number of the projects' OKR progress (the mean of their objectives' progress).
COUNTS_SQL = (
    "SELECT t.field_of_action_id, t.stage, t.light, COUNT(*), "  # noqa: S608
    "SUM(t.progress), COUNT(t.progress) FROM ("
    f"SELECT p.field_of_action_id, p.stage, ({LIGHT_SQL}) AS light, "
    "CASE WHEN o.scored > 0 THEN o.total / o.scored END AS progress "
    "FROM portfolio_project p "
    f"LEFT OUTER JOIN ({OKR_SQL}) o ON o.project_id = p.id "
    f"WHERE {PUBLISHED}) t "
    "GROUP BY t.field_of_action_id, t.stage, t.light"
)
# The programme page's chips: the first `n` published projects of each field in list order.
CHIPS_SQL = (
    "SELECT t.id, t.title, t.stage, t.field_of_action_id FROM ("  # noqa: S608
    "SELECT p.id, p.title, p.stage, p.field_of_action_id, "
    "ROW_NUMBER() OVER (PARTITION BY p.field_of_action_id ORDER BY p.title, p.id) AS n "
    f"FROM portfolio_project p WHERE {PUBLISHED}) t "
    "WHERE t.n <= %s ORDER BY t.field_of_action_id, t.n"
)

LIGHT_PARAMS: list[int | str | None] = [
    StatusReport.State.ACCEPTED.value,
    PublicRelease.AUTOMATIC.value,
]

# One row of the project list: id, title, stage, field id, field name, light, OKR progress
# sum and count, and the project's id again where it has objectives in the quarter.
PageRow = tuple[int, str, str, int, str, str | None, float | None, int | None, int | None]
# One group of the counts: field id, stage, light, projects, OKR progress sum and count.
CountRow = tuple[int, str, str | None, int, float | None, int]
ChipRow = tuple[int, str, str, int]


def _rows(sql: str, params: list[int | str | None]) -> list:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def published_count(programme_id: int) -> int:
    count: int = _rows(COUNT_SQL, [programme_id])[0][0]
    return count


def published_page(
    programme_id: int, quarter_id: int | None, limit: int, offset: int
) -> list[PageRow]:
    """The published projects `offset` to `offset + limit` in list order; without a quarter
    none has objectives."""
    return _rows(PAGE_SQL, [*LIGHT_PARAMS, quarter_id, programme_id, limit, offset])


def published_counts(programme_id: int, quarter_id: int | None) -> list[CountRow]:
    return _rows(COUNTS_SQL, [*LIGHT_PARAMS, quarter_id, programme_id])


def published_chips(programme_id: int, per_field: int) -> list[ChipRow]:
    """Per field its first `per_field` published projects, in list order within the field."""
    return _rows(CHIPS_SQL, [programme_id, per_field])
