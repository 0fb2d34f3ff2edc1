"""The open-data files' read of the published projects, in SQL written out (issue 14).

The projects file streams every published project of a programme; the ORM composed its query
(three subqueries for the public light) anew on every request and converted every value of
every row. This is the query of `selectors.published_rows` (published projects in list order,
of the latest accepted report whose lights may be public its overall light, its period's end
and the moment it became public) with only the columns the file writes, the lead's consent and
name parts among them. `tests/public/test_streaming.py` holds the file to what the public
pages show, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from datetime import datetime

from django.db import connection
from django.utils import timezone

from lotse.reporting.models import PublicRelease
from lotse.reporting.models import StatusReport

# The latest accepted report of the project `p` whose lights may be public: released, or
# accepted where the programme publishes lights automatically (`selectors._latest_public`).
_LATEST_PUBLIC = (
    " FROM reporting_statusreport r"
    " INNER JOIN portfolio_project rp ON r.project_id = rp.id"
    " INNER JOIN portfolio_programme rg ON rp.programme_id = rg.id"
    " LEFT OUTER JOIN reporting_reportingconfig rc ON rg.id = rc.programme_id"
    " INNER JOIN reporting_reportingperiod period ON r.period_id = period.id"
    " WHERE r.project_id = p.id AND r.state = %s"
    " AND (r.released_at IS NOT NULL OR rc.public_release = %s)"
    ' ORDER BY period."start" DESC LIMIT 1'
)
PROJECTS_SQL = (
    "SELECT p.id, p.title, p.short_name, p.field_of_action_id, f.name, p.stage, p.kind,"  # noqa: S608 (constants)
    " p.planned_start, p.planned_end, p.public_summary, o.name,"
    " u.public_name_opt_in, u.display_name, u.first_name, u.last_name,"
    " (SELECT r.overall" + _LATEST_PUBLIC + "),"
    ' (SELECT period."end"' + _LATEST_PUBLIC + "),"
    " (SELECT COALESCE(r.released_at, r.reviewed_at)" + _LATEST_PUBLIC + ")"
    " FROM portfolio_project p"
    " INNER JOIN portfolio_fieldofaction f ON p.field_of_action_id = f.id"
    " LEFT OUTER JOIN portfolio_orgunit o ON p.org_unit_id = o.id"
    " LEFT OUTER JOIN accounts_user u ON p.lead_id = u.id"
    " WHERE p.programme_id = %s AND p.published"
    ' ORDER BY f."order", f.name, p.title, p.id'
)


def published_project_rows(programme_id: int) -> Iterator[tuple]:
    """The programme's published projects as rows of PROJECTS_SQL, in list order, read from
    the database in chunks of 500 (a server-side cursor where the database has them, as
    `.iterator()`): the files stream, the memory does not grow with the programme. The lead's
    consent and name parts come without a lead as NULL."""
    latest = [StatusReport.State.ACCEPTED.value, PublicRelease.AUTOMATIC.value]
    with connection.chunked_cursor() as cursor:
        cursor.execute(PROJECTS_SQL, [*latest, *latest, *latest, programme_id])
        while rows := cursor.fetchmany(500):
            yield from rows


def as_date(value: date | str | None) -> date | None:
    """A date from a subquery: SQLite gives it back as text, PostgreSQL as a date."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def as_moment(value: datetime | str | None) -> datetime | None:
    """A moment from a subquery (SQLite: text in the connection's time zone), aware."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, connection.timezone)
    return value
