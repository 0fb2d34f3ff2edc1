"""Databases of their own for the backup tests: SQLite files and fresh PostgreSQL databases
(created here and dropped afterwards, on the server of DATABASE_URL or 127.0.0.1:5432).

`sqlite_url` and `postgres_url` are migrated and empty, copied from the cached test-database
template (tests/dbtemplate.py), so the restore's own `migrate` finds nothing to do: migrating
an empty database costs ~40 s of CPU. `empty_sqlite_url` is a new file without any table; the
round trip on SQLite restores into it, so that a restore into a database that was never
migrated stays tested.
"""

import os
import uuid
from collections.abc import Iterator

import dj_database_url
import psycopg
import pytest
from django.conf import settings
from django.db import connections

from lotse.backup.services import database_register

from .. import dbtemplate

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


def _server_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return url
    return os.environ.get("LOTSE_TEST_POSTGRES_URL", DEFAULT_SERVER)


def _forget(alias: str) -> None:
    connections[alias].close()
    del connections[alias]


@pytest.fixture
def empty_sqlite_url(tmp_path) -> Iterator[str]:
    """A new SQLite file, not migrated."""
    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    yield url
    _forget(database_register(url))


@pytest.fixture
def sqlite_url(tmp_path) -> Iterator[str]:
    """A migrated, empty SQLite file."""
    path = tmp_path / "lotse.sqlite3"
    dbtemplate.sqlite_file_from_template(path)
    url = f"sqlite:///{path}"
    yield url
    _forget(database_register(url))


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A migrated, empty PostgreSQL database, dropped after the test."""
    server = dj_database_url.parse(_server_url())
    name = f"test_lotse_backup_{uuid.uuid4().hex[:10]}"
    host, port = server["HOST"] or "127.0.0.1", int(server["PORT"] or 5432)
    user, password = server["USER"] or "postgres", server["PASSWORD"] or ""
    admin = psycopg.connect(
        host=host, port=port, user=user, password=password or None, dbname="postgres"
    )
    admin.autocommit = True
    server_alias = database_register(_server_url())
    dbtemplate.postgres_from_template(connections[server_alias], name)
    if server_alias != "default":
        _forget(server_alias)
    secret = f":{password}" if password else ""
    url = f"postgres://{user}{secret}@{host}:{port}/{name}"
    try:
        yield url
    finally:
        alias = database_register(url)
        _forget(alias)
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture
def default_is_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
