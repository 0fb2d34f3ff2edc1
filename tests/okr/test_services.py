"""The OKR rules in the service layer: limit of key results, locking, quarter states, reviews,
versions, copy-forward, check-ins and links."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from lotse.okr import services
from lotse.okr.models import CheckIn
from lotse.okr.models import KeyResult
from lotse.okr.models import Objective
from lotse.okr.models import OkrLink
from lotse.okr.models import OkrSettings
from lotse.portfolio.services import EditConflict

from .conftest import okr_counts
from .conftest import set_state
from .factories import CheckInFactory
from .factories import KeyResultFactory
from .factories import ObjectiveFactory
from .factories import QuarterFactory

KR = {"title": "Neues KR", "kind": "increase_to", "start_value": 0, "target_value": 10}


def messages(exc) -> str:
    return " ".join(exc.value.messages)


def test_the_fourth_key_result_is_refused(okr):
    for i in range(2):
        services.key_result_create(objective=okr.objective, data=KR | {"title": f"KR {i}"})
    with pytest.raises(ValidationError) as exc:
        services.key_result_create(objective=okr.objective, data=KR)
    assert "Ein Objective hat höchstens 3 Key Results." in messages(exc)
    assert okr.objective.key_results.count() == 3


def test_the_limit_is_a_programme_setting(cast, okr):
    OkrSettings.objects.create(programme=cast.programme, max_key_results=2)
    services.key_result_create(objective=okr.objective, data=KR)
    with pytest.raises(ValidationError) as exc:
        services.key_result_create(objective=okr.objective, data=KR)
    assert "höchstens 2 Key Results" in messages(exc)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "increase_to", "start_value": 10, "target_value": 5}, "target_value"),
        ({"kind": "decrease_to", "start_value": 10, "target_value": 50}, "target_value"),
        ({"kind": "increase_to", "start_value": None, "target_value": 5}, "start_value"),
        ({"kind": "at_least", "target_value": None}, "target_value"),
    ],
)
def test_key_result_values_are_checked(okr, data, field):
    with pytest.raises(ValidationError) as exc:
        services.key_result_create(objective=okr.objective, data={"title": "X"} | data)
    assert field in exc.value.message_dict


def test_milestones_need_no_values(okr):
    kr = services.key_result_create(
        objective=okr.objective, data={"title": "Go-live", "kind": "milestone", "target_value": 3}
    )
    assert kr.target_value is None


# --- locking --------------------------------------------------------------------------------


def _everything_refused(okr, cast):
    """Every kind of change to the quarter's OKRs; each must raise."""
    user = cast.users["project_lead"]
    return {
        "objective_create": lambda: services.objective_create(
            project=cast.project, quarter=okr.quarter, data={"title": "Neu"}
        ),
        "objective_update": lambda: services.objective_update(
            objective=okr.objective, data={"title": "Anders"}, expected_version=None
        ),
        "objective_delete": lambda: services.objective_delete(objective=okr.objective),
        "key_result_create": lambda: services.key_result_create(objective=okr.objective, data=KR),
        "key_result_update": lambda: services.key_result_update(
            key_result=okr.key_result, data={"title": "Anders"}, expected_version=None
        ),
        "key_result_delete": lambda: services.key_result_delete(key_result=okr.key_result),
        "check_in": lambda: services.check_in_create(
            key_result=okr.key_result, data={"value": 250, "confidence": 5}, user=user
        ),
        "review": lambda: services.objective_review_save(
            objective=okr.objective, data={"outcome": "reached"}, user=user, expected_version=None
        ),
        "link_create": lambda: services.okr_link_create(
            from_objective=okr.objective, to_objective=okr.other_objective, kind="synergy"
        ),
    }


@pytest.mark.parametrize(
    "action",
    [
        "objective_create",
        "objective_update",
        "objective_delete",
        "key_result_create",
        "key_result_update",
        "key_result_delete",
        "check_in",
        "review",
        "link_create",
    ],
)
def test_a_closed_quarter_is_locked(cast, okr, action):
    set_state(okr.quarter, "closed")
    okr.objective.refresh_from_db()
    okr.key_result.refresh_from_db()
    before = (*okr_counts(), okr.objective.title)
    with pytest.raises(ValidationError) as exc:
        _everything_refused(okr, cast)[action]()
    assert "ist abgeschlossen" in messages(exc)
    okr.objective.refresh_from_db()
    after = (*okr_counts(), okr.objective.title)
    assert after == before


def test_links_touching_a_closed_quarter_cannot_be_removed(cast, okr):
    link = services.okr_link_create(
        from_objective=okr.objective, to_objective=okr.other_objective, kind="dependency"
    )
    set_state(okr.quarter, "closed")
    link = OkrLink.objects.get(pk=link.pk)
    with pytest.raises(ValidationError):
        services.okr_link_delete(link=link)
    assert OkrLink.objects.filter(pk=link.pk).exists()


def test_a_link_from_a_new_quarter_to_a_closed_one_is_refused(cast, okr):
    set_state(okr.quarter, "closed")
    later = QuarterFactory(programme=cast.programme, year=2026, number=3, state="planning")
    new = ObjectiveFactory(project=cast.project, quarter=later)
    with pytest.raises(ValidationError):
        services.okr_link_create(
            from_objective=new,
            to_objective=Objective.objects.get(pk=okr.other_objective.pk),
            kind="synergy",
        )


# --- quarter states -------------------------------------------------------------------------


def test_quarters_move_forward_step_by_step(cast):
    quarter = services.quarter_create(programme=cast.programme, year=2027, number=1)
    assert quarter.state == "planning"
    draft = ObjectiveFactory(project=cast.project, quarter=quarter, state="draft")
    with pytest.raises(ValidationError):
        services.quarter_transition(quarter=quarter, to_state="review", expected_version=None)
    for state in ("active", "review", "closed"):
        services.quarter_transition(
            quarter=quarter, to_state=state, expected_version=None, confirm_missing_reviews=True
        )
        assert quarter.state == state
    draft.refresh_from_db()
    assert draft.state == "active"  # drafts became active when the quarter started
    with pytest.raises(ValidationError) as exc:
        services.quarter_transition(quarter=quarter, to_state="active", expected_version=None)
    assert "schrittweise vorwärts" in messages(exc)


def test_quarter_transition_checks_the_version(cast):
    quarter = services.quarter_create(programme=cast.programme, year=2027, number=1)
    with pytest.raises(EditConflict):
        services.quarter_transition(quarter=quarter, to_state="active", expected_version=99)


def test_a_quarter_exists_only_once(cast):
    services.quarter_create(programme=cast.programme, year=2027, number=1)
    with pytest.raises(ValidationError) as exc:
        services.quarter_create(programme=cast.programme, year=2027, number=1)
    assert "gibt es in diesem Programm schon" in messages(exc)


def test_a_quarter_another_request_created_meanwhile_is_refused_with_a_message(cast, monkeypatch):
    # Two people creating the next quarter at once: both find it missing, the other one
    # commits first. Simulated in one transaction: the quarter appears just before the insert.
    clean = services._clean

    def after_the_other_request(obj, exclude=None):
        QuarterFactory(programme=cast.programme, year=2027, number=1)
        clean(obj, exclude)

    monkeypatch.setattr(services, "_clean", after_the_other_request)
    with pytest.raises(ValidationError) as exc:
        services.quarter_create(programme=cast.programme, year=2027, number=1)

    assert "gibt es in diesem Programm schon" in messages(exc)


def test_next_quarter_follows_the_last(cast, okr):
    import datetime

    created = services.quarter_create_next(
        programme=cast.programme, today=datetime.date(2020, 1, 1)
    )
    assert (created.year, created.number) == (2026, 3)
    set_state(created, "planning")
    QuarterFactory(programme=cast.programme, year=2026, number=4)
    created = services.quarter_create_next(
        programme=cast.programme, today=datetime.date(2020, 1, 1)
    )
    assert (created.year, created.number) == (2027, 1)


def test_objectives_are_frozen_during_review(okr):
    set_state(okr.quarter, "review")
    okr.objective.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.objective_update(
            objective=okr.objective, data={"title": "X"}, expected_version=None
        )
    assert "OKR-Review" in messages(exc)


# --- versions --------------------------------------------------------------------------------


def test_objective_update_refuses_a_stale_version(okr):
    version = okr.objective.version
    services.objective_update(
        objective=okr.objective, data={"title": "A"}, expected_version=version
    )
    stale = Objective.objects.get(pk=okr.objective.pk)
    with pytest.raises(EditConflict):
        services.objective_update(objective=stale, data={"title": "B"}, expected_version=version)
    assert Objective.objects.get(pk=okr.objective.pk).title == "A"


def test_key_result_update_refuses_a_stale_version(okr):
    version = okr.key_result.version
    services.key_result_update(
        key_result=okr.key_result, data={"title": "A"}, expected_version=version
    )
    with pytest.raises(EditConflict):
        services.key_result_update(
            key_result=KeyResult.objects.get(pk=okr.key_result.pk),
            data={"title": "B"},
            expected_version=version,
        )


# --- reviews ------------------------------------------------------------------------------------


def test_review_only_in_review_state(cast, okr):
    with pytest.raises(ValidationError) as exc:
        services.objective_review_save(
            objective=okr.objective, data={"outcome": "reached"}, user=None, expected_version=None
        )
    assert "in den Review gesetzt" in messages(exc)


def test_review_takes_the_computed_score_and_sets_the_state(cast, okr):
    set_state(okr.quarter, "review")
    okr.objective.refresh_from_db()
    review = services.objective_review_save(
        objective=okr.objective,
        data={"drivers": "Team", "obstacles": "Urlaub", "learnings": "Früher testen"},
        user=cast.users["project_lead"],
        expected_version=None,
    )
    assert review.computed_score == Decimal("0.5")
    assert review.outcome == "partly"  # suggested from the score
    assert review.reviewed_by == cast.users["project_lead"]
    okr.objective.refresh_from_db()
    assert okr.objective.state == "partly"


def test_overriding_the_score_needs_a_reason(cast, okr):
    set_state(okr.quarter, "review")
    okr.objective.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.objective_review_save(
            objective=okr.objective,
            data={"outcome": "reached", "score_override": Decimal("0.9")},
            user=None,
            expected_version=None,
        )
    assert "override_reason" in exc.value.message_dict
    review = services.objective_review_save(
        objective=okr.objective,
        data={
            "outcome": "reached",
            "score_override": Decimal("0.9"),
            "override_reason": "Zahl kam zu spät",
        },
        user=None,
        expected_version=None,
    )
    assert review.final_score == Decimal("0.9")


def test_review_refuses_a_stale_version(okr):
    set_state(okr.quarter, "review")
    okr.objective.refresh_from_db()
    first = services.objective_review_save(
        objective=okr.objective, data={"outcome": "partly"}, user=None, expected_version=None
    )
    services.objective_review_save(
        objective=okr.objective, data={"drivers": "A"}, user=None, expected_version=first.version
    )
    with pytest.raises(EditConflict):
        services.objective_review_save(
            objective=okr.objective,
            data={"drivers": "B"},
            user=None,
            expected_version=first.version,
        )


# --- copy forward ------------------------------------------------------------------------------


def test_copy_forward_takes_key_results_without_check_ins(cast, okr):
    milestone = KeyResultFactory(objective=okr.objective, kind="milestone", start_value=None)
    CheckInFactory(key_result=milestone, value=None, done=False)
    CheckInFactory(key_result=okr.key_result, value=240)  # the latest value
    later = QuarterFactory(programme=cast.programme, year=2026, number=3, state="planning")
    copy = services.objective_copy_forward(objective=okr.objective)
    assert copy.quarter == later
    assert copy.copied_from == okr.objective
    assert copy.state == "draft"
    krs = list(copy.key_results.order_by("pk"))
    assert [k.title for k in krs] == ["Online-Anträge je Monat", milestone.title]
    assert krs[0].start_value == Decimal("240")
    assert krs[0].target_value == Decimal("300")
    assert krs[1].kind == "milestone"
    assert CheckIn.objects.filter(key_result__objective=copy).count() == 0
    with pytest.raises(ValidationError) as exc:
        services.objective_copy_forward(objective=okr.objective)
    assert "bereits" in messages(exc)


def test_copy_forward_needs_the_next_quarter(okr):
    with pytest.raises(ValidationError) as exc:
        services.objective_copy_forward(objective=okr.objective)
    assert "Q3/2026 ist noch nicht angelegt" in messages(exc)


def test_a_closed_quarter_can_be_copied_from(cast, okr):
    set_state(okr.quarter, "closed")
    QuarterFactory(programme=cast.programme, year=2026, number=3, state="active")
    objective = Objective.objects.get(pk=okr.objective.pk)
    copy = services.objective_copy_forward(objective=objective)
    assert copy.state == "active"


# --- check-ins ---------------------------------------------------------------------------------


def test_check_in_needs_value_and_confidence(cast, okr):
    with pytest.raises(ValidationError) as exc:
        services.check_in_create(key_result=okr.key_result, data={}, user=None)
    assert set(exc.value.message_dict) == {"value", "confidence"}
    with pytest.raises(ValidationError) as exc:
        services.check_in_create(
            key_result=okr.key_result, data={"value": 1, "confidence": 11}, user=None
        )
    assert "zwischen 0 und 10" in messages(exc)


def test_check_in_is_recorded_with_author_and_source(cast, okr):
    check_in = services.check_in_create(
        key_result=okr.key_result,
        data={"value": Decimal("260"), "confidence": 8, "comment": "läuft"},
        user=cast.users["member"],
        source="api",
    )
    assert (check_in.author, check_in.source, check_in.value) == (
        cast.users["member"],
        "api",
        Decimal("260"),
    )


def test_no_check_ins_while_planning(okr):
    set_state(okr.quarter, "planning")
    okr.key_result.refresh_from_db()
    with pytest.raises(ValidationError):
        services.check_in_create(
            key_result=KeyResult.objects.get(pk=okr.key_result.pk),
            data={"value": 1, "confidence": 3},
            user=None,
        )


def test_links_connect_different_projects(cast, okr):
    with pytest.raises(ValidationError):
        services.okr_link_create(
            from_objective=okr.objective,
            to_objective=ObjectiveFactory(project=cast.project, quarter=okr.quarter),
            kind="synergy",
        )
    link = services.okr_link_create(
        from_objective=okr.objective,
        to_objective=okr.other_objective,
        kind="synergy",
        to_key_result=okr.other_key_result,
        note="Gemeinsame Nutzerbefragung",
    )
    assert link.pk
