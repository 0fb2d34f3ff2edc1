"""Helpers for the API tests: JSON calls and a few extra objects next to the standard cast."""

from dataclasses import dataclass

import pytest

from lotse.portfolio.models import Dependency, GoalContribution

from ..conftest import ROLES

API = "/api/v1"

EVERYONE = dict.fromkeys(ROLES, 200) | {"anonymous": 401}
READERS = EVERYONE | {"outsider": 403}
NOBODY = dict.fromkeys(ROLES, 403) | {"anonymous": 401}


def office(ok: int) -> dict:
    """Only programme manager and PMO."""
    return NOBODY | {"programme_manager": ok, "pmo": ok}


def office_and_lead(ok: int) -> dict:
    """Programme manager, PMO and the lead of cast.project."""
    return office(ok) | {"project_lead": ok}


def call(client, method: str, path: str, body=None, **headers):
    """One JSON request; `path` is relative to /api/v1."""
    send = getattr(client, method.lower())
    if body is None:
        return send(API + path, headers=headers)
    return send(API + path, body, content_type="application/json", headers=headers)


@dataclass
class World:
    dependency_own: Dependency  # source is cast.project, which project_lead leads
    dependency_other: Dependency  # source is cast.other_project
    contribution: GoalContribution


@pytest.fixture
def world(cast) -> World:
    own = Dependency.objects.create(
        source=cast.project, target=cast.other_project, kind=Dependency.Kind.NEEDS
    )
    other = Dependency.objects.create(
        source=cast.other_project, target=cast.project, kind=Dependency.Kind.BLOCKS
    )
    contribution = GoalContribution.objects.create(
        project=cast.project, strategic_goal=cast.goal, level=GoalContribution.Level.UNCLEAR
    )
    return World(own, other, contribution)
