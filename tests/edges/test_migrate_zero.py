"""`manage.py migrate <app> zero` works with data for every app, and forward again.

The demo (Potsdam with its reports, boards, Gremien and finance; Konstanz with its ideas) is
loaded. Then every Lotse app is migrated to zero, the most dependent first (the reverse of
the layers in docs/architecture.md), so each app's reverse migrations run while the apps
below it still hold their data. The boards app, the one with data migrations, is also
migrated forward again over the data on its turn (every project and programme must get its
board back) and then to zero once more. At the end everything is migrated forward: no
migration is left unapplied and every table is back. Runs on SQLite and PostgreSQL alike (CI
runs both). Each `migrate` renders the whole migration state again (several seconds of CPU);
apps already unapplied by an earlier step are not migrated twice.
"""

from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings
from django.utils import timezone

from lotse.demo.ideas_demo import load_konstanz_demo
from lotse.demo.loader import load_potsdam
from tests.conftest import FAST_HASHERS
from tests.test_layers import ARCHITECTURE, layers, unit_of

pytestmark = pytest.mark.django_db(transaction=True)


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
    assert order[-2:] == ["portfolio", "accounts"]
    assert order.index("boards") < order.index("reporting") < order.index("finance")
    assert "reports" in order  # council_reports keeps its label


def unapplied() -> list[str]:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def label_is_applied(label: str) -> bool:
    return any(
        app == label for app, _name in MigrationExecutor(connection).loader.applied_migrations
    )


def lotse_tables() -> set[str]:
    return {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model.__module__.startswith("lotse.") and model._meta.managed
    }


def test_every_app_migrates_to_zero_with_data_and_back():
    from lotse.boards.models import Board
    from lotse.portfolio.models import Programme, Project

    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        load_potsdam(password="demo-pass-1")
        load_konstanz_demo(today=timezone.localdate())
    assert Project.objects.count() > 10
    assert Board.objects.count() >= Project.objects.count() + Programme.objects.count()

    for label in lotse_apps_most_dependent_first():
        if label_is_applied(label):
            call_command("migrate", label, "zero", verbosity=0)
        tables = set(connection.introspection.table_names())
        gone = {m._meta.db_table for m in apps.get_app_config(label).get_models()}
        assert not gone & tables, f"migrate {label} zero left tables: {sorted(gone & tables)}"
        if label == "boards":
            # Forward again over the portfolio's data: the data migrations give every project
            # and programme its board (with the default columns), then back to zero.
            call_command("migrate", "boards", verbosity=0)
            projects, programmes = Project.objects.count(), Programme.objects.count()
            assert Board.objects.filter(project__isnull=False).count() == projects
            assert Board.objects.filter(programme__isnull=False).count() == programmes
            call_command("migrate", "boards", "zero", verbosity=0)

    call_command("migrate", verbosity=0)
    assert unapplied() == []
    missing = lotse_tables() - set(connection.introspection.table_names())
    assert not missing, f"tables not back: {sorted(missing)}"
    assert Project.objects.count() == 0
