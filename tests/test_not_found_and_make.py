"""Unknown URLs show Lotse's own 404 page (production and development mode, where `make run`
runs); the API keeps JSON. `make run` honours PORT and prints the address it serves; the
README links nothing outside the repository."""

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("debug", [False, True])
def test_unknown_url_shows_lotses_own_404_page(client, settings, debug):
    settings.DEBUG = debug
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Seite nicht gefunden" in page
    assert "Zur Startseite" in page
    assert "URLconf" not in page and "Page not found at" not in page


def test_api_404_stays_json_in_development_mode(client, settings, cast):
    settings.DEBUG = True
    client.force_login(cast.users["pmo"])
    response = client.get("/api/v1/projects/999999999")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_make_run_honours_port_and_prints_the_address():
    # A dry run (-n) prints the commands without running any of them.
    result = subprocess.run(
        ["make", "-n", "run", "PORT=8123"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert "runserver 127.0.0.1:8123" in result.stdout
    assert 'echo "Lotse läuft unter http://127.0.0.1:8123/' in result.stdout
    assert "LOTSE_BASE_URL=http://127.0.0.1:8123 .venv/bin/python manage.py load_demo" in (
        result.stdout
    )


def test_readme_links_nothing_outside_the_repository():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)]+)\)", readme)
    for target in targets:
        path = target.split("#")[0]
        assert not re.match(r"[a-z]+:", target), target
        assert (ROOT / path).exists(), target
    assert "../" not in readme
