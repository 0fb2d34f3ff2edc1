"""{% public_project_rows %} gives the markup of the loop it replaced in
public/_project_table.html, for every kind of row, with and without the field column."""

import pytest
from django.template import Context
from django.template import Template
from django.utils import translation

from lotse.portfolio.models import Programme
from lotse.public.selectors import ListedProject
from lotse.public.selectors import ProjectChip

# The loop as public/_project_table.html had it.
LOOP = """{% load i18n nav_urls %}
  {% for row in projects %}{% with project=row %}
  <tr>
    <th scope="row"><a href="{% id_url 'public:project' programme.slug project.pk %}">{{ project.title }}</a></th>
    {% if not hide_field %}<td><a href="{% id_url 'public:field' programme.slug project.field_of_action_id %}">{{ project.field_name }}</a></td>{% endif %}
    <td><span class="stage stage--{{ project.stage }}">{{ row.stage_label }}</span></td>
    <td>{% if row.light %}<span class="light light--{{ row.light }}"><span class="light__dot" aria-hidden="true">●</span>{{ row.light_text }}</span>{% else %}<span class="light light--missing">{{ row.light_text }}</span>{% endif %}</td>
    <td>{% if row.okr_percent is not None %}<meter min="0" max="100" value="{{ row.okr_percent }}" aria-hidden="true"></meter> {{ row.okr_percent }} %{% elif row.has_okrs %}{% translate "noch kein Messwert" %}{% else %}<span class="muted">{% translate "keine Quartalsziele" %}</span>{% endif %}</td>
  </tr>
  {% endwith %}{% endfor %}
"""  # noqa: E501
TAG = "{% load public %}\n  {% public_project_rows projects %}\n"


def row(pk: int, light: str | None, percent: int | None, has_okrs: bool) -> ListedProject:
    return ListedProject(
        pk=pk,
        title=f'Projekt "{pk}" <b>',
        stage="running",
        stage_label="In <Umsetzung>",
        field_of_action_id=pk + 100,
        field_name=f"Feld <{pk}> & Co",
        light=light,
        light_text=f"Text & {light}",
        okr_percent=percent,
        has_okrs=has_okrs,
    )


ROWS = [
    row(1, "green", 75, True),
    row(2, None, None, True),
    row(3, "red", None, False),
    row(4, "yellow", 0, True),
    row(5, None, 100, False),
]


@pytest.mark.parametrize("hide_field", [False, True])
@pytest.mark.parametrize("language", ["de", "en"])
def test_the_rows_are_the_loops(hide_field, language):
    context = {
        "programme": Programme(slug="stadt-1"),
        "projects": ROWS,
        "hide_field": hide_field,
    }
    with translation.override(language):
        expected = Template(LOOP).render(Context(context))
        mine = Template(TAG).render(Context(context))
    assert mine == expected
    assert "&lt;b&gt;" in mine and ("Feld &lt;1&gt;" in mine) != hide_field


def test_no_rows_no_markup():
    context = Context({"programme": Programme(slug="s"), "projects": []})
    assert Template("{% load public %}{% public_project_rows projects %}").render(context) == ""


# The loop of the projects a field names, as public/programme.html had it.
CHIPS_LOOP = """{% load nav_urls %}{% for row in chips %}<li><a href="{% id_url 'public:project' programme.slug row.pk %}">{{ row.title }}</a> <span class="stage stage--{{ row.stage }}">{{ row.stage_label }}</span></li>{% endfor %}"""  # noqa: E501


def test_the_chips_are_the_loops():
    chips = [
        ProjectChip(1, 'Projekt "1" <b>', "running", "In <Umsetzung>"),
        ProjectChip(22, "E-Akte & Co", "idea", "Projektidee"),
    ]
    context = {"programme": Programme(slug="stadt-1"), "chips": chips}
    expected = Template(CHIPS_LOOP).render(Context(context))
    mine = Template("{% load public %}{% public_project_chips chips %}").render(Context(context))
    assert mine == expected
    assert "&lt;b&gt;" in mine and "/22/" in mine
