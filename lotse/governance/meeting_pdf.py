"""Agenda and minutes of a meeting as PDF/UA-1, laid out by Typst (`governance/meeting.typ`).

Same content as the agenda and minutes on the meeting page; every text is data, never markup.
"""

from __future__ import annotations

from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from lotse.documents import typeset as ts


def _d(day: Any) -> str:
    return formats.date_format(day, "d.m.Y") if day else ""


def _t(moment: Any) -> str:
    return formats.time_format(moment, "H:i") if moment else ""


def _base(context: dict[str, Any], title: str, running: str, lines: list[str]) -> dict:
    series = context["series"]
    meeting = context["meeting"]
    return {
        "title": f"{title} – {series.name} {_d(meeting.date)}",
        "author": str(context["programme"].name),
        "running_head": running,
        "footer_left": _d(context.get("today")),
        "page_of": [_("Seite"), _("von")],
        "cover": {
            "brand": str(context["programme"].name),
            "title": f"{title}: {series.name}",
            "lines": lines,
        },
    }


def _where(meeting: Any, series: Any) -> str:
    text = f" {_('Uhr')} · {series.get_format_display()}"
    if meeting.location:
        text += f" · {meeting.location}"
    return text


def agenda(context: dict[str, Any]) -> dict:
    series, meeting = context["series"], context["meeting"]
    when = formats.date_format(meeting.date, "l, j. F Y")
    line = f"{when}, {_t(meeting.start_time)}–{_t(meeting.ends_at)}" + _where(meeting, series)
    if meeting.is_cancelled:
        line += " · " + _("abgesagt")
    lines = [
        line,
        f"{_('Leitung')}: {series.chair or '–'} · {_('Moderation')}: {series.moderator or '–'}",
    ]
    caption = _("Geplant: %(total)s von %(duration)s Minuten") % {
        "total": context["total_minutes"],
        "duration": meeting.duration_minutes,
    }
    rows = []
    for number, item in enumerate(context["items"], start=1):
        cell = [ts.run(item.title, bold=True)]
        if item.project:
            cell.append(ts.run("\n" + item.project.title))
        if item.description:
            cell.append(ts.run("\n" + item.description, tone="muted"))
        rows.append([str(number), cell, str(item.minutes)])
    data = _base(context, _("Tagesordnung"), f"{series.name} · {_d(meeting.date)}", lines)
    data["blocks"] = [
        ts.heading(1, caption),
        ts.table(
            caption,
            [_("TOP"), _("Thema"), _("Minuten")],
            rows or [["", _("Keine Punkte."), ""]],
            numeric=(2,),
            widths=["auto", "1fr", "auto"],
            row_headers=False,
            caption_hidden=True,
        ),
    ]
    return data


def minutes(context: dict[str, Any]) -> dict:
    series, meeting = context["series"], context["meeting"]
    when = formats.date_format(meeting.date, "l, j. F Y")
    lines = [f"{when}, {_t(meeting.start_time)}" + _where(meeting, series)]
    running = f"{_('Protokoll')} {series.name} · {_d(meeting.date)}"
    data = _base(context, _("Protokoll"), running, lines)
    blocks = [ts.heading(1, _("Anwesenheit"))]
    attendances = context.get("attendances") or []
    if attendances:
        blocks.append(ts.items([f"{a.name} – {a.get_status_display()}" for a in attendances]))
    else:
        blocks.append(ts.para(_("Keine Anwesenheit erfasst."), tone="muted"))
    if meeting.minutes_notes:
        blocks += [ts.heading(1, _("Allgemeine Notizen")), ts.para(meeting.minutes_notes)]
    blocks.append(ts.heading(1, _("Tagesordnung und Notizen")))
    blocks.append(
        ts.items(
            [
                [
                    ts.run(item.title, bold=True),
                    *([ts.run("\n" + item.notes)] if item.notes else []),
                ]
                for item in context["items"]
            ],
            numbered=True,
        )
    )
    blocks.append(ts.heading(1, _("Beschlüsse")))
    decisions = context.get("decisions") or []
    if decisions:
        entries = []
        for d in decisions:
            line = [ts.run(str(d.get_kind_display()), bold=True)]
            if d.project:
                line.append(ts.run(f" – {d.project.title}"))
            line.append(ts.run("\n" + d.wording))
            if d.rationale:
                line.append(ts.run(f"\n{_('Begründung')}: {d.rationale}", tone="muted"))
            entries.append(line)
        blocks.append(ts.items(entries, numbered=True))
    else:
        blocks.append(ts.para(_("Keine Beschlüsse."), tone="muted"))
    blocks.append(ts.heading(1, _("Aufgaben")))
    actions = context.get("action_items") or []
    if actions:
        blocks.append(
            ts.table(
                _("Aufgaben"),
                [_("Aufgabe"), _("verantwortlich"), _("fällig am")],
                [[a.title, str(a.owner or "–"), _d(a.due_date) or "–"] for a in actions],
                widths=["1fr", "auto", "auto"],
                row_headers=False,
                caption_hidden=True,
            )
        )
    else:
        blocks.append(ts.para(_("Keine Aufgaben."), tone="muted"))
    data["blocks"] = blocks
    return data


def render_pdf(context: dict[str, Any], kind: str, *, progress: ts.Progress | None = None) -> bytes:
    """`kind` is "agenda" or "minutes"; `context` is the meeting page's context."""
    data = agenda(context) if kind == "agenda" else minutes(context)
    return ts.render("governance/meeting.typ", data, progress=progress)
