"""Signals with which higher apps (boards, planning) react to reporting without reporting
knowing them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.dispatch import Signal
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# Sent by services.report_start when it created a new status report (kwarg: report), just
# before saving it: receivers may set fields of the report, which is saved right after.
report_started = Signal()

# Sent by services.report_refresh_board for an existing draft (kwarg: report): receivers set
# the board fields (board_todo, board_doing, board_done) from the board as it is now and
# return True if they did (a board without cards returns False and leaves the texts).
board_summary_wanted = Signal()

# Sent by `knock_ons` (below) for the cockpits, the Projektcheck and the Quartalskonferenz
# (okr): kwargs programme, as_of (a date: today for live data, an earlier day for the data
# as it stood then) and project_ids (None for the whole programme, else the projects whose
# knock-ons on either side are wanted). Receivers (planning) return a list of `KnockOn`.
knock_ons_wanted = Signal()


def _day(value: date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


@dataclass(frozen=True)
class KnockOn:
    """A slip of one project (upstream) that overtakes a date of a project that depends on
    it (downstream): `item` was planned for `item_planned`, is now expected on
    `item_expected`, which is `delay_days` after the downstream's `anchor` on `anchor_date`.
    """

    upstream_id: int
    upstream_title: str
    downstream_id: int
    downstream_title: str
    dependency_id: int
    item: str
    item_planned: date
    item_expected: date
    anchor: str
    anchor_date: date
    delay_days: int
    # Where a decision request can be raised from it (set by the app that found it).
    raise_url: str = ""

    @property
    def days_text(self) -> str:
        return ngettext("%(n)d Tag", "%(n)d Tage", self.delay_days) % {"n": self.delay_days}

    @property
    def downstream_text(self) -> str:
        """For the project that waits: "abhängig von „X“, verzögert um 21 Tage"."""
        return _("abhängig von „%(project)s“, verzögert um %(days)s") % {
            "project": self.upstream_title,
            "days": self.days_text,
        }

    @property
    def upstream_text(self) -> str:
        """For the project that slips: whom it delays and by how much."""
        return _("„%(project)s“ ist davon abhängig und verzögert sich um %(days)s") % {
            "project": self.downstream_title,
            "days": self.days_text,
        }

    @property
    def detail(self) -> str:
        return _(
            "%(item)s von „%(upstream)s“: geplant %(planned)s, jetzt erwartet %(expected)s – "
            "nach %(anchor)s von „%(downstream)s“ am %(anchor_date)s"
        ) % {
            "item": self.item,
            "upstream": self.upstream_title,
            "planned": _day(self.item_planned),
            "expected": _day(self.item_expected),
            "anchor": self.anchor,
            "downstream": self.downstream_title,
            "anchor_date": _day(self.anchor_date),
        }


def knock_ons(*, programme: Any, as_of: date, project_ids: set[int] | None = None) -> list[KnockOn]:
    """The knock-on effects the installed apps know of, worst first (none without planning)."""
    found: list[KnockOn] = []
    responses: list[tuple[Any, Any]] = knock_ons_wanted.send(
        sender=None, programme=programme, as_of=as_of, project_ids=project_ids
    )
    for _receiver, response in responses:
        found.extend(response or [])
    return sorted(found, key=lambda k: (-k.delay_days, k.downstream_title, k.upstream_title))


def knock_ons_by_project(found: list[KnockOn]) -> dict[int, list[KnockOn]]:
    """Each knock-on under both of its projects."""
    grouped: dict[int, list[KnockOn]] = {}
    for knock_on in found:
        grouped.setdefault(knock_on.downstream_id, []).append(knock_on)
        grouped.setdefault(knock_on.upstream_id, []).append(knock_on)
    return grouped
