"""The reporting API's world: periods, reports in every state, milestones, risks, requests."""

import re
from dataclasses import dataclass
from datetime import date

from lotse.reporting import services
from lotse.reporting.models import DecisionRequest
from lotse.reporting.models import Milestone
from lotse.reporting.models import Risk
from lotse.reporting.models import StatusReport
from lotse.reporting.periods import ensure_periods
from tests.conftest import world_fixtures
from tests.reporting.factories import DecisionRequestFactory
from tests.reporting.factories import MilestoneFactory
from tests.reporting.factories import ReportingConfigFactory
from tests.reporting.factories import RiskFactory


@dataclass
class World:
    periods: list  # Jan, Feb, Mar 2024
    draft: StatusReport  # cast.project, March
    submitted: StatusReport  # cast.project, February
    other_draft: StatusReport  # cast.other_project, March
    milestone: Milestone
    other_milestone: Milestone
    risk: Risk
    other_risk: Risk
    request: DecisionRequest
    other_request: DecisionRequest
    accepted: StatusReport  # cast.other_project, February, accepted, not yet released


def build_world(cast) -> World:
    ReportingConfigFactory(programme=cast.programme, first_period_start=date(2024, 1, 1))
    periods = ensure_periods(cast.programme, date(2024, 3, 15))
    pmo = cast.users["pmo"]
    submitted = services.report_start(project=cast.project, period=periods[1], user=pmo)
    submitted = services.report_submit(report=submitted, user=cast.users["project_lead"])
    draft = services.report_start(project=cast.project, period=periods[2], user=pmo)
    other_draft = services.report_start(project=cast.other_project, period=periods[2], user=pmo)

    def milestone(project):
        return MilestoneFactory(project=project, title="Go-live", planned_date=date(2024, 6, 1))

    def risk(project):
        return RiskFactory(project=project, title="Personal", probability=2, impact=3)

    def request(project):
        return DecisionRequestFactory(project=project, question="Anbieter wechseln?")

    accepted = services.report_start(project=cast.other_project, period=periods[1], user=pmo)
    accepted = services.report_submit(report=accepted, user=pmo)
    accepted = services.report_accept(report=accepted, user=pmo)

    return World(
        periods,
        draft,
        submitted,
        other_draft,
        milestone(cast.project),
        milestone(cast.other_project),
        risk(cast.project),
        risk(cast.other_project),
        request(cast.project),
        request(cast.other_project),
        accepted,
    )


# world: built for the test; shared_world: built once for the module (see tests/conftest.py).
world, module_world, shared_world = world_fixtures(build_world)


def state_of(report) -> str:
    return StatusReport.objects.get(pk=report.pk).state


def page_words(html: str) -> str:
    """The page as text: tags dropped, whitespace collapsed (entities stay as they are)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())
