"""Input and output schemas of the catalogue's endpoints (same conventions as the portfolio's:
choices as codes with `<field>_label`, foreign keys as ids with a readable name beside them;
in PATCH a field left out stays unchanged)."""

from datetime import date
from datetime import datetime
from typing import Annotated
from typing import Any
from typing import ClassVar
from typing import Literal

from ninja import Field
from ninja import Schema

from lotse.api_helpers import Clean
from lotse.api_helpers import In
from lotse.api_helpers import Resolver
from lotse.api_helpers import ids_of
from lotse.api_helpers import name_of
from lotse.hygiene import MULTILINE
from lotse.hygiene import Text
from lotse.portfolio.schemas import ProgrammePartOut
from lotse.portfolio.schemas import VersionedIn

ChannelCode = Literal["kommunalportal", "landesportal", "own", "none"]


class PublicServiceOut(ProgrammePartOut):
    name: str
    leika_key: str
    ozg_field: str
    bundle: str
    org_unit: int | None = Field(alias="org_unit_id")
    org_unit_name: str | None = None
    maturity: int
    maturity_label: str = Field(alias="get_maturity_display")
    target_level: int | None
    target_date: date | None
    target_reached: bool | None
    channel: str
    channel_label: str = Field(alias="get_channel_display")
    projects: list[int]
    note: str
    version: int

    resolve_org_unit_name: ClassVar[Resolver] = name_of("org_unit")
    resolve_projects: ClassVar[Resolver] = ids_of("projects")


class PublicServiceCreate(In):
    name: str = Field(min_length=1, max_length=300)
    leika_key: str = Field("", max_length=30)
    ozg_field: str = Field("", max_length=200)
    bundle: str = Field("", max_length=200)
    org_unit: int | None = None
    maturity: int = Field(0, ge=0, le=4)
    target_level: int | None = Field(None, ge=0, le=4)
    target_date: date | None = None
    channel: ChannelCode = "none"
    projects: list[int] = Field(default_factory=list, max_length=500)
    note: Text = ""


class PublicServicePatch(VersionedIn):
    """Send only what changes. `null` for a field that cannot be empty (name, maturity,
    channel, …) is refused with 422 by the service."""

    name: str | None = Field(None, min_length=1, max_length=300)
    leika_key: str | None = Field(None, max_length=30)
    ozg_field: str | None = Field(None, max_length=200)
    bundle: str | None = Field(None, max_length=200)
    org_unit: int | None = None
    maturity: int | None = Field(None, ge=0, le=4)
    target_level: int | None = Field(None, ge=0, le=4)
    target_date: date | None = None
    channel: ChannelCode | None = None
    projects: list[int] | None = Field(None, max_length=500)
    note: Annotated[str | None, MULTILINE] = None


class ServiceFilters(Clean):
    org_unit: int | None = Field(
        None, description="Nur Leistungen dieser Organisationseinheit (Id)."
    )
    maturity: int | None = Field(None, ge=0, le=4, description="Nur dieser Reifegrad (0–4).")
    channel: ChannelCode | None = Field(None, description="Nur dieser Zugangskanal (Code).")
    project: int | None = Field(None, description="Nur Leistungen dieses Projekts (Id).")
    q: str | None = Field(None, max_length=100, description="Suche in Name und Kennung.")


class LevelCountOut(Schema):
    level: int
    label: str
    count: int


class PeriodOut(Schema):
    label: str
    end: date
    counts: dict[int, int]
    total: int


class UnitRowOut(Schema):
    org_unit: int | None
    org_unit_name: str
    counts: dict[int, int]
    total: int
    with_target: int
    reached: int
    overdue: int


class ProgressOut(Schema):
    with_target: int
    reached: int
    overdue: int
    due_soon: int
    percent: int | None


class OverviewOut(Schema):
    as_of: datetime | None = Field(
        None, description="Der Zeitpunkt der Verteilung `as_of_levels` (wenn angefragt)."
    )
    total: int
    levels: list[LevelCountOut]
    as_of_levels: list[LevelCountOut] | None = None
    periods: list[PeriodOut]
    units: list[UnitRowOut]
    progress: ProgressOut


def overview_out(data: Any, as_of: datetime | None, as_of_counts: dict[int, int] | None) -> dict:
    """The overview's dataclasses as the schema's plain data."""
    labels = [(c.level, c.label) for c in data.levels]
    return {
        "as_of": as_of,
        "total": data.total,
        "levels": [{"level": c.level, "label": c.label, "count": c.count} for c in data.levels],
        "as_of_levels": None
        if as_of_counts is None
        else [
            {"level": level, "label": label, "count": as_of_counts.get(level, 0)}
            for level, label in labels
        ],
        "periods": [
            {"label": p.label, "end": p.end, "counts": p.counts, "total": p.total}
            for p in data.periods
        ],
        "units": [
            {
                "org_unit": u.unit.pk if u.unit else None,
                "org_unit_name": u.label,
                "counts": u.counts,
                "total": u.total,
                "with_target": u.with_target,
                "reached": u.reached,
                "overdue": u.overdue,
            }
            for u in data.units
        ],
        "progress": {
            "with_target": data.progress.with_target,
            "reached": data.progress.reached,
            "overdue": data.progress.overdue,
            "due_soon": data.progress.due_soon,
            "percent": data.progress.percent,
        },
    }
