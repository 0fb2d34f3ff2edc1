"""The overview and the committee table keep a constant number of queries: 3 vs 8 projects
with 5 years × 4 lines each (one query per project, line or unit shows as a difference; the
sizes were 10 vs 500 until the suite got too slow)."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from lotse.finance.committee import unit_heading
from lotse.finance.models import Actual
from lotse.finance.models import BudgetLine
from lotse.portfolio.models import Project
from tests.factories import OrgUnitFactory
from tests.jobs.helpers import content
from tests.jobs.helpers import finished
from tests.queries import assert_constant_queries
from tests.queries import page_queries


def _grow_to(cast, total: int, units) -> None:
    have = Project.objects.filter(programme=cast.programme).count()
    projects = Project.objects.bulk_create(
        Project(programme=cast.programme, field_of_action=cast.field, title=f"P {i}")
        for i in range(have, total)
    )
    lines = BudgetLine.objects.bulk_create(
        BudgetLine(
            programme=cast.programme,
            project=project,
            org_unit=units[(i + kind) % len(units)],
            title=project.title,
            kind=("expense", "invest")[kind % 2],
            year_from=2024 + year,
            year_to=2024 + year,
            amount=Decimal("1000") * (year + 1),
            funded_amount=Decimal("100") if kind == 3 else None,
            position=kind,
        )
        for i, project in enumerate(projects)
        for year in range(5)
        for kind in range(4)
    )
    Actual.objects.bulk_create(
        Actual(budget_line=line, month=date(line.year_from, 3, 1), actual=Decimal("10"))
        for line in lines[::3]
    )


@pytest.fixture
def units(cast):
    """The organisational units the grown programme's rows are spread over."""
    return [OrgUnitFactory() for _ in range(3)]


@pytest.mark.parametrize(
    "name",
    ["finance:overview", "finance:committee", "finance:fundings"],
)
def test_programme_finance_pages_have_constant_queries(cast, units, name):
    url = reverse(name, args=[cast.programme.slug])
    assert_constant_queries(cast.client("pmo"), url, lambda n: _grow_to(cast, n, units), (3, 8))


def test_committee_xlsx_job_has_constant_queries(cast, units):
    from lotse.finance.views.programme import committee_xlsx_document
    from lotse.jobs.requests import worker_request

    request = worker_request(cast.users["pmo"])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            committee_xlsx_document(request, cast.programme.slug)
        return len(ctx.captured_queries)

    _grow_to(cast, 3, units)
    count()  # the roles cache fills once per user
    small = count()
    _grow_to(cast, 8, units)
    assert count() == small


def test_overview_grouped_by_project_has_constant_queries(cast, units):
    url = reverse("finance:overview", args=[cast.programme.slug]) + "?gruppe=project&jahr=2026"
    client = cast.client("viewer")
    _grow_to(cast, 3, units)
    small = page_queries(client, url)
    _grow_to(cast, 8, units)
    assert page_queries(client, url) == small


def test_a_large_committee_table_shows_one_org_unit_per_page(cast, units):
    _grow_to(cast, 30, units)  # 30 × 20 = 600 lines, more than one page holds
    client = cast.client("pmo")
    url = reverse("finance:committee", args=[cast.programme.slug])
    page = client.get(url + "?planung=*")
    assert page.context["paged"]
    first = page.context["unit_id"]
    assert {b.org_unit.pk for b in page.context["table"].blocks} == {first}
    html = page.content.decode()
    others = [u.pk for u in units if u.pk != first]
    assert all(f"einheit={pk}" in html for pk in others)
    second = client.get(url + f"?planung=*&einheit={others[0]}")
    assert {b.org_unit.pk for b in second.context["table"].blocks} == {others[0]}
    # the columns are the round's, the same on every page
    assert second.context["table"].columns == page.context["table"].columns
    xlsx = finished(
        client.post(reverse("finance:committee_xlsx", args=[cast.programme.slug]) + "?planung=*")
    )
    cells = {
        c.value for row in load_workbook(BytesIO(content(xlsx))).active.iter_rows() for c in row
    }
    assert all(any(str(v).startswith(unit_heading(u)) for v in cells if v) for u in units)
