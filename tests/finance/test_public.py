"""Budget totals on the public pages: off by default, switched on by the programme office;
only published projects count."""

from decimal import Decimal

from django.urls import reverse

from lotse.finance import services
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
