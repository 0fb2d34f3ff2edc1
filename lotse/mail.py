"""Every mail Lotse sends goes through here (reminders, deadlines, mentions).

Each mail is marked as sent by a machine (`Auto-Submitted: auto-generated`, RFC 3834, so
out-of-office replies stay away; `X-Auto-Response-Suppress` for Exchange), comes from
DEFAULT_FROM_EMAIL with LOTSE_MAIL_REPLY_TO as Reply-To when set, carries plain text and an
HTML alternative with the same words, and ends with a link to the person's notification
settings, where they choose what they receive. A run collects everything for one person into
one digest (`send_digest`) instead of a mail per item.

Neutral: it imports no app, so any app may use it.
"""

import html
import logging
import re
from collections.abc import Callable
from collections.abc import Container
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any
from typing import Protocol
from typing import TypeVar

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

DEFAULT_BASE_URL = "http://127.0.0.1:8000"
SETTINGS_PATH = "/konto/benachrichtigungen/"  # accounts:notifications
HEADERS = {"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"}
URL = re.compile(r"https?://[^\s<>\"]+")

logger = logging.getLogger(__name__)


def base_url() -> str:
    """Where the installation is reached, for absolute links in mails (`LOTSE_BASE_URL`)."""
    return getattr(settings, "LOTSE_BASE_URL", DEFAULT_BASE_URL).rstrip("/")


def settings_link() -> str:
    return base_url() + SETTINGS_PATH


def _footer() -> str:
    with translation.override("de"):
        return "\n\n-- \n" + _(
            "Welche Nachrichten Sie von Lotse erhalten, legen Sie selbst fest: %(link)s"
        ) % {"link": settings_link()}


def rendered(template: str, context: dict[str, Any]) -> tuple[str, str]:
    """Subject and body of a mail from `<template>_subject.txt` and `<template>_body.txt`,
    rendered in German; the subject on one line."""
    with translation.override("de"):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}_body.txt", context)
    return " ".join(subject.split()), body


def as_html(text: str) -> str:
    """The plain text as simple HTML: paragraphs, line breaks, links; nothing else."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        escaped = html.escape(block)
        linked = URL.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', escaped)
        paragraphs.append("<p>" + linked.replace("\n", "<br>\n") + "</p>")
    body = "\n".join(paragraphs)
    return (
        '<!DOCTYPE html>\n<html lang="de"><head><meta charset="utf-8"></head>\n'
        f'<body style="font-family: sans-serif">\n{body}\n</body></html>\n'
    )


def message(*, subject: str, text: str, to: Sequence[str]) -> EmailMultiAlternatives:
    """One mail: sender and Reply-To from the settings, machine headers, text + HTML."""
    text = text.rstrip() + _footer()
    reply_to = getattr(settings, "LOTSE_MAIL_REPLY_TO", "")
    mail = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        reply_to=[reply_to] if reply_to else None,
        headers=dict(HEADERS),
    )
    mail.attach_alternative(as_html(text), "text/html")
    return mail


@dataclass(frozen=True)
class Part:
    """One item of a digest: its own subject (the digest's subject when it is alone), its
    text, and `record()`, which writes its log row (unique: a part already sent is skipped)."""

    subject: str
    body: str
    record: Callable[[], Any]


def send_digest(*, to: str, parts: Sequence[Part], subject_many: str) -> int:
    """One mail to `to` with every part not sent before; returns how many parts it carried.

    All parts are recorded and the mail is sent in one transaction: if sending fails, nothing
    is recorded and the next run tries again. `subject_many` takes `%(n)d`.
    """
    with transaction.atomic():
        fresh = []
        for part in parts:
            try:
                with transaction.atomic():
                    part.record()
            except IntegrityError:
                continue  # another run sent this one meanwhile
            fresh.append(part)
        if not fresh:
            return 0
        if len(fresh) == 1:
            subject, text = fresh[0].subject, fresh[0].body
        else:
            subject = subject_many % {"n": len(fresh)}
            text = "\n\n".join(
                f"{'=' * 8} {number}/{len(fresh)}: {part.subject} {'=' * 8}\n\n{part.body.strip()}"
                for number, part in enumerate(fresh, start=1)
            )
        message(subject=subject, text=text, to=[to]).send()
    return len(fresh)


class Addressed(Protocol):
    @property
    def email(self) -> str: ...


R = TypeVar("R", bound=Addressed)


def send_digests(
    reminders: Iterable[R],
    *,
    unwanted: Container[str],
    render: Callable[[R], tuple[str, str]],
    record: Callable[[R], Any],
    subject_many: str | Promise,
    what: str,
) -> tuple[int, list[R]]:
    """A reminder run: one digest (`send_digest`) per address with its reminders, except to
    the addresses in `unwanted` (lower case: the people who switched these mails off). Each
    reminder is a `Part` with the subject and body `render` gives and `record` as its log;
    `subject_many` (`%(n)d` parts, lazy or not) is said in German.

    A mail that fails is logged (`what` names the run) and does not stop the others; returns
    how many reminders were sent and the reminders whose mail failed."""
    with translation.override("de"):
        many = str(subject_many)
    by_email: dict[str, list[R]] = {}
    for reminder in reminders:
        if reminder.email.strip().lower() not in unwanted:
            by_email.setdefault(reminder.email, []).append(reminder)
    sent = 0
    failed: list[R] = []
    for email, group in by_email.items():
        try:
            parts = [Part(*render(r), record=partial(record, r)) for r in group]
            sent += send_digest(to=email, parts=parts, subject_many=many)
        except Exception:
            logger.exception("%s to %s failed", what, email)
            failed.extend(group)
    return sent, failed
