"""Gremien next to the standard cast: a Transformationskonferenz with powers, a Projektcheck."""

from datetime import date

import pytest

from lotse.governance.models import DecisionKind
from lotse.governance.models import Meeting
from lotse.governance.models import MeetingSeries

from .factories import make_series

TODAY = date(2025, 3, 10)


@pytest.fixture
def tk(cast) -> MeetingSeries:
    """The Transformationskonferenz: chaired by the sponsor, releases, accepts and cancels."""
    return make_series(
        cast.programme,
        name="Transformationskonferenz",
        body="transformation_conference",
        escalation_level=2,
        agenda_kind="transformation",
        cadence="weeks",
        interval_weeks=6,
        first_date=date(2025, 1, 9),
        chair=cast.users["sponsor"],
        moderator=cast.users["programme_manager"],
        powers=[
            DecisionKind.RELEASE_INITIATION,
            DecisionKind.ACCEPT_RESULTS,
            DecisionKind.CANCEL_PROJECT,
            DecisionKind.OTHER,
        ],
    )


@pytest.fixture
def check(cast) -> MeetingSeries:
    return make_series(
        cast.programme,
        name="Projektcheck",
        body="project_check",
        escalation_level=1,
        agenda_kind="project_check",
        format="digital",
        duration_minutes=120,
        powers=[DecisionKind.OTHER],
    )


def meeting_of(series, day=TODAY, **values) -> Meeting:
    return Meeting.objects.create(
        series=series,
        slot_date=values.pop("slot_date", day),
        date=day,
        start_time=series.start_time,
        duration_minutes=series.duration_minutes,
        **values,
    )


@pytest.fixture
def tk_meeting(tk) -> Meeting:
    return meeting_of(tk)
