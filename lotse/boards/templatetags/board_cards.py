"""A column's cards in one tag: the board shows up to hundreds of cards, each with its keyboard
move form, and as template markup every card cost ~40 variable lookups (issue 14: the board at
Redmine's shape, bench/redmine_bench.py). Same markup as the loop in boards/_column.html had.

Built with `str.format` on values escaped once with `html.escape` (what Django's `escape` does),
not with `format_html`: that escapes through a lazy-aware wrapper per argument, and on a board
of 40 cards those ~1,500 calls were a fifth of the page's processor time."""

from html import escape
from typing import Any

from django import template
from django.utils import formats
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from lotse.boards.selectors import CardRow
from lotse.boards.selectors import ColumnView

register = template.Library()

CARD = (
    '<li class="board-card{overdue_class}" id="karte-{pk}" data-card="{pk}"{draggable}>\n'
    '      <p class="board-card__title"><a href="{url}">{title}</a></p>\n'
    '      <ul class="card-meta">{meta}</ul>\n'
    "      {labels}{move}\n"
    "    </li>"
)
MOVE = (
    '<details class="card-move">\n'
    '        <summary>{t_move}<span class="visually-hidden"> „{title}“</span></summary>\n'
    '        <form method="post" action="{url}verschieben/" class="move-form" data-card="{pk}">\n'
    '          <input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">\n'
    '          <p><label for="move-col-{key}">{t_column}</label>\n'
    '          <select name="column" id="move-col-{key}">{options}</select></p>\n'
    '          <p><label for="move-pos-{key}">{t_position}</label>\n'
    '          <input type="number" name="position" id="move-pos-{key}" min="1" '
    'inputmode="numeric" aria-describedby="move-help-{key}">\n'
    '          <span class="helptext" id="move-help-{key}">{t_help}</span></p>\n'
    '          <button type="submit" class="button button--small">{t_move}'
    '<span class="visually-hidden"> „{title}“</span></button>\n'
    "        </form>\n"
    "      </details>"
)


def _meta(row: CardRow, words: dict[str, str]) -> str:
    """The card's assignee, due date and sub-project as `<li>`s (escaped markup)."""
    card = row.card
    parts = []
    if card.assignee is not None:
        parts.append(f"<li>{words['assignee']}: {escape(str(card.assignee))}</li>")
    if card.due_date:
        day = escape(formats.date_format(card.due_date, "SHORT_DATE_FORMAT"))
        if row.overdue:
            parts.append(
                '<li class="card-due card-due--overdue">'
                f"<strong>{words['overdue']}</strong> – {words['due']} {day}</li>"
            )
        else:
            parts.append(f'<li class="card-due">{words["due"]} {day}</li>')
    if card.sub_project is not None:
        parts.append(f"<li>{escape(str(card.sub_project.title))}</li>")
    return "".join(parts)


def _options(columns: list[Any], selected: int) -> str:
    """The move form's `<option>`s, the card's own column selected."""
    return "".join(
        f'<option value="{c.pk}"{" selected" if c.pk == selected else ""}>{escape(str(c.name))}'
        "</option>"
        for c in columns
    )


@register.simple_tag(takes_context=True)
def column_cards(context: template.Context, col: ColumnView, lane_key: str) -> SafeString:
    """The `<li>` of every card in `col` (lane `lane_key`): title link, assignee, due date,
    sub-project, labels and, for those who may move cards, the keyboard move form."""
    can_work = bool(context.get("can_work"))
    prefix = escape(str(context.get("card_url_prefix", "")))
    columns: list[Any] = context["view"].columns_only if can_work else []
    # Every word escaped once here; below only escaped text is put together.
    words = {
        key: escape(text)
        for key, text in {
            "assignee": _("zuständig"),
            "overdue": _("überfällig"),
            "due": _("fällig am"),
            "labels": _("Labels"),
            "move": _("Verschieben"),
            "column": _("Spalte"),
            "position": _("Position"),
            "help": _("1 = ganz oben; leer = ans Ende"),
        }.items()
    }
    csrf = escape(str(context.get("csrf_token", "")))
    key_prefix = escape(str(lane_key))
    options_by_column: dict[int, str] = {}
    items = []
    for row in col.cards:
        card = row.card
        pk = int(card.pk)
        url = f"{prefix}{pk}/"
        title = escape(str(card.title))
        labels = ""
        if row.labels:
            names = "".join(
                f'<li class="card-label">{escape(str(label.name))}</li>' for label in row.labels
            )
            labels = f'<ul class="card-labels" aria-label="{words["labels"]}">{names}</ul>'
        move = ""
        if can_work:
            options = options_by_column.get(card.column_id)
            if options is None:
                options = options_by_column[card.column_id] = _options(columns, card.column_id)
            move = MOVE.format(
                t_move=words["move"],
                title=title,
                url=url,
                pk=pk,
                csrf=csrf,
                key=f"{key_prefix}{pk}",
                t_column=words["column"],
                options=options,
                t_position=words["position"],
                t_help=words["help"],
            )
        items.append(
            CARD.format(
                overdue_class=" board-card--overdue" if row.overdue else "",
                pk=pk,
                draggable=' draggable="true"' if can_work else "",
                url=url,
                title=title,
                meta=_meta(row, words),
                labels=labels,
                move=move,
            )
        )
    return SafeString("\n    ".join(items))
