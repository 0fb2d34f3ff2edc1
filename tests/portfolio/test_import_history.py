"""`manage.py import_history --valid-from`: imported data counts from its own date."""

import json
from datetime import date

import pytest
from django.core.management import CommandError
from django.core.management import call_command

from lotse.council_reports.collect import collect_report
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Project

from ..factories import OrgUnitFactory


def _write(tmp_path, rows) -> str:
    path = tmp_path / "daten.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    return str(path)


def test_imported_projects_appear_as_of_their_valid_from_day(cast, tmp_path):
    # The cast's programme exists in Lotse since today; the city's history goes back further.
    call_command(
        "import_history",
        _write(
            tmp_path,
            [
                {
                    "model": "portfolio.project",
                    "fields": {
                        "programme": cast.programme.pk,
                        "field_of_action": cast.field.pk,
                        "title": "Aus Excel übernommen",
                        "stage": "running",
                    },
                }
            ],
        ),
        "--valid-from",
        "2024-03-01",
    )
    project = Project.objects.get(title="Aus Excel übernommen")
    record = Project.history.get(id=project.pk)
    assert f"{record.history_date.date():%Y-%m-%d}" in ("2024-02-29", "2024-03-01")
    assert Project.history.as_of(record.history_date).filter(id=project.pk).exists()


def test_a_bad_row_writes_nothing_and_names_the_row(db, tmp_path):
    OrgUnitFactory(code="FB 1")
    rows = [
        {"model": "portfolio.orgunit", "fields": {"code": "FB 2", "name": "Zwei"}},
        {"model": "portfolio.orgunit", "fields": {"code": "", "name": "ohne Kürzel"}},
    ]
    with pytest.raises(CommandError, match="Datensatz 2"):
        call_command("import_history", _write(tmp_path, rows), "--valid-from", "2024-03-01")
    assert not OrgUnit.objects.filter(code="FB 2").exists()
    assert not OrgUnit.history.filter(code="FB 2").exists()


def test_history_stays_in_order(db, tmp_path):
    unit = OrgUnitFactory(code="FB 3", name="Drei")
    rows = [{"model": "portfolio.orgunit", "pk": unit.pk, "fields": {"code": "FB 3", "name": "x"}}]
    with pytest.raises(CommandError, match="schon einen Stand"):
        call_command("import_history", _write(tmp_path, rows), "--valid-from", "2024-03-01")
    unit.refresh_from_db()
    assert unit.name == "Drei"


def test_bad_dates_are_refused_in_german(db, tmp_path):
    path = _write(tmp_path, [])
    with pytest.raises(CommandError, match="JJJJ-MM-TT"):
        call_command("import_history", path, "--valid-from", "01.03.2024")
    with pytest.raises(CommandError, match="Zukunft"):
        call_command("import_history", path, "--valid-from", "2200-01-01")


def test_reports_can_be_made_as_of_an_imported_programme_start(db, tmp_path):
    rows = [
        {
            "model": "portfolio.programme",
            "fields": {"name": "Altprogramm", "slug": "alt", "start_date": "2023-01-01"},
        }
    ]
    call_command("import_history", _write(tmp_path, rows), "--valid-from", "2023-01-01")
    from lotse.portfolio.models import Programme

    report = collect_report(
        programme=Programme.objects.get(slug="alt"), kind="committee", as_of=date(2023, 6, 30)
    )
    assert report.programme_name == "Altprogramm"
