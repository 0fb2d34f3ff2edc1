"""Sending helpers shared by every app that mails people (status-report and check-in reminders).

Neutral: it imports no app, so any app may use it.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction

DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def base_url() -> str:
    """Where the installation is reached, for absolute links in mails (`LOTSE_BASE_URL`)."""
    return getattr(settings, "LOTSE_BASE_URL", DEFAULT_BASE_URL).rstrip("/")


def send_once(*, record: Callable[[], Any], subject: str, body: str, to: str) -> bool:
    """Record a mail (`record()` creates its log row) and send it in one transaction.

    The log row's unique key makes a rerun or a parallel run skip it (False); if sending fails,
    the row is rolled back so the next run tries again.
    """
    try:
        with transaction.atomic():
            record()
            EmailMessage(subject, body, to=[to]).send()
    except IntegrityError:
        return False
    return True
