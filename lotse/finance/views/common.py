"""Pieces the finance views share."""

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render

from lotse.http import AuthedRequest

from ..selectors import annotate_deadlines
from ..selectors import deadline_state
from ..selectors import deadline_state_label

__all__ = ["annotate_deadlines", "deadline_state", "deadline_state_label", "form_page"]


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
