"""The project list's written-out reads (lotse/portfolio/list_reads.py, and the programme
getter's read in selectors.py) give what the ORM gave: the filter form's former querysets for
the options, `filter_projects` for the count, the order and the rows, with every filter and
sort, on SQLite and PostgreSQL (run this module with DATABASE_URL=postgres://… too)."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from lotse.portfolio import list_reads
from lotse.portfolio import selectors
from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Stage
from tests.factories import FieldOfActionFactory
from tests.factories import OrgUnitFactory
from tests.factories import ProgrammeFactory
from tests.factories import ProjectFactory
from tests.factories import UserFactory

User = get_user_model()


@pytest.fixture
def listed(cast):
    """Projects with and without parent, org unit (one without a name), lead (display name,
    full name, username only), dates, short name; and a project of another programme."""
    second = FieldOfActionFactory(programme=cast.programme, name="Smart <City>", order=0)
    leads = [
        UserFactory(username="anzeige", display_name="Dr. <A> & B"),
        UserFactory(username="voll", first_name="Vera", last_name="Voll"),
        UserFactory(username="nur_name", first_name="", last_name=""),
        UserFactory(username="aaa", first_name="", last_name="Voll"),
    ]
    units = [OrgUnitFactory(code="FB 2"), OrgUnitFactory(code="A&<1>", name="")]
    for i in range(14):
        ProjectFactory(
            field_of_action=second if i % 3 else cast.field,
            title=f"{'Klima' if i % 4 == 0 else 'Projekt'} {i:02d} 100% <x>_",
            short_name="KLIMA" if i == 5 else "",
            stage=list(Stage)[i % len(Stage)],
            kind="quick_win" if i % 2 else "strategy",
            parent=cast.project if i % 5 == 1 else None,
            org_unit=units[i % 3] if i % 3 < 2 else None,
            lead=leads[i % 5] if i % 5 < 4 else None,
            planned_start=datetime.date(2026, 1 + i % 6, 1) if i % 4 else None,
            planned_end=datetime.date(2027, 12 - i % 5, 1) if i % 3 else None,
        )
    ProjectFactory(title="Klima woanders", lead=leads[0], org_unit=OrgUnitFactory(code="X"))
    return cast


def _orm(user, programme, filters):
    projects = selectors.projects_visible_to(user).filter(programme=programme)
    return selectors.filter_projects(projects, filters)


def _as_row(p):
    return list_reads.ListRow(
        p.pk,
        p.title,
        p.stage,
        p.kind,
        p.planned_start,
        p.planned_end,
        p.parent.title if p.parent else None,
        p.field_of_action.name,
        p.org_unit.code if p.org_unit else None,
        str(p.lead) if p.lead else None,
    )


FILTERS = [
    {},
    {"stage": Stage.RUNNING.value},
    {"kind": "quick_win", "stage": ""},
    {"q": "klima"},
    {"q": " 100% "},
    {"q": "_"},
    {"q": "nicht da"},
    {"org_unit": None, "lead": None, "field": None, "q": ""},
]


@pytest.mark.parametrize("sort", [*selectors.PROJECT_SORTS, None, "bogus"])
@pytest.mark.parametrize("filters", FILTERS)
def test_rows_and_count_are_the_orms(listed, sort, filters):
    user = listed.users["viewer"]
    filters = {**filters, "sort": sort}
    rows = list_reads.ProjectListRows(user, listed.programme, filters)
    orm = _orm(user, listed.programme, filters)
    assert len(rows) == orm.count()
    assert rows[0:100] == [_as_row(p) for p in orm]
    assert rows[3:7] == [_as_row(p) for p in orm[3:7]]


def test_filters_by_ids_are_the_orms(listed):
    user = listed.users["pmo"]
    projects = list(listed.programme.projects.all())
    for key, attname in selectors.PROJECT_FILTERS.items():
        for value in {getattr(p, attname) for p in projects} - {None}:
            filters = {key: value, "sort": "-title"}
            rows = list_reads.ProjectListRows(user, listed.programme, filters)
            assert rows[0:100] == [_as_row(p) for p in _orm(user, listed.programme, filters)]


def test_superuser_and_user_without_programme(listed):
    superuser = UserFactory(is_superuser=True)
    rows = list_reads.ProjectListRows(superuser, listed.programme, {})
    assert rows[0:100] == [_as_row(p) for p in _orm(superuser, listed.programme, {})]
    assert len(rows) == 16
    assert list(rows) == rows[0:16] and rows[2] == rows[2:3][0]
    stranger = UserFactory()
    rows = list_reads.ProjectListRows(stranger, listed.programme, {})
    assert (len(rows), rows[0:100]) == (0, [])
    assert not _orm(stranger, listed.programme, {}).exists()


def test_filter_options_are_the_former_querysets(listed):
    programme = listed.programme
    fields = FieldOfAction.objects.filter(programme=programme)
    units = OrgUnit.objects.filter(projects__programme=programme).distinct()
    leads = (
        User.objects.filter(led_projects__programme=programme)
        .distinct()
        .order_by("last_name", "username")
    )
    FieldOfActionFactory(programme=ProgrammeFactory(), name="Anderswo")
    options = list_reads.filter_options(programme)
    assert options.fields == [(f.pk, str(f)) for f in fields]
    assert options.org_units == [(u.pk, str(u)) for u in units]
    assert options.leads == [(u.pk, str(u)) for u in leads]
    assert len(options.leads) == 5  # four leads of the list and the cast's project lead


def _values(programme):
    return {f.attname: getattr(programme, f.attname) for f in programme._meta.concrete_fields}


def test_programme_with_parent_is_the_orms(cast, django_assert_num_queries):
    """The written-out `select_related("parent").get(slug=…)` every programme page starts with."""
    parent = cast.programme
    parent.start_date, parent.end_date = datetime.date(2026, 1, 1), datetime.date(2030, 12, 31)
    parent.holiday_region, parent.meeting_blackout = "BB", "24.12.–01.01."
    parent.save()
    child = ProgrammeFactory(parent=parent, slug="kind", short_name="K")
    for programme in (parent, child):
        orm = Programme.objects.select_related("parent").get(slug=programme.slug)
        with django_assert_num_queries(1):
            mine = selectors.programme_with_parent(programme.slug)
            mine_parent = mine.parent
        assert _values(mine) == _values(orm)
        assert (mine_parent and _values(mine_parent)) == (orm.parent and _values(orm.parent))
        assert not mine._state.adding and mine._state.db == orm._state.db
    assert selectors.programme_with_parent("gibt-es-nicht") is None
