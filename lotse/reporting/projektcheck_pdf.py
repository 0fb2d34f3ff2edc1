"""The Projektcheck pack as PDF/UA-1: a cover listing every project, then one page each.

Same content as the page's project sections (`reporting/templatetags/projektcheck_sections.py`),
laid out by Typst (`reporting/projektcheck.typ`). Every text is data, never markup.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lotse.documents import typeset as ts

from .cockpit import CockpitRow


def _d(day: date | None) -> str:
    return formats.date_format(day, "d.m.Y") if day else ""


def _paragraphs(text: str) -> list[dict]:
    return [
        ts.para(part.strip()) for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()
    ]


def _milestones(row: CockpitRow) -> list[dict]:
    header = _("Meilensteine")
    if not row.frozen:
        header += " (" + _("aktueller Stand") + ")"
    blocks = [ts.heading(2, header, outlined=False)]
    if not row.milestones:
        return [*blocks, ts.para(_("Keine Meilensteine erfasst."), tone="muted")]
    rows = []
    for m in row.milestones:
        days = m.get("delay_days", 0) or 0
        if days > 0:
            state = ngettext("%(days)s Tag", "%(days)s Tage", days) % {"days": days}
            if m.get("overdue"):
                state += " – " + _("überfällig")
            elif m.get("slipping"):
                state += " – " + _("verzögert")
        else:
            state = _("im Plan")
        rows.append(
            [
                m["title"],
                _d(m["planned_date"]),
                _d(m["forecast_date"]) or "–",
                _d(m["actual_date"]) or "–",
                ts.run(
                    state, bold=bool(m.get("slipping")), tone="late" if m.get("slipping") else ""
                ),
            ]
        )
    blocks.append(
        ts.table(
            _("Meilensteine von %(title)s") % {"title": row.project.title},
            [_("Meilenstein"), _("geplant"), _("Prognose"), _("erreicht am"), _("Verzug")],
            rows,
            widths=["1fr", "auto", "auto", "auto", "auto"],
            caption_hidden=True,
        )
    )
    return blocks


def _report(row: CockpitRow) -> list[dict]:
    report = row.report
    if report is None:
        return [ts.para(ts.run(_("Für diese Periode liegt kein Bericht vor."), bold=True))]
    blocks = [
        ts.table(
            _("Ampeln"),
            [_("Ampelbereich"), _("Ampel"), _("Erläuterung")],
            [
                [light.label, ts.light(light.value, light.value_label), light.note or "–"]
                for light in row.lights
            ],
            widths=["38mm", "24mm", "1fr"],
        ),
        ts.heading(2, _("Wo steht das Projekt?"), outlined=False),
    ]
    blocks += _paragraphs(report.summary) or [ts.para(_("Keine Angabe."), tone="muted")]
    blocks.append(ts.heading(2, _("Nächste Schritte"), outlined=False))
    steps = report.next_step_list
    blocks.append(
        ts.items(steps, numbered=True) if steps else ts.para(_("Keine Angabe."), tone="muted")
    )
    if report.support_needed:
        blocks.append(ts.heading(2, _("Unterstützungsbedarf"), outlined=False))
        blocks += _paragraphs(report.support_needed)
    return blocks


def _risks_and_requests(row: CockpitRow) -> list[dict]:
    blocks = [ts.heading(2, _("Top-Risiken"), outlined=False)]
    if row.top_risks:
        entries = []
        for r in row.top_risks:
            line = [
                ts.run(r["title"], bold=True),
                ts.run(
                    " – "
                    + _("Wahrscheinlichkeit %(p)s/4, Auswirkung %(i)s/4")
                    % {"p": r["probability"], "i": r["impact"]}
                ),
            ]
            if r["status"] == "occurred":
                line.append(ts.run(f" ({r['status_label']})"))
            if r.get("mitigation"):
                line.append(
                    ts.run("\n" + _("Gegenmaßnahmen") + ": " + r["mitigation"], tone="muted")
                )
            entries.append(line)
        blocks.append(ts.items(entries))
    else:
        blocks.append(ts.para(_("Keine offenen Risiken."), tone="muted"))
    blocks.append(ts.heading(2, _("Offene Entscheidungsbedarfe"), outlined=False))
    if row.decision_requests:
        entries = []
        for d in row.decision_requests:
            detail = " – " + str(d.get("addressed_to_label") or d.get("addressed_to") or "")
            if d.get("needed_by"):
                detail += ", " + _("benötigt bis %(day)s") % {"day": _d(d["needed_by"])}
            line = [ts.run(d["question"]), ts.run(detail, tone="muted")]
            if d.get("needed_by") and d["needed_by"] < row.today:
                line.append(ts.run(" " + _("überfällig"), bold=True, tone="late"))
            entries.append(line)
        blocks.append(ts.items(entries))
    else:
        blocks.append(ts.para(_("Keine offenen Entscheidungsbedarfe."), tone="muted"))
    return blocks


def project_blocks(row: CockpitRow) -> list[dict]:
    """One project's page."""
    project = row.project
    meta = (
        f"{project.field_of_action.name} · {_('Projektleitung')}: "
        f"{project.lead or '–'} · {_('Bericht')}: {row.state_label}"
    )
    if row.report is not None and row.report.submitted_at:
        meta += " (" + _("eingereicht am %(day)s") % {"day": _d(row.report.submitted_at)} + ")"
    if row.trend:
        meta += f" · {_('Trend')}: {row.trend_label}"
    blocks = [
        ts.heading(1, project.title, page_break=True, label=f"projekt-{project.pk}"),
        ts.para(meta, tone="muted"),
    ]
    if row.reasons:
        inner = [
            ts.heading(2, _("Handlungsbedarf"), outlined=False),
            ts.items([r.text for r in row.reasons]),
        ]
        inner += [ts.para(k.detail, tone="muted") for k in row.waits_for]
        blocks.append(ts.box(inner))
    if row.delays:
        blocks.append(ts.heading(2, _("Wirkt auf abhängige Projekte"), outlined=False))
        blocks.append(
            ts.items(
                [
                    [ts.run(k.upstream_text + "\n"), ts.run(k.detail, tone="muted")]
                    for k in row.delays
                ]
            )
        )
    blocks += _report(row)
    blocks += _milestones(row)
    blocks += _risks_and_requests(row)
    return blocks


def document(context: dict[str, Any]) -> dict:
    """Metadata, cover and the list of projects; the projects' pages are `project_blocks`."""
    programme = context["programme"]
    period = context["period"]
    today = context["today"]
    rows: list[CockpitRow] = context["rows"]
    attention = context["attention_count"]
    summary = ngettext("%(n)s Projekt", "%(n)s Projekte", len(rows)) % {"n": len(rows)}
    if attention:
        summary += ", " + ngettext(
            "%(n)s mit Handlungsbedarf", "%(n)s mit Handlungsbedarf", attention
        ) % {"n": attention}
    entries = []
    for row in rows:
        light = row.lights[0] if row.lights else None
        text = [ts.run(row.project.title + " ")]
        if light is not None:
            text.append(ts.light(row.overall, light.value_label))
        entries.append((f"projekt-{row.project.pk}", text, row.reason_text or None))
    blocks = [ts.heading(1, summary, label="projektliste"), ts.toc(entries)]
    short = programme.short_name or programme.name
    return {
        "title": _("Projektcheck – %(name)s") % {"name": programme.name},
        "author": programme.name,
        "running_head": f"{_('Projektcheck')} {short} · {_d(period.start)} – {_d(period.end)}",
        "footer_left": _d(today),
        "page_of": [_("Seite"), _("von")],
        "title_size": 26,
        "cover_space": True,
        "cover": {
            "brand": f"Lotse · {programme.name}",
            "title": _("Projektcheck"),
            "lines": [
                formats.date_format(period.check_date, "l, j. F Y"),
                _("Berichtsperiode %(start)s – %(end)s, Berichte fällig am %(due)s")
                % {"start": _d(period.start), "end": _d(period.end), "due": _d(period.due_date)},
                _("Stand: %(day)s") % {"day": formats.date_format(today, "j. F Y")},
            ],
        },
        "blocks": blocks,
    }


def render_pdf(context: dict[str, Any], *, progress: ts.Progress | None = None) -> bytes:
    """The pack for the Projektcheck page's context (`views.programme._projektcheck`).

    Set in parts of `typeset.PARTS_PER_CHILD` projects, each in a child process of its own,
    then joined: one Typst process for the 500-project pack would need over 600 MB.
    """
    if progress:
        progress("prepare", 10)
    front = document(context)
    parts = [project_blocks(row) for row in context["rows"]]
    return ts.render_parts("reporting/projektcheck.typ", front, parts, progress=progress)
