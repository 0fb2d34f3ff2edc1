from datetime import date
from decimal import Decimal

from lotse.finance import figures as f


def test_a_span_spreads_evenly_to_the_cent_and_adds_up():
    amount = Decimal("1000000.00")
    years = f.plan_in_years(amount, 2025, 2027)
    assert years == {
        2025: Decimal("333333.33"),
        2026: Decimal("333333.33"),
        2027: Decimal("333333.34"),
    }
    assert sum(years.values()) == amount
    assert f.spread(amount, 2025, 2027, 2024) == 0


def test_plan_actual_committed_remaining_and_funded_share():
    figures = f.Figures(
        plan=Decimal("3000000"),
        actual=Decimal("1000000"),
        committed=Decimal("500000"),
        funded=Decimal("1200000"),
    )
    assert figures.remaining == Decimal("1500000")
    assert figures.used_percent == 50
    assert figures.funded_percent == 40
    assert f.Figures().funded_percent is None


def test_forecast_at_current_pace():
    assert f.forecast_year(Decimal("30000"), 2026, date(2026, 3, 15)) == Decimal("120000.00")
    assert f.forecast_year(Decimal("30000"), 2027, date(2026, 3, 15)) is None
    assert f.forecast_year(Decimal("30000"), 2025, date(2026, 3, 15)) == Decimal("30000.00")


def test_budget_light_suggestion():
    today = date(2026, 6, 30)
    on_track = f.Figures(plan=Decimal("120000"), actual=Decimal("50000"))
    assert f.budget_light(on_track, year=2026, today=today, tolerance_percent=10) == "green"
    fast = f.Figures(plan=Decimal("120000"), actual=Decimal("80000"))  # 160.000 at this pace
    assert f.budget_light(fast, year=2026, today=today, tolerance_percent=10) == "amber"
    bound = f.Figures(plan=Decimal("120000"), actual=Decimal("20000"), committed=Decimal("105000"))
    assert f.budget_light(bound, year=2026, today=today, tolerance_percent=10) == "amber"
    over = f.Figures(plan=Decimal("120000"), actual=Decimal("100000"), committed=Decimal("40000"))
    assert f.budget_light(over, year=2026, today=today, tolerance_percent=10) == "red"
    assert f.budget_light(over, year=2026, today=today, tolerance_percent=20) == "amber"
    assert f.budget_light(f.Figures(), year=2026, today=today, tolerance_percent=10) is None


def test_contract_pace_and_forecast():
    pace = f.contract_pace(
        person_days=Decimal("60"),
        day_rate=Decimal("1280"),
        vat_percent=Decimal("19"),
        start=date(2024, 1, 1),
        end=date(2024, 12, 31),
        used_days=Decimal("30"),
        today=date(2024, 4, 10),
    )
    assert pace.remaining_days == Decimal("30")
    assert pace.used_net == Decimal("38400.00")
    assert pace.remaining_gross == Decimal("45696.00")
    assert pace.days_per_month == Decimal("7.50")
    assert pace.forecast_days == Decimal("90.00")  # 30 days in 4 months → 90 in 12
    assert pace.exhausted_by == date(2024, 8, 1)  # 30 more days at 7,5 a month
