"""Gates, work packages, demand, overload, the actual-effort import."""

import re
from datetime import date
from datetime import time
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError

from lotse.boards.models import Column
from lotse.boards.services import card_move
from lotse.governance.models import DecisionKind
from lotse.governance.models import Meeting
from lotse.planning import selectors
from lotse.planning import services
from lotse.planning.models import Phase
from lotse.planning.models import PhaseModel
from tests.factories import OrgUnitFactory
from tests.governance.factories import decide
from tests.governance.factories import make_series

from .factories import AllocationFactory
from .factories import AvailabilityFactory
from .factories import EstimateFactory
from .factories import StepFactory
from .factories import WorkPackageFactory


def _series(cast, powers):
    return make_series(
        cast.programme,
        name="Transformationskonferenz",
        first_date=date(2025, 1, 9),
        chair=cast.users["sponsor"],
        moderator=cast.users["programme_manager"],
        powers=powers,
    )


def _meeting(series):
    return Meeting.objects.create(
        series=series,
        slot_date=date(2025, 3, 6),
        date=date(2025, 3, 6),
        start_time=time(10, 0),
        duration_minutes=60,
    )


@pytest.fixture
def phases(cast):
    return services.phases_create_from_model(project=cast.project)


def test_default_phase_model_of_seed_003(cast, phases):
    assert [p.name for p in phases] == ["Vorprojektphase", "Projektphase 1", "Projektphase 2"]
    assert all(p.gate.name == "Bewertung der Ergebnisse" for p in phases)
    with pytest.raises(ValidationError):
        services.phases_create_from_model(project=cast.project)


def test_next_phase_refused_before_its_gate(cast, phases):
    services.phase_start(phase=phases[0], on=date(2025, 1, 10))
    with pytest.raises(ValidationError) as exc:
        services.phase_start(phase=phases[1])
    message = exc.value.messages[0]
    assert "„Projektphase 1“ kann erst beginnen" in message
    assert "„Bewertung der Ergebnisse“ der Phase „Vorprojektphase“" in message
    assert Phase.objects.get(pk=phases[1].pk).status == Phase.Status.PLANNED


def test_gate_passed_by_a_decision_of_an_entitled_body(cast, phases):
    services.phase_start(phase=phases[0], on=date(2025, 1, 10))
    meeting = _meeting(_series(cast, [DecisionKind.PASS_GATE]))
    gate = services.gate_pass_by_decision(
        gate=phases[0].gate,
        meeting=meeting,
        wording="Ergebnisse der Vorprojektphase bewertet.",
        user=cast.users["pmo"],
    )
    assert gate.passed_on == date(2025, 3, 6)
    assert gate.decision.kind == DecisionKind.PASS_GATE
    assert Phase.objects.get(pk=phases[0].pk).status == Phase.Status.CLOSED
    services.phase_start(phase=phases[1])  # no longer refused


def test_a_gate_decision_recorded_in_the_meeting_passes_the_open_gate(cast, phases):
    from django.urls import reverse

    from lotse.planning.models import Gate

    services.phase_start(phase=phases[0], on=date(2025, 1, 10))
    meeting = _meeting(_series(cast, [DecisionKind.PASS_GATE]))
    pmo = cast.users["pmo"]
    # Recorded in the minutes (governance), not through planning.
    wording = "Die Ergebnisse der Vorprojektphase sind bewertet; Projektphase 1 beginnt."
    decision = decide(meeting, DecisionKind.PASS_GATE, cast.project, wording=wording, user=pmo)
    gate = Gate.objects.get(phase=phases[0])
    assert gate.decision == decision
    assert gate.passed_on == meeting.date
    assert Phase.objects.get(pk=phases[0].pk).status == Phase.Status.CLOSED
    services.phase_start(phase=phases[1])  # the next phase may begin
    page = cast.client("pmo").get(reverse("planning:project_plan", args=[cast.project.pk]))
    assert f"(Beschluss {meeting.series.name})" in page.content.decode()
    # A second gate decision passes the next open gate, not the first one again.
    second = decide(meeting, DecisionKind.PASS_GATE, cast.project, user=pmo)
    assert Gate.objects.get(phase=phases[1]).decision == second


def test_a_gate_decision_without_an_open_gate_stays_unattached(cast, phases):
    from lotse.planning.models import Gate

    meeting = _meeting(_series(cast, [DecisionKind.PASS_GATE]))
    decide(meeting, DecisionKind.PASS_GATE, cast.project, user=cast.users["pmo"])
    assert not Gate.objects.filter(decision__isnull=False).exists()


def test_gate_refused_for_a_body_without_the_power(cast, phases):
    services.phase_start(phase=phases[0], on=date(2025, 1, 10))
    meeting = _meeting(_series(cast, [DecisionKind.OTHER]))
    with pytest.raises(ValidationError) as exc:
        services.gate_pass_by_decision(
            gate=phases[0].gate, meeting=meeting, wording="x", user=cast.users["pmo"]
        )
    assert "darf keine Entscheidung der Art „Freigabe eines Phasentors“" in exc.value.messages[0]
    phases[0].gate.refresh_from_db()
    assert not phases[0].gate.passed


def test_gate_refuses_a_decision_of_another_kind_or_project(cast, phases):
    services.phase_start(phase=phases[0], on=date(2025, 1, 10))
    meeting = _meeting(_series(cast, [DecisionKind.PASS_GATE, DecisionKind.OTHER]))
    other = decide(meeting, DecisionKind.OTHER, user=cast.users["pmo"])
    with pytest.raises(ValidationError, match="keine Freigabe eines Phasentors"):
        services.gate_pass(gate=phases[0].gate, user=cast.users["pmo"], decision=other)
    foreign = decide(meeting, DecisionKind.PASS_GATE, cast.other_project, user=cast.users["pmo"])
    with pytest.raises(ValidationError, match="anderes Projekt"):
        services.gate_pass(gate=phases[0].gate, user=cast.users["pmo"], decision=foreign)


def test_pmo_passes_a_gate_only_where_the_programme_allows(cast, phases):
    services.phase_start(phase=phases[0], on=date(2025, 1, 10))
    with pytest.raises(ValidationError, match="nur ein Beschluss eines Gremiums"):
        services.gate_pass(gate=phases[0].gate, user=cast.users["pmo"])
    PhaseModel.objects.filter(programme=cast.programme).update(pmo_may_pass_gates=True)
    with pytest.raises(PermissionDenied):
        services.gate_pass(gate=phases[0].gate, user=cast.users["project_lead"])
    gate = services.gate_pass(gate=phases[0].gate, user=cast.users["pmo"], on=date(2025, 2, 1))
    assert gate.passed_by == cast.users["pmo"] and gate.decision is None


def test_gate_of_a_phase_not_begun_is_refused(cast, phases):
    PhaseModel.objects.filter(programme=cast.programme).update(pmo_may_pass_gates=True)
    with pytest.raises(ValidationError, match="noch nicht begonnen"):
        services.gate_pass(gate=phases[1].gate, user=cast.users["pmo"])


def test_progress_from_steps_and_done_cards_weighted_by_hours(cast, phases):
    first = WorkPackageFactory(project=cast.project, phase=phases[0])
    EstimateFactory(work_package=first, hours=Decimal("300"))
    StepFactory(work_package=first, done=True)
    StepFactory(work_package=first)
    card = services.work_package_create_card(work_package=first, user=cast.users["pmo"])
    second = WorkPackageFactory(project=cast.project, phase=phases[0], status="done")
    EstimateFactory(work_package=second, hours=Decimal("100"))
    plan = selectors.project_plan(cast.project)
    rows = plan.phases[0].work_packages
    assert [r.progress for r in rows] == [33, 100]  # 1 of 3 items; done package
    assert plan.phases[0].progress == 50  # (300 × 33 + 100 × 100) / 400
    done = Column.objects.get(board=card.board, is_done=True)
    card_move(card=card, column=done, position=0, user=cast.users["pmo"])
    assert selectors.project_plan(cast.project).phases[0].work_packages[0].progress == 67


def _estimated_work(project, unit, hours, end=date(2026, 1, 31)):
    """A work package of `project` from 1 January 2026 to `end`, `hours` of it for `unit`."""
    work_package = WorkPackageFactory(
        project=project, planned_start=date(2026, 1, 1), planned_end=end
    )
    EstimateFactory(work_package=work_package, org_unit=unit, hours=hours)


def test_demand_spreads_estimates_and_adds_allocations(cast):
    unit = OrgUnitFactory()
    _estimated_work(cast.project, unit, Decimal("328"), end=date(2026, 2, 28))  # 41 PT
    AllocationFactory(project=cast.other_project, org_unit=unit, person_days=Decimal("4"))
    AvailabilityFactory(
        programme=cast.programme,
        org_unit=unit,
        unit="fte",
        amount=Decimal("1"),
        line_work_percent=50,
    )
    data = selectors.heat_map(cast.programme, date(2026, 1, 1), 2)
    row = next(r for r in data.rows if r.org_unit == unit)
    january, february = row.cells
    assert january.demand == Decimal("25.0")  # 21 of 41 working days → 21 PT, + 4 PT
    assert january.total == Decimal("21") and january.capacity == Decimal("10.5")
    assert january.level == "overload"  # 25 PT > 21 PT available in all
    assert february.level == "unknown"  # demand, no availability entered
    overload = next(o for o in data.overloads if o.cell is january)
    assert [c.title for c in overload.causes] == ["Kommunalportal", "Beteiligungsportal"]


def test_line_conflict_when_projects_take_line_time(cast):
    unit = OrgUnitFactory()
    _estimated_work(cast.project, unit, Decimal("120"))  # 15 PT
    AvailabilityFactory(programme=cast.programme, org_unit=unit, amount=Decimal("20"))
    data = selectors.heat_map(cast.programme, date(2026, 1, 1), 1)
    assert [o.cell.line_days for o in data.conflicts] == [Decimal("5")]


def test_release_impact_shows_load_without_and_with_the_project(cast):
    unit = OrgUnitFactory()
    _estimated_work(cast.project, unit, Decimal("40"))  # 5 PT
    AllocationFactory(project=cast.other_project, org_unit=unit, person_days=Decimal("5"))
    AvailabilityFactory(programme=cast.programme, org_unit=unit, amount=Decimal("20"))
    impact = selectors.release_impact(cast.project)
    [effect] = impact.effects
    assert (effect.before, effect.after, effect.days) == (50, 100, Decimal("5"))


def test_actual_effort_import_is_all_or_nothing(cast):
    WorkPackageFactory(project=cast.project, code="AP 1", title="Auftrag")
    header = ["Arbeitspaket", "Monat", "Stunden"]
    bad = [["AP 1", "01.2026", "12,5"], ["AP 7", "13.2026", "viel"]]
    with pytest.raises(ValidationError) as exc:
        services.actual_effort_import(project=cast.project, header=header, rows=bad)
    messages = exc.value.messages
    assert "Zeile 3: Arbeitspaket „AP 7“ gibt es in diesem Projekt nicht." in messages
    assert any(m.startswith("Zeile 3: Monat „13.2026“") for m in messages)
    assert any(m.startswith("Zeile 3: Stunden") for m in messages)
    assert not cast.project.work_packages.get().actual_efforts.exists()
    count = services.actual_effort_import(
        project=cast.project, header=header, rows=[["ap 1", "01.2026", "12,5"]]
    )
    assert count == 1
    assert cast.project.work_packages.get().actual_efforts.get().hours == Decimal("12.5")


def test_a_large_actual_effort_file_is_imported_by_the_background_worker(cast, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from lotse.planning.views import project as views
    from tests.jobs.helpers import job_of
    from tests.jobs.helpers import run_jobs

    monkeypatch.setattr(views, "IMPORT_JOB_ROWS", 1)
    WorkPackageFactory(project=cast.project, code="AP 1", title="Auftrag")
    url = reverse("planning:actual_import", args=[cast.project.pk])
    csv = "Arbeitspaket;Monat;Stunden\nAP 1;01.2026;12,5\nAP 1;02.2026;3\n"
    upload = SimpleUploadedFile("ist.csv", csv.encode())
    job = job_of(cast.client("project_lead").post(url, {"file": upload}))
    efforts = cast.project.work_packages.get().actual_efforts
    assert not efforts.exists()
    run_jobs()
    job.refresh_from_db()
    assert job.status == "done", job.error
    assert "2 Monatswerte" in job.summary
    assert efforts.count() == 2
    bad = SimpleUploadedFile(
        "ist.csv", b"Arbeitspaket;Monat;Stunden\nAP 1;03.2026;1\nAP 9;04.2026;1\n"
    )
    job = job_of(cast.client("project_lead").post(url, {"file": bad}))
    run_jobs()
    job.refresh_from_db()
    assert job.status == "failed" and "AP 9" in job.error
    assert efforts.count() == 2  # all or nothing


def test_work_package_dates_and_phase_are_checked(cast, phases):
    other_phase = services.phases_create_from_model(project=cast.other_project)[0]
    with pytest.raises(ValidationError) as exc:
        services.work_package_save(
            project=cast.project,
            data={
                "title": "AP",
                "phase": other_phase,
                "planned_start": date(2026, 3, 1),
                "planned_end": date(2026, 2, 1),
            },
        )
    errors = exc.value.message_dict
    assert "anderen Projekt" in errors["phase"][0]
    assert "liegt vor dem Beginn" in errors["planned_end"][0]


def test_org_unit_load_counts_what_the_heat_map_counts(cast):
    own, package_unit = OrgUnitFactory(), OrgUnitFactory()
    wp = WorkPackageFactory(project=cast.project, org_unit=package_unit)
    EstimateFactory(work_package=wp, org_unit=own, hours=Decimal("80"))
    EstimateFactory(work_package=wp, org_unit=None, hours=Decimal("40"))  # → package's unit
    bare = WorkPackageFactory(project=cast.project)
    EstimateFactory(work_package=bare, org_unit=None, hours=Decimal("16"))  # → project's
    AllocationFactory(project=cast.other_project, org_unit=own, person_days=Decimal("3"))
    data = selectors.heat_map(cast.programme, date(2026, 1, 1), 3)
    for row in data.rows:
        load = selectors.org_unit_load(cast.programme, row.org_unit, date(2026, 1, 1), 3)
        assert [c.demand for c in load.cells] == [c.demand for c in row.cells], row.name
    assert {r.name for r in data.rows} >= {str(own), str(package_unit), "ohne Organisationseinheit"}


def test_an_order_left_empty_puts_a_new_row_at_the_end(cast):
    first = services.phase_save(project=cast.project, data={"name": "Eins"})
    second = services.phase_save(project=cast.project, data={"name": "Zwei", "order": None})
    assert second.order == first.order + 1


def test_a_long_gate_wording_or_note_is_kept_whole(cast, phases):
    """Wording and note have no limit: the page's inputs carry no `maxlength` (the browser
    cut pasted text at 500 characters without a word), and the whole text is stored."""
    from django.urls import reverse

    from lotse.planning.models import Gate

    services.phase_start(phase=phases[0], on=date(2025, 1, 10))
    meeting = _meeting(_series(cast, [DecisionKind.PASS_GATE]))
    PhaseModel.objects.filter(programme=cast.programme).update(pmo_may_pass_gates=True)
    client = cast.client("pmo")
    page = client.get(reverse("planning:project_plan", args=[cast.project.pk])).content.decode()
    inputs = re.findall(r'<input[^>]*id="(?:wording|note)-\d+"[^>]*>', page)
    assert len(inputs) == 2 and not any("maxlength" in i for i in inputs), inputs
    wording = "Die Ergebnisse sind bewertet. " * 20
    url = reverse("planning:gate_pass", args=[phases[0].pk])
    client.post(url, {"how": "meeting", "meeting": meeting.pk, "wording": wording})
    assert Gate.objects.get(phase=phases[0]).decision.wording == wording.strip()
    services.phase_start(phase=phases[1])
    note = "Freigabe nach Rücksprache mit dem Fachbereich. " * 12
    client.post(reverse("planning:gate_pass", args=[phases[1].pk]), {"how": "pmo", "note": note})
    assert Gate.objects.get(phase=phases[1]).note == note


def test_a_control_character_in_the_gate_wording_or_note_is_refused_naming_the_field(cast, phases):
    """The gate's inputs are written by hand (no form field checks them): the services refuse
    a control character with the field's name, and nothing is passed or recorded."""
    from lotse.governance.models import Decision
    from lotse.planning.models import Gate

    services.phase_start(phase=phases[0], on=date(2025, 1, 10))
    meeting = _meeting(_series(cast, [DecisionKind.PASS_GATE]))
    pmo = cast.users["pmo"]
    with pytest.raises(ValidationError, match="„Beschlusstext“: .*Steuerzeichen \\(U\\+0007\\)"):
        services.gate_pass_by_decision(
            gate=phases[0].gate, meeting=meeting, wording="Frei\x07", user=pmo
        )
    assert not Decision.objects.exists() and not Gate.objects.get(pk=phases[0].gate.pk).passed
    PhaseModel.objects.filter(programme=cast.programme).update(pmo_may_pass_gates=True)
    with pytest.raises(ValidationError, match="„Anmerkung des PMO“: .*Nullzeichen"):
        services.gate_pass(gate=phases[0].gate, user=pmo, note="Frei\x00")
    assert not Gate.objects.get(pk=phases[0].gate.pk).passed
    gate = services.gate_pass(gate=phases[0].gate, user=pmo, note="Zeile 1\nZeile 2")
    assert gate.note == "Zeile 1\nZeile 2"
