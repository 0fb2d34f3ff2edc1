"""lotse.accounts.roles: every kind of role read in one query, the programme tree only when the
user holds a programme role."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from lotse.accounts.models import ProgrammeRole
from lotse.accounts.models import ProjectRole
from lotse.accounts.roles import load_roles
from tests.factories import ProgrammeFactory
from tests.factories import ProgrammeRoleFactory
from tests.factories import ProjectFactory
from tests.factories import ProjectRoleFactory
from tests.factories import UserFactory


def test_programme_project_and_lead_roles_in_two_queries(db):
    user = UserFactory()
    parent = ProgrammeFactory()
    child = ProgrammeFactory(parent=parent)
    ProgrammeFactory()  # a programme the user has nothing to do with
    ProgrammeRoleFactory(user=user, programme=parent, role=ProgrammeRole.Role.VIEWER)
    member_of = ProjectFactory()
    ProjectRoleFactory(user=user, project=member_of, role=ProjectRole.Role.MEMBER)
    led = ProjectFactory(lead=user)
    ProjectRoleFactory(user=user, project=led, role=ProjectRole.Role.MEMBER)

    with CaptureQueriesContext(connection) as queries:
        roles = load_roles(user)

    assert len(queries) == 2  # all roles at once, then the programme tree
    assert roles.programme == {parent.pk: {"viewer"}, child.pk: {"viewer"}}
    assert roles.project == {member_of.pk: {"member"}, led.pk: {"member", "project_lead"}}
    assert roles.member_programmes == {member_of.programme_id, led.programme_id}
    assert roles.visible_programme_ids() == {
        parent.pk,
        child.pk,
        member_of.programme_id,
        led.programme_id,
    }


def test_without_a_programme_role_the_tree_is_not_read(db):
    user = UserFactory()
    project = ProjectFactory(lead=user)

    with CaptureQueriesContext(connection) as queries:
        roles = load_roles(user)

    assert len(queries) == 1
    assert roles.programme == {}
    assert roles.project == {project.pk: {"project_lead"}}


def test_a_user_without_roles_has_none(db):
    other = UserFactory()
    ProgrammeRoleFactory(user=other)
    ProjectRoleFactory(user=other)
    roles = load_roles(UserFactory())
    assert roles.programme == {} and roles.project == {} and roles.member_programmes == set()
