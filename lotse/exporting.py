"""Exports (XLSX, PDF, DOCX) as background jobs, one table entry each.

No export is built inside a web request. An app declares each of its exports once, next to
the page it belongs to, by the function that builds it:

    @exporting.export(
        "portfolio.project_list_xlsx",  # kind
        gettext_lazy("Projektliste (XLSX)"),  # label
        _project_list_scope,  # (request, **url kwargs) → Scope; checks access
    )
    def project_list_xlsx(request, progress, slug) -> tuple[bytes, str]:  # (bytes, filename)
        ...

and routes its URL to the view that name now stands for. A POST checks access with `scope`
and starts the job (or joins the same person's running job for the same export and filters)
and answers with the job's page (progress, then the file; the file is kept under "Meine
Dokumente"). A GET (an old link, a bookmark) shows a page with a button that posts. The
page's filters travel in the query string; the worker rebuilds the request as the person who
asked for it (same user, same query) and calls `build`, which reads through the same
permission-checked selectors as the page did, so access is checked again when the job runs.

This module knows no domain and no job model: it sits in the lowest layer so that every app
(also the portfolio, beside the jobs app) can declare its exports. The jobs app installs the
function that queues (`install`) and runs the builders (`run`) for every kind declared here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from typing import Any
from typing import Protocol

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.views.decorators.http import require_http_methods

from lotse.http import AuthedRequest

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ZIP = "application/zip"
# What a page must never answer with: these are built by the worker (see tests/jobs).
DOCUMENT_TYPES = (XLSX, PDF, DOCX, ZIP, "application/vnd.oasis.opendocument")


class Progress(Protocol):
    def __call__(self, phase: str, percent: int) -> None: ...


@dataclass(frozen=True)
class Scope:
    """Where an export belongs: the programme whose office sees the job too (or None), and
    the name of what is exported (the programme, a project, a scoring round), for its title."""

    programme: Any
    name: str

    @classmethod
    def of_programme(cls, programme: Any) -> Scope:
        """The scope of an export of the whole programme: named by the programme's name."""
        return cls(programme, programme.name)


@dataclass(frozen=True)
class Export:
    kind: str  # the job's kind, "<app>.<export>"
    label: str | Promise  # German, e.g. "Projektliste (XLSX)"; the title is "label – name"
    # Checks access in the request (raises PermissionDenied or Http404) and names the scope.
    scope: Callable[..., Scope]
    # Runs in the worker: (request as the person who asked, progress, **url kwargs).
    build: Callable[..., tuple[bytes, str]]
    content_type: str = XLSX
    # Query parameters the export reads; the others are dropped so that the same export with
    # the same filters joins the running job. None: all of them.
    query: tuple[str, ...] | None = field(default=None)


# Query parameters that only page through a list: an export has every page.
PAGING = ("seite", "page")

Queue = Callable[[AuthedRequest, Export, Scope, dict[str, Any]], HttpResponse]

_EXPORTS: dict[str, Export] = {}
_queue: list[Queue] = []


def install(queue: Queue) -> None:
    """The jobs app hands over how a job is queued (at start, lotse.jobs.apps)."""
    _queue[:] = [queue]


def view(export: Export) -> Callable[..., HttpResponse]:
    """Declare an export; returns its view (route the export's URL to it)."""
    if export.kind in _EXPORTS and _EXPORTS[export.kind] is not export:
        raise ImproperlyConfigured(f"export {export.kind} is declared twice")
    _EXPORTS[export.kind] = export

    @login_required
    @require_http_methods(["GET", "HEAD", "POST"])
    def export_view(request: AuthedRequest, **kwargs: Any) -> HttpResponse:
        scope = export.scope(request, **kwargs)
        title = title_of(export, scope)
        if request.method != "POST":
            return render(
                request,
                "exports/start.html",
                {"title": title, "action": request.get_full_path(), "export": export},
            )
        if not _queue:
            raise ImproperlyConfigured("lotse.jobs is not installed: no export can run")
        return _queue[0](request, export, scope, kwargs)

    export_view.export = export  # type: ignore[attr-defined]
    export_view.__name__ = export.kind.replace(".", "_")
    return export_view


Build = Callable[..., tuple[bytes, str]]


def export(
    kind: str,
    label: str | Promise,
    scope: Callable[..., Scope],
    *,
    content_type: str = XLSX,
    query: tuple[str, ...] | None = None,
) -> Callable[[Build], Callable[..., HttpResponse]]:
    """Declare the decorated function as the `build` of an export (the other arguments as
    in `Export`); its name stands for the export's view (route the export's URL to it)."""

    def declare(build: Build) -> Callable[..., HttpResponse]:
        return view(Export(kind, label, scope, build, content_type, query))

    return declare


def title_of(export: Export, scope: Scope) -> str:
    return f"{export.label} – {scope.name}"


def get(kind: str) -> Export | None:
    """The export of a kind. The exports are declared beside their views: a process that has
    not loaded the URL configuration yet (the worker) loads it first."""
    if kind not in _EXPORTS:
        from django.urls import get_resolver

        get_resolver().url_patterns  # noqa: B018 - imports every app's views
    return _EXPORTS.get(kind)


def all_exports() -> list[Export]:
    get("")
    return sorted(_EXPORTS.values(), key=lambda e: e.kind)


def query_of(export: Export, request: HttpRequest) -> str:
    """The request's filters the export reads, in a stable order (the same filters give the
    same job, whatever their order in the address)."""
    from urllib.parse import urlencode

    pairs = [
        (k, v)
        for k, values in request.GET.lists()
        for v in values
        if (export.query is None and k not in PAGING) or (export.query and k in export.query)
    ]
    return urlencode(sorted(pairs))
