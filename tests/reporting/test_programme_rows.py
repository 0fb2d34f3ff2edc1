"""The Programm-Cockpit's rows are put together in Python (issue 14): the same markup as the
template loops they replace, every text escaped."""

from datetime import timedelta

from django.template import Context
from django.template import Template
from django.urls import reverse
from django.utils import translation

from lotse.reporting import cockpit
from lotse.reporting.models import LIGHTS
from lotse.reporting.templatetags.programme_rows import cockpit_rows
from lotse.reporting.templatetags.programme_rows import not_reported_rows
from tests.reporting.factories import MilestoneFactory
from tests.reporting.test_attention_in_sql import TODAY  # noqa: F401 (fixture)
from tests.reporting.test_attention_in_sql import programme  # noqa: F401 (fixture)

# The loops of reporting/programme_cockpit.html before the tags.
ROWS = """{% load i18n report_badges %}{% for row in rows %}
    <tr{% if row.needs_attention %} class="needs-attention"{% endif %}>
      <th scope="row"><a href="{{ row.project.get_absolute_url }}">{{ row.project.title }}</a>{% if row.project.lead %}<br><span class="muted">{{ row.project.lead }}</span>{% endif %}</th>
      {% if row.report %}{% for light in row.lights %}<td>{% light_badge light.value light.value_label %}</td>{% endfor %}
      {% else %}<td colspan="{{ lights|length }}"><span class="light light--missing"><span class="light__dot" aria-hidden="true">○</span> {{ row.state_label }}</span></td>{% endif %}
      <td class="trend">{% if row.trend %}<span aria-hidden="true">{{ row.trend_symbol }}</span> {{ row.trend_label }}{% else %}–{% endif %}</td>
      <td><span class="badge badge--state">{{ row.state_label }}</span></td>
      <td>{% if row.reasons %}<ul class="reasons">{% for r in row.reasons %}<li>{{ r.text }}</li>{% endfor %}</ul>{% else %}<span class="reasons--none">{% translate "keiner" %}</span>{% endif %}</td>
    </tr>
    {% endfor %}"""  # noqa: E501
NOT_REPORTED = """{% load i18n %}{% for row in not_reported %}
    <tr>
      <th scope="row"><a href="{{ row.project.get_absolute_url }}">{{ row.project.title }}</a><br><span class="muted">{{ row.project.field_of_action.name }}</span></th>
      <td>{{ row.project.lead|default:"–" }}</td>
      <td><span class="badge badge--state">{{ row.state_label }}</span></td>
      <td class="nowrap">{{ period.due_date|date:"SHORT_DATE_FORMAT" }}{% if row.is_overdue %} <span class="badge badge--overdue">{% translate "überfällig" %}</span>{% endif %}</td>
    </tr>
    {% endfor %}"""  # noqa: E501
EVIL = "<b>\"x\"</b> & 'y'"
ESCAPED = "&lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp; &#x27;y&#x27;"


def test_the_rows_have_the_markup_of_the_template_loops(cast, programme):  # noqa: F811
    period, p = programme
    p["live_ms"].title = EVIL
    p["live_ms"].save()
    overdue = set()
    for today in (TODAY, period.due_date + timedelta(days=1)):
        rows = cockpit.cockpit_rows(cast.programme, period, today)
        missing = cockpit.not_reported(rows)
        # Every branch of the loops: with and without report, lead, trend and reasons.
        assert {r.report is None for r in rows} == {True, False}
        assert {r.project.lead is None for r in rows} == {True, False}
        assert {bool(r.trend) for r in rows} == {True, False}
        assert {r.needs_attention for r in rows} == {True, False}
        overdue |= {r.is_overdue for r in missing}
        context = {"rows": rows, "not_reported": missing, "period": period, "lights": LIGHTS}
        for language in ("de", "en"):
            with translation.override(language):
                assert cockpit_rows(rows) == Template(ROWS).render(Context(context))
                assert not_reported_rows(missing, period) == Template(NOT_REPORTED).render(
                    Context(context)
                )
    assert overdue == {True, False}


def test_user_text_in_the_rows_is_escaped(cast, programme):  # noqa: F811
    period, p = programme
    project = p["live_ms"]
    project.title = EVIL
    project.save()
    MilestoneFactory(project=project, title=EVIL, planned_date=TODAY - timedelta(days=900))
    url = reverse("reporting:programme_cockpit", args=[cast.programme.slug])
    html = cast.client("pmo").get(url, {"period": period.pk}).content.decode()
    assert "<b>" not in html
    assert f">{ESCAPED}</a>" in html  # the project's link
    assert f"„{ESCAPED}“" in html  # the slipping milestone in the reasons
