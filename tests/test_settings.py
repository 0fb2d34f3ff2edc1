"""Production mode refuses unsafe configuration with a clear message."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _check(env: dict) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_default_secret_key():
    result = _check({"LOTSE_DEBUG": "0", "ALLOWED_HOSTS": "lotse.example.org"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_empty_allowed_hosts():
    result = _check({"LOTSE_DEBUG": "0", "SECRET_KEY": "x" * 50})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_starts_with_safe_settings(tmp_path):
    secret_file = tmp_path / "secret"
    secret_file.write_text("s" * 50)
    result = _check(
        {
            "LOTSE_DEBUG": "0",
            "SECRET_KEY_FILE": str(secret_file),
            "ALLOWED_HOSTS": "lotse.example.org",
        }
    )
    assert result.returncode == 0, result.stderr
