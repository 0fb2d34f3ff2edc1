"""The Quartalskonferenz page's reviews, links and drafts in a tag each: a page shows 50
objectives, each with its score and review, and up to 50 links and drafts; as template markup
(about 20 nodes per objective) they were a third of the page's processor time (issue 14,
bench/pages_bench.py). Same markup as the loops in okr/_conference_body.html had.

Built with `str.format` on values escaped once with `html.escape` (what Django's `escape`
does), like lotse/reporting/templatetags/programme_rows.py."""

from collections.abc import Iterable
from html import escape
from typing import Any

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils import formats
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from lotse.forms import label_of
from lotse.okr.models import Objective
from lotse.okr.models import ObjectiveReview
from lotse.okr.models import OkrLink
from lotse.okr.selectors import ScoredObjective
from lotse.okr.selectors import ShownLink

register = template.Library()

ARTICLE = (
    '\n  <article class="okr-conf-objective">\n'
    "    <h3>{project}: {title}</h3>\n"
    "    <p>{field}{commitment} · {progress_word}: {percent}{band}{success}</p>\n"
    "    {review}\n"
    "  </article>\n"
    "  "
)
REVIEW = (
    "\n      <p><strong>{outcome_word}:</strong> {outcome}{score}{next_step}</p>\n"
    "      {override}\n"
    '      <dl class="definition-list">\n'
    "        <dt>{drivers_q}</dt><dd>{drivers}</dd>\n"
    "        <dt>{obstacles_q}</dt><dd>{obstacles}</dd>\n"
    "        <dt>{learnings_q}</dt><dd>{learnings}</dd>\n"
    "      </dl>\n"
    "    "
)


def _v(value: Any) -> str:
    """`{{ value }}`: localised (a text as it is) and escaped."""
    return escape(value if type(value) is str else str(formats.localize(value)))


def _text(value: str) -> str:
    """`{{ value|default:"–"|linebreaksbr }}`."""
    return str(linebreaksbr(value or "–"))


def _width(value: Any) -> str:
    """`{% widthratio value 1 100 %}`."""
    try:
        return str(round(float(value) * 100))
    except (ValueError, TypeError, OverflowError):
        return ""


def _label(labels: dict[str, str], instance: Any, name: str) -> str:
    """`{{ instance.<name>_label }}`, escaped, worked out once per value and page."""
    value = getattr(instance, name)
    if value not in labels:
        labels[value] = _v(getattr(instance, f"{name}_label"))
    return labels[value]


def _review(review: ObjectiveReview | None, words: dict[str, str]) -> str:
    if review is None:
        return f'<p class="muted">{words["none"]}</p>'
    score = review.final_score
    return REVIEW.format(
        outcome_word=words["outcome"],
        outcome=_v(review.outcome_label),
        score="" if score is None else f" ({_width(score)} %)",
        next_step=f" · {_v(review.next_step_label)}" if review.next_step else "",
        override=(
            f'<p class="muted">{words["override"]}: {_v(review.override_reason)}</p>'
            if review.override_reason
            else ""
        ),
        drivers_q=words["drivers"],
        drivers=_text(review.drivers),
        obstacles_q=words["obstacles"],
        obstacles=_text(review.obstacles),
        learnings_q=words["learnings"],
        learnings=_text(review.learnings),
    )


def _words() -> dict[str, str]:
    return {
        key: escape(text)
        for key, text in {
            "progress": _("Fortschritt"),
            "reached": _("erreicht"),
            "outcome": _("Ergebnis"),
            "override": _("Abweichung begründet"),
            "drivers": _("Was hat geholfen?"),
            "obstacles": _("Was hat behindert?"),
            "learnings": _("Was lernen wir daraus?"),
            "none": _("Noch kein Review."),
            "empty": _("In diesem Quartal gibt es keine Objectives."),
        }.items()
    }


@register.simple_tag
def conference_reviews(objectives: Iterable[ScoredObjective]) -> SafeString:
    """The page's objectives with score and review (or that there are none)."""
    words = _words()
    commitments: dict[str, str] = {}
    bands: dict[str, str] = {}
    out = [
        ARTICLE.format(
            project=_v(o.project.title),
            title=_v(o.title),
            field=f"{_v(o.field)} · " if o.field else "",
            commitment=_label(commitments, o.objective, "commitment"),
            progress_word=words["progress"],
            percent="" if o.percent is None else f"{_v(o.percent)} % – ",
            band=bands.get(o.band.code) or bands.setdefault(o.band.code, _v(o.band.label)),
            success=f" · {words['reached']}" if o.success else "",
            review=_review(o.review, words),
        )
        for o in objectives
    ]
    if not out:
        return SafeString(f"\n  <p>{words['empty']}</p>\n  ")
    return SafeString("".join(out))


def _end(project: str, objective: str, key_result: str | None) -> str:
    """`{{ o.project.title }}: {{ o.title }}{% if kr %} ({{ kr.title }}){% endif %}`."""
    text = f"{escape(project)}: {escape(objective)}"
    return text if key_result is None else f"{text} ({escape(key_result)})"


@register.simple_tag
def conference_links(links: list[ShownLink]) -> SafeString:
    """The rows of the links table: kind, both ends (objective or key result), note."""
    kinds: dict[str, str] = {}
    for link in links:
        if link.kind not in kinds:
            kinds[link.kind] = escape(label_of(OkrLink.Kind, link.kind))
    return SafeString(
        "".join(
            f"<tr><td>{kinds[link.kind]}</td>\n"
            f"      <td>{_end(link.from_project, link.from_objective, link.from_key_result)}</td>\n"
            f"      <td>{_end(link.to_project, link.to_objective, link.to_key_result)}</td>\n"
            f"      <td>{escape(link.note)}</td></tr>"
            for link in links
        )
    )


@register.simple_tag
def conference_drafts(drafts: Iterable[Objective]) -> SafeString:
    """The next quarter's drafts as list items: project, title, state, carried over or not."""
    states: dict[str, str] = {}
    carried = ", " + escape(_("übernommen"))
    return SafeString(
        "".join(
            f'<li>{_v(d.project.title)}: {_v(d.title)} <span class="muted">'
            f"({_label(states, d, 'state')}{carried if d.copied_from_id else ''})</span></li>"
            for d in drafts
        )
    )
