"""The standard cast: one programme, one project, and a person for every role."""

from dataclasses import dataclass

import pytest
from django.test import Client

from lotse.accounts.models import ProgrammeRole, ProjectRole

from .factories import (
    FieldOfActionFactory,
    OrgUnitFactory,
    ProgrammeFactory,
    ProgrammeRoleFactory,
    ProjectFactory,
    ProjectRoleFactory,
    StrategicGoalFactory,
    UserFactory,
)

ROLES = [
    "sponsor",
    "programme_manager",
    "pmo",
    "change_manager",
    "project_lead",
    "member",
    "viewer",
    "outsider",
    "anonymous",
]


@dataclass
class Cast:
    programme: object
    field: object
    project: object
    other_project: object
    goal: object
    org_unit: object
    users: dict

    def client(self, role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(self.users[role])
        return client


@pytest.fixture
def cast(db) -> Cast:
    org_unit = OrgUnitFactory(code="GB 9", name="Geschäftsbereich Oberbürgermeister")
    goal = StrategicGoalFactory(name="Digitales Potsdam")
    programme = ProgrammeFactory(name="Potsdam smart", slug="potsdam")
    programme.strategic_goals.add(goal)
    field = FieldOfActionFactory(programme=programme, name="Digitaler Bürgerservice")
    users = {role: UserFactory(username=role) for role in ROLES if role != "anonymous"}
    project = ProjectFactory(
        field_of_action=field, title="Kommunalportal", lead=users["project_lead"]
    )
    other_project = ProjectFactory(field_of_action=field, title="Beteiligungsportal")
    for role in ("sponsor", "programme_manager", "pmo", "viewer"):
        ProgrammeRoleFactory(user=users[role], programme=programme, role=role)
    ProgrammeRoleFactory(
        user=users["change_manager"],
        programme=programme,
        role=ProgrammeRole.Role.CHANGE_MANAGER,
        org_unit=org_unit,
    )
    ProjectRoleFactory(user=users["member"], project=project, role=ProjectRole.Role.MEMBER)
    return Cast(programme, field, project, other_project, goal, org_unit, users)


@pytest.fixture
def api_client():
    return Client()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashing costs ~0.2 s per user; the cast alone has eight.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
