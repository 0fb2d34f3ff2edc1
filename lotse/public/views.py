"""The public transparency pages (no login) and the programme office's publication page.

Public views render without the request (see `caching`), take everything from `selectors`
and never look at the logged-in user: a member of staff sees exactly what the public sees.
"""

from __future__ import annotations

import json
from typing import TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from lotse.documents.svg import bar_chart
from lotse.http import AuthedRequest
from lotse.http import section_page
from lotse.ozg import selectors as ozg_selectors
from lotse.ozg.charts import level_chart
from lotse.portfolio.models import Programme
from lotse.portfolio.selectors import get_programme_for

from . import opendata
from . import programme_reads
from . import selectors
from . import services
from .caching import public_page
from .models import PublicSiteSettings


def _page(template: str, context: dict) -> HttpResponse:
    if "site" not in context:
        context["site"] = programme_reads.site_settings()
    return HttpResponse(render_to_string(f"public/{template}", context))


# --- charts ----------------------------------------------------------------------------------


def _stage_chart(progress: selectors.Progress, chart_id: str) -> SafeString:
    rows = [(label, n) for _code, label, n in progress.stage_rows if n]
    return bar_chart(
        chart_id=chart_id,
        title=_("Veröffentlichte Projekte nach Phase"),
        desc=_(
            "Anzahl der veröffentlichten Projekte je Phase; die Tabelle nennt dieselben Zahlen."
        ),
        items=rows,
    )


def _light_chart(progress: selectors.Progress, chart_id: str) -> SafeString:
    return bar_chart(
        chart_id=chart_id,
        title=_("Gesamtstatus der veröffentlichten Projekte"),
        desc=_(
            "Anzahl der Projekte je Gesamtstatus aus dem letzten geprüften Statusbericht; die "
            "Tabelle nennt dieselben Zahlen."
        ),
        items=[(label, n) for _code, label, n in progress.light_rows],
    )


def _okr_chart(fields: list, chart_id: str) -> SafeString:
    return bar_chart(
        chart_id=chart_id,
        title=_("OKR-Fortschritt je Themenfeld"),
        desc=_(
            "Mittlerer Fortschritt der Quartalsziele der veröffentlichten Projekte je Themenfeld "
            "in Prozent; die Tabelle nennt dieselben Zahlen."
        ),
        items=[(v.field.name, v.progress.okr_percent) for v in fields],
        unit=" %",
        max_value=100,
    )


# --- site-wide pages ---------------------------------------------------------------------------


# Projects per page of the public project lists; projects named per field on the programme
# page (issue 14: the pages keep their size however large the programme).
PUBLIC_PER_PAGE = 50
CHIPS_PER_FIELD = 12


@public_page
def index(request: HttpRequest) -> HttpResponse:
    return _page("index.html", {"programmes": list(selectors.public_programmes())})


@public_page
def imprint(request: HttpRequest) -> HttpResponse:
    return _page("legal.html", {"kind": "imprint"})


@public_page
def privacy(request: HttpRequest) -> HttpResponse:
    return _page("legal.html", {"kind": "privacy"})


@public_page
def accessibility(request: HttpRequest) -> HttpResponse:
    return _page("accessibility.html", {})


# --- a programme -------------------------------------------------------------------------------


def _programme_page(
    template: str,
    programme: Programme,
    data: dict,
    progress: selectors.Progress,
    **charts: SafeString,
) -> HttpResponse:
    """A page of the programme section (the programme, a field): `data` with the charts of
    its published projects by stage and by overall status, and any further `charts`."""
    context = {
        "programme": programme,
        "section": "programme",
        **data,
        "stage_chart": _stage_chart(progress, "chart-stages"),
        "light_chart": _light_chart(progress, "chart-lights"),
        **charts,
    }
    return _page(template, context)


@public_page
def programme(request: HttpRequest, slug: str) -> HttpResponse:
    current = selectors.get_public_programme(slug)
    overview = selectors.programme_overview(current, chips=CHIPS_PER_FIELD)
    okr_chart = _okr_chart(overview["fields"], "chart-okr")
    return _programme_page(
        "programme.html", current, overview, overview["total"], okr_chart=okr_chart
    )


@public_page
def field_of_action(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    current = selectors.get_public_programme(slug)
    data = selectors.field_page(current, pk)
    page = Paginator(data["projects"], PUBLIC_PER_PAGE).get_page(request.GET.get("seite"))
    data |= {
        "projects": [row.listed() for row in page.object_list],
        "project_count": len(data["projects"]),
        "page": page,
    }
    return _programme_page("field.html", current, data, data["progress"])


@public_page
def project_list(request: HttpRequest, slug: str) -> HttpResponse:
    current = selectors.get_public_programme(slug)
    quarter = selectors.active_quarter(current)
    rows = selectors.ListedPages(current, quarter)
    page = Paginator(rows, PUBLIC_PER_PAGE).get_page(request.GET.get("seite"))
    return _page(
        "project_list.html",
        {
            "programme": current,
            "section": "projects",
            "projects": page.object_list,
            "project_count": page.paginator.count,
            "page": page,
            "quarter": quarter,
        },
    )


@public_page
def project(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    current = selectors.get_public_programme(slug)
    return _page(
        "project.html",
        {"programme": current, "section": "projects", **selectors.project_page(current, pk)},
    )


@public_page
def data(request: HttpRequest, slug: str) -> HttpResponse:
    current = selectors.get_public_programme(slug)
    return _page(
        "data.html",
        {"programme": current, "section": "data", "datasets": list(opendata.DATASETS.values())},
    )


@public_page
def dataset(request: HttpRequest, slug: str, name: str, fmt: str) -> StreamingHttpResponse:
    current = selectors.get_public_programme(slug)
    found = opendata.DATASETS.get(name)
    if found is None or fmt not in ("csv", "json"):
        raise Http404
    filename = f"{current.slug}-{found.slug}.{fmt}"
    # Streamed (issue 14): rows are read and written a chunk at a time, so the memory stays
    # flat however large the programme; `public_page` derives ETag and Last-Modified from the
    # freshness stamp instead of the body.
    response: StreamingHttpResponse
    if fmt == "csv":
        response = StreamingHttpResponse(
            opendata.csv_chunks(found, current),
            content_type="text/csv; charset=utf-8; header=present",
        )
    else:
        response = StreamingHttpResponse(
            opendata.json_chunks(
                found, current, site=PublicSiteSettings.load(), as_of=selectors.last_change(slug)
            ),
            content_type="application/json; charset=utf-8",
        )
    return _open_data(response, filename)


R = TypeVar("R", HttpResponse, StreamingHttpResponse)


def _open_data(response: R, filename: str) -> R:
    """Open data is shown in the browser under its file name and may be read by any site."""
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def _metadata(document: dict, filename: str, content_type: str) -> HttpResponse:
    body = json.dumps(document, ensure_ascii=False, indent=2)
    return _open_data(HttpResponse(body, content_type=f"{content_type}; charset=utf-8"), filename)


def _dcat_catalogue(slug: str) -> tuple[Programme, dict]:
    current = selectors.get_public_programme(slug)
    site = PublicSiteSettings.load()
    return current, opendata.dcat_catalogue(current, site=site, as_of=selectors.last_change(slug))


def ozg_data(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """The OZG catalogue as open data (CSV or JSON), where its progress is public."""
    from lotse.documents.csvfile import csv_text

    current = selectors.get_public_programme(slug)
    settings = getattr(current, "ozg_settings", None)
    if settings is None or not settings.publish or fmt not in ("csv", "json"):
        raise Http404
    names = [name for name, _meaning in ozg_selectors.OPEN_DATA_COLUMNS]
    rows = ozg_selectors.open_data_rows(current)
    if fmt == "csv":
        response = HttpResponse(
            csv_text(names, rows), content_type="text/csv; charset=utf-8; header=present"
        )
    else:
        document = {
            "dataset": "ozg-leistungen",
            "programme": {"name": current.name, "slug": current.slug},
            "licence": opendata.licence(PublicSiteSettings.load()),
            "fields": [{"name": n, "description": d} for n, d in ozg_selectors.OPEN_DATA_COLUMNS],
            "records": [dict(zip(names, row, strict=True)) for row in rows],
        }
        response = HttpResponse(
            json.dumps(document, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
    return _open_data(response, f"{slug}-ozg-leistungen.{fmt}")


@public_page
def dcat(request: HttpRequest, slug: str) -> HttpResponse:
    """The programme's open data described as DCAT-AP.de (JSON-LD) for portals to harvest."""
    current, document = _dcat_catalogue(slug)
    return _metadata(document, f"{current.slug}-dcat.jsonld", "application/ld+json")


@public_page
def dcat_rdf(request: HttpRequest, slug: str) -> HttpResponse:
    """The same DCAT-AP.de catalogue as RDF/XML (what CKAN-based portals such as GovData
    harvest), written from the same document as the JSON-LD."""
    from .rdfxml import as_rdf_xml

    current, document = _dcat_catalogue(slug)
    response = HttpResponse(as_rdf_xml(document), content_type="application/rdf+xml; charset=utf-8")
    return _open_data(response, f"{current.slug}-dcat.rdf")


@public_page
def datapackage(request: HttpRequest, slug: str) -> HttpResponse:
    """The CSV files as a Frictionless Data Package (Table Schema with real types)."""
    current = selectors.get_public_programme(slug)
    document = opendata.datapackage(
        current, site=PublicSiteSettings.load(), as_of=selectors.last_change(slug)
    )
    return _metadata(document, "datapackage.json", "application/json")


# --- the programme office switches the public pages on and off -----------------------------------


@login_required
def manage(request: AuthedRequest, slug: str) -> HttpResponse:
    current = get_programme_for(request.user, slug, "public.manage_publication")
    if request.method == "POST":
        enabled = request.POST.get("enabled") == "on"
        services.publication_set(programme=current, enabled=enabled)
        if enabled:
            messages.success(
                request, _("Die öffentlichen Seiten des Programms sind eingeschaltet.")
            )
        else:
            messages.success(
                request, _("Die öffentlichen Seiten des Programms sind ausgeschaltet.")
            )
        return redirect("public:manage", slug=current.slug)
    # Under the Cockpit tab, whose page links here (among its steering links).
    return section_page(
        request,
        "public/manage.html",
        current,
        section="cockpit",
        **selectors.publication_status(current),
    )


# --- the OZG catalogue's progress (optional, per programme) ------------------------------------


@public_page
def ozg(request: HttpRequest, slug: str) -> HttpResponse:
    current = selectors.get_public_programme(slug)
    settings = getattr(current, "ozg_settings", None)
    if settings is None or not settings.publish:
        raise Http404
    overview = ozg_selectors.overview(current)
    return _page(
        "ozg.html",
        {
            "programme": current,
            "section": "ozg",
            "overview": overview,
            "note": settings.note,
            "chart": level_chart(overview.periods, "chart-ozg") if overview.periods else None,
            "level_labels": ozg_selectors.level_labels(),
        },
    )
