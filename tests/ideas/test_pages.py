"""Internal idea pages, role by role, and the flows behind their buttons."""

import re
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import Workbook
from openpyxl import load_workbook

from lotse.ideas import services
from lotse.ideas.models import Criterion
from lotse.ideas.models import Idea
from lotse.ideas.models import ModerationEvent
from lotse.ideas.models import Score
from lotse.ideas.models import ScoringRound
from tests.jobs.helpers import exported
from tests.jobs.helpers import job_of
from tests.jobs.helpers import run_jobs
from tests.roles import SIGNED_IN

from .conftest import make_idea


@pytest.mark.parametrize("role", SIGNED_IN)
def test_list_and_criteria_access(cast, ideas, role):
    client = cast.client(role)
    for name in ("ideas:list", "ideas:criteria", "ideas:rounds"):
        response = client.get(reverse(name, args=[cast.programme.slug]))
        assert response.status_code == (403 if role == "outsider" else 200), name


def test_anonymous_is_sent_to_login(cast, ideas):
    response = cast.client("anonymous").get(reverse("ideas:list", args=[cast.programme.slug]))
    assert response.status_code == 302 and "/konto/" in response["Location"]


def test_inbox_shows_pending_only_to_moderators(cast, ideas):
    url = reverse("ideas:list", args=[cast.programme.slug])
    assert ideas.pending.title in cast.client("pmo").get(url).content.decode()
    assert ideas.pending.title not in cast.client("change_manager").get(url).content.decode()
    detail = reverse("ideas:detail", args=[ideas.pending.pk])
    assert cast.client("change_manager").get(detail).status_code == 404
    page = cast.client("pmo").get(detail).content.decode()
    assert "Erika Mustermann" in page  # the moderator sees the contact


def test_moderation_buttons(cast, ideas):
    pmo = cast.client("pmo")
    assert pmo.post(reverse("ideas:approve", args=[ideas.pending.pk])).status_code == 302
    ideas.pending.refresh_from_db()
    assert ideas.pending.moderation == "approved"
    pmo.post(reverse("ideas:hide", args=[ideas.pending.pk]), {"reason": ""})
    ideas.pending.refresh_from_db()
    assert ideas.pending.moderation == "approved"  # refused without reason
    pmo.post(reverse("ideas:hide", args=[ideas.pending.pk]), {"reason": "Beleidigend"})
    ideas.pending.refresh_from_db()
    assert ideas.pending.moderation == "hidden"
    pmo.post(reverse("ideas:merge", args=[ideas.staff.pk]), {"into": ideas.approved.pk})
    ideas.staff.refresh_from_db()
    assert ideas.staff.merged_into == ideas.approved
    assert ModerationEvent.objects.filter(action__in=["approved", "hidden", "merged"]).count() == 3
    # a BCM cannot moderate
    response = cast.client("change_manager").post(
        reverse("ideas:approve", args=[ideas.approved.pk])
    )
    assert response.status_code == 403


def test_staff_idea_form(cast, ideas):
    url = reverse("ideas:create", args=[cast.programme.slug])
    assert cast.client("viewer").get(url).status_code == 403
    response = cast.client("change_manager").post(
        url,
        {"title": "Digitale Akte", "description": "Im Bauamt", "field_of_action": cast.field.pk},
    )
    assert response.status_code == 302
    idea = Idea.objects.get(title="Digitale Akte")
    assert idea.author == cast.users["change_manager"] and not idea.is_public


def test_edit_citizen_idea_needs_note(cast, ideas):
    url = reverse("ideas:edit", args=[ideas.approved.pk])
    data = {"title": "Neu", "description": "Beschreibung", "version": ideas.approved.version}
    response = cast.client("pmo").post(url, data)
    assert response.status_code == 200 and "Hinweis" in response.content.decode()
    response = cast.client("pmo").post(url, {**data, "note": "gekürzt"})
    assert response.status_code == 302


def _xlsx(rows) -> BytesIO:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "workshop.xlsx"
    return buffer


HEAD = ["Titel", "Beschreibung", "Themenfeld", "Quelle", "Kostenschätzung (EUR)"]


def test_workshop_import_all_or_nothing(cast, ideas):
    url = reverse("ideas:import", args=[cast.programme.slug])

    def upload(*rows):
        workshop = _xlsx([HEAD, *rows])
        return cast.client("pmo").post(url, {"file": workshop, "source": "Workshop 12.03."})

    response = upload(
        ["Gut", "Text", cast.field.name, "", "1.000,50"],
        ["", "ohne Titel", "Unbekannt", "", "viel"],
    )
    assert response.status_code == 422
    text = response.content.decode()
    assert "Zeile 3" in text and "Unbekannt" in text and "viel" in text
    assert not Idea.objects.filter(title="Gut").exists()
    response = upload(
        ["Gut", "Text", cast.field.name, "", "1.000,50"],
        ["Zwei", "Text", "", "Workshop 19.03.", ""],
    )
    assert response.status_code == 302
    first = Idea.objects.get(title="Gut")
    assert first.source == "workshop" and first.source_note == "Workshop 12.03."
    assert str(first.cost_estimate) == "1000.50" and not first.is_public
    assert Idea.objects.get(title="Zwei").source_note == "Workshop 19.03."


def test_too_long_texts_typed_by_hand_are_refused_naming_the_field(cast, ideas):
    """The hand-written inputs for a hiding reason, a round's name and an import's workshop
    carry no `maxlength` (the browser cut pasted text silently): too long a text is refused
    with its field's name and limit, and nothing is saved."""
    pmo = cast.client("pmo")
    slug = cast.programme.slug
    pages = {
        "reason": reverse("ideas:detail", args=[ideas.pending.pk]),
        "name": reverse("ideas:rounds", args=[slug]),
        "source": reverse("ideas:import", args=[slug]),
    }
    for name, url in pages.items():
        [field] = re.findall(rf'<input[^>]*name="{name}"[^>]*>', pmo.get(url).content.decode())
        assert "maxlength" not in field, field

    response = pmo.post(
        reverse("ideas:hide", args=[ideas.pending.pk]), {"reason": "R" * 501}, follow=True
    )
    assert "„Grund für das Ausblenden“: Bitte geben Sie höchstens 500 Zeichen an." in [
        str(m) for m in response.context["messages"]
    ]
    assert Idea.objects.get(pk=ideas.pending.pk).moderation == "pending"

    data = {"name": "N" * 201, "ideas": [ideas.approved.pk], "raters": [cast.users["viewer"].pk]}
    response = pmo.post(pages["name"], data)
    assert "„Bezeichnung“: Bitte geben Sie höchstens 200 Zeichen an." in response.content.decode()
    assert not ScoringRound.objects.exists()

    response = pmo.post(
        reverse("ideas:hide", args=[ideas.pending.pk]), {"reason": "Werbung\x07"}, follow=True
    )
    assert (
        "„Grund für das Ausblenden“: Der Text enthält ein unsichtbares Steuerzeichen "
        in " ".join(str(m) for m in response.context["messages"])
    )
    assert Idea.objects.get(pk=ideas.pending.pk).moderation == "pending"

    workshop = _xlsx([HEAD, ["Gut", "Text", cast.field.name, "", ""]])
    response = pmo.post(pages["source"], {"file": workshop, "source": "W" * 201})
    assert response.status_code == 422
    assert "„Quelle“ ist länger als 200 Zeichen" in response.content.decode()
    assert not Idea.objects.filter(title="Gut").exists()


def test_a_large_workshop_sheet_is_imported_by_the_background_worker(cast, ideas, monkeypatch):
    from lotse.ideas.views import ideas as views

    monkeypatch.setattr(views, "IMPORT_JOB_ROWS", 1)
    url = reverse("ideas:import", args=[cast.programme.slug])
    rows = [HEAD, ["Groß1", "Text", cast.field.name, "", ""], ["Groß2", "Text", "", "", ""]]
    job = job_of(cast.client("pmo").post(url, {"file": _xlsx(rows), "source": "WS"}))
    assert not Idea.objects.filter(title__startswith="Groß").exists()
    run_jobs()
    job.refresh_from_db()
    assert job.status == "done", job.error
    assert "2 Ideen" in job.summary
    assert Idea.objects.filter(title__startswith="Groß", source_note="WS").count() == 2
    # A bad row: nothing is written, the job says which row in German.
    bad = [HEAD, ["Gut", "Text", "", "", ""], ["", "ohne Titel", "Unbekannt", "", ""]]
    job = job_of(cast.client("pmo").post(url, {"file": _xlsx(bad)}))
    run_jobs()
    job.refresh_from_db()
    assert job.status == "failed" and "Zeile 3" in job.error
    assert not Idea.objects.filter(title="Gut").exists()


def test_import_refuses_garbage_and_non_moderators(cast, ideas):
    url = reverse("ideas:import", args=[cast.programme.slug])
    assert cast.client("change_manager").get(url).status_code == 403
    junk = BytesIO(b"not a spreadsheet")
    junk.name = "x.xlsx"
    response = cast.client("pmo").post(url, {"file": junk})
    assert response.status_code == 422 and "XLSX" in response.content.decode()
    template = cast.client("pmo").get(reverse("ideas:import_template", args=[cast.programme.slug]))
    assert load_workbook(BytesIO(template.content)).active["A1"].value == "Titel"


@pytest.fixture
def jury_round(cast, ideas):
    second = make_idea(cast.programme, cast.field, title="Bürgerportal-App", cost_estimate=50000)
    return services.round_create(
        programme=cast.programme,
        name="Runde Frühjahr",
        ideas=[ideas.approved, second],
        raters=[cast.users["change_manager"], cast.users["viewer"]],
    )


def test_round_page_access(cast, ideas, jury_round):
    url = reverse("ideas:round", args=[jury_round.pk])
    for role, status in [
        ("pmo", 200),
        ("change_manager", 200),
        ("viewer", 200),
        ("member", 403),
        ("outsider", 403),
    ]:
        assert cast.client(role).get(url).status_code == status, role


def test_rater_sheet_submit_and_reveal(cast, ideas, jury_round):
    url = reverse("ideas:round", args=[jury_round.pk])
    post = reverse("ideas:round_scores", args=[jury_round.pk])
    bcm, viewer = cast.client("change_manager"), cast.client("viewer")
    sheet = {f"s-{i.pk}-{c.pk}": "4" for i in jury_round.ideas.all() for c in ideas.criteria}
    bcm.post(post, {**sheet, "submit": "1"})
    assert Score.objects.filter(rater=cast.users["change_manager"]).count() == 16
    # the viewer has not submitted: no ranking, only the sheet
    page = viewer.get(url).content.decode()
    assert "Bewertungsbogen" in page and "Rangfolge nach" not in page
    assert viewer.get(reverse("ideas:round_matrix", args=[jury_round.pk])).status_code == 302
    bad = viewer.post(post, {f"s-{ideas.approved.pk}-{ideas.criteria[0].pk}": "9"}, follow=True)
    assert "liegt nicht auf der Skala" in bad.content.decode()
    viewer.post(post, {**dict.fromkeys(sheet, "2"), "submit": "1"})
    page = viewer.get(url).content.decode()
    assert "Rangfolge nach" in page
    # submitted sheets cannot change any more
    viewer.post(post, dict.fromkeys(sheet, "5"))
    assert set(
        Score.objects.filter(rater=cast.users["viewer"]).values_list("value", flat=True)
    ) == {2}


def test_close_export_sensitivity_and_matrix(cast, ideas, jury_round):
    services.scores_save(
        scoring_round=jury_round,
        rater=cast.users["change_manager"],
        values={
            (i.pk, c.pk): (5 if i == ideas.approved else 1)
            for i in jury_round.ideas.all()
            for c in ideas.criteria[:4]
        }
        | {(i.pk, c.pk): 2 for i in jury_round.ideas.all() for c in ideas.criteria[4:]},
    )
    pmo = cast.client("pmo")
    url = reverse("ideas:round", args=[jury_round.pk])
    weights = {f"w{c.pk}": "0" for c in ideas.criteria}
    weights[f"w{ideas.criteria[0].pk}"] = "1"
    page = pmo.get(url, weights).content.decode()
    assert "Sensitivität" in page
    _job, export = exported(pmo, reverse("ideas:round_export", args=[jury_round.pk]))
    sheet = load_workbook(BytesIO(export)).active
    assert (
        sheet["A1"].value == "Rang"
        and sheet["B2"].value == ideas.approved.title
        and sheet["A2"].value == 1
    )
    assert (
        cast.client("viewer").get(reverse("ideas:round_export", args=[jury_round.pk])).status_code
        == 403
    )
    matrix = pmo.get(reverse("ideas:round_matrix", args=[jury_round.pk])).content.decode()
    assert "<svg" in matrix and "Quick Win" in matrix and ideas.approved.title in matrix
    assert pmo.post(reverse("ideas:round_close", args=[jury_round.pk])).status_code == 302
    jury_round.refresh_from_db()
    assert jury_round.is_closed
    assert (
        cast.client("change_manager")
        .post(reverse("ideas:round_close", args=[jury_round.pk]))
        .status_code
        == 403
    )


def test_create_round_via_page(cast, ideas):
    url = reverse("ideas:rounds", args=[cast.programme.slug])
    response = cast.client("pmo").post(url, {"name": "", "ideas": [ideas.approved.pk]})
    assert response.status_code == 422
    response = cast.client("pmo").post(
        url,
        {"name": "R2", "ideas": [ideas.approved.pk], "raters": [cast.users["change_manager"].pk]},
    )
    assert response.status_code == 302


def test_a_refused_round_keeps_what_was_typed_and_chosen(cast, ideas):
    """QA: the round's name (and the jury ticked) were gone after a refusal, to type again."""
    url = reverse("ideas:rounds", args=[cast.programme.slug])
    rater = cast.users["change_manager"]
    response = cast.client("pmo").post(
        url, {"name": "Runde " + "N" * 200, "ideas": [], "raters": [rater.pk]}
    )
    assert response.status_code == 422
    html = response.content.decode()
    [name] = re.findall(r'<input id="round-name"[^>]*>', html)
    assert f'value="Runde {"N" * 200}"' in name
    [idea] = re.findall(rf'<input[^>]*id="idea-{ideas.approved.pk}"[^>]*>', html)
    assert "checked" not in idea
    [chosen] = re.findall(rf'<input[^>]*id="rater-{rater.pk}"[^>]*>', html)
    assert "checked" in chosen
    assert not ScoringRound.objects.exists()


def test_criteria_management(cast, ideas):
    url = reverse("ideas:criterion_create", args=[cast.programme.slug])
    assert cast.client("change_manager").get(url).status_code == 403
    data = {
        "name": "Nachhaltigkeit",
        "weight": "1,5",
        "scale_min": 0,
        "scale_max": 3,
        "direction": "benefit",
        "axis": "value",
        "order": 9,
        "active": "on",
        "levels": "",
    }
    assert cast.client("pmo").post(url, data).status_code in (200, 302)
    edit = reverse("ideas:criterion_edit", args=[cast.programme.slug, ideas.criteria[0].pk])
    response = cast.client("pmo").post(edit, {**data, "name": ideas.criteria[1].name, "version": 1})
    assert response.status_code == 200 and "gibt es schon" in response.content.decode()


def test_a_scale_running_backwards_is_refused_on_its_field_not_as_a_database_error(cast):
    """QA: "Skala von" 5, "Skala bis" 1 showed the raw constraint text as a general error."""
    response = cast.client("pmo").post(
        reverse("ideas:criterion_create", args=[cast.programme.slug]),
        {
            "name": "QA scale",
            "weight": "1",
            "scale_min": "5",
            "scale_max": "1",
            "direction": "benefit",
            "axis": "value",
            "order": "1",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {"scale_max": ["Das Ende der Skala muss größer sein als ihr Anfang."]}
    assert "criterion_scale" not in response.content.decode()
    assert not Criterion.objects.filter(name="QA scale").exists()
