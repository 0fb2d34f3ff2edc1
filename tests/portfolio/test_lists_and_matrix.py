from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from lotse.portfolio.models import GoalContribution, Stage
from tests.factories import FieldOfActionFactory, OrgUnitFactory, ProjectFactory
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
