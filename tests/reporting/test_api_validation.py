"""Reporting API: invalid input is refused with German messages naming the field."""

from datetime import date

import pytest

from lotse.reporting.models import DecisionRequest
from lotse.reporting.models import Risk
from lotse.reporting.models import StatusReport
from lotse.reporting.periods import ensure_periods
from tests.reporting.factories import ReportingConfigFactory

from ..api.conftest import call
from ..api.conftest import errors_of
from ..factories import ProgrammeFactory
from .conftest import state_of

# --- validation -------------------------------------------------------------------------


def test_non_green_light_needs_its_note(cast, world):
    response = call(
        cast.client("project_lead"),
        "PATCH",
        f"/reports/{world.draft.pk}",
        {"version": world.draft.version, "budget": "amber", "resources": "red"},
    )
    assert errors_of(response) == {
        "budget_note": ["Bitte erläutern Sie, warum „Budget“ nicht grün ist."],
        "resources_note": ["Bitte erläutern Sie, warum „Ressourcen“ nicht grün ist."],
    }
    report = StatusReport.objects.get(pk=world.draft.pk)
    assert (report.budget, report.resources, report.version) == ("green", "green", 1)


def test_report_patch_input_errors(cast, world):
    client = cast.client("project_lead")
    path = f"/reports/{world.draft.pk}"
    assert errors_of(call(client, "PATCH", path, {"summary": "x"})) == {
        "version": ["Dieses Feld ist erforderlich."]
    }
    errors = errors_of(
        call(client, "PATCH", path, {"version": 1, "overall": "blau", "state": "accepted"})
    )
    assert errors == {
        "overall": ["Unbekannter Wert. Erlaubt sind: 'green', 'amber' oder 'red'."],
        "state": ["Dieses Feld gibt es nicht oder es ist nicht änderbar."],
    }
    assert errors_of(call(client, "PATCH", path, {"version": 1, "summary": None})) == {
        "summary": ["Bitte geben Sie einen Text an."]
    }
    assert StatusReport.objects.get(pk=world.draft.pk).state == "draft"


def test_report_create_needs_a_period_of_the_programme(cast, world):
    programme = ProgrammeFactory()
    ReportingConfigFactory(programme=programme, first_period_start=date(2024, 1, 1))
    other = ensure_periods(programme, date(2024, 1, 1))
    client = cast.client("pmo")
    path = f"/projects/{cast.project.pk}/reports"
    assert errors_of(call(client, "POST", path, {"period": other[0].pk})) == {
        "period": [
            f"Eine Berichtsperiode mit der Id {other[0].pk} gibt es in diesem Programm nicht."
        ]
    }
    assert errors_of(call(client, "POST", path, {})) == {
        "period": ["Dieses Feld ist erforderlich."]
    }


def test_submit_refuses_unexplained_lights(cast, world):
    StatusReport.objects.filter(pk=world.draft.pk).update(scope="red")
    response = call(cast.client("project_lead"), "POST", f"/reports/{world.draft.pk}/submit")
    assert errors_of(response) == {
        "scope_note": ["Bitte erläutern Sie, warum „Umfang und Qualität“ nicht grün ist."]
    }
    assert state_of(world.draft) == "draft"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, "Der Wert muss mindestens 1 sein."),
        (5, "Der Wert darf höchstens 4 sein."),
        ("viel", "Bitte geben Sie eine ganze Zahl an."),
    ],
)
def test_risk_probability_and_impact_are_1_to_4(cast, world, value, message):
    client = cast.client("project_lead")
    body = {"title": "Neu", "probability": value, "impact": value}
    response = call(client, "POST", f"/projects/{cast.project.pk}/risks", body)
    assert errors_of(response) == {"probability": [message], "impact": [message]}
    response = call(client, "PATCH", f"/risks/{world.risk.pk}", {"impact": value})
    assert errors_of(response) == {"impact": [message]}
    assert not Risk.objects.filter(title="Neu").exists()
    assert Risk.objects.get(pk=world.risk.pk).impact == 3


def test_milestone_and_request_input_errors(cast, world):
    client = cast.client("project_lead")
    response = call(client, "POST", f"/projects/{cast.project.pk}/milestones", {"title": " "})
    assert errors_of(response) == {
        "title": ["Dieses Feld darf nicht leer sein."],
        "planned_date": ["Dieses Feld ist erforderlich."],
    }
    response = call(
        client, "PATCH", f"/milestones/{world.milestone.pk}", {"planned_date": "1.6.2024"}
    )
    assert errors_of(response) == {
        "planned_date": ["Bitte geben Sie ein Datum im Format JJJJ-MM-TT an."]
    }
    path = f"/decision-requests/{world.request.pk}"
    errors = errors_of(call(client, "PATCH", path, {"version": 1, "addressed_to": "stadtrat"}))
    assert errors["addressed_to"][0].startswith("Unbekannter Wert.")
    other_report = world.other_draft.pk
    assert errors_of(call(client, "PATCH", path, {"version": 1, "report": other_report})) == {
        "report": [f"Einen Bericht mit der Id {other_report} gibt es zu diesem Projekt nicht."]
    }
    errors = errors_of(
        call(client, "POST", f"/projects/{cast.project.pk}/decision-requests", {"question": ""})
    )
    assert errors == {"question": ["Dieses Feld darf nicht leer sein."]}
    assert DecisionRequest.objects.get(pk=world.request.pk).report_id is None
