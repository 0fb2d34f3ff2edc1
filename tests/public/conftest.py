"""A public programme full of things that must never be public, each with a marker string."""

from dataclasses import dataclass
from datetime import date
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from lotse.okr.models import CheckIn
from lotse.okr.models import KeyResult
from lotse.okr.models import Objective
from lotse.okr.models import Quarter
from lotse.public.models import ProgrammePublication
from lotse.reporting.models import ReportingPeriod
from lotse.reporting.models import StatusReport
from tests.factories import FieldOfActionFactory
from tests.factories import OrgUnitFactory
from tests.factories import ProgrammeFactory
from tests.factories import ProjectFactory
from tests.factories import StrategicGoalFactory
from tests.factories import UserFactory
from tests.reporting.factories import DecisionRequestFactory
from tests.reporting.factories import MilestoneFactory
from tests.reporting.factories import ReportingPeriodFactory
from tests.reporting.factories import RiskFactory
from tests.reporting.factories import StatusReportFactory

# Strings that must not appear on any public page or download.
SECRETS = {
    "unpublished title": "GEHEIMPROJEKT-X1",
    "unpublished summary": "UNVEROEFF-SUMMARY-X2",
    "internal description": "INTERN-BESCHREIBUNG-X3",
    "internal goals": "INTERN-ZIELE-X4",
    "risk title": "RISIKO-X5",
    "risk mitigation": "MASSNAHME-X6",
    "risk owner": "RISIKOEIGNER-X7",
    "decision request": "ENTSCHEIDUNG-X8",
    "light note": "AMPELNOTIZ-X9",
    "report summary": "BERICHTSTEXT-X10",
    "review comment": "PMO-KOMMENTAR-X11",
    "obstacles": "HINDERNIS-X12",
    "draft report": "ENTWURF-X13",
    "lead first name": "Vornamex14",
    "lead last name": "Nachnamex15",
    "lead display name": "ANZEIGE-X16",
    "lead e-mail": "mail-x17",
    "lead username": "login-x18",
    "change manager": "WANDEL-X19",
    "check-in comment": "CHECKIN-KOMMENTAR-X20",
    "key result": "KR-TITEL-X21",
    "unpublished objective": "OBJ-GEHEIM-X22",
    "unpublished milestone": "MEILENSTEIN-GEHEIM-X23",
    "private programme": "FREMDPROGRAMM-X24",
    "support needed": "UNTERSTUETZUNG-X25",
    "e-mail domain": "example.org",
}
OPTED_IN_NAME = "Erika Offen-Y1"


@dataclass
class PublicWorld:
    programme: object
    field: object
    other_field: object
    published: object  # led by a person who did not opt in
    named: object  # led by a person who opted in
    unpublished: object
    private_programme: object
    private_project: object
    quarter: object


def _period(programme, start: date) -> ReportingPeriod:
    end = start + timedelta(days=27)
    return ReportingPeriodFactory(
        programme=programme, start=start, end=end, due_date=end - timedelta(days=5)
    )


def _report(project, period, state, overall, **texts) -> StatusReport:
    # Accepted reports here are also released for the public (issue 11 F); the release
    # itself is tested in test_release.py.
    released = timezone.now() if state == StatusReport.State.ACCEPTED else None
    return StatusReportFactory(
        project=project, period=period, state=state, overall=overall, released_at=released, **texts
    )


def _okr(project, quarter, title, value, *, comment="", kr_title="Key Result", owner=None):
    objective = Objective.objects.create(
        project=project, quarter=quarter, title=title, state=Objective.State.ACTIVE
    )
    kr = KeyResult.objects.create(
        objective=objective,
        title=kr_title,
        kind=KeyResult.Kind.INCREASE_TO,
        start_value=0,
        target_value=100,
        owner=owner,
    )
    CheckIn.objects.create(key_result=kr, value=value, confidence=7, comment=comment, author=owner)
    return objective


@pytest.fixture
def world(db) -> PublicWorld:
    s = SECRETS
    goal = StrategicGoalFactory(name="Digitale Stadt", description="Alles digital, für alle.")
    programme = ProgrammeFactory(name="Stadt digital", slug="stadt", description="Das Programm.")
    programme.strategic_goals.add(goal)
    ProgrammePublication.objects.create(programme=programme, enabled=True)
    field = FieldOfActionFactory(
        programme=programme, name="Bürgerservice", target_state="Alles online."
    )
    other_field = FieldOfActionFactory(
        programme=programme, name="Verwaltung", target_state="Papierlos."
    )
    unit = OrgUnitFactory(code="BS", name="Fachbereich Bürgerservice")
    hidden_lead = UserFactory(
        username=s["lead username"],
        first_name=s["lead first name"],
        last_name=s["lead last name"],
        display_name=s["lead display name"],
        email=f"{s['lead e-mail']}@example.org",
    )
    change_manager = UserFactory(
        username="cm", first_name=s["change manager"], last_name="Z", email="cm@example.org"
    )
    open_lead = UserFactory(
        username="erika",
        display_name=OPTED_IN_NAME,
        email="erika@example.org",
        public_name_opt_in=True,
    )
    published = ProjectFactory(
        field_of_action=field,
        title="Online-Terminvergabe",
        published=True,
        stage="running",
        public_summary="Termine im Bürgeramt online buchen.",
        description=s["internal description"],
        goals=s["internal goals"],
        lead=hidden_lead,
        change_manager=change_manager,
        org_unit=unit,
    )
    named = ProjectFactory(
        field_of_action=other_field,
        title="E-Akte",
        published=True,
        stage="planning",
        public_summary="Die Verwaltung arbeitet mit elektronischen Akten.",
        lead=open_lead,
    )
    unpublished = ProjectFactory(
        field_of_action=field,
        title=s["unpublished title"],
        published=False,
        stage="running",
        public_summary=s["unpublished summary"],
        lead=open_lead,
    )
    private_programme = ProgrammeFactory(name=s["private programme"], slug="geheim")
    private_field = FieldOfActionFactory(programme=private_programme, name="Feld X24")
    private_project = ProjectFactory(
        field_of_action=private_field, title=s["private programme"] + " Projekt", published=True
    )

    older, newer = _period(programme, date(2025, 1, 1)), _period(programme, date(2025, 2, 1))
    _report(
        published,
        older,
        StatusReport.State.ACCEPTED,
        "amber",
        overall_note=s["light note"],
        summary=s["report summary"],
        review_comment=s["review comment"],
        obstacles=s["obstacles"],
        support_needed=s["support needed"],
    )
    # A newer report that is not accepted: its red light and texts stay internal.
    _report(published, newer, StatusReport.State.SUBMITTED, "red", summary=s["draft report"])
    _report(named, newer, StatusReport.State.DRAFT, "red", summary=s["draft report"])
    _report(unpublished, newer, StatusReport.State.ACCEPTED, "green", summary=s["report summary"])
    RiskFactory(
        project=published,
        title=s["risk title"],
        probability=3,
        impact=4,
        owner=s["risk owner"],
        mitigation=s["risk mitigation"],
    )
    DecisionRequestFactory(project=published, question=s["decision request"], raised_by=hidden_lead)
    MilestoneFactory(
        project=published,
        title="Pilot im Bürgeramt",
        planned_date=date(2025, 3, 1),
        forecast_date=date(2025, 4, 1),
    )
    MilestoneFactory(
        project=published,
        title="Start für alle",
        planned_date=date(2025, 6, 1),
        actual_date=date(2025, 5, 20),
    )
    MilestoneFactory(
        project=unpublished, title=s["unpublished milestone"], planned_date=date(2025, 3, 1)
    )

    quarter = Quarter.objects.create(
        programme=programme, year=2025, number=1, state=Quarter.State.ACTIVE
    )
    _okr(
        published,
        quarter,
        "Mehr Termine online",
        50,
        comment=s["check-in comment"],
        kr_title=s["key result"],
        owner=hidden_lead,
    )
    _okr(unpublished, quarter, s["unpublished objective"], 90)
    return PublicWorld(
        programme,
        field,
        other_field,
        published,
        named,
        unpublished,
        private_programme,
        private_project,
        quarter,
    )


@pytest.fixture
def anon() -> Client:
    return Client()
