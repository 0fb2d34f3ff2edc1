"""The goal matrix is edited by toggling cells (buttons, no select boxes): without JavaScript
a toggle reloads the page at the row, with htmx only the cell is replaced; a cell changed by
someone else meanwhile is not overwritten."""

from django.urls import reverse

from lotse.portfolio.models import GoalContribution
from tests.factories import StrategicGoalFactory


def _url(cast) -> str:
    return reverse("portfolio:goal_matrix", args=[cast.programme.slug])


def _level(cast, project=None) -> str:
    contribution = GoalContribution.objects.filter(
        project=project or cast.project, strategic_goal=cast.goal
    ).first()
    return contribution.level if contribution else ""


def test_editors_get_one_toggle_button_per_cell_and_no_select_box(cast):
    cast.programme.strategic_goals.add(StrategicGoalFactory(name="Digitale Verwaltung"))
    page = cast.client("pmo").get(_url(cast)).content.decode()
    assert "<select" not in page
    assert page.count('name="cell"') == 2 * 2
    cell = f'value="{cast.project.pk}:{cast.goal.pk}::contributes"'
    assert cell in page
    assert (
        'aria-label="Kommunalportal – Digitales Potsdam: kein Beitrag. Umschalten zu: trägt bei"'
        in page
    )
    viewer_page = cast.client("viewer").get(_url(cast)).content.decode()
    assert 'name="cell"' not in viewer_page and "kein Beitrag" in viewer_page


def test_toggle_without_javascript_cycles_and_returns_to_the_row(cast):
    client = cast.client("pmo")
    p, g = cast.project.pk, cast.goal.pk
    response = client.post(_url(cast), {"cell": f"{p}:{g}::contributes"})
    assert response.status_code == 302
    assert response["Location"] == f"{_url(cast)}#row-{p}"
    assert _level(cast) == "contributes"
    client.post(_url(cast), {"cell": f"{p}:{g}:contributes:unclear"})
    assert _level(cast) == "unclear"
    page = client.get(_url(cast)).content.decode()
    assert f'value="{p}:{g}:unclear:"' in page  # the next press clears it
    client.post(_url(cast), {"cell": f"{p}:{g}:unclear:"})
    assert _level(cast) == ""


def test_toggle_with_htmx_answers_only_the_cell(cast):
    client = cast.client("pmo")
    p, g = cast.project.pk, cast.goal.pk
    response = client.post(
        _url(cast), {"cell": f"{p}:{g}::contributes"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    body = response.content.decode().strip()
    assert body.startswith(f'<td id="cell-{p}-{g}">') and body.endswith("</td>")
    assert f'value="{p}:{g}:contributes:unclear"' in body
    assert "<table" not in body
    assert _level(cast) == "contributes"


def test_a_cell_changed_meanwhile_is_not_overwritten(cast):
    client = cast.client("pmo")
    p, g = cast.project.pk, cast.goal.pk
    GoalContribution.objects.create(project=cast.project, strategic_goal=cast.goal, level="unclear")
    # The person still saw an empty cell and presses it.
    response = client.post(_url(cast), {"cell": f"{p}:{g}::contributes"}, follow=True)
    assert "wurde inzwischen von einer anderen Person geändert (jetzt: zu klären)" in (
        response.content.decode()
    )
    assert _level(cast) == "unclear"
    response = client.post(
        _url(cast), {"cell": f"{p}:{g}::contributes"}, headers={"HX-Request": "true"}
    )
    assert 'role="alert"' in response.content.decode()
    assert f'value="{p}:{g}:unclear:"' in response.content.decode()


def test_toggle_is_refused_for_readers_and_bad_cells(cast):
    p, g = cast.project.pk, cast.goal.pk
    assert (
        cast.client("viewer").post(_url(cast), {"cell": f"{p}:{g}::contributes"}).status_code == 403
    )
    client = cast.client("pmo")
    assert client.post(_url(cast), {"cell": "x:y"}).status_code == 400
    response = client.post(_url(cast), {"cell": f"{p}:{g}::viel"}, follow=True)
    assert "Unbekannte Stufe" in response.content.decode()
    response = client.post(_url(cast), {"cell": f"999999:{g}::contributes"}, follow=True)
    assert "unbekanntes Projekt oder Ziel" in response.content.decode()
    assert not GoalContribution.objects.exists()
