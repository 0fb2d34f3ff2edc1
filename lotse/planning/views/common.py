"""Pieces the planning views share."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render

from lotse.http import AuthedRequest
from lotse.http import section_page

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# A page of the capacity section: capacity_page(request, template, programme, **context).
capacity_page = partial(section_page, section="capacity")


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
