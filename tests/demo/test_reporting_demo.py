from django.utils import timezone

from lotse.demo.loader import load_potsdam
from lotse.reporting.models import DecisionRequest
from lotse.reporting.models import Milestone
from lotse.reporting.models import Risk
from lotse.reporting.models import StatusReport
from lotse.reporting.periods import current_period

from . import assert_loading_again_adds_nothing


def test_demo_has_three_periods_of_reports_with_every_state(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    result = load_potsdam(password="lotse-demo")
    period = current_period(result.programme, timezone.localdate())
    current = StatusReport.objects.filter(period=period)
    assert set(current.values_list("state", flat=True)) == {
        "draft",
        "submitted",
        "accepted",
        "returned",
    }
    # Some active projects have not reported yet, so the PMO's list is not empty.
    assert not current.filter(project__title="Beteiligungsportal").exists()
    earlier = StatusReport.objects.exclude(period=period)
    assert earlier.count() > 0 and set(earlier.values_list("state", flat=True)) == {"accepted"}
    assert len({r.period_id for r in StatusReport.objects.all()}) == 3
    assert Milestone.objects.exists() and Risk.objects.exists()
    assert DecisionRequest.objects.filter(status="open").count() == 2
    # Accepted reports are frozen with their snapshot.
    assert all(r.snapshot.get("milestones") for r in earlier)
    assert_loading_again_adds_nothing(StatusReport.history)
