"""Input and output schemas of the planning endpoints (the portfolio's conventions): choice
fields as codes with `<field>_label`, foreign keys as ids, hours and person-days as decimals."""

from datetime import date
from decimal import Decimal
from typing import Any
from typing import Literal

from ninja import Field
from ninja import Schema

from lotse.api_helpers import In
from lotse.api_helpers import ReadVersionOrNone
from lotse.hygiene import Text
from lotse.portfolio.schemas import ProjectPartOut

# The codes of WorkPackage.Status and CapacityUnit (tests/planning/test_api.py compares them).
WorkPackageStatus = Literal["open", "in_progress", "done"]
UnitCode = Literal["fte", "person_days"]


class GateOut(Schema):
    id: int
    name: str
    planned_on: date | None
    passed_on: date | None
    decision: int | None = Field(alias="decision_id")
    passed_by: int | None = Field(alias="passed_by_id")
    note: str


class PhaseOut(ProjectPartOut):
    order: int
    name: str
    description: str
    planned_start: date | None
    planned_end: date | None
    forecast_start: date | None
    forecast_end: date | None
    started_on: date | None
    closed_on: date | None
    status: str
    status_label: str = Field(alias="get_status_display")
    version: int
    gate: GateOut | None = None


class PhaseIn(In):
    name: str | None = Field(default=None, max_length=120)
    description: Text | None = None
    order: int | None = Field(default=None, ge=0, le=32767)
    planned_start: date | None = None
    planned_end: date | None = None
    forecast_start: date | None = None
    forecast_end: date | None = None
    version: ReadVersionOrNone = None


class GatePassIn(In):
    decision: int | None = None
    note: Text = ""


class StepOut(Schema):
    id: int
    order: int
    title: str
    done: bool


class EstimateOut(Schema):
    id: int
    label: str
    person: int | None = Field(alias="person_id")
    org_unit: int | None = Field(alias="org_unit_id")
    hours: Decimal


class WorkPackageOut(Schema):
    id: int
    project: int
    phase: int | None
    order: int
    code: str
    title: str
    description: str
    owner: int | None
    owner_text: str
    org_unit: int | None
    planned_start: date | None
    planned_end: date | None
    status: str
    status_label: str
    version: int
    steps: list[StepOut]
    estimates: list[EstimateOut]
    hours: Decimal
    actual_hours: Decimal
    progress: int


class WorkPackageIn(In):
    phase: int | None = None
    order: int | None = Field(default=None, ge=0, le=32767)
    code: str | None = Field(default=None, max_length=20)
    title: str | None = Field(default=None, max_length=200)
    description: Text | None = None
    owner_text: str | None = Field(default=None, max_length=120)
    org_unit: int | None = None
    planned_start: date | None = None
    planned_end: date | None = None
    status: WorkPackageStatus | None = None
    version: ReadVersionOrNone = None


class StepIn(In):
    title: str = Field(max_length=300)


class EstimateIn(In):
    label: str = Field(default="", max_length=120)
    org_unit: int | None = None
    hours: Decimal = Field(ge=0, le=100000)


class ActualEffortIn(In):
    month: date
    hours: Decimal = Field(ge=0, le=100000)


class ActualEffortOut(Schema):
    id: int
    month: date
    hours: Decimal


class AvailabilityOut(Schema):
    id: int
    org_unit: int = Field(alias="org_unit_id")
    person: int | None = Field(alias="person_id")
    month: date
    unit: str
    amount: Decimal
    line_work_percent: int
    note: str
    version: int


class AvailabilityIn(In):
    org_unit: int
    month: date
    unit: UnitCode = "fte"
    amount: Decimal = Field(ge=0, le=100000)
    line_work_percent: int = Field(default=0, ge=0, le=100)
    note: str = Field(default="", max_length=200)


class AllocationOut(ProjectPartOut):
    org_unit: int = Field(alias="org_unit_id")
    person: int | None = Field(alias="person_id")
    month: date
    person_days: Decimal
    note: str


class AllocationIn(In):
    org_unit: int
    month: date
    person_days: Decimal = Field(ge=0, le=100000)
    note: str = Field(default="", max_length=200)


class CellOut(Schema):
    month: date
    demand: Decimal
    capacity: Decimal
    total: Decimal
    percent: int | None
    level: str


class HeatRowOut(Schema):
    org_unit: int | None
    name: str
    cells: list[CellOut]


class CauseOut(Schema):
    project: int
    title: str
    person_days: Decimal


class OverloadOut(Schema):
    org_unit: int | None
    month: date
    percent: int | None
    level: str
    causes: list[CauseOut] = Field(description="die zehn größten Verursacher")
    cause_count: int


class HeatMapOut(Schema):
    months: list[date]
    rows: list[HeatRowOut]
    overloads: list[OverloadOut]
    unscheduled_hours: Decimal


def cell_out(cell: Any) -> dict[str, Any]:
    return {
        "month": cell.month,
        "demand": cell.demand,
        "capacity": cell.capacity,
        "total": cell.total,
        "percent": cell.percent,
        "level": cell.level,
    }
