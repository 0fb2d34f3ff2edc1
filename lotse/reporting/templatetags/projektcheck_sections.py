"""The Projektcheck page's project sections in one tag each: a page shows 20 projects with
about 25 texts, lights, milestones, risks and decision requests each, and as template markup
those sections were most of the page's processor time (issue 14, bench/pages_bench.py). Same
markup as reporting/projektcheck_project.html had, built like programme_rows.py: values
escaped once with `html.escape` (what Django's `escape` does), texts marked with gettext
outside the f-strings (xgettext does not read f-strings), then put in."""

from html import escape

from django import template
from django.template.defaultfilters import linebreaks_filter
from django.utils import formats
from django.utils.safestring import SafeString
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]  # not in the stubs
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.utils.translation import ngettext

from lotse.reporting.cockpit import CockpitRow

from .report_badges import light_badge

register = template.Library()


def _e(value: object) -> str:
    return escape(str(value))


def _day(value: object) -> str:
    """`value|date:"SHORT_DATE_FORMAT"`."""
    if value in (None, ""):
        return ""
    try:
        return formats.date_format(template_localtime(value), "SHORT_DATE_FORMAT")
    except AttributeError:
        return ""


# The sections' fixed texts, translated and escaped once per language (`_texts`): gettext
# for each text of each section was a fifth of the tag's time.
TEXTS = (
    gettext_noop("Trend"),
    gettext_noop("Projektleitung"),
    gettext_noop("Bericht"),
    gettext_noop("Handlungsbedarf"),
    gettext_noop("Wirkt auf abhängige Projekte"),
    gettext_noop("Für diese Periode liegt kein Bericht vor."),
    gettext_noop("Keine Angabe."),
    gettext_noop("Unterstützungsbedarf"),
    gettext_noop("Ampeln"),
    gettext_noop("Ampelbereich"),
    gettext_noop("Ampel"),
    gettext_noop("Erläuterung"),
    gettext_noop("Wo steht das Projekt?"),
    gettext_noop("Nächste Schritte"),
    gettext_noop("im Plan"),
    gettext_noop("überfällig"),
    gettext_noop("verzögert"),
    gettext_noop("aktueller Stand"),
    gettext_noop("Meilensteine"),
    gettext_noop("Keine Meilensteine erfasst."),
    gettext_noop("Verzug"),
    gettext_noop("Top-Risiken"),
    gettext_noop("Keine offenen Risiken."),
    gettext_noop("Gegenmaßnahmen"),
    gettext_noop("Offene Entscheidungsbedarfe"),
    gettext_noop("Keine offenen Entscheidungsbedarfe."),
    gettext_noop("« vorheriges Projekt"),
    gettext_noop("zur Übersicht"),
    gettext_noop("nächstes Projekt »"),
    gettext_noop("Meilenstein"),
    gettext_noop("geplant"),
    gettext_noop("Prognose"),
    gettext_noop("erreicht am"),
)
_TRANSLATED: dict[str | None, dict[str, str]] = {}


def _texts() -> dict[str, str]:
    """`TEXTS` in the active language, escaped (`{% translate %}`), by their German text."""
    language = get_language()
    texts = _TRANSLATED.get(language)
    if texts is None:
        texts = _TRANSLATED[language] = {text: escape(_(text)) for text in TEXTS}
    return texts


def _lines(text: str) -> str:
    """`text|linebreaksbr` without the filter's lazy-string wrapper, once per light."""
    return escape(text.replace("\r\n", "\n").replace("\r", "\n")).replace("\n", "<br>")


def _header(row: CockpitRow) -> str:
    t = _texts()
    project = row.project
    submitted = ""
    if row.report is not None and row.report.submitted_at:
        text = _("eingereicht am %(day)s")
        submitted = " (" + text % {"day": escape(_day(row.report.submitted_at))} + ")"
    trend = ""
    if row.trend:
        trend = (
            f' · {t["Trend"]}: <span aria-hidden="true">{_e(row.trend_symbol)}</span> '
            f"{_e(row.trend_label)}"
        )
    lead_label, report_label = t["Projektleitung"], t["Bericht"]
    return (
        f'<header>\n  <h2 id="h-projekt-{int(project.pk)}">{_e(project.title)}</h2>\n'
        f'  <p class="muted">{_e(project.field_of_action.name)} · {lead_label}: '
        f"{_e(project.lead) if project.lead else '–'} · {report_label}: "
        f"{_e(row.state_label)}{submitted}{trend}</p>\n</header>\n"
    )


def _knock_ons(row: CockpitRow) -> str:
    t = _texts()
    out = delays = ""
    if row.reasons:
        reasons = "".join(f"<li>{_e(r.text)}</li>" for r in row.reasons)
        details = "".join(
            f'<p class="muted knock-on-detail">{_e(k.detail)}</p>' for k in row.waits_for
        )
        heading = t["Handlungsbedarf"]
        out += (
            f'\n<div class="pc-attention">\n  <h3>{heading}</h3>\n'
            f'  <ul class="reasons">{reasons}</ul>\n  {details}\n</div>\n'
        )
    if row.delays:
        items = "".join(
            f'<li>{_e(k.upstream_text)}<br><span class="muted">{_e(k.detail)}</span></li>'
            for k in row.delays
        )
        heading = t["Wirkt auf abhängige Projekte"]
        delays = (
            f'\n<div class="knock-on-delays">\n  <h3>{heading}</h3>\n  <ul>{items}</ul>\n</div>\n'
        )
    return out + "\n" + delays + "\n"


def _report(row: CockpitRow) -> str:
    t = _texts()
    report = row.report
    if report is None:
        return f"\n<p><strong>{t['Für diese Periode liegt kein Bericht vor.']}</strong></p>\n\n"
    lights = "".join(
        f'\n  <tr><th scope="row">{_e(light.label)}</th><td>'
        f"{light_badge(light.value, light.value_label)}</td><td>"
        f"{_lines(light.note or '–')}</td></tr>\n  "
        for light in row.lights
    )
    none = f'<p class="muted">{t["Keine Angabe."]}</p>'
    summary = linebreaks_filter(report.summary, autoescape=True) if report.summary else none
    steps = none
    if report.next_step_list:
        steps = "<ol>" + "".join(f"<li>{_e(s)}</li>" for s in report.next_step_list) + "</ol>"
    support = ""
    if report.support_needed:
        support = f"<h3>{t['Unterstützungsbedarf']}</h3>" + linebreaks_filter(
            report.support_needed, autoescape=True
        )
    caption, area, light, note = (
        t["Ampeln"],
        t["Ampelbereich"],
        t["Ampel"],
        t["Erläuterung"],
    )
    where, next_steps = t["Wo steht das Projekt?"], t["Nächste Schritte"]
    return (
        f'\n<table class="pc-lights">\n  <caption>{caption}</caption>\n'
        f'  <thead><tr><th scope="col">{area}</th><th scope="col">{light}</th>'
        f'<th scope="col">{note}</th></tr></thead>\n  <tbody>\n  {lights}\n  </tbody>\n'
        f"</table>\n<h3>{where}</h3>\n{summary}\n<h3>{next_steps}</h3>\n{steps}\n{support}\n\n"
    )


def _delay(m: dict) -> str:
    t = _texts()
    if not m["delay_days"] > 0:
        return t["im Plan"]
    days = m["delay_days"]
    text = ngettext("%(days)s Tag", "%(days)s Tage", days)
    out = text % {"days": escape(str(formats.localize(days)))}
    if m["overdue"]:
        out += " – " + t["überfällig"]
    elif m["slipping"]:
        out += " – " + t["verzögert"]
    return out


def _milestones(row: CockpitRow) -> str:
    t = _texts()
    current = ""
    if not row.frozen:
        current = f' <span class="muted">({t["aktueller Stand"]})</span>'
    out = f"<h3>{t['Meilensteine']}{current}</h3>\n"
    if not row.milestones:
        return out + f'\n<p class="muted">{t["Keine Meilensteine erfasst."]}</p>\n\n'
    caption = _("Meilensteine von %(title)s") % {"title": _e(row.project.title)}
    heads = "".join(
        f'<th scope="col">{t[text]}</th>'
        for text in ("Meilenstein", "geplant", "Prognose", "erreicht am")
    )
    body = "".join(
        "\n  <tr>\n"
        f'    <th scope="row">{_e(m["title"])}</th>\n'
        f'    <td class="nowrap">{_day(m["planned_date"])}</td>\n'
        f'    <td class="nowrap">{_day(m["forecast_date"]) or "–"}</td>\n'
        f'    <td class="nowrap">{_day(m["actual_date"]) or "–"}</td>\n'
        f'    <td class="nowrap{" late" if m["slipping"] else ""}">{_delay(m)}</td>\n'
        "  </tr>\n  "
        for m in row.milestones
    )
    return out + (
        f'\n<table class="pc-milestones">\n  <caption class="visually-hidden">{caption}</caption>\n'
        f'  <thead><tr>{heads}<th scope="col">{t["Verzug"]}</th></tr></thead>\n'
        f"  <tbody>\n  {body}\n  </tbody>\n</table>\n\n"
    )


def _risks(row: CockpitRow) -> str:
    t = _texts()
    out = f"<h3>{t['Top-Risiken']}</h3>\n"
    if not row.top_risks:
        return out + f'\n<p class="muted">{t["Keine offenen Risiken."]}</p>\n\n'
    countermeasures = t["Gegenmaßnahmen"]
    items = []
    for r in row.top_risks:
        odds = _("Wahrscheinlichkeit %(p)s/4, Auswirkung %(i)s/4") % {
            "p": _e(formats.localize(r["probability"])),
            "i": _e(formats.localize(r["impact"])),
        }
        status = f" ({_e(r['status_label'])})" if r["status"] == "occurred" else ""
        mitigation = ""
        if r["mitigation"]:
            mitigation = f'<br><span class="muted">{countermeasures}: {_e(r["mitigation"])}</span>'
        items.append(f"<li><strong>{_e(r['title'])}</strong> – {odds}{status}{mitigation}</li>")
    return out + "\n<ul>" + "".join(items) + "</ul>\n\n"


def _requests(row: CockpitRow) -> str:
    t = _texts()
    out = f"<h3>{t['Offene Entscheidungsbedarfe']}</h3>\n"
    if not row.decision_requests:
        return out + f'\n<p class="muted">{t["Keine offenen Entscheidungsbedarfe."]}</p>\n\n'
    overdue = f' <span class="badge badge--overdue">{t["überfällig"]}</span>'
    items = []
    for d in row.decision_requests:
        needed = late = ""
        if d["needed_by"]:
            needed = ", " + _("benötigt bis %(day)s") % {"day": escape(_day(d["needed_by"]))}
            late = overdue if d["needed_by"] < row.today else ""
        to = d["addressed_to_label"] or d["addressed_to"]
        items.append(
            f'<li>{_e(d["question"])} <span class="muted">– {_e(to)}{needed}</span>{late}</li>'
        )
    return out + "\n<ul>" + "".join(items) + "</ul>\n\n"


@register.simple_tag
def projektcheck_project(row: CockpitRow) -> SafeString:
    """One project's section of the Projektcheck: header, reasons for attention and knock-ons,
    the report's lights and texts, milestones, top risks and open decision requests."""
    return SafeString(
        _header(row)
        + _knock_ons(row)
        + _report(row)
        + _milestones(row)
        + _risks(row)
        + _requests(row)
    )


ARTICLE = (
    '\n<article class="card pc-project" id="projekt-{pk}" aria-labelledby="h-projekt-{pk}">\n'
    "  {section}\n"
    '  <nav class="pc-pager" aria-label="{label}">\n'
    "    <span>{prev}</span>\n"
    '    <a href="#h-toc">{toc}</a>\n'
    "    <span>{next}</span>\n"
    "  </nav>\n"
    "</article>\n"
)


@register.simple_tag
def projektcheck_articles(entries: list[tuple[CockpitRow, str, str]]) -> SafeString:
    """The page's projects, each as its section and the links to the previous project, the
    table of contents and the next project (`prev_href`, `next_href`: none if empty)."""
    t = _texts()
    label = _("Blättern ab %(title)s")
    previous, toc, following = (
        t["« vorheriges Projekt"],
        t["zur Übersicht"],
        t["nächstes Projekt »"],
    )
    out = []
    for row, prev_href, next_href in entries:
        prev = f'<a href="{_e(prev_href)}" rel="prev">{previous}</a>' if prev_href else ""
        next_ = f'<a href="{_e(next_href)}" rel="next">{following}</a>' if next_href else ""
        out.append(
            ARTICLE.format(
                pk=int(row.project.pk),
                section=projektcheck_project(row),
                label=label % {"title": _e(row.project.title)},
                prev=prev,
                toc=toc,
                next=next_,
            )
        )
    return SafeString("".join(out))


@register.simple_tag
def projektcheck_contents(entries: list[tuple[CockpitRow, str, str]]) -> SafeString:
    """The items of the page's table of contents: each project with its overall light and its
    reasons for attention."""
    out = []
    for row, _prev, _next in entries:
        pk = int(row.project.pk)
        reasons = f' <span class="muted">– {_e(row.reason_text)}</span>' if row.reasons else ""
        out.append(
            f'<li><a href="#projekt-{pk}">{_e(row.project.title)}</a> '
            f"{light_badge(row.overall, row.lights[0].value_label)}{reasons}</li>"
        )
    return SafeString("".join(out))
