"""The planning demo: Konstanz's AP 1–5 with 600 hours, Potsdam's overloaded org units."""

from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from lotse.planning import selectors
from lotse.planning.models import Estimate
from lotse.planning.models import Phase
from lotse.planning.models import WorkPackage
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project


def test_konstanz_project_has_its_phases_and_600_hours(demo_loaded):
    project = Project.objects.get(
        programme__slug="konstanz", title="Erarbeitung der Digitalen Agenda"
    )
    assert list(Phase.objects.filter(project=project).values_list("name", flat=True)) == [
        "Vorprojektphase",
        "Projektphase 1",
        "Projektphase 2",
    ]
    codes = list(WorkPackage.objects.filter(project=project).values_list("code", flat=True))
    assert codes == ["AP 1", "AP 2", "AP 3", "AP 4", "AP 5"]
    total = Estimate.objects.filter(work_package__project=project).aggregate(s=Sum("hours"))
    assert total["s"] == Decimal("600")
    people = Estimate.objects.filter(work_package__project=project).values("label").distinct()
    assert people.count() == 10
    assert WorkPackage.objects.get(project=project, code="AP 2").steps.count() == 4


def test_potsdam_heat_map_shows_an_overload_and_a_line_conflict(demo_loaded):
    programme = Programme.objects.get(slug="potsdam")
    data = selectors.heat_map(programme, timezone.localdate(), 6)
    levels = {(o.row.org_unit.code, o.cell.level) for o in data.overloads if o.row.org_unit}
    assert ("FB 99", "overload") in levels
    assert ("FB 54", "line_conflict") in levels
    fb99 = next(o for o in data.overloads if o.row.org_unit and o.row.org_unit.code == "FB 99")
    assert "Beteiligungsportal" in [c.title for c in fb99.causes]
