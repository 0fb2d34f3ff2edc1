"""Import of actuals: formats, encodings, German errors per row, all or nothing, idempotent."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from lotse.finance import importing
from lotse.finance.models import Actual
from lotse.finance.models import ActualImport
from lotse.finance.models import BudgetLine
from tests.jobs.helpers import job_of
from tests.jobs.helpers import run_jobs

GOOD = (
    "Kostenstelle;Monat;Ist;Obligo\nKST-4711;04.2026;1.280,50;200\nKST-4711;05.2026;2.000,00 €;\n"
)


def _check(cast, text: str, name: str = "ist.csv", encoding: str = "utf-8"):
    header, rows = importing.read_file(name, text.encode(encoding))
    return importing.check(cast.programme, header, rows)


def test_semicolon_csv_with_german_numbers(cast, money):
    checked = _check(cast, GOOD)
    assert checked.ok, [str(p) for p in checked.problems]
    assert [(c.month, c.actual, c.committed) for c in checked.changes] == [
        (date(2026, 4, 1), Decimal("1280.50"), Decimal("200.00")),
        (date(2026, 5, 1), Decimal("2000.00"), Decimal("0")),
    ]
    assert importing.apply(checked) == 2
    assert Actual.objects.get(budget_line=money.line, month=date(2026, 4, 1)).source == "import"


def test_windows_1252_and_investment_number(cast, money):
    text = "Investitionsnummer;Monat;Ist;Korrekturgrund\nINV-99;03.2027;-500,00;Storno Büromöbel\n"
    checked = _check(cast, text, encoding="cp1252")
    assert checked.ok, [str(p) for p in checked.problems]
    assert checked.changes[0].reason == "Storno Büromöbel"
    assert checked.changes[0].line == money.planned_line


def test_xlsx_with_numbers_and_dates(cast, money):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Haushaltsbezug", "Monat", "Ist"])
    sheet.append(["KST-4711", date(2026, 6, 15), 1234.5])
    buffer = BytesIO()
    workbook.save(buffer)
    header, rows = importing.read_file("ist.xlsx", buffer.getvalue())
    checked = importing.check(cast.programme, header, rows)
    assert checked.ok, [str(p) for p in checked.problems]
    assert (checked.changes[0].month, checked.changes[0].actual) == (
        date(2026, 6, 1),
        Decimal("1234.50"),
    )


def test_every_bad_row_is_reported_in_german_and_nothing_is_written(cast, money):
    text = (
        "Kostenstelle;Monat;Ist\n"
        "KST-4711;04.2026;1.280,50\n"
        "KST-0000;04.2026;10\n"
        "KST-4711;April;10\n"
        "KST-4711;05.2026;zehn Euro\n"
        "KST-4711;06.2026;-5\n"
        "KST-4711;04.2030;5\n"
    )
    checked = _check(cast, text)
    messages = [str(p) for p in checked.problems]
    assert messages == [
        "Zeile 3, Spalte „Kostenstelle“, Wert „KST-0000“: Zu diesem Haushaltsbezug gibt es keinen "
        "Haushaltsansatz im Programm.",
        "Zeile 4, Spalte „Monat“, Wert „April“: Kein Monat; erwartet z. B. 03.2026.",
        "Zeile 5, Spalte „Ist“, Wert „zehn Euro“: „zehn Euro“ ist kein Betrag. Schreiben Sie z. B. "
        "1.280,00 oder 1280.",
        "Zeile 6, Spalte „Ist“, Wert „-5“: Ein negativer Betrag ist nur als Korrektur mit Grund "
        "(Spalte „Korrekturgrund“) möglich.",
        "Zeile 7, Spalte „Kostenstelle“, Wert „KST-4711“: Der Haushaltsansatz gilt nicht für 2030.",
    ]
    before = Actual.objects.count()
    with pytest.raises(Exception):  # noqa: B017, PT011 - the refusal is the point
        importing.apply(checked)
    assert Actual.objects.count() == before


def test_missing_columns_are_named(cast, money):
    checked = _check(cast, "Betrag;Datum\n1;2\n")
    assert [str(p) for p in checked.problems] == [
        "Datei: Die Spalte „Monat“ fehlt.",
        "Datei: Die Spalte „Ist“ fehlt.",
        "Datei: Es fehlt eine Spalte mit dem Haushaltsbezug: Kostenstelle, Produkt, "
        "Investitionsnummer oder Haushaltsbezug.",
    ]


def test_rows_of_one_month_add_up_and_a_rerun_changes_nothing(cast, money):
    text = "Kostenstelle;Monat;Ist\nKST-4711;04.2026;100\nKST-4711;04.2026;50,25\n"
    checked = _check(cast, text)
    assert [(c.actual, c.rows) for c in checked.changes] == [(Decimal("150.25"), [2, 3])]
    assert importing.apply(checked) == 1
    history = Actual.history.count()
    again = _check(cast, text)
    assert [c.status for c in again.changes] == ["unverändert"]
    assert importing.apply(again) == 0
    assert Actual.history.count() == history


def test_upload_preview_then_import_through_the_pages(cast, money):
    client = cast.client("pmo")
    url = reverse("finance:import", args=[cast.programme.slug])
    bad = SimpleUploadedFile("ist.csv", b"Kostenstelle;Monat;Ist\nKST-4711;13.2026;5\n")
    response = client.post(url, {"file": bad}, follow=True)
    assert "Zeile 2, Spalte „Monat“, Wert „13.2026“" in response.content.decode()
    assert not Actual.objects.filter(source="import").exists()
    good = SimpleUploadedFile("ist.csv", GOOD.encode())
    uploaded = client.post(url, {"file": good})
    assert uploaded.status_code == 302
    preview = client.get(uploaded["Location"])
    assert preview.context["checked"].ok
    assert not Actual.objects.filter(source="import").exists()  # preview writes nothing
    done = client.post(uploaded["Location"])
    assert done.status_code == 302
    assert Actual.objects.filter(source="import").count() == 2
    stale = client.post(uploaded["Location"], follow=True)
    assert "abgelaufen oder schon importiert" in stale.content.decode()
    assert Actual.objects.filter(source="import").count() == 2


def test_the_upload_is_kept_on_the_server_not_in_the_session(cast, money):
    client = cast.client("pmo")
    url = reverse("finance:import", args=[cast.programme.slug])
    uploaded = client.post(url, {"file": SimpleUploadedFile("ist.csv", GOOD.encode())})
    stored = ActualImport.objects.get()
    assert uploaded["Location"].endswith(f"/{stored.token}/")
    assert (stored.row_count, stored.status, len(stored.digest)) == (2, "preview", 64)
    assert stored.rows[0][:3] == ["KST-4711", "04.2026", "1.280,50"]
    assert "finance_import" not in client.session
    client.post(uploaded["Location"])
    stored.refresh_from_db()
    assert (stored.status, stored.changed, stored.rows) == ("done", 2, [])
    log = client.get(url).content.decode()
    assert "ist.csv" in log and "2 Monatswerte geändert" in log


def test_the_same_file_imported_twice_changes_nothing(cast, money):
    client = cast.client("pmo")
    url = reverse("finance:import", args=[cast.programme.slug])
    for _ in range(2):
        uploaded = client.post(url, {"file": SimpleUploadedFile("ist.csv", GOOD.encode())})
        client.post(uploaded["Location"])
    assert list(ActualImport.objects.values_list("changed", flat=True)) == [0, 2]
    assert Actual.objects.filter(source="import").count() == 2


def test_another_users_preview_is_not_found(cast, money):
    url = reverse("finance:import", args=[cast.programme.slug])
    uploaded = cast.client("pmo").post(url, {"file": SimpleUploadedFile("a.csv", GOOD.encode())})
    other = cast.client("programme_manager").post(uploaded["Location"], follow=True)
    assert "abgelaufen" in other.content.decode()
    assert not Actual.objects.filter(source="import").exists()


@pytest.mark.parametrize("role", ["project_lead", "viewer", "member", "change_manager"])
def test_only_the_programme_office_imports(cast, role):
    url = reverse("finance:import", args=[cast.programme.slug])
    assert cast.client(role).get(url).status_code == 403


def test_a_large_file_is_written_by_the_background_worker(cast, money, monkeypatch):
    monkeypatch.setattr(importing, "JOB_ROWS", 1)  # GOOD has two rows: "large"
    client = cast.client("pmo")
    url = reverse("finance:import", args=[cast.programme.slug])
    uploaded = client.post(url, {"file": SimpleUploadedFile("ist.csv", GOOD.encode())})
    assert client.get(uploaded["Location"]).context["checked"].ok  # preview in the request
    response = client.post(uploaded["Location"])
    job = job_of(response)
    assert not Actual.objects.filter(source="import").exists()  # nothing written yet
    assert job.programme == cast.programme and "ist.csv" in job.title
    assert job_of(client.post(uploaded["Location"])).pk == job.pk  # a second click joins
    run_jobs()
    job.refresh_from_db()
    assert job.status == "done", job.error
    assert Actual.objects.filter(source="import").count() == 2
    assert "2 Monatswerte geschrieben" in job.summary
    assert job.result_url == reverse("finance:overview", args=[cast.programme.slug])
    assert ActualImport.objects.get().status == "done"


def test_a_large_import_that_no_longer_fits_fails_in_german_and_writes_nothing(
    cast, money, monkeypatch
):
    monkeypatch.setattr(importing, "JOB_ROWS", 1)
    client = cast.client("pmo")
    url = reverse("finance:import", args=[cast.programme.slug])
    uploaded = client.post(url, {"file": SimpleUploadedFile("ist.csv", GOOD.encode())})
    job = job_of(client.post(uploaded["Location"]))
    # Between preview and the worker, the cost centre the file names is renamed.
    BudgetLine.objects.filter(cost_centre="KST-4711").update(cost_centre="KST-0815")
    run_jobs()
    job.refresh_from_db()
    assert job.status == "failed"
    assert job.error.startswith("Nichts importiert")
    assert "Zeile 2" in job.error
    assert not Actual.objects.filter(source="import").exists()
    assert ActualImport.objects.get().status == "preview"  # can be retried
