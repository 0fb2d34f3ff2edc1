"""The comment component: who may comment, replies, mentions with one mail per person and
run, the edit window, deletion traces, and comments never in snapshots or public pages."""

import re
from datetime import date
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lotse.discussion import services
from lotse.discussion.models import Comment
from lotse.discussion.models import Mention
from lotse.ideas.models import Idea
from lotse.ideas.models import IdeaSettings
from lotse.public import ideas as public_ideas
from lotse.public.models import ProgrammePublication
from lotse.reporting import services as reporting_services
from tests.navigation import marked_tab
from tests.reporting.factories import DecisionRequestFactory
from tests.reporting.factories import live_periods


@pytest.fixture
def report(cast):
    periods = live_periods(cast.programme, 3)  # the current month and the two before
    return reporting_services.report_start(project=cast.project, period=periods[-1], user=None)


def post_comment(cast, role, obj, label, body, parent=None, next_url="/"):
    data = {"target": label, "pk": obj.pk, "body": body, "next": next_url}
    if parent:
        data["parent"] = parent.pk
    return cast.client(role).post(reverse("discussion:create"), data)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("change_manager", True),
        ("viewer", True),
        ("member", True),
        ("sponsor", True),
        ("outsider", False),
    ],
)
def test_everyone_who_reads_a_report_may_comment(cast, report, role, allowed):
    response = post_comment(cast, role, report, "reporting.statusreport", "Bitte Termin prüfen")
    assert response.status_code == (302 if allowed else 403)
    assert Comment.objects.filter(body="Bitte Termin prüfen").exists() == allowed


def test_anonymous_cannot_comment(cast, report):
    response = Client().post(
        reverse("discussion:create"),
        {"target": "reporting.statusreport", "pk": report.pk, "body": "x"},
    )
    assert response.status_code == 302 and "/konto/" in response["Location"]
    assert not Comment.objects.exists()


def test_unknown_target_is_404(cast, report):
    response = post_comment(cast, "pmo", report, "accounts.user", "x")
    assert response.status_code == 404


def test_component_on_report_request_project_and_idea(cast, report):
    request = DecisionRequestFactory(
        project=cast.project,
        question="Mehr Personal?",
        addressed_to="project_check",
        needed_by=date(2030, 1, 1),
    )
    services.comment_add(obj=report, user=cast.users["change_manager"], body="KOMMENTAR-BERICHT")
    services.comment_add(obj=request, user=cast.users["change_manager"], body="KOMMENTAR-BEDARF")
    services.comment_add(
        obj=cast.project, user=cast.users["change_manager"], body="KOMMENTAR-PROJEKT"
    )
    viewer = cast.client("viewer")
    assert "KOMMENTAR-BERICHT" in viewer.get(report.get_absolute_url()).content.decode()
    assert "KOMMENTAR-PROJEKT" in viewer.get(cast.project.get_absolute_url()).content.decode()
    page = viewer.get(reverse("governance:request_detail", args=[request.pk])).content.decode()
    assert "KOMMENTAR-BEDARF" in page


def test_the_edit_page_marks_the_tab_of_the_commented_objects_page(cast, report):
    """QA: the comment edit page marked no tab; now the one the commented object's own page
    marks (report and project: Projekte, decision request: Gremien, idea: Ideen)."""
    request = DecisionRequestFactory(project=cast.project)
    idea = Idea.objects.create(programme=cast.programme, title="Idee", description="…")
    client = cast.client("pmo")
    for obj, page, tab in (
        (report, report.get_absolute_url(), "portfolio:project_list"),
        (cast.project, cast.project.get_absolute_url(), "portfolio:project_list"),
        (
            request,
            reverse("governance:request_detail", args=[request.pk]),
            "governance:series_list",
        ),
        (idea, idea.get_absolute_url(), "ideas:list"),
    ):
        comment = services.comment_add(obj=obj, user=cast.users["pmo"], body="Erst")
        edit = client.get(reverse("discussion:edit", args=[comment.pk])).content.decode()
        marked = reverse(tab, args=[cast.programme.slug])
        assert marked_tab(client.get(page).content.decode()) == marked, page
        assert marked_tab(edit) == marked, page


def test_one_level_of_replies(cast, report):
    first = services.comment_add(obj=report, user=cast.users["pmo"], body="Frage")
    reply = services.comment_add(
        obj=report, user=cast.users["viewer"], body="Antwort", parent=first
    )
    nested = services.comment_add(obj=report, user=cast.users["pmo"], body="Noch was", parent=reply)
    assert reply.parent == first and nested.parent == first
    other = services.comment_add(obj=cast.project, user=cast.users["pmo"], body="x")
    with pytest.raises(ValidationError):
        services.comment_add(obj=report, user=cast.users["pmo"], body="y", parent=other)


def test_mentions_collected_into_one_mail_per_person_and_run(cast, report):
    author = cast.users["pmo"]
    services.comment_add(
        obj=report, user=author, body="@change_manager bitte ansehen, @viewer auch"
    )
    services.comment_add(
        obj=report, user=author, body="Nochmal @change_manager und @change_manager"
    )
    services.comment_add(obj=report, user=author, body="@outsider darf das nicht lesen")
    assert Mention.objects.filter(user=cast.users["change_manager"]).count() == 2
    assert not Mention.objects.filter(user=cast.users["outsider"]).exists()
    assert services.send_mention_mails() == 2
    assert sorted(m.to[0] for m in mail.outbox) == [
        "change_manager@example.org",
        "viewer@example.org",
    ]
    to_bcm = next(m for m in mail.outbox if m.to == ["change_manager@example.org"])
    assert "bitte ansehen" in to_bcm.body and "Nochmal" in to_bcm.body
    # a second run sends nothing again
    assert services.send_mention_mails() == 0 and len(mail.outbox) == 2


def test_editing_adds_new_mentions_without_duplicates(cast, report):
    comment = services.comment_add(obj=report, user=cast.users["pmo"], body="@viewer")
    services.comment_edit(
        comment=comment, obj=report, user=cast.users["pmo"], body="@viewer @sponsor"
    )
    assert Mention.objects.filter(comment=comment).count() == 2


def test_edit_window_and_author_only(cast, report):
    comment = services.comment_add(obj=report, user=cast.users["pmo"], body="Erst")
    with pytest.raises(PermissionDenied):
        services.comment_edit(comment=comment, obj=report, user=cast.users["viewer"], body="x")
    services.comment_edit(comment=comment, obj=report, user=cast.users["pmo"], body="Korrigiert")
    assert comment.edited_at is not None
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(minutes=16))
    comment.refresh_from_db()
    with pytest.raises(ValidationError):
        services.comment_edit(comment=comment, obj=report, user=cast.users["pmo"], body="Zu spät")
    response = cast.client("pmo").post(
        reverse("discussion:edit", args=[comment.pk]), {"body": "Zu spät"}
    )
    assert response.status_code == 422


def test_deletion_leaves_a_trace(cast, report):
    comment = services.comment_add(obj=report, user=cast.users["change_manager"], body="GEHEIMTEXT")
    response = cast.client("viewer").post(reverse("discussion:delete", args=[comment.pk]))
    assert response.status_code == 403
    cast.client("pmo").post(reverse("discussion:delete", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.is_deleted and comment.body == "" and comment.deleted_by == cast.users["pmo"]
    page = cast.client("viewer").get(report.get_absolute_url()).content.decode()
    assert "GEHEIMTEXT" not in page and "Kommentar gelöscht von" in page
    own = services.comment_add(obj=report, user=cast.users["viewer"], body="Meins")
    assert (
        cast.client("viewer").post(reverse("discussion:delete", args=[own.pk])).status_code == 302
    )


def test_comments_never_in_the_frozen_snapshot(cast, report):
    services.comment_add(obj=report, user=cast.users["change_manager"], body="KOMMENTAR-X1")
    reporting_services.report_submit(report=report, user=None)
    accepted = reporting_services.report_accept(report=report, user=None)
    assert "KOMMENTAR-X1" not in str(accepted.snapshot)


@pytest.fixture
def public_idea(cast):
    ProgrammePublication.objects.create(programme=cast.programme, enabled=True)
    IdeaSettings.objects.create(programme=cast.programme, public_platform=True)
    cache.clear()
    return Idea.objects.create(
        programme=cast.programme,
        title="Öffentliche Idee",
        description="…",
        source="public",
        moderation="approved",
        is_public=True,
    )


def test_public_comments_are_moderated_staff_comments_never_public(cast, public_idea, monkeypatch):
    monkeypatch.setattr(public_ideas, "MIN_FILL_SECONDS", 0)
    services.comment_add(obj=public_idea, user=cast.users["pmo"], body="INTERN-KOMMENTAR")
    anon = Client()
    url = reverse("public:idea_comment", args=[cast.programme.slug, public_idea.pk])
    stamp = public_ideas.form_stamp(cast.programme.slug)
    response = anon.post(url, {"body": "Gute Idee!", "author_name": "Max", "stamp": stamp})
    assert response.status_code == 302
    comment = Comment.objects.get(body="Gute Idee!")
    assert comment.is_public and comment.moderation == "pending" and comment.author is None
    detail = reverse("public:idea_detail", args=[cast.programme.slug, public_idea.pk])
    page = anon.get(detail).content.decode()
    assert "Gute Idee!" not in page and "INTERN-KOMMENTAR" not in page
    # the moderator sees it internally and approves it
    internal = (
        cast.client("pmo").get(reverse("ideas:detail", args=[public_idea.pk])).content.decode()
    )
    assert "Gute Idee!" in internal
    assert (
        cast.client("viewer")
        .post(reverse("discussion:moderate", args=[comment.pk]), {"approve": "1"})
        .status_code
        == 403
    )
    cast.client("pmo").post(reverse("discussion:moderate", args=[comment.pk]), {"approve": "1"})
    page = anon.get(detail).content.decode()
    assert "Gute Idee!" in page and "INTERN-KOMMENTAR" not in page
    # honeypot: nothing stored
    anon.post(url, {"body": "Spam", "website": "x", "stamp": stamp})
    assert not Comment.objects.filter(body="Spam").exists()


def test_a_control_character_in_a_public_name_is_refused(cast, public_idea, monkeypatch):
    monkeypatch.setattr(public_ideas, "MIN_FILL_SECONDS", 0)
    url = reverse("public:idea_comment", args=[cast.programme.slug, public_idea.pk])
    stamp = public_ideas.form_stamp(cast.programme.slug)
    response = Client().post(url, {"body": "Gute Idee!", "author_name": "Max\x1b", "stamp": stamp})
    assert response.status_code == 422
    assert (
        "„Ihr Name (freiwillig, wird angezeigt)“: Der Text enthält ein unsichtbares "
        "Steuerzeichen (U+001B)." in response.content.decode()
    )
    assert not Comment.objects.exists()


def test_a_too_long_public_comment_or_name_is_refused_not_cut(cast, public_idea, monkeypatch):
    """The public form's inputs carry no `maxlength` and the server no longer cuts: too long
    a contribution or name is refused with its limit, and nothing is stored."""
    monkeypatch.setattr(public_ideas, "MIN_FILL_SECONDS", 0)
    anon = Client()
    detail = reverse("public:idea_detail", args=[cast.programme.slug, public_idea.pk])
    page = anon.get(detail).content.decode()
    fields = re.findall(r'<(?:input|textarea)[^>]*id="c-(?:name|body)"[^>]*>', page)
    assert len(fields) == 2 and not any("maxlength" in f for f in fields), fields
    url = reverse("public:idea_comment", args=[cast.programme.slug, public_idea.pk])
    stamp = public_ideas.form_stamp(cast.programme.slug)
    response = anon.post(url, {"body": "x" * 5001, "stamp": stamp})
    assert response.status_code == 422
    assert response.content.decode() == "Ein Kommentar hat höchstens 5000 Zeichen."
    response = anon.post(url, {"body": "Gute Idee!", "author_name": "N" * 121, "stamp": stamp})
    assert response.status_code == 422
    assert response.content.decode() == (
        "„Ihr Name (freiwillig, wird angezeigt)“: Bitte geben Sie höchstens 120 Zeichen an."
    )
    assert not Comment.objects.exists()
    response = anon.post(url, {"body": "x" * 5000, "author_name": "N" * 120, "stamp": stamp})
    assert response.status_code == 302
    assert Comment.objects.get().author_name == "N" * 120


def test_a_too_long_edit_is_refused_and_the_text_kept_for_correcting(cast, report):
    """The edit page's textarea carries no `maxlength` (the browser cut pasted text
    silently): too long a comment comes back with the limit, in the textarea as sent."""
    comment = services.comment_add(obj=report, user=cast.users["pmo"], body="Erst")
    url = reverse("discussion:edit", args=[comment.pk])
    page = cast.client("pmo").get(url).content.decode()
    [textarea] = re.findall(r'<textarea[^>]*name="body"[^>]*>', page)
    assert "maxlength" not in textarea
    response = cast.client("pmo").post(url, {"body": "y" * 5001})
    assert response.status_code == 422
    text = response.content.decode()
    assert "Ein Kommentar hat höchstens 5000 Zeichen." in text
    assert ">" + "y" * 5001 + "</textarea>" in text
    comment.refresh_from_db()
    assert comment.body == "Erst"


def test_a_refused_comment_or_reply_comes_back_in_its_field_on_the_page(cast, report):
    """The comment forms carry no `maxlength` (the browser cut pasted text silently); the
    form goes back to the commented page, so a refused text stands there again in its field
    (the reply's thread opened), once, and nothing is saved."""
    first = services.comment_add(obj=report, user=cast.users["pmo"], body="Frage")
    client = cast.client("pmo")
    page = client.get(report.get_absolute_url()).content.decode()
    areas = re.findall(r'<textarea[^>]*name="body"[^>]*>', page)
    assert len(areas) == 2 and not any("maxlength" in a for a in areas), areas
    data = {"target": "reporting.statusreport", "pk": report.pk, "next": "/"}
    response = client.post(reverse("discussion:create"), data | {"body": "z" * 5001})
    assert response.status_code == 302
    page = client.get(report.get_absolute_url()).content.decode()
    assert 'aria-describedby="comment-body-error">' + "z" * 5001 + "</textarea>" in page
    assert "Ein Kommentar hat höchstens 5000 Zeichen." in page
    again = client.get(report.get_absolute_url()).content.decode()
    assert "z" * 5001 not in again
    client.post(reverse("discussion:create"), data | {"body": "\x07", "parent": first.pk})
    page = client.get(report.get_absolute_url()).content.decode()
    assert '<details class="comment-reply-form" open>' in page
    assert f'aria-describedby="reply-{first.pk}-error">\x07</textarea>' in page
    assert 'rows="3" required></textarea>' in page
    # A draft of another page's comments stays for that page.
    client.post(reverse("discussion:create"), data | {"body": "w" * 5001})
    assert "w" * 5001 not in client.get(cast.project.get_absolute_url()).content.decode()
    assert "w" * 5001 in client.get(report.get_absolute_url()).content.decode()
    assert list(Comment.objects.values_list("body", flat=True)) == ["Frage"]


def test_a_refused_comment_says_why_beside_its_field(cast, report):
    """QA: the comment form goes back to the page's comments (#kommentare), far below the
    notice at the top: the text stood in its field again without a word why. The reason
    stands beside the field too (the reply's as well), tied to it for screen readers."""
    first = services.comment_add(obj=report, user=cast.users["pmo"], body="Frage")
    client = cast.client("pmo")
    data = {"target": "reporting.statusreport", "pk": report.pk, "next": "/"}
    client.post(reverse("discussion:create"), data | {"body": "z" * 5001})
    page = client.get(report.get_absolute_url()).content.decode()
    assert (
        '<ul class="errorlist" id="comment-body-error">'
        "<li>Ein Kommentar hat höchstens 5000 Zeichen.</li></ul>"
    ) in page
    [area] = re.findall(r'<textarea id="comment-body"[^>]*>', page)
    assert 'aria-invalid="true"' in area and 'aria-describedby="comment-body-error"' in area
    client.post(reverse("discussion:create"), data | {"body": "\x07", "parent": first.pk})
    page = client.get(report.get_absolute_url()).content.decode()
    error = f"reply-{first.pk}-error"
    assert f'<ul class="errorlist" id="{error}"><li>„Kommentar“: Der Text enthält' in page
    [area] = re.findall(rf'<textarea id="reply-{first.pk}"[^>]*>', page)
    assert f'aria-describedby="{error}"' in area
    assert "comment-body-error" not in page
    again = client.get(report.get_absolute_url()).content.decode()
    assert "errorlist" not in again


def test_comment_api(cast, report):
    import json

    def call(role, method, url, body=None):
        kwargs = {"content_type": "application/json"}
        if body is not None:
            kwargs["data"] = json.dumps(body)
        return getattr(cast.client(role), method)(f"/api/v1{url}", **kwargs)

    body = {"target": "reporting.statusreport", "id": report.pk, "body": "Per API @viewer"}
    assert call("outsider", "post", "/comments", body).status_code == 403
    assert call("anonymous", "post", "/comments", body).status_code == 401
    created = call("change_manager", "post", "/comments", body)
    assert created.status_code == 201
    assert Mention.objects.filter(user=cast.users["viewer"]).exists()
    listed = call("viewer", "get", f"/comments?target=reporting.statusreport&id={report.pk}")
    assert [c["body"] for c in listed.json()["items"]] == ["Per API @viewer"]
    assert (
        call("viewer", "get", f"/comments?target=accounts.user&id={report.pk}").status_code == 404
    )
    comment_id = created.json()["id"]
    assert call("viewer", "patch", f"/comments/{comment_id}", {"body": "x"}).status_code == 403
    assert (
        call("change_manager", "patch", f"/comments/{comment_id}", {"body": ""}).status_code == 422
    )
    assert call("viewer", "delete", f"/comments/{comment_id}").status_code == 403
    deleted = call("pmo", "delete", f"/comments/{comment_id}")
    assert (
        deleted.status_code == 200 and deleted.json()["deleted_at"] and deleted.json()["body"] == ""
    )


def test_a_comment_with_a_control_character_is_refused_lines_are_kept(cast, report):
    with pytest.raises(ValidationError) as caught:
        services.comment_add(obj=report, user=cast.users["pmo"], body="Frage\x1b[2J")
    assert caught.value.message_dict["body"] == [
        "„Kommentar“: Der Text enthält ein unsichtbares Steuerzeichen (U+001B). "
        "Bitte entfernen Sie es."
    ]
    kept = services.comment_add(obj=report, user=cast.users["pmo"], body="Zeile 1\nZeile 2")
    assert kept.body == "Zeile 1\nZeile 2"
