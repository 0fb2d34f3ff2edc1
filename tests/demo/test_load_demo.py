"""The Potsdam demo programme: `load_potsdam()` and `manage.py load_demo`."""

from collections import Counter
from datetime import date

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.contrib.auth import get_user_model

from lotse.accounts.models import ProgrammeRole
from lotse.accounts.models import ProjectRole
from lotse.accounts.roles import load_roles
from lotse.demo import potsdam_data as data
from lotse.demo.loader import DEFAULT_PASSWORD
from lotse.demo.loader import load_potsdam
from lotse.portfolio.models import Dependency
from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import GoalContribution
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.portfolio.models import StrategicGoal

from . import POTSDAM_FIELDS_OF_ACTION

pytestmark = pytest.mark.django_db

USERNAMES = [
    "auftraggeber",
    "programmleitung",
    "pmo",
    "bcm",
    "projektleitung",
    "projektteam",
    "lesend",
    "admin",
]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The loader hashes eight passwords per run; the real hasher would make this suite slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def loaded(demo_loaded):
    return demo_loaded


def _row_counts() -> dict[str, int]:
    """Rows of every model, history tables included (their names start with Historical)."""
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def _history_counts() -> dict[str, int]:
    return {
        label: count
        for label, count in _row_counts().items()
        if label.split(".")[1].startswith("Historical")
    }


def test_six_fields_with_their_complete_target_states(loaded):
    programme = Programme.objects.get(slug="potsdam")
    fields = list(programme.fields_of_action.order_by("order"))
    assert [f.name for f in fields] == POTSDAM_FIELDS_OF_ACTION
    expected = {item["name"]: item for item in data.FIELDS_OF_ACTION}
    for field in fields:
        assert field.target_state == expected[field.name]["target_state"]
        assert field.summary == expected[field.name]["summary"]
        assert str(field.target_date) == "2025-12-31"
    # Sentences copied from the seed (Programmauftrag 3.3), not from the data module.
    by_name = {f.name: f for f in fields}
    assert (
        "Besondere Freude machen die einfache und nutzerfreundliche Bedienbarkeit sowie die "
        "vollständig digitale Abwicklung, sodass nur in Ausnahmefällen ein Gang zum Amt "
        "notwendig ist."
    ) in by_name["Digitaler Bürgerservice"].target_state
    assert (
        "Mit dem verwaltungsweit genutzten digitalen Aktenplan und damit verbundenen "
        "Dokumentenmanagementstandards werden elektronisches Arbeiten in Standardprozessen, "
        "ordnungsgemäßes Verwaltungshandeln und revisionssichere Aktenführung unterstützt."
    ) in by_name["Digitale Arbeitsweise & Werkzeuge"].target_state
    assert {f.name: f.impact for f in fields}["Smart City"] == "outward"
    assert {f.name: f.impact for f in fields}["Organisation & Prozesse"] == "inward"


def test_programme_and_strategic_goals(loaded):
    programme = Programme.objects.get(slug="potsdam")
    assert programme.name == "Potsdam smart gestalten und verwalten"
    assert str(programme.start_date) == "2024-01-01"
    # The seed's end, as recorded on the programme's start (later extended, see
    # test_demo_in_time.py).
    assert str(Programme.history.filter(id=programme.pk).earliest().end_date) == "2025-12-31"
    goals = {g.name: g for g in programme.strategic_goals.all()}
    assert len(goals) == 7
    assert goals["Digitales Potsdam"].description.startswith(
        "Die Landeshauptstadt Potsdam gestaltet den digitalen Wandel in Potsdam mit"
    )
    for name in [
        "(Digitale) Teilhabe und Kompetenzbildung",
        "Klimaschutz und Klimaanpassung",
        "Smarte und soziale Stadtentwicklungsplanung",
        "Integrierte Verkehrswende",
        "Regionale Kooperation",
        "Infrastrukturelle und technische Grundlagen",
    ]:
        assert goals[name].source == (
            "Smart City-Strategie Potsdam (Strategieentwurf, Oktober 2023)"
        )


def test_every_project_of_table_3_3_in_its_field(loaded):
    programme = Programme.objects.get(slug="potsdam")
    top = Project.objects.filter(programme=programme, parent__isnull=True)
    assert top.count() == 24
    keys = {item["key"]: item["name"] for item in data.FIELDS_OF_ACTION}
    expected = Counter(keys[item["field"]] for item in data.PROJECTS)
    actual = Counter(top.values_list("field_of_action__name", flat=True))
    assert actual == expected
    assert actual["Smart City"] == 7
    assert actual["Digitaler Bürgerservice"] == 2
    titles = dict(Project.objects.values_list("title", "field_of_action__name"))
    assert titles["Kommunalportal"] == "Digitaler Bürgerservice"
    assert titles["Prozessautomatisierung/KI"] == "Organisation & Prozesse"
    assert titles["Urbane Netzwerke, Infrastruktur und Datenplattform"] == "Smart City"
    assert titles["Datenstrategie"] == "Strategische Grundlagen & Steuerung"


def test_project_goals_stages_dates_and_publication(loaded):
    portal = Project.objects.get(title="Kommunalportal")
    # Programmauftrag 4.3, verbatim.
    assert portal.goal_list == [
        "Elektronische Bereitstellung aller Bürgerdienstleistungen (OZG-Verwaltungsleistungen) "
        "der LHP über ein mit dem Land Brandenburg vernetztes Portal mit dem OZG-Reifegrad 3",
        "Möglichst medienbruchfreie digitale Weiterbearbeitung der Anträge",
    ]
    assert len(Project.objects.get(title="Beteiligungsportal").goal_list) == 8
    for project in Project.objects.filter(programme__slug="potsdam"):
        # The seed's dates, as recorded on the programme's start; a later (example)
        # Strategie-BK decision may have extended the planned end.
        first = Project.history.filter(id=project.pk).earliest()
        assert str(first.planned_start) == "2024-01-01"
        assert str(first.planned_end) == "2025-12-31"
        assert project.planned_end >= date(2025, 12, 31)
        assert project.published == (project.stage in {"running", "partly_running"})
        assert project.goals
    assert Project.objects.filter(published=True).exists()
    assert Project.objects.filter(published=False).exists()
    assert Project.objects.get(title="Organisationsuntersuchung FB 39").org_unit.code == "FB 39"


def test_org_units_form_a_tree(loaded):
    codes = set(OrgUnit.objects.values_list("code", flat=True))
    assert {"GB 9", "FB 99", "FB 23", "FB 39", "FB 53", "FB 54", "501"} <= codes
    assert OrgUnit.objects.get(code="FB 99").parent.code == "GB 9"
    assert OrgUnit.objects.get(code="FB 54").name == "Fachbereich E-Government"
    assert OrgUnit.objects.get(code="501").parent.code == "GB 5"
    assert OrgUnit.objects.get(code="GB 9").parent is None


def test_goal_contributions(loaded):
    digital = StrategicGoal.objects.get(name="Digitales Potsdam")
    assert (
        GoalContribution.objects.filter(strategic_goal=digital, level="contributes").count() == 24
    )
    klima = GoalContribution.objects.get(
        project__title="Klimaschutz und Klimaanpassung",
        strategic_goal__name="Klimaschutz und Klimaanpassung",
    )
    assert klima.level == "contributes"
    assert "Beispieldaten" in klima.note
    assert GoalContribution.objects.filter(
        project__title="Smart Region", strategic_goal__name="Regionale Kooperation"
    ).exists()
    unclear = GoalContribution.objects.filter(level="unclear")
    assert unclear.exists()
    assert all(c.project.field_of_action.name == "Smart City" for c in unclear)
    # Smart City Zielbilder only get contributions from Smart City projects.
    assert not (
        GoalContribution.objects.exclude(strategic_goal=digital)
        .exclude(project__field_of_action__name="Smart City")
        .exists()
    )


def test_dependencies_are_marked_as_example_data(loaded):
    assert Dependency.objects.count() >= 3
    assert Dependency.objects.filter(
        source__title="Beteiligungsportal", target__title="Relaunch potsdam.de", kind="needs"
    ).exists()
    assert Dependency.objects.filter(
        source__title="Kommunalportal", target__title="OZG/Bürgerservice Task Force", kind="synergy"
    ).exists()
    assert all(
        note.startswith("Beispieldaten")
        for note in Dependency.objects.values_list("note", flat=True)
    )


def test_demo_users_per_role_with_working_password(loaded):
    user_model = get_user_model()
    programme = Programme.objects.get(slug="potsdam")
    for username in USERNAMES:
        user = user_model.objects.get(username=username)
        assert authenticate(username=username, password="lotse-demo") == user
        assert user.email == f"{username}@example.org"
        assert user.display_name
    assert {login.username for login in loaded.logins} == set(USERNAMES)

    def programme_roles(username):
        return load_roles(user_model.objects.get(username=username)).in_programme(programme.pk)

    assert programme_roles("auftraggeber") == {"sponsor"}
    assert programme_roles("programmleitung") == {"programme_manager"}
    assert programme_roles("pmo") == {"pmo"}
    assert programme_roles("lesend") == {"viewer"}
    bcm = ProgrammeRole.objects.get(user__username="bcm", programme__slug="potsdam")
    assert (bcm.role, bcm.org_unit.code) == ("change_manager", "GB 9")

    portal = Project.objects.get(title="Kommunalportal")
    lead = user_model.objects.get(username="projektleitung")
    assert set(lead.led_projects.values_list("title", flat=True)) == {
        "Kommunalportal",
        "Beteiligungsportal",
    }
    assert load_roles(lead).in_project(portal.pk) == {"project_lead"}
    assert not ProjectRole.objects.filter(user=lead).exists()
    team = user_model.objects.get(username="projektteam")
    assert load_roles(team).in_project(portal.pk) == {"member"}
    admin = user_model.objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser
    assert not user_model.objects.filter(is_superuser=True).exclude(username="admin").exists()

    # The BCM of GB 9 is the change manager of the projects in GB 9 and its units (FB 99,
    # 9012 with the Smart City projects), and of no other.
    cm_projects = Project.objects.filter(programme__slug="potsdam", change_manager__username="bcm")
    in_gb9 = Project.objects.filter(
        programme__slug="potsdam", org_unit__code__in=["GB 9", "FB 99", "9012"]
    )
    assert set(cm_projects) == set(in_gb9)
    assert {"Relaunch potsdam.de", "Beteiligungsportal", "Social Intranet"} <= set(
        cm_projects.values_list("title", flat=True)
    )
    assert not cm_projects.filter(title="Kommunalportal").exists()


def test_first_run_is_recorded_in_history(loaded):
    potsdam = Programme.objects.get(slug="potsdam")
    assert (
        Project.history.filter(history_type="+", programme_id=potsdam.pk).count()
        == Project.objects.filter(programme=potsdam).count()
    )
    assert FieldOfAction.history.filter(programme_id=potsdam.pk).count() == 6
    assert GoalContribution.history.count() == GoalContribution.objects.count()


def test_second_run_changes_nothing(loaded):
    rows, history = _row_counts(), _history_counts()
    assert Project.history.filter(history_type="+").count() == Project.objects.count()
    user_model = get_user_model()
    passwords = dict(user_model.objects.values_list("username", "password"))
    again = load_potsdam(password=DEFAULT_PASSWORD)
    assert not again.changed
    assert sum(again.created.values()) == sum(again.updated.values()) == 0
    assert _row_counts() == rows
    assert _history_counts() == history
    assert dict(user_model.objects.values_list("username", "password")) == passwords


def test_rerun_keeps_edits_but_restores_demo_passwords(loaded):
    portal = Project.objects.get(title="Kommunalportal")
    portal.stage = "paused"
    portal.save()
    before = Project.history.filter(id=portal.pk).count()
    user = get_user_model().objects.get(username="pmo")
    user.set_password("anders-123")
    user.save()
    load_potsdam(password=DEFAULT_PASSWORD)
    portal.refresh_from_db()
    assert portal.stage == "paused"
    assert Project.history.filter(id=portal.pk).count() == before
    assert authenticate(username="pmo", password="lotse-demo") is not None
