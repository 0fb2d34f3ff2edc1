"""The meeting page's reads of its agenda, minutes and open requests, in SQL written out
(issue 14: the agenda of a Projektcheck lists every project, bench/pages_bench.py). The ORM
composed each of these queries anew on every request, most of the page's time outside the
templates. `tests/governance/test_meeting_reads.py` holds each to the ORM query it replaces,
on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import NamedTuple

from django.db import connection

from lotse.accounts.models import User
from lotse.reporting.models import DecisionRequest

from .models import ActionItem
from .models import Attendance
from .models import Meeting


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
    """An agenda item that ends after the meeting's length, and how many items do (all of
    them, not only those read)."""

    pk: int
    title: str
    minutes: int
    total: int  # how many items end after the meeting
    seq: int  # its place in the agenda (from 1), in the order of the agenda's pages


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
# meeting's length, each with how many there are (a window over the same rows, before the
# LIMIT) and its place in the agenda's order (from 1, for the page it is on).
OVERFLOW_SQL = (
    "SELECT id, title, minutes, COUNT(*) OVER (), seq FROM (SELECT a.id, a.title, a.minutes, "
    "a.position, SUM(a.minutes) OVER (ORDER BY a.position, a.id) AS running, "
    "ROW_NUMBER() OVER (ORDER BY a.position, a.id) AS seq FROM governance_agendaitem a "
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
    """The first `limit` items that end after `duration` minutes, each with the number of
    all items that do."""
    return [OverflowRow(*row) for row in _rows(OVERFLOW_SQL, [meeting_id, duration, limit])]


def decision_rows(meeting_id: int) -> list[DecisionRow]:
    return [DecisionRow(*row) for row in _rows(DECISIONS_SQL, [meeting_id])]


# The minutes' attendances and action items with the person each names: the columns
# `User.__str__` reads, as u_username, u_first, u_last, u_display.
ATTENDANCES_SQL = (
    "SELECT a.id, a.meeting_id, a.user_id, a.guest_name, a.status, u.username AS u_username, "
    "u.first_name AS u_first, u.last_name AS u_last, u.display_name AS u_display "
    "FROM governance_attendance a LEFT OUTER JOIN accounts_user u ON u.id = a.user_id "
    "WHERE a.meeting_id = %s ORDER BY a.status, a.guest_name, a.id"
)
ACTION_ITEMS_SQL = (
    "SELECT ai.id, ai.meeting_id, ai.agenda_item_id, ai.decision_id, ai.title, ai.owner_id, "
    "ai.due_date, ai.done, ai.card_id, u.username AS u_username, u.first_name AS u_first, "
    "u.last_name AS u_last, u.display_name AS u_display "
    "FROM governance_actionitem ai LEFT OUTER JOIN accounts_user u ON u.id = ai.owner_id "
    "WHERE ai.meeting_id = %s "
    "ORDER BY CASE WHEN ai.due_date IS NULL THEN 1 ELSE 0 END, ai.due_date, ai.id"
)
# Open requests addressed to a body, in a programme; those without a date last.
OPEN_REQUESTS_SQL = (
    "SELECT r.id, r.project_id, r.report_id, r.question, r.options, r.recommendation, "
    "r.needed_by, r.addressed_to, r.status, r.raised_by_id, r.created_at, "
    "r.withdrawal_reason, r.version FROM reporting_decisionrequest r "
    "INNER JOIN portfolio_project p ON p.id = r.project_id "
    "WHERE p.programme_id = %s AND r.status = %s AND r.addressed_to = %s "
    "ORDER BY CASE WHEN r.needed_by IS NULL THEN 1 ELSE 0 END, r.needed_by, r.id"
)


def _person(row: Attendance | ActionItem, pk: int | None) -> User | None:
    """The user a row of ATTENDANCES_SQL or ACTION_ITEMS_SQL names, with what it shows."""
    if pk is None:
        return None
    values = row.__dict__
    return User(
        id=pk,
        username=values["u_username"],
        first_name=values["u_first"],
        last_name=values["u_last"],
        display_name=values["u_display"],
    )


def attendances(meeting: Meeting) -> list[Attendance]:
    """The meeting's attendances, each with its person (`name`), in the minutes' order."""
    rows = list(Attendance.objects.raw(ATTENDANCES_SQL, [meeting.pk]))
    for row in rows:
        row.meeting = meeting
        row.user = _person(row, row.user_id)
    return rows


def action_items(meeting: Meeting) -> list[ActionItem]:
    """The meeting's action items, each with its owner, due first, those without a date
    last."""
    rows = list(ActionItem.objects.raw(ACTION_ITEMS_SQL, [meeting.pk]))
    for row in rows:
        row.meeting = meeting
        row.owner = _person(row, row.owner_id)
    return rows


def open_requests(programme_id: int, body: str) -> list[DecisionRequest]:
    """The programme's open decision requests addressed to `body`, by their needed-by date
    (those without one last)."""
    params = [programme_id, DecisionRequest.Status.OPEN.value, body]
    return list(DecisionRequest.objects.raw(OPEN_REQUESTS_SQL, params))
