"""The meeting page's reads of its agenda and decisions, in SQL written out (issue 14: the
agenda of a Projektcheck lists every project, bench/pages_bench.py). The ORM composed each
of these queries anew on every request, most of the page's time outside the templates.
`tests/governance/test_meeting_reads.py` holds each to the ORM query it replaces, on SQLite
and PostgreSQL."""

from __future__ import annotations

from typing import NamedTuple

from django.db import connection


class AgendaRow(NamedTuple):
    """What the meeting page shows of an agenda item."""

    pk: int
    kind: str
    title: str
    description: str
    minutes: int
    notes: str
    project_id: int | None
    project_title: str | None
    decision_request_id: int | None


class DecisionRow(NamedTuple):
    """What the meeting page shows of a decision."""

    pk: int
    kind: str
    wording: str
    rationale: str
    project_id: int | None
    project_title: str | None
    agenda_item_id: int | None
    stage_after: str


class OverflowRow(NamedTuple):
    """An agenda item that ends after the meeting's length."""

    pk: int
    title: str
    minutes: int


# The items on the agenda (not taken off it): how many and their planned minutes.
AGENDA_COUNT_SQL = (
    "SELECT COUNT(*), COALESCE(SUM(a.minutes), 0) FROM governance_agendaitem a "
    "WHERE a.meeting_id = %s AND NOT a.removed"
)
AGENDA_PAGE_SQL = (
    "SELECT a.id, a.kind, a.title, a.description, a.minutes, a.notes, a.project_id, p.title, "
    "a.decision_request_id FROM governance_agendaitem a "
    "LEFT OUTER JOIN portfolio_project p ON p.id = a.project_id "
    "WHERE a.meeting_id = %s AND NOT a.removed ORDER BY a.position, a.id LIMIT %s OFFSET %s"
)
# A running sum of the minutes in the agenda's order: the items whose end is after the
# meeting's length.
OVERFLOW_SQL = (
    "SELECT id, title, minutes FROM (SELECT a.id, a.title, a.minutes, a.position, "
    "SUM(a.minutes) OVER (ORDER BY a.position, a.id) AS running FROM governance_agendaitem a "
    "WHERE a.meeting_id = %s AND NOT a.removed) r "
    "WHERE running > %s ORDER BY position, id LIMIT %s"
)
DECISIONS_SQL = (
    "SELECT d.id, d.kind, d.wording, d.rationale, d.project_id, p.title, d.agenda_item_id, "
    "d.stage_after FROM governance_decision d "
    "LEFT OUTER JOIN portfolio_project p ON p.id = d.project_id "
    "WHERE d.meeting_id = %s ORDER BY d.id"
)


def _rows(sql: str, params: list[int]) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def agenda_size(meeting_id: int) -> tuple[int, int]:
    """How many items the agenda holds and their planned minutes."""
    count, minutes = _rows(AGENDA_COUNT_SQL, [meeting_id])[0]
    return int(count), int(minutes)


def agenda_rows(meeting_id: int, offset: int, limit: int) -> list[AgendaRow]:
    return [AgendaRow(*row) for row in _rows(AGENDA_PAGE_SQL, [meeting_id, limit, offset])]


def overflow_rows(meeting_id: int, duration: int, limit: int) -> list[OverflowRow]:
    """The first `limit` items that end after `duration` minutes."""
    return [OverflowRow(*row) for row in _rows(OVERFLOW_SQL, [meeting_id, duration, limit])]


def decision_rows(meeting_id: int) -> list[DecisionRow]:
    return [DecisionRow(*row) for row in _rows(DECISIONS_SQL, [meeting_id])]
