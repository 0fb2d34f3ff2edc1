"""Moderation states and acts, intake, supports, criteria and scoring rounds."""

import pytest
from django.core.exceptions import ValidationError

from lotse.ideas import selectors
from lotse.ideas import services
from lotse.ideas.models import Criterion
from lotse.ideas.models import Idea
from lotse.ideas.models import IdeaSettings
from lotse.ideas.models import ModerationEvent
from lotse.ideas.models import Score
from lotse.ideas.models import Support
from lotse.portfolio.services import EditConflict
from tests.factories import FieldOfActionFactory

from .conftest import make_idea


def actions(idea) -> list[str]:
    return list(ModerationEvent.objects.filter(idea=idea).values_list("action", flat=True))


def test_public_submission_is_hidden_until_approved(cast, ideas):
    idea = services.idea_submit_public(
        programme=cast.programme, data={"title": "Sitzbänke", "description": "Mehr Bänke."}
    )
    assert idea.moderation == Idea.Moderation.PENDING and idea.is_public
    assert not Idea.objects.publicly_visible().filter(pk=idea.pk).exists()
    services.idea_approve(idea=idea, user=cast.users["pmo"])
    assert Idea.objects.publicly_visible().filter(pk=idea.pk).exists()
    assert actions(idea) == ["submitted", "approved"]


def test_post_moderation_shows_at_once(cast, ideas):
    IdeaSettings.objects.filter(programme=cast.programme).update(moderation="post")
    idea = services.idea_submit_public(
        programme=cast.programme, data={"title": "WLAN", "description": "Im Park."}
    )
    assert idea.moderation == Idea.Moderation.APPROVED


def test_submission_refused_when_platform_off(cast, ideas):
    IdeaSettings.objects.filter(programme=cast.programme).update(public_platform=False)
    with pytest.raises(ValidationError):
        services.idea_submit_public(
            programme=cast.programme, data={"title": "X", "description": "Y"}
        )


def test_email_needs_consent(cast, ideas):
    with pytest.raises(ValidationError) as exc:
        services.idea_submit_public(
            programme=cast.programme,
            data={"title": "X", "description": "Y", "author_email": "a@example.org"},
        )
    assert "contact_consent" in exc.value.message_dict


def test_field_of_other_programme_refused(cast, ideas):
    foreign = FieldOfActionFactory()
    with pytest.raises(ValidationError) as exc:
        services.idea_create(
            programme=cast.programme,
            user=cast.users["pmo"],
            data={"title": "X", "description": "Y", "field_of_action": foreign},
        )
    assert "field_of_action" in exc.value.message_dict


def test_staff_idea_is_internal(cast, ideas):
    idea = services.idea_create(
        programme=cast.programme,
        user=cast.users["change_manager"],
        data={"title": "E-Akte im Bauamt", "description": "…"},
    )
    assert idea.source == "staff" and not idea.is_public
    assert not Idea.objects.publicly_visible().filter(pk=idea.pk).exists()
    services.idea_release(idea=idea, user=cast.users["pmo"], public=True)
    assert Idea.objects.publicly_visible().filter(pk=idea.pk).exists()


def test_workshop_idea_needs_its_source(cast, ideas):
    with pytest.raises(ValidationError) as exc:
        services.idea_create(
            programme=cast.programme,
            user=cast.users["pmo"],
            data={"title": "X", "description": "Y"},
            source="workshop",
        )
    assert "source_note" in exc.value.message_dict


def test_editing_a_citizen_idea_needs_a_visible_note(cast, ideas):
    idea = ideas.approved
    with pytest.raises(ValidationError) as exc:
        services.idea_update(idea=idea, user=cast.users["pmo"], data={"title": "Neu"})
    assert "note" in exc.value.message_dict
    services.idea_update(
        idea=idea,
        user=cast.users["pmo"],
        data={"title": "Online-Termine"},
        note="Titel gekürzt",
        expected_version=idea.version,
    )
    idea.refresh_from_db()
    assert idea.title == "Online-Termine" and idea.moderation_note == "Titel gekürzt"
    assert ModerationEvent.objects.filter(idea=idea, action="edited", note="Titel gekürzt").exists()


def test_stale_edit_conflicts(cast, ideas):
    idea = ideas.staff
    services.idea_update(idea=idea, user=cast.users["pmo"], data={"title": "A"}, expected_version=1)
    with pytest.raises(EditConflict):
        services.idea_update(
            idea=Idea.objects.get(pk=idea.pk),
            user=cast.users["pmo"],
            data={"title": "B"},
            expected_version=1,
        )


def test_hide_needs_reason(cast, ideas):
    with pytest.raises(ValidationError):
        services.idea_hide(idea=ideas.approved, user=cast.users["pmo"], reason=" ")
    services.idea_hide(idea=ideas.approved, user=cast.users["pmo"], reason="Werbung")
    ideas.approved.refresh_from_db()
    assert ideas.approved.moderation == "hidden" and ideas.approved.hidden_reason == "Werbung"
    assert "hidden" in actions(ideas.approved)


def test_merge_moves_supports_once(cast, ideas):
    duplicate = make_idea(cast.programme, cast.field, title="Termine online")
    services.idea_support(idea=ideas.approved, token="abc")
    services.idea_support(idea=duplicate, token="abc")  # same person supports both
    services.idea_support(idea=duplicate, token="xyz")
    services.idea_merge(idea=duplicate, into=ideas.approved, user=cast.users["pmo"])
    duplicate.refresh_from_db()
    assert duplicate.moderation == "merged" and duplicate.merged_into == ideas.approved
    assert Support.objects.filter(idea=ideas.approved).count() == 2
    assert not Idea.objects.publicly_visible().filter(pk=duplicate.pk).exists()
    with pytest.raises(ValidationError):
        services.idea_merge(idea=ideas.approved, into=ideas.approved, user=cast.users["pmo"])


def test_support_once_per_person_and_no_personal_data(cast, ideas):
    assert services.idea_support(idea=ideas.approved, token="t-1")
    assert not services.idea_support(idea=ideas.approved, token="t-1")
    assert services.idea_support(idea=ideas.approved, user=cast.users["viewer"])
    assert not services.idea_support(idea=ideas.approved, user=cast.users["viewer"])
    support = Support.objects.get(idea=ideas.approved, user__isnull=True)
    assert "t-1" not in support.token_hash and len(support.token_hash) == 64
    # a support row has no column for an address or a browser
    assert {f.name for f in Support._meta.get_fields()} == {
        "id",
        "idea",
        "user",
        "token_hash",
        "created_at",
    }


def test_unmoderated_ideas_cannot_be_supported(cast, ideas):
    with pytest.raises(ValidationError):
        services.idea_support(idea=ideas.pending, token="t")


def test_rejecting_needs_public_reason(cast, ideas):
    with pytest.raises(ValidationError):
        services.idea_set_status(idea=ideas.approved, user=cast.users["pmo"], status="rejected")
    services.idea_set_status(
        idea=ideas.approved, user=cast.users["pmo"], status="rejected", reason="Gibt es schon."
    )
    assert ideas.approved.decision_reason == "Gibt es schon."


@pytest.mark.parametrize("status", ["rejected", "in_review"])
def test_a_status_reason_with_a_control_character_is_refused(cast, ideas, status):
    before = ideas.approved.status
    with pytest.raises(ValidationError) as refused:
        services.idea_set_status(
            idea=ideas.approved,
            user=cast.users["pmo"],
            status=status,
            reason="Doppelt\x07 eingereicht",
        )
    assert "„Begründung (öffentlich" in refused.value.message_dict["reason"][0]
    ideas.approved.refresh_from_db()
    assert ideas.approved.status == before and ideas.approved.decision_reason == ""


def test_default_criteria_are_the_seeds(cast, ideas):
    names = [c.name for c in ideas.criteria]
    assert names == [
        "Nutzen für Bürgerinnen und Bürger",
        "Nutzen für Mitarbeitende",
        "Beitrag zum Zielzustand des Themenfelds",
        "rechtliche Pflicht / Dringlichkeit (OZG)",
        "Aufwand",
        "Kosten",
        "Risiko",
        "Umsetzbarkeit",
    ]
    assert services.criteria_create_defaults(programme=cast.programme) == 0


def test_default_criteria_another_request_added_meanwhile_are_left_out(cast, monkeypatch):
    # Two people adding the default criteria at once: both find them missing, the other one
    # commits first. Simulated in one transaction: each criterion appears just before this
    # request inserts it.
    create = Criterion.objects.create

    def after_the_other_request(**values):
        create(**values)
        return create(**values)

    monkeypatch.setattr(Criterion.objects, "create", after_the_other_request)
    assert services.criteria_create_defaults(programme=cast.programme) == 0


def test_criterion_scale_must_grow(cast, ideas):
    with pytest.raises(ValidationError) as exc:
        services.criterion_save(
            criterion=ideas.criteria[0], data={"scale_min": 5, "scale_max": 1}, expected_version=1
        )
    assert "scale_max" in exc.value.message_dict


@pytest.fixture
def scoring_round(cast, ideas):
    other = make_idea(cast.programme, cast.field, title="Bürgerportal-App")
    return services.round_create(
        programme=cast.programme,
        name="Runde 1",
        ideas=[ideas.approved, other],
        raters=[cast.users["pmo"], cast.users["change_manager"], cast.users["viewer"]],
    )


def sheet(scoring_round, ideas, value):
    return {(i.pk, c.pk): value for i in scoring_round.ideas.all() for c in ideas.criteria}


def test_round_refuses_unmoderated_ideas(cast, ideas):
    with pytest.raises(ValidationError) as exc:
        services.round_create(
            programme=cast.programme, name="R", ideas=[ideas.pending], raters=[cast.users["pmo"]]
        )
    assert "ideas" in exc.value.message_dict


def test_scores_out_of_scale_name_the_criterion(cast, ideas, scoring_round):
    criterion = ideas.criteria[0]
    with pytest.raises(ValidationError) as exc:
        services.scores_save(
            scoring_round=scoring_round,
            rater=cast.users["pmo"],
            values={(ideas.approved.pk, criterion.pk): 9},
        )
    assert criterion.name in exc.value.messages[0]
    assert not Score.objects.exists()


def test_outsider_cannot_score(cast, ideas, scoring_round):
    with pytest.raises(ValidationError):
        services.scores_save(
            scoring_round=scoring_round,
            rater=cast.users["outsider"],
            values={(ideas.approved.pk, ideas.criteria[0].pk): 3},
        )


def test_raters_see_others_only_after_submitting(cast, ideas, scoring_round):
    pmo, bcm = cast.users["pmo"], cast.users["change_manager"]
    services.scores_save(
        scoring_round=scoring_round, rater=bcm, values=sheet(scoring_round, ideas, 4)
    )
    services.round_submit(scoring_round=scoring_round, rater=bcm)
    viewer = cast.users["viewer"]
    services.scores_save(
        scoring_round=scoring_round, rater=viewer, values=sheet(scoring_round, ideas, 2)
    )
    assert set(
        selectors.visible_scores(scoring_round, viewer).values_list("rater_id", flat=True)
    ) == {viewer.pk}
    services.round_submit(scoring_round=scoring_round, rater=viewer)
    assert set(
        selectors.visible_scores(scoring_round, viewer).values_list("rater_id", flat=True)
    ) == {viewer.pk, bcm.pk}
    # the office sees everything
    assert selectors.visible_scores(scoring_round, pmo).count() == Score.objects.count()
    with pytest.raises(ValidationError):
        services.scores_save(
            scoring_round=scoring_round, rater=viewer, values=sheet(scoring_round, ideas, 1)
        )


def test_closed_round_is_frozen(cast, ideas, scoring_round):
    pmo = cast.users["pmo"]
    services.scores_save(
        scoring_round=scoring_round, rater=pmo, values=sheet(scoring_round, ideas, 3)
    )
    services.round_close(scoring_round=scoring_round, user=pmo)
    scoring_round.refresh_from_db()
    before = [(r.idea.pk, r.result.score) for r in selectors.ranking(scoring_round, pmo).rows]
    with pytest.raises(ValidationError):
        services.scores_save(
            scoring_round=scoring_round, rater=pmo, values=sheet(scoring_round, ideas, 5)
        )
    # later weight changes do not change a closed round
    criterion = ideas.criteria[4]
    services.criterion_save(
        criterion=criterion, data={"weight": 50}, expected_version=criterion.version
    )
    after = [(r.idea.pk, r.result.score) for r in selectors.ranking(scoring_round, pmo).rows]
    assert before == after
    ideas.approved.refresh_from_db()
    assert ideas.approved.status == "scored"


def test_ranking_and_sensitivity(cast, ideas, scoring_round):
    pmo = cast.users["pmo"]
    first, second = list(scoring_round.ideas.order_by("pk"))
    citizens, staff = ideas.criteria[0], ideas.criteria[1]
    services.scores_save(
        scoring_round=scoring_round,
        rater=pmo,
        values={
            (first.pk, citizens.pk): 5,
            (first.pk, staff.pk): 0,
            (second.pk, citizens.pk): 0,
            (second.pk, staff.pk): 4,
        },
    )
    found = selectors.ranking(scoring_round, pmo)
    assert found.rows[0].idea == first
    shifted = selectors.ranking(scoring_round, pmo, weights={citizens.pk: 0, staff.pk: 10})
    assert shifted.weights_changed
    assert shifted.rows[0].idea == second
    assert shifted.rows[0].rank_change == 1
    # nothing was saved
    citizens.refresh_from_db()
    assert citizens.weight == 3
