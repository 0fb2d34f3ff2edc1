"""Render a report model (`data.Report`) to HTML/PDF, XLSX and DOCX.

The renderers only read the report model, so every format shows the same content. Nothing
depends on the moment of rendering: the same report model gives the same text.
"""

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import gettext as _
from docx.document import Document

from lotse.documents import docx as word
from lotse.documents import svg
from lotse.documents import xlsx
from lotse.documents.typeset import Progress

from . import pdf
from .data import ProjectPage
from .data import Report
from .kinds import KINDS
from .kinds import Kind


def _d(day: date | None) -> str:
    return formats.date_format(day, "d.m.Y") if day else ""


def filename(report: Report, fmt: str) -> str:
    name = slugify(f"{report.kind_label} {report.focus_field} {report.programme_short}")[:80]
    return f"{name}-stand-{report.as_of:%Y-%m-%d}.{fmt}"


def toc(report: Report) -> list[dict]:
    if not KINDS[report.kind].toc:
        return []
    entries = [{"anchor": "zusammenfassung", "label": _("Zusammenfassung"), "level": 1}]
    if report.staff:
        entries.append(
            {
                "anchor": "organisation",
                "label": _("Auswirkungen auf Organisation und Mitarbeitende"),
                "level": 1,
            }
        )
    entries.append(
        {
            "anchor": "themenfelder",
            "label": _("Das Themenfeld")
            if report.focus_field
            else _("Themenfelder: Zielzustand und Fortschritt"),
            "level": 1,
        }
    )
    entries += [
        {"anchor": f"themenfeld-{f.pk}", "label": f.name, "level": 2} for f in report.fields
    ]
    if KINDS[report.kind].project_pages:
        entries.append({"anchor": "projekte", "label": _("Die Projekte"), "level": 1})
        entries += [
            {"anchor": f"projekt-{p.pk}", "label": p.title, "level": 2} for p in report.projects
        ]
    if report.finance:
        entries.append({"anchor": "finanzen", "label": _("Finanzen"), "level": 1})
    entries += [
        {
            "anchor": "entscheidungen",
            "label": _("Entscheidungen und Eskalationen im Berichtszeitraum"),
            "level": 1,
        },
        {"anchor": "ausblick", "label": _("Ausblick"), "level": 1},
        {"anchor": "hinweise", "label": _("Hinweise zum Stand"), "level": 1},
    ]
    return entries


def charts(report: Report) -> dict:
    """SVG charts; the document shows the same numbers as a table or text next to each."""
    if report.kind == Kind.STRATEGY_BK:
        return {}  # two pages at most: the tables say it all
    result = {}
    if report.lights:
        result["lights"] = svg.bar_chart(
            chart_id="chart-lights",
            title=_("Projekte nach Gesamtstatus"),
            desc="; ".join(f"{c.label}: {c.count}" for c in report.lights),
            items=[(c.label, c.count) for c in report.lights],
        )
    if report.okr:
        result["okr"] = svg.bar_chart(
            chart_id="chart-okr",
            title=_("OKR-Zielerreichung je Themenfeld"),
            desc="; ".join(
                f"{line.label}: {line.percent if line.percent is not None else '–'} %"
                for line in report.okr
            ),
            items=[(line.label, line.percent) for line in report.okr],
            unit=" %",
            max_value=100,
        )
    return result


def context(report: Report) -> dict:
    return {
        "report": report,
        "toc": toc(report),
        "charts": charts(report),
        "project_pages": KINDS[report.kind].project_pages,
    }


def render_html(report: Report) -> str:
    """The report's body as HTML (for the preview page)."""
    return render_to_string("council_reports/_body.html", context(report))


def render_pdf(
    report: Report, request: HttpRequest | None = None, *, progress: Progress | None = None
) -> bytes:
    """The report as PDF/UA-1, laid out by Typst (`council_reports/report.typ`).

    `request` is no longer needed (nothing is fetched); it stays for the callers.
    """
    from lotse.documents import typeset

    from . import pdf

    if progress:
        progress("prepare", 10)
    data = pdf.document(report, charts(report))
    return typeset.render(
        "council_reports/report.typ", data, moment=report.moment, progress=progress
    )


# --- XLSX -------------------------------------------------------------------------------


def _sheet(
    workbook: xlsx.Book,
    title: str,
    headers: list[str],
    rows: list[list[Any]],
    formats: dict[int, str] | None = None,
) -> None:
    xlsx.fill_sheet(xlsx.add_sheet(workbook, title), headers, rows, formats)


def _xlsx_about(workbook: xlsx.Book, report: Report) -> None:
    """The report's key data as a one-row table (a header like every other sheet)."""
    about = workbook.worksheets[0]  # the new workbook's own sheet
    about.title = _("Bericht")
    xlsx.fill_sheet(
        about,
        [
            _("Bericht"),
            _("Programm"),
            _("Stand"),
            _("Berichtszeitraum von"),
            _("Berichtszeitraum bis"),
            _("Projekte"),
        ],
        [
            [
                report.title,
                report.programme_name,
                report.as_of,
                report.period_start,
                report.period_end,
                report.project_count,
            ]
        ],
    )


def _xlsx_fields(workbook: xlsx.Book, report: Report) -> None:
    _sheet(
        workbook,
        _("Themenfelder"),
        [_("Themenfeld"), _("Zielzustand"), _("Projekte"), _("Gesamtstatus"), _("OKR")],
        [
            [
                f.name,
                f.target_state,
                f.total,
                ", ".join(f"{c.label}: {c.count}" for c in f.lights),
                xlsx.Percent.of_points(f.okr.percent if f.okr else None),
            ]
            for f in report.fields
        ],
    )


def _xlsx_projects(workbook: xlsx.Book, report: Report) -> None:
    lights = [light.label for light in report.projects[0].lights] if report.projects else []
    _sheet(
        workbook,
        _("Projekte"),
        [
            _("Themenfeld"),
            _("Projekt"),
            _("Phase"),
            _("Organisationseinheit"),
            _("Projektleitung"),
            _("Statusbericht"),
            *lights,
            _("Wo steht das Projekt?"),
        ],
        [
            [
                p.field_name,
                p.title,
                p.stage_label,
                p.org_unit,
                p.lead,
                p.report_period,
                *[light.value_label for light in p.lights],
                p.summary,
            ]
            for p in report.projects
        ],
    )


def _xlsx_milestones(workbook: xlsx.Book, report: Report) -> None:
    _sheet(
        workbook,
        _("Meilensteine"),
        [_("Projekt"), _("Meilenstein"), _("geplant"), _("Prognose"), _("erreicht am"), _("Stand")],
        [
            [m.project, m.title, m.planned, m.forecast, m.actual, m.status_label]
            for p in report.projects
            for m in p.milestones
        ],
    )


def _xlsx_decisions(workbook: xlsx.Book, report: Report) -> None:
    _sheet(
        workbook,
        _("Entscheidungen"),
        [_("Datum"), _("Gremium"), _("Art"), _("Projekt"), _("Beschluss")],
        [[d.decided_on, d.body_label, d.kind_label, d.project, d.text] for d in report.decisions],
    )
    _sheet(
        workbook,
        _("Entscheidungsbedarfe"),
        [_("Projekt"), _("Frage"), _("Adressiert an"), _("Status"), _("benötigt bis")],
        [
            [r.project, r.question, r.addressed_label, r.status_label, r.needed_by]
            for r in report.open_requests
        ],
    )


def _xlsx_finance(workbook: xlsx.Book, report: Report) -> None:
    if not report.finance:
        return
    _sheet(
        workbook,
        _("Finanzen %(year)s") % {"year": report.finance.year},
        [_("Themenfeld"), _("Plan"), _("Ist"), _("Obligo"), _("verfügbar"), _("Fördermittel")],
        [
            [r.label, r.plan, r.actual, r.committed, r.remaining, r.funded]
            for r in [*report.finance.rows, report.finance.total]
        ],
        dict.fromkeys(range(1, 6), xlsx.EURO_FORMAT),
    )


# One function per part of the report, in the order of the sheets.
XLSX_PARTS = [
    _xlsx_about,
    _xlsx_fields,
    _xlsx_projects,
    _xlsx_milestones,
    _xlsx_decisions,
    _xlsx_finance,
]


def render_xlsx(report: Report) -> bytes:
    workbook, _about = xlsx.new_workbook()
    for part in XLSX_PARTS:
        part(workbook, report)
    return xlsx.workbook_bytes(workbook)


# --- DOCX -------------------------------------------------------------------------------


def _table(document: Document, headers: list[str], rows: list[list[Any]]) -> None:
    word.add_table(document, headers, rows)


def _table_or(document: Document, headers: list[str], rows: list[list[Any]], empty: str) -> None:
    """The table, or the sentence `empty` where there is no row."""
    if rows:
        _table(document, headers, rows)
    else:
        document.add_paragraph(empty)


def _docx_title(document: Document, report: Report) -> None:
    document.add_heading(report.title, level=0)
    document.add_paragraph(report.programme_name)
    document.add_paragraph(
        _("Stand: %(day)s · Berichtszeitraum: %(start)s – %(end)s")
        % {"day": _d(report.as_of), "start": _d(report.period_start), "end": _d(report.period_end)}
    )


def _docx_summary(document: Document, report: Report) -> None:
    document.add_heading(_("Zusammenfassung"), level=1)
    if report.programme_description:
        document.add_paragraph(report.programme_description)
    _table(document, [_("Phase"), _("Projekte")], [[c.label, c.count] for c in report.stages])
    document.add_paragraph()
    _table(
        document, [_("Gesamtstatus"), _("Projekte")], [[c.label, c.count] for c in report.lights]
    )


def _docx_staff(document: Document, report: Report) -> None:
    if not report.staff:
        return
    document.add_heading(_("Auswirkungen auf Organisation und Mitarbeitende"), level=1)
    _table(
        document,
        [_("Organisationseinheit"), _("Projekte")],
        [[c.label, c.count] for c in report.staff.org_units],
    )
    for title, text in report.staff.involvement:
        document.add_paragraph(f"{title}: {text}")


def _docx_fields(document: Document, report: Report) -> None:
    document.add_heading(
        _("Das Themenfeld")
        if report.focus_field
        else _("Themenfelder: Zielzustand und Fortschritt"),
        level=1,
    )
    for f in report.fields:
        document.add_heading(f.name, level=2)
        if f.target_state:
            document.add_paragraph(_("Zielzustand: %(text)s") % {"text": f.target_state})
        progress = ", ".join(f"{c.label}: {c.count}" for c in f.stages + f.lights)
        document.add_paragraph(
            _("Fortschritt: %(n)d Projekte – %(progress)s") % {"n": f.total, "progress": progress}
        )
        if f.okr:
            document.add_paragraph(
                _("OKR-Zielerreichung: %(p)s %% (%(band)s)")
                % {
                    "p": f.okr.percent if f.okr.percent is not None else "–",
                    "band": f.okr.band_label,
                }
            )


def _docx_project(document: Document, p: ProjectPage, first: bool) -> None:
    # Each project on a page of its own, the first under "Die Projekte" (as in the PDF). A
    # break added to the last paragraph fell inside the project before: after its heading
    # "Meilensteine", before that heading's table.
    heading = document.add_heading(p.title, level=2)
    if not first:
        heading.paragraph_format.page_break_before = True
    _table(
        document,
        [_("Steckbrief"), ""],
        [
            [_("Themenfeld"), p.field_name],
            [_("Phase"), p.stage_label],
            [_("Organisationseinheit"), p.org_unit or "–"],
            [_("Projektleitung"), p.lead or "–"],
            [_("Statusbericht"), p.report_period or _("kein Bericht")],
        ],
    )
    if p.summary:
        document.add_paragraph(p.summary)
    document.add_heading(_("Ampeln"), level=3)
    _table(
        document,
        [_("Bereich"), _("Ampel"), _("Erläuterung")],
        [[light.label, light.value_label, light.note or "–"] for light in p.lights],
    )
    document.add_heading(_("Meilensteine"), level=3)
    _table_or(
        document,
        [_("Meilenstein"), _("geplant"), _("Prognose"), _("erreicht am"), _("Stand")],
        [
            [m.title, _d(m.planned), _d(m.forecast), _d(m.actual), m.status_label]
            for m in p.milestones
        ],
        _("Keine Meilensteine erfasst."),
    )
    if p.top_risks:
        document.add_heading(_("Wichtigste Risiken"), level=3)
        _table(
            document,
            [_("Risiko"), _("Einstufung"), _("Gegenmaßnahmen")],
            [[r.title, r.level_label, r.mitigation or "–"] for r in p.top_risks],
        )
    else:
        document.add_paragraph(_("Keine offenen Risiken."))


def _docx_projects(document: Document, report: Report) -> None:
    if not KINDS[report.kind].project_pages:
        return
    document.add_heading(_("Die Projekte"), level=1).paragraph_format.page_break_before = True
    for i, p in enumerate(report.projects):
        _docx_project(document, p, first=i == 0)


def _docx_finance(document: Document, report: Report) -> None:
    if not report.finance:
        return
    from lotse.finance.money import committee

    document.add_heading(
        _("Finanzen %(year)s: Plan, Ist und Obligo") % {"year": report.finance.year}, level=1
    )
    _table(
        document,
        [_("Themenfeld"), _("Plan"), _("Ist"), _("Obligo"), _("verfügbar")],
        [
            [r.label, *[committee(v) for v in (r.plan, r.actual, r.committed, r.remaining)]]
            for r in [*report.finance.rows, report.finance.total]
        ],
    )
    for d in report.finance.deadlines:
        document.add_paragraph(
            f"{_d(d.due_date)} {d.kind_label}: {d.title} – {d.state_label}. {d.consequence}"
        )


def _docx_decisions(document: Document, report: Report) -> None:
    document.add_heading(_("Entscheidungen und Eskalationen im Berichtszeitraum"), level=1)
    _table_or(
        document,
        [_("Datum"), _("Gremium"), _("Projekt"), _("Beschluss")],
        [[_d(d.decided_on), d.body_label, d.project, d.text] for d in report.decisions],
        _("Im Berichtszeitraum wurden keine Beschlüsse erfasst."),
    )
    for e in report.escalations:
        document.add_paragraph(
            f"{_d(e.escalated_on)}: {e.question} ({e.project}) {e.from_label} → {e.to_label}"
        )


def _docx_outlook(document: Document, report: Report) -> None:
    document.add_heading(_("Ausblick"), level=1)
    _table_or(
        document,
        [_("erwartet am"), _("Projekt"), _("Meilenstein")],
        [[_d(m.forecast or m.planned), m.project, m.title] for m in report.outlook],
        _("In den nächsten sechs Monaten sind keine Meilensteine geplant."),
    )


def _docx_blocks(document: Document, blocks: list[dict]) -> None:
    """Headings, paragraphs, lists and tables of the PDF's block model (lotse.documents.
    typeset) in Word: a part that reads the same in both is written once, in pdf.py."""
    for block in blocks:
        if block["type"] == "heading":
            document.add_heading(block["text"], level=block["level"])
        elif block["type"] == "table":
            rows = [["".join(r["t"] for r in cell) for cell in row] for row in block["rows"]]
            _table(document, block["header"], rows)
        elif block["type"] in ("par", "list"):
            style = None
            if block["type"] == "list":
                style = "List Number" if block["numbered"] else "List Bullet"
            for runs in block["items"] if style else [block["runs"]]:
                paragraph = document.add_paragraph(style=style)
                for r in runs:
                    paragraph.add_run(r["t"]).bold = r.get("b", False)


def _docx_strategy_bk(document: Document, report: Report) -> None:
    _docx_blocks(document, pdf.strategy_bk(report))


def _docx_note(document: Document, report: Report) -> None:
    _docx_blocks(document, pdf.note(report))


# One function per part of the report, in the order of the document.
DOCX_PARTS = [
    _docx_title,
    _docx_summary,
    _docx_staff,
    _docx_fields,
    _docx_projects,
    _docx_finance,
    _docx_decisions,
    _docx_outlook,
    _docx_note,
]
# The summary for the Strategie-BK has its own parts, as in the PDF and the preview.
STRATEGY_BK_PARTS = [_docx_title, _docx_summary, _docx_strategy_bk, _docx_note]


def render_docx(report: Report) -> bytes:
    """A Word document with real heading styles (navigation pane, Word's own ToC), A4 and
    German, as every Lotse document (lotse/documents/docx.py)."""
    document = word.new_document(
        title=f"{report.title} – {report.programme_name}",
        author=_("Programmbüro %(programme)s") % {"programme": report.programme_name},
    )
    for part in STRATEGY_BK_PARTS if report.kind == Kind.STRATEGY_BK else DOCX_PARTS:
        part(document, report)
    return word.document_bytes(document)
