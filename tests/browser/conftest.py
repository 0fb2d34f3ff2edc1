"""Real-browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Every test here is marked ``browser`` (``make test`` deselects them when Chromium is missing).
The data is the demo (Potsdam, Konstanz, Duisburg), loaded through ``load_demo`` and committed,
because the live server answers from another thread and cannot see an open test transaction.

Every test starts from a freshly loaded demo, but ``load_demo`` runs once per worker: on SQLite
(the only database CI runs the browser tests on) the loaded database is copied into a snapshot
with SQLite's backup API, and each later test gets that copy written back (milliseconds instead
of ~10 s for a load). What a test changes is gone for the next one, as before: pytest-django
empties the database after every test, and the snapshot replaces all of it. On other databases
each test loads the demo itself.
"""

import os
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

# Playwright's sync API runs an asyncio event loop in this thread; Django would otherwise refuse
# the ORM calls that tests and fixtures make while that loop exists.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DEMO_PASSWORD = "lotse-demo"
PROGRAMME = "potsdam"
HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    # This hook sees the whole session's items, so mark only the ones in this folder.
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


# The session's Chromium, the `browser` fixture, lives in tests/conftest.py: the real-browser
# tests in other folders (tests/sso) share it, because Playwright's sync API allows only one
# running instance per thread and the session-scoped one stays up until the worker ends.


def new_context(browser, **kwargs):
    options = {
        "locale": "de-DE",
        "timezone_id": "Europe/Berlin",
        "viewport": {"width": 1280, "height": 900},
    }
    options.update(kwargs)
    context = browser.new_context(**options)
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def page(browser):
    context = new_context(browser)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def demo(transactional_db, settings, monkeypatch):
    """The Potsdam demo programme and its users, committed so the live server sees them."""
    # A fast hasher: the loader sets seven passwords and every test logs in at least once.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests run with DEBUG off, where the loader insists on an explicitly set password.
    monkeypatch.setenv("LOTSE_DEMO_PASSWORD", DEMO_PASSWORD)
    cache.clear()  # no login throttling carried over from another test
    _load_demo()
    yield
    cache.clear()


# This worker's demo database, right after `load_demo`, by the day it was loaded on (the demo's
# dates follow the day it is loaded).
_SNAPSHOTS: dict[date, sqlite3.Connection] = {}


def _load_demo() -> None:
    today = timezone.localdate()
    if connection.vendor != "sqlite":
        call_command("load_demo", "--quiet")
        return
    connection.ensure_connection()
    database = connection.connection
    snapshot = _SNAPSHOTS.get(today)
    if snapshot is None:
        call_command("load_demo", "--quiet")
        snapshot = sqlite3.connect(":memory:", check_same_thread=False)
        database.backup(snapshot)
        _SNAPSHOTS.clear()
        _SNAPSHOTS[today] = snapshot
    else:
        snapshot.backup(database)
        # The flush after the previous test recreated the content types under new ids.
        ContentType.objects.clear_cache()


@pytest.fixture
def site(live_server, demo):
    """The live server's base URL, with the demo data loaded."""
    return live_server.url


def log_in(page, base_url: str, username: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the real login form, as a person would."""
    page.goto(f"{base_url}/konto/anmelden/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()


@pytest.fixture
def pmo_page(page, site):
    log_in(page, site, "pmo")
    # The demo's PMO works in all three demo programmes, so the start page lets her choose.
    page.goto(f"{site}/programme/{PROGRAMME}/")
    return page
