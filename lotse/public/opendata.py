"""Open data: the published data of a programme as CSV and JSON, every field documented.

CSV: UTF-8 without byte order mark, comma as separator, double quotes where needed (RFC 4180),
one header row with the field names below. JSON: an object with the data set's description,
licence, source, date of the data and `records`, one object per row with the same fields.
Dates are ISO 8601 (YYYY-MM-DD), progress whole percent, empty values empty (CSV) / null (JSON).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from itertools import islice
from json.encoder import encode_basestring
from typing import TYPE_CHECKING
from typing import Any

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.documents.csvfile import csv_rows
from lotse.okr import scoring
from lotse.okr.models import Quarter
from lotse.okr.selectors import programme_okr_progress
from lotse.portfolio.models import Programme

from . import opendata_reads as reads
from . import selectors
from .models import PublicSiteSettings


@dataclass(frozen=True)
class Column:
    name: str
    kind: StrOrPromise  # as documented: Zahl, Text, Datum, Wahrheitswert
    meaning: StrOrPromise
    # a row of the data set → the cell; None where the data set's rows are its records
    value: Callable[[Any], Any] | None = None


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: StrOrPromise
    description: StrOrPromise
    columns: list[Column]
    rows: Callable[[Programme], Iterable[Any]]  # read lazily: the files stream
    # the rows are the records already: plain values in the order of the columns (the
    # projects: thousands of rows, written without a call per cell, issue 14)
    plain: bool = False


def _url(name: str, *args: Any) -> str:
    return settings.LOTSE_BASE_URL + reverse(name, args=args)


def _project_address(programme: Programme) -> tuple[str, str]:
    """The address of a project's public page before and after its id: resolved once per
    file, not once per row."""
    url = settings.LOTSE_BASE_URL + reverse("public:project", args=[programme.slug, PK_PLACEHOLDER])
    head, _pk, tail = url.rpartition(str(PK_PLACEHOLDER))
    return head, tail


PK_PLACEHOLDER = 9876543210


def _okr_percents(programme: Programme, quarter: Quarter | None) -> dict[int, int | None]:
    """Project id → OKR progress in whole percent, for the projects with objectives in the
    quarter (None without a measured value)."""
    progress = programme_okr_progress(programme, quarter) if quarter else {}
    return {pk: scoring.percent(value) for pk, value in progress.items()}


def _project_records(programme: Programme) -> Iterator[list[Any]]:
    """The records of the projects file, straight from the rows of the database: the same
    values as the public pages show (`selectors.project_rows`), one list per project."""
    okr = _okr_percents(programme, selectors.active_quarter(programme))
    labels = selectors.Labels.now()
    stages, lights = labels.stages, labels.lights
    today = timezone.localdate()
    head, tail = _project_address(programme)
    for (
        pk,
        title,
        short_name,
        field_id,
        field_name,
        stage,
        kind,
        planned_start,
        planned_end,
        summary,
        org_unit,
        opt_in,
        display_name,
        first_name,
        last_name,
        light,
        period_end,
        published_at,
    ) in reads.published_project_rows(programme.pk):
        stand = None
        if period_end is not None:
            stand = selectors.stand_of(
                reads.as_date(period_end), reads.as_moment(published_at), today
            )
        yield [
            pk,
            title,
            short_name,
            field_id,
            field_name or "",
            stage,
            stages.get(stage, stage),
            kind,
            planned_start and planned_start.isoformat(),
            planned_end and planned_end.isoformat(),
            summary,
            org_unit or "",
            # as `selectors.public_name`: never without the lead's consent
            (display_name or f"{first_name} {last_name}".strip()) if opt_in else "",
            light or "",
            (lights.get(light) or selectors.light_label(light)) if light else "",
            stand and stand.isoformat(),
            okr.get(pk),
            f"{head}{pk}{tail}",
        ]


def _okr_records(programme: Programme) -> Iterator[list[Any]]:
    """The published projects with objectives in the active quarter, in list order."""
    quarter = selectors.active_quarter(programme)
    if quarter is None:
        return
    okr = _okr_percents(programme, quarter)
    name = str(quarter)
    for row in reads.published_project_rows(programme.pk):
        if row[0] in okr:
            yield [name, row[0], row[1], row[3], okr[row[0]]]


def _field_rows(programme: Programme) -> list[selectors.FieldView]:
    fields: list[selectors.FieldView] = selectors.programme_overview(programme, chips=0)["fields"]
    return fields


NUMBER, TEXT, DATE, BOOL = _("Zahl"), _("Text"), _("Datum"), _("Wahrheitswert")

PROJECTS = Dataset(
    slug="projekte",
    title=_("Projekte"),
    description=_("Die veröffentlichten Projekte des Programms, je Projekt eine Zeile."),
    columns=[
        Column("id", NUMBER, _("Kennnummer des Projekts in Lotse, bleibt gleich.")),
        Column("title", TEXT, _("Titel des Projekts.")),
        Column("short_name", TEXT, _("Kurzname, falls vergeben.")),
        Column(
            "field_of_action_id",
            NUMBER,
            _("Kennnummer des Themenfelds (siehe Datensatz Themenfelder)."),
        ),
        Column("field_of_action", TEXT, _("Name des Themenfelds.")),
        Column(
            "stage",
            TEXT,
            _(
                "Phase als Kennung: idea, planning, start_soon, partly_running, running, "
                "completed, cancelled, paused."
            ),
        ),
        Column("stage_label", TEXT, _("Phase in Worten.")),
        Column("kind", TEXT, _("Projektart als Kennung: quick_win, infrastructure, strategy.")),
        Column("planned_start", DATE, _("Geplanter Beginn.")),
        Column("planned_end", DATE, _("Geplantes Ende.")),
        Column("public_summary", TEXT, _("Kurzbeschreibung für die Öffentlichkeit.")),
        Column("org_unit", TEXT, _("Federführende Organisationseinheit, falls angegeben.")),
        Column(
            "lead_name",
            TEXT,
            _("Name der Projektleitung – nur, wenn die Person eingewilligt hat; sonst leer."),
        ),
        Column(
            "overall_status",
            TEXT,
            _(
                "Gesamtstatus (Ampel) aus dem letzten vom PMO geprüften und für die "
                "Öffentlichkeit freigegebenen Statusbericht: green, amber, red; leer, wenn noch "
                "kein solcher Bericht vorliegt."
            ),
        ),
        Column("overall_status_label", TEXT, _("Gesamtstatus in Worten (grün, gelb, rot).")),
        Column(
            "status_as_of",
            DATE,
            _(
                "Stand des Gesamtstatus: Ende des Berichtszeitraums, höchstens der Tag der "
                "Freigabe; nie in der Zukunft."
            ),
        ),
        Column(
            "okr_progress_percent",
            NUMBER,
            _(
                "Fortschritt der Quartalsziele (OKR) im aktiven Quartal in Prozent (0–100); "
                "leer ohne Messwert."
            ),
        ),
        Column("url", TEXT, _("Adresse der öffentlichen Projektseite.")),
    ],
    rows=_project_records,
    plain=True,
)

FIELDS = Dataset(
    slug="themenfelder",
    title=_("Themenfelder"),
    description=_("Die Themenfelder des Programms mit ihrem Zielzustand und Fortschritt."),
    columns=[
        Column("id", NUMBER, _("Kennnummer des Themenfelds."), lambda v: v.field.pk),
        Column("name", TEXT, _("Name des Themenfelds."), lambda v: v.field.name),
        Column("order", NUMBER, _("Reihenfolge im Programm."), lambda v: v.field.order),
        Column(
            "target_state",
            TEXT,
            _("Zielzustand, den das Programm in diesem Themenfeld erreichen will."),
            lambda v: v.field.target_state,
        ),
        Column("summary", TEXT, _("Kurzfassung des Themenfelds."), lambda v: v.field.summary),
        Column(
            "target_date",
            DATE,
            _("Bis wann der Zielzustand erreicht sein soll."),
            lambda v: v.field.target_date,
        ),
        Column(
            "impact",
            TEXT,
            _("Wirkungsrichtung: outward (nach außen), inward (nach innen)."),
            lambda v: v.field.impact,
        ),
        Column(
            "published_projects",
            NUMBER,
            _("Zahl der veröffentlichten Projekte im Themenfeld."),
            lambda v: v.progress.total,
        ),
        Column(
            "okr_progress_percent",
            NUMBER,
            _(
                "Mittlerer OKR-Fortschritt der veröffentlichten Projekte im aktiven Quartal in "
                "Prozent; leer ohne Messwert."
            ),
            lambda v: v.progress.okr_percent,
        ),
    ],
    rows=_field_rows,
)

MILESTONES = Dataset(
    slug="meilensteine",
    title=_("Meilensteine"),
    description=_("Die Meilensteine der veröffentlichten Projekte: geplant, Prognose, erreicht."),
    columns=[
        Column("id", NUMBER, _("Kennnummer des Meilensteins."), lambda m: m.pk),
        Column(
            "project_id",
            NUMBER,
            _("Kennnummer des Projekts (siehe Datensatz Projekte)."),
            lambda m: m.project_id,
        ),
        Column("project_title", TEXT, _("Titel des Projekts."), lambda m: m.project.title),
        Column("title", TEXT, _("Bezeichnung des Meilensteins."), lambda m: m.title),
        Column("planned_date", DATE, _("Ursprünglich geplanter Termin."), lambda m: m.planned_date),
        Column(
            "forecast_date",
            DATE,
            _("Aktuelle Prognose, falls abweichend angegeben."),
            lambda m: m.forecast_date,
        ),
        Column("actual_date", DATE, _("Tatsächlich erreicht am."), lambda m: m.actual_date),
        Column(
            "reached",
            BOOL,
            _("Ob der Meilenstein erreicht ist (true/false)."),
            lambda m: m.actual_date is not None,
        ),
    ],
    rows=selectors.published_milestones,
)

OKR = Dataset(
    slug="okr",
    title=_("OKR-Fortschritt"),
    description=_(
        "Fortschritt der Quartalsziele (Objectives and Key Results) je veröffentlichtem Projekt "
        "im aktiven Quartal; Projekte ohne Quartalsziele fehlen."
    ),
    columns=[
        Column("quarter", TEXT, _("Quartal, z. B. Q3/2025.")),
        Column("project_id", NUMBER, _("Kennnummer des Projekts.")),
        Column("project_title", TEXT, _("Titel des Projekts.")),
        Column("field_of_action_id", NUMBER, _("Kennnummer des Themenfelds.")),
        Column(
            "progress_percent",
            NUMBER,
            _(
                "Mittlerer Erfüllungsgrad der Key Results in Prozent (0–100); leer, solange "
                "noch kein Messwert erfasst ist."
            ),
        ),
    ],
    rows=_okr_records,
    plain=True,
)


DATASETS = {d.slug: d for d in (PROJECTS, FIELDS, MILESTONES, OKR)}


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def records(dataset: Dataset, programme: Programme) -> Iterator[list[Any]]:
    """The data set's rows as plain values (dates as ISO text), one at a time."""
    rows = dataset.rows(programme)
    if dataset.plain:
        yield from rows
        return
    values = [c.value for c in dataset.columns if c.value is not None]
    for row in rows:
        yield [_plain(value(row)) for value in values]


def table(dataset: Dataset, programme: Programme) -> list[list[Any]]:
    return list(records(dataset, programme))


# Rows per piece of a streamed file: few enough to keep the memory flat, enough to keep the
# number of writes small.
ROWS_PER_CHUNK = 200


def _chunks(rows: Iterable[list[Any]]) -> Iterator[list[list[Any]]]:
    """`rows` in lists of `ROWS_PER_CHUNK`."""
    rows = iter(rows)
    return iter(lambda: list(islice(rows, ROWS_PER_CHUNK)), [])


def csv_chunks(dataset: Dataset, programme: Programme) -> Iterator[str]:
    """The CSV file in pieces of `ROWS_PER_CHUNK` rows, the header row first."""
    yield csv_rows([[c.name for c in dataset.columns]])
    for chunk in _chunks(records(dataset, programme)):
        yield csv_rows(chunk)


def as_csv(dataset: Dataset, programme: Programme) -> str:
    return "".join(csv_chunks(dataset, programme))


def licence(site: PublicSiteSettings) -> dict:
    return {
        "name": site.licence_name,
        "id": site.licence_id,
        "url": site.licence_url,
        "attribution": site.attribution or site.operator_name,
    }


def _json_value(value: Any) -> str:
    """One plain value (`records`) as json.dumps(value, ensure_ascii=False) writes it."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is str:
        return encode_basestring(value)
    if type(value) is int:
        return int.__repr__(value)
    return json.dumps(value, ensure_ascii=False)


def _json_values(values: list[Any]) -> tuple[str, ...]:
    """The values of a record as `_json_value` writes them; the common ones (text, null)
    without a call of it."""
    return tuple(
        [
            encode_basestring(v) if v.__class__ is str else "null" if v is None else _json_value(v)
            for v in values
        ]
    )


def json_chunks(
    dataset: Dataset, programme: Programme, *, site: PublicSiteSettings, as_of: datetime
) -> Iterator[str]:
    """The JSON document in pieces: the description, then the records a chunk at a time;
    the same text as `json.dumps(document, indent=2)` of the whole document."""
    names = [c.name for c in dataset.columns]
    document = {
        "dataset": dataset.slug,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "programme": {
            "name": programme.name,
            "slug": programme.slug,
            "url": _url("public:programme", programme.slug),
        },
        "licence": licence(site),
        "documentation": _url("public:data", programme.slug),
        "as_of": as_of.isoformat(),
        "fields": [
            {"name": c.name, "type": str(c.kind), "description": str(c.meaning)}
            for c in dataset.columns
        ],
        "records": [],
    }
    head = json.dumps(document, ensure_ascii=False, indent=2)
    head = head[: head.rindex("[]")]  # ends with '"records": '
    # json.dumps(record, indent=2), four spaces deeper; written here because json's indent=
    # path is pure Python (a fifth of the file's time, issue 14): a record is this template
    # filled with its values, each as json.dumps writes it
    keys = [_json_value(name).replace("%", "%%") for name in names]
    template = "    {\n" + ",\n".join([f"      {key}: %s" for key in keys]) + "\n    }"
    written = False
    for chunk in _chunks(records(dataset, programme)):
        text = ",\n".join([template % _json_values(values) for values in chunk])
        yield (",\n" if written else head + "[\n") + text
        written = True
    yield "\n  ]\n}" if written else head + "[]\n}"


def as_json(
    dataset: Dataset, programme: Programme, *, site: PublicSiteSettings, as_of: datetime
) -> str:
    return "".join(json_chunks(dataset, programme, site=site, as_of=as_of))


# --- metadata for portals: DCAT-AP.de (JSON-LD) and a Frictionless data package -------------

# DCAT-AP.de's licence vocabulary (https://www.dcat-ap.de/def/licenses/) for the usual ids.
DCAT_LICENCES = {
    "dl-de/by-2-0": "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
    "dl-de/zero-2-0": "http://dcat-ap.de/def/licenses/dl-zero-de/2.0",
    "CC-BY-4.0": "http://dcat-ap.de/def/licenses/cc-by/4.0",
    "CC0-1.0": "http://dcat-ap.de/def/licenses/cc-zero",
}
EU = "http://publications.europa.eu/resource/authority"
DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
TABLE_TYPES: dict[StrOrPromise, str] = {
    NUMBER: "integer",
    TEXT: "string",
    DATE: "date",
    BOOL: "boolean",
}
MEDIA = {"csv": "text/csv", "json": "application/json"}


def licence_uri(site: PublicSiteSettings) -> str:
    return DCAT_LICENCES.get(site.licence_id, site.licence_url)


def _dated(value: str, kind: str = "date") -> dict:
    return {"@value": value, "@type": f"xsd:{kind}"}


def _publisher(site: PublicSiteSettings) -> dict:
    return {"@type": "foaf:Agent", "foaf:name": site.operator_name or str(_("Programmbüro"))}


def _contact(site: PublicSiteSettings, programme: Programme) -> dict:
    contact: dict[str, Any] = {
        "@type": "vcard:Organization",
        "vcard:fn": site.operator_name or programme.name,
    }
    email = site.ideas_email or site.feedback_email
    if email:
        contact["vcard:hasEmail"] = {"@id": f"mailto:{email}"}
    page = site.ideas_url or site.feedback_url
    contact["vcard:hasURL"] = {"@id": page or _url("public:programme", programme.slug)}
    return contact


def temporal(dataset: Dataset, rows: list[list]) -> tuple[str, str] | None:
    """The earliest and latest date in the data set's date columns (ISO), if it has any."""
    columns = [i for i, c in enumerate(dataset.columns) if c.kind == DATE]
    days = sorted(row[i] for row in rows for i in columns if row[i])
    return (days[0], days[-1]) if days else None


def _distribution(dataset: Dataset, programme: Programme, fmt: str, licence: str) -> dict:
    url = _url("public:dataset", programme.slug, dataset.slug, fmt)
    return {
        "@id": url,
        "@type": "dcat:Distribution",
        "dct:title": f"{dataset.title} ({fmt.upper()})",
        "dcat:accessURL": {"@id": url},
        "dcat:downloadURL": {"@id": url},
        "dct:format": {"@id": f"{EU}/file-type/{fmt.upper()}"},
        "dcat:mediaType": {"@id": f"https://www.iana.org/assignments/media-types/{MEDIA[fmt]}"},
        "dct:license": {"@id": licence},
    }


def dcat_dataset(
    dataset: Dataset, programme: Programme, *, site: PublicSiteSettings, as_of: datetime
) -> dict:
    rows = table(dataset, programme)
    licence = licence_uri(site)
    page = _url("public:data", programme.slug)
    described: dict[str, Any] = {
        "@id": f"{page}#{dataset.slug}",
        "@type": "dcat:Dataset",
        "dct:identifier": f"{programme.slug}-{dataset.slug}",
        "dct:title": f"{programme.name}: {dataset.title}",
        "dct:description": str(dataset.description),
        "dct:publisher": _publisher(site),
        "dcat:contactPoint": _contact(site, programme),
        "dct:license": {"@id": licence},
        "dcatde:licenseAttributionByText": site.attribution or site.operator_name,
        "dct:language": {"@id": f"{EU}/language/DEU"},
        "dcat:theme": {"@id": f"{EU}/data-theme/GOVE"},
        "dcat:keyword": [str(dataset.title), "Digitalisierung", "Verwaltung"],
        "dct:modified": _dated(as_of.isoformat(), "dateTime"),
        "dcat:landingPage": {"@id": page},
        "dct:conformsTo": {"@id": _url("public:datapackage", programme.slug)},
        "dcat:distribution": [
            _distribution(dataset, programme, fmt, licence) for fmt in ("csv", "json")
        ],
    }
    period = temporal(dataset, rows)
    if period:
        described["dct:temporal"] = {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": _dated(period[0]),
            "dcat:endDate": _dated(period[1]),
        }
    return described


def dcat_catalogue(programme: Programme, *, site: PublicSiteSettings, as_of: datetime) -> dict:
    """The catalogue of the programme's open data with every data set, as DCAT-AP.de."""
    return {
        "@context": DCAT_CONTEXT,
        "@id": _url("public:dcat", programme.slug),
        "@type": "dcat:Catalog",
        "dct:title": str(_("Offene Daten: %(programme)s") % {"programme": programme.name}),
        "dct:description": str(
            _("Veröffentlichte Daten des Programms %(programme)s aus Lotse.")
            % {"programme": programme.name}
        ),
        "dct:publisher": _publisher(site),
        "dct:language": {"@id": f"{EU}/language/DEU"},
        "dct:license": {"@id": licence_uri(site)},
        "dct:modified": _dated(as_of.isoformat(), "dateTime"),
        "foaf:homepage": {"@id": _url("public:data", programme.slug)},
        "dcat:dataset": [
            dcat_dataset(d, programme, site=site, as_of=as_of) for d in DATASETS.values()
        ],
    }


def datapackage(programme: Programme, *, site: PublicSiteSettings, as_of: datetime) -> dict:
    """A Frictionless Data Package: the CSV files beside it with a Table Schema of real types
    (integer, string, date, boolean). Paths are relative: the files lie next to the package."""
    return {
        "profile": "tabular-data-package",
        "name": f"lotse-{programme.slug}",
        "title": str(_("Offene Daten: %(programme)s") % {"programme": programme.name}),
        "homepage": _url("public:data", programme.slug),
        "created": as_of.isoformat(),
        "licenses": [
            {"name": site.licence_id, "path": site.licence_url, "title": site.licence_name}
        ],
        "resources": [
            {
                "name": d.slug,
                "path": f"{d.slug}.csv",
                "profile": "tabular-data-resource",
                "title": str(d.title),
                "description": str(d.description),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
                "schema": {
                    "fields": [
                        {
                            "name": c.name,
                            "type": TABLE_TYPES[c.kind],
                            "description": str(c.meaning),
                            **({"format": "default"} if c.kind == DATE else {}),
                        }
                        for c in d.columns
                    ],
                    **({"primaryKey": ["id"]} if d.columns[0].name == "id" else {}),
                    "missingValues": [""],
                },
            }
            for d in DATASETS.values()
        ],
    }
