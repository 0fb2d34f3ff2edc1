"""Portfolio import: templates to download, a preview, all or nothing with every bad row named
(sheet, row, column, value, why), the same file twice changes nothing, people and org units
matched by name (the rest listed), and history dated at the data's own dates."""

import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl import load_workbook

from lotse.portfolio.models import Project
from lotse.portfolio_import import reader
from lotse.portfolio_import import services
from lotse.portfolio_import.columns import MILESTONES
from lotse.portfolio_import.columns import PROJECTS
from lotse.portfolio_import.columns import REPORTS
from lotse.portfolio_import.columns import RISKS
from lotse.portfolio_import.columns import SHEETS
from lotse.reporting.models import Milestone
from lotse.reporting.models import Risk
from lotse.reporting.models import StatusReport
from tests.jobs.helpers import exported
from tests.reporting.factories import ReportingConfigFactory

PROJECT = {
    "Titel": "Digitale Bauakte",
    "Themenfeld": "Digitaler Bürgerservice",
    "Phase": "In Umsetzung",
    "Art": "Infrastruktur",
    "Projektleitung": "project_lead",
    "Organisationseinheit": "GB 9",
    "Beginn": "01.03.2024",
    "Ende": "31.12.2026",
    "Ziele": "Bauanträge digital",
    "Veröffentlicht": "ja",
}
SECOND = {
    **PROJECT,
    "Titel": "Schul-WLAN",
    "Projektleitung": "Frau Unbekannt",
    "Organisationseinheit": "Amt für Gibt-es-nicht",
    "Beginn": "",
    "Veröffentlicht": "nein",
}
MILESTONE = {
    "Projekt": "Digitale Bauakte",
    "Meilenstein": "Pilot",
    "Geplant am": "30.06.2024",
    "Erreicht am": "15.07.2024",
}
RISK = {
    "Projekt": "Schul-WLAN",
    "Risiko": "Lieferengpass",
    "Wahrscheinlichkeit (1–4)": "2",
    "Auswirkung (1–4)": "3",
}
REPORT = {
    "Projekt": "Digitale Bauakte",
    "Berichtsdatum": "31.03.2024",
    "Gesamtstatus": "gelb",
    "Erläuterung Gesamtstatus": "Schnittstelle verzögert",
    "Wo steht das Projekt?": "Pilot vorbereitet",
}
LATER = {
    **REPORT,
    "Berichtsdatum": "31.05.2024",
    "Gesamtstatus": "grün",
    "Erläuterung Gesamtstatus": "",
}


def workbook(**sheets: list[dict]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        headings = [c.heading for c in SHEETS[name]]
        sheet.append(headings)
        for row in rows:
            sheet.append([row.get(h, "") for h in headings])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def standard(**changes) -> bytes:
    sheets = {
        PROJECTS: [PROJECT, SECOND],
        MILESTONES: [MILESTONE],
        RISKS: [RISK],
        REPORTS: [REPORT, LATER],
    }
    sheets.update(changes)
    return workbook(**sheets)


@pytest.fixture
def programme(cast):
    ReportingConfigFactory(programme=cast.programme, first_period_start=date(2024, 1, 1))
    return cast.programme


def run(programme, user, data: bytes, commit=True):
    sheets = reader.read_workbook("portfolio.xlsx", data)
    return services.run_import(programme=programme, user=user, sheets=sheets, commit=commit)


def test_templates_download_with_every_column(cast):
    client = cast.client("pmo")
    response = client.get(reverse("portfolio_import:template_xlsx", args=[cast.programme.slug]))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [PROJECTS, MILESTONES, RISKS, REPORTS]
    assert book[PROJECTS]["A1"].value == "Titel *" and book[PROJECTS]["A1"].font.bold
    assert book[PROJECTS].freeze_panes == "A2"
    csv = client.get(
        reverse("portfolio_import:template_csv", args=[cast.programme.slug, "risiken"])
    )
    assert csv.content.decode("utf-8-sig").startswith("Projekt;Risiko;Wahrscheinlichkeit (1–4)")
    # The template's example rows are read like any file: only the example Themenfeld and the
    # missing reporting rhythm of this programme are problems.
    result = run(cast.programme, cast.users["pmo"], response.content, commit=False)
    assert [p.column for p in result.problems] == ["Themenfeld", "Berichtsdatum"]
    for role in ("viewer", "project_lead"):
        url = reverse("portfolio_import:import", args=[cast.programme.slug])
        assert cast.client(role).get(url).status_code == 403


def test_one_bad_row_is_refused_with_that_row_named_then_imported_whole(programme, cast):
    pmo = cast.users["pmo"]
    before = Project.objects.count()
    bad = standard(**{PROJECTS: [PROJECT, {**SECOND, "Phase": "Fertig"}]})
    result = run(programme, pmo, bad)
    assert not result.committed
    assert [str(p) for p in result.problems] == [
        "Projekte, Zeile 3, Spalte „Phase“ („Fertig“): unbekannter Wert; erlaubt sind: "
        "Projektidee, Projektplanung, Zeitnaher Start angedacht, Teilweise in Umsetzung, In "
        "Umsetzung, Abgeschlossen, Abgebrochen, Pausiert."
    ]
    assert Project.objects.count() == before and not Milestone.objects.exists()

    preview = run(programme, pmo, standard(), commit=False)
    assert preview.ok and not preview.committed
    assert (preview.counts[PROJECTS].created, preview.counts[REPORTS].created) == (2, 2)
    assert Project.objects.count() == before  # the preview wrote nothing

    result = run(programme, pmo, standard())
    assert result.committed
    assert {s: c.created for s, c in result.counts.items()} == {
        PROJECTS: 2,
        MILESTONES: 1,
        RISKS: 1,
        REPORTS: 2,
    }
    project = Project.objects.get(title="Digitale Bauakte")
    assert project.lead == cast.users["project_lead"] and project.org_unit == cast.org_unit
    assert project.stage == "running" and project.kind == "infrastructure" and project.published
    assert project.planned_start == date(2024, 3, 1) and project.field_of_action == cast.field
    wlan = Project.objects.get(title="Schul-WLAN")
    assert wlan.lead is None and wlan.org_unit is None and not wlan.published
    assert result.unmatched_people == {"Frau Unbekannt": [3]}
    assert result.unmatched_units == {"Amt für Gibt-es-nicht": [3]}
    assert Risk.objects.get().project == wlan

    # The same file twice changes nothing: no new rows, no new history.
    histories = (Project.history.count(), Milestone.history.count(), StatusReport.history.count())
    again = run(programme, pmo, standard())
    assert again.committed and again.changes == 0
    assert {s: c.unchanged for s, c in again.counts.items()} == {
        PROJECTS: 2,
        MILESTONES: 1,
        RISKS: 1,
        REPORTS: 2,
    }
    assert (
        Project.history.count(),
        Milestone.history.count(),
        StatusReport.history.count(),
    ) == histories


def test_an_org_unit_as_the_project_list_export_writes_it_is_matched(programme, cast):
    """The project list (XLSX) names a unit by code and name, "GB 9 – Geschäftsbereich
    Oberbürgermeister"; pasted into the import's Organisationseinheit it is that unit."""
    cast.project.org_unit = cast.org_unit
    cast.project.save()
    url = reverse("portfolio:project_list_xlsx", args=[cast.programme.slug])
    rows = list(load_workbook(io.BytesIO(exported(cast.client("viewer"), url)[1])).active.values)
    column = rows[0].index("Organisationseinheit")
    written = next(row[column] for row in rows if row[0] == "Kommunalportal")
    assert written == str(cast.org_unit)
    file = standard(**{PROJECTS: [{**PROJECT, "Organisationseinheit": written}, SECOND]})
    result = run(programme, cast.users["pmo"], file)
    assert result.committed and result.unmatched_units == {"Amt für Gibt-es-nicht": [3]}
    assert Project.objects.get(title="Digitale Bauakte").org_unit == cast.org_unit


def test_history_is_dated_at_the_datas_own_dates(programme, cast):
    run(programme, cast.users["pmo"], standard())
    project = Project.objects.get(title="Digitale Bauakte")
    first = project.history.order_by("history_date").first()
    assert timezone.localtime(first.history_date).date() == date(2024, 3, 1)
    # "As of" a day in April 2024 the project exists, with its March report accepted.
    april = timezone.make_aware(timezone.datetime(2024, 4, 15))
    assert Project.history.as_of(april).filter(id=project.pk).exists()
    report = StatusReport.objects.get(
        project=project, period__start__lte=date(2024, 3, 31), period__end__gte=date(2024, 3, 31)
    )
    assert report.state == "accepted" and report.overall == "amber"
    assert timezone.localtime(report.reviewed_at).date() == date(2024, 3, 31)
    as_of = StatusReport.history.as_of(april).get(id=report.pk)
    assert as_of.state == "accepted"
    # The project without a start is valid from its first report… none: from today.
    wlan = Project.objects.get(title="Schul-WLAN")
    assert wlan.history.earliest("history_date").history_date.date() <= timezone.localdate()


def test_every_problem_is_named(programme, cast):
    data = standard(
        **{
            MILESTONES: [
                {**MILESTONE, "Projekt": "Gibt es nicht"},
                {**MILESTONE, "Geplant am": "32.13.2024"},
                {**MILESTONE, "Geplant am": "31.12.9999"},
            ],
            RISKS: [{**RISK, "Wahrscheinlichkeit (1–4)": "7"}],
            REPORTS: [
                {**REPORT, "Erläuterung Gesamtstatus": ""},
                {**REPORT, "Berichtsdatum": "31.12.2020"},
            ],
            PROJECTS: [
                PROJECT,
                {**SECOND, "Themenfeld": "Mond"},
                {**PROJECT, "Ende": "01.01.2020"},
            ],
        }
    )
    problems = {
        (p.sheet, p.row, p.column, p.value): p.why
        for p in run(programme, cast.users["pmo"], data).problems
    }
    assert problems[(PROJECTS, 3, "Themenfeld", "Mond")].startswith(
        "Dieses Themenfeld gibt es im Programm nicht"
    )
    assert problems[(PROJECTS, 4, "Ende", "01.01.2020")] == "Das Ende liegt vor dem Beginn."
    assert problems[(MILESTONES, 2, "Projekt", "Gibt es nicht")].startswith(
        "Dieses Projekt steht weder"
    )
    assert (
        problems[(MILESTONES, 3, "Geplant am", "32.13.2024")] == "kein Datum im Format TT.MM.JJJJ."
    )
    assert (
        problems[(MILESTONES, 4, "Geplant am", "31.12.9999")]
        == "liegt nicht zwischen 1900 und 2200."
    )
    assert problems[(RISKS, 2, "Wahrscheinlichkeit (1–4)", "7")] == "eine ganze Zahl von 1 bis 4."
    assert problems[(REPORTS, 2, "Erläuterung Gesamtstatus", "")].startswith(
        "„Gesamtstatus“ ist nicht grün"
    )
    assert "keinen Berichtszeitraum" in problems[(REPORTS, 3, "Berichtsdatum", "31.12.2020")]
    assert not Project.objects.filter(title="Digitale Bauakte").exists()


def test_csv_files_in_windows_encoding_and_the_pages(programme, cast):
    client = cast.client("pmo")
    url = reverse("portfolio_import:import", args=[programme.slug])
    headings = [c.heading for c in SHEETS[PROJECTS]]
    text = ";".join(headings) + "\r\n" + ";".join(PROJECT.get(h, "") for h in headings) + "\r\n"
    upload = io.BytesIO(text.encode("cp1252"))
    upload.name = "projekte.csv"
    preview = client.post(url, {"action": "preview", "projekte": upload})
    page = preview.content.decode()
    assert preview.status_code == 200 and "Vorschau: so würde importiert" in page
    assert not Project.objects.filter(title="Digitale Bauakte").exists()
    token = preview.context["token"]
    done = client.post(url, {"action": "import", "token": token})
    assert "Importiert" in done.content.decode()
    assert Project.objects.get(title="Digitale Bauakte").field_of_action == cast.field
    # The token is used up; a bad file is answered with 422 and the table of problems.
    assert client.post(url, {"action": "import", "token": token}).status_code == 422
    bad = io.BytesIO(standard(**{PROJECTS: [{**PROJECT, "Veröffentlicht": "vielleicht"}]}))
    bad.name = "portfolio.xlsx"
    refused = client.post(url, {"action": "preview", "arbeitsmappe": bad})
    assert refused.status_code == 422
    assert "<td>2</td><td>Veröffentlicht</td><td>vielleicht</td>" in refused.content.decode()
    assert client.post(url, {"action": "preview"}).status_code == 422


def test_every_problem_of_every_row_is_named_not_only_the_first(programme, cast):
    data = standard(
        **{
            PROJECTS: [
                {
                    **PROJECT,
                    "Phase": "Träumerei",
                    "Beginn": "morgen",
                    "Veröffentlicht": "vielleicht",
                },
                {**SECOND, "Titel": "", "Art": "Kunst", "Ende": "2024-13-01"},
            ],
            MILESTONES: [{**MILESTONE, "Geplant am": "bald", "Erreicht am": "nie"}],
            RISKS: [
                {**RISK, "Wahrscheinlichkeit (1–4)": "7", "Auswirkung (1–4)": "0", "Status": "?"}
            ],
            REPORTS: [{**REPORT, "Berichtsdatum": "gestern", "Termine": "lila"}],
        }
    )
    result = run(programme, cast.users["pmo"], data)
    found = {(p.sheet, p.row, p.column, p.value) for p in result.problems}
    assert {
        (PROJECTS, 2, "Phase", "Träumerei"),
        (PROJECTS, 2, "Beginn", "morgen"),
        (PROJECTS, 2, "Veröffentlicht", "vielleicht"),
        (PROJECTS, 3, "Titel", ""),
        (PROJECTS, 3, "Art", "Kunst"),
        (PROJECTS, 3, "Ende", "2024-13-01"),
        (MILESTONES, 2, "Geplant am", "bald"),
        (MILESTONES, 2, "Erreicht am", "nie"),
        (RISKS, 2, "Wahrscheinlichkeit (1–4)", "7"),
        (RISKS, 2, "Auswirkung (1–4)", "0"),
        (RISKS, 2, "Status", "?"),
        (REPORTS, 2, "Berichtsdatum", "gestern"),
        (REPORTS, 2, "Termine", "lila"),
    } <= found, sorted(found)
    # Each problem once (a missing title is not also "too long"), each with its reason.
    assert len(result.problems) == len(found)
    assert all(p.why for p in result.problems)
    assert not result.ok and not result.committed
    assert not Project.objects.filter(title="Digitale Bauakte").exists()
