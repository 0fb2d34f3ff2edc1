"""The Quartalskonferenz page's reviews, links and drafts are put together in Python (issue
14): the same markup as the template loops they replace, every text escaped."""

from decimal import Decimal

from django.template import Context
from django.template import Template
from django.utils import translation

from lotse.okr import scoring
from lotse.okr.models import KeyResult
from lotse.okr.models import Objective
from lotse.okr.models import ObjectiveReview
from lotse.okr.models import OkrLink
from lotse.okr.selectors import ScoredObjective
from lotse.okr.selectors import ShownLink
from lotse.okr.selectors import _shown_links
from lotse.okr.selectors import cross_project_links
from lotse.okr.templatetags.conference_rows import conference_drafts
from lotse.okr.templatetags.conference_rows import conference_links
from lotse.okr.templatetags.conference_rows import conference_reviews
from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import Project

# The loop of okr/_conference_body.html before the tag.
LOOP = """{% load i18n %}{% for o in objectives %}
  <article class="okr-conf-objective">
    <h3>{{ o.project.title }}: {{ o.title }}</h3>
    <p>{{ o.field|default:"" }}{% if o.field %} · {% endif %}{{ o.objective.commitment_label }} · {% translate "Fortschritt" %}: {% if o.percent is not None %}{{ o.percent }} % – {% endif %}{{ o.band.label }}{% if o.success %} · {% translate "erreicht" %}{% endif %}</p>
    {% with review=o.review %}{% if review %}
      <p><strong>{% translate "Ergebnis" %}:</strong> {{ review.outcome_label }}{% if review.final_score is not None %} ({% widthratio review.final_score 1 100 %} %){% endif %}{% if review.next_step %} · {{ review.next_step_label }}{% endif %}</p>
      {% if review.override_reason %}<p class="muted">{% translate "Abweichung begründet" %}: {{ review.override_reason }}</p>{% endif %}
      <dl class="definition-list">
        <dt>{% translate "Was hat geholfen?" %}</dt><dd>{{ review.drivers|default:"–"|linebreaksbr }}</dd>
        <dt>{% translate "Was hat behindert?" %}</dt><dd>{{ review.obstacles|default:"–"|linebreaksbr }}</dd>
        <dt>{% translate "Was lernen wir daraus?" %}</dt><dd>{{ review.learnings|default:"–"|linebreaksbr }}</dd>
      </dl>
    {% else %}<p class="muted">{% translate "Noch kein Review." %}</p>{% endif %}{% endwith %}
  </article>
  {% empty %}
  <p>{% translate "In diesem Quartal gibt es keine Objectives." %}</p>
  {% endfor %}"""  # noqa: E501
LINKS = """{% for link in links %}<tr><td>{{ link.kind_label }}</td>
      <td>{{ link.from_objective.project.title }}: {{ link.from_objective.title }}{% if link.from_key_result %} ({{ link.from_key_result.title }}){% endif %}</td>
      <td>{{ link.to_objective.project.title }}: {{ link.to_objective.title }}{% if link.to_key_result %} ({{ link.to_key_result.title }}){% endif %}</td>
      <td>{{ link.note }}</td></tr>{% endfor %}"""  # noqa: E501
DRAFTS = """{% load i18n %}{% for d in drafts %}<li>{{ d.project.title }}: {{ d.title }} <span class="muted">({{ d.state_label }}{% if d.copied_from_id %}, {% translate "übernommen" %}{% endif %})</span></li>{% endfor %}"""  # noqa: E501
EVIL = "<b>\"x\"</b> & 'y'"


def _scored(n: int, progress: float | None, review: ObjectiveReview | None) -> ScoredObjective:
    commitment = [Objective.Commitment.COMMITTED, Objective.Commitment.ASPIRATIONAL][n % 2]
    objective = Objective(title=f"{EVIL} {n}", commitment=commitment)
    objective.project = Project(title=f"{EVIL} P{n}")
    return ScoredObjective(
        objective=objective,
        key_results=[],
        progress=progress,
        band=scoring.band(progress),
        percent=scoring.percent(progress),
        success=scoring.is_success(progress, commitment),
        review=review,
        field=FieldOfAction(name=f"{EVIL} F") if n % 3 else None,
    )


def _reviews() -> list[ObjectiveReview | None]:
    outcomes = list(ObjectiveReview.Outcome)
    steps = ["", *ObjectiveReview.NextStep]
    return [
        None,
        ObjectiveReview(outcome=outcomes[0]),
        ObjectiveReview(
            outcome=outcomes[-1],
            computed_score=Decimal("0.675"),
            score_override=Decimal("0.125"),
            override_reason=EVIL,
            drivers=f"{EVIL}\nzweite Zeile\r\ndritte",
            obstacles=EVIL,
            learnings="",
            next_step=steps[1],
        ),
        ObjectiveReview(outcome=outcomes[1], computed_score=Decimal("0.675"), next_step=steps[-1]),
    ]


def test_the_reviews_have_the_markup_of_the_template_loop():
    reviews = _reviews()
    progresses = [None, 0.0, 0.35, 0.55, 0.7, 1.0]
    objectives = [
        _scored(n, progresses[n % len(progresses)], reviews[n % len(reviews)]) for n in range(12)
    ]
    for language in ("de", "en"):
        with translation.override(language):
            for shown in (objectives, []):
                expected = Template(LOOP).render(Context({"objectives": shown}))
                assert conference_reviews(shown) == expected
    assert "&lt;b&gt;" in conference_reviews(objectives)


def _row(link: OkrLink) -> ShownLink:
    """The row `_shown_links` reads of a link."""
    ends = [
        (o.project.title, o.title, k.title if k else None)
        for o, k in (
            (link.from_objective, link.from_key_result),
            (link.to_objective, link.to_key_result),
        )
    ]
    return ShownLink(link.kind, link.note, *ends[0], *ends[1])


def test_the_links_and_drafts_have_the_markup_of_the_template_loops():
    objectives = [_scored(n, None, None).objective for n in range(4)]
    key_result = KeyResult(title=f"{EVIL} KR")
    links = [
        OkrLink(
            kind=kind,
            note=EVIL if n % 2 else "",
            from_objective=objectives[n],
            to_objective=objectives[n + 1],
            from_key_result=key_result if n % 2 else None,
            to_key_result=None if n % 2 else key_result,
        )
        for n, kind in enumerate([*OkrLink.Kind, *OkrLink.Kind][:3])
    ]
    drafts = []
    for n, state in enumerate(Objective.State):
        draft = Objective(title=f"{EVIL} {n}", state=state, copied_from_id=n % 2 or None)
        draft.project = objectives[n % 4].project
        drafts.append(draft)
    for language in ("de", "en"):
        with translation.override(language):
            for shown_links, shown_drafts in ((links, drafts), ([], [])):
                context = Context({"links": shown_links, "drafts": shown_drafts})
                rows = [_row(link) for link in shown_links]
                assert conference_links(rows) == Template(LINKS).render(context)
                assert conference_drafts(shown_drafts) == Template(DRAFTS).render(context)
    assert "&lt;b&gt;" in conference_links([_row(link) for link in links])
    assert "&lt;b&gt;" in conference_drafts(drafts)


def test_the_shown_links_are_the_first_links_of_the_quarter(cast, okr):
    """`_shown_links` reads as rows what the page showed of `cross_project_links`."""
    OkrLink.objects.create(
        kind="synergy",
        from_objective=okr.other_objective,
        to_objective=okr.objective,
        to_key_result=okr.key_result,
        note=EVIL,
    )
    OkrLink.objects.create(
        kind="dependency",
        from_objective=okr.objective,
        from_key_result=okr.key_result,
        to_objective=okr.other_objective,
    )
    for limit in (1, 2, 50):
        expected = [_row(link) for link in cross_project_links(okr.quarter, limit)]
        assert _shown_links(okr.quarter, limit) == expected
    assert len(_shown_links(okr.quarter, 50)) == 2
