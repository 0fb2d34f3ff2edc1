"""A meeting page's agenda items and decisions in one tag each: the page shows 50 items with
four forms each and every decision of the meeting (hundreds), and as template markup they
were most of the page's processor time (issue 14, bench/pages_bench.py). Same markup as the
loops in governance/meeting_detail.html had.

Built with `str.format` on values escaped once with `html.escape` (what Django's `escape`
does), like lotse/boards/templatetags/board_cards.py."""

from collections.abc import Callable
from html import escape
from typing import Any

from django import template
from django.core.paginator import Page
from django.db.models import Choices
from django.template import engines
from django.template.defaulttags import CsrfTokenNode
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from lotse.forms import label_of
from lotse.governance.meeting_reads import AgendaRow
from lotse.governance.meeting_reads import DecisionRow
from lotse.governance.meeting_reads import OverflowRow
from lotse.governance.models import AgendaItem
from lotse.governance.models import DecisionKind
from lotse.http import id_url_around

register = template.Library()


def _release_capacity(project_id: int) -> str:
    """The planning app's capacity note for a project to be released. Through its template
    tag, as the page did before, since governance sits below planning in the layers."""
    tag = engines["django"].from_string("{% load planning %}{% release_capacity project_id %}")
    return tag.render({"project_id": project_id})


ITEM = (
    '\n  <li id="punkt-{pk}" class="card gov-item">\n'
    '    <div class="gov-item__head">\n'
    "      <h3>{title}</h3>\n"
    '      <span class="gov-minutes">{minutes}</span>\n'
    "    </div>\n"
    '    <p class="meta">{meta}</p>\n'
    "    {description}\n"
    "    {capacity}\n"
    "    {notes}\n"
    "    {actions}\n"
    "  </li>\n"
    "  "
)
FORM = '<form method="post" action="{url}">{csrf}{button}</form>'
BUTTON = (
    '<button type="submit" class="button button--small{extra}"{disabled}>{text}{hidden}</button>'
)
ACTIONS = (
    '\n    <div class="row-actions">\n'
    "      {up}\n"
    "      {down}\n"
    '      <a class="button button--small" href="{edit_url}">{t_edit}{hidden}</a>\n'
    "      {remove}\n"
    "      {decision}\n"
    "    </div>\n"
    "    {note}\n"
    "    "
)
NOTE_FORM = (
    '\n    <form method="post" action="{url}" class="gov-note">\n'
    "      {csrf}\n"
    '      <label for="note-{pk}">{t_note}{hidden}</label>\n'
    '      {error}<textarea id="note-{pk}" name="notes" rows="2"{invalid}>{notes}</textarea>\n'
    '      <button type="submit" class="button button--small">{t_save}</button>\n'
    "    </form>\n"
    "    "
)


def _urls(name: str) -> Callable[[int], str]:
    """`id_url(name, pk)`, escaped, for many rows: one lookup per page instead of one per row
    (a meeting page links ~700 rows)."""
    head, tail = id_url_around(name)
    return lambda pk: f"{head}{int(pk)}{tail}"


Urls = dict[str, Callable[[int], str]]
# The routes an agenda item links to.
ITEM_ROUTES = (
    "portfolio:project_detail",
    "governance:request_detail",
    "governance:item_up",
    "governance:item_down",
    "governance:item_edit",
    "governance:item_remove",
    "governance:item_note",
)


def _lines(text: str) -> str:
    """`{{ text|linebreaksbr }}`: escaped, every line break a `<br>`."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    return escape(text).replace("\n", "<br>")


def _words() -> dict[str, str]:
    """Every `{% translate %}` of the loops, escaped once."""
    return {
        key: escape(text)
        for key, text in {
            "request": _("Entscheidungsbedarf und Eskalationspfad"),
            "note": _("Protokollnotiz"),
            "up": _("nach oben"),
            "down": _("nach unten"),
            "edit": _("bearbeiten"),
            "remove": _("entfernen"),
            "decide": _("Beschluss zu diesem Punkt"),
            "save": _("Notiz speichern"),
        }.items()
    }


def _meta(item: AgendaRow, kind_labels: dict[str, str], words: dict[str, str], urls: Urls) -> str:
    meta = kind_labels.get(item.kind) or escape(item.kind)
    if item.project_id is not None:
        url = urls["portfolio:project_detail"](item.project_id)
        meta += f' · <a href="{url}">{escape(str(item.project_title))}</a>'
    if item.decision_request_id is not None:
        url = urls["governance:request_detail"](item.decision_request_id)
        meta += f' · <a href="{url}">{words["request"]}</a>'
    return meta


def _labels(choices: type[Choices]) -> dict[str, str]:
    """Every label of `choices` in the active language, escaped: looked up once per page."""
    return {value: escape(label_of(choices, value)) for value in choices.values}


def _braced(text: str) -> str:
    """`text` as literal text of a format string."""
    return text.replace("{", "{{").replace("}", "}}")


def _actions_format(csrf: str, words: dict[str, str]) -> str:
    """The buttons of someone who runs the meeting as one format string per page: token,
    words and addresses put in once; per item its `pk`, `hidden` text, whether `up` and
    `down` are disabled, and the `decision` link and `note` while the minutes are open."""

    def url(name: str) -> str:
        head, tail = id_url_around(name)
        return _braced(head) + "{pk}" + _braced(tail)

    def form(name: str, text: str, disabled: str = "", extra: str = "") -> str:
        button = BUTTON.format(
            extra=extra, disabled=disabled, text=_braced(text), hidden="{hidden}"
        )
        return FORM.format(url=url(name), csrf=_braced(csrf), button=button)

    return ACTIONS.format(
        up=form("governance:item_up", f"↑ {words['up']}", "{up}"),
        down=form("governance:item_down", f"↓ {words['down']}", "{down}"),
        edit_url=url("governance:item_edit"),
        t_edit=_braced(words["edit"]),
        hidden="{hidden}",
        remove=form("governance:item_remove", words["remove"], extra=" button--secondary"),
        decision="{decision}",
        note="{note}",
    )


def _minutes_parts(
    item: AgendaRow, flags: dict[str, Any], words: dict[str, str], urls: Urls, hidden: str
) -> tuple[str, str]:
    """For someone who runs the meeting: the link to a decision on the item and the note
    form while the minutes are open, the note as text after."""
    pk = int(item.pk)
    if flags["minutes_open"]:
        decision = (
            f'<a class="button button--small" href="{flags["decision_create_url"]}?punkt={pk}">'
            f"{words['decide']}{hidden}</a>"
        )
        kept = flags["kept_notes"].get(pk)  # a refused note (lotse.drafts)
        errors = [str(e) for e in kept.errors.get("notes", [])] if kept is not None else []
        error = "".join(f"<li>{escape(e)}</li>" for e in errors)
        note = NOTE_FORM.format(
            url=urls["governance:item_note"](pk),
            csrf=flags["csrf"],
            pk=pk,
            t_note=words["note"],
            hidden=hidden,
            error=f'<ul class="errorlist" id="note-{pk}-error">{error}</ul>' if error else "",
            invalid=f' aria-invalid="true" aria-describedby="note-{pk}-error"' if error else "",
            notes=escape(str(item.notes if kept is None else kept["notes"].value() or "")),
            t_save=words["save"],
        )
        return decision, note
    if item.notes:
        return "", f"<p><em>{words['note']}:</em> {_lines(item.notes)}</p>"
    return "", ""


@register.simple_tag(takes_context=True)
def agenda_item_rows(context: template.Context, items: list[AgendaRow], page: Page) -> SafeString:
    """The `<li>` of every agenda item on the page: title, minutes, kind, project and request
    links, description, the capacity a release asks for, the notes and, for someone who runs
    the meeting, the buttons and the note form."""
    meeting = context["meeting"]
    can_run = bool(context.get("can_run"))
    can_minutes = bool(context.get("can_minutes"))
    actions = can_run and not meeting.is_cancelled
    words = _words()
    minutes_text = _("%(n)s Min.")
    flags: dict[str, Any] = {
        "minutes_open": bool(context.get("minutes_open")),
        "decision_create_url": escape(str(context.get("decision_create_url", ""))),
        "csrf": CsrfTokenNode().render(context) if actions else "",
        "kept_notes": context.get("kept_item_notes") or {},
    }
    urls = {name: _urls(name) for name in ITEM_ROUTES}
    kind_labels = _labels(AgendaItem.Kind)
    actions_format = _actions_format(flags["csrf"], words) if actions else ""
    out = []
    items = list(items)
    first_page, last_page, last = not page.has_previous(), not page.has_next(), len(items) - 1
    for index, item in enumerate(items):
        title = escape(str(item.title))
        hidden = f'<span class="visually-hidden">: {title}</span>'
        description = f"<p>{_lines(item.description)}</p>" if item.description else ""
        capacity = ""
        if item.kind == AgendaItem.Kind.INITIATION and item.project_id:
            capacity = _release_capacity(item.project_id)
        notes = ""
        if can_minutes and item.notes and not can_run:
            notes = f"<p><em>{words['note']}:</em> {_lines(item.notes)}</p>"
        buttons = ""
        if actions:
            decision, note = _minutes_parts(item, flags, words, urls, hidden)
            buttons = actions_format.format(
                pk=int(item.pk),
                hidden=hidden,
                up=" disabled" if index == 0 and first_page else "",
                down=" disabled" if index == last and last_page else "",
                decision=decision,
                note=note,
            )
        out.append(
            ITEM.format(
                pk=int(item.pk),
                title=title,
                minutes=minutes_text % {"n": escape(str(item.minutes))},
                meta=_meta(item, kind_labels, words, urls),
                description=description,
                capacity=capacity,
                notes=notes,
                actions=buttons,
            )
        )
    return SafeString("".join(out))


@register.simple_tag
def overflow_rows(items: list[OverflowRow], page: Page) -> SafeString:
    """The `<li>` of every item that ends after the meeting (the notice above the agenda): a
    link to the item and its minutes. An item on another page of the agenda is linked with
    that page (`?seite=N#punkt-ID`), one on this page by its fragment alone."""
    minutes_text = _("%(n)s Min.")
    per_page = page.paginator.per_page
    out = []
    for item in items:
        number = (int(item.seq) - 1) // per_page + 1
        target = "" if number == page.number else f"?seite={number}"
        out.append(
            f'<li><a href="{target}#punkt-{int(item.pk)}">{escape(str(item.title))}</a> '
            f"({minutes_text % {'n': int(item.minutes)}})</li>"
        )
    return SafeString("".join(out))


@register.simple_tag
def decision_rows(decisions: list[DecisionRow]) -> SafeString:
    """The `<li>` of every decision of the meeting: kind, project, wording (a link to the
    decision), rationale, a changed stage and the link to its agenda item."""
    rationale_word = escape(_("Begründung"))
    stage_text = f'<div class="meta">{escape(_("Phase des Projekts geändert"))}</div>'
    item_word = escape(_("zum Tagesordnungspunkt"))
    project_head, project_tail = id_url_around("portfolio:project_detail")
    decision_head, decision_tail = id_url_around("governance:decision_detail")
    item_head, item_tail = id_url_around("governance:item_detail")
    kind_labels = _labels(DecisionKind)
    out = []
    for d in decisions:
        project = ""
        if d.project_id is not None:
            project = (
                f' · <a href="{project_head}{int(d.project_id)}{project_tail}">'
                f"{escape(str(d.project_title))}</a>"
            )
        rationale = ""
        if d.rationale:
            rationale = f'<div class="meta">{rationale_word}: {_lines(d.rationale)}</div>'
        item = ""
        if d.agenda_item_id:
            # Through the item's address: the agenda is paged, its item may be on another page.
            item_href = f"{item_head}{int(d.agenda_item_id)}{item_tail}"
            item = f'<div class="meta"><a href="{item_href}">{item_word}</a></div>'
        kind = kind_labels.get(d.kind) or escape(d.kind)
        stage = stage_text if d.stage_after else ""
        # An f-string, not `str.format`: a meeting can hold hundreds of decisions.
        out.append(
            f'\n  <li class="gov-decision"><strong>{kind}</strong>{project}\n'
            f'    <div><a href="{decision_head}{int(d.pk)}{decision_tail}">{_lines(d.wording)}</a>'
            f"</div>\n    {rationale}\n    {stage}\n    {item}\n  </li>\n  "
        )
    return SafeString("".join(out))
