"""The roadmap as A3 landscape PDF/UA-1, laid out by Typst (`planning/roadmap.typ`).

The server-rendered SVG chart is embedded as an image with alt text; the table below it
says the same per project. Every text is data, never markup.
"""

from __future__ import annotations

from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lotse.documents import typeset as ts


def _d(day: Any) -> str:
    return formats.date_format(day, "d.m.Y") if day else ""


def _phases(row: Any) -> list[dict]:
    parts: list[dict] = []
    for bar in row.bars:
        if not bar.is_phase:
            continue
        if parts:
            parts.append(ts.run("\n"))
        parts.append(ts.run(f"{bar.label}: {_d(bar.start)} – {_d(bar.end)}"))
        if bar.late_days > 0:
            late = ngettext(
                "%(n)s Tag später als geplant", "%(n)s Tage später als geplant", bar.late_days
            ) % {"n": bar.late_days}
            parts.append(ts.run(f" ({late})", tone="late"))
    return parts or [ts.run("–")]


def _milestones(row: Any) -> list[dict]:
    parts: list[dict] = []
    for m in row.milestones:
        if parts:
            parts.append(ts.run("\n"))
        parts.append(ts.run(f"{m.title}: {_d(m.planned)}"))
        if m.actual:
            parts.append(ts.run(f" – {_('erreicht')} {_d(m.actual)}"))
        elif m.forecast and m.moved:
            parts.append(ts.run(" → "))
            parts.append(ts.run(_d(m.forecast), tone="late"))
    return parts or [ts.run("–")]


def _knock_on(row: Any) -> list[dict]:
    parts: list[dict] = []
    for k in row.waits_for:
        parts.append(ts.run(f"⚠ {k.downstream_text}\n", bold=True, tone="late"))
        parts.append(ts.run(f"{k.detail}\n", tone="muted"))
    for k in row.delays:
        parts.append(ts.run(f"{k.upstream_text}\n"))
    return parts or [ts.run("–")]


def _tables(roadmap: Any) -> list[dict]:
    if roadmap.collapsed:
        return [
            ts.heading(1, _("Projekte je Themenfeld")),
            ts.table(
                _("Projekte je Themenfeld"),
                [
                    _("Themenfeld"),
                    _("Projekte"),
                    _("frühester Beginn"),
                    _("spätestes Ende"),
                    _("mit Knock-on"),
                ],
                [
                    [
                        block.field.name,
                        str(block.count),
                        _d(block.start) or "–",
                        _d(block.end) or "–",
                        str(block.knock_on_count),
                    ]
                    for block in roadmap.blocks
                ],
                numeric=(1, 4),
                caption_hidden=True,
            ),
        ]
    caption = _(
        "Roadmap als Tabelle (%(window)s): Phasen, Meilensteine und Abhängigkeiten je Projekt"
    ) % {"window": roadmap.window.label}
    blocks = [ts.heading(1, caption, page_break=True)]
    header = [
        _("Projekt"),
        _("Beginn"),
        _("Ende"),
        _("Phasen"),
        _("Meilensteine (geplant → Prognose)"),
        _("Knock-on"),
    ]
    for block in roadmap.blocks:
        blocks.append(ts.heading(2, block.field.name))
        blocks.append(
            ts.table(
                block.field.name,
                header,
                [
                    [
                        [
                            ts.run(row.project.title, bold=True),
                            ts.run("\n" + str(row.project.get_stage_display()), tone="muted"),
                        ],
                        _d(row.start) or "–",
                        _d(row.end) or "–",
                        _phases(row),
                        _milestones(row),
                        _knock_on(row),
                    ]
                    for row in block.rows
                ],
                widths=["1fr", "auto", "auto", "1.3fr", "1.3fr", "1.3fr"],
                row_headers=False,
                caption_hidden=True,
            )
        )
    return blocks


def document(context: dict[str, Any]) -> dict:
    roadmap = context["roadmap"]
    programme = context["programme"]
    window = roadmap.window.label
    summary = _("Zeitraum %(window)s, Stand %(day)s, %(n)s Projekte") % {
        "window": window,
        "day": _d(roadmap.today),
        "n": roadmap.total,
    }
    blocks = [
        ts.heading(1, _("Zeitstrahl")),
        ts.figure(
            context["chart"],
            _(
                "Roadmap-Grafik, %(summary)s: Balken je Projekt und Phase, Meilensteine als "
                "Rauten, Abhängigkeiten als Pfeile. Die Tabelle danach nennt dieselben Angaben."
            )
            % {"summary": summary},
            _(
                "Legende: Balken = Phase bzw. Laufzeit; rot gestrichelt = später als geplant; "
                "hohle Raute = Meilenstein geplant; rote Raute = Prognose; grüne Raute = "
                "erreicht; gestrichelte rote Linie = heute; Pfeil = Abhängigkeit (zeigt auf das "
                "wartende Projekt); roter Pfeil mit „+N T.“ = Knock-on; gepunktet = Synergie."
            ),
        ),
    ]
    if roadmap.knock_ons:
        count = len(roadmap.knock_ons)
        blocks.append(
            ts.heading(
                1,
                ngettext("%(n)s Knock-on-Effekt", "%(n)s Knock-on-Effekte", count) % {"n": count},
            )
        )
        blocks.append(
            ts.items(
                [
                    [
                        ts.run(k.downstream_title, bold=True),
                        ts.run(f": {k.downstream_text}\n"),
                        ts.run(k.detail, tone="muted"),
                    ]
                    for k in roadmap.knock_ons
                ]
            )
        )
    blocks += _tables(roadmap)
    title = f"{_('Roadmap')} – {programme.name}"
    return {
        "title": title,
        "author": programme.name,
        "running_head": f"{title} – {window}",
        "footer_left": _d(roadmap.today),
        "page_of": [_("Seite"), _("von")],
        "paper": "a3",
        "landscape": True,
        "cover": {"brand": programme.name, "title": title, "lines": [summary]},
        "blocks": blocks,
    }


def render_pdf(context: dict[str, Any], *, progress: ts.Progress | None = None) -> bytes:
    """The PDF for the roadmap page's context, with `chart` (the SVG at PDF width)."""
    return ts.render("planning/roadmap.typ", document(context), progress=progress)
