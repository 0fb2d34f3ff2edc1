"""Migrated test databases from a cached template instead of running every migration again.

Creating a test database runs all migrations (~40 s of CPU, nearly all of it Django rendering
model states), once per pytest-xdist worker and per CI pass. The result depends only on the
migration files, so it is built once and kept, keyed by a hash of every migration file of every
installed app (and the Django version):

- **SQLite**: the migrated database is saved as a file in the cache directory
  (`$LOTSE_TEST_DB_CACHE`, default `<tmp>/lotse-test-db`); each worker copies it into its
  in-memory test database with SQLite's backup API (milliseconds).
- **PostgreSQL**: the migrated database is kept on the server as `lotse_tpl_<hash>`; each
  worker's test database is created with `CREATE DATABASE … TEMPLATE lotse_tpl_<hash>`.

The first worker that needs a template builds it the ordinary way (`migrate` on its own test
database) while the others wait on a file lock, then copies it. A new or changed migration
changes the hash, so a stale template is never used. `LOTSE_TEST_DB_TEMPLATE=0` switches it
off; `--reuse-db` and `--nomigrations` bypass it. The backup tests use the same templates for
the extra databases they restore into (`sqlite_file_from_template`, `postgres_from_template`).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import sqlite3
import tempfile
from collections.abc import Callable
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import django
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader

FORMAT = "1"  # bump when the way templates are built changes
POSTGRES_PREFIX = "lotse_tpl_"
KEEP_POSTGRES_TEMPLATES = 8


def enabled() -> bool:
    return os.environ.get("LOTSE_TEST_DB_TEMPLATE", "1") != "0"


def cache_dir() -> Path:
    default = Path(tempfile.gettempdir()) / "lotse-test-db"
    path = Path(os.environ.get("LOTSE_TEST_DB_CACHE", default))
    path.mkdir(parents=True, exist_ok=True)
    return path


_KEY: list[str] = []


def schema_key() -> str:
    """A hash of every migration file of every installed app, the app order and Django."""
    if _KEY:
        return _KEY[0]
    digest = hashlib.sha256(f"{FORMAT} {django.__version__}".encode())
    for config in apps.get_app_configs():
        digest.update(f"\0app {config.label}".encode())
        module_name, _explicit = MigrationLoader.migrations_module(config.label)
        if module_name is None:
            continue
        try:
            module = __import__(module_name, fromlist=["__path__"])
        except ImportError:
            continue
        for directory in getattr(module, "__path__", []):
            for path in sorted(Path(directory).glob("*.py")):
                digest.update(f"\0{path.name}\0".encode())
                digest.update(path.read_bytes())
    _KEY.append(digest.hexdigest()[:20])
    return _KEY[0]


@contextmanager
def _locked(name: str) -> Iterator[None]:
    """One builder at a time across the workers (and concurrent runs) on this machine."""
    with open(cache_dir() / f"{name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def sqlite_template_path() -> Path:
    return cache_dir() / f"sqlite-{schema_key()}.sqlite3"


def postgres_template_name() -> str:
    return f"{POSTGRES_PREFIX}{schema_key()}"


def _save_sqlite(connection: BaseDatabaseWrapper, path: Path) -> None:
    connection.ensure_connection()
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    target = sqlite3.connect(partial)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    os.replace(partial, path)


def _copy_sqlite(path: Path, target: sqlite3.Connection) -> None:
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        source.backup(target)
    finally:
        source.close()


def sqlite_file_from_template(path: Path) -> None:
    """Write a migrated, empty Lotse database to the SQLite file `path`."""
    template = sqlite_template_path()
    with _locked(template.name):
        if not template.exists():
            _build_sqlite_template(template)
    target = sqlite3.connect(path)
    try:
        _copy_sqlite(template, target)
    finally:
        target.close()


def _build_sqlite_template(template: Path) -> None:
    """Migrate a scratch file database (outside the test databases) into `template`."""
    from lotse.backup.services import database_register

    scratch = template.with_name(f"{template.name}.{os.getpid()}.scratch")
    scratch.unlink(missing_ok=True)
    alias = database_register(f"sqlite:///{scratch}")
    from django.db import connections

    try:
        call_command("migrate", database=alias, interactive=False, verbosity=0)
        _save_sqlite(connections[alias], template)
    finally:
        connections[alias].close()
        del connections[alias]
        scratch.unlink(missing_ok=True)


def _admin_execute(connection: BaseDatabaseWrapper, *statements: str) -> None:
    with connection.creation._nodb_cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _postgres_exists(connection: BaseDatabaseWrapper, name: str) -> bool:
    with connection.creation._nodb_cursor() as cursor:
        return connection.creation._database_exists(cursor, name)


def _postgres_save(connection: BaseDatabaseWrapper, source: str, template: str) -> None:
    """Copy the migrated database `source` to `template` (under a temporary name first, so
    that a half-built template is never found) and drop the oldest other templates."""
    connection.close()
    quote = connection.ops.quote_name
    partial = f"{template}_{os.getpid()}"
    _admin_execute(
        connection,
        f"DROP DATABASE IF EXISTS {quote(partial)}",
        f"CREATE DATABASE {quote(partial)} TEMPLATE {quote(source)}",
        f"ALTER DATABASE {quote(partial)} RENAME TO {quote(template)}",
    )
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s AND datname <> %s "
            "ORDER BY oid DESC OFFSET %s",
            [f"{POSTGRES_PREFIX}%", template, KEEP_POSTGRES_TEMPLATES - 1],
        )
        old = [row[0] for row in cursor.fetchall()]
    for name in old:
        try:
            _admin_execute(connection, f"DROP DATABASE IF EXISTS {quote(name)}")
        except Exception:  # noqa: S112 - in use by another run: it stays for now
            continue


def postgres_from_template(connection: BaseDatabaseWrapper, name: str) -> None:
    """Create the PostgreSQL database `name` (on `connection`'s server) as a migrated, empty
    Lotse database."""
    from lotse.backup.services import database_register

    template = postgres_template_name()
    quote = connection.ops.quote_name
    with _locked(template):
        if not _postgres_exists(connection, template):
            scratch = f"{template}_scratch_{os.getpid()}"
            _admin_execute(
                connection,
                f"DROP DATABASE IF EXISTS {quote(scratch)}",
                f"CREATE DATABASE {quote(scratch)}",
            )
            server = connection.settings_dict
            url = _postgres_url(server, scratch)
            alias = database_register(url)
            from django.db import connections

            try:
                call_command("migrate", database=alias, interactive=False, verbosity=0)
                connections[alias].close()
                _postgres_save(connections[alias], scratch, template)
            finally:
                connections[alias].close()
                del connections[alias]
                _admin_execute(connection, f"DROP DATABASE IF EXISTS {quote(scratch)}")
    _admin_execute(connection, f"CREATE DATABASE {quote(name)} TEMPLATE {quote(template)}")


def _postgres_url(server: dict[str, Any], name: str) -> str:
    user = server.get("USER") or "postgres"
    password = f":{server['PASSWORD']}" if server.get("PASSWORD") else ""
    host = server.get("HOST") or "127.0.0.1"
    port = server.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{name}"


def install(connection: BaseDatabaseWrapper) -> None:
    """Let `connection`'s test database come from the template (see the module docstring)."""
    if not enabled() or connection.vendor not in ("sqlite", "postgresql"):
        return
    creation = connection.creation
    original: Callable[..., str] = creation.create_test_db

    def create_test_db(
        verbosity: int = 1, autoclobber: bool = False, serialize: bool = True, keepdb: bool = False
    ) -> str:
        test_settings = connection.settings_dict.setdefault("TEST", {})
        if keepdb or test_settings.get("MIGRATE") is False:
            return original(verbosity, autoclobber, serialize, keepdb)
        run = _Creation(connection, original, verbosity, autoclobber, serialize)
        return _sqlite_test_db(run) if connection.vendor == "sqlite" else _postgres_test_db(run)

    creation.create_test_db = create_test_db  # type: ignore[method-assign]


@dataclass(frozen=True)
class _Creation:
    """One call of `create_test_db` on `connection`: Django's own method and the arguments."""

    connection: BaseDatabaseWrapper
    original: Callable[..., str]
    verbosity: int
    autoclobber: bool
    serialize: bool

    def migrated(self) -> str:
        """The test database built the ordinary way (`migrate`); its name."""
        return self.original(self.verbosity, self.autoclobber, self.serialize, False)

    def empty(self) -> str:
        """An empty test database, created as Django creates it before `migrate`; its name."""
        creation = self.connection.creation
        name = creation._get_test_db_name()
        creation._create_test_db(self.verbosity, self.autoclobber, False)
        return name

    def finish(self, name: str) -> str:
        """What `create_test_db` does after `migrate`."""
        connection = self.connection
        if self.serialize:
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()
        call_command("createcachetable", database=connection.alias)
        connection.ensure_connection()
        return name


def _use_name(connection: BaseDatabaseWrapper, name: str) -> None:
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name


def _sqlite_test_db(run: _Creation) -> str:
    connection, template = run.connection, sqlite_template_path()
    with _locked(template.name):
        if not template.exists():
            name = run.migrated()
            _save_sqlite(connection, template)
            return name
    name = run.empty()
    _use_name(connection, name)
    connection.ensure_connection()
    _copy_sqlite(template, connection.connection)
    return run.finish(name)


def _postgres_test_db(run: _Creation) -> str:
    connection, template = run.connection, postgres_template_name()
    with _locked(template):
        if not _postgres_exists(connection, template):
            name = run.migrated()
            _postgres_save(connection, name, template)
            connection.ensure_connection()
            return name
    test_settings = connection.settings_dict["TEST"]
    test_settings["TEMPLATE"] = template
    try:
        name = run.empty()
    finally:
        del test_settings["TEMPLATE"]
    _use_name(connection, name)
    return run.finish(name)
