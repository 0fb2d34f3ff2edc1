from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from lotse.finance import selectors
from lotse.finance import services
from lotse.finance.figures import Figures
from lotse.finance.models import Actual
from lotse.finance.models import BudgetLine
from lotse.finance.models import Deadline
from lotse.portfolio.services import EditConflict

from .conftest import make_contract
from .conftest import make_line


def test_a_budget_line_is_never_negative_and_never_absurd(cast):
    with pytest.raises(ValidationError) as caught:
        make_line(cast.programme, project=cast.project, amount=Decimal("-1"))
    assert "amount" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        make_line(cast.programme, project=cast.project, amount=Decimal("1000000000.01"))
    assert "unplausibel" in caught.value.message_dict["amount"][0]
    assert not BudgetLine.objects.exists()


def test_span_must_be_ordered_and_title_defaults_to_the_project(cast):
    with pytest.raises(ValidationError) as caught:
        make_line(cast.programme, project=cast.project, year_from=2027, year_to=2025)
    assert "year_to" in caught.value.message_dict
    line = make_line(cast.programme, project=cast.project)
    assert line.title == cast.project.title
    assert line.year_to == 2026


def test_years_outside_the_term_are_allowed_with_a_warning(cast):
    cast.programme.start_date, cast.programme.end_date = date(2024, 1, 1), date(2025, 12, 31)
    assert services.term_warning(cast.programme, 2024, 2025) is None
    warning = services.term_warning(cast.programme, 2025, 2027)
    assert "außerhalb der Laufzeit" in warning and "2025–2027" in warning


def test_version_check_refuses_a_stale_edit(money):
    line = BudgetLine.objects.get(pk=money.line.pk)
    services.budget_line_update(line=line, data={"purpose": "A"}, expected_version=1)
    stale = BudgetLine.objects.get(pk=money.line.pk)
    with pytest.raises(EditConflict):
        services.budget_line_update(line=stale, data={"purpose": "B"}, expected_version=1)
    assert BudgetLine.objects.get(pk=money.line.pk).purpose == "A"


def test_a_lead_may_not_touch_the_status_planned(money):
    with pytest.raises(ValidationError) as caught:
        services.budget_line_update(
            line=money.line, data={"status": "planned"}, expected_version=None, by_office=False
        )
    assert "status" in caught.value.message_dict
    services.budget_line_update(
        line=money.line, data={"status": "planned"}, expected_version=None, by_office=True
    )


def test_negative_actual_only_as_correction_with_reason(money):
    with pytest.raises(ValidationError) as caught:
        services.actual_set(line=money.line, month=date(2026, 4, 1), actual=Decimal("-500"))
    assert "Korrektur" in caught.value.message_dict["actual"][0]
    row, changed = services.actual_set(
        line=money.line,
        month=date(2026, 4, 17),
        actual=Decimal("-500"),
        correction_reason="Storno Rechnung 2026-118",
    )
    assert changed and row.month == date(2026, 4, 1)


def test_setting_the_same_actual_again_changes_nothing(money):
    before = Actual.history.count()
    row, changed = services.actual_set(
        line=money.line, month=date(2026, 3, 1), actual=Decimal("30000")
    )
    assert not changed
    assert Actual.history.count() == before


def test_support_contract_reproduces_seed_000(cast):
    contract = make_contract(
        cast.programme,
        title="Externe Begleitung 2024",
        person_days=Decimal("60"),
        day_rate=Decimal("1280"),
    )
    assert contract.net == Decimal("76800.00")
    assert contract.gross == Decimal("91392.00")
    with pytest.raises(ValidationError) as caught:
        services.call_off_create(
            contract=contract, month=date(2025, 1, 1), days=Decimal("3"), purpose="PMO"
        )
    assert "Vertragslaufzeit" in caught.value.message_dict["month"][0]
    with pytest.raises(ValidationError):
        services.call_off_create(
            contract=contract, month=date(2024, 2, 1), days=Decimal("-1"), purpose="PMO"
        )
    services.call_off_create(
        contract=contract, month=date(2024, 2, 1), days=Decimal("5"), purpose="PMO und OKR"
    )
    [found] = selectors.contracts_with_pace([contract], date(2024, 2, 20))
    assert found.pace.used_days == Decimal("5")
    assert found.pace.remaining_gross == Decimal("83776.00")  # 55 × 1.280 × 1,19


def test_decision_deadline_needs_the_deciding_body(cast):
    data = {
        "kind": "decision",
        "title": "Beschluss Smart-City-Strategie",
        "due_date": date(2023, 11, 8),
        "consequence": "Ohne Beschluss scheitert die Förderung.",
    }
    with pytest.raises(ValidationError) as caught:
        services.deadline_create(programme=cast.programme, data=data)
    assert "body" in caught.value.message_dict
    deadline = services.deadline_create(
        programme=cast.programme, data=data | {"body": "strategy_bk"}
    )
    assert deadline.is_overdue(date(2023, 11, 9))
    services.deadline_mark_met(
        deadline=deadline, met_on=date(2023, 11, 8), resolution="Beschluss der StVV"
    )
    assert not deadline.is_overdue(date(2023, 11, 9))
    assert Deadline.objects.get().status == "met"


def test_project_finance_sums_per_year_and_kind(money, cast):
    finance = selectors.project_finance(cast.project, date(2026, 3, 31))
    by_key = {(row.year, row.kind): row.figures for row in finance.rows}
    assert by_key[(2026, "expense")].plan == Decimal("120000")
    assert by_key[(2026, "expense")].actual == Decimal("30000")
    assert by_key[(2026, "expense")].remaining == Decimal("90000")
    assert by_key[(2027, "invest")].plan == Decimal("100000")
    assert finance.total.plan == Decimal("420000")
    assert finance.year_figures.plan == Decimal("220000")
    # 30.000 in three months → 120.000 for the year, within plan
    assert [r.forecast for r in finance.rows if r.year == 2026 and r.kind == "expense"] == [
        Decimal("120000.00")
    ]
    assert finance.burn[2][2] == Decimal("30000")  # cumulative actual by March
    assert finance.burn[3][2] is None  # April has not begun


def test_overview_groups_filters_and_funded_share(money, cast):
    services.budget_line_update(
        line=money.planned_line,
        data={"funded_amount": Decimal("150000")},
        expected_version=None,
    )
    overview = selectors.programme_overview(cast.programme, grouping="kind")
    plans = {b.key: b.figures.plan for b in overview.groups}
    assert plans == {"expense": Decimal("125000"), "invest": Decimal("300000")}
    assert overview.total.funded_percent == 35  # 150.000 of 425.000
    only_2027 = selectors.programme_overview(cast.programme, grouping="year", year=2027)
    assert [(b.key, b.figures.plan) for b in only_2027.groups] == [(2027, Decimal("100000"))]


@pytest.mark.parametrize("grouping", ["field", "org_unit", "year", "kind", "project"])
@pytest.mark.parametrize("year", [None, 2027])
def test_overview_sums_in_sql_equal_the_line_by_line_figures(money, cast, grouping, year):
    """The overview sums plain lines in SQL and spreads spans and staff lines in Python: the
    result is the same, to the cent, as adding up every line's own figures."""
    services.finance_settings_update(
        programme=cast.programme, data={"staff_rate": Decimal("70000")}, expected_version=None
    )
    services.budget_line_update(
        line=money.planned_line, data={"funded_amount": Decimal("100000.01")}, expected_version=None
    )
    services.budget_line_create(  # a programme line without project, field or org unit
        programme=cast.programme,
        data={"kind": "expense", "year_from": 2027, "amount": Decimal("333.33"), "title": "PMO"},
    )
    services.budget_line_create(
        programme=cast.programme,
        data={
            "project": cast.project,
            "kind": "staff",
            "year_from": 2026,
            "year_to": 2027,
            "fte": Decimal("1.5"),
            "org_unit": cast.org_unit,
        },
    )
    services.actual_set(line=money.planned_line, month=date(2027, 5, 1), actual=Decimal("7.77"))
    services.actual_set(  # outside the line's span: not counted, as on the project tab
        line=money.line, month=date(2027, 1, 1), actual=Decimal("999"), committed=Decimal("1")
    )
    overview = selectors.programme_overview(cast.programme, grouping=grouping, year=year)
    expected = Figures()
    lines = list(BudgetLine.objects.filter(programme=cast.programme))
    sums = selectors.actual_sums(lines)
    for line in lines:
        for y in [year] if year else range(line.year_from, line.year_to + 1):
            if line.year_from <= y <= line.year_to:
                expected.add(selectors.line_figures(line, sums, y, Decimal("70000")))
    total = overview.total
    assert (total.plan, total.actual, total.committed, total.funded, total.fte) == (
        expected.plan,
        expected.actual,
        expected.committed,
        expected.funded,
        expected.fte,
    )
    assert sum((b.figures.plan for b in overview.groups), Decimal(0)) == expected.plan
    assert all(b.label for b in overview.groups)


def test_a_budget_line_refuses_negative_positions_naming_the_field(cast):
    """QA: a staff line with -1 MAK was saved."""
    with pytest.raises(ValidationError) as caught:
        make_line(cast.programme, project=cast.project, kind="staff", fte=Decimal("-1"))
    assert caught.value.message_dict == {"fte": ["Dieser Wert muss größer oder gleich 0 sein."]}
    assert not BudgetLine.objects.exists()


def test_a_support_contract_names_every_wrong_field_at_once(cast):
    """QA: person days, day rate and VAT all negative showed only the day rate's error."""
    with pytest.raises(ValidationError) as caught:
        make_contract(
            cast.programme,
            person_days=Decimal("-3"),
            day_rate=Decimal("-100"),
            vat_percent=Decimal("-1"),
        )
    assert set(caught.value.message_dict) == {"person_days", "day_rate", "vat_percent"}
    assert caught.value.message_dict["day_rate"] == ["Der Betrag darf nicht negativ sein."]


def test_a_funding_another_request_created_meanwhile_is_refused_with_a_message(cast, monkeypatch):
    # Two people creating the same funding at once: both find the name free, the other one
    # commits first. Simulated in one transaction: the other funding appears after the check.
    check = services._validate_funding
    other = []

    def after_the_other_request(funding):
        check(funding)
        if not other:
            other.append(funding.name)
            services.funding_create(programme=cast.programme, data={"name": "EFRE"})

    monkeypatch.setattr(services, "_validate_funding", after_the_other_request)
    with pytest.raises(ValidationError) as exc:
        services.funding_create(programme=cast.programme, data={"name": "EFRE"})

    assert exc.value.message_dict == {"name": ["Eine Förderung dieses Namens gibt es schon."]}
