"""Generation, agenda assembly, powers and stage changes, escalation, reporting duties."""

from datetime import date
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from lotse.governance import agenda
from lotse.governance import services
from lotse.governance.escalation import next_body
from lotse.governance.models import AgendaItem
from lotse.governance.models import Decision
from lotse.governance.models import Escalation
from lotse.governance.models import Meeting
from lotse.governance.models import MeetingSeries
from lotse.portfolio.services import project_propose_release
from lotse.portfolio.services import project_report_completion
from lotse.reporting.periods import ensure_periods
from tests.reporting.factories import DecisionRequestFactory
from tests.reporting.factories import MilestoneFactory
from tests.reporting.factories import StatusReportFactory

from .conftest import TODAY
from .conftest import make_series
from .conftest import meeting_of
from .factories import decide
from .factories import make_duty

pytestmark = pytest.mark.django_db


# --- generation ---------------------------------------------------------------------------


def test_generate_is_idempotent_and_crosses_the_year_end(cast):
    series = make_series(
        cast.programme, cadence="weeks", interval_weeks=6, first_date=date(2024, 11, 14)
    )
    created = services.meetings_generate(
        series=series, start=date(2024, 12, 1), until=date(2025, 3, 1)
    )
    assert created.created == 2
    # 26.12. is a public holiday everywhere: the meeting moves to the next working day.
    assert list(series.meetings.values_list("slot_date", "date")) == [
        (date(2024, 12, 26), date(2024, 12, 27)),
        (date(2025, 2, 6), date(2025, 2, 6)),
    ]
    again = services.meetings_generate(
        series=series, start=date(2024, 12, 1), until=date(2025, 3, 1)
    )
    assert (again.created, again.corrected) == (0, 0)
    assert series.meetings.count() == 2


def test_generate_never_resurrects_or_moves_back(cast):
    series = make_series(cast.programme, cadence="monthly", first_date=date(2025, 1, 31))
    services.meetings_generate(series=series, start=date(2025, 1, 1), until=date(2025, 4, 30))
    jan, feb, mar, apr = series.meetings.order_by("slot_date")
    assert feb.date == date(2025, 2, 28)
    services.meeting_cancel(meeting=feb, reason="Haushaltssperre")
    services.meeting_move(meeting=mar, new_date=date(2025, 4, 7), reason="Ostern")
    services.meetings_generate(series=series, start=date(2025, 1, 1), until=date(2025, 6, 30))
    feb.refresh_from_db()
    mar.refresh_from_db()
    assert feb.status == Meeting.Status.CANCELLED
    # The last Friday of each month, like the first meeting on Friday 31.01.
    assert mar.date == date(2025, 4, 7) and mar.slot_date == date(2025, 3, 28) and mar.is_moved
    assert mar.moved_from == date(2025, 3, 28)
    assert series.meetings.count() == 6  # + May and June, nothing doubled


def test_move_and_cancel_need_a_reason(tk_meeting):
    with pytest.raises(ValidationError):
        services.meeting_cancel(meeting=tk_meeting, reason=" ")
    with pytest.raises(ValidationError):
        services.meeting_move(meeting=tk_meeting, new_date=TODAY, reason="")


def test_ad_hoc_series_generates_nothing(cast):
    series = make_series(cast.programme, cadence="ad_hoc")
    assert services.meetings_generate(series=series, until=date(2030, 1, 1)).created == 0


# --- agenda -------------------------------------------------------------------------------


def test_requests_reach_the_agenda_of_their_body_once(cast, tk, tk_meeting, check):
    request = DecisionRequestFactory(
        project=cast.project,
        question="Mehr Personal?",
        addressed_to="transformation_conference",
        needed_by=TODAY - timedelta(days=3),
    )
    DecisionRequestFactory(
        project=cast.project, question="Andere Frage", addressed_to="project_check"
    )
    assert agenda.agenda_assemble(meeting=tk_meeting, today=TODAY) >= 1
    items = list(tk_meeting.agenda_items.all())
    requested = [i for i in items if i.decision_request_id]
    assert [i.decision_request_id for i in requested] == [request.pk]
    assert "Überfällig" in requested[0].description
    count = tk_meeting.agenda_items.count()
    assert agenda.agenda_assemble(meeting=tk_meeting, today=TODAY) == 0
    assert tk_meeting.agenda_items.count() == count


def test_removed_live_items_stay_away(cast, tk, tk_meeting):
    DecisionRequestFactory(
        project=cast.project, question="Frage", addressed_to="transformation_conference"
    )
    agenda.agenda_assemble(meeting=tk_meeting, today=TODAY)
    item = tk_meeting.agenda_items.get(kind=AgendaItem.Kind.REQUEST)
    services.agenda_item_remove(item=item)
    agenda.agenda_assemble(meeting=tk_meeting, today=TODAY)
    assert not tk_meeting.agenda_items.filter(kind=AgendaItem.Kind.REQUEST, removed=False).exists()


def test_transformation_agenda_lists_only_what_is_due(cast, tk, tk_meeting):
    cast.project.stage = "running"
    cast.project.planned_end = TODAY - timedelta(days=10)
    cast.project.save()
    cast.other_project.stage = "start_soon"
    cast.other_project.save()
    agenda.agenda_assemble(meeting=tk_meeting, today=TODAY)
    # Neither proposed for release nor completion reported: only further topics.
    assert not tk_meeting.agenda_items.exists()
    further = {t.source_key: t.reason for t in agenda.further_topics(tk_meeting, TODAY)}
    assert further == {
        f"initiation:{cast.other_project.pk}": "nicht zur Freigabe vorgeschlagen",
        f"acceptance:{cast.project.pk}": "geplantes Ende erreicht, Abschluss noch nicht gemeldet",
    }
    project_report_completion(project=cast.project, user=cast.users["project_lead"])
    project_propose_release(project=cast.other_project, user=cast.users["pmo"])
    agenda.agenda_assemble(meeting=tk_meeting, today=TODAY)
    kinds = dict(tk_meeting.agenda_items.values_list("project_id", "kind"))
    assert kinds[cast.project.pk] == AgendaItem.Kind.ACCEPTANCE
    assert kinds[cast.other_project.pk] == AgendaItem.Kind.INITIATION
    assert agenda.further_topics(tk_meeting, TODAY) == []


def test_projektcheck_agenda_lists_projects_needing_attention(cast, check):
    cast.project.stage = "running"
    cast.project.save()
    cast.other_project.stage = "running"
    cast.other_project.save()
    meeting = meeting_of(check, TODAY)
    period = ensure_periods(cast.programme, TODAY)[-1]
    StatusReportFactory(
        project=cast.project,
        period=period,
        state="submitted",
        overall="amber",
        overall_note="Verzug",
    )
    StatusReportFactory(project=cast.other_project, period=period, state="submitted")
    MilestoneFactory(
        project=cast.other_project,
        title="Pilot",
        planned_date=TODAY,
        forecast_date=TODAY + timedelta(days=40),
    )
    agenda.agenda_assemble(meeting=meeting, today=TODAY)
    items = {i.project_id: i for i in meeting.agenda_items.filter(kind="attention")}
    assert "gelb" in items[cast.project.pk].description
    assert "Meilenstein" in items[cast.other_project.pk].description


def test_reorder_and_time_box(tk_meeting):
    a = services.agenda_item_add(meeting=tk_meeting, data={"title": "A", "minutes": 20})
    b = services.agenda_item_add(meeting=tk_meeting, data={"title": "B", "minutes": 15})
    services.agenda_item_move(item=b, direction=-1)
    assert list(tk_meeting.agenda_items.values_list("title", flat=True)) == ["B", "A"]
    services.agenda_item_move(item=b, direction=-1)  # already first: nothing happens
    assert list(tk_meeting.agenda_items.values_list("title", flat=True)) == ["B", "A"]
    assert a.minutes + b.minutes == 35


# --- decisions ----------------------------------------------------------------------------


def test_accept_results_completes_the_project_with_history(cast, tk_meeting):
    cast.project.stage = "running"
    cast.project.save()
    manager = cast.users["programme_manager"]
    wording = "Ergebnisse abgenommen."
    decision = decide(tk_meeting, "accept_results", cast.project, wording=wording, user=manager)
    cast.project.refresh_from_db()
    assert cast.project.stage == "completed"
    assert decision.stage_before == "running" and decision.stage_after == "completed"
    last = cast.project.history.latest()
    assert last.stage == "completed"
    assert "Transformationskonferenz" in last.history_change_reason
    assert last.history_user == cast.users["programme_manager"]
    tk_meeting.refresh_from_db()
    # A decision alone does not make the meeting held: closing the minutes does.
    assert tk_meeting.status == Meeting.Status.PLANNED


def test_a_series_without_the_power_is_refused(cast, check):
    cast.project.stage = "running"
    cast.project.save()
    meeting = meeting_of(check)
    with pytest.raises(ValidationError) as error:
        decide(meeting, "cancel_project", cast.project, wording="Abbruch.", user=cast.users["pmo"])
    assert "darf keine Entscheidung" in str(error.value.message_dict["kind"])
    cast.project.refresh_from_db()
    assert cast.project.stage == "running"
    assert not Decision.objects.exists()


def test_release_and_cancel(cast, tk_meeting):
    cast.project.stage = "planning"
    cast.project.save()
    decide(tk_meeting, "release_initiation", cast.project, wording="Frei.")
    cast.project.refresh_from_db()
    assert cast.project.stage == "running"
    with pytest.raises(ValidationError):  # running projects are not released again
        decide(tk_meeting, "release_initiation", cast.project)
    decide(tk_meeting, "cancel_project", cast.project, wording="Abbruch.")
    cast.project.refresh_from_db()
    assert cast.project.stage == "cancelled"


def test_decision_answers_its_request(cast, tk_meeting):
    request = DecisionRequestFactory(
        project=cast.project, question="Budget?", addressed_to="transformation_conference"
    )
    chair = cast.users["sponsor"]  # chairs the Transformationskonferenz
    decide(tk_meeting, "other", wording="Ja.", decision_request=request, user=chair)
    request.refresh_from_db()
    assert request.status == "decided"
    assert request.history.first().history_user == cast.users["sponsor"]


def test_no_decisions_in_a_cancelled_meeting(cast, tk_meeting):
    services.meeting_cancel(meeting=tk_meeting, reason="krank")
    with pytest.raises(ValidationError):
        decide(tk_meeting, "other")


def test_action_item_as_card_on_the_pmo_board(cast, tk_meeting):
    item = services.action_item_create(
        meeting=tk_meeting,
        title="Vorlage schreiben",
        owner=cast.users["pmo"],
        due_date=TODAY + timedelta(days=14),
        user=cast.users["pmo"],
        on_board=True,
    )
    assert item.card is not None
    assert item.card.board.programme_id == cast.programme.pk
    assert item.card.assignee == cast.users["pmo"]
    assert item.card.due_date == TODAY + timedelta(days=14)


# --- escalation ---------------------------------------------------------------------------


def test_escalation_climbs_the_path(cast, tk):
    bk = make_series(
        cast.programme,
        name="Strategie-BK",
        body="strategy_bk",
        escalation_level=3,
        cadence="quarterly",
    )
    assert bk
    request = DecisionRequestFactory(
        project=cast.project, question="Mehr Geld?", addressed_to="pmo"
    )
    services.decision_request_escalate(
        request=request, reason="PMO kann nicht", user=cast.users["pmo"]
    )
    request.refresh_from_db()
    assert request.addressed_to == "transformation_conference"
    services.decision_request_escalate(
        request=request, reason="zu groß", user=cast.users["sponsor"]
    )
    request.refresh_from_db()
    assert request.addressed_to == "strategy_bk"
    with pytest.raises(ValidationError):
        services.decision_request_escalate(request=request, reason="noch höher", user=None)
    steps = list(
        Escalation.objects.filter(decision_request=request).values_list("from_body", "to_body")
    )
    assert steps == [
        ("pmo", "transformation_conference"),
        ("transformation_conference", "strategy_bk"),
    ]
    assert "Eskaliert" in request.history.latest().history_change_reason


def test_escalation_needs_a_reason_and_an_open_request(cast):
    request = DecisionRequestFactory(project=cast.project, question="?")
    with pytest.raises(ValidationError):
        services.decision_request_escalate(request=request, reason="", user=None)
    request.status = "withdrawn"
    request.save()
    with pytest.raises(ValidationError):
        services.decision_request_escalate(request=request, reason="x", user=None)


def test_next_body_defaults_without_series(cast):
    assert next_body(cast.programme.pk, "project_check") == "transformation_conference"
    assert next_body(cast.programme.pk, "strategy_bk") is None


# --- reporting duties ---------------------------------------------------------------------


def test_duty_next_due_from_cadence_and_last_fulfilment(cast):
    duty = make_duty(cast.programme, date(2024, 6, 30))
    assert duty.next_due == date(2024, 6, 30)
    services.reporting_duty_fulfil(
        duty=duty, fulfilled_on=date(2024, 7, 2), user=None, note="vorgestellt"
    )
    duty.refresh_from_db()
    assert duty.next_due == date(2024, 12, 30)
    assert duty.fulfilments.count() == 1


def test_generate_meetings_command(cast, tk):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("generate_meetings", "--until", "2099-01-01", stdout=out)
    first = tk.meetings.count()
    assert first > 0 and "Sitzungen angelegt" in out.getvalue()
    call_command("generate_meetings", "--until", "2099-01-01", stdout=StringIO())
    assert tk.meetings.count() == first


def test_a_series_name_another_request_took_meanwhile_is_refused_with_a_message(cast, monkeypatch):
    # Two people creating a Gremium of one name at once: both find it free, the other one
    # commits first. Simulated in one transaction: the other series appears after the check.
    clean = MeetingSeries.full_clean

    def after_the_other_request(series, **kwargs):
        make_series(cast.programme, name="Lenkungskreis")
        clean(series, **kwargs)

    monkeypatch.setattr(MeetingSeries, "full_clean", after_the_other_request)
    series = MeetingSeries(programme=cast.programme)
    data = {"name": "Lenkungskreis", "cadence": "monthly", "first_date": date(2025, 1, 15)}
    with pytest.raises(ValidationError) as exc:
        services.meeting_series_save(series=series, data=data)

    assert exc.value.messages == [
        "Gremium mit diesem Wert für das Feld Programm und Name existiert bereits."
    ]
