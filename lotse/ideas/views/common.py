"""Pieces the ideas views share."""

from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render

from lotse.portfolio.models import Programme


def ideas_page(
    request: HttpRequest, template: str, programme: Programme, *, status: int = 200, **context: Any
) -> HttpResponse:
    """A page of `programme`'s ideas section: `template` with `context`, the programme and the
    navigation's section."""
    context = {"programme": programme, "nav_section": "ideas", **context}
    return render(request, template, context, status=status)
