"""A programme with reports, milestones, risks and decision requests, recorded in the past."""

from dataclasses import dataclass
from datetime import date
from datetime import timedelta

import pytest
from django.apps import apps
from django.db.models import F
from django.test import RequestFactory
from django.utils import timezone

from lotse.portfolio.models import FieldOfAction
from lotse.reporting import services as reporting
from lotse.reporting.models import DecisionRequest
from lotse.reporting.models import ReportingPeriod
from tests.reporting.factories import DecisionRequestFactory
from tests.reporting.factories import MilestoneFactory
from tests.reporting.factories import ReportingPeriodFactory
from tests.reporting.factories import RiskFactory
from tests.reporting.factories import StatusReportFactory

from ..factories import OrgUnitFactory
from ..factories import ProjectFactory

BACK_DAYS = 30


def backdate(days: int = BACK_DAYS) -> None:
    """Move everything recorded so far `days` into the past, as if it happened back then."""
    shift = timedelta(days=days)
    for model in apps.get_models():
        if model.__name__.startswith("Historical") and hasattr(model, "history_date"):
            model.objects.update(history_date=F("history_date") - shift)
    for model in (DecisionRequest, DecisionRequest.history.model):
        model.objects.update(created_at=F("created_at") - shift)


def pdf_request():
    return RequestFactory().get("/")


@dataclass
class World:
    cast: object
    inward: FieldOfAction
    dms: object
    period: ReportingPeriod
    as_of: date  # a day after everything was recorded, before any later change


@pytest.fixture
def world(cast) -> World:
    today = timezone.localdate()
    start = (today - timedelta(days=BACK_DAYS + 40)).replace(day=1)
    period = ReportingPeriodFactory(
        programme=cast.programme, start=start, end=start + timedelta(days=27), due_date=start
    )
    cast.field.target_state = "Alle Leistungen sind digital erreichbar."
    cast.field.save()
    inward = FieldOfAction.objects.create(
        programme=cast.programme,
        name="Organisation & Prozesse",
        order=5,
        impact=FieldOfAction.Impact.INWARD,
        target_state="Prozesse sind digital und schlank.",
    )
    unit = OrgUnitFactory(code="FB 19", name="Fachbereich Personal")
    dms = ProjectFactory(
        field_of_action=inward, title="DMS Umsetzung", org_unit=unit, stage="running"
    )
    lead = cast.users["project_lead"]
    MilestoneFactory(
        project=cast.project,
        title="Pilotbetrieb",
        planned_date=today + timedelta(days=20),
        forecast_date=today + timedelta(days=50),
    )
    RiskFactory(
        project=cast.project, title="Schnittstelle fehlt", probability=3, impact=4, mitigation="X"
    )
    DecisionRequestFactory(
        project=cast.project,
        question="Budget für Phase 2 freigeben?",
        addressed_to=DecisionRequest.Body.STRATEGY_BK,
    )
    report = StatusReportFactory(
        project=cast.project,
        period=period,
        overall="amber",
        overall_note="Zulieferung verspätet",
        schedule="red",
        schedule_note="Pilot verschiebt sich",
        summary="Das Portal ist im Test.",
        user_involvement="Nutzertests im Bürgerbüro",
    )
    reporting.report_submit(report=report, user=lead)
    reporting.report_accept(report=report, user=cast.users["pmo"])
    other = StatusReportFactory(
        project=cast.other_project,
        period=period,
        overall="red",
        overall_note="Vergabe gescheitert",
        summary="Neue Ausschreibung nötig.",
    )
    reporting.report_submit(report=other, user=cast.users["pmo"])
    StatusReportFactory(project=dms, period=period, overall="red", summary="Entwurf")
    backdate()
    return World(cast, inward, dms, period, today - timedelta(days=BACK_DAYS - 1))
