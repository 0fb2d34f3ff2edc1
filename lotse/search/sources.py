"""What is searchable: for each model its kind, the text that goes into the index, the link,
the programme (to narrow the search to the user's programmes) and the check whether a user
may open the object. The search sits high in the layers because it reads every app."""

import re
from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotse.attachments import selectors as attachment_selectors
from lotse.attachments.models import Attachment
from lotse.boards.models import Card
from lotse.governance.models import AgendaItem
from lotse.governance.models import Decision
from lotse.governance.models import Meeting
from lotse.http import AnyUser
from lotse.ideas.models import Idea
from lotse.portfolio.models import Project
from lotse.reporting.models import DecisionRequest
from lotse.reporting.models import StatusReport


@dataclass(frozen=True)
class Source:
    kind: str
    heading: Any  # German group heading (lazy)
    model: type[Model]
    queryset: Callable[[], QuerySet[Any]]
    body: Callable[[Any], str]
    context: Callable[[Any], str]
    may_open: Callable[[AnyUser, Any], bool]
    programme_id: Callable[[Any], int | None] = lambda obj: obj.programme_id
    title: Callable[[Any], str] = str
    url: Callable[[Any], str] = lambda obj: obj.get_absolute_url()
    indexed: Callable[[Any], bool] = lambda obj: True


def _may_view(perm: str) -> Callable[[AnyUser, Any], bool]:
    """Whether the user holds the permission `perm` on the object."""
    return lambda user, obj: user.has_perm(perm, obj)


def _join(*parts: object) -> str:
    return "\n".join(str(p) for p in parts if p)


def _minutes_body(meeting: Meeting) -> str:
    items: Iterable[AgendaItem] = meeting.agenda_items.all()
    return _join(
        meeting.minutes_notes,
        *(_join(item.title, item.description, item.notes) for item in items if not item.removed),
    )


def _attachment_url(attachment: Attachment) -> str:
    return reverse("attachments:download", args=[attachment.public_id])


def _attachment_body(attachment: Attachment) -> str:
    # The file names, also split at dots and dashes ("handbuch.pdf" → "handbuch pdf"):
    # PostgreSQL's parser keeps a file name as one word.
    names = [v.original_name for v in attachment.versions.all()]
    return _join(*names, *(re.sub(r"[._-]+", " ", name) for name in names))


SOURCES: list[Source] = [
    Source(
        kind="project",
        heading=_("Projekte"),
        model=Project,
        queryset=lambda: Project.objects.select_related("programme"),
        title=lambda p: p.title,
        body=lambda p: _join(p.short_name, p.description, p.goals, p.public_summary),
        url=lambda p: reverse("portfolio:project_detail", args=[p.pk]),
        context=lambda p: p.programme.name,
        may_open=_may_view("portfolio.view_project"),
    ),
    Source(
        kind="report",
        heading=_("Statusberichte"),
        model=StatusReport,
        queryset=lambda: StatusReport.objects.select_related("project", "period"),
        programme_id=lambda r: r.project.programme_id,
        title=lambda r: f"{r.project.title} – {r.period}",
        body=lambda r: _join(
            r.summary,
            r.achievements,
            r.next_steps,
            r.obstacles,
            r.support_needed,
            r.user_involvement,
            r.vision,
        ),
        context=lambda r: r.get_state_display(),
        may_open=_may_view("reporting.view_report"),
    ),
    Source(
        kind="decision",
        heading=_("Beschlüsse"),
        model=Decision,
        queryset=lambda: Decision.objects.select_related("meeting__series"),
        body=lambda d: _join(d.wording, d.rationale),
        context=lambda d: str(d.meeting),
        may_open=_may_view("governance.view_minutes"),
    ),
    Source(
        kind="request",
        heading=_("Entscheidungsbedarfe"),
        model=DecisionRequest,
        queryset=lambda: DecisionRequest.objects.select_related("project"),
        programme_id=lambda r: r.project.programme_id,
        title=lambda r: r.question,
        body=lambda r: _join(r.options, r.recommendation),
        url=lambda r: reverse("governance:request_detail", args=[r.pk]),
        context=lambda r: r.project.title,
        may_open=_may_view("governance.view_request"),
    ),
    Source(
        kind="minutes",
        heading=_("Protokolle"),
        model=Meeting,
        queryset=lambda: Meeting.objects.select_related("series").prefetch_related("agenda_items"),
        programme_id=lambda m: m.series.programme_id,
        body=_minutes_body,
        context=lambda m: m.series.name,
        may_open=_may_view("governance.view_minutes"),
        indexed=lambda m: bool(_minutes_body(m)),
    ),
    Source(
        kind="card",
        heading=_("Karten"),
        model=Card,
        queryset=lambda: Card.objects.select_related("board__project"),
        programme_id=lambda c: c.board.programme_id or c.board.project.programme_id,
        title=lambda c: c.title,
        body=lambda c: c.description,
        url=lambda c: c.board.get_absolute_url() + f"#karte-{c.pk}",
        context=lambda c: str(c.board),
        may_open=lambda user, c: user.has_perm("boards.view_board", c.board),
    ),
    Source(
        kind="idea",
        heading=_("Ideen"),
        model=Idea,
        queryset=lambda: Idea.objects.all(),
        title=lambda i: i.title,
        body=lambda i: i.description,
        context=lambda i: i.get_status_display(),
        may_open=_may_view("ideas.view_idea"),
    ),
    Source(
        kind="attachment",
        heading=_("Anhänge"),
        model=Attachment,
        queryset=lambda: Attachment.objects.select_related("content_type").prefetch_related(
            "versions"
        ),
        title=lambda a: a.title,
        body=_attachment_body,
        url=_attachment_url,
        context=lambda a: (
            str(a.content_type.model_class()._meta.verbose_name)
            if a.content_type.model_class()
            else ""
        ),
        may_open=attachment_selectors.may_read,
        indexed=lambda a: not a.is_deleted,
    ),
]

BY_MODEL: dict[type[Model], Source] = {source.model: source for source in SOURCES}
BY_LABEL: dict[str, Source] = {source.model._meta.label_lower: source for source in SOURCES}
