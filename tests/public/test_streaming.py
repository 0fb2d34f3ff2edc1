"""The open-data files stream (issue 14): rows are read and written a chunk at a time, the
ETag and Last-Modified come from the programme's freshness stamp, and conditional GET answers
304 before a single row is read."""

import csv
import io
import json

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from lotse.public import opendata
from lotse.public.models import ProgrammePublication, PublicSiteSettings


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
    ],
)
def test_a_record_value_is_written_as_json_dumps_writes_it(value):
    """The files write each value themselves (json's indent= path is pure Python)."""
    assert opendata._json_value(value) == json.dumps(value, ensure_ascii=False)


def test_an_empty_data_set_is_valid_json(world, anon):
    world.programme.projects.update(published=False)
    document = json.loads(anon.get(_url(world, "projekte", "json")).getvalue())
    assert document["records"] == []


def test_the_file_is_german_whatever_the_browser_asks(world, anon):
    response = anon.get(_url(world, "projekte", "json"), headers={"Accept-Language": "en"})
    document = json.loads(response.getvalue())
    assert document["fields"][0]["type"] == "Zahl"


def test_open_data_rows_say_what_the_public_pages_say(world):
    """The narrow rows of the files and the rows of the pages agree field by field, the
    lead's name (only with consent) included."""
    from lotse.public import selectors

    pages = {r.pk: r for r in selectors.project_rows(world.programme)}
    files = list(selectors.iter_project_rows(world.programme))
    assert [r.pk for r in files] == list(pages)
    assert any(r.public_lead for r in files) and any(not r.public_lead for r in files)
    for row in files:
        page = pages[row.pk]
        project = page.project
        assert (row.title, row.short_name, row.stage, row.kind) == (
            project.title,
            project.short_name,
            project.stage,
            project.kind,
        )
        assert row.stage_label == str(project.get_stage_display())
        assert row.field_of_action_name == project.field_of_action.name
        assert row.org_unit_name == (project.org_unit.name if project.org_unit else "")
        assert (row.public_lead, row.light, row.light_text, row.light_as_of) == (
            page.public_lead,
            page.light,
            page.light_text,
            page.light_as_of,
        )
        assert (row.okr_percent, row.has_okrs) == (page.okr_percent, page.has_okrs)
