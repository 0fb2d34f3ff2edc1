"""Schemas of the council-report endpoints."""

from datetime import date
from datetime import datetime
from typing import ClassVar
from typing import Literal

from ninja import Field
from ninja import Schema

from lotse.api_helpers import Clean
from lotse.api_helpers import In
from lotse.api_helpers import Resolver
from lotse.api_helpers import name_of

from .models import ArchivedReport

# Choice codes as static types (tests/test_choice_codes.py keeps them equal to the models').
KindCode = Literal["committee", "focus", "strategy_bk", "advisory", "staff_council"]
FormatCode = Literal["pdf", "xlsx", "docx"]


class ArchivedReportOut(Schema):
    id: int
    programme: str
    kind: KindCode
    kind_label: str = Field(alias="get_kind_display")
    format: FormatCode
    title: str
    as_of: date
    as_of_moment: datetime
    period_start: date
    period_end: date
    field_of_action: int | None
    duty: int | None
    filename: str
    size: int
    sha256: str
    created_by: str | None
    created_at: datetime
    download_url: str

    @staticmethod
    def resolve_programme(obj: ArchivedReport) -> str:
        return obj.programme.slug

    @staticmethod
    def resolve_field_of_action(obj: ArchivedReport) -> int | None:
        return obj.field_of_action_id

    @staticmethod
    def resolve_duty(obj: ArchivedReport) -> int | None:
        return obj.duty_id

    resolve_created_by: ClassVar[Resolver] = name_of("created_by")

    @staticmethod
    def resolve_download_url(obj: ArchivedReport) -> str:
        return f"/api/v1/archived-reports/{obj.pk}/content"


class ArchiveFilters(Clean):
    kind: KindCode | None = Field(None, description="Nur Berichte dieser Art (Code).")


class GenerateIn(In):
    kind: KindCode
    as_of: date | None = None
    field: int | None = None
    format: FormatCode = "pdf"
    duty: int | None = None
