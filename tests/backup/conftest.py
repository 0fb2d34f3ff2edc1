"""Databases of their own for the backup tests: a SQLite file and fresh PostgreSQL databases
(created here and dropped afterwards, on the server of DATABASE_URL or 127.0.0.1:5432)."""

import os
import uuid
from collections.abc import Iterator

import dj_database_url
import psycopg
import pytest
from django.conf import settings
from django.db import connections

from lotse.backup.services import database_register

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
def sqlite_url(tmp_path) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'lotse.sqlite3'}"
    yield url
    alias = database_register(url)
    _forget(alias)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A new, empty PostgreSQL database, dropped after the test."""
    server = dj_database_url.parse(_server_url())
    name = f"test_lotse_backup_{uuid.uuid4().hex[:10]}"
    host, port = server["HOST"] or "127.0.0.1", int(server["PORT"] or 5432)
    user, password = server["USER"] or "postgres", server["PASSWORD"] or ""
    admin = psycopg.connect(
        host=host, port=port, user=user, password=password or None, dbname="postgres"
    )
    admin.autocommit = True
    admin.execute(f'CREATE DATABASE "{name}"')
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
