"""The idea endpoints: same rules as the UI, role by role."""

import json

import pytest

from lotse.ideas import services
from lotse.ideas.models import Idea


def call(cast, role, method, url, body=None):
    client = cast.client(role)
    kwargs = {"content_type": "application/json"}
    if body is not None:
        kwargs["data"] = json.dumps(body)
    return getattr(client, method)(f"/api/v1{url}", **kwargs)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("pmo", 200),
        ("programme_manager", 200),
        ("viewer", 200),
        ("change_manager", 200),
        ("outsider", 403),
        ("anonymous", 401),
    ],
)
def test_list_access(cast, ideas, role, status):
    response = call(cast, role, "get", f"/programmes/{cast.programme.slug}/ideas")
    assert response.status_code == status


def test_moderators_see_unmoderated_others_do_not(cast, ideas):
    titles = {
        i["title"] for i in call(cast, "pmo", "get", "/programmes/potsdam/ideas").json()["items"]
    }
    assert ideas.pending.title in titles
    titles = {
        i["title"] for i in call(cast, "viewer", "get", "/programmes/potsdam/ideas").json()["items"]
    }
    assert ideas.pending.title not in titles
    assert call(cast, "viewer", "get", f"/ideas/{ideas.pending.pk}").status_code == 404


@pytest.mark.parametrize(
    ("role", "status"),
    [("change_manager", 201), ("member", 201), ("viewer", 403), ("outsider", 403)],
)
def test_create_staff_idea(cast, ideas, role, status):
    response = call(
        cast,
        role,
        "post",
        "/programmes/potsdam/ideas",
        {"title": "Digitale Akte", "description": "Im Bauamt", "field_of_action": cast.field.pk},
    )
    assert response.status_code == status
    if status == 201:
        assert response.json()["source"] == "staff" and response.json()["is_public"] is False


def test_create_refuses_foreign_field(cast, ideas):
    response = call(
        cast,
        "pmo",
        "post",
        "/programmes/potsdam/ideas",
        {"title": "X", "description": "Y", "field_of_action": 999999},
    )
    assert response.status_code == 422
    assert "field_of_action" in response.json()["errors"]


@pytest.mark.parametrize(
    ("role", "status"), [("pmo", 200), ("change_manager", 403), ("viewer", 403)]
)
def test_moderation_acts(cast, ideas, role, status):
    response = call(cast, role, "post", f"/ideas/{ideas.pending.pk}/approve")
    assert response.status_code == status
    response = call(cast, role, "post", f"/ideas/{ideas.approved.pk}/hide", {"reason": "Spam"})
    assert response.status_code == status


def test_edit_with_note_and_conflict(cast, ideas):
    url = f"/ideas/{ideas.approved.pk}"
    missing_note = call(cast, "pmo", "patch", url, {"title": "Neu", "version": 1})
    assert missing_note.status_code == 422 and "note" in missing_note.json()["errors"]
    ok = call(cast, "pmo", "patch", url, {"title": "Neu", "note": "gekürzt", "version": 1})
    assert ok.status_code == 200 and ok.json()["moderation_note"] == "gekürzt"
    stale = call(cast, "pmo", "patch", url, {"title": "Neuer", "note": "x", "version": 1})
    assert stale.status_code == 409


def test_support_once(cast, ideas):
    first = call(cast, "viewer", "post", f"/ideas/{ideas.approved.pk}/supports")
    second = call(cast, "viewer", "post", f"/ideas/{ideas.approved.pk}/supports")
    assert first.json() == {"created": True, "supports": 1}
    assert second.json() == {"created": False, "supports": 1}


def test_criteria(cast, ideas):
    assert call(cast, "viewer", "get", "/programmes/potsdam/criteria").json()["count"] == 8
    body = {"name": "Nachhaltigkeit", "weight": "2", "scale_min": 1, "scale_max": 3}
    assert call(cast, "viewer", "post", "/programmes/potsdam/criteria", body).status_code == 403
    created = call(cast, "pmo", "post", "/programmes/potsdam/criteria", body)
    assert created.status_code == 201
    bad = call(
        cast, "pmo", "patch", f"/criteria/{created.json()['id']}", {"scale_max": 0, "version": 1}
    )
    assert bad.status_code == 422
    assert bad.json()["errors"]["scale_max"] == [
        "Das Ende der Skala muss größer sein als ihr Anfang."
    ]
    backwards = {"name": "QA scale", "weight": "1", "scale_min": 5, "scale_max": 1}
    refused = call(cast, "pmo", "post", "/programmes/potsdam/criteria", backwards)
    assert refused.status_code == 422
    assert refused.json()["errors"]["scale_max"] == [
        "Das Ende der Skala muss größer sein als ihr Anfang."
    ]


def test_round_flow_and_hidden_scores(cast, ideas):
    body = {
        "name": "Runde",
        "ideas": [ideas.approved.pk],
        "raters": [cast.users["change_manager"].pk, cast.users["viewer"].pk],
    }
    assert (
        call(cast, "change_manager", "post", "/programmes/potsdam/scoring-rounds", body).status_code
        == 403
    )
    created = call(cast, "pmo", "post", "/programmes/potsdam/scoring-rounds", body)
    assert created.status_code == 201
    round_id = created.json()["id"]
    crit = ideas.criteria[0].pk
    sheet = {"scores": [{"idea": ideas.approved.pk, "criterion": crit, "value": 4}]}
    assert (
        call(cast, "change_manager", "put", f"/scoring-rounds/{round_id}/scores", sheet).status_code
        == 200
    )
    assert (
        call(cast, "outsider", "put", f"/scoring-rounds/{round_id}/scores", sheet).status_code
        == 403
    )
    # the viewer (a rater) sees no one else's scores before submitting
    assert call(cast, "viewer", "get", f"/scoring-rounds/{round_id}/scores").json()["items"] == []
    bad = {"scores": [{"idea": ideas.approved.pk, "criterion": crit, "value": 9}]}
    assert call(cast, "viewer", "put", f"/scoring-rounds/{round_id}/scores", bad).status_code == 422
    call(cast, "change_manager", "post", f"/scoring-rounds/{round_id}/submit")
    call(cast, "viewer", "put", f"/scoring-rounds/{round_id}/scores", sheet)
    call(cast, "viewer", "post", f"/scoring-rounds/{round_id}/submit")
    assert call(cast, "viewer", "get", f"/scoring-rounds/{round_id}/scores").json()["count"] == 2
    ranking = call(cast, "viewer", "get", f"/scoring-rounds/{round_id}/ranking").json()
    assert ranking["rows"][0]["rank"] == 1 and ranking["submitted"] == 2
    assert call(cast, "viewer", "post", f"/scoring-rounds/{round_id}/close").status_code == 403
    assert (
        call(cast, "pmo", "post", f"/scoring-rounds/{round_id}/close").json()["state"] == "closed"
    )
    frozen = call(cast, "viewer", "put", f"/scoring-rounds/{round_id}/scores", sheet)
    assert frozen.status_code == 422


def test_workshop_idea_only_for_moderators(cast, ideas):
    body = {
        "title": "X",
        "description": "Y",
        "source": "workshop",
        "source_note": "Workshop 12.03.",
    }
    assert (
        call(cast, "change_manager", "post", "/programmes/potsdam/ideas", body).status_code == 403
    )
    created = call(cast, "pmo", "post", "/programmes/potsdam/ideas", body)
    assert created.status_code == 201
    assert Idea.objects.get(pk=created.json()["id"]).source_note == "Workshop 12.03."
    services.idea_release(
        idea=Idea.objects.get(pk=created.json()["id"]), user=cast.users["pmo"], public=True
    )
