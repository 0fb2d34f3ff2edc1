"""Every model registered in the admin has a working list and add page for the operator."""

import pytest
from django.contrib import admin
from django.urls import reverse

from lotse.accounts.models import User

APPS = {"boards", "finance", "governance", "okr", "reports", "public"}
MODELS = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label in APPS
)


@pytest.mark.parametrize(("app", "model"), MODELS)
def test_admin_list_page_opens(db, client, app, model):
    client.force_login(User.objects.create_superuser("op", "op@example.org", "x"))
    response = client.get(reverse(f"admin:{app}_{model}_changelist"))
    assert response.status_code == 200


def test_boards_and_governance_are_in_the_admin():
    assert {"board", "card", "meetingseries", "meeting", "decision", "reportingduty"} <= {
        m for _a, m in MODELS
    }
