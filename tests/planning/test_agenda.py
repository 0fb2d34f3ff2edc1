"""On the Transformationskonferenz agenda a release proposal shows its capacity demand, the
load of the org units without and with it, and the budget it needs."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from lotse.finance.services import budget_line_create
from lotse.governance.models import AgendaItem
from tests.governance.conftest import make_series
from tests.governance.conftest import meeting_of

from .factories import AllocationFactory
from .factories import AvailabilityFactory
from .factories import EstimateFactory
from .factories import WorkPackageFactory


def test_release_proposal_shows_capacity_demand_and_budget(cast):
    wp = WorkPackageFactory(
        project=cast.project, planned_start=date(2026, 1, 1), planned_end=date(2026, 1, 31)
    )
    EstimateFactory(work_package=wp, org_unit=cast.org_unit, hours=Decimal("40"))  # 5 PT
    AllocationFactory(project=cast.other_project, org_unit=cast.org_unit, person_days=Decimal("5"))
    AvailabilityFactory(programme=cast.programme, org_unit=cast.org_unit, amount=Decimal("20"))
    budget_line_create(
        programme=cast.programme,
        data={
            "project": cast.project,
            "kind": "expense",
            "year_from": 2026,
            "amount": Decimal("70000"),
        },
    )
    meeting = meeting_of(make_series(cast.programme, name="Transformationskonferenz"))
    AgendaItem.objects.create(
        meeting=meeting,
        kind=AgendaItem.Kind.INITIATION,
        title="Freigabe: Kommunalportal",
        project=cast.project,
    )
    html = cast.client("pmo").get(reverse("governance:meeting_detail", args=[meeting.pk]))
    text = html.content.decode()
    assert "Kapazitätsbedarf bei Freigabe" in text
    assert "50 %" in text and "100 %" in text  # load of GB 9 in 01/2026 without and with it
    assert "Geschäftsbereich Oberbürgermeister" in text
    assert "70.000" in text
