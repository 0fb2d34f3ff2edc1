"""Decision rules that hold: only an entitled body decides a request, minutes close a meeting,
no decision in a future meeting, version checks, and no writes on GET (PMO board)."""

import importlib
from datetime import date
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from lotse.boards import services as board_services
from lotse.boards.models import Board
from lotse.boards.models import RetroAction
from lotse.governance import services
from lotse.governance.models import Decision
from lotse.governance.models import Meeting
from lotse.reporting.models import DecisionRequest
from tests.reporting.factories import DecisionRequestFactory

from ..api.conftest import call
from ..factories import ProgrammeFactory
from .conftest import meeting_of

# What a data migration reads of the schema editor: the connection (its alias).
SCHEMA_EDITOR = SimpleNamespace(connection=connection)

pytestmark = pytest.mark.django_db


def _request(cast, body="transformation_conference", **values) -> DecisionRequest:
    return DecisionRequestFactory(
        project=cast.project, question="Mehr Budget?", addressed_to=body, **values
    )


def _decide_yes(cast, series, request, role):
    """`role` records a plain "Ja." on `request` in a meeting of `series`."""
    return services.decision_record(
        meeting=meeting_of(series),
        kind="other",
        wording="Ja.",
        decision_request=request,
        user=cast.users[role],
    )


# --- who decides ----------------------------------------------------------------------------


def test_project_lead_cannot_mark_a_request_decided_through_the_api(cast):
    request = _request(cast)
    lead = cast.client("project_lead")
    patch = call(
        lead, "PATCH", f"/decision-requests/{request.pk}", {"version": 1, "status": "decided"}
    )
    assert patch.status_code == 422
    create = call(
        lead,
        "POST",
        f"/projects/{cast.project.pk}/decision-requests",
        {"question": "Schon entschieden?", "status": "decided"},
    )
    assert create.status_code == 422
    request.refresh_from_db()
    assert request.status == "open"
    assert not DecisionRequest.objects.filter(question="Schon entschieden?").exists()


def test_service_refuses_a_status_change_outside_a_decision(cast):
    from lotse.reporting.services import decision_request_save

    request = _request(cast)
    with pytest.raises(ValidationError) as exc:
        decision_request_save(request=request, data={"status": "decided"})
    assert "nur durch einen Beschluss" in str(exc.value)


def test_only_the_addressed_body_decides(cast, tk, check):
    request = _request(cast)  # addressed to the Transformationskonferenz
    with pytest.raises(ValidationError) as exc:
        _decide_yes(cast, check, request, "pmo")
    assert exc.value.message_dict["decision_request"] == [
        "Der Entscheidungsbedarf ist an „Transformationskonferenz“ adressiert; „Projektcheck“ "
        "kann ihn nicht entscheiden."
    ]
    _decide_yes(cast, tk, request, "sponsor")
    request.refresh_from_db()
    assert request.status == "decided"


def test_an_escalated_request_is_decided_at_its_new_level(cast, tk, check):
    request = _request(cast, body="project_check")
    services.decision_request_escalate(
        request=request, reason="Keine Einigung.", user=cast.users["pmo"]
    )
    request.refresh_from_db()
    assert request.addressed_to == "transformation_conference"
    with pytest.raises(ValidationError):
        _decide_yes(cast, check, request, "pmo")
    assert request.status == "open"


def test_a_body_without_gremium_is_decided_at_its_level_or_above(cast, tk, check):
    request = _request(cast, body="programme_manager")  # level 1, no Gremium of its own
    _decide_yes(cast, check, request, "programme_manager")
    request.refresh_from_db()
    assert request.status == "decided"


def test_project_lead_cannot_record_a_decision_on_a_request(cast, tk):
    request = _request(cast)
    with pytest.raises(PermissionDenied):
        _decide_yes(cast, tk, request, "project_lead")
    page = cast.client("project_lead").post(
        reverse("governance:decision_create", args=[meeting_of(tk, date(2025, 4, 1)).pk]),
        {"kind": "other", "wording": "Ja.", "decision_request": request.pk},
    )
    assert page.status_code == 403
    request.refresh_from_db()
    assert request.status == "open" and not Decision.objects.exists()


# --- held only when the minutes are closed -------------------------------------------------


def test_minutes_do_not_make_a_meeting_held_closing_does(cast, tk, tk_meeting):
    services.meeting_notes_save(meeting=tk_meeting, notes="Pünktlich begonnen.")
    services.attendance_set(meeting=tk_meeting, people={cast.users["sponsor"]: "present"})
    tk_meeting.refresh_from_db()
    assert tk_meeting.status == Meeting.Status.PLANNED
    with pytest.raises(PermissionDenied):
        services.meeting_close_minutes(meeting=tk_meeting, user=cast.users["project_lead"])
    services.meeting_close_minutes(meeting=tk_meeting, user=cast.users["sponsor"])  # the chair
    tk_meeting.refresh_from_db()
    assert tk_meeting.status == Meeting.Status.HELD
    assert tk_meeting.history.first().history_user == cast.users["sponsor"]
    with pytest.raises(ValidationError) as exc:
        services.meeting_notes_save(meeting=tk_meeting, notes="Nachträglich.")
    assert "abgeschlossen" in exc.value.messages[0]


def test_future_meeting_refuses_decisions_and_closing(cast, tk):
    future = meeting_of(tk, timezone.localdate() + timedelta(days=7))
    day = future.date.strftime("%d.%m.%Y")
    with pytest.raises(ValidationError) as exc:
        services.decision_record(
            meeting=future, kind="other", wording="Ja.", user=cast.users["pmo"]
        )
    assert exc.value.messages == [
        f"Die Sitzung am {day} hat noch nicht stattgefunden. Protokoll und Beschlüsse können "
        "erst ab dem Sitzungstag festgehalten werden."
    ]
    with pytest.raises(ValidationError):
        services.meeting_close_minutes(meeting=future, user=cast.users["pmo"])
    page = cast.client("pmo").post(
        reverse("governance:decision_create", args=[future.pk]),
        {"kind": "other", "wording": "Ja."},
    )
    assert page.status_code == 200
    assert "hat noch nicht stattgefunden" in page.content.decode()
    api = call(
        cast.client("pmo"),
        "POST",
        f"/meetings/{future.pk}/decisions",
        {"kind": "other", "wording": "Ja."},
    )
    assert api.status_code == 422
    assert not Decision.objects.exists()
    future.refresh_from_db()
    assert future.status == Meeting.Status.PLANNED


@pytest.mark.parametrize(
    "role,status", [("pmo", 302), ("sponsor", 302), ("project_lead", 403), ("viewer", 403)]
)
def test_close_minutes_page_and_api_by_role(cast, tk, tk_meeting, role, status):
    response = cast.client(role).post(reverse("governance:close_minutes", args=[tk_meeting.pk]))
    assert response.status_code == status
    tk_meeting.refresh_from_db()
    assert (tk_meeting.status == Meeting.Status.HELD) == (status == 302)


def test_close_minutes_through_the_api(cast, tk, tk_meeting):
    path = f"/meetings/{tk_meeting.pk}/close-minutes"
    assert call(cast.client("project_lead"), "POST", path).status_code == 403
    response = call(cast.client("pmo"), "POST", path)
    assert response.status_code == 200 and response.json()["status"] == "held"
    assert call(cast.client("pmo"), "POST", path).status_code == 422  # already closed


# --- version checks ---------------------------------------------------------------------------


def test_decision_request_stale_api_patch_is_409(cast):
    request = _request(cast)
    path = f"/decision-requests/{request.pk}"
    first = call(cast.client("pmo"), "PATCH", path, {"version": 1, "question": "PMO?"})
    assert first.status_code == 200 and first.json()["version"] == 2
    stale = call(cast.client("project_lead"), "PATCH", path, {"version": 1, "question": "PL?"})
    assert stale.status_code == 409
    request.refresh_from_db()
    assert request.question == "PMO?"


def _retro_action(cast) -> RetroAction:
    retro = board_services.retrospective_create(
        user=cast.users["project_lead"],
        held_on=date(2025, 3, 1),
        project=cast.project,
        actions=["Daily kürzer halten"],
    )
    return retro.actions.get()


def test_retro_action_stale_save_is_refused(cast):
    action = _retro_action(cast)
    path = f"/retro-actions/{action.pk}"
    lead = cast.client("project_lead")
    first = call(lead, "PATCH", path, {"version": 1, "done": True})
    assert first.status_code == 200 and first.json()["version"] == 2
    stale = call(lead, "PATCH", path, {"version": 1, "text": "Alte Fassung"})
    assert stale.status_code == 409
    action.refresh_from_db()
    assert action.text == "Daily kürzer halten" and action.done
    page = lead.post(
        reverse("boards:action_done", args=[action.pk]), {"done": "0", "version": "1"}, follow=True
    )
    assert "inzwischen von einer anderen Person geändert" in page.content.decode()
    action.refresh_from_db()
    assert action.done


# --- a GET never writes ------------------------------------------------------------------


def test_pmo_board_comes_with_the_programme_and_get_never_creates_it(cast):
    programme = ProgrammeFactory(name="Neu", slug="neu")
    assert Board.objects.filter(programme=programme).count() == 1
    Board.objects.filter(programme=cast.programme).delete()
    client = cast.client("pmo")
    page = client.get(reverse("boards:overview", args=[cast.programme.slug]))
    assert page.status_code == 200
    assert (
        client.get(reverse("boards:programme_board", args=[cast.programme.slug])).status_code == 404
    )
    assert call(client, "GET", f"/programmes/{cast.programme.slug}/board").status_code == 404
    assert not Board.objects.filter(programme=cast.programme).exists()


def test_pmo_board_migration_is_reversible(cast):
    migration = importlib.import_module(
        "lotse.boards.migrations.0005_pmo_boards_for_existing_programmes"
    )
    Board.objects.filter(programme=cast.programme).delete()
    migration.create_boards(apps, SCHEMA_EDITOR)
    board = Board.objects.get(programme=cast.programme)
    assert list(board.columns.values_list("name", flat=True)) == [
        "Aufgabe",
        "In Arbeit",
        "Erledigt",
    ]
    used = ProgrammeFactory(name="Genutzt", slug="genutzt")
    board_services.card_create(
        board=Board.objects.get(programme=used), title="Karte", user=cast.users["pmo"]
    )
    migration.remove_empty_boards(apps, SCHEMA_EDITOR)
    assert not Board.objects.filter(programme=cast.programme).exists()
    assert Board.objects.filter(programme=used).exists()  # a used board is never removed
