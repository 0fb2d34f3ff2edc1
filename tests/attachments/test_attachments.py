"""Attachments on projects, meetings, decision requests and ideas: upload with the size limit
and the type allow-list, versions, the parent's permissions on every download, random ids,
deletion with a trace, the component on the four pages, the API and the S3 wiring."""

import os
import re
from pathlib import Path

import pytest
import rules
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lotse import settings as lotse_settings
from lotse.attachments import services
from lotse.attachments.models import Attachment
from lotse.attachments.registry import TARGETS
from tests.governance.conftest import make_series
from tests.governance.conftest import meeting_of
from tests.ideas.conftest import make_idea
from tests.reporting.factories import DecisionRequestFactory

from . import files


def upload(cast, role, obj, name, content, title="", label="portfolio.project"):
    return cast.client(role).post(
        reverse("attachments:create"),
        {
            "target": label,
            "pk": obj.pk,
            "title": title,
            "file": SimpleUploadedFile(name, content),
            "next": "/weiter/",
        },
    )


def messages_of(response) -> list[str]:
    """The messages this request added (earlier, unread ones stay in the client's cookie)."""
    return [str(m) for m in response.wsgi_request._messages._queued_messages]


def test_registry_names_real_models_and_permissions():
    for label, target in TARGETS.items():
        assert apps.get_model(label)
        assert rules.perm_exists(target.view_perm), target.view_perm
        assert rules.perm_exists(target.change_perm), target.change_perm


def test_pmo_attaches_the_projekthandbuch_and_readers_download_it(cast, settings):
    response = upload(cast, "pmo", cast.project, "Handbuch.pdf", files.PDF, "Projekthandbuch")
    assert response.status_code == 302 and response["Location"] == "/weiter/#anhaenge"
    assert messages_of(response) == ["„Projekthandbuch“ ist angehängt."]
    attachment = Attachment.objects.get()
    version = attachment.versions.get()
    # Random id and random storage name: nothing derived from the title, the file or the pk.
    assert len(attachment.public_id) >= 24
    assert "Handbuch" not in version.file.name and "Projekthandbuch" not in version.file.name
    assert (Path(settings.MEDIA_ROOT) / version.file.name).read_bytes() == files.PDF
    assert version.mime == "application/pdf" and version.size == len(files.PDF)

    url = reverse("attachments:download", args=[attachment.public_id])
    for role in ("viewer", "member", "project_lead", "sponsor"):
        got = cast.client(role).get(url)
        assert got.status_code == 200, role
        assert b"".join(got.streaming_content) == files.PDF
        assert got["Content-Disposition"].startswith('attachment; filename="Handbuch.pdf"')
        assert got["X-Content-Type-Options"] == "nosniff"
    assert cast.client("outsider").get(url).status_code == 403
    assert cast.client("anonymous").get(url).status_code == 302  # to the login
    assert cast.client("pmo").get(url[:-4] + "abc/").status_code == 404


def test_only_those_who_may_change_the_object_upload(cast):
    for role in ("viewer", "member", "outsider"):
        assert upload(cast, role, cast.project, "a.pdf", files.PDF).status_code == 403, role
    assert upload(cast, "project_lead", cast.project, "a.pdf", files.PDF).status_code == 302
    assert upload(cast, "project_lead", cast.other_project, "a.pdf", files.PDF).status_code == 403
    assert Attachment.objects.count() == 1


def test_refused_uploads_name_the_problem_in_german(cast, settings):
    settings.ATTACHMENTS_MAX_MB = 10
    big = SimpleUploadedFile("gross.pdf", files.PDF + b"0" * (int(12.3 * 1024 * 1024) - 40))
    with pytest.raises(ValidationError) as caught:
        services.check_upload(big)
    assert caught.value.messages == ["Datei zu groß: 12,3 MB, erlaubt sind 10 MB."]

    response = upload(cast, "pmo", cast.project, "handbuch.pdf", files.EXE)
    assert response.status_code == 302
    assert "ist keine PDF-Datei" in messages_of(response)[0]
    response = upload(cast, "pmo", cast.project, "tool.exe", files.EXE)
    assert messages_of(response)[0].startswith("Dateityp nicht erlaubt: „tool.exe“.")
    response = upload(cast, "pmo", cast.project, "leer.pdf", b"")
    assert messages_of(response) == ["Die Datei „leer.pdf“ ist leer."]
    assert not Attachment.objects.exists()


def test_versions_keep_the_older_ones_and_refuse_a_stale_upload(cast):
    upload(cast, "pmo", cast.project, "steckbrief.docx", files.DOCX, "Steckbrief-Vorlage")
    attachment = Attachment.objects.get()
    client = cast.client("project_lead")
    url = reverse("attachments:version_create", args=[attachment.public_id])
    response = client.post(url, {"version": 1, "file": SimpleUploadedFile("v2.odt", files.ODT)})
    assert messages_of(response) == ["Version 2 von „Steckbrief-Vorlage“ ist hochgeladen."]
    attachment.refresh_from_db()
    assert attachment.current_version == 2
    # Someone who still saw version 1 does not overwrite version 2 unseen.
    response = client.post(url, {"version": 1, "file": SimpleUploadedFile("v3.pdf", files.PDF)})
    assert "Inzwischen hat jemand Version 2 hochgeladen" in messages_of(response)[0]
    attachment.refresh_from_db()
    assert attachment.current_version == 2

    reader = cast.client("viewer")
    latest = reader.get(reverse("attachments:download", args=[attachment.public_id]))
    assert b"".join(latest.streaming_content) == files.ODT
    first = reader.get(reverse("attachments:download_version", args=[attachment.public_id, 1]))
    assert b"".join(first.streaming_content) == files.DOCX
    assert "steckbrief.docx" in first["Content-Disposition"]
    missing = reverse("attachments:download_version", args=[attachment.public_id, 9])
    assert reader.get(missing).status_code == 404
    assert (
        cast.client("member")
        .post(url, {"file": SimpleUploadedFile("x.pdf", files.PDF)})
        .status_code
        == 403
    )
    assert [h.history_change_reason for h in attachment.history.order_by("history_id")] == [
        None,
        "Version 2",
    ]


def test_deletion_by_those_allowed_removes_the_files_and_leaves_a_trace(
    cast, settings, django_capture_on_commit_callbacks
):
    upload(cast, "pmo", cast.project, "alt.pdf", files.PDF, "Alte Fassung")
    attachment = Attachment.objects.get()
    stored = Path(settings.MEDIA_ROOT) / attachment.versions.get().file.name
    url = reverse("attachments:delete", args=[attachment.public_id])
    assert cast.client("member").post(url).status_code == 403
    response = cast.client("project_lead").post(url, {"next": "/weiter/"})
    assert messages_of(response) == ["„Alte Fassung“ ist gelöscht."]
    attachment.refresh_from_db()
    assert attachment.deleted_by == cast.users["project_lead"] and attachment.deleted_at
    assert attachment.history.first().history_change_reason == "gelöscht"
    assert cast.client("pmo").get(attachment.get_absolute_url()).status_code == 404
    page = cast.client("pmo").get(reverse("portfolio:project_detail", args=[cast.project.pk]))
    assert "Gelöschte Anhänge" in page.content.decode()
    assert "Alte Fassung" in page.content.decode()
    viewer_page = cast.client("viewer").get(
        reverse("portfolio:project_detail", args=[cast.project.pk])
    )
    assert "Alte Fassung" not in viewer_page.content.decode()
    # The files go when the transaction commits.
    upload(cast, "pmo", cast.project, "neu.pdf", files.PDF, "Zweite")
    second = Attachment.objects.get(title="Zweite")
    path = Path(settings.MEDIA_ROOT) / second.versions.get().file.name
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.attachment_delete(attachment=second, obj=cast.project, user=cast.users["pmo"])
    assert not path.exists()
    assert stored.exists()  # the first one's removal waits for a commit that never comes


def test_a_file_that_cannot_be_removed_after_commit_does_not_fail_the_deletion(
    cast, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    upload(cast, "pmo", cast.project, "alt.pdf", files.PDF, "Alte Fassung")
    attachment = Attachment.objects.get()
    storage = attachment.versions.get().file.storage

    def refused(name):
        raise PermissionError(name)

    monkeypatch.setattr(storage, "delete", refused)
    with django_capture_on_commit_callbacks(execute=True):
        services.attachment_delete(attachment=attachment, obj=cast.project, user=cast.users["pmo"])

    assert "PermissionError" in caplog.text
    attachment.refresh_from_db()
    assert attachment.deleted_at


def test_component_on_the_steckbrief(cast):
    url = reverse("portfolio:project_detail", args=[cast.project.pk])
    page = cast.client("pmo").get(url).content.decode()
    assert 'id="anhaenge"' in page and "Noch keine Anhänge." in page
    assert 'enctype="multipart/form-data"' in page and 'for="attachment-file"' in page
    assert "Höchstens 10 MB." in page
    viewer = cast.client("viewer").get(url).content.decode()
    assert 'id="anhaenge"' in viewer and 'id="attachment-file"' not in viewer
    upload(cast, "pmo", cast.project, "h.pdf", files.PDF, "Projekthandbuch")
    viewer = cast.client("viewer").get(url).content.decode()
    attachment = Attachment.objects.get()
    assert f'href="/anhaenge/{attachment.public_id}/"' in viewer and "Projekthandbuch" in viewer


def test_meeting_decision_request_and_idea_carry_attachments(cast):
    meeting = meeting_of(make_series(cast.programme, chair=cast.users["sponsor"]))
    request = DecisionRequestFactory(project=cast.project)
    idea = make_idea(cast.programme)
    for obj, label, page in (
        (meeting, "governance.meeting", meeting.get_absolute_url()),
        (
            request,
            "reporting.decisionrequest",
            reverse("governance:request_detail", args=[request.pk]),
        ),
        (idea, "ideas.idea", idea.get_absolute_url()),
    ):
        response = upload(cast, "pmo", obj, "unterlage.pdf", files.PDF, f"Unterlage {label}", label)
        assert response.status_code == 302, label
        html = cast.client("pmo").get(page).content.decode()
        assert f"Unterlage {label}" in html, label
        assert 'id="attachment-file"' in html, label
    # The chair runs the meeting and so may add Sitzungsunterlagen; a viewer may not.
    assert (
        upload(cast, "sponsor", meeting, "b.pdf", files.PDF, "", "governance.meeting").status_code
        == 302
    )
    assert (
        upload(cast, "viewer", meeting, "b.pdf", files.PDF, "", "governance.meeting").status_code
        == 403
    )
    assert upload(cast, "pmo", cast.project, "b.pdf", files.PDF, "", "auth.user").status_code == 404


def test_api_lists_uploads_downloads_and_deletes(cast):
    client = cast.client("pmo")
    response = client.post(
        "/api/v1/attachments",
        {
            "target": "portfolio.project",
            "id": cast.project.pk,
            "title": "Handbuch",
            "file": SimpleUploadedFile("h.pdf", files.PDF),
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["title"] == "Handbuch" and body["versions"][0]["mime"] == "application/pdf"
    public_id = body["id"]
    refused = client.post(
        "/api/v1/attachments",
        {
            "target": "portfolio.project",
            "id": cast.project.pk,
            "file": SimpleUploadedFile("x.pdf", files.EXE),
        },
    )
    assert refused.status_code == 422 and "keine PDF-Datei" in refused.json()["errors"]["file"][0]
    version = client.post(
        f"/api/v1/attachments/{public_id}/versions",
        {"version": 1, "file": SimpleUploadedFile("h2.png", files.PNG)},
    )
    assert version.status_code == 201 and version.json()["current_version"] == 2
    listed = cast.client("viewer").get(
        f"/api/v1/attachments?target=portfolio.project&id={cast.project.pk}"
    )
    assert [a["id"] for a in listed.json()["items"]] == [public_id]
    assert (
        cast.client("outsider")
        .get(f"/api/v1/attachments?target=portfolio.project&id={cast.project.pk}")
        .status_code
        == 403
    )
    got = cast.client("viewer").get(f"/api/v1/attachments/{public_id}/download?version=1")
    assert got.status_code == 200 and b"".join(got.streaming_content) == files.PDF
    assert (
        cast.client("outsider").get(f"/api/v1/attachments/{public_id}/download").status_code == 403
    )
    assert cast.client("viewer").delete(f"/api/v1/attachments/{public_id}").status_code == 403
    assert client.delete(f"/api/v1/attachments/{public_id}").status_code == 204
    assert client.get(f"/api/v1/attachments/{public_id}/download").status_code == 404


def test_s3_storage_is_configured_from_the_environment(monkeypatch):
    assert lotse_settings.attachments_storage() == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    } or os.environ.get("ATTACHMENTS_S3_BUCKET")
    monkeypatch.setenv("ATTACHMENTS_S3_BUCKET", "lotse-anhaenge")
    monkeypatch.setenv("ATTACHMENTS_S3_ENDPOINT_URL", "https://s3.stadt.example")
    monkeypatch.setenv("ATTACHMENTS_S3_ACCESS_KEY_ID", "schluessel")
    monkeypatch.setenv("ATTACHMENTS_S3_SECRET_ACCESS_KEY", "geheim")
    monkeypatch.setenv("ATTACHMENTS_S3_REGION", "eu-central-1")
    config = lotse_settings.attachments_storage()
    assert config["BACKEND"] == "storages.backends.s3.S3Storage"
    storage = storages.create_storage(config)  # no connection until a file is touched
    assert storage.bucket_name == "lotse-anhaenge"
    assert storage.endpoint_url == "https://s3.stadt.example"
    assert storage.access_key == "schluessel" and storage.region_name == "eu-central-1"
    assert storage.default_acl is None and storage.querystring_auth is True
    assert storage.file_overwrite is False and storage.location == "lotse"


def test_a_beschluss_carries_papers_with_the_rights_of_its_minutes(
    cast, settings, tmp_path, django_capture_on_commit_callbacks
):
    from lotse.governance import services as governance
    from lotse.governance.models import DecisionKind
    from lotse.search import selectors as search

    settings.MEDIA_ROOT = tmp_path / "media"
    series = make_series(
        cast.programme,
        chair=cast.users["sponsor"],
        minutes_public=False,
        powers=[DecisionKind.OTHER],
    )
    meeting = meeting_of(series)
    decision = governance.decision_record(
        meeting=meeting,
        kind=DecisionKind.OTHER,
        wording="Das Rahmenkonzept wird beschlossen.",
        user=cast.users["pmo"],
    )
    page = reverse("governance:decision_detail", args=[decision.pk])
    assert decision.get_absolute_url() == page
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(
            cast,
            "pmo",
            decision,
            "beschluss.pdf",
            files.PDF,
            "Unterschriebene Beschlussvorlage",
            "governance.decision",
        )
    assert response.status_code == 302
    html = cast.client("pmo").get(page).content.decode()
    assert "Das Rahmenkonzept wird beschlossen." in html
    assert "Unterschriebene Beschlussvorlage" in html and 'id="attachment-file"' in html
    # The decision log and the meeting page lead to the decision's page.
    log = reverse("governance:decision_log", args=[cast.programme.slug])
    assert page in cast.client("pmo").get(log).content.decode()
    assert page in cast.client("pmo").get(meeting.get_absolute_url()).content.decode()
    # The chair runs the meeting and adds papers; the viewer reads no non-public minutes, so
    # neither the decision nor its papers, not even through the search.
    label = "governance.decision"
    assert upload(cast, "sponsor", decision, "b.pdf", files.PDF, "", label).status_code == 302
    assert upload(cast, "viewer", decision, "b.pdf", files.PDF, "", label).status_code == 403
    assert cast.client("viewer").get(page).status_code == 403
    attachment = Attachment.objects.get(title="Unterschriebene Beschlussvorlage")
    download = reverse("attachments:download", args=[attachment.public_id])
    assert cast.client("pmo").get(download).status_code == 200
    assert cast.client("viewer").get(download).status_code == 403

    def found(role):
        hits = search.search(cast.users[role], "Beschlussvorlage")
        return {g.kind: [h.title for h in g.hits] for g in hits}

    assert found("pmo")["attachment"] == ["Unterschriebene Beschlussvorlage"]
    assert found("viewer") == {}
    # Once the minutes are public, the viewer reads the decision and its papers.
    series.minutes_public = True
    series.save()
    assert cast.client("viewer").get(page).status_code == 200
    assert cast.client("viewer").get(download).status_code == 200


def test_a_title_with_a_control_character_is_refused_naming_the_field(cast):
    response = upload(cast, "pmo", cast.project, "handbuch.pdf", files.PDF, title="Hand\x07buch")
    assert messages_of(response) == [
        "„Titel“: Der Text enthält ein unsichtbares Steuerzeichen (U+0007). Bitte entfernen Sie es."
    ]
    assert not Attachment.objects.exists()


def test_a_title_over_200_characters_is_refused_naming_the_field_and_its_limit(cast):
    """QA: a longer title was cut to 200 characters without a word. The browser did that (the
    input's maxlength cuts pasted text silently); the server says what is wrong instead."""
    page = cast.client("pmo").get(reverse("portfolio:project_detail", args=[cast.project.pk]))
    [title_input] = re.findall(r'<input[^>]*id="attachment-title"[^>]*>', page.content.decode())
    assert "maxlength" not in title_input
    long_title = "T" * 201
    response = upload(cast, "pmo", cast.project, "handbuch.pdf", files.PDF, title=long_title)
    assert messages_of(response) == ["Der Titel darf höchstens 200 Zeichen lang sein."]
    refused = cast.client("pmo").post(
        "/api/v1/attachments",
        {
            "target": "portfolio.project",
            "id": cast.project.pk,
            "title": long_title,
            "file": SimpleUploadedFile("h.pdf", files.PDF),
        },
    )
    assert refused.status_code == 422, refused.content
    assert "200" in refused.json()["errors"]["title"][0]
    assert not Attachment.objects.exists()


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("role", ["viewer", "pmo"])
def test_an_empty_box_is_what_its_template_renders(cast, role, language):
    # The tag fills an empty box into markup rendered once per language (issue 14); the
    # same box from the template itself, with the page's values.
    from django.template import Context
    from django.template import Template
    from django.template import engines
    from django.test import RequestFactory
    from django.utils import translation

    from lotse.attachments.filetypes import ALLOWED_EXTENSIONS
    from lotse.attachments.filetypes import allowed_text

    request = RequestFactory().get("/seite/?a=1&b=<2>")
    request.user = cast.users[role]
    with translation.override(language):
        tag = Template("{% load attachments %}{% attachments obj %}").render(
            Context({"request": request, "obj": cast.project, "csrf_token": "tok<&>"})
        )
        template = engines["django"].engine.get_template("attachments/_attachments.html")
        may_write = role == "pmo"
        box = {
            "visible": True,
            "label": "portfolio.project",
            "obj": cast.project,
            "csrf_token": "tok<&>",
            "next": request.get_full_path(),
            "items": [],
            "deleted": [],
            "may_write": may_write,
            "accept": ",".join(f".{ext}" for ext in ALLOWED_EXTENSIONS),
            "allowed": allowed_text(),
            "max_mb": services.max_bytes() // services.MB,
        }
        assert tag == template.render(Context(box))
    assert ("attachment-file" in tag) == ("tok&lt;&amp;&gt;" in tag) == may_write


def test_the_box_reads_what_the_orm_reads(cast):
    # selectors.box_of is written out as SQL (issue 14); the same rows, deleters and versions
    # as attachments_of, live and deleted, on SQLite and PostgreSQL.
    from lotse.attachments import selectors

    for title in ("Projekthandbuch", "alt", "Über <&>", "Alt"):
        assert upload(cast, "pmo", cast.project, "a.pdf", files.PDF, title).status_code == 302
    renewed, gone = Attachment.objects.get(title="alt"), Attachment.objects.get(title="Alt")
    assert (
        cast.client("pmo")
        .post(
            reverse("attachments:version_create", args=[renewed.public_id]),
            {"file": SimpleUploadedFile("b.pdf", files.PDF), "version": 1},
        )
        .status_code
        == 302
    )
    assert (
        cast.client("pmo").post(reverse("attachments:delete", args=[gone.public_id])).status_code
        == 302
    )

    def seen(attachments):
        return [
            (
                a.pk,
                a.public_id,
                a.title,
                a.current_version,
                a.deleted_at,
                str(a.deleted_by) if a.deleted_by else None,
                [(v.number, v.original_name, str(v.uploaded_by)) for v in a.versions.all()]
                if a.deleted_at is None
                else [],
            )
            for a in attachments
        ]

    live, deleted = selectors.box_of(cast.project, deleted=True)
    assert seen(live) == seen(selectors.attachments_of(cast.project))
    assert seen(deleted) == seen(selectors.attachments_of(cast.project, deleted=True))
    assert len(live) == 3 and len(deleted) == 1 and deleted[0].deleted_by is not None
    assert [a.pk for a in selectors.box_of(cast.project, deleted=False)[0]] == [a.pk for a in live]
    assert selectors.box_of(cast.project, deleted=False)[1] == []
    assert selectors.box_of(cast.other_project, deleted=True) == ([], [])
