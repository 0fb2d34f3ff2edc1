"""The Projektcheck page's project sections are put together in Python (issue 14): the same
markup as the template they replace, in German and English, every text escaped."""

from datetime import timedelta

from django.template import Context
from django.template import Template
from django.utils import translation

from lotse.reporting import cockpit
from lotse.reporting.models import Risk
from lotse.reporting.models import StatusReport
from lotse.reporting.templatetags.projektcheck_sections import projektcheck_articles
from lotse.reporting.templatetags.projektcheck_sections import projektcheck_contents
from lotse.reporting.templatetags.projektcheck_sections import projektcheck_project
from tests.reporting.factories import DecisionRequestFactory
from tests.reporting.factories import RiskFactory
from tests.reporting.test_attention_in_sql import TODAY  # noqa: F401 (fixture)
from tests.reporting.test_attention_in_sql import programme  # noqa: F401 (fixture)

# reporting/projektcheck_project.html before the tag.
SECTION = """{% load i18n report_badges %}<header>
  <h2 id="h-projekt-{{ row.project.pk }}">{{ row.project.title }}</h2>
  <p class="muted">{{ row.project.field_of_action.name }} · {% translate "Projektleitung" %}: {{ row.project.lead|default:"–" }} · {% translate "Bericht" %}: {{ row.state_label }}{% if row.report.submitted_at %} ({% blocktranslate with day=row.report.submitted_at|date:"SHORT_DATE_FORMAT" %}eingereicht am {{ day }}{% endblocktranslate %}){% endif %}{% if row.trend %} · {% translate "Trend" %}: <span aria-hidden="true">{{ row.trend_symbol }}</span> {{ row.trend_label }}{% endif %}</p>
</header>
{% if row.reasons %}
<div class="pc-attention">
  <h3>{% translate "Handlungsbedarf" %}</h3>
  <ul class="reasons">{% for r in row.reasons %}<li>{{ r.text }}</li>{% endfor %}</ul>
  {% for k in row.waits_for %}<p class="muted knock-on-detail">{{ k.detail }}</p>{% endfor %}
</div>
{% endif %}
{% if row.delays %}
<div class="knock-on-delays">
  <h3>{% translate "Wirkt auf abhängige Projekte" %}</h3>
  <ul>{% for k in row.delays %}<li>{{ k.upstream_text }}<br><span class="muted">{{ k.detail }}</span></li>{% endfor %}</ul>
</div>
{% endif %}
{% if row.report %}
<table class="pc-lights">
  <caption>{% translate "Ampeln" %}</caption>
  <thead><tr><th scope="col">{% translate "Ampelbereich" %}</th><th scope="col">{% translate "Ampel" %}</th><th scope="col">{% translate "Erläuterung" %}</th></tr></thead>
  <tbody>
  {% for light in row.lights %}
  <tr><th scope="row">{{ light.label }}</th><td>{% light_badge light.value light.value_label %}</td><td>{{ light.note|default:"–"|linebreaksbr }}</td></tr>
  {% endfor %}
  </tbody>
</table>
<h3>{% translate "Wo steht das Projekt?" %}</h3>
{% if row.report.summary %}{{ row.report.summary|linebreaks }}{% else %}<p class="muted">{% translate "Keine Angabe." %}</p>{% endif %}
<h3>{% translate "Nächste Schritte" %}</h3>
{% if row.report.next_step_list %}<ol>{% for step in row.report.next_step_list %}<li>{{ step }}</li>{% endfor %}</ol>{% else %}<p class="muted">{% translate "Keine Angabe." %}</p>{% endif %}
{% if row.report.support_needed %}<h3>{% translate "Unterstützungsbedarf" %}</h3>{{ row.report.support_needed|linebreaks }}{% endif %}
{% else %}
<p><strong>{% translate "Für diese Periode liegt kein Bericht vor." %}</strong></p>
{% endif %}
<h3>{% translate "Meilensteine" %}{% if not row.frozen %} <span class="muted">({% translate "aktueller Stand" %})</span>{% endif %}</h3>
{% if row.milestones %}
<table class="pc-milestones">
  <caption class="visually-hidden">{% blocktranslate with title=row.project.title %}Meilensteine von {{ title }}{% endblocktranslate %}</caption>
  <thead><tr><th scope="col">{% translate "Meilenstein" %}</th><th scope="col">{% translate "geplant" %}</th><th scope="col">{% translate "Prognose" %}</th><th scope="col">{% translate "erreicht am" %}</th><th scope="col">{% translate "Verzug" %}</th></tr></thead>
  <tbody>
  {% for m in row.milestones %}
  <tr>
    <th scope="row">{{ m.title }}</th>
    <td class="nowrap">{{ m.planned_date|date:"SHORT_DATE_FORMAT" }}</td>
    <td class="nowrap">{{ m.forecast_date|date:"SHORT_DATE_FORMAT"|default:"–" }}</td>
    <td class="nowrap">{{ m.actual_date|date:"SHORT_DATE_FORMAT"|default:"–" }}</td>
    <td class="nowrap{% if m.slipping %} late{% endif %}">{% if m.delay_days > 0 %}{% blocktranslate count days=m.delay_days %}{{ days }} Tag{% plural %}{{ days }} Tage{% endblocktranslate %}{% if m.overdue %} – {% translate "überfällig" %}{% elif m.slipping %} – {% translate "verzögert" %}{% endif %}{% else %}{% translate "im Plan" %}{% endif %}</td>
  </tr>
  {% endfor %}
  </tbody>
</table>
{% else %}
<p class="muted">{% translate "Keine Meilensteine erfasst." %}</p>
{% endif %}
<h3>{% translate "Top-Risiken" %}</h3>
{% if row.top_risks %}
<ul>{% for r in row.top_risks %}<li><strong>{{ r.title }}</strong> – {% blocktranslate with p=r.probability i=r.impact %}Wahrscheinlichkeit {{ p }}/4, Auswirkung {{ i }}/4{% endblocktranslate %}{% if r.status == "occurred" %} ({{ r.status_label }}){% endif %}{% if r.mitigation %}<br><span class="muted">{% translate "Gegenmaßnahmen" %}: {{ r.mitigation }}</span>{% endif %}</li>{% endfor %}</ul>
{% else %}
<p class="muted">{% translate "Keine offenen Risiken." %}</p>
{% endif %}
<h3>{% translate "Offene Entscheidungsbedarfe" %}</h3>
{% if row.decision_requests %}
<ul>{% for d in row.decision_requests %}<li>{{ d.question }} <span class="muted">– {{ d.addressed_to_label|default:d.addressed_to }}{% if d.needed_by %}, {% blocktranslate with day=d.needed_by|date:"SHORT_DATE_FORMAT" %}benötigt bis {{ day }}{% endblocktranslate %}{% endif %}</span>{% if d.needed_by and d.needed_by < row.today %} <span class="badge badge--overdue">{% translate "überfällig" %}</span>{% endif %}</li>{% endfor %}</ul>
{% else %}
<p class="muted">{% translate "Keine offenen Entscheidungsbedarfe." %}</p>
{% endif %}
"""  # noqa: E501
# The loop of reporting/projektcheck.html before the tag.
ARTICLES = """{% load i18n projektcheck_sections %}{% for row, prev_href, next_href in entries %}
<article class="card pc-project" id="projekt-{{ row.project.pk }}" aria-labelledby="h-projekt-{{ row.project.pk }}">
  {% projektcheck_project row %}
  <nav class="pc-pager" aria-label="{% blocktranslate with title=row.project.title %}Blättern ab {{ title }}{% endblocktranslate %}">
    <span>{% if prev_href %}<a href="{{ prev_href }}" rel="prev">{% translate "« vorheriges Projekt" %}</a>{% endif %}</span>
    <a href="#h-toc">{% translate "zur Übersicht" %}</a>
    <span>{% if next_href %}<a href="{{ next_href }}" rel="next">{% translate "nächstes Projekt »" %}</a>{% endif %}</span>
  </nav>
</article>
{% endfor %}"""  # noqa: E501
# The table of contents of reporting/projektcheck.html before the tag.
CONTENTS = """{% load i18n %}{% for row, prev_href, next_href in entries %}<li><a href="#projekt-{{ row.project.pk }}">{{ row.project.title }}</a> <span class="light light--{{ row.overall }}"><span class="light__dot" aria-hidden="true">{% if row.overall == "missing" %}○{% else %}●{% endif %}</span> {{ row.lights.0.value_label }}</span>{% if row.reasons %} <span class="muted">– {{ row.reason_text }}</span>{% endif %}</li>{% endfor %}"""  # noqa: E501
EVIL = "<b>\"x\"</b> & 'y'"


def test_the_sections_have_the_markup_of_the_template(cast, programme):  # noqa: F811
    period, p = programme
    project = p["live_ms"]  # not frozen: its risks and requests are read live
    project.title = EVIL
    project.save()
    RiskFactory(
        project=project,
        title=EVIL,
        probability=3,
        impact=4,
        mitigation=f"{EVIL}\nzweite Zeile",
        status=Risk.Status.OCCURRED,
    )
    RiskFactory(project=project, title="Lieferverzug", probability=1, impact=2, mitigation="")
    DecisionRequestFactory(project=project, question=EVIL, needed_by=TODAY + timedelta(days=3))
    DecisionRequestFactory(project=project, needed_by=TODAY - timedelta(days=3))
    DecisionRequestFactory(project=project, needed_by=None)
    StatusReport.objects.filter(project=project, period=period).update(
        summary=f"{EVIL}\n\nzweiter Absatz",
        support_needed=EVIL,
        schedule_note=f"{EVIL}\r\nmehr\rnoch mehr",
    )
    StatusReport.objects.filter(project=p["amber"], period=period).update(summary="", next_steps="")
    rows = cockpit.cockpit_rows(cast.programme, period, TODAY, details=True)
    assert {r.report is None for r in rows} == {True, False}
    assert {bool(r.milestones) for r in rows} == {True, False}
    assert {r.frozen for r in rows} == {True, False}
    assert {bool(r.delays) for r in rows} == {True, False}
    assert {bool(r.waits_for) for r in rows} == {True, False}
    assert {bool(r.trend) for r in rows} == {True, False}
    for language in ("de", "en"):
        with translation.override(language):
            for row in rows:
                expected = Template(SECTION).render(Context({"row": row}))
                assert projektcheck_project(row) == expected
    html = projektcheck_project(next(r for r in rows if r.project.pk == project.pk))
    assert EVIL not in html
    assert "&lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp; &#x27;y&#x27;" in html
    for part in ("Gegenmaßnahmen", "badge--overdue", "benötigt bis", "Unterstützungsbedarf"):
        assert part in html  # the branches compared above
    assert "<p>zweiter Absatz</p>" in html
    assert "Keine Angabe." in projektcheck_project(next(r for r in rows if r.project == p["amber"]))
    hrefs = [
        ("", "#projekt-2"),
        ("?a=1&seite=2#projekt-3", ""),
        ("#projekt-4", "?seite=3#projekt-5"),
    ]
    entries = [(row, *hrefs[i % 3]) for i, row in enumerate(rows)]
    for language in ("de", "en"):
        with translation.override(language):
            expected = Template(ARTICLES).render(Context({"entries": entries}))
            assert projektcheck_articles(entries) == expected
    assert "?a=1&amp;seite=2#projekt-3" in projektcheck_articles(entries)
    for language in ("de", "en"):
        with translation.override(language):
            expected = Template(CONTENTS).render(Context({"entries": entries}))
            assert projektcheck_contents(entries) == expected
