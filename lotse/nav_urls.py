"""`{% nav_url %}`: the `{% url %}` tag for the links every page repeats (navigation, header,
footer), reversed once per process instead of ~40 times per request.

The URLconf is fixed while the process runs, so the same name and arguments always reverse to
the same path; the memo is keyed by the URLconf in use and the script prefix too, so a test
that swaps the URLconf or a deployment below a sub-path gets its own entries. It holds only
paths, no permission: what a user may see is still decided on every request in the template.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import quote

from django import template
from django.conf import settings
from django.core.paginator import Page
from django.template import Context
from django.template import TemplateSyntaxError
from django.template.base import FilterExpression
from django.template.base import Node
from django.template.base import NodeList
from django.template.base import Parser
from django.template.base import TextNode
from django.template.base import Token
from django.template.base import Variable
from django.template.defaulttags import CommentNode
from django.template.defaulttags import LoadNode
from django.template.library import SimpleNode
from django.templatetags.i18n import TranslateNode
from django.templatetags.static import StaticNode
from django.urls import get_script_prefix
from django.urls import get_urlconf
from django.urls import reverse
from django.utils.html import conditional_escape as escape
from django.utils.safestring import SafeString
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import get_language_info
from django.utils.translation import gettext
from django.utils.translation import gettext_noop

from lotse.http import id_url

register = template.Library()


@lru_cache(maxsize=4096)
def _reversed(root: str, urlconf: str | None, prefix: str, name: str, args: tuple[str, ...]) -> str:
    return reverse(name, args=args)


@register.simple_tag
def nav_url(name: str, *args: object) -> str:
    """Like `{% url name arg… %}` for string and integer arguments (a programme's slug, a
    language code)."""
    return _reversed(
        settings.ROOT_URLCONF,
        get_urlconf(),
        get_script_prefix(),
        name,
        tuple(str(arg) for arg in args),
    )


@register.simple_tag(name="id_url")
def id_url_tag(name: str, *args: object) -> str:
    """Like `{% url name … pk %}` for a route whose last argument is an integer id, in a loop
    over many rows: reversed once per process and name (`lotse.http.id_url`)."""
    return id_url(name, *args)


# --- {% programme_nav %}: the main navigation's programme links -------------------------------

# Per programme: its sections as (nav_section, URL name, label); the Zielbild link comes first
# and is always shown, the others only with one programme or for the current programme.
# "reports" needs the permission to read the report archive.
NAV_TARGET = ("target", "portfolio:target_picture", gettext_noop("Zielbild"))
NAV_SECTIONS = (
    ("cockpit", "reporting:programme_cockpit", gettext_noop("Cockpit")),
    ("projektcheck", "reporting:projektcheck", gettext_noop("Projektcheck")),
    ("roadmap", "planning:roadmap", gettext_noop("Roadmap")),
    ("projects", "portfolio:project_list", gettext_noop("Projekte")),
    ("matrix", "portfolio:goal_matrix", gettext_noop("Zielbeiträge")),
    ("okr", "okr:programme_okrs", gettext_noop("OKR")),
    ("boards", "boards:overview", gettext_noop("Boards")),
    ("governance", "governance:series_list", gettext_noop("Gremien")),
    ("ideas", "ideas:list", gettext_noop("Ideen")),
    ("glossary", "glossary:glossary", gettext_noop("Glossar")),
    ("reports", "council_reports:index", gettext_noop("Berichte")),
    ("controlling", "reporting:controlling", gettext_noop("Controlling")),
    ("finance", "finance:overview", gettext_noop("Finanzen")),
    ("ozg", "ozg:overview", gettext_noop("OZG")),
    ("capacity", "planning:heat_map", gettext_noop("Kapazität")),
    ("team", "portfolio:programme_team", gettext_noop("Team")),
)
REPORTS_PERM = "reports.view_archive"
# The markup's line breaks and indentation, as the template wrote them before.
_BREAK = "\n          "


def _nav_item(href: str, current: bool, label: str) -> str:
    mark = ' aria-current="page"' if current else ""
    return f'<li><a href="{escape(href)}"{mark}>{label}</a></li>'


def _nav_link(section: tuple[str, str, str], slug: str, current: object) -> str:
    key, name, label = section
    return _nav_item(nav_url(name, slug), current == key, escape(gettext(label)))


@lru_cache(maxsize=1024)
def _section_links(
    slug: str,
    section: object,
    reports: bool,
    language: str | None,
    root: str,
    urlconf: str | None,
    prefix: str,
) -> str:
    """A programme's section links (`section` the current one), once per process and all they
    depend on: only paths and translated labels, the permission for the reports' link is
    part of the key."""
    return _BREAK.join(
        _nav_link(s, slug, section) if s[0] != "reports" or reports else "" for s in NAV_SECTIONS
    )


@register.simple_tag(takes_context=True)
def programme_nav(context: Context) -> SafeString:
    """The navigation's links of the programmes the user sees (`nav_programmes`): built in
    Python instead of ~17 `<li>` with a link, a translation and a condition each per
    programme. The current programme (`programme`) and section (`nav_section`) get
    `aria-current`; the links themselves come from the per-process memo of `{% nav_url %}`."""
    programmes = list(context.get("nav_programmes") or ())
    current = context.get("programme")
    current_pk = getattr(current, "pk", None) if current else None
    section = context.get("nav_section")
    user = context.get("user")
    several = len(programmes) > 1
    parts = []
    for p in programmes:
        here = current_pk is not None and current_pk == p.pk
        label = str(escape(gettext(NAV_TARGET[2])))
        if several:
            label += " " + escape(p.short_name or p.name)
        href = nav_url(NAV_TARGET[1], p.slug)
        parts.append(_BREAK + _nav_item(href, here and section == NAV_TARGET[0], label) + _BREAK)
        if not several or here:
            reports = user is not None and user.has_perm(REPORTS_PERM, p)
            items = _section_links(
                p.slug,
                section if here else None,
                reports,
                get_language(),
                settings.ROOT_URLCONF,
                get_urlconf(),
                get_script_prefix(),
            )
            parts.append(_BREAK + items + _BREAK)
        parts.append(_BREAK)
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


@register.simple_tag(takes_context=True)
def language_links(context: Context) -> SafeString:
    """The language switch's links to the other languages, back to this page (`?next=`), as
    the loop over `{% get_available_languages %}` with `{% get_language_info %}` put them."""
    request = context.get("request")
    here = quote(request.get_full_path(), safe="/") if request is not None else ""
    current = get_language()
    parts = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        href = escape(nav_url("accounts:language", code))
        name = escape(capfirst(get_language_info(code)["name_local"]))
        code = escape(code)
        parts.append(
            f'{_BREAK}<a href="{href}?next={escape(here)}" lang="{code}" hreflang="{code}">'
            f"{name}</a>{_BREAK}"
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


# --- {% pager %}: includes/pager.html in Python ------------------------------------------------


def _page_link(query: str, param: str, number: int, rel: str, text: str) -> str:
    prefix = f"{escape(query)}&amp;" if query else ""
    return f'<a href="?{prefix}{escape(param)}={number}" rel="{rel}">{escape(text)}</a>'


@register.simple_tag
def pager(page: Page[Any], query: str, label: str = "", param: str = "") -> SafeString:
    """`{% include "includes/pager.html" with page=… query=… label=… param=… %}` as one tag,
    the same markup (that template says what the arguments are)."""
    if not page.has_other_pages():
        return mark_safe("\n")
    param = param or "seite"
    previous = (
        _page_link(query, param, page.previous_page_number(), "prev", gettext("« vorherige Seite"))
        if page.has_previous()
        else ""
    )
    following = (
        _page_link(query, param, page.next_page_number(), "next", gettext("nächste Seite »"))
        if page.has_next()
        else ""
    )
    where = gettext("Seite %(n)s von %(total)s") % {
        "n": page.number,
        "total": page.paginator.num_pages,
    }
    return mark_safe(  # noqa: S308 - every value in it is escaped
        f'\n<nav class="pagination" aria-label="{escape(label or gettext("Seiten"))}">\n'
        f"  {previous}\n"
        f'  <span aria-current="page">{escape(where)}</span>\n'
        f"  {following}\n"
        "</nav>\n\n"
    )


# --- {% once_per_language %}: markup that depends only on the language ------------------------


def _constant(expression: FilterExpression) -> bool:
    """A literal without filters (`'Hauptnavigation'`, `'lotse/lotse.css'`)."""
    var = expression.var
    return not expression.filters and (not isinstance(var, Variable) or var.lookups is None)


def _constant_node(node: Node) -> bool:
    if isinstance(node, TextNode | CommentNode | LoadNode):
        return True
    if isinstance(node, TranslateNode):
        return (
            _constant(node.filter_expression)
            and node.asvar is None
            and (node.message_context is None or _constant(node.message_context))
        )
    if isinstance(node, StaticNode):
        return node.varname is None and _constant(node.path)
    if isinstance(node, SimpleNode) and node.func is nav_url:
        return node.target_var is None and not node.kwargs and all(map(_constant, node.args))
    return False


MEMO_LIMIT = 64


class OncePerLanguageNode(Node):
    """Renders its content once per process and everything the content can depend on — the
    language, autoescaping, the URLconf, the script prefix and the static files' URL — and
    then reuses the string. At compile time the content is checked to hold nothing else:
    only text, `{% translate %}`, `{% static %}` and `{% nav_url %}` with literal
    arguments, so no variable of the request can end up in the memo."""

    child_nodelists = ("nodelist",)

    def __init__(self, nodelist: NodeList) -> None:
        self.nodelist = nodelist
        self.memo: dict[tuple[object, ...], SafeString] = {}

    def render(self, context: Context) -> SafeString:
        key = (
            get_language(),
            context.autoescape,
            settings.ROOT_URLCONF,
            get_urlconf(),
            get_script_prefix(),
            settings.STATIC_URL,
        )
        text = self.memo.get(key)
        if text is None:
            if len(self.memo) >= MEMO_LIMIT:  # a bound, whatever reaches the process
                self.memo.clear()
            text = self.memo[key] = self.nodelist.render(context)
        return text


@register.tag
def once_per_language(parser: Parser, token: Token) -> OncePerLanguageNode:
    nodelist = parser.parse(("endonce_per_language",))
    parser.delete_first_token()
    for node in nodelist:
        if not _constant_node(node):
            raise TemplateSyntaxError(
                f"{{% once_per_language %}} may hold only text, translations, static files "
                f"and nav_url with literal arguments, not {node!r}"
            )
    return OncePerLanguageNode(nodelist)
