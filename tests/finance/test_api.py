"""The finance API: same permissions as the UI, German 422s, version conflicts."""

from datetime import date
from decimal import Decimal

import pytest

from lotse.finance import selectors
from lotse.finance import services
from lotse.finance.models import Actual
from lotse.finance.models import BudgetLine
from lotse.finance.models import Deadline
from lotse.finance.models import Funding
from lotse.finance.models import FundingPhase
from lotse.finance.models import SupportContract
from tests.roles import OFFICE
from tests.roles import READERS
from tests.roles import SIGNED_IN

from .conftest import make_contract
from .conftest import make_deadline


def _status(role: str, allowed: set[str], ok: int) -> int:
    return ok if role in allowed else 403


@pytest.mark.parametrize("role", SIGNED_IN)
def test_reading_follows_the_programme(cast, money, role):
    client = cast.client(role)
    slug = cast.programme.slug
    for url in (
        f"/api/v1/programmes/{slug}/budget-lines",
        f"/api/v1/budget-lines/{money.line.pk}/actuals",
        f"/api/v1/programmes/{slug}/finance/overview",
    ):
        assert client.get(url).status_code == _status(role, READERS, 200), url


@pytest.mark.parametrize("role", SIGNED_IN)
def test_actuals_only_by_the_programme_office(cast, money, role):
    response = cast.client(role).put(
        f"/api/v1/budget-lines/{money.line.pk}/actuals",
        {"month": "2026-05-01", "actual": "1280.50"},
        content_type="application/json",
    )
    assert response.status_code == _status(role, OFFICE, 200)
    assert Actual.objects.filter(month="2026-05-01").exists() == (role in OFFICE)


@pytest.mark.parametrize("role", SIGNED_IN)
def test_plan_lines_office_and_own_lead_while_not_planned(cast, money, role):
    client = cast.client(role)
    for line, allowed in (
        (money.line, OFFICE | {"project_lead"}),
        (money.planned_line, OFFICE),
        (money.other_line, OFFICE),
    ):
        response = client.patch(
            f"/api/v1/budget-lines/{line.pk}", {"purpose": "neu"}, content_type="application/json"
        )
        assert response.status_code == _status(role, allowed, 200), line


def test_lead_creates_a_line_for_her_project_but_not_planned(cast):
    client = cast.client("project_lead")
    url = f"/api/v1/programmes/{cast.programme.slug}/budget-lines"
    body = {"project": cast.project.pk, "kind": "expense", "year_from": 2026, "amount": "5000"}
    assert client.post(url, body, content_type="application/json").status_code == 201
    refused = client.post(url, body | {"status": "planned"}, content_type="application/json")
    assert refused.status_code == 422
    assert "status" in refused.json()["errors"]
    other = client.post(
        url, body | {"project": cast.other_project.pk}, content_type="application/json"
    )
    assert other.status_code == 403


def test_bad_input_is_a_german_422_and_nothing_is_written(cast):
    client = cast.client("pmo")
    url = f"/api/v1/programmes/{cast.programme.slug}/budget-lines"
    response = client.post(
        url,
        {"project": 999999, "kind": "expense", "year_from": 2026, "amount": "-5"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "gibt es hier nicht" in response.json()["errors"]["project"][0]
    assert not BudgetLine.objects.exists()


def test_stale_version_is_a_409(cast, money):
    client = cast.client("pmo")
    url = f"/api/v1/budget-lines/{money.line.pk}"
    ok = client.patch(url, {"version": 1, "purpose": "A"}, content_type="application/json")
    assert ok.status_code == 200
    stale = client.patch(url, {"version": 1, "purpose": "B"}, content_type="application/json")
    assert stale.status_code == 409


def test_contract_and_call_offs(cast):
    client = cast.client("pmo")
    created = client.post(
        f"/api/v1/programmes/{cast.programme.slug}/support-contracts",
        {
            "title": "Externe Begleitung",
            "start": "2024-01-01",
            "end": "2024-12-31",
            "person_days": "60",
            "day_rate": "1280",
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    body = created.json()
    assert Decimal(body["net"]) == Decimal("76800") and Decimal(body["gross"]) == Decimal("91392")
    call = client.post(
        f"/api/v1/support-contracts/{body['id']}/call-offs",
        {"month": "2024-03-01", "days": "5", "purpose": "Quartalskonferenz"},
        content_type="application/json",
    )
    assert call.status_code == 201
    viewer = cast.client("viewer").post(
        f"/api/v1/support-contracts/{body['id']}/call-offs",
        {"month": "2024-03-01", "days": "5", "purpose": "x"},
        content_type="application/json",
    )
    assert viewer.status_code == 403


@pytest.fixture
def things(cast):
    """A funding with one phase, a deadline of another funding, a contract with one call-off."""
    funding = services.funding_create(programme=cast.programme, data={"name": "Smart City"})
    phase = services.funding_phase_create(
        funding=funding, data={"name": "Phase A", "staff_material": Decimal("1098625")}
    )
    other = services.funding_create(programme=cast.programme, data={"name": "Landesmittel"})
    deadline = make_deadline(
        cast.programme,
        "Verwendungsnachweis",
        date(2026, 12, 1),
        kind="proof",
        consequence="Rückforderung",
        body="",
        funding=other,
    )
    contract = make_contract(cast.programme)
    call_off = services.call_off_create(
        contract=contract, month=date(2024, 3, 1), days=Decimal("5"), purpose="Konferenz"
    )
    return funding, phase, deadline, contract, call_off


@pytest.mark.parametrize("role", SIGNED_IN)
def test_deletes_and_phase_update_only_by_the_programme_office(cast, things, role):
    funding, phase, deadline, contract, call_off = things
    client = cast.client(role)
    ok = role in OFFICE
    patched = client.patch(
        f"/api/v1/funding-phases/{phase.pk}",
        {"investment": "986767"},
        content_type="application/json",
    )
    assert patched.status_code == _status(role, OFFICE, 200)
    if ok:
        assert Decimal(patched.json()["total"]) == Decimal("2085392")
    for url in (
        f"/api/v1/call-offs/{call_off.pk}",
        f"/api/v1/support-contracts/{contract.pk}",
        f"/api/v1/deadlines/{deadline.pk}",
        f"/api/v1/fundings/{funding.pk}",
    ):
        assert client.delete(url).status_code == _status(role, OFFICE, 204), url
    assert Funding.objects.filter(pk=funding.pk).exists() is not ok
    assert FundingPhase.objects.filter(pk=phase.pk).exists() is not ok
    assert Deadline.objects.filter(pk=deadline.pk).exists() is not ok
    assert SupportContract.objects.filter(pk=contract.pk).exists() is not ok


def test_deletes_check_the_version_and_what_still_depends(cast, things, money):
    funding, phase, deadline, contract, _call_off = things
    client = cast.client("pmo")
    stale = client.delete(f"/api/v1/deadlines/{deadline.pk}?version=7")
    assert stale.status_code == 409 and Deadline.objects.filter(pk=deadline.pk).exists()
    refused = client.delete(f"/api/v1/support-contracts/{contract.pk}")
    assert refused.status_code == 422 and "Abrufe" in str(refused.json())
    services.budget_line_update(line=money.line, data={"funding": funding}, expected_version=None)
    in_use = client.delete(f"/api/v1/fundings/{funding.pk}")
    assert in_use.status_code == 422 and "Haushaltsansätze" in str(in_use.json())
    phase_stale = client.patch(
        f"/api/v1/funding-phases/{phase.pk}",
        {"version": 5, "name": "B"},
        content_type="application/json",
    )
    assert phase_stale.status_code == 409
    line_stale = client.delete(f"/api/v1/budget-lines/{money.other_line.pk}?version=9")
    assert line_stale.status_code == 409
    assert client.delete(f"/api/v1/budget-lines/{money.other_line.pk}?version=1").status_code == 204


def test_overview_carries_the_figures_of_each_group_and_the_total(cast, money):
    url = f"/api/v1/programmes/{cast.programme.slug}/finance/overview"
    body = cast.client("pmo").get(url).json()
    result = selectors.programme_overview(cast.programme, grouping="field", year=None, kind="")
    shown = [(g["key"], g["figures"]) for g in body["groups"]] + [("total", body["total"])]
    expected = [(str(g.key), g.figures) for g in result.groups] + [("total", result.total)]
    assert len(shown) == len(expected) > 1
    for (key, figures), (expected_key, want) in zip(shown, expected, strict=True):
        assert key == expected_key
        assert set(figures) == {
            "plan",
            "actual",
            "committed",
            "remaining",
            "funded",
            "funded_percent",
        }
        for name in ("plan", "actual", "committed", "remaining", "funded"):
            assert Decimal(figures[name]) == getattr(want, name), (key, name)
        assert figures["funded_percent"] == want.funded_percent


def test_negative_fte_and_every_wrong_contract_field_are_refused_with_422(cast):
    client = cast.client("pmo")
    line = client.post(
        f"/api/v1/programmes/{cast.programme.slug}/budget-lines",
        {"project": cast.project.pk, "kind": "staff", "year_from": 2026, "fte": "-1"},
        content_type="application/json",
    )
    assert line.status_code == 422 and "fte" in str(line.json()), line.content
    contract = client.post(
        f"/api/v1/programmes/{cast.programme.slug}/support-contracts",
        {
            "title": "QA",
            "start": "2026-01-01",
            "end": "2026-12-31",
            "person_days": "-3",
            "day_rate": "-100",
            "vat_percent": "-1",
        },
        content_type="application/json",
    )
    assert contract.status_code == 422, contract.content
    assert {"person_days", "day_rate", "vat_percent"} <= set(contract.json()["errors"])
    assert not BudgetLine.objects.exists() and not SupportContract.objects.exists()
