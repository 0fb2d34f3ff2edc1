"""The Quartalskonferenz as PDF/UA-1, laid out by Typst (`okr/conference.typ`).

Same content as `_conference_body.html`; every text is data, never markup.
"""

from __future__ import annotations

from typing import Any

from django.utils import formats
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.documents import typeset as ts


def _d(day: Any) -> str:
    return formats.date_format(day, "d.m.Y") if day else ""


def _progress(row: Any) -> str:
    percent = getattr(row, "percent", None)
    band = row.band.label if getattr(row, "band", None) else ""
    return f"{percent} % – {band}" if percent is not None else str(band)


def _fields(context: dict[str, Any]) -> list[dict]:
    total = context["total"]
    return [
        ts.heading(1, _("Erreichungsgrad je Themenfeld")),
        ts.table(
            _("Erreichungsgrad je Themenfeld"),
            [_("Themenfeld"), _("Objectives"), _("davon erreicht"), _("mittlerer Fortschritt")],
            [
                [
                    str(row.field) if row.field else _("ohne Themenfeld"),
                    str(row.total),
                    str(row.reached),
                    _progress(row),
                ]
                for row in context["fields"]
            ],
            numeric=(1, 2),
            footer=[_("Programm gesamt"), str(total.total), str(total.reached), _progress(total)],
            caption_hidden=True,
        ),
    ]


def _reviews(context: dict[str, Any]) -> list[dict]:
    blocks = [ts.heading(1, _("OKR-Reviews: Erfolge und Erkenntnisse"))]
    for o in context["objectives"]:
        blocks.append(ts.heading(2, f"{o.project.title}: {o.title}"))
        meta = f"{o.field} · " if o.field else ""
        meta += f"{o.objective.get_commitment_display()} · {_('Fortschritt')}: {_progress(o)}"
        if o.success:
            meta += " · " + _("erreicht")
        blocks.append(ts.para(meta))
        review = o.review
        if review is None:
            blocks.append(ts.para(_("Noch kein Review."), tone="muted"))
            continue
        outcome = str(review.get_outcome_display())
        if review.final_score is not None:
            outcome += f" ({round(review.final_score * 100)} %)"
        if review.next_step:
            outcome += f" · {review.get_next_step_display()}"
        blocks.append(ts.para(ts.run(_("Ergebnis") + ":", bold=True), " " + outcome))
        if review.override_reason:
            blocks.append(
                ts.para(_("Abweichung begründet") + ": " + review.override_reason, tone="muted")
            )
        blocks.append(
            ts.terms(
                [
                    (_("Was hat geholfen?"), review.drivers or "–"),
                    (_("Was hat behindert?"), review.obstacles or "–"),
                    (_("Was lernen wir daraus?"), review.learnings or "–"),
                ]
            )
        )
    if not context["objectives"]:
        blocks.append(ts.para(_("In diesem Quartal gibt es keine Objectives.")))
    return blocks


def _objective(objective: Any, key_result: Any) -> str:
    text = f"{objective.project.title}: {objective.title}"
    return f"{text} ({key_result.title})" if key_result else text


def _links(context: dict[str, Any]) -> list[dict]:
    blocks = [ts.heading(1, _("Abhängigkeiten und Synergien zur Besprechung"))]
    links = context["links"]
    if links:
        blocks.append(
            ts.table(
                _("Abhängigkeiten und Synergien zur Besprechung"),
                [_("Art"), _("von"), _("zu"), _("Notiz")],
                [
                    [
                        str(link.get_kind_display()),
                        _objective(link.from_objective, link.from_key_result),
                        _objective(link.to_objective, link.to_key_result),
                        link.note,
                    ]
                    for link in links
                ],
                widths=["auto", "1fr", "1fr", "1fr"],
                row_headers=False,
                caption_hidden=True,
            )
        )
    else:
        blocks.append(
            ts.para(
                _(
                    "Keine Verknüpfungen eingetragen. Projektleitungen tragen Abhängigkeiten und "
                    "Synergien an ihren Objectives ein."
                )
            )
        )
    blocks.append(ts.heading(1, _("Knock-on: Verzögerungen über Abhängigkeiten")))
    if context["knock_ons"]:
        blocks.append(
            ts.table(
                _("Knock-on: Verzögerungen über Abhängigkeiten"),
                [_("wartendes Projekt"), _("Verzögerung"), _("Einzelheiten")],
                [[k.downstream_title, k.downstream_text, k.detail] for k in context["knock_ons"]],
                # The details are the longest text: with the others `auto` they had a few mm.
                widths=["1fr", "1.3fr", "1.7fr"],
                caption_hidden=True,
                hyphenate=True,
            )
        )
    else:
        blocks.append(
            ts.para(_("Keine Verzögerung eines Projekts schlägt auf ein abhängiges Projekt durch."))
        )
    return blocks


def _next(context: dict[str, Any]) -> list[dict]:
    upcoming = context.get("next_quarter")
    title = (
        _("Objectives für %(q)s") % {"q": upcoming}
        if upcoming
        else _("Objectives für das nächste Quartal")
    )
    blocks = [ts.heading(1, title)]
    drafts = context.get("drafts") or []
    if drafts:
        entries = []
        for d in drafts:
            note = str(d.get_state_display())
            if d.copied_from_id:
                note += ", " + _("übernommen")
            entries.append(
                [ts.run(f"{d.project.title}: {d.title} "), ts.run(f"({note})", tone="muted")]
            )
        blocks.append(ts.items(entries))
    elif upcoming:
        blocks.append(ts.para(_("Noch keine Objectives für das nächste Quartal entworfen.")))
    else:
        blocks.append(
            ts.para(
                _(
                    "Das nächste Quartal ist noch nicht angelegt; das Programmbüro legt es auf "
                    "der Seite „Quartale“ an."
                )
            )
        )
    return blocks


def document(context: dict[str, Any]) -> dict:
    programme = context["programme"]
    quarter = context["quarter"]
    name = f"{_('Quartalskonferenz')} {quarter}"
    return {
        "title": f"{name} – {programme.name}",
        "author": programme.name,
        "running_head": f"{programme.name} · {name}",
        "footer_left": _d(timezone.localdate()),
        "page_of": [_("Seite"), _("von")],
        "cover": {
            "brand": programme.name,
            "title": name,
            "lines": [
                _("%(start)s bis %(end)s, %(state)s")
                % {
                    "start": _d(quarter.start),
                    "end": _d(quarter.end),
                    "state": quarter.get_state_display(),
                }
            ],
        },
        "blocks": _fields(context) + _reviews(context) + _links(context) + _next(context),
    }


def render_pdf(context: dict[str, Any], *, progress: ts.Progress | None = None) -> bytes:
    """The PDF for the conference page's context (`views.programme._conference`)."""
    return ts.render("okr/conference.typ", document(context), progress=progress)
