from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from lotse.portfolio.models import GoalContribution
from lotse.portfolio.models import Stage
from tests.factories import FieldOfActionFactory
from tests.factories import OrgUnitFactory
from tests.factories import ProjectFactory
from tests.jobs.helpers import exported


def _titles(response) -> list[str]:
    return [p.title for p in response.context["projects"]]


def test_project_list_filters(cast):
    other_field = FieldOfActionFactory(programme=cast.programme, name="Smart City")
    unit = OrgUnitFactory(code="FB 99")
    ProjectFactory(
        field_of_action=other_field,
        title="Klimadashboard",
        stage=Stage.RUNNING,
        kind="quick_win",
        org_unit=unit,
    )
    url = reverse("portfolio:project_list", args=[cast.programme.slug])
    client = cast.client("viewer")
    assert _titles(client.get(url, {"field": other_field.pk})) == ["Klimadashboard"]
    assert _titles(client.get(url, {"stage": "running"})) == ["Klimadashboard"]
    assert _titles(client.get(url, {"kind": "quick_win"})) == ["Klimadashboard"]
    assert _titles(client.get(url, {"org_unit": unit.pk})) == ["Klimadashboard"]
    assert _titles(client.get(url, {"lead": cast.users["project_lead"].pk})) == ["Kommunalportal"]
    assert _titles(client.get(url, {"q": "klima"})) == ["Klimadashboard"]
    assert _titles(client.get(url, {"sort": "-title"})) == [
        "Kommunalportal",
        "Klimadashboard",
        "Beteiligungsportal",
    ]


def test_project_list_row_shows_every_column_escaped(cast):
    """The rows come from {% project_rows %} (issue 14): link, parent of a sub-project, field,
    stage, kind, org unit, lead and period, every text escaped; dashes and "?" when empty."""
    import datetime

    field = FieldOfActionFactory(programme=cast.programme, name="Bürger & Service")
    parent = ProjectFactory(field_of_action=field, title="Dach <Portal>")
    child = ProjectFactory(
        field_of_action=field,
        title="Teil <1>",
        parent=parent,
        stage=Stage.RUNNING,
        kind="quick_win",
        org_unit=OrgUnitFactory(code="FB <9>"),
        lead=cast.users["project_lead"],
        planned_start=datetime.date(2026, 3, 1),
    )
    url = reverse("portfolio:project_list", args=[cast.programme.slug])
    page = cast.client("viewer").get(url, {"field": field.pk, "sort": "-title"}).content.decode()
    row = page.split(f'<a href="/projekte/{child.pk}/">', 1)[1].split("</tr>", 1)[0]
    assert row.startswith("Teil &lt;1&gt;</a>")
    assert '<br><span class="muted">Teilprojekt von Dach &lt;Portal&gt;</span></th>' in row
    assert "<td>Bürger &amp; Service</td>" in row
    assert '<td><span class="stage stage--running">' in row
    assert "<td>FB &lt;9&gt;</td>" in row
    assert f"<td>{cast.users['project_lead']}</td>" in row
    assert '<td class="nowrap">01.03.2026 –<br>?</td>' in row
    plain = page.split(f'<a href="/projekte/{parent.pk}/">', 1)[1].split("</tr>", 1)[0]
    assert "Teilprojekt von" not in plain
    assert plain.count("<td>–</td>") == 2  # no org unit, no lead


def test_target_picture_chip_links_escapes_and_badges(cast):
    """The Zielbild's chips come from {% project_chips %} (issue 14): link, escaped title and
    the stage badge of every project shown."""
    project = ProjectFactory(field_of_action=cast.field, title="Chip <&> Test", stage=Stage.RUNNING)
    url = reverse("portfolio:target_picture", args=[cast.programme.slug])
    page = cast.client("viewer").get(url).content.decode()
    assert (
        f'<li><a href="/projekte/{project.pk}/">Chip &lt;&amp;&gt; Test</a> '
        '<span class="stage stage--running">'
    ) in page


def test_project_list_empty_state(cast):
    url = reverse("portfolio:project_list", args=[cast.programme.slug])
    page = cast.client("viewer").get(url, {"q": "gibt es nicht"}).content.decode()
    assert "Keine Projekte passen zu diesen Filtern." in page


def test_project_list_htmx_returns_only_results(cast):
    url = reverse("portfolio:project_list", args=[cast.programme.slug])
    page = cast.client("viewer").get(url, HTTP_HX_REQUEST="true").content.decode()
    assert page.lstrip().startswith('<div id="results">')
    assert "<html" not in page


def test_xlsx_export_contains_filtered_projects(cast):
    url = reverse("portfolio:project_list_xlsx", args=[cast.programme.slug])
    job, xlsx = exported(cast.client("viewer"), url, {"q": "Kommunal"})
    assert job.content_type.startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(xlsx)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Titel"
    assert [r[0] for r in rows[1:]] == ["Kommunalportal"]
    assert rows[1][2] == "Digitaler Bürgerservice"


def test_xlsx_export_names_the_org_unit_by_code_and_name_as_the_reports_do(cast):
    """The column held the code alone ("9012"), the council exports "9012 – Strategische
    Steuerung"; the import reads either (tests/portfolio_import)."""
    cast.project.org_unit = cast.org_unit
    cast.project.save()
    url = reverse("portfolio:project_list_xlsx", args=[cast.programme.slug])
    rows = list(load_workbook(BytesIO(exported(cast.client("viewer"), url)[1])).active.values)
    column = rows[0].index("Organisationseinheit")
    units = {row[0]: row[column] for row in rows[1:]}
    assert units["Kommunalportal"] == "GB 9 – Geschäftsbereich Oberbürgermeister"
    assert units["Beteiligungsportal"] in ("", None)


def test_matrix_save_sets_and_clears_cells(cast):
    url = reverse("portfolio:goal_matrix", args=[cast.programme.slug])
    client = cast.client("pmo")
    client.post(
        url,
        {
            f"c-{cast.project.pk}-{cast.goal.pk}": "contributes",
            f"c-{cast.other_project.pk}-{cast.goal.pk}": "unclear",
        },
    )
    levels = dict(GoalContribution.objects.values_list("project__title", "level"))
    assert levels == {"Kommunalportal": "contributes", "Beteiligungsportal": "unclear"}
    page = cast.client("viewer").get(url).content.decode()
    assert "zu klären" in page and "trägt bei" in page
    client.post(url, {f"c-{cast.project.pk}-{cast.goal.pk}": ""})
    assert list(GoalContribution.objects.values_list("project__title", flat=True)) == []


def test_matrix_rejects_unknown_level_atomically(cast):
    url = reverse("portfolio:goal_matrix", args=[cast.programme.slug])
    response = cast.client("pmo").post(
        url,
        {
            f"c-{cast.project.pk}-{cast.goal.pk}": "contributes",
            f"c-{cast.other_project.pk}-{cast.goal.pk}": "viel",
        },
        follow=True,
    )
    assert "Unbekannte Stufe" in response.content.decode()
    assert not GoalContribution.objects.exists()


def test_dependency_shown_on_both_projects(cast):
    url = reverse("portfolio:dependency_add", args=[cast.project.pk])
    cast.client("project_lead").post(
        url, {"kind": "needs", "target": cast.other_project.pk, "note": "Login"}
    )
    source_page = cast.client("viewer").get(cast.project.get_absolute_url()).content.decode()
    target_page = cast.client("viewer").get(cast.other_project.get_absolute_url()).content.decode()
    assert "benötigt" in source_page and "Beteiligungsportal" in source_page
    assert "benötigt" in target_page and "Kommunalportal" in target_page


def test_duplicate_dependency_is_explained(cast):
    url = reverse("portfolio:dependency_add", args=[cast.project.pk])
    client = cast.client("pmo")
    client.post(url, {"kind": "needs", "target": cast.other_project.pk})
    response = client.post(url, {"kind": "needs", "target": cast.other_project.pk}, follow=True)
    assert "Diese Abhängigkeit ist bereits erfasst." in response.content.decode()
    assert cast.project.dependencies_out.count() == 1


def test_matrix_change_keeps_the_note(cast):
    from lotse.portfolio.services import goal_contribution_set

    goal_contribution_set(project=cast.project, goal=cast.goal, level="unclear", note="Prüfen")
    url = reverse("portfolio:goal_matrix", args=[cast.programme.slug])
    cast.client("pmo").post(url, {f"c-{cast.project.pk}-{cast.goal.pk}": "contributes"})
    contribution = GoalContribution.objects.get()
    assert (contribution.level, contribution.note) == ("contributes", "Prüfen")
