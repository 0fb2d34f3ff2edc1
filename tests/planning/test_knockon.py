"""Knock-on: a slip of one project overtaking a date of a project that depends on it; shown on
both project cockpits, in the Projektcheck's attention list and at the Quartalskonferenz, and
reproducible as of an earlier day."""

from datetime import date
from datetime import timedelta

import pytest
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from lotse.history import at
from lotse.history import valid_from
from lotse.planning.knockon import Anchor
from lotse.planning.knockon import Edge
from lotse.planning.knockon import Item
from lotse.planning.knockon import ProjectDates
from lotse.planning.knockon import _live_dependencies
from lotse.planning.knockon import detect
from lotse.planning.knockon import programme_knock_ons
from lotse.planning.models import Phase
from lotse.portfolio.models import Dependency
from lotse.portfolio.models import Project
from lotse.reporting.models import DecisionRequest
from lotse.reporting.models import Milestone
from lotse.reporting.signals import knock_ons
from tests.factories import ProgrammeFactory
from tests.factories import ProjectFactory
from tests.navigation import marked_tab
from tests.okr.factories import QuarterFactory
from tests.reporting.factories import MilestoneFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def day(n: int) -> date:
    """`n` days from today: the tests run on any day."""
    return TODAY + timedelta(days=n)


def _slip(cast) -> Milestone:
    """Beteiligungsportal needs Kommunalportal, whose milestone slips 21 days past the
    Beteiligungsportal's start."""
    Project.objects.filter(pk=cast.other_project.pk).update(
        planned_start=day(119), planned_end=day(400)
    )
    Dependency.objects.create(source=cast.other_project, target=cast.project, kind="needs")
    return MilestoneFactory(
        project=cast.project,
        title="Portal live",
        planned_date=day(100),
        forecast_date=day(140),
    )


# --- the rule itself ------------------------------------------------------------------------


def _dates(*pks: int) -> dict[int, ProjectDates]:
    return {pk: ProjectDates(pk, f"P{pk}", "running", None) for pk in pks}


def test_a_slip_past_the_dependent_date_is_a_knock_on_of_the_overlap():
    item = Item(1, "Meilenstein „A“", date(2027, 3, 1), date(2027, 4, 10))
    anchor = Anchor(2, "dem Projektbeginn", date(2027, 3, 20))
    [found] = detect([Edge(9, 1, 2)], {1: [item]}, {2: [anchor]}, _dates(1, 2))
    assert (found.upstream_id, found.downstream_id, found.delay_days) == (1, 2, 21)
    assert found.downstream_text == "abhängig von „P1“, verzögert um 21 Tage"


@pytest.mark.parametrize(
    ("planned", "expected"),
    [
        (date(2027, 3, 1), date(2027, 3, 19)),  # slips, but not past the dependent date
        (date(2027, 3, 25), date(2027, 4, 10)),  # planned late from the start: no slip past
        (date(2027, 3, 1), date(2027, 3, 1)),  # on plan
    ],
)
def test_no_knock_on_without_a_slip_past_the_dependent_date(planned, expected):
    item = Item(1, "Meilenstein „A“", planned, expected)
    anchor = Anchor(2, "dem Projektbeginn", date(2027, 3, 20))
    assert detect([Edge(9, 1, 2)], {1: [item]}, {2: [anchor]}, _dates(1, 2)) == []


def test_the_worst_overlap_of_a_dependency_is_reported_once():
    items = [
        Item(1, "A", date(2027, 3, 1), date(2027, 4, 10)),
        Item(1, "B", date(2027, 2, 1), date(2027, 5, 1)),
    ]
    anchors = [Anchor(2, "Beginn", date(2027, 3, 20)), Anchor(2, "M", date(2027, 4, 1))]
    [found] = detect([Edge(9, 1, 2)], {1: items}, {2: anchors}, _dates(1, 2))
    assert (found.item, found.anchor, found.delay_days) == ("B", "Beginn", 42)


def test_a_completed_dependent_project_waits_for_nothing():
    projects = _dates(1, 2)
    projects[2] = ProjectDates(2, "P2", "completed", None)
    item = Item(1, "A", date(2027, 3, 1), date(2027, 4, 10))
    assert (
        detect([Edge(9, 1, 2)], {1: [item]}, {2: [Anchor(2, "B", date(2027, 3, 20))]}, projects)
        == []
    )


# --- from the database ----------------------------------------------------------------------


def test_needs_makes_the_source_wait_for_the_target(cast):
    _slip(cast)
    [found] = programme_knock_ons(cast.programme, TODAY)
    assert (found.upstream_id, found.downstream_id) == (cast.project.pk, cast.other_project.pk)
    assert found.downstream_text == "abhängig von „Kommunalportal“, verzögert um 21 Tage"
    assert "Meilenstein „Portal live“" in found.detail


def test_blocks_makes_the_target_wait_for_the_source(cast):
    _slip(cast)
    Dependency.objects.all().delete()
    Dependency.objects.create(source=cast.project, target=cast.other_project, kind="blocks")
    [found] = programme_knock_ons(cast.programme, TODAY)
    assert found.downstream_id == cast.other_project.pk


def test_synergy_and_reached_milestones_carry_no_knock_on(cast):
    milestone = _slip(cast)
    Dependency.objects.update(kind="synergy")
    assert programme_knock_ons(cast.programme, TODAY) == []
    Dependency.objects.update(kind="needs")
    Milestone.objects.filter(pk=milestone.pk).update(actual_date=date(2027, 4, 10))
    assert programme_knock_ons(cast.programme, TODAY) == []


def test_an_overdue_milestone_is_expected_no_earlier_than_today(cast):
    Project.objects.filter(pk=cast.other_project.pk).update(planned_start=day(-9))
    Dependency.objects.create(source=cast.other_project, target=cast.project, kind="needs")
    MilestoneFactory(project=cast.project, planned_date=day(-28))
    [found] = programme_knock_ons(cast.programme, TODAY)
    assert found.item_expected == TODAY
    assert found.delay_days == 9


def test_a_phase_end_slipping_past_a_dependent_phase_start(cast):
    Dependency.objects.create(source=cast.other_project, target=cast.project, kind="needs")
    Phase.objects.create(
        project=cast.project,
        name="Projektphase 1",
        planned_start=day(10),
        planned_end=day(100),
        forecast_end=day(144),
    )
    Phase.objects.create(
        project=cast.other_project,
        name="Vorprojektphase",
        planned_start=day(101),
        planned_end=day(200),
    )
    [found] = programme_knock_ons(cast.programme, TODAY)
    assert found.item == "Ende der Phase „Projektphase 1“"
    assert found.delay_days == 43


def test_knock_ons_for_one_project_include_both_sides(cast):
    _slip(cast)
    third = ProjectFactory(field_of_action=cast.field, title="Drittes")
    assert programme_knock_ons(cast.programme, TODAY, {third.pk}) == []
    assert len(programme_knock_ons(cast.programme, TODAY, {cast.project.pk})) == 1
    assert len(programme_knock_ons(cast.programme, TODAY, {cast.other_project.pk})) == 1


def test_as_of_an_earlier_day_the_history_decides(cast):
    """The forecast moved four weeks ago: as of six weeks ago there was no knock-on, as of
    two weeks ago there was one, and a slip resolved since stays visible as of its time."""
    with valid_from(at(day(-90))):
        upstream = ProjectFactory(field_of_action=cast.field, title="Plattform")
        downstream = ProjectFactory(
            field_of_action=cast.field, title="Fachverfahren", planned_start=day(119)
        )
        Dependency.objects.create(source=downstream, target=upstream, kind="needs")
        milestone = MilestoneFactory(project=upstream, planned_date=day(100))
    with valid_from(at(day(-28))):
        milestone.forecast_date = day(140)
        milestone.save()
    assert programme_knock_ons(cast.programme, day(-42)) == []
    [then] = programme_knock_ons(cast.programme, day(-14))
    assert (then.downstream_title, then.delay_days) == ("Fachverfahren", 21)
    milestone.forecast_date = None
    milestone.save()
    assert programme_knock_ons(cast.programme, day(-14)) == [then]
    assert [
        k for k in programme_knock_ons(cast.programme, TODAY) if k.upstream_id == upstream.pk
    ] == []


def test_reporting_asks_through_its_signal(cast):
    _slip(cast)
    [found] = knock_ons(programme=cast.programme, as_of=TODAY)
    assert found.downstream_id == cast.other_project.pk
    assert found.raise_url == reverse("planning:knock_on_raise", args=[found.dependency_id])


# --- where it shows -------------------------------------------------------------------------

TEXT = "abhängig von „Kommunalportal“, verzögert um 21 Tage"


def test_both_project_cockpits_show_it(cast):
    _slip(cast)
    client = cast.client("pmo")
    waiting = client.get(reverse("reporting:project_cockpit", args=[cast.other_project.pk]))
    assert TEXT in waiting.content.decode()
    assert "Entscheidungsbedarf erfassen" in waiting.content.decode()
    slipping = client.get(reverse("reporting:project_cockpit", args=[cast.project.pk]))
    assert "„Beteiligungsportal“ ist davon abhängig und verzögert sich um 21 Tage" in (
        slipping.content.decode()
    )


def test_the_projektcheck_attention_list_and_the_programme_cockpit_show_it(cast):
    _slip(cast)
    client = cast.client("pmo")
    page = client.get(reverse("reporting:projektcheck", args=[cast.programme.slug]))
    assert TEXT in page.content.decode()
    [row] = [r for r in page.context["rows"] if r.project.pk == cast.other_project.pk]
    assert "knock_on" in [r.kind for r in row.reasons]
    cockpit = client.get(reverse("reporting:programme_cockpit", args=[cast.programme.slug]))
    assert TEXT in cockpit.content.decode()


def test_the_quartalskonferenz_shows_it(cast):
    _slip(cast)
    # The coming quarter: its knock-ons are today's.
    number = (TODAY.month - 1) // 3 + 2
    year = TODAY.year + (number > 4)
    quarter = QuarterFactory(programme=cast.programme, year=year, number=(number - 1) % 4 + 1)
    page = cast.client("pmo").get(
        reverse("okr:conference", args=[cast.programme.slug]) + f"?quartal={quarter.pk}"
    )
    assert TEXT in page.content.decode()


def test_a_decision_request_is_raised_from_a_knock_on(cast):
    _slip(cast)
    dependency = Dependency.objects.get()
    url = reverse("planning:knock_on_raise", args=[dependency.pk])
    client = cast.client("pmo")
    form = client.get(url)
    assert form.status_code == 200
    question = form.context["form"].initial["question"]
    assert "Kommunalportal" in question
    response = client.post(
        url,
        {
            "question": question,
            "options": "A\nB",
            "recommendation": "A",
            "needed_by": day(119).isoformat(),
            "addressed_to": "project_check",
        },
    )
    assert response.status_code == 302
    request = DecisionRequest.objects.get()
    assert request.project == cast.other_project
    assert request.raised_by == cast.users["pmo"]


def test_the_raise_form_marks_the_projects_tab_like_the_projects_own_request_form(cast):
    """QA: the form marked no tab. It raises a decision request of the waiting project and
    leads back to its cockpit: Projekte, like that project's own decision request form."""
    _slip(cast)
    client = cast.client("pmo")
    projects = reverse("portfolio:project_list", args=[cast.programme.slug])
    for url in (
        reverse("planning:knock_on_raise", args=[Dependency.objects.get().pk]),
        reverse("reporting:decision_request_create", args=[cast.other_project.pk]),
    ):
        assert marked_tab(client.get(url).content.decode()) == projects, url


def test_raising_needs_the_right_to_change_the_waiting_project(cast):
    _slip(cast)
    url = reverse("planning:knock_on_raise", args=[Dependency.objects.get().pk])
    assert cast.client("viewer").get(url).status_code == 403
    assert cast.client("outsider").get(url).status_code in (403, 404)


def test_raising_without_a_knock_on_says_so(cast):
    milestone = _slip(cast)
    Milestone.objects.filter(pk=milestone.pk).update(forecast_date=None)
    url = reverse("planning:knock_on_raise", args=[Dependency.objects.get().pk])
    assert cast.client("pmo").get(url).status_code == 404


@pytest.mark.parametrize(("role", "shown"), [("viewer", False), ("pmo", True)])
def test_the_raise_link_is_shown_only_to_those_who_may_raise(cast, role, shown):
    _slip(cast)
    client = cast.client(role)
    for name in ("planning:roadmap", "planning:dependency_map"):
        page = client.get(reverse(name, args=[cast.programme.slug])).content.decode()
        assert "Kommunalportal" in page
        assert ("Entscheidungsbedarf erfassen" in page) is shown, name
    cockpit = client.get(reverse("reporting:project_cockpit", args=[cast.other_project.pk]))
    assert ("Entscheidungsbedarf erfassen" in cockpit.content.decode()) is shown


def test_the_written_out_live_query_finds_what_the_orm_query_found(cast):
    """`_live_dependencies` against the ORM query it replaced: needs and blocks from, to and
    beside the programme, synergy left out, any, one, several and no projects asked for."""
    outside = ProjectFactory(programme=ProgrammeFactory())
    third = ProjectFactory(programme=cast.programme)
    for source, target, kind in (
        (cast.project, cast.other_project, "needs"),
        (cast.other_project, third, "blocks"),
        (cast.project, third, "synergy"),
        (outside, cast.project, "needs"),
        (third, outside, "blocks"),
        (outside, ProjectFactory(programme=outside.programme), "needs"),
    ):
        Dependency.objects.create(source=source, target=target, kind=kind)
    programme = cast.programme
    for ids in (None, {cast.project.pk}, {third.pk, outside.pk}, {outside.pk}, set()):
        scope = Q(source__programme=programme) | Q(target__programme=programme)
        if ids is not None:
            scope &= Q(source_id__in=ids) | Q(target_id__in=ids)
        orm = Dependency.objects.filter(scope, kind__in=["needs", "blocks"]).values_list(
            "id", "source_id", "target_id", "kind"
        )
        assert sorted(_live_dependencies(programme.pk, ids)) == sorted(orm), ids
    assert len(_live_dependencies(programme.pk, None)) == 4
