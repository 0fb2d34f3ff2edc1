"""Lists keep a constant number of SQL queries, however many rows they return."""

import pytest

from lotse.portfolio.models import Dependency
from lotse.portfolio.models import GoalContribution
from lotse.portfolio.models import Project

from ..factories import OrgUnitFactory
from ..factories import ProjectFactory
from ..factories import StrategicGoalFactory
from ..factories import UserFactory
from .conftest import api_queries
from .conftest import call

# Pages of 10 rows (the API allows up to 100): the small case fills part of a page, the large
# one a whole page, so one query per row shows as a difference (this took 500 projects with
# pages of 100).
PAGE = "page_size=10"


def grow_projects(cast, count: int) -> None:
    """`count` more projects, each with lead, change manager, org unit and a parent."""
    leads = [UserFactory() for _ in range(3)]
    units = [OrgUnitFactory() for _ in range(3)]
    for i in range(0, count, 10):
        ProjectFactory.create_batch(
            min(10, count - i),
            field_of_action=cast.field,
            lead=leads[i % 3],
            change_manager=leads[(i + 1) % 3],
            org_unit=units[i % 3],
            parent=cast.project,
        )


@pytest.mark.parametrize("role", ["pmo", "project_lead", "viewer"])
@pytest.mark.parametrize(
    "query", [PAGE, PAGE + "&sort=lead", PAGE + "&q=Projekt&sort=org_unit&stage=idea"]
)
def test_project_list_queries_do_not_grow(cast, role, query, django_assert_max_num_queries):
    client = cast.client(role)
    path = f"/programmes/potsdam/projects?{query}"
    grow_projects(cast, 4)
    small = api_queries(client, path)

    grow_projects(cast, 12)
    assert Project.objects.count() == 18
    response = call(client, "GET", path)
    assert response.json()["count"] >= 16
    assert len(response.json()["items"]) == 10
    assert api_queries(client, path) == small
    with django_assert_max_num_queries(12):
        call(client, "GET", path)


def test_goal_contribution_list_queries_do_not_grow(cast):
    client = cast.client("viewer")
    path = f"/programmes/potsdam/goal-contributions?{PAGE}"
    goals = [cast.goal] + [StrategicGoalFactory() for _ in range(2)]
    cast.programme.strategic_goals.add(*goals)

    def contribute(projects):
        GoalContribution.objects.bulk_create(
            GoalContribution(project=p, strategic_goal=g) for p in projects for g in goals
        )

    grow_projects(cast, 1)  # 3 projects × 3 goals: 9 rows, part of a page
    contribute(Project.objects.all())
    small = api_queries(client, path)
    before = set(Project.objects.values_list("pk", flat=True))
    grow_projects(cast, 4)
    contribute(Project.objects.exclude(pk__in=before))
    assert api_queries(client, path) == small


def test_dependency_list_queries_do_not_grow(cast):
    client = cast.client("project_lead")
    path = f"/projects/{cast.project.pk}/dependencies"
    small = api_queries(client, path)
    grow_projects(cast, 5)
    others = Project.objects.exclude(pk=cast.project.pk)
    Dependency.objects.bulk_create(
        Dependency(source=cast.project, target=p, kind="needs") for p in others
    )
    Dependency.objects.bulk_create(
        Dependency(source=p, target=cast.project, kind="blocks") for p in others
    )
    assert call(client, "GET", path).json()["count"] == 12
    assert api_queries(client, path) == small


def test_programme_org_unit_and_field_lists_do_not_grow(cast):
    from ..factories import FieldOfActionFactory
    from ..factories import ProgrammeFactory
    from ..factories import ProgrammeRoleFactory

    client = cast.client("pmo")
    paths = ["/programmes", "/org-units", "/programmes/potsdam/fields"]
    small = [api_queries(client, p) for p in paths]
    for _ in range(20):
        programme = ProgrammeFactory(parent=cast.programme)
        programme.strategic_goals.add(cast.goal, StrategicGoalFactory())
        ProgrammeRoleFactory(user=cast.users["pmo"], programme=programme, role="pmo")
        FieldOfActionFactory(programme=cast.programme)
        OrgUnitFactory(parent=cast.org_unit)
    assert call(client, "GET", "/programmes").json()["count"] == 21
    assert [api_queries(client, p) for p in paths] == small
