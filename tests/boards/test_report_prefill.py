"""Starting a status report fills To Do / Doing / Done from the project's board (seed 004),
and the report keeps that snapshot."""

from datetime import date
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from lotse.boards import services
from lotse.reporting import services as reporting_services
from lotse.reporting.models import ReportingPeriod
from lotse.reporting.models import StatusReport
from tests.reporting.factories import ReportingPeriodFactory


def _period(cast, start: date) -> ReportingPeriod:
    return ReportingPeriodFactory(
        programme=cast.programme, start=start, end=start + timedelta(days=27),
        due_date=start + timedelta(days=20),
    )  # fmt: skip


def test_new_report_is_prefilled_from_the_board(cast, world):
    today = timezone.localdate()
    a, b, c = world.cards
    services.card_update(
        card=c, data={"due_date": today - timedelta(days=3), "assignee": cast.users["member"]},
        user=None, expected_version=None,
    )  # fmt: skip
    services.card_move(card=b, column=world.doing, position=0, user=None)
    done = services.card_create(board=world.board, title="Kick-off", user=None, column=world.done)
    period = _period(cast, today - timedelta(days=7))
    report = reporting_services.report_start(
        project=cast.project, period=period, user=cast.users["project_lead"]
    )
    report.refresh_from_db()
    # overdue first, then by position
    assert report.board_todo.splitlines() == [
        "2 Karten",
        f"- Schulung planen (überfällig seit {(today - timedelta(days=3)):%d.%m.%Y}, "
        f"{cast.users['member']})",
        "- Anforderungen sammeln",
    ]
    assert report.board_doing.splitlines() == ["1 Karte", "- Prototyp bauen"]
    assert report.board_done.splitlines() == ["1 Karte", "- Kick-off"]
    # The report keeps its snapshot whatever happens on the board later.
    services.card_move(card=a, column=world.done, position=0, user=None)
    services.card_delete(card=done)
    report.refresh_from_db()
    assert report.board_done.splitlines() == ["1 Karte", "- Kick-off"]


def test_long_columns_name_the_most_important_cards_and_count_the_rest(cast, world):
    for i in range(6):
        services.card_create(board=world.board, title=f"Aufgabe {i}", user=None)
    report = reporting_services.report_start(
        project=cast.project, period=_period(cast, timezone.localdate()), user=None
    )
    lines = report.board_todo.splitlines()
    assert lines[0] == "9 Karten"
    assert len(lines) == 1 + 5 + 1
    assert lines[-1] == "- und 4 weitere"


def test_empty_board_keeps_the_texts_of_the_previous_report(cast):
    first = reporting_services.report_start(
        project=cast.project, period=_period(cast, date(2026, 1, 5)), user=None
    )
    StatusReport.objects.filter(pk=first.pk).update(board_todo="Aus dem letzten Bericht")
    second = reporting_services.report_start(
        project=cast.project, period=_period(cast, date(2026, 2, 2)), user=None
    )
    assert second.board_todo == "Aus dem letzten Bericht"


def test_lead_starting_report_in_the_ui_gets_the_board(cast, world):
    from lotse.reporting.periods import ensure_periods

    period = ensure_periods(cast.programme, timezone.localdate())[-1]
    client = cast.client("project_lead")
    response = client.post(reverse("reporting:report_start", args=[cast.project.pk, period.pk]))
    assert response.status_code == 302
    report = StatusReport.objects.get(project=cast.project, period=period)
    assert report.board_todo.startswith("3 Karten\n- Anforderungen sammeln")


def test_existing_draft_refreshes_its_board_columns_with_a_button(cast, world):
    period = _period(cast, timezone.localdate() - timedelta(days=7))
    report = reporting_services.report_start(project=cast.project, period=period, user=None)
    report.refresh_from_db()
    assert report.board_done == "Keine Karten."
    a, _b, _c = world.cards
    services.card_move(card=a, column=world.done, position=0, user=None)
    client = cast.client("project_lead")
    page = client.get(report.get_absolute_url()).content.decode()
    url = reverse("reporting:report_refresh_board", args=[report.pk])
    assert f'action="{url}"' in page
    assert "To Do / Doing / Done aus dem Board aktualisieren" in page
    response = client.post(url, {"version": report.version}, follow=True)
    assert "aus dem Board neu übernommen" in response.content.decode()
    report.refresh_from_db()
    assert report.board_done.splitlines() == ["1 Karte", "- Anforderungen sammeln"]
    assert report.board_todo.startswith("2 Karten")


def test_refresh_refuses_a_stale_version_and_a_submitted_report(cast, world):
    period = _period(cast, timezone.localdate() - timedelta(days=7))
    report = reporting_services.report_start(project=cast.project, period=period, user=None)
    report.refresh_from_db()
    client = cast.client("project_lead")
    url = reverse("reporting:report_refresh_board", args=[report.pk])
    StatusReport.objects.filter(pk=report.pk).update(board_todo="von Hand", version=99)
    response = client.post(url, {"version": 1}, follow=True)
    assert "inzwischen" in response.content.decode()
    report.refresh_from_db()
    assert report.board_todo == "von Hand"
    StatusReport.objects.filter(pk=report.pk).update(state="submitted")
    response = client.post(url, {"version": 99}, follow=True)
    assert "kann so nicht geändert werden" in response.content.decode()
    report.refresh_from_db()
    assert report.board_todo == "von Hand"
    # Only who may edit the report may refresh it.
    StatusReport.objects.filter(pk=report.pk).update(state="draft")
    assert cast.client("viewer").post(url, {"version": 99}).status_code == 403


def test_refresh_with_an_empty_board_changes_nothing(cast):
    period = _period(cast, date(2026, 1, 5))
    report = reporting_services.report_start(project=cast.project, period=period, user=None)
    StatusReport.objects.filter(pk=report.pk).update(board_todo="von Hand")
    report.refresh_from_db()
    assert not reporting_services.report_refresh_board(report=report, expected_version=None)
    report.refresh_from_db()
    assert report.board_todo == "von Hand"
