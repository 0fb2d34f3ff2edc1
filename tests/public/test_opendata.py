"""Open data downloads: CSV and JSON of the published data, documented fields, licence."""

import csv
import io
import json

import pytest
from django.urls import reverse

from lotse.public.models import PublicSiteSettings
from lotse.public.opendata import DATASETS


def _get(anon, world, name, fmt):
    return anon.get(reverse("public:dataset", args=[world.programme.slug, name, fmt]))


def _csv(anon, world, name) -> list[dict]:
    response = _get(anon, world, name, "csv")
    assert response["Content-Type"].startswith("text/csv; charset=utf-8")
    body = response.getvalue()
    assert not body.startswith(b"\xef\xbb\xbf"), "UTF-8 without byte order mark"
    return list(csv.DictReader(io.StringIO(body.decode("utf-8"))))


def test_projects_csv_has_one_row_per_published_project(world, anon):
    rows = _csv(anon, world, "projekte")
    assert [r["title"] for r in rows] == ["Online-Terminvergabe", "E-Akte"]
    first = rows[0]
    assert list(first) == [c.name for c in DATASETS["projekte"].columns]
    assert first["stage"] == "running" and first["stage_label"] == "In Umsetzung"
    assert first["overall_status"] == "amber" and first["overall_status_label"] == "gelb"
    assert first["status_as_of"] == "2025-01-28"
    assert first["okr_progress_percent"] == "50"
    assert first["lead_name"] == ""  # the lead did not opt in
    assert first["url"].endswith(f"/oeffentlich/stadt/projekte/{world.published.pk}/")
    assert rows[1]["overall_status"] == ""  # only a draft: no light


def test_milestones_and_fields_csv(world, anon):
    milestones = _csv(anon, world, "meilensteine")
    assert [
        (m["title"], m["planned_date"], m["forecast_date"], m["actual_date"], m["reached"])
        for m in milestones
    ] == [
        ("Pilot im Bürgeramt", "2025-03-01", "2025-04-01", "", "false"),
        ("Start für alle", "2025-06-01", "", "2025-05-20", "true"),
    ]
    fields = _csv(anon, world, "themenfelder")
    assert [(f["name"], f["target_state"], f["published_projects"]) for f in fields] == [
        ("Bürgerservice", "Alles online.", "1"),
        ("Verwaltung", "Papierlos.", "1"),
    ]


def test_okr_csv_lists_published_projects_of_the_active_quarter(world, anon):
    rows = _csv(anon, world, "okr")
    assert rows == [
        {
            "quarter": "Q1/2025",
            "project_id": str(world.published.pk),
            "project_title": "Online-Terminvergabe",
            "field_of_action_id": str(world.field.pk),
            "progress_percent": "50",
        }
    ]


@pytest.mark.parametrize("name", list(DATASETS))
def test_json_has_licence_documentation_and_the_same_records_as_csv(world, anon, name):
    document = json.loads(_get(anon, world, name, "json").getvalue())
    assert document["dataset"] == name
    assert document["licence"] == {
        "name": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
        "id": "dl-de/by-2-0",
        "url": "https://www.govdata.de/dl-de/by-2-0",
        "attribution": "",
    }
    assert [f["name"] for f in document["fields"]] == [c.name for c in DATASETS[name].columns]
    assert all(f["description"] for f in document["fields"])
    rows = _csv(anon, world, name)
    assert len(document["records"]) == len(rows)
    for record, row in zip(document["records"], rows, strict=True):
        assert set(record) == set(row)
        for key, value in record.items():
            expected = "" if value is None else value
            if isinstance(value, bool):
                expected = "true" if value else "false"
            assert str(expected) == row[key]


def test_the_documentation_page_lists_every_field_and_the_licence(world, anon):
    html = anon.get(reverse("public:data", args=[world.programme.slug])).content.decode()
    for dataset in DATASETS.values():
        for column in dataset.columns:
            assert f"<code>{column.name}</code>" in html, (dataset.slug, column.name)
            assert str(column.meaning) in html.replace("&quot;", '"').replace("&#x27;", "'")
        for fmt in ("csv", "json"):
            assert reverse("public:dataset", args=[world.programme.slug, dataset.slug, fmt]) in html
    assert "Datenlizenz Deutschland – Namensnennung – Version 2.0" in html
    assert "dl-de/by-2-0" in html
    assert "UTF-8" in html and "Komma" in html


def test_the_licence_is_configurable(world, anon):
    PublicSiteSettings.objects.create(
        licence_name="Creative Commons Namensnennung 4.0",
        licence_id="CC-BY-4.0",
        licence_url="https://creativecommons.org/licenses/by/4.0/",
        attribution="Stadt Musterstadt",
    )
    document = json.loads(_get(anon, world, "projekte", "json").getvalue())
    assert document["licence"]["id"] == "CC-BY-4.0"
    assert document["licence"]["attribution"] == "Stadt Musterstadt"
    html = anon.get(reverse("public:data", args=[world.programme.slug])).content.decode()
    assert "Creative Commons Namensnennung 4.0" in html and "Stadt Musterstadt" in html


def test_csv_quotes_commas_and_line_breaks(world, anon):
    world.published.public_summary = 'Termine, "online"\nund vor Ort'
    world.published.save()
    rows = _csv(anon, world, "projekte")
    assert rows[0]["public_summary"] == 'Termine, "online"\nund vor Ort'
