"""Input and output schemas of the finance endpoints (the portfolio's conventions): choice
fields as codes with `<field>_label`, foreign keys as ids, amounts as decimal strings in EUR.
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING
from typing import Any
from typing import Literal

from ninja import Field
from ninja import Schema

from lotse.api_helpers import In
from lotse.api_helpers import ReadVersionOrNone
from lotse.hygiene import Text
from lotse.portfolio.models import DecisionBody
from lotse.portfolio.schemas import ProgrammePartOut

from .models import BudgetStatus
from .models import Deadline
from .models import Kind


def _codes(values: Iterable[str]) -> Any:
    """A Literal of the choice codes: validated, and listed as an enum in the OpenAPI schema."""
    return Literal[tuple(values)]


if TYPE_CHECKING:  # the type checker sees the codes as strings
    KindCode = str
    StatusCode = str
    DeadlineKindCode = str
    DeadlineStatusCode = str
    BodyCode = str
else:
    KindCode = _codes(Kind.values)
    StatusCode = _codes(BudgetStatus.values)
    DeadlineKindCode = _codes(Deadline.DeadlineKind.values)
    DeadlineStatusCode = _codes(Deadline.Status.values)
    BodyCode = _codes(["", *DecisionBody.values])
Year = Field(ge=1990, le=2100)


class FiguresOut(Schema):
    plan: Decimal
    actual: Decimal
    committed: Decimal
    remaining: Decimal
    funded: Decimal
    funded_percent: int | None


class BudgetLineOut(ProgrammePartOut):
    project: int | None = Field(alias="project_id")
    org_unit: int | None = Field(alias="org_unit_id")
    planning: str
    title: str
    purpose: str
    kind: str
    kind_label: str = Field(alias="get_kind_display")
    year_from: int
    year_to: int
    status: str
    status_label: str = Field(alias="get_status_display")
    amount: Decimal
    fte: Decimal | None
    funding: int | None = Field(alias="funding_id")
    funded_amount: Decimal | None
    funded_note: str
    product: str
    cost_centre: str
    investment_number: str
    position: int
    version: int


class BudgetLineCreate(In):
    project: int | None = None
    org_unit: int | None = None
    planning: str = Field("", max_length=120)
    title: str = Field("", max_length=200)
    purpose: Text = ""
    kind: KindCode
    year_from: int = Year
    year_to: int | None = Field(None, ge=1990, le=2100)
    status: StatusCode = BudgetStatus.NOT_PLANNED.value
    amount: Decimal = Field(Decimal("0"), max_digits=14, decimal_places=2)
    fte: Decimal | None = Field(None, ge=0, max_digits=6, decimal_places=2)
    funding: int | None = None
    funded_amount: Decimal | None = Field(None, max_digits=14, decimal_places=2)
    funded_note: str = Field("", max_length=300)
    product: str = Field("", max_length=40)
    cost_centre: str = Field("", max_length=40)
    investment_number: str = Field("", max_length=40)
    position: int = Field(0, ge=0, le=100000)


class BudgetLineUpdate(In):
    version: ReadVersionOrNone = None
    org_unit: int | None = None
    planning: str | None = Field(None, max_length=120)
    title: str | None = Field(None, min_length=1, max_length=200)
    purpose: Text | None = None
    kind: KindCode | None = None
    year_from: int | None = Field(None, ge=1990, le=2100)
    year_to: int | None = Field(None, ge=1990, le=2100)
    status: StatusCode | None = None
    amount: Decimal | None = Field(None, max_digits=14, decimal_places=2)
    fte: Decimal | None = Field(None, ge=0, max_digits=6, decimal_places=2)
    funding: int | None = None
    funded_amount: Decimal | None = Field(None, max_digits=14, decimal_places=2)
    funded_note: str | None = Field(None, max_length=300)
    product: str | None = Field(None, max_length=40)
    cost_centre: str | None = Field(None, max_length=40)
    investment_number: str | None = Field(None, max_length=40)
    position: int | None = Field(None, ge=0, le=100000)


class ActualOut(Schema):
    id: int
    budget_line: int = Field(alias="budget_line_id")
    month: date
    actual: Decimal
    committed: Decimal
    source: str
    correction_reason: str
    is_example: bool


class ActualSet(In):
    month: date
    actual: Decimal = Field(max_digits=14, decimal_places=2)
    committed: Decimal = Field(Decimal("0"), max_digits=14, decimal_places=2)
    correction_reason: str = Field("", max_length=300)


class PhaseOut(Schema):
    id: int
    name: str
    start: date | None
    end: date | None
    staff_material: Decimal
    investment: Decimal
    total: Decimal
    note: str
    position: int
    version: int


class PhaseCreate(In):
    name: str = Field(min_length=1, max_length=100)
    start: date | None = None
    end: date | None = None
    staff_material: Decimal = Field(Decimal("0"), ge=0, max_digits=14, decimal_places=2)
    investment: Decimal = Field(Decimal("0"), ge=0, max_digits=14, decimal_places=2)
    note: Text = ""
    position: int = Field(0, ge=0, le=1000)


class PhaseUpdate(In):
    version: ReadVersionOrNone = None
    name: str | None = Field(None, min_length=1, max_length=100)
    start: date | None = None
    end: date | None = None
    staff_material: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    investment: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    note: Text | None = None
    position: int | None = Field(None, ge=0, le=1000)


class FundingOut(ProgrammePartOut):
    project: int | None = Field(alias="project_id")
    name: str
    funder: str
    funding_programme: str
    own_share_percent: Decimal | None
    reference: str
    note: str
    phases: list[PhaseOut]
    version: int


class FundingCreate(In):
    project: int | None = None
    name: str = Field(min_length=1, max_length=200)
    funder: str = Field("", max_length=200)
    funding_programme: str = Field("", max_length=200)
    own_share_percent: Decimal | None = Field(None, ge=0, le=100, max_digits=5, decimal_places=2)
    reference: str = Field("", max_length=100)
    note: Text = ""


class FundingUpdate(In):
    version: ReadVersionOrNone = None
    name: str | None = Field(None, min_length=1, max_length=200)
    funder: str | None = Field(None, max_length=200)
    funding_programme: str | None = Field(None, max_length=200)
    own_share_percent: Decimal | None = Field(None, ge=0, le=100, max_digits=5, decimal_places=2)
    reference: str | None = Field(None, max_length=100)
    note: Text | None = None


class DeadlineOut(ProgrammePartOut):
    funding: int | None = Field(alias="funding_id")
    project: int | None = Field(alias="project_id")
    kind: str
    kind_label: str = Field(alias="get_kind_display")
    title: str
    due_date: date
    consequence: str
    body: str
    body_name: str
    status: str
    status_label: str = Field(alias="get_status_display")
    met_on: date | None
    resolution: str
    version: int


class DeadlineCreate(In):
    funding: int | None = None
    project: int | None = None
    kind: DeadlineKindCode
    title: str = Field(min_length=1, max_length=300)
    due_date: date
    consequence: Text = Field(min_length=1)
    body: BodyCode = ""
    body_name: str = Field("", max_length=200)


class DeadlineUpdate(In):
    version: ReadVersionOrNone = None
    kind: DeadlineKindCode | None = None
    title: str | None = Field(None, min_length=1, max_length=300)
    due_date: date | None = None
    consequence: Text | None = Field(None, min_length=1)
    body: BodyCode | None = None
    body_name: str | None = Field(None, max_length=200)
    status: DeadlineStatusCode | None = None
    met_on: date | None = None
    resolution: Text | None = None


class CallOffOut(Schema):
    id: int
    month: date
    days: Decimal
    purpose: str
    correction_reason: str
    is_example: bool


class CallOffCreate(In):
    month: date
    days: Decimal = Field(max_digits=6, decimal_places=2)
    purpose: Text = Field(min_length=1, max_length=300)
    correction_reason: str = Field("", max_length=300)


class ContractOut(ProgrammePartOut):
    project: int | None = Field(alias="project_id")
    budget_line: int | None = Field(alias="budget_line_id")
    title: str
    contractor: str
    purpose: str
    start: date
    end: date
    person_days: Decimal
    day_rate: Decimal
    vat_percent: Decimal
    net: Decimal
    gross: Decimal
    used_days: Decimal = Field(alias="pace.used_days")
    remaining_days: Decimal = Field(alias="pace.remaining_days")
    remaining_gross: Decimal = Field(alias="pace.remaining_gross")
    forecast_days: Decimal | None = Field(alias="pace.forecast_days")
    version: int


class ContractCreate(In):
    project: int | None = None
    budget_line: int | None = None
    title: str = Field(min_length=1, max_length=200)
    contractor: str = Field("", max_length=200)
    purpose: Text = ""
    start: date
    end: date
    person_days: Decimal = Field(ge=0, max_digits=7, decimal_places=2)
    day_rate: Decimal = Field(ge=0, max_digits=14, decimal_places=2)
    vat_percent: Decimal = Field(Decimal("19"), ge=0, le=100, max_digits=5, decimal_places=2)


class OverviewGroupOut(Schema):
    key: str
    label: str
    figures: FiguresOut


class OverviewOut(Schema):
    grouping: str
    groups: list[OverviewGroupOut]
    total: FiguresOut
