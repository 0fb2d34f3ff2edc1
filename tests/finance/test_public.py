"""Budget totals on the public pages: off by default, switched on by the programme manager
(not the PMO); only published projects count."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lotse.finance import services
from lotse.finance.models import FinanceSettings
from lotse.public.models import ProgrammePublication

from .conftest import make_line


def test_public_budget_totals_only_when_switched_on(cast):
    ProgrammePublication.objects.create(programme=cast.programme, enabled=True)
    cast.project.published = True
    cast.project.save()
    make_line(cast.programme, project=cast.project, amount=Decimal("480000"))
    make_line(cast.programme, project=cast.other_project, amount=Decimal("9000000"))  # unpublished
    client = cast.client("anonymous")
    url = reverse("public:programme", args=[cast.programme.slug])
    project_url = reverse("public:project", args=[cast.programme.slug, cast.project.pk])
    assert "Haushaltsmittel" not in client.get(url).content.decode()
    services.finance_settings_update(
        programme=cast.programme, data={"publish_totals": True}, expected_version=None
    )
    html = client.get(url).content.decode()
    assert "Haushaltsmittel" in html and "480 T€" in html and "9,0 Mio. €" not in html
    assert "480 T€" in client.get(project_url).content.decode()


def _settings_post(cast, role: str, publish: bool):
    data = {"warning_days": "14", "tolerance_percent": "10", "staff_rate": ""}
    if publish:
        data["publish_totals"] = "on"
    url = reverse("finance:settings", args=[cast.programme.slug])
    return cast.client(role).post(url, data)


def test_only_the_programme_manager_switches_the_public_totals(cast):
    _settings_post(cast, "pmo", publish=True)
    found = FinanceSettings.objects.get(programme=cast.programme)
    assert (found.warning_days, found.publish_totals) == (14, False)  # the rest is the PMO's
    form = cast.client("pmo").get(reverse("finance:settings", args=[cast.programme.slug]))
    assert form.context["form"].fields["publish_totals"].disabled
    assert _settings_post(cast, "programme_manager", publish=True).status_code == 302
    assert FinanceSettings.objects.get(programme=cast.programme).publish_totals
    _settings_post(cast, "pmo", publish=False)  # the PMO cannot switch it off either
    assert FinanceSettings.objects.get(programme=cast.programme).publish_totals


def test_the_service_refuses_the_switch_without_the_right(cast):
    with pytest.raises(ValidationError) as refused:
        services.finance_settings_update(
            programme=cast.programme,
            data={"publish_totals": True},
            expected_version=None,
            may_publish=False,
        )
    assert "Programmverantwortlichen" in str(refused.value.message_dict["publish_totals"])


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("programme_manager", True),
        ("pmo", False),
        ("sponsor", False),
        ("project_lead", False),
        ("viewer", False),
        ("outsider", False),
    ],
)
def test_publish_totals_permission(cast, role, allowed):
    assert cast.users[role].has_perm("finance.publish_totals", cast.programme) is allowed
