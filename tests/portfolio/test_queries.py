"""Pages keep a constant number of SQL queries however many projects there are.

The constancy tests compare 5 with 20 projects and shrink the target picture's cap per field and
the project list's page to 8 projects, so that the small case stays under them and the large
one goes past them (as 10 and 500 projects did with the real caps of 40 and 100).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lotse.portfolio import selectors as portfolio_selectors
from lotse.portfolio import views as portfolio_views
from tests.factories import OrgUnitFactory
from tests.factories import ProjectFactory
from tests.jobs.helpers import export_queries


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _grow_to(cast, total: int) -> None:
    units = [OrgUnitFactory() for _ in range(3)]
    missing = total - cast.programme.projects.count()
    for i in range(missing):
        ProjectFactory(
            field_of_action=cast.field,
            org_unit=units[i % 3],
            lead=cast.users["project_lead"],
            change_manager=cast.users["change_manager"],
            parent=cast.project if i % 5 == 0 else None,
        )


@pytest.mark.parametrize(
    "name,arg",
    [
        ("portfolio:target_picture", "slug"),
        ("portfolio:project_list", "slug"),
        ("portfolio:goal_matrix", "slug"),
    ],
)
def test_programme_pages_have_constant_queries(cast, name, arg, monkeypatch):
    monkeypatch.setattr(portfolio_selectors, "TARGET_PICTURE_PROJECTS_PER_FIELD", 8)
    monkeypatch.setattr(portfolio_views, "PROJECTS_PER_PAGE", 8)
    url = reverse(name, args=[cast.programme.slug])
    client = cast.client("pmo")
    _grow_to(cast, 5)
    small = _count(client, url)
    _grow_to(cast, 20)
    large = _count(client, url)
    assert large == small, f"{name}: {small} queries for 5 projects, {large} for 20"


def test_project_list_xlsx_has_constant_queries(cast):
    url = reverse("portfolio:project_list_xlsx", args=[cast.programme.slug])
    client = cast.client("viewer")
    _grow_to(cast, 5)
    small = export_queries(client, url)
    _grow_to(cast, 20)
    assert export_queries(client, url) == small


def test_target_picture_caps_long_fields_and_links_to_the_rest(cast):
    from lotse.portfolio.selectors import TARGET_PICTURE_PROJECTS_PER_FIELD

    _grow_to(cast, TARGET_PICTURE_PROJECTS_PER_FIELD + 5)
    url = reverse("portfolio:target_picture", args=[cast.programme.slug])
    page = cast.client("viewer").get(url).content.decode()
    assert "… und 5 weitere Projekte" in page
    assert f"?field={cast.field.pk}" in page


def test_project_list_is_paginated(cast):
    from lotse.portfolio.views import PROJECTS_PER_PAGE

    _grow_to(cast, PROJECTS_PER_PAGE + 3)
    url = reverse("portfolio:project_list", args=[cast.programme.slug])
    client = cast.client("viewer")
    first = client.get(url, {"sort": "title"})
    assert len(first.context["projects"]) == PROJECTS_PER_PAGE
    assert f"{PROJECTS_PER_PAGE + 3} Projekte gefunden" in first.content.decode()
    second = client.get(url, {"sort": "title", "seite": 2})
    assert len(second.context["projects"]) == 3
    assert "sort=title&amp;seite=1" in second.content.decode()


def test_target_picture_lists_running_projects_first(cast):
    from lotse.portfolio.models import Stage

    ProjectFactory(field_of_action=cast.field, title="AAA Idee", stage=Stage.IDEA)
    ProjectFactory(field_of_action=cast.field, title="ZZZ läuft", stage=Stage.RUNNING)
    url = reverse("portfolio:target_picture", args=[cast.programme.slug])
    response = cast.client("viewer").get(url)
    (overview,) = response.context["outward"]
    titles = [p.title for p in overview.projects]
    # running before ideas, then by title
    assert titles == ["ZZZ läuft", "AAA Idee", "Beteiligungsportal", "Kommunalportal"]
    assert overview.total == 4
