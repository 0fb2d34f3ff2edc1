"""The catalogue import: all or nothing, row-level German errors, idempotent, German numbers,
semicolon CSV in UTF-8 and Windows-1252, XLSX."""

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from lotse.documents import tabular
from lotse.ozg import importing
from lotse.ozg.models import PublicService
from tests.factories import OrgUnitFactory

from .factories import PublicServiceFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "Bezeichnung;LeiKa;Themenfeld;Leistungsbündel;Organisationseinheit;Reifegrad;"
    "Ziel-Reifegrad;Zieltermin;Online-Zugang;Projekte"
)


def _run(cast, text: str, encoding: str = "utf-8", name: str = "k.csv"):
    header, rows = tabular.read_table(name, text.encode(encoding))
    return importing.check(cast.programme, header, rows)


def test_semicolon_cp1252_with_all_columns(cast):
    text = (
        HEADER
        + "\nGewerbe anmelden;99050012104000;Unternehmensführung;Gewerbe;GB 9;2,0;3;31.12.2026;"
        "Kommunalportal;Kommunalportal | Beteiligungsportal\n"
    )
    checked = _run(cast, text, "cp1252")
    assert checked.ok, [str(p) for p in checked.problems]
    assert importing.apply(cast.programme, checked) == 1
    service = PublicService.objects.get()
    assert service.ozg_field == "Unternehmensführung"
    assert service.org_unit == cast.org_unit
    assert (service.maturity, service.target_level) == (2, 3)
    assert service.target_date == date(2026, 12, 31)
    assert service.channel == "kommunalportal"
    assert service.projects.count() == 2


def test_importing_twice_changes_nothing(cast):
    text = HEADER + "\nA;111;;;GB 9;1;3;31.12.2026;kein;Kommunalportal\nB;;;;;0;;;;\n"
    importing.apply(cast.programme, _run(cast, text))
    versions = PublicService.history.count()
    checked = _run(cast, text)
    assert checked.unchanged == 2
    assert importing.apply(cast.programme, checked) == 0
    assert PublicService.history.count() == versions


def test_matching_by_leika_then_name_updates_in_place(cast):
    by_key = PublicServiceFactory(programme=cast.programme, name="Alt", leika_key="111")
    by_name = PublicServiceFactory(programme=cast.programme, name="Hund anmelden")
    text = "Bezeichnung;LeiKa;Reifegrad\nNeu;111;3\nhund  ANMELDEN;;2\n"
    checked = _run(cast, text)
    assert checked.updated == 2
    importing.apply(cast.programme, checked)
    by_key.refresh_from_db()
    by_name.refresh_from_db()
    assert (by_key.name, by_key.maturity) == ("Neu", 3)
    assert by_name.maturity == 2


def test_every_problem_is_named_and_nothing_is_written(cast):
    text = (
        HEADER + "\nA;;;;XX 1;5;;;;\n"
        "B;;;;;2;3;32.13.2026;Telefon;Unbekannt\n"
        ";;;;;1;;;;\n"
        "C;;;;;1;;01.01.2027;;\n"
        "A;;;;;1;;;;\n"
    )
    checked = _run(cast, text)
    messages = [str(p) for p in checked.problems]
    assert any("Zeile 2, Spalte „Organisationseinheit“, Wert „XX 1“" in m for m in messages)
    assert any("Zeile 2, Spalte „Reifegrad“, Wert „5“" in m for m in messages)
    assert any("Zeile 3, Spalte „Zieltermin“, Wert „32.13.2026“" in m for m in messages)
    assert any("Zeile 3, Spalte „Online-Zugang“, Wert „Telefon“" in m for m in messages)
    assert any("Zeile 3, Spalte „Projekte“, Wert „Unbekannt“" in m for m in messages)
    assert any("Zeile 4, Spalte „Bezeichnung“" in m for m in messages)
    assert any("Zeile 5, Spalte „Zieltermin“" in m and "Ziel-Reifegrad" in m for m in messages)
    assert not checked.ok
    with pytest.raises(ValidationError):
        importing.apply(cast.programme, checked)
    assert not PublicService.objects.exists()


def test_duplicate_rows_are_refused(cast):
    checked = _run(cast, "Bezeichnung;Reifegrad\nA;1\na;2\n")
    assert "Dieselbe Leistung steht schon in Zeile 2" in str(checked.problems[0])


def test_missing_columns(cast):
    checked = _run(cast, "Name;Stufe\nA;1\n")
    assert [str(p) for p in checked.problems] == [
        "Datei: Die Spalte „Reifegrad“ fehlt.",
    ]


def test_xlsx_with_numbers_and_dates(cast):
    OrgUnitFactory(code="FB 33", name="Bürgerservice")
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Leistung", "Reifegrad", "Ziel-Reifegrad", "Zieltermin", "OE"])
    sheet.append(["Wohnsitz anmelden", 2.0, 3, date(2026, 6, 30), "Bürgerservice"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    header, rows = tabular.read_table("k.xlsx", buffer.getvalue())
    checked = importing.check(cast.programme, header, rows)
    assert checked.ok, [str(p) for p in checked.problems]
    importing.apply(cast.programme, checked)
    service = PublicService.objects.get()
    assert (service.maturity, service.target_date, service.org_unit.code) == (
        2,
        date(2026, 6, 30),
        "FB 33",
    )


def test_unreadable_files(cast):
    with pytest.raises(ValidationError):
        tabular.read_table("k.pdf", b"x")
    with pytest.raises(ValidationError):
        tabular.read_table("k.xlsx", b"not a zip")
    with pytest.raises(ValidationError):
        tabular.read_table("k.csv", b"\n\n")


def test_control_characters_are_refused(cast):
    checked = _run(cast, "Bezeichnung;Reifegrad\nA\x07B;1\n")
    assert "Steuerzeichen" in str(checked.problems[0])
