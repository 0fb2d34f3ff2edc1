"""`manage.py migrate <app> zero` works with data for every app, and forward again.

The demo (Potsdam with its reports, boards, Gremien and finance; Konstanz with its ideas) is
loaded. Every Lotse app is migrated to zero, the lowest layer first: `migrate accounts zero`
unapplies accounts and everything that depends on it in one plan, each migration after all
migrations that depend on it, so every reverse migration runs while the tables it depends on
still hold their data; apps left applied by that are migrated to zero in turn. At the end
everything is migrated forward: no migration is left unapplied and every table is back. On the
way forward a programme with two projects is written just before the boards' data migrations,
which must give each its board.

This used to take the boards to zero and forward over the demo first: `migrate boards zero` also
unapplies governance and planning (they depend on the boards' data migrations) and, before it
unapplies anything, renders the state after every applied migration of the project in turn
(57 s of CPU, about half of the test's); the plan from accounts now does that work once.

Each `migrate` command renders the whole migration state again (several seconds of CPU), so the
test uses as few commands as prove this: one plan for nearly everything instead of one command
per app. CI runs it in the SQLite pass only (marker `migrate_zero`, see docs/testing.md): the
PostgreSQL pass's test databases and backup targets come from a template that was built by
running every migration on PostgreSQL (tests/dbtemplate.py).
"""

from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.test import override_settings
from django.utils import timezone

from lotse.demo.ideas_demo import load_konstanz_demo
from lotse.demo.loader import load_potsdam
from tests.conftest import FAST_HASHERS
from tests.test_layers import ARCHITECTURE
from tests.test_layers import layers
from tests.test_layers import unit_of

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.migrate_zero,
    pytest.mark.slow,
]


def lotse_apps_most_dependent_first() -> list[str]:
    """App labels of the Lotse apps with migrations, highest layer first."""
    units = layers(Path(ARCHITECTURE).read_text(encoding="utf-8"))
    migrated = MigrationExecutor(connection).loader.migrated_apps
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("lotse.") or config.label not in migrated:
            continue
        unit = unit_of(config.name, units)
        assert unit is not None, f"{config.name} is in no layer of docs/architecture.md"
        found.append((units[unit], config.label))
    return [label for _layer, label in sorted(found, reverse=True)]


def test_the_order_is_the_reverse_of_the_layers():
    order = lotse_apps_most_dependent_first()
    assert order[-1] == "accounts"
    assert set(order[-3:-1]) == {"portfolio", "jobs"}  # layer 2, side by side
    assert order.index("boards") < order.index("reporting") < order.index("finance")
    assert "reports" in order  # council_reports keeps its label


def unapplied() -> list[str]:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def label_is_applied(label: str) -> bool:
    return any(app == label for app, _name in MigrationRecorder(connection).applied_migrations())


def lotse_tables() -> set[str]:
    return {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model.__module__.startswith("lotse.") and model._meta.managed
    }


def app_tables(label: str) -> set[str]:
    return {m._meta.db_table for m in apps.get_app_config(label).get_models()}


# The boards' last migration before their data migrations (every project and programme gets
# a board with the default columns).
BOARDS_BEFORE_DATA = ("boards", "0002_initial")


def portfolio_without_boards(state) -> None:
    """A programme with two projects, written with the historical models of `state`."""
    historical = state.apps
    programme = historical.get_model("portfolio", "Programme").objects.create(
        name="Alt", slug="alt"
    )
    field = historical.get_model("portfolio", "FieldOfAction").objects.create(
        programme=programme, name="Feld"
    )
    for title in ("Alt 1", "Alt 2"):
        historical.get_model("portfolio", "Project").objects.create(
            programme=programme, field_of_action=field, title=title
        )


def test_every_app_migrates_to_zero_with_data_and_back():
    from lotse.boards.models import Board
    from lotse.boards.models import Column
    from lotse.portfolio.models import Programme
    from lotse.portfolio.models import Project

    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        load_potsdam(password="demo-pass-1")
        load_konstanz_demo(today=timezone.localdate())
    assert Project.objects.count() > 10
    assert Board.objects.count() >= Project.objects.count() + Programme.objects.count()

    zeroed = []
    for label in reversed(lotse_apps_most_dependent_first()):
        if label_is_applied(label):
            call_command("migrate", label, "zero", verbosity=0)
            zeroed.append(label)
    assert zeroed[0] == "accounts"
    assert not any(label_is_applied(label) for label in lotse_apps_most_dependent_first())
    tables = set(connection.introspection.table_names())
    left = {t for label in lotse_apps_most_dependent_first() for t in app_tables(label) & tables}
    assert not left, f"migrate … zero left tables: {sorted(left)}"

    # Forward in two steps, so that the boards' data migrations run over existing projects and
    # programmes (back, over the demo, they ran in the plan above): up to the boards' last
    # migration before them, then a programme with two projects, then everything.
    call_command("migrate", *BOARDS_BEFORE_DATA, verbosity=0)
    portfolio_without_boards(MigrationExecutor(connection).loader.project_state(BOARDS_BEFORE_DATA))
    call_command("migrate", verbosity=0)
    assert unapplied() == []
    missing = lotse_tables() - set(connection.introspection.table_names())
    assert not missing, f"tables not back: {sorted(missing)}"
    assert (Project.objects.count(), Programme.objects.count()) == (2, 1)
    boards = Board.objects.filter(project__isnull=False)
    assert sorted(boards.values_list("project__title", flat=True)) == ["Alt 1", "Alt 2"]
    assert Board.objects.filter(programme__isnull=False).count() == 1
    assert Column.objects.filter(board__in=boards).count() == 2 * 3  # the default columns
