"""Backup → restore and SQLite → PostgreSQL transfer are identical round trips: every row of
every table (ids, microseconds, decimals, JSON, binary documents) and the report archive's
checksums; a damaged backup or a non-empty target is refused without a change."""

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.contrib.admin.models import ADDITION
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS
from django.db import connections

from lotse.backup.services import NATURAL_KEY_MODELS
from lotse.backup.services import BackupError
from lotse.backup.services import backed_up_models
from lotse.backup.services import backup_create
from lotse.backup.services import backup_restore
from lotse.backup.services import database_register
from lotse.council_reports import services as reports
from lotse.council_reports.models import ArchivedReport
from lotse.portfolio.models import Project
from lotse.portfolio.models import StrategicGoal

from ..council_reports.conftest import pdf_request  # noqa: F401 (fixture)
from ..council_reports.conftest import world  # noqa: F401 (fixture)
from ..council_reports.factories import ArchivedReportFactory

ALL_BYTES = bytes(range(256)) * 4


@pytest.fixture
def installation(world):  # noqa: F811
    """The report world plus what a backup could lose: binary documents, permissions by
    natural key, content-type references, a datetime with microseconds."""
    cast = world.cast
    reports.report_generate(
        programme=cast.programme,
        kind="committee",
        as_of=world.as_of,
        fmt="xlsx",
        user=cast.users["pmo"],
        request=pdf_request(),
    )
    ArchivedReportFactory(
        programme=cast.programme,
        title="Alle Bytewerte",
        as_of_moment="2025-01-31T22:59:59.999999+00:00",
        parameters={"z": [1, 2.5, None], "a": {"ß": "ü"}},
        content=ALL_BYTES,
        created_by=cast.users["pmo"],
    )
    group = Group.objects.create(name="Programmbüro")
    group.permissions.add(Permission.objects.get(codename="change_project"))
    cast.users["pmo"].groups.add(group)
    cast.users["pmo"].user_permissions.add(Permission.objects.get(codename="view_project"))
    LogEntry.objects.log_actions(
        user_id=cast.users["pmo"].pk,
        queryset=[cast.project],
        action_flag=ADDITION,
        change_message="angelegt",
        single_object=True,
    )
    return world


def table_contents(using: str) -> dict[str, list[tuple]]:
    """Every row of every table as Python values; content types and permissions (whose ids
    `migrate` chooses) by natural key, also where other rows refer to them."""
    types = {ct.pk: (ct.app_label, ct.model) for ct in ContentType.objects.using(using)}
    perms = {p.pk: (p.codename, types[p.content_type_id]) for p in Permission.objects.using(using)}
    contents = {}
    for model in backed_up_models():
        fields = model._meta.local_concrete_fields
        natural = model in NATURAL_KEY_MODELS
        rows = []
        queryset = model._base_manager.using(using).order_by("pk")
        for values in queryset.values_list(*[f.attname for f in fields]):
            row = []
            for field, value in zip(fields, values, strict=True):
                target = field.remote_field.model if field.remote_field else None
                if natural and field.primary_key:
                    continue
                if target is ContentType and value is not None:
                    value = types[value]
                elif target is Permission and value is not None:
                    value = perms[value]
                elif isinstance(value, memoryview):
                    value = bytes(value)
                row.append(value)
            rows.append(tuple(row))
        contents[model._meta.label_lower] = sorted(rows) if natural else rows
    return contents


def _tampered(path: Path, tmp_path: Path) -> Path:
    """The backup with one byte of the report archive changed (manifest untouched)."""
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "data/reports.archivedreport.jsonl":
                data = data.replace(b'"Alle Bytewerte"', b'"Alle Bytewerte!"')
            target.writestr(item, data)
    return damaged


def _assert_round_trip(source: str, target: str) -> None:
    expected = table_contents(source)
    restored = table_contents(target)
    assert {label: len(rows) for label, rows in restored.items()} == {
        label: len(rows) for label, rows in expected.items()
    }
    assert restored == expected
    archive = ArchivedReport.objects.using(target).order_by("pk")
    assert [a.sha256 for a in archive] == [
        a.sha256 for a in ArchivedReport.objects.using(source).order_by("pk")
    ]
    assert len(archive) == 2 and all(a.checksum_ok() for a in archive)
    assert bytes(archive.get(title="Alle Bytewerte").content) == ALL_BYTES
    assert hashlib.sha256(bytes(archive[0].content)).hexdigest() == archive[0].sha256


def _target_for(request, default_engine_is_postgres: bool) -> str:
    fixture = "postgres_url" if default_engine_is_postgres else "empty_sqlite_url"
    return database_register(request.getfixturevalue(fixture))


@pytest.mark.slow
def test_backup_restore_round_trip_on_the_same_engine(
    installation, tmp_path, request, default_is_postgres
):
    """SQLite → SQLite (into a file that was never migrated: the restore migrates it), or
    PostgreSQL → PostgreSQL when DATABASE_URL is PostgreSQL."""
    target = _target_for(request, default_is_postgres)
    path = tmp_path / "lotse.zip"
    out = io.StringIO()
    call_command("backup", "--output", str(path), stdout=out)
    assert f"Sicherung geschrieben: {path}" in out.getvalue()
    manifest = json.loads(zipfile.ZipFile(path).read("manifest.json"))
    assert manifest["format"] == "lotse-backup" and manifest["format_version"] == 1
    rows = {entry["model"]: entry["rows"] for entry in manifest["models"]}
    assert rows["reports.archivedreport"] == 2
    assert rows["portfolio.project"] == Project.objects.count() == 3
    assert rows["auth.group_permissions"] == 1

    # A damaged backup is refused and leaves the target empty.
    with pytest.raises(CommandError, match="reports.archivedreport.jsonl"):
        call_command("restore", str(_tampered(path, tmp_path)), "--database", target)
    assert not Project.objects.using(target).exists()

    out = io.StringIO()
    call_command("restore", str(path), "--database", target, stdout=out)
    assert "2 archivierte Dokumente mit gültiger Prüfsumme" in out.getvalue()
    _assert_round_trip(DEFAULT_DB_ALIAS, target)

    # A second restore into the now filled database is refused; nothing changes.
    before = table_contents(target)
    with pytest.raises(CommandError, match="Zieldatenbank ist nicht leer"):
        call_command("restore", str(path), "--database", target)
    assert table_contents(target) == before

    # The id sequences continue after the restored rows.
    group = Group.objects.using(target).create(name="Neu nach der Wiederherstellung")
    assert group.pk > Group.objects.using(DEFAULT_DB_ALIAS).get(name="Programmbüro").pk


def test_transfer_from_sqlite_to_postgresql(
    installation, tmp_path, request, sqlite_url, postgres_url, default_is_postgres
):
    if default_is_postgres:
        # The test suite runs on PostgreSQL: first put the installation into SQLite.
        sqlite = database_register(sqlite_url)
        path = tmp_path / "source.zip"
        backup_create(path=path)
        backup_restore(path=path, using=sqlite)
        source_args = ["--from", sqlite_url]
        source = sqlite
    else:
        source_args = []
        source = DEFAULT_DB_ALIAS
    assert connections[source].vendor == "sqlite"
    out = io.StringIO()
    call_command("transfer_database", *source_args, "--to", postgres_url, stdout=out)
    assert "Übertragen und geprüft" in out.getvalue()
    target = database_register(postgres_url)
    assert connections[target].vendor == "postgresql"
    _assert_round_trip(source, target)
    created = StrategicGoal.objects.using(target).create(name="Nach dem Umzug angelegt")
    assert created.pk > installation.cast.goal.pk


def test_backup_of_another_schema_is_refused_before_anything_happens(tmp_path, db):
    path = tmp_path / "lotse.zip"
    backup_create(path=path)
    older = tmp_path / "older.zip"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(older, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["schema"] = [
                    "portfolio.0001_initial" if node.startswith("portfolio.") else node
                    for node in manifest["schema"]
                ]
                data = json.dumps(manifest).encode()
            target.writestr(item, data)
    with pytest.raises(BackupError, match="anderen Datenbankschema.*portfolio"):
        backup_restore(path=older, using=DEFAULT_DB_ALIAS)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "gibt es nicht"),
        (b"no zip", "keine zip-Datei"),
        ("other.txt", "manifest.json fehlt"),
        ('{"format": "lotse-backup", "format_version": 99}', "Format 99"),
    ],
)
def test_what_is_not_a_backup_is_refused_in_german(tmp_path, db, content, message):
    path = tmp_path / "backup.zip"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content == "other.txt":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("other.txt", "x")
    elif content is not None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("manifest.json", content)
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(path))
