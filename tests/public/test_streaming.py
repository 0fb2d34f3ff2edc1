"""The open-data files stream (issue 14): rows are read and written a chunk at a time, the
ETag and Last-Modified come from the programme's freshness stamp, and conditional GET answers
304 before a single row is read."""

import csv
import io
import json
from datetime import UTC
from datetime import date
from datetime import datetime

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from django.utils.safestring import mark_safe

from lotse.public import opendata
from lotse.public import selectors
from lotse.public.models import ProgrammePublication
from lotse.public.models import PublicSiteSettings
from lotse.reporting.models import PublicRelease
from lotse.reporting.models import ReportingPeriod
from lotse.reporting.models import StatusReport
from tests.factories import ProjectFactory
from tests.factories import UserFactory
from tests.reporting.factories import ReportingConfigFactory
from tests.reporting.factories import StatusReportFactory


def _url(world, name: str, fmt: str) -> str:
    return reverse("public:dataset", args=[world.programme.slug, name, fmt])


@pytest.mark.parametrize("name", list(opendata.DATASETS))
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_every_file_streams(world, anon, name, fmt):
    response = anon.get(_url(world, name, fmt))
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["ETag"].startswith('"') and response["Last-Modified"]


def test_etag_and_last_modified_follow_the_freshness_stamp(world, anon):
    url = _url(world, "projekte", "csv")
    first = anon.get(url)
    etag, last_modified = first["ETag"], first["Last-Modified"]
    b"".join(first.streaming_content)
    with CaptureQueriesContext(connection) as ctx:
        again = anon.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again["ETag"] == etag
    assert not [q for q in ctx.captured_queries if "portfolio_project" in q["sql"]], (
        "answered without reading a project"
    )
    assert anon.get(url, headers={"If-Modified-Since": last_modified}).status_code == 304
    assert anon.get(_url(world, "projekte", "json"))["ETag"] != etag  # per file
    # any change to what the pages show moves the stamp (freshness.py): a new ETag, the file
    later = timezone.now() + timezone.timedelta(seconds=5)
    ProgrammePublication.objects.filter(programme=world.programme).update(content_changed_at=later)
    changed = anon.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert changed["Last-Modified"] == http_date(int(later.timestamp()))
    assert changed.getvalue().startswith(b"id,title,")


def test_a_title_change_moves_the_etag_of_the_file(world, anon):
    url = _url(world, "projekte", "csv")
    etag = anon.get(url)["ETag"]
    world.published.title = "Neuer Titel"
    world.published.save()  # a history record: the stamp moves
    response = anon.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 200 and "Neuer Titel" in response.getvalue().decode()


@pytest.mark.parametrize("chunk", [1, 2, 1000])
def test_the_streamed_files_equal_the_whole_documents(world, monkeypatch, chunk):
    """Whatever the chunk size, the JSON is what json.dumps(indent=2) writes of the whole
    document, and the CSV has every row once."""
    monkeypatch.setattr(opendata, "ROWS_PER_CHUNK", chunk)
    site = PublicSiteSettings.load()
    as_of = timezone.now()
    for dataset in opendata.DATASETS.values():
        rows = opendata.table(dataset, world.programme)
        text = "".join(opendata.json_chunks(dataset, world.programme, site=site, as_of=as_of))
        document = json.loads(text)
        names = [c.name for c in dataset.columns]
        assert document["records"] == [dict(zip(names, r, strict=True)) for r in rows]
        assert text == json.dumps(document, ensure_ascii=False, indent=2)
        lines = list(
            csv.reader(io.StringIO("".join(opendata.csv_chunks(dataset, world.programme))))
        )
        assert lines[0] == names and len(lines) == len(rows) + 1


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        False,
        0,
        -7,
        2**70,
        1.5,
        0.1,
        "",
        "Ämter „Süd“",
        'a"b\\c',
        "Zeile\nZeile\t\x01",
        "\u2028€",
        "100 %s %d %%",
        mark_safe('<b class="x">'),  # a str subclass
    ],
)
def test_a_record_value_is_written_as_json_dumps_writes_it(value):
    """The files write each value themselves (json's indent= path is pure Python)."""
    written = json.dumps(value, ensure_ascii=False)
    assert opendata._json_value(value) == written
    assert opendata._json_values([value, value]) == (written, written)  # a record's values


def test_an_empty_data_set_is_valid_json(world, anon):
    world.programme.projects.update(published=False)
    document = json.loads(anon.get(_url(world, "projekte", "json")).getvalue())
    assert document["records"] == []


def test_the_file_is_german_whatever_the_browser_asks(world, anon):
    response = anon.get(_url(world, "projekte", "json"), headers={"Accept-Language": "en"})
    document = json.loads(response.getvalue())
    assert document["fields"][0]["type"] == "Zahl"


def _page_record(row, url) -> list:
    """A row of the public pages (`selectors.project_rows`, the ORM) as the projects file
    writes it."""
    project = row.project
    return [
        project.pk,
        project.title,
        project.short_name,
        project.field_of_action_id,
        project.field_of_action.name,
        project.stage,
        str(project.get_stage_display()),
        project.kind,
        project.planned_start and project.planned_start.isoformat(),
        project.planned_end and project.planned_end.isoformat(),
        project.public_summary,
        project.org_unit.name if project.org_unit else "",
        row.public_lead,
        row.light or "",
        row.light_text if row.light else "",
        row.light_as_of and row.light_as_of.isoformat(),
        row.okr_percent,
        url(project.pk),
    ]


@pytest.mark.parametrize("release", [PublicRelease.AFTER_RELEASE, PublicRelease.AUTOMATIC])
def test_the_projects_file_says_what_the_public_pages_say(world, release):
    """The projects file reads its rows in SQL written out (`opendata_reads`, on SQLite and
    PostgreSQL); value for value it says what the pages' ORM reads say: the lead's name only
    with consent, the light of the latest public report and its Stand (the day it became
    public, in local time), text as it is."""
    ReportingConfigFactory(
        programme=world.programme, first_period_start=date(2025, 1, 1), public_release=release
    )
    StatusReport.objects.filter(project=world.named).update(
        state=StatusReport.State.ACCEPTED,
        overall="green",
        released_at=datetime(2025, 2, 20, 23, 30, tzinfo=UTC),  # the 21st in Berlin
    )
    odd = ProjectFactory(
        programme=world.programme,
        field_of_action=world.other_field,
        title='=SUMME("Ämter") \\ „Süd“\n€',
        short_name="-x",
        published=True,
        stage="paused",
        kind="quick_win",
        planned_start=date(2024, 12, 31),
        planned_end=None,
        public_summary="",
        lead=UserFactory(display_name="", first_name="Ada", last_name="Ö", public_name_opt_in=True),
        org_unit=None,
    )
    StatusReportFactory(
        project=odd,
        period=ReportingPeriod.objects.get(programme=world.programme, start=date(2025, 1, 1)),
        state=StatusReport.State.ACCEPTED,
        overall="red",
        released_at=None,  # public only where the programme releases automatically
        reviewed_at=datetime(2025, 1, 10, 23, 30, tzinfo=UTC),
    )
    pages = selectors.project_rows(world.programme)
    address = opendata._project_address(world.programme)
    records = opendata.table(opendata.PROJECTS, world.programme)
    assert records == [_page_record(row, lambda pk: f"{pk}".join(address)) for row in pages]
    by_pk = {
        r[0]: dict(zip([c.name for c in opendata.PROJECTS.columns], r, strict=True))
        for r in records
    }
    assert by_pk[world.named.pk]["status_as_of"] == "2025-02-21"
    assert by_pk[odd.pk]["lead_name"] == "Ada Ö"
    assert by_pk[odd.pk]["url"].endswith(f"/oeffentlich/stadt/projekte/{odd.pk}/")
    automatic = release == PublicRelease.AUTOMATIC
    assert by_pk[odd.pk]["overall_status"] == ("red" if automatic else "")
    assert by_pk[odd.pk]["status_as_of"] == ("2025-01-11" if automatic else None)
    okr = opendata.table(opendata.OKR, world.programme)
    assert okr == [
        ["Q1/2025", r.pk, r.project.title, r.project.field_of_action_id, r.okr_percent]
        for r in pages
        if r.has_okrs
    ]


def test_the_streamed_csv_rows_are_written_as_csv_text_writes_them():
    """`csv_rows` (the streamed files) skips `csv_cell` for plain text and whole numbers;
    every value comes out as `csv_text` writes it, formula guard included."""
    from decimal import Decimal

    from lotse.documents.csvfile import csv_rows
    from lotse.documents.csvfile import csv_text

    rows = [
        ["=1+1", "+49", "-x", "@a", "\tb", "\rc", "", "a,b", 'a"b', "Zeile\nZeile", "Ämter"],
        [None, True, False, 0, -7, 2**70, 1.5, Decimal("-2.50"), date(2025, 1, 2), "ok", "x"],
        [mark_safe("=SUMME(A1)"), mark_safe("-1"), mark_safe("gut"), None, "", 1, 2, 3, 4, 5, 6],
        [None],
        [""],
    ]
    names = [f"c{i}" for i in range(11)]
    assert csv_rows([names, *rows]) == csv_text(names, rows)
