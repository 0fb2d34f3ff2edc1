"""The council reports Lotse produces (seed 000 §5) and the formats each comes in."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    COMMITTEE = "committee", _("Statusbericht an den Ausschuss")
    FOCUS = "focus", _("Themenfeld im Fokus")
    STRATEGY_BK = "strategy_bk", _("Zusammenfassung für die Strategie-BK")
    ADVISORY = "advisory", _("Jahresbericht an Beteiligungs- und Digitalisierungsrat")
    STAFF_COUNCIL = "staff_council", _("Bericht an den Personalrat")


class Format(models.TextChoices):
    PDF = "pdf", _("PDF")
    XLSX = "xlsx", _("Excel (XLSX)")
    DOCX = "docx", _("Word (DOCX)")


MIME: dict[str, str] = {
    Format.PDF: "application/pdf",
    Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Format.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass(frozen=True)
class KindInfo:
    months: int  # the reporting period: this many months up to the as-of date
    cadence: StrOrPromise
    needs_field: bool = False
    project_pages: bool = False  # one page per project
    toc: bool = False  # long enough for a table of contents


KINDS: dict[str, KindInfo] = {
    Kind.COMMITTEE: KindInfo(6, _("halbjährlich"), project_pages=True, toc=True),
    Kind.FOCUS: KindInfo(
        1,
        _("monatlich"),
        needs_field=True,
        project_pages=True,
        toc=True,
    ),
    Kind.STRATEGY_BK: KindInfo(3, _("quartalsweise")),
    Kind.ADVISORY: KindInfo(12, _("jährlich"), toc=True),
    Kind.STAFF_COUNCIL: KindInfo(6, _("halbjährlich"), toc=True),
}
