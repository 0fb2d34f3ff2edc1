"""How report data is shown: slippage and trend labels, risk levels and matrix, the
milestone timeline (SVG geometry), and as-of data prepared for the templates."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from datetime import timedelta
from typing import Any
from typing import TypedDict

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lotse.forms import label_of
from lotse.hygiene import clamp_date

from . import selectors
from .models import DecisionRequest
from .models import Milestone
from .models import Risk
from .models import StatusReport


class RiskLevel(TypedDict):
    key: str  # "high", "medium" or "low": the CSS modifier
    label: str


def slippage_label(days: int) -> str:
    if days == 0:
        return _("im Plan")
    if days > 0:
        return ngettext("+%(n)d Tag", "+%(n)d Tage", days) % {"n": days}
    return ngettext("−%(n)d Tag", "−%(n)d Tage", -days) % {"n": -days}


def trend_info(current: str, previous: str | None) -> dict | None:
    key = selectors.trend(current, previous)
    if key is None:
        return None
    return {
        "key": key,
        "symbol": selectors.Trend.SYMBOLS[key],
        "label": str(selectors.Trend.LABELS[key]),
    }


def risk_level(probability: int, impact: int) -> RiskLevel:
    score = probability * impact
    if score >= 9:
        return {"key": "high", "label": _("hoch")}
    if score >= 4:
        return {"key": "medium", "label": _("mittel")}
    return {"key": "low", "label": _("niedrig")}


def _scale_labels() -> dict[int, str]:
    """The matrix's axis labels, 1..4: "1 (gering)" …"""
    words = {1: _("gering"), 2: _("mittel"), 3: _("hoch"), 4: _("sehr hoch")}
    return {value: f"{value} ({word})" for value, word in words.items()}


# ---------------------------------------------------------------------------------------------
# Rows: what the partials read of a milestone, risk or decision request, built alike from the
# live model instance or from a frozen report's snapshot dict (whose dates
# `selectors.as_of_report` has parsed; ISO strings are read, too).


def _day(value: date | str | None) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


@dataclass(frozen=True)
class MilestoneRow:
    id: int | None
    title: str
    planned_date: date
    forecast_date: date | None
    actual_date: date | None
    slippage_days: int

    @property
    def slippage_label(self) -> str:
        return slippage_label(self.slippage_days)

    @classmethod
    def from_instance(cls, m: Milestone) -> MilestoneRow:
        return cls(m.pk, m.title, m.planned_date, m.forecast_date, m.actual_date, m.slippage_days)

    @classmethod
    def from_snapshot(cls, m: dict[str, Any]) -> MilestoneRow:
        planned = _day(m["planned_date"]) or date.min  # always set in a snapshot
        forecast, actual = _day(m.get("forecast_date")), _day(m.get("actual_date"))
        return cls(m.get("id"), m["title"], planned, forecast, actual, m["slippage_days"])


# What a risk row copies from the model as it is; a snapshot keeps it under the same names.
RISK_FIELDS = ("title", "description", "probability", "impact", "owner", "mitigation", "status")


@dataclass(frozen=True)
class RiskRow:
    id: int | None
    title: str
    description: str
    probability: int
    impact: int
    owner: str
    mitigation: str
    status: str
    status_label: str

    @property
    def level(self) -> RiskLevel:
        return risk_level(self.probability, self.impact)

    @classmethod
    def from_instance(cls, r: Risk) -> RiskRow:
        values = {name: getattr(r, name) for name in RISK_FIELDS}
        return cls(id=r.pk, status_label=label_of(Risk.Status, r.status), **values)

    @classmethod
    def from_snapshot(cls, r: dict[str, Any]) -> RiskRow:
        values = {name: r.get(name, "") for name in RISK_FIELDS}
        return cls(id=r.get("id"), status_label=r.get("status_label", ""), **values)


@dataclass(frozen=True)
class RequestRow:
    """An open decision request. A snapshot keeps neither options and recommendation nor the
    report the request was raised from; its rows leave them empty."""

    id: int | None
    question: str
    needed_by: date | None
    addressed_label: str
    options: str = ""
    recommendation: str = ""
    report: StatusReport | None = None

    @classmethod
    def from_instance(cls, d: DecisionRequest) -> RequestRow:
        return cls(
            id=d.pk,
            question=d.question,
            needed_by=d.needed_by,
            addressed_label=label_of(DecisionRequest.Body, d.addressed_to),
            options=d.options,
            recommendation=d.recommendation,
            report=d.report,
        )

    @classmethod
    def from_snapshot(cls, d: dict[str, Any]) -> RequestRow:
        return cls(
            id=d.get("id"),
            question=d["question"],
            needed_by=_day(d.get("needed_by")),
            addressed_label=d.get("addressed_to_label") or d.get("addressed_to") or "",
        )


def risk_matrix(risks: Iterable[RiskRow]) -> dict[str, Any]:
    """4×4 grid, probability 4..1 as rows and impact 1..4 as columns; closed risks left out."""
    cells: dict[tuple[int, int], list[RiskRow]] = {}
    for risk in risks:
        if risk.status != Risk.Status.CLOSED:
            cells.setdefault((risk.probability, risk.impact), []).append(risk)
    scale = _scale_labels()
    return {
        "impacts": [{"value": i, "label": scale[i]} for i in range(1, 5)],
        "rows": [
            {
                "probability": p,
                "label": scale[p],
                "cells": [
                    {"impact": i, "level": risk_level(p, i), "risks": cells.get((p, i), [])}
                    for i in range(1, 5)
                ],
            }
            for p in range(4, 0, -1)
        ],
    }


TL_WIDTH, TL_LABEL, TL_RIGHT, TL_TOP, TL_ROW = 800, 240, 24, 40, 30


@dataclass
class TimelineRow:
    title: str
    short_title: str
    y: int
    text_y: int
    planned_x: float
    planned_points: str
    expected_x: float | None
    expected_points: str
    reached: bool
    slip: str  # "late", "early" or ""


def _diamond(x: float, y: float, r: float = 6) -> str:
    return f"{x},{y - r} {x + r},{y} {x},{y + r} {x - r},{y}"


def _month_ticks(start: date, end: date) -> list[date]:
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    step = next((s for s in (1, 2, 3, 6, 12) if months / s <= 8), None)
    if step is None:
        # Several years (even centuries, for dates stored before the range checks): a tick
        # on the 1st of January of every n-th year, at most about eight of them.
        years = -(-months // (12 * 8))
        return [
            date(year, 1, 1)
            for year in range(start.year + 1, end.year + 1)
            if year % years == 0 and date(year, 1, 1) <= end
        ]
    ticks: list[date] = []
    year, month = start.year, start.month
    while True:
        month += 1
        if month > 12:
            year, month = year + 1, 1
        if date(year, month, 1) > end:
            return ticks
        if (month - 1) % step == 0:
            ticks.append(date(year, month, 1))


def timeline(
    milestones: list[MilestoneRow], today: date, today_label: str | None = None
) -> dict[str, Any] | None:
    """Geometry of the planned-vs-forecast chart; the template draws it as inline SVG.

    `today` is the day the vertical line marks: today, or the day a frozen report was taken.
    """
    if not milestones:
        return None
    today = clamp_date(today)  # a frozen report's day may be stored as 31.12.9999, too
    days = [today]
    for m in milestones:
        dates = (m.planned_date, m.forecast_date, m.actual_date)
        days += [clamp_date(d) for d in dates if d]
    start, end = min(days) - timedelta(days=20), max(days) + timedelta(days=20)
    span = (end - start).days
    width = TL_WIDTH - TL_LABEL - TL_RIGHT

    def x(day: date) -> float:
        # Dates stored before the range checks sit at the edge of the chart.
        return round(TL_LABEL + (clamp_date(day) - start).days / span * width, 1)

    rows = []
    for index, m in enumerate(milestones):
        y = TL_TOP + index * TL_ROW + TL_ROW // 2
        planned = x(m.planned_date)
        expected_day = m.actual_date or m.forecast_date
        expected = x(expected_day) if expected_day else None
        days_late = m.slippage_days
        title = m.title
        rows.append(
            TimelineRow(
                title=title,
                short_title=title if len(title) <= 32 else title[:31] + "…",
                y=y,
                text_y=y + 4,
                planned_x=planned,
                planned_points=_diamond(planned, y),
                expected_x=expected,
                expected_points=_diamond(expected, y) if expected is not None else "",
                reached=bool(m.actual_date),
                slip="late" if days_late > 0 else "early" if days_late < 0 else "",
            )
        )
    height = TL_TOP + len(rows) * TL_ROW + 10
    today_x = x(today)
    near_right = today_x > TL_WIDTH - TL_RIGHT - 40
    return {
        "width": TL_WIDTH,
        "height": height,
        "label_x": TL_LABEL - 10,
        "chart_left": TL_LABEL,
        "chart_right": TL_WIDTH - TL_RIGHT,
        "rows": rows,
        "ticks": [{"x": x(t), "day": t} for t in _month_ticks(start, end)],
        "today_x": today_x,
        "today_label": today_label or _("heute"),
        "today_label_x": round(today_x - 4 if near_right else today_x + 4, 1),
        "today_label_y": TL_TOP - 12,
        "today_anchor": "end" if near_right else "start",
        "axis_y": TL_TOP - 8,
        "tick_label_y": TL_TOP - 26,
        "bottom": height - 4,
    }


class AsOf(TypedDict):
    """A report's milestones, risks and open decision requests as its page shows them."""

    milestones: list[MilestoneRow]
    risks: list[RiskRow]
    decision_requests: list[RequestRow]
    finance: dict[str, Any] | None
    frozen: bool


def as_of(report: StatusReport) -> AsOf:
    """The report's snapshot (submitted or accepted) or the live project (draft), as rows."""
    data = selectors.as_of_report(report)
    return {
        "milestones": [MilestoneRow.from_snapshot(m) for m in data["milestones"]],
        "risks": [RiskRow.from_snapshot(r) for r in data["risks"]],
        "decision_requests": [RequestRow.from_snapshot(d) for d in data["decision_requests"]],
        "finance": data["finance"],
        "frozen": data["frozen"],
    }
