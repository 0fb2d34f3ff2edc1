"""Pieces the planning views share."""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render

from lotse.http import AuthedRequest

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def form_page(
    request: AuthedRequest,
    form: Any,
    *,
    title: StrOrPromise,
    project: Any,
    back: str,
    template: str = "planning/form.html",
    **extra: Any,
) -> HttpResponse:
    """The page of one form: `project` is what the way `back` names (anything with a title)."""
    context = {"form": form, "title": title, "project": project, "back": back, **extra}
    return render(request, template, context)
