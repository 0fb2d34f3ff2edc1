"""Gremien for tests of any app."""

from datetime import date
from datetime import time

from lotse.governance import services
from lotse.governance.models import Decision
from lotse.governance.models import Meeting
from lotse.governance.models import MeetingSeries
from lotse.governance.models import ReportingDuty


def make_series(programme, **values) -> MeetingSeries:
    defaults = {
        "name": "Gremium",
        "cadence": "monthly",
        "first_date": date(2025, 1, 15),
        "start_time": time(10, 0),
        "duration_minutes": 60,
    }
    defaults.update(values)
    # Unless a test says otherwise, a series meets on the weekday of its first date.
    defaults.setdefault("weekday", min(defaults["first_date"].weekday(), 4))
    return MeetingSeries.objects.create(programme=programme, **defaults)


def decide(
    meeting: Meeting, kind: str, project=None, *, wording="x", user=None, **more
) -> Decision:
    """A Beschluss of `meeting` through the service, with its checks and its effects (a
    project's stage, a gate, a request answered)."""
    return services.decision_record(
        meeting=meeting, kind=kind, wording=wording, project=project, user=user, **more
    )


def make_duty(programme, first_due, **values) -> ReportingDuty:
    """A reporting duty: a half-yearly status report to the Personalrat unless `values` say
    otherwise."""
    data = {"recipient": "Personalrat", "report": "Statusbericht", "cadence": "half_yearly"}
    return ReportingDuty.objects.create(programme=programme, first_due=first_due, **data | values)
