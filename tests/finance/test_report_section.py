"""The finance section of the committee and field-focus reports, reproducible as of a moment."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from lotse.council_reports import render
from lotse.council_reports.collect import collect_report
from lotse.finance import services
from lotse.finance.models import BudgetLine
from tests.factories import FieldOfActionFactory
from tests.factories import ProjectFactory

from .conftest import make_deadline
from .conftest import make_line


def test_finance_section_as_of_a_moment(cast):
    today = timezone.localdate()
    line = make_line(
        cast.programme,
        project=cast.project,
        year_from=today.year,
        amount=Decimal("480000"),
        funded_amount=Decimal("100000"),
    )
    services.actual_set(
        line=line, month=date(today.year, 1, 1), actual=Decimal("120000"), committed=Decimal("5000")
    )
    make_deadline(
        cast.programme,
        "Verwendungsnachweis",
        today.replace(day=1),
        kind="proof",
        consequence="Rückforderung droht.",
        body="",
    )
    then = timezone.now()
    # later changes must not alter the report as of `then`
    services.budget_line_update(
        line=BudgetLine.objects.get(pk=line.pk),
        data={"amount": Decimal("900000")},
        expected_version=None,
    )
    services.actual_set(line=line, month=date(today.year, 1, 1), actual=Decimal("999999"))

    report = collect_report(programme=cast.programme, kind="committee", as_of=today, moment=then)
    section = report.finance
    assert section.year == today.year
    [row] = section.rows
    assert (row.label, row.plan, row.actual, row.committed, row.funded) == (
        cast.field.name,
        Decimal("480000"),
        Decimal("120000"),
        Decimal("5000"),
        Decimal("100000"),
    )
    assert [d.title for d in section.deadlines] == ["Verwendungsnachweis"]
    html = render.render_html(report)
    assert "480 T€" in html and "120 T€" in html and "Rückforderung droht." in html

    now = collect_report(programme=cast.programme, kind="committee", as_of=today)
    assert now.finance.rows[0].plan == Decimal("900000")


def test_focus_report_shows_only_its_field(cast):
    today = timezone.localdate()
    other_field = FieldOfActionFactory(programme=cast.programme, name="Smart City")
    other = ProjectFactory(field_of_action=other_field)
    make_line(cast.programme, project=cast.project, year_from=today.year, amount=Decimal("1000"))
    make_line(cast.programme, project=other, year_from=today.year, amount=Decimal("7000000"))
    report = collect_report(
        programme=cast.programme, kind="focus", as_of=today, field_id=other_field.pk
    )
    assert [(r.label, r.plan) for r in report.finance.rows] == [("Smart City", Decimal("7000000"))]
    assert report.finance.deadlines == []
    staff = collect_report(programme=cast.programme, kind="staff_council", as_of=today)
    assert staff.finance is None
