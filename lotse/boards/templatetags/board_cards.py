"""A column's cards in one tag: the board shows up to hundreds of cards, each with its keyboard
move form, and as template markup every card cost ~40 variable lookups (issue 14: the board at
Redmine's shape, bench/redmine_bench.py). Same markup as the loop in boards/_column.html had."""

from typing import Any

from django import template
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from lotse.boards.selectors import CardRow, ColumnView

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


def _meta(row: CardRow, words: dict[str, str]) -> SafeString:
    card = row.card
    parts = []
    if card.assignee is not None:
        parts.append(format_html("<li>{}: {}</li>", words["assignee"], card.assignee))
    if card.due_date:
        day = formats.date_format(card.due_date, "SHORT_DATE_FORMAT")
        if row.overdue:
            parts.append(
                format_html(
                    '<li class="card-due card-due--overdue"><strong>{}</strong> – {} {}</li>',
                    words["overdue"],
                    words["due"],
                    day,
                )
            )
        else:
            parts.append(format_html('<li class="card-due">{} {}</li>', words["due"], day))
    if card.sub_project is not None:
        parts.append(format_html("<li>{}</li>", card.sub_project.title))
    return SafeString("".join(parts))


@register.simple_tag(takes_context=True)
def column_cards(context: template.Context, col: ColumnView, lane_key: str) -> SafeString:
    """The `<li>` of every card in `col` (lane `lane_key`): title link, assignee, due date,
    sub-project, labels and, for those who may move cards, the keyboard move form."""
    can_work = bool(context.get("can_work"))
    prefix = str(context.get("card_url_prefix", ""))
    columns: list[Any] = context["view"].columns_only if can_work else []
    words = {
        "assignee": _("zuständig"),
        "overdue": _("überfällig"),
        "due": _("fällig am"),
        "labels": _("Labels"),
        "move": _("Verschieben"),
        "column": _("Spalte"),
        "position": _("Position"),
        "help": _("1 = ganz oben; leer = ans Ende"),
    }
    csrf = str(context.get("csrf_token", ""))
    items = []
    for row in col.cards:
        card = row.card
        url = f"{prefix}{card.pk}/"
        labels = SafeString("")
        if row.labels:
            labels = format_html(
                '<ul class="card-labels" aria-label="{}">{}</ul>',
                words["labels"],
                format_html_join(
                    "", '<li class="card-label">{}</li>', ((label.name,) for label in row.labels)
                ),
            )
        move = SafeString("")
        if can_work:
            options = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (c.pk, SafeString(" selected") if c.pk == card.column_id else "", c.name)
                    for c in columns
                ),
            )
            move = format_html(
                MOVE,
                t_move=words["move"],
                title=card.title,
                url=url,
                pk=card.pk,
                csrf=csrf,
                key=f"{lane_key}{card.pk}",
                t_column=words["column"],
                options=options,
                t_position=words["position"],
                t_help=words["help"],
            )
        items.append(
            format_html(
                CARD,
                overdue_class=" board-card--overdue" if row.overdue else "",
                pk=card.pk,
                draggable=SafeString(' draggable="true"') if can_work else "",
                url=url,
                title=card.title,
                meta=_meta(row, words),
                labels=labels,
                move=move,
            )
        )
    return SafeString("\n    ".join(items))
