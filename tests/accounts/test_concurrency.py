"""Two people granting one programme role at once: real concurrent transactions on
PostgreSQL, one after the other on SQLite (see tests/concurrency.py)."""

import pytest

from lotse.accounts.models import ProgrammeRole
from lotse.accounts.services import programme_role_grant
from tests.concurrency import at_once
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_grants_of_one_role_without_org_unit_at_once_make_one_grant(cast):
    # The unique constraint (user, programme, role, org_unit) does not hold on PostgreSQL
    # where org_unit is NULL (NULLs are distinct): the service must not insert twice.
    person = UserFactory()

    def grant():
        return programme_role_grant(
            user=person, programme=cast.programme, role=ProgrammeRole.Role.VIEWER
        )

    errors = at_once([grant, grant], pause_at=(ProgrammeRole, "save"))

    assert errors == []
    assert ProgrammeRole.objects.filter(user=person, programme=cast.programme).count() == 1
    grant()  # a later grant of the same role finds the one row
