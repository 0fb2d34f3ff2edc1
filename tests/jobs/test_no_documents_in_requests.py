"""No document is built inside a web request: every page that offers a document or a large
export queues a job and answers at once. The renderers are patched to fail whenever they are
called while a request is being answered; the same renderers then run in the worker."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from django.core.signals import request_finished
from django.core.signals import request_started
from django.urls import reverse
from django.utils import timezone

from lotse.jobs.models import Job
from tests.jobs.helpers import job_of
from tests.jobs.helpers import run_jobs

IN_REQUEST = threading.local()

# Every renderer a document page used to call in the request (module, function).
RENDERERS = [
    ("lotse.documents.typeset", "render"),  # every PDF (Typst)
    ("lotse.council_reports.render", "render_pdf"),
    ("lotse.council_reports.render", "render_xlsx"),
    ("lotse.council_reports.render", "render_docx"),
    ("lotse.finance.exports", "committee_workbook"),
]


def _started(**kwargs: object) -> None:
    IN_REQUEST.active = True


def _finished(**kwargs: object) -> None:
    IN_REQUEST.active = False


@pytest.fixture
def guarded(monkeypatch) -> Iterator[list[str]]:
    """Renderers that raise inside a request; the list records the calls outside one."""
    import importlib

    calls: list[str] = []
    for module_name, name in RENDERERS:
        module = importlib.import_module(module_name)
        original = getattr(module, name)

        def guard(*args, __original=original, __name=f"{module_name}.{name}", **kwargs):
            if getattr(IN_REQUEST, "active", False):
                raise AssertionError(f"{__name} called inside a web request")
            calls.append(__name)
            return __original(*args, **kwargs)

        monkeypatch.setattr(module, name, guard)
    request_started.connect(_started)
    request_finished.connect(_finished)
    try:
        yield calls
    finally:
        request_started.disconnect(_started)
        request_finished.disconnect(_finished)
        IN_REQUEST.active = False


def _pages(cast) -> list[tuple[str, dict]]:
    slug = cast.programme.slug
    today = timezone.localdate().isoformat()
    pages = [
        (reverse("reporting:projektcheck_pdf", args=[slug]), {}),
        (reverse("finance:committee_pdf", args=[slug]) + "?planung=*", {}),
        (reverse("finance:committee_xlsx", args=[slug]) + "?planung=*", {}),
        (reverse("planning:roadmap_pdf", args=[slug]), {}),
    ]
    for fmt in ("pdf", "xlsx", "docx"):
        pages.append(
            (
                reverse("council_reports:index", args=[slug]),
                {"kind": "committee", "as_of": today, "format": fmt},
            )
        )
    return pages


@pytest.mark.pdf
def test_document_pages_only_queue_and_the_worker_builds(cast, guarded):
    client = cast.client("pmo")
    jobs = []
    for url, data in _pages(cast):
        response = client.post(url, data)
        jobs.append(job_of(response))
    assert not guarded  # nothing rendered yet
    run_jobs()
    for job in jobs:
        job.refresh_from_db()
        assert job.status == Job.Status.DONE, (job.kind, job.error)
    assert guarded  # the worker did render


# Pages that hand out a file that is stored, not built: a job's result, an archived council
# report (kept unchanged as it was sent), an attachment; and the blank import templates
# (tests/jobs/test_exports.py, TEMPLATES).
STORED = {
    "jobs:download",
    "council_reports:download",
    "api:archive_content",
    "api:attachment_download",
    "ideas:import_template",
    "portfolio_import:template_xlsx",
}


def _stored(name: str) -> bool:
    return name in STORED or name.startswith("attachments:")


@pytest.mark.django_db
def test_no_page_answers_with_a_document(demo_loaded):
    """The whole site crawled as the PMO (every named URL of the site and the API, GET, with
    arguments from the demo): no answer is an XLSX, PDF, DOCX or ZIP built for the request.
    A route that is not named like a document is found too."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from lotse.exporting import DOCUMENT_TYPES
    from tests.edges.test_crawl_stored_dates import SKIPPED
    from tests.edges.test_crawl_stored_dates import arguments
    from tests.edges.test_crawl_stored_dates import named_patterns

    client = Client(raise_request_exception=False)
    client.force_login(get_user_model().objects.get(username="pmo"))
    documents, seen = [], 0
    for name, route in named_patterns():
        if name in SKIPPED or _stored(name):
            continue
        kwargs = arguments(name, route, demo_loaded.programme.slug)
        if kwargs is None:
            continue
        response = client.get(reverse(name, kwargs=kwargs))
        seen += 1
        if response.get("Content-Type", "").startswith(DOCUMENT_TYPES):
            documents.append(f"{name} → {response['Content-Type']}")
    assert not documents, "Pages that build a document in the request:\n" + "\n".join(documents)
    assert seen > 300, seen
