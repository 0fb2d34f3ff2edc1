"""The committee budget table (Haushaltsplanung) as PDF/UA-1, laid out by Typst."""

from __future__ import annotations

from typing import Any

from django.utils import formats
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.documents import typeset as ts


def document(context: dict[str, Any]) -> dict:
    programme = context["programme"]
    table = context["table"]
    label = str(context["planning_label"])
    blocks: list[dict] = []
    numeric = tuple(range(2, 2 + len(table.columns)))
    for block in table.blocks:
        blocks.append(ts.heading(1, block.heading))
        blocks.append(
            ts.table(
                block.heading,
                [_("Projekt"), _("Anmerkung"), *[str(c) for c in table.columns]],
                [
                    [
                        ts.run(row.title, italic=row.funded_row, bold=not row.funded_row),
                        row.purpose or "",
                        *row.cells,
                    ]
                    for row in block.rows
                ],
                numeric=numeric,
                widths=["1fr", "1fr", *["auto"] * len(table.columns)],
                row_headers=False,
                caption_hidden=True,
            )
        )
    if not table.blocks:
        blocks.append(ts.heading(1, label))
        blocks.append(
            ts.para(_("Keine Haushaltsansätze für Aufwand oder Invest in dieser Planungsrunde."))
        )
    return {
        "title": f"{_('Haushaltsplanung')} – {programme.name}",
        "author": programme.name,
        "running_head": f"{programme.name} · {label}",
        "footer_left": formats.date_format(timezone.localdate(), "d.m.Y"),
        "page_of": [_("Seite"), _("von")],
        "landscape": len(table.columns) > 4,
        # The document's name, the planning round below it: the round alone ("alle
        # Planungsrunden") did not say what the paper is.
        "cover": {"brand": programme.name, "title": _("Haushaltsplanung"), "lines": [label]},
        "blocks": blocks,
    }


def render_pdf(context: dict[str, Any], *, progress: ts.Progress | None = None) -> bytes:
    """The PDF for the committee page's context (`views.programme._committee_context`)."""
    return ts.render("finance/committee.typ", document(context), progress=progress)
