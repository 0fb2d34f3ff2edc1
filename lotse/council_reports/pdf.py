"""The council report as PDF: the report model turned into Typst's block model.

Same content and order as the HTML preview (`_body.html`); `render.render_pdf` lays it out
with `council_reports/report.typ`. Every text is data, never markup.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lotse.documents import typeset as ts

from .data import Count
from .data import ProjectPage
from .data import Report
from .kinds import KINDS
from .kinds import Kind


def _d(day: date | None) -> str:
    return formats.date_format(day, "d.m.Y") if day else ""


def _or_dash(value: object) -> str:
    return str(value) if value not in (None, "") else "–"


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _counts(counts: list[Count]) -> str:
    return ", ".join(f"{c.label}: {c.count}" for c in counts)


def _summary(report: Report, charts: dict) -> list[dict]:
    blocks = [ts.heading(1, _("Zusammenfassung"))]
    if report.programme_description:
        blocks.append(ts.para(report.programme_description))
    if report.strategic_goals:
        blocks.append(
            ts.para(
                ts.run(_("Strategische Ziele:"), bold=True), " " + ", ".join(report.strategic_goals)
            )
        )
    n = report.project_count
    first = ngettext("%(n)s Projekt", "%(n)s Projekte", n) % {"n": n}
    if report.focus_field:
        first += " " + _("im Themenfeld „%(field)s“") % {"field": report.focus_field}
    else:
        fields = len(report.fields)
        first += " " + ngettext("in %(n)s Themenfeld", "in %(n)s Themenfeldern", fields) % {
            "n": fields
        }
    facts = [
        first,
        ngettext(
            "%(n)s Projekt mit Gesamtstatus rot",
            "%(n)s Projekte mit Gesamtstatus rot",
            len(report.red_projects),
        )
        % {"n": len(report.red_projects)},
        ngettext(
            "%(n)s offener Entscheidungsbedarf",
            "%(n)s offene Entscheidungsbedarfe",
            len(report.open_requests),
        )
        % {"n": len(report.open_requests)},
        ngettext(
            "%(n)s Beschluss im Berichtszeitraum",
            "%(n)s Beschlüsse im Berichtszeitraum",
            len(report.decisions),
        )
        % {"n": len(report.decisions)},
    ]
    if report.okr_total:
        facts.append(
            _("OKR-Zielerreichung im laufenden Quartal: %(p)s %% (%(band)s)")
            % {"p": _or_dash(report.okr_total.percent), "band": report.okr_total.band_label}
        )
    blocks.append(ts.items(facts))
    empty = [[_("Keine Projekte zu diesem Stand."), ""]]
    blocks.append(
        ts.columns(
            [
                ts.table(
                    _("Projekte nach Phase"),
                    [_("Phase"), _("Projekte")],
                    [[c.label, str(c.count)] for c in report.stages] or empty,
                    numeric=(1,),
                )
            ],
            [
                ts.table(
                    _("Projekte nach Gesamtstatus"),
                    [_("Gesamtstatus"), _("Projekte")],
                    [[ts.light(c.key, c.label), str(c.count)] for c in report.lights] or empty,
                    numeric=(1,),
                )
            ],
        )
    )
    if "lights" in charts:
        blocks.append(
            ts.figure(
                charts["lights"],
                _("Balkendiagramm Projekte nach Gesamtstatus: %(values)s")
                % {"values": _counts(report.lights)},
                _("Grafik: Projekte nach Gesamtstatus; die Zahlen stehen in der Tabelle darüber."),
            )
        )
    return blocks


def strategy_bk(report: Report) -> list[dict]:
    """The Strategie-BK summary's own part (the Word version takes it too, render.py)."""
    blocks = [
        ts.heading(1, _("Gesamtstand nach Themenfeld")),
        ts.table(
            _("Gesamtstand nach Themenfeld"),
            [_("Themenfeld"), _("Projekte"), _("Gesamtstatus"), _("OKR-Zielerreichung")],
            [
                [
                    f.name,
                    str(f.total),
                    _counts(f.lights),
                    f"{_or_dash(f.okr.percent)} % ({f.okr.band_label})" if f.okr else "–",
                ]
                for f in report.fields
            ],
            numeric=(1,),
            caption_hidden=True,
        ),
        ts.heading(1, _("Was die Strategie-BK entscheiden oder wissen muss")),
        ts.heading(2, _("Offene Entscheidungsbedarfe an die Strategie-BK")),
    ]
    if report.for_the_mayor:
        entries = []
        for r in report.for_the_mayor[:8]:
            detail = r.project
            if r.needed_by:
                detail += ", " + _("benötigt bis %(day)s") % {"day": _d(r.needed_by)}
            line = [ts.run(r.question, bold=True), ts.run(f" ({detail}")]
            if r.overdue:
                line += [ts.run(", "), ts.run(_("überfällig"), bold=True, tone="late")]
            line.append(ts.run(")"))
            entries.append(line)
        blocks.append(ts.items(entries))
        if len(report.for_the_mayor) > 8:
            blocks.append(
                ts.para(
                    _("und %(n)s weitere (siehe Berichtsarchiv, Statusbericht an den Ausschuss)")
                    % {"n": len(report.for_the_mayor) - 8}
                )
            )
    else:
        blocks.append(ts.para(_("Keine offenen Entscheidungsbedarfe an die Strategie-BK.")))
    if report.escalations_to_mayor:
        blocks.append(ts.heading(2, _("An die Strategie-BK eskaliert im Berichtszeitraum")))
        blocks.append(
            ts.items(
                [
                    [
                        ts.run(f"{_d(e.escalated_on)}: "),
                        ts.run(e.question, bold=True),
                        ts.run(f" ({e.project}) – {e.reason}"),
                    ]
                    for e in report.escalations_to_mayor[:6]
                ]
            )
        )
    blocks.append(ts.heading(2, _("Projekte mit Gesamtstatus rot")))
    if report.red_projects:
        entries = []
        for p in report.red_projects[:8]:
            line = [ts.run(p.title, bold=True), ts.run(f" ({p.field_name})")]
            if p.lights and p.lights[0].note:
                line.append(ts.run(": " + _truncate(p.lights[0].note, 220)))
            entries.append(line)
        blocks.append(ts.items(entries))
        if len(report.red_projects) > 8:
            blocks.append(ts.para(_("und %(n)s weitere") % {"n": len(report.red_projects) - 8}))
    else:
        blocks.append(ts.para(_("Kein Projekt hat den Gesamtstatus rot.")))
    return blocks


def _staff(report: Report) -> list[dict]:
    staff = report.staff
    if staff is None:
        return []
    blocks = [ts.heading(1, _("Auswirkungen auf Organisation und Mitarbeitende"))]
    if staff.inward_fields:
        blocks.append(
            ts.para(
                _("Themenfelder mit Wirkung primär nach innen: %(fields)s.")
                % {"fields": ", ".join(staff.inward_fields)}
            )
        )
    else:
        blocks.append(ts.para(_("Kein Themenfeld ist als nach innen wirkend gekennzeichnet.")))
    blocks.append(
        ts.table(
            _("Beteiligte Organisationseinheiten"),
            [_("Organisationseinheit"), _("Projekte")],
            [[c.label, str(c.count)] for c in staff.org_units] or [[_("Keine Projekte."), ""]],
            numeric=(1,),
        )
    )
    blocks.append(ts.heading(2, _("Business Change Manager")))
    if staff.change_managers:
        blocks.append(
            ts.items(
                [f"{p.name} ({p.detail})" if p.detail else p.name for p in staff.change_managers]
            )
        )
    else:
        blocks.append(ts.para(_("Im Programm sind keine Business Change Manager benannt.")))
    blocks.append(ts.heading(2, _("Einbindung der Nutzenden und Kommunikation")))
    if staff.involvement:
        blocks.append(ts.terms(list(staff.involvement)))
    else:
        blocks.append(
            ts.para(
                _(
                    "Die Statusberichte enthalten zu diesem Stand keine Angaben zur Einbindung "
                    "der Nutzenden."
                )
            )
        )
    return blocks


def _fields(report: Report, charts: dict, project_pages: bool) -> list[dict]:
    blocks = [
        ts.heading(
            1,
            _("Das Themenfeld")
            if report.focus_field
            else _("Themenfelder: Zielzustand und Fortschritt"),
        )
    ]
    if "okr" in charts:
        blocks.append(
            ts.figure(
                charts["okr"],
                _("Balkendiagramm OKR-Zielerreichung je Themenfeld: %(values)s")
                % {
                    "values": "; ".join(
                        f"{line.label}: {_or_dash(line.percent)} %" for line in report.okr
                    )
                },
                _(
                    "Grafik: OKR-Zielerreichung je Themenfeld im laufenden Quartal; die Werte "
                    "stehen auch bei den Themenfeldern."
                ),
            )
        )
    for f in report.fields:
        blocks.append(ts.heading(2, f.name))
        meta = str(f.impact_label)
        if f.target_date:
            meta += " · " + _("Zielzeitpunkt %(day)s") % {"day": _d(f.target_date)}
        blocks.append(ts.para(meta, tone="muted"))
        if f.target_state:
            blocks.append(ts.para(ts.run(_("Zielzustand:"), bold=True), " " + f.target_state))
        progress = ngettext("%(n)s Projekt", "%(n)s Projekte", f.total) % {"n": f.total}
        if f.stages:
            progress += " – " + _counts(f.stages)
        progress += "."
        if f.lights:
            progress += " " + _("Gesamtstatus") + ": " + _counts(f.lights) + "."
        if f.okr:
            progress += " " + _("OKR-Zielerreichung: %(p)s %% (%(band)s, %(n)s Objectives).") % {
                "p": _or_dash(f.okr.percent),
                "band": f.okr.band_label,
                "n": f.okr.objectives,
            }
        else:
            progress += " " + _("OKR-Zielerreichung: keine Objectives im laufenden Quartal.")
        blocks.append(ts.para(ts.run(_("Fortschritt:"), bold=True), " " + progress))
        if not project_pages and f.projects:
            last = _("Organisationseinheit") if report.staff else _("Wo steht das Projekt?")
            blocks.append(
                ts.table(
                    _("Projekte im Themenfeld %(field)s") % {"field": f.name},
                    [_("Projekt"), _("Phase"), _("Gesamtstatus"), last],
                    [
                        [
                            p.title,
                            p.stage_label,
                            ts.light(p.overall, p.overall_label),
                            _or_dash(p.org_unit)
                            if report.staff
                            else _or_dash(_truncate(p.summary, 300)),
                        ]
                        for p in f.projects
                    ],
                    widths=["1.4fr", "1fr", "auto", "1.4fr"],
                    hyphenate=True,
                )
            )
    if not report.fields:
        blocks.append(ts.para(_("Zu diesem Stand hatte das Programm keine Themenfelder.")))
    return blocks


def _project(p: ProjectPage, first: bool) -> list[dict]:
    blocks = [ts.heading(2, p.title, page_break=not first)]
    rows = [
        [_("Themenfeld"), p.field_name],
        [_("Phase"), f"{p.stage_label} ({p.kind_label}, {p.method_label})"],
        [_("Organisationseinheit"), _or_dash(p.org_unit)],
        [_("Projektleitung"), _or_dash(p.lead)],
        [_("Laufzeit"), f"{_d(p.planned_start) or '–'} – {_d(p.planned_end) or '–'}"],
    ]
    if p.goals:
        rows.append([_("Projektziele"), "\n".join(f"• {g}" for g in p.goals)])
    rows.append(
        [
            _("Statusbericht"),
            f"{p.report_period} ({p.report_state_label})"
            if p.report_period
            else _("Zu diesem Stand lag kein eingereichter Statusbericht vor."),
        ]
    )
    blocks.append(
        ts.table(_("Steckbrief"), [_("Merkmal"), _("Angabe")], rows, widths=["auto", "1fr"])
    )
    if p.summary:
        blocks.append(ts.para(ts.run(_("Wo steht das Projekt?"), bold=True), " " + p.summary))
    blocks.append(
        ts.table(
            _("Ampeln"),
            [_("Bereich"), _("Ampel"), _("Erläuterung")],
            [
                [light.label, ts.light(light.value, light.value_label), _or_dash(light.note)]
                for light in p.lights
            ],
            widths=["40mm", "auto", "1fr"],
        )
    )
    if p.milestones:
        rows = []
        for m in p.milestones:
            state = str(m.status_label)
            if m.delay_days > 0:
                state += (
                    " ("
                    + ngettext("+%(n)s Tag", "+%(n)s Tage", m.delay_days) % {"n": m.delay_days}
                    + ")"
                )
            rows.append([m.title, _d(m.planned), _d(m.forecast) or "–", _d(m.actual) or "–", state])
        blocks.append(
            ts.table(
                _("Meilensteine: geplant und Prognose"),
                [_("Meilenstein"), _("geplant"), _("Prognose"), _("erreicht am"), _("Stand")],
                rows,
                widths=["1fr", "auto", "auto", "auto", "auto"],
            )
        )
    else:
        blocks.append(ts.para(_("Keine Meilensteine erfasst.")))
    if p.top_risks:
        blocks.append(
            ts.table(
                _("Wichtigste Risiken"),
                [_("Risiko"), _("Einstufung"), _("Gegenmaßnahmen")],
                [
                    [
                        r.title,
                        f"{r.level_label} ("
                        + _("W %(p)s × A %(i)s") % {"p": r.probability, "i": r.impact}
                        + f"), {r.status_label}",
                        _or_dash(r.mitigation),
                    ]
                    for r in p.top_risks
                ],
                widths=["1fr", "auto", "1fr"],
            )
        )
    else:
        blocks.append(ts.para(_("Keine offenen Risiken.")))
    if p.decision_requests:
        blocks.append(ts.heading(3, _("Entscheidungsbedarfe"), outlined=False))
        entries = []
        for r in p.decision_requests:
            line = f"{r.question} – {r.addressed_label}, {r.status_label}"
            if r.needed_by:
                line += ", " + _("benötigt bis %(day)s") % {"day": _d(r.needed_by)}
            entries.append(line)
        blocks.append(ts.items(entries))
    if p.decisions:
        blocks.append(ts.heading(3, _("Beschlüsse im Berichtszeitraum"), outlined=False))
        blocks.append(
            ts.items(
                [
                    f"{_d(d.decided_on)}, {d.body_label}: {d.kind_label} – {d.text}"
                    for d in p.decisions
                ]
            )
        )
    return blocks


def _finance(report: Report) -> list[dict]:
    from lotse.finance import money

    finance: Any = report.finance
    c = money.committee
    blocks = [
        ts.heading(
            1,
            _("Finanzen %(year)s: Plan, Ist und Obligo") % {"year": finance.year},
            page_break=True,
        )
    ]
    header = [
        _("Themenfeld"),
        _("Plan"),
        _("Ist"),
        _("Obligo"),
        _("verfügbar"),
        _("davon Fördermittel"),
    ]
    rows = [
        [r.label, c(r.plan), c(r.actual), c(r.committed), c(r.remaining), c(r.funded)]
        for r in finance.rows
    ]
    total = finance.total
    footer = (
        [
            _("Summe"),
            c(total.plan),
            c(total.actual),
            c(total.committed),
            c(total.remaining),
            c(total.funded),
        ]
        if len(finance.rows) > 1
        else None
    )
    blocks.append(
        ts.table(
            _("Haushaltsansätze (Aufwand und Invest) zum Stand %(day)s; Jahresspannen anteilig")
            % {"day": _d(report.as_of)},
            header,
            rows,
            numeric=(1, 2, 3, 4, 5),
            footer=footer,
            widths=["1fr", "auto", "auto", "auto", "auto", "auto"],
        )
    )
    if finance.deadlines:
        blocks.append(ts.heading(2, _("Fristen")))
        blocks.append(
            ts.items(
                [
                    [
                        ts.run(_d(d.due_date), bold=True),
                        ts.run(f" {d.kind_label}: {d.title} – "),
                        ts.run(d.state_label, bold=d.overdue, tone="late" if d.overdue else ""),
                        ts.run(". " + _("Folge") + ": " + str(d.consequence)),
                    ]
                    for d in finance.deadlines
                ]
            )
        )
    return blocks


def _listing(
    caption: str, head: list[str], widths: list[str], rows: list[list], empty: str = ""
) -> list[dict]:
    """A table of `rows`, or the sentence `empty` when there are none (nothing without one).
    The texts share the width by `widths` (a date `auto`), their long words hyphenated: with
    the last column the only fractional one, long titles left it no room, off the page."""
    if rows:
        return [ts.table(caption, head, rows, widths=widths, row_headers=False, hyphenate=True)]
    return [ts.para(empty)] if empty else []


def _decisions_and_outlook(report: Report) -> list[dict]:
    return [
        ts.heading(1, _("Entscheidungen und Eskalationen im Berichtszeitraum")),
        *_listing(
            _("Beschlüsse"),
            [_("Datum"), _("Gremium"), _("Art"), _("Projekt"), _("Beschluss")],
            ["auto", "1fr", "1fr", "1fr", "1.6fr"],
            [
                [_d(d.decided_on), d.body_label, d.kind_label, _or_dash(d.project), d.text]
                for d in report.decisions
            ],
            _("Im Berichtszeitraum wurden keine Beschlüsse erfasst."),
        ),
        *_listing(
            _("Eskalationen"),
            [_("Datum"), _("Projekt"), _("Frage"), _("von → an"), _("Begründung")],
            ["auto", "1fr", "1.5fr", "1fr", "1.5fr"],
            [
                [
                    _d(e.escalated_on),
                    e.project,
                    e.question,
                    f"{e.from_label} → {e.to_label}",
                    e.reason,
                ]
                for e in report.escalations
            ],
            _("Im Berichtszeitraum wurde nichts eskaliert."),
        ),
        *_listing(
            _("Entscheidungsbedarfe aus dem Berichtszeitraum"),
            [_("erfasst am"), _("Projekt"), _("Frage"), _("Adressiert an"), _("Status")],
            ["auto", "1fr", "1.4fr", "1fr", "0.8fr"],
            [
                [
                    _d(r.raised_on),
                    r.project,
                    r.question,
                    r.addressed_label,
                    f"{r.status_label} ({_('überfällig')})" if r.overdue else r.status_label,
                ]
                for r in report.requests_in_period
            ],
        ),
        ts.heading(1, _("Ausblick")),
        *_listing(
            _("Anstehende Meilensteine der nächsten sechs Monate"),
            [_("erwartet am"), _("Projekt"), _("Meilenstein")],
            ["auto", "1fr", "1fr"],
            [[_d(m.forecast or m.planned), m.project, m.title] for m in report.outlook],
            _("In den nächsten sechs Monaten sind keine Meilensteine geplant."),
        ),
    ]


def blocks(report: Report, charts: dict) -> list[dict]:
    """The report's body in the block model, in the order of the HTML preview."""
    info = KINDS[report.kind]
    result = _summary(report, charts)
    if report.kind == Kind.STRATEGY_BK:
        result += strategy_bk(report)
    else:
        if report.staff:
            result += _staff(report)
        result += _fields(report, charts, info.project_pages)
        if info.project_pages:
            result.append(ts.heading(1, _("Die Projekte"), page_break=True))
            for i, p in enumerate(report.projects):
                result += _project(p, first=i == 0)
        if report.finance:
            result += _finance(report)
        result += _decisions_and_outlook(report)
    return result + note(report)


def note(report: Report) -> list[dict]:
    """What the report's data are: the last part of every report, in every format."""
    return [
        ts.heading(1, _("Hinweise zum Stand")),
        ts.para(
            _(
                "Dieser Bericht zeigt die Daten aus Lotse, wie sie am %(day)s (Tagesende) erfasst "
                "waren. Ampeln, Texte, Meilensteine und Risiken stammen aus dem jeweils letzten "
                "eingereichten oder vom PMO angenommenen Statusbericht eines Projekts; Entwürfe "
                "fließen nicht ein."
            )
            % {"day": _d(report.as_of)}
        ),
    ]


def document(report: Report, charts: dict) -> dict:
    """Everything `report.typ` needs: metadata, cover, running head, blocks."""
    day = _d(report.as_of)
    compact = report.kind == Kind.STRATEGY_BK
    return {
        "title": f"{report.title} – {report.programme_name} – {_('Stand')} {day}",
        "author": report.programme_name,
        "description": str(report.kind_label),
        "running_head": f"{report.title} · {report.programme_short}",
        "footer_left": f"{_('Stand')} {day}",
        "page_of": [_("Seite"), _("von")],
        "base_size": 8.5 if compact else 9.5,
        "title_size": 16 if compact else 20,
        "cover": {
            "brand": report.programme_name,
            "title": report.title,
            "lines": [
                _("Stand: %(day)s") % {"day": day},
                _("Berichtszeitraum: %(start)s – %(end)s")
                % {"start": _d(report.period_start), "end": _d(report.period_end)},
                _("Turnus: %(cadence)s") % {"cadence": report.cadence_label},
            ],
        },
        "toc_title": _("Inhalt") if KINDS[report.kind].toc else None,
        "blocks": blocks(report, charts),
    }
