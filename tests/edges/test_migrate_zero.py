"""`manage.py migrate <app> zero` works with data for every app, and forward again.

The demo (Potsdam with its reports, boards, Gremien and finance; Konstanz with its ideas) is
loaded. The boards app, the one with data migrations, goes to zero and forward again over the
portfolio's data first (every project and programme must get its board back). Then every Lotse
app is migrated to zero, the lowest layer first: `migrate accounts zero` unapplies accounts and
everything that depends on it in one plan, each migration after all migrations that depend on
it, so every reverse migration runs while the tables it depends on still hold their data; apps
left applied by that are migrated to zero in turn. At the end everything is migrated forward: no
migration is left unapplied and every table is back.

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
from tests.test_layers import ARCHITECTURE, layers, unit_of

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


def test_every_app_migrates_to_zero_with_data_and_back():
    from lotse.boards.models import Board
    from lotse.portfolio.models import Programme, Project

    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        load_potsdam(password="demo-pass-1")
        load_konstanz_demo(today=timezone.localdate())
    assert Project.objects.count() > 10
    assert Board.objects.count() >= Project.objects.count() + Programme.objects.count()

    # Boards to zero and forward over the portfolio's data: the data migrations give every
    # project and programme its board (with the default columns).
    call_command("migrate", "boards", "zero", verbosity=0)
    tables = set(connection.introspection.table_names())
    assert not tables & app_tables("boards")
    call_command("migrate", "boards", verbosity=0)
    projects, programmes = Project.objects.count(), Programme.objects.count()
    assert Board.objects.filter(project__isnull=False).count() == projects
    assert Board.objects.filter(programme__isnull=False).count() == programmes

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

    call_command("migrate", verbosity=0)
    assert unapplied() == []
    missing = lotse_tables() - set(connection.introspection.table_names())
    assert not missing, f"tables not back: {sorted(missing)}"
    assert Project.objects.count() == 0
