"""The worker `make run` starts beside the server: `manage.py db_worker` picks up a queued job
in a process of its own, from the database, and finishes it."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from lotse.jobs.models import Job
from lotse.jobs.services import job_request
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]


def test_make_run_starts_the_worker_beside_the_server():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    worker = re.search(r"^WORKER := (.+)$", makefile, re.M)
    assert worker and "manage.py db_worker" in worker.group(1)
    recipe = makefile.split("\nrun: setup\n", 1)[1].split("\n\n", 1)[0]
    assert "$(WORKER) &" in recipe  # in the background ...
    assert "trap 'kill $$worker" in recipe  # ... stopped with the server
    assert "manage.py runserver" in recipe
    # Old jobs and their files go before the worker starts (it prunes daily after that).
    prune = re.search(r"^PRUNE := (.+)$", makefile, re.M)
    assert prune and "manage.py prune_jobs" in prune.group(1)
    assert recipe.index("$(PRUNE)") < recipe.index("$(WORKER) &")


@pytest.mark.django_db(transaction=True)
def test_the_worker_process_runs_a_queued_job(tmp_path):
    job = job_request(
        user=UserFactory(username="wartende"), kind="jobs.probe", title="Probe", params={}
    )
    env = {**os.environ, "MEDIA_ROOT": str(tmp_path / "media"), "LOTSE_DEBUG": "1"}
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        # The test database lives in memory: hand the worker a copy in a file.
        copy = tmp_path / "db.sqlite3"
        with sqlite3.connect(copy) as target:
            connection.connection.backup(target)
        env["DATABASE_URL"] = f"sqlite:///{copy}"
    else:
        user = settings["USER"] or ""
        password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
        env["DATABASE_URL"] = (
            f"postgres://{user}{password}@{settings['HOST'] or 'localhost'}:"
            f"{settings['PORT'] or 5432}/{settings['NAME']}"
        )
    command = [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload"]
    command += ["--no-startup-delay", "--verbosity", "0"]
    finished = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        command, cwd=ROOT, env=env, timeout=60, capture_output=True, text=True, check=False
    )
    assert finished.returncode == 0, finished.stderr
    if connection.vendor == "sqlite":
        with sqlite3.connect(copy) as db:
            status, name = db.execute(
                "SELECT status, file FROM jobs_job WHERE id = ?", [job.pk]
            ).fetchone()
    else:
        job.refresh_from_db()
        status, name = job.status, job.file.name
    assert status == Job.Status.DONE
    produced = (tmp_path / "media" / name).read_text(encoding="utf-8")
    assert produced.startswith("Lotse-Hintergrunddienst antwortet")
