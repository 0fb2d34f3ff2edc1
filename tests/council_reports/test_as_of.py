"""As of a day: the same day always gives the same report, whatever changed later."""

from datetime import time
from datetime import timedelta
from decimal import Decimal
from html import unescape
from io import BytesIO

from django.utils import timezone
from django.utils.html import strip_tags
from openpyxl import load_workbook

from lotse.council_reports import render
from lotse.council_reports.collect import collect_report
from lotse.governance.models import Decision
from lotse.governance.models import DecisionKind
from lotse.governance.models import Escalation
from lotse.governance.models import Meeting
from lotse.governance.models import MeetingSeries
from lotse.okr.models import CheckIn
from lotse.okr.models import KeyResult
from lotse.okr.models import Objective
from lotse.okr.models import Quarter
from lotse.reporting import services as reporting
from lotse.reporting.models import DecisionRequest
from tests.reporting.factories import ReportingPeriodFactory
from tests.reporting.factories import RiskFactory
from tests.reporting.factories import StatusReportFactory


def _text(world, kind="committee", as_of=None, **kwargs):
    """The report's text as the PDF shows it (its HTML body, without WeasyPrint, so these
    as-of tests also run in CI's PostgreSQL pass; test_documents reads the PDFs)."""
    report = collect_report(
        programme=world.cast.programme, kind=kind, as_of=as_of or world.as_of, **kwargs
    )
    return " ".join(unescape(strip_tags(render.render_html(report))).split())


def _xlsx_rows(world, as_of):
    report = collect_report(programme=world.cast.programme, kind="committee", as_of=as_of)
    book = load_workbook(BytesIO(render.render_xlsx(report)))
    return [list(sheet.iter_rows(values_only=True)) for sheet in book]


def _meeting(world, day):
    series = MeetingSeries.objects.create(
        programme=world.cast.programme,
        name="Transformationskonferenz",
        body=DecisionRequest.Body.TRANSFORMATION_CONFERENCE,
        first_date=day,
    )
    return Meeting.objects.create(series=series, date=day, start_time=time(10), duration_minutes=60)


def _change_everything(world):
    cast = world.cast
    today = timezone.localdate()
    cast.project.title = "Kommunalportal 2.0"
    cast.project.save()
    cast.field.name = "Bürgerservice digital"
    cast.field.save()
    period = ReportingPeriodFactory(
        programme=cast.programme,
        start=world.period.end + timedelta(days=1),
        end=today,
        due_date=today,
    )
    report = StatusReportFactory(
        project=cast.project,
        period=period,
        overall="green",
        summary="Pilot läuft stabil.",
    )
    RiskFactory(project=cast.project, title="Personalengpass", probability=4, impact=4)
    reporting.report_submit(report=report, user=cast.users["project_lead"])
    reporting.report_accept(report=report, user=cast.users["pmo"])
    request = DecisionRequest.objects.get(question="Budget für Phase 2 freigeben?")
    request.status = DecisionRequest.Status.DECIDED
    request.save()
    Decision.objects.create(
        programme=cast.programme,
        meeting=_meeting(world, today),
        kind=DecisionKind.STRATEGIC,
        wording="Budget für Phase 2 ist freigegeben.",
        project=cast.project,
        decision_request=request,
        decided_on=today,
    )


def test_same_day_same_report_after_every_kind_of_change(world):
    before = _text(world)
    xlsx_before = _xlsx_rows(world, world.as_of)
    staff_before = _text(world, "staff_council")
    _change_everything(world)
    assert _text(world) == before
    assert _xlsx_rows(world, world.as_of) == xlsx_before
    assert _text(world, "staff_council") == staff_before
    now = _text(world, as_of=timezone.localdate())
    assert now != before
    assert "Kommunalportal 2.0" in now and "Kommunalportal 2.0" not in before
    assert "Pilot läuft stabil." in now and "Personalengpass" in now
    assert "Budget für Phase 2 ist freigegeben." in now
    assert "Bürgerservice digital" in now and "Bürgerservice digital" not in before


def test_a_report_from_before_the_programme_existed_is_refused(world):
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        collect_report(
            programme=world.cast.programme,
            kind="committee",
            as_of=world.as_of - timedelta(days=400),
        )
    assert "as_of" in error.value.message_dict


def test_decisions_and_escalations_of_the_period(world):
    today = timezone.localdate()
    request = DecisionRequest.objects.get(question="Budget für Phase 2 freigeben?")
    Escalation.objects.create(
        decision_request=request,
        from_body=DecisionRequest.Body.PROJECT_CHECK,
        to_body=DecisionRequest.Body.STRATEGY_BK,
        reason="Nur die Strategie-BK kann das Budget freigeben.",
    )
    meeting = _meeting(world, today)
    for day, wording in [
        (today, "Projekt wird fortgesetzt."),
        (today - timedelta(days=400), "Alt."),
    ]:
        Decision.objects.create(
            programme=world.cast.programme,
            meeting=meeting,
            kind=DecisionKind.RELEASE_INITIATION,
            wording=wording,
            project=world.cast.project,
            decided_on=day,
        )
    report = collect_report(programme=world.cast.programme, kind="committee", as_of=today)
    assert [d.text for d in report.decisions] == ["Projekt wird fortgesetzt."]
    assert report.decisions[0].body_label == "Transformationskonferenz"
    page = next(p for p in report.projects if p.title == "Kommunalportal")
    assert [d.text for d in page.decisions] == ["Projekt wird fortgesetzt."]
    assert [e.to_label for e in report.escalations] == ["Strategie-BK"]
    bk = _text(world, "strategy_bk", as_of=today)
    assert "Nur die Strategie-BK kann das Budget freigeben." in bk
    # and as of the earlier day, none of it had happened yet
    earlier = collect_report(programme=world.cast.programme, kind="committee", as_of=world.as_of)
    assert earlier.decisions == [] and earlier.escalations == []


def test_okr_achievement_per_field(world):
    today = timezone.localdate()
    quarter = Quarter.objects.create(
        programme=world.cast.programme, year=today.year, number=(today.month - 1) // 3 + 1
    )
    objective = Objective.objects.create(
        project=world.cast.project, quarter=quarter, title="Mehr Online-Anträge", state="active"
    )
    Objective.objects.create(
        project=world.cast.project, quarter=quarter, title="Nur Entwurf", state="draft"
    )
    kr = KeyResult.objects.create(
        objective=objective,
        title="Anträge online",
        start_value=Decimal(0),
        target_value=Decimal(100),
    )
    CheckIn.objects.create(key_result=kr, value=Decimal(50), confidence=7)
    report = collect_report(programme=world.cast.programme, kind="committee", as_of=today)
    field = next(f for f in report.fields if f.name == "Digitaler Bürgerservice")
    assert field.okr.percent == 50 and field.okr.objectives == 1
    assert report.okr_total.percent == 50
    text = _text(world, as_of=today)
    assert "OKR-Zielerreichung: 50 %" in text
    assert (
        collect_report(
            programme=world.cast.programme, kind="committee", as_of=world.as_of
        ).okr_total
        is None
    )
