"""Pieces the finance views share."""

from datetime import date
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from lotse.http import AuthedRequest

from ..models import Deadline


def deadline_state(deadline: Deadline, today: date) -> str:
    """open / met / missed, or overdue (open and past its date)."""
    return "overdue" if deadline.is_overdue(today) else deadline.status


def deadline_state_label(state: str) -> str:
    return {
        "open": _("offen"),
        "met": _("eingehalten"),
        "missed": _("verpasst"),
        "overdue": _("überfällig"),
    }[state]


def annotate_deadlines(deadlines: list[Deadline], today: date) -> list[Deadline]:
    for deadline in deadlines:
        deadline.state = deadline_state(deadline, today)  # type: ignore[attr-defined]
        deadline.state_label = deadline_state_label(deadline.state)  # type: ignore[attr-defined]
        deadline.days_left = (deadline.due_date - today).days  # type: ignore[attr-defined]
        deadline.days_over = -deadline.days_left  # type: ignore[attr-defined]
    return deadlines


def form_page(
    request: AuthedRequest,
    form: Any,
    *,
    title: str,
    programme: Any,
    back: str,
    extra: dict | None = None,
) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "programme": programme,
        "back": back,
        "nav_section": "finance",
    }
    return render(request, "finance/form.html", context | (extra or {}))
