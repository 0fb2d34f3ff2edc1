"""The review's "ins nächste Quartal übernehmen" carries the objective forward; closing a
quarter with missing reviews asks first and names them."""

import pytest
from django.urls import reverse

from lotse.okr import services
from lotse.okr.models import KeyResult
from lotse.okr.models import Objective
from lotse.okr.models import Quarter

from .conftest import set_state
from .factories import QuarterFactory

CARRY = {"outcome": "partly", "next_step": "carry_over"}


def _review(okr, objective, data, user):
    return services.objective_review_save(
        objective=objective, data=data, user=user, expected_version=None
    )


def test_carry_over_copies_into_an_existing_next_quarter_at_once(cast, okr):
    set_state(okr.quarter, "review")
    following = QuarterFactory(programme=cast.programme, year=2026, number=3, state="planning")
    _review(okr, okr.objective, CARRY, cast.users["project_lead"])
    copy = Objective.objects.get(copied_from=okr.objective)
    assert copy.quarter == following and copy.title == "Portal nutzen"
    assert copy.state == "draft"
    # start value of the copy is the last check-in value of the original
    assert KeyResult.objects.get(objective=copy).start_value == 200
    # saving the review again does not copy twice
    _review(okr, okr.objective, CARRY | {"learnings": "mehr testen"}, cast.users["project_lead"])
    assert Objective.objects.filter(copied_from=okr.objective).count() == 1


def test_drop_does_not_carry_over(cast, okr):
    set_state(okr.quarter, "review")
    QuarterFactory(programme=cast.programme, year=2026, number=3, state="planning")
    _review(okr, okr.objective, {"outcome": "partly", "next_step": "drop"}, None)
    assert not Objective.objects.filter(copied_from=okr.objective).exists()


def test_closing_the_quarter_carries_over_and_creates_the_next_quarter(cast, okr):
    set_state(okr.quarter, "review")
    _review(okr, okr.objective, CARRY, cast.users["project_lead"])
    _review(okr, okr.other_objective, {"outcome": "reached", "next_step": "drop"}, None)
    assert not Quarter.objects.filter(year=2026, number=3).exists()
    services.quarter_transition(quarter=okr.quarter, to_state="closed", expected_version=None)
    following = Quarter.objects.get(programme=cast.programme, year=2026, number=3)
    assert following.state == "planning"
    assert list(
        Objective.objects.filter(quarter=following).values_list("copied_from", flat=True)
    ) == [okr.objective.pk]


def test_closing_carries_over_into_a_next_quarter_created_meanwhile(cast, okr, monkeypatch):
    # The PMO closes the quarter while a colleague creates the next one: both find it
    # missing, the colleague's is committed first. Simulated in one transaction: it appears
    # after closing looked for it (while it works out which quarter follows).
    set_state(okr.quarter, "review")
    _review(okr, okr.objective, CARRY, cast.users["project_lead"])
    _review(okr, okr.other_objective, {"outcome": "reached", "next_step": "drop"}, None)
    follows = services.following
    other = []

    def after_the_colleague(year, number):
        other.append(QuarterFactory(programme=cast.programme, year=2026, number=3))
        return follows(year, number)

    monkeypatch.setattr(services, "following", after_the_colleague)
    services.quarter_transition(quarter=okr.quarter, to_state="closed", expected_version=None)

    assert okr.quarter.state == "closed"
    copy = Objective.objects.get(copied_from=okr.objective)
    assert copy.quarter == other[0]


def test_closing_with_missing_reviews_names_them_and_needs_confirmation(cast, okr):
    set_state(okr.quarter, "review")
    _review(okr, okr.objective, CARRY, cast.users["project_lead"])
    with pytest.raises(services.MissingReviews) as exc:
        services.quarter_transition(quarter=okr.quarter, to_state="closed", expected_version=None)
    assert exc.value.objectives == [okr.other_objective]
    assert "„Beteiligung“ (Beteiligungsportal)" in exc.value.messages[0]
    okr.quarter.refresh_from_db()
    assert okr.quarter.state == "review"
    assert not Objective.objects.filter(copied_from=okr.objective).exists()
    services.quarter_transition(
        quarter=okr.quarter, to_state="closed", expected_version=None, confirm_missing_reviews=True
    )
    assert okr.quarter.state == "closed"
    assert Objective.objects.filter(copied_from=okr.objective).count() == 1


def test_close_page_asks_for_confirmation(cast, okr):
    set_state(okr.quarter, "review")
    client = cast.client("pmo")
    url = reverse("okr:quarter_transition", args=[okr.quarter.pk])
    response = client.post(url, {"state": "closed", "version": okr.quarter.version})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Für 2 Objectives fehlt noch das OKR-Review" in page
    assert "Portal nutzen" in page and "Beteiligung" in page
    assert 'name="confirm_missing_reviews" value="1"' in page
    okr.quarter.refresh_from_db()
    assert okr.quarter.state == "review"
    response = client.post(
        url,
        {"state": "closed", "version": okr.quarter.version, "confirm_missing_reviews": "1"},
    )
    assert response.status_code == 302
    okr.quarter.refresh_from_db()
    assert okr.quarter.state == "closed"


def test_api_refuses_closing_with_missing_reviews_unless_confirmed(cast, okr):
    set_state(okr.quarter, "review")
    client = cast.client("pmo")
    url = f"/api/v1/quarters/{okr.quarter.pk}/transition"
    response = client.post(url, {"state": "closed"}, content_type="application/json")
    assert response.status_code == 422
    assert "Portal nutzen" in response.content.decode()
    response = client.post(
        url, {"state": "closed", "confirm_missing_reviews": True}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["state"] == "closed"


def test_review_page_says_where_the_objective_went(cast, okr):
    set_state(okr.quarter, "review")
    QuarterFactory(programme=cast.programme, year=2026, number=3, state="planning")
    client = cast.client("project_lead")
    url = reverse("okr:review_edit", args=[okr.objective.pk])
    response = client.post(url, {"outcome": "partly", "next_step": "carry_over"}, follow=True)
    assert "„Portal nutzen“ ist in das Quartal Q3/2026 übernommen." in response.content.decode()
