"""The role matrix of the new pages: every role, every page, exactly the access it should
have (anonymous visitors are sent to the login)."""

import pytest
from django.urls import reverse

from lotse.ideas import services
from tests.roles import ALL_ROLES
from tests.roles import OFFICE
from tests.roles import READERS
from tests.roles import page_status

CONTRIBUTORS = READERS - {"viewer"}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_role_matrix(cast, ideas, role):
    scoring_round = services.round_create(
        programme=cast.programme,
        name="Runde",
        ideas=[ideas.approved],
        raters=[cast.users["change_manager"]],
    )
    services.round_submit(scoring_round=scoring_round, rater=cast.users["change_manager"])
    slug = cast.programme.slug
    jury = OFFICE | {"change_manager"}
    pages = {
        reverse("ideas:list", args=[slug]): READERS,
        reverse("ideas:create", args=[slug]): CONTRIBUTORS,
        reverse("ideas:import", args=[slug]): OFFICE,
        reverse("ideas:import_template", args=[slug]): OFFICE,
        reverse("ideas:settings", args=[slug]): OFFICE,
        reverse("ideas:criteria", args=[slug]): READERS,
        reverse("ideas:criterion_create", args=[slug]): OFFICE,
        reverse("ideas:rounds", args=[slug]): READERS,
        reverse("ideas:detail", args=[ideas.approved.pk]): READERS,
        reverse("ideas:edit", args=[ideas.approved.pk]): OFFICE,
        reverse("ideas:round", args=[scoring_round.pk]): jury,
        reverse("ideas:round_export", args=[scoring_round.pk]): OFFICE,
        reverse("ideas:round_matrix", args=[scoring_round.pk]): jury,
        reverse("glossary:glossary", args=[slug]): READERS,
        reverse("glossary:term_create", args=[slug]): OFFICE,
        reverse("glossary:principles", args=[slug]): READERS,
    }
    client = cast.client(role)
    for url, allowed in pages.items():
        assert client.get(url).status_code == page_status(role, allowed), url
