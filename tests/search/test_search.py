"""One search across projects, status reports, decisions, decision requests, minutes, cards,
ideas and attachment titles: grouped by kind, full text (German configuration on PostgreSQL,
FTS5 on SQLite), kept up to date after every commit, and never a hit the user could not open."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from lotse.attachments import services as attachments
from lotse.boards import services as boards
from lotse.boards.models import Card
from lotse.governance.models import AgendaItem
from lotse.governance.models import Decision
from lotse.search import selectors
from lotse.search import services
from lotse.search.models import SearchEntry
from tests.attachments import files
from tests.factories import FieldOfActionFactory
from tests.factories import ProgrammeFactory
from tests.factories import ProjectFactory
from tests.factories import UserFactory
from tests.governance.conftest import make_series
from tests.governance.conftest import meeting_of
from tests.ideas.conftest import make_idea
from tests.reporting.factories import DecisionRequestFactory
from tests.reporting.factories import StatusReportFactory

WORD = "Glasfaserausbau"


@pytest.fixture
def world(cast, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path / "media"
    with django_capture_on_commit_callbacks(execute=True):
        cast.project.description = f"{WORD} in allen Ortsteilen"
        cast.project.save()
        StatusReportFactory(project=cast.project, summary=f"Der {WORD} liegt im Plan.")
        series = make_series(cast.programme, name="Lenkungskreis", minutes_public=False)
        meeting = meeting_of(series)
        meeting.minutes_notes = f"Vertraulich: {WORD} verzögert sich."
        meeting.save()
        AgendaItem.objects.create(meeting=meeting, title="Tagesordnungspunkt Breitband")
        Decision.objects.create(
            programme=cast.programme,
            meeting=meeting,
            kind="other",
            wording=f"Der {WORD} wird freigegeben.",
            decided_on=date(2025, 3, 10),
        )
        DecisionRequest = DecisionRequestFactory(  # noqa: N806
            project=cast.project, question=f"{WORD} vorziehen?"
        )
        board = boards.project_board_ensure(cast.project)
        Card.objects.create(board=board, column=board.columns.first(), title=f"{WORD} ausschreiben")
        make_idea(cast.programme, title=f"{WORD} für Schulen")
        make_idea(cast.programme, title=f"{WORD} heimlich", moderation="pending")
        attachments.attachment_add(
            obj=cast.project,
            user=cast.users["pmo"],
            title=f"Projekthandbuch {WORD}",
            upload=SimpleUploadedFile("handbuch.pdf", files.PDF),
        )
        elsewhere = ProgrammeFactory(name="Andere Stadt", slug="anders")
        ProjectFactory(
            field_of_action=FieldOfActionFactory(programme=elsewhere),
            title=f"{WORD} anderswo",
        )
    return DecisionRequest


def kinds(user, query=WORD) -> dict[str, list[str]]:
    return {g.kind: [h.title for h in g.hits] for g in selectors.search(user, query)}


def test_the_office_finds_every_kind_grouped(world, cast):
    found = kinds(cast.users["pmo"])
    assert list(found) == [
        "project",
        "report",
        "decision",
        "request",
        "minutes",
        "card",
        "idea",
        "attachment",
    ]
    assert found["project"] == ["Kommunalportal"]
    assert sorted(found["idea"]) == [f"{WORD} für Schulen", f"{WORD} heimlich"]
    assert found["attachment"] == [f"Projekthandbuch {WORD}"]
    assert f"{WORD} anderswo" not in str(found)


def test_nobody_sees_a_hit_they_could_not_open(world, cast):
    viewer = kinds(cast.users["viewer"])
    # The minutes are not public and the viewer sits on no Gremium: neither the minutes nor
    # their decisions (each has its page now, readable as in the decision log); the pending
    # idea is the office's alone.
    assert "minutes" not in viewer and "decision" not in viewer
    assert viewer["idea"] == [f"{WORD} für Schulen"]
    assert set(viewer) == {"project", "report", "request", "card", "idea", "attachment"}
    assert kinds(cast.users["outsider"]) == {}
    superuser = UserFactory(username="root", is_superuser=True)
    assert f"{WORD} anderswo" in kinds(superuser)["project"]


def test_language_aware_matching(world, cast):
    pmo = cast.users["pmo"]
    if connection.vendor == "postgresql":
        # The German configuration stems: "Ortsteil" finds "Ortsteilen".
        assert kinds(pmo, "Ortsteil")["project"] == ["Kommunalportal"]
    else:
        # FTS5: every word is a prefix.
        assert kinds(pmo, "Ortsteil")["project"] == ["Kommunalportal"]
        assert kinds(pmo, "glasfaser")["project"] == ["Kommunalportal"]
    assert kinds(pmo, "breitband")["minutes"]  # agenda items are part of the minutes
    assert kinds(pmo, "handbuch.pdf")["attachment"]  # file names of the versions too
    for odd in ('"', "*", "AND (", "NEAR(", "-", "' OR 1=1 --", "ä" * 300):
        selectors.search(pmo, odd)  # no syntax error reaches the user


def test_the_index_follows_changes_after_commit(world, cast, django_capture_on_commit_callbacks):
    pmo = cast.users["pmo"]
    with django_capture_on_commit_callbacks(execute=True):
        cast.project.title = "Stadtportal"
        cast.project.save()
        attachment = attachments.attachment_add(
            obj=cast.project,
            user=pmo,
            title="Zweites Dokument Mondlandung",
            upload=SimpleUploadedFile("d.pdf", files.PDF),
        )
    assert kinds(pmo)["project"] == ["Stadtportal"]
    assert kinds(pmo, "Mondlandung")["attachment"] == ["Zweites Dokument Mondlandung"]
    with django_capture_on_commit_callbacks(execute=True):
        attachments.attachment_delete(attachment=attachment, obj=cast.project, user=pmo)
    assert kinds(pmo, "Mondlandung") == {}
    # Not committed (the test's transaction): not indexed.
    cast.project.title = "Nie gespeichert"
    cast.project.save()
    assert kinds(pmo, "gespeichert") == {}


def test_rebuild_writes_the_same_index(world):
    def entries():
        return set(SearchEntry.objects.values_list("model", "object_id", "title", "body", "url"))

    from_signals = entries()
    call_command("search_rebuild", stdout=io.StringIO())
    rebuilt = entries()
    # Everything the signals wrote is what a rebuild writes (the rebuild also has the
    # objects of this module's cast, indexed by an earlier test's rolled-back commit).
    assert from_signals <= rebuilt
    SearchEntry.objects.all().delete()
    out = io.StringIO()
    call_command("search_rebuild", stdout=out)
    assert f"Suchindex neu aufgebaut: {len(rebuilt)} Einträge." in out.getvalue()
    assert entries() == rebuilt
    assert selectors.search(UserFactory(username="root2", is_superuser=True), WORD)


def test_search_page_and_header_box(world, cast):
    client = cast.client("viewer")
    page = client.get(reverse("search:results"), {"q": WORD}).content.decode()
    assert '<h2 id="h-search-project">Projekte (1)</h2>' in page
    assert f'href="{reverse("portfolio:project_detail", args=[cast.project.pk])}"' in page
    assert "Anhänge (1)" in page and 'id="h-search-minutes"' not in page
    assert 'role="search"' in page and 'id="header-search-q"' in page
    empty = client.get(reverse("search:results"), {"q": "Zzzyx"}).content.decode()
    assert "Keine Treffer." in empty
    assert client.get(reverse("search:results")).status_code == 200
    assert cast.client("anonymous").get(reverse("search:results"), {"q": WORD}).status_code == 302


def test_a_kind_with_many_matches_does_not_crowd_out_the_others(
    cast, django_capture_on_commit_callbacks
):
    # 300 cards that match better (the word twice, short texts) and one project: before, the
    # 150 best candidates of all kinds were all cards and the project was never shown.
    with django_capture_on_commit_callbacks(execute=True):
        board = boards.project_board_ensure(cast.project)
        column = board.columns.first()
        Card.objects.bulk_create(
            Card(board=board, column=column, position=i, title=f"Zebrastreifen {i} Zebrastreifen")
            for i in range(300)
        )
        cast.other_project.description = (
            "Ein langer Text über Verkehrssicherheit an Schulen, Ampeln, Radwege und am Ende "
            "auch einen Zebrastreifen vor der Grundschule."
        )
        cast.other_project.save()
    call_command("search_rebuild")
    found = kinds(cast.users["pmo"], "Zebrastreifen")
    assert found["project"] == ["Beteiligungsportal"]
    assert len(found["card"]) == selectors.PER_KIND


def test_indexing_writes_over_an_entry_another_transaction_committed_meanwhile(cast, monkeypatch):
    # Two transactions indexing one object at once (two people moving the same card): both
    # find no entry, the other one commits its entry first. Simulated in one transaction:
    # the entry appears just before this one writes its own.
    services.index_object(cast.project)
    SearchEntry.objects.filter(model="portfolio.project", object_id=cast.project.pk).delete()
    cast.project.title = "Neuer Titel"
    cast.project.save()
    write = SearchEntry.objects.bulk_create

    def after_the_other_transaction(entries, **kwargs):
        stale = SearchEntry(
            kind="project",
            model="portfolio.project",
            object_id=cast.project.pk,
            title="Alter Titel",
            url="/",
        )
        write([stale])
        return write(entries, **kwargs)

    monkeypatch.setattr(SearchEntry.objects, "bulk_create", after_the_other_transaction)
    services.index_objects("portfolio.project", [cast.project.pk])

    entries = SearchEntry.objects.filter(model="portfolio.project", object_id=cast.project.pk)
    assert [entry.title for entry in entries] == ["Neuer Titel"]


def test_an_index_that_fails_after_commit_does_not_fail_the_saved_change(
    cast, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    # The change is committed before the index follows: a failing index is logged, it must
    # not become an error page that the person takes for a failed save.
    def broken(label, pks):
        raise RuntimeError("Index kaputt")

    monkeypatch.setattr(services, "index_objects", broken)
    with django_capture_on_commit_callbacks(execute=True):
        cast.project.title = "Gespeichert"
        cast.project.save()

    assert "Index kaputt" in caplog.text
    cast.project.refresh_from_db()
    assert cast.project.title == "Gespeichert"
