"""The standard cast: one programme, one project, and a person for every role.

The cast is built once per test module, inside a transaction that stays open for the whole
module and is rolled back at its end (what Django's `setUpTestData` does per class). Each test
runs in a savepoint inside it and gets freshly loaded objects, so a test may change the cast
(in the database or in memory) without the next test seeing it. Modules with transactional
tests (they commit, so no transaction may stay open around them) build the cast per test.
"""

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import replace

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db import transaction
from django.test import Client
from django.test import override_settings
from django.utils import translation

from lotse.accounts.models import ProgrammeRole
from lotse.accounts.models import ProjectRole
from lotse.demo.loader import DEFAULT_PASSWORD
from lotse.demo.loader import LoadResult
from lotse.demo.loader import load_potsdam
from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.portfolio.models import StrategicGoal

from . import dbtemplate
from .factories import FieldOfActionFactory
from .factories import OrgUnitFactory
from .factories import ProgrammeFactory
from .factories import ProgrammeRoleFactory
from .factories import ProjectFactory
from .factories import ProjectRoleFactory
from .factories import StrategicGoalFactory
from .factories import UserFactory
from .roles import ROLES

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Modules (by name) with at least one test that commits; filled at collection.
TRANSACTIONAL_MODULES: set[str] = set()


@dataclass
class Cast:
    programme: Programme
    field: FieldOfAction
    project: Project
    other_project: Project
    goal: StrategicGoal
    org_unit: OrgUnit
    users: dict

    def client(self, role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(self.users[role])
        return client

    def reloaded(self) -> "Cast":
        """The same cast, every object read afresh from the database."""
        users = get_user_model().objects.in_bulk([u.pk for u in self.users.values()])
        projects = Project.objects.in_bulk([self.project.pk, self.other_project.pk])
        return Cast(
            programme=Programme.objects.get(pk=self.programme.pk),
            field=FieldOfAction.objects.get(pk=self.field.pk),
            project=projects[self.project.pk],
            other_project=projects[self.other_project.pk],
            goal=StrategicGoal.objects.get(pk=self.goal.pk),
            org_unit=OrgUnit.objects.get(pk=self.org_unit.pk),
            users={role: users[user.pk] for role, user in self.users.items()},
        )


def build_cast() -> Cast:
    org_unit = OrgUnitFactory(code="GB 9", name="Geschäftsbereich Oberbürgermeister")
    goal = StrategicGoalFactory(name="Digitales Potsdam")
    programme = ProgrammeFactory(name="Potsdam smart", slug="potsdam")
    programme.strategic_goals.add(goal)
    field = FieldOfActionFactory(programme=programme, name="Digitaler Bürgerservice")
    users = {role: UserFactory(username=role) for role in ROLES if role != "anonymous"}
    project = ProjectFactory(
        field_of_action=field, title="Kommunalportal", lead=users["project_lead"]
    )
    other_project = ProjectFactory(field_of_action=field, title="Beteiligungsportal")
    for role in ("sponsor", "programme_manager", "pmo", "viewer"):
        ProgrammeRoleFactory(user=users[role], programme=programme, role=role)
    ProgrammeRoleFactory(
        user=users["change_manager"],
        programme=programme,
        role=ProgrammeRole.Role.CHANGE_MANAGER,
        org_unit=org_unit,
    )
    ProjectRoleFactory(user=users["member"], project=project, role=ProjectRole.Role.MEMBER)
    return Cast(programme, field, project, other_project, goal, org_unit, users)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix) -> None:
    """Test databases come migrated from a cached template (tests/dbtemplate.py)."""
    from django.db import connections

    for alias in connections:
        dbtemplate.install(connections[alias])


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        marker = item.get_closest_marker("django_db")
        fixtures = getattr(item, "fixturenames", ())
        if (
            "transactional_db" in fixtures
            or "live_server" in fixtures
            or (marker is not None and marker.kwargs.get("transaction"))
        ):
            TRANSACTIONAL_MODULES.add(item.module.__name__)
    if hasattr(config, "workerinput"):  # a pytest-xdist worker
        _longest_files_first(items)


def _longest_files_first(items: list[pytest.Item]) -> None:
    """Files with a test marked `slow` first, then the others by their number of tests, most
    first; within a file the order stays. With `--dist loadfile --no-loadscope-reorder` the
    workers take whole files in this order: a file of minutes starts at once instead of last,
    when the other worker would have nothing left to do (docs/testing.md)."""
    files: dict[str, list[pytest.Item]] = {}
    for item in items:
        files.setdefault(item.nodeid.split("::")[0], []).append(item)

    def weight(tests: list[pytest.Item]) -> tuple[bool, int]:
        return (not any(t.get_closest_marker("slow") for t in tests), -len(tests))

    items[:] = [item for tests in sorted(files.values(), key=weight) for item in tests]


def _shares_module_data(request: pytest.FixtureRequest) -> bool:
    return request.module.__name__ not in TRANSACTIONAL_MODULES


@contextmanager
def module_transaction(django_db_blocker) -> Iterator[None]:
    """A transaction around a whole module, rolled back at its end (see the module docstring).

    Data built inside it stays for every test of the module; each test's own changes are undone
    at the end of that test, because pytest-django runs each test in a savepoint inside it.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def module_cast(request, django_db_setup, django_db_blocker) -> Iterator[Cast | None]:
    """The cast of this module (None in modules that build it per test)."""
    if not _shares_module_data(request):
        yield None
        return
    with module_transaction(django_db_blocker):
        with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
            built = build_cast()
        yield built


@pytest.fixture
def cast(module_cast, db) -> Cast:
    if module_cast is None:
        return build_cast()
    return module_cast.reloaded()


def build_once(module_cast: Cast | None, django_db_blocker, build):
    """For a module-scoped fixture: `build(cast)` once, inside the module's transaction next to
    the module's cast; None in modules that build per test (see the module docstring)."""
    if module_cast is None:
        return None
    with django_db_blocker.unblock():
        return build(module_cast)


def afresh(module_value, cast: Cast, build):
    """What a test gets of a module-scoped fixture built by `build_once`: its objects read afresh
    from the database, so a test may change them without the next test seeing it."""
    return build(cast) if module_value is None else reloaded(module_value)


def world_fixtures(build):
    """The fixtures `world` (built by `build(cast)` for each test), `module_world` (built once
    for the module, see `build_once`) and `shared_world` (that one read afresh for each test),
    for a conftest. `shared_world` suits modules where every test uses the world: its rows stay
    for all later tests of the module."""

    @pytest.fixture(name="world")
    def world(cast):
        return build(cast)

    @pytest.fixture(scope="module", name="module_world")
    def module_world(module_cast, django_db_blocker):
        return build_once(module_cast, django_db_blocker, build)

    @pytest.fixture(name="shared_world")
    def shared_world(module_world, cast):
        return afresh(module_world, cast, build)

    return world, module_world, shared_world


def reloaded(value):
    """`value` read afresh: a model instance from the database, a list or dataclass of them item
    by item, anything else as it is."""
    if isinstance(value, models.Model):
        return type(value)._default_manager.get(pk=value.pk)
    if isinstance(value, list):
        return [reloaded(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: reloaded(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **fields)
    return value


@pytest.fixture(scope="module")
def module_demo(django_db_setup, django_db_blocker) -> Iterator[LoadResult]:
    """The Potsdam demo, loaded once for the module (for tests that only read it)."""
    with module_transaction(django_db_blocker):
        with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
            result = load_potsdam(password=DEFAULT_PASSWORD)
        yield result


@pytest.fixture
def demo_loaded(module_demo, db) -> LoadResult:
    """The module's demo load: what it created, and its programme read afresh."""
    return replace(module_demo, programme=Programme.objects.get(pk=module_demo.programme.pk))


@pytest.fixture(scope="session")
def browser():
    """Chromium for every real-browser test of this worker (tests/browser, tests/sso).

    One per session and shared: Playwright's sync API runs an event loop in this thread and
    refuses a second `sync_playwright()` while that loop is running, which a session-scoped
    browser keeps doing until the worker ends.
    """
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM
    from tests.browser.conftest import CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def api_client():
    return Client()


@pytest.fixture(autouse=True)
def _german_by_default():
    # A request in English (the test client runs it in this thread) leaves English active for
    # the thread; code called directly in a later test on the same worker would then speak
    # English. Every test starts in the default language.
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(scope="session", autouse=True)
def _media_in_a_temporary_directory(tmp_path_factory):
    # Files of background jobs (lotse.jobs) go to a directory of the test run, not media/.
    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))):
        yield


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashing costs ~0.2 s per user; the cast alone has eight.
    settings.PASSWORD_HASHERS = FAST_HASHERS


# How many PDFs Typst has written in this process; see `pytest_runtest_call`.
PDF_RENDERS = [0]


def pytest_configure(config: pytest.Config) -> None:
    import typst

    from lotse.documents import typeset

    compile_typst = typst.compile

    def counting_compile(*args, **kwargs):
        PDF_RENDERS[0] += 1
        return compile_typst(*args, **kwargs)

    typst.compile = counting_compile

    # Documents are set in a forked child: count them here, in the test's process.
    compile_document = typeset._compile

    def counting_document(*args, **kwargs):
        PDF_RENDERS[0] += 1
        return compile_document(*args, **kwargs)

    typeset._compile = counting_document


def _require_pdf_marker(item: pytest.Item, before: int) -> None:
    marked = item.get_closest_marker("pdf") or item.get_closest_marker("browser")
    if PDF_RENDERS[0] > before and marked is None:
        pytest.fail(
            "This test renders a PDF: mark it @pytest.mark.pdf (CI's PostgreSQL pass leaves "
            "PDF tests out, see docs/testing.md).",
            pytrace=False,
        )


def _pdf_marker_checked(item: pytest.Item):
    """Wraps a test phase (setup or call): a PDF it rendered needs the marker."""
    before = PDF_RENDERS[0]
    result = yield
    _require_pdf_marker(item, before)
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item):
    return (yield from _pdf_marker_checked(item))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    return (yield from _pdf_marker_checked(item))
