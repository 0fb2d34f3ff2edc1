"""Pieces the finance views share."""

from functools import partial
from typing import Any

from django.http import HttpResponse

from lotse.http import AuthedRequest
from lotse.http import section_page

from ..selectors import annotate_deadlines
from ..selectors import deadline_state
from ..selectors import deadline_state_label

__all__ = [
    "annotate_deadlines",
    "deadline_state",
    "deadline_state_label",
    "finance_page",
    "form_page",
]

# A page of the finance section: finance_page(request, template, programme, **context).
finance_page = partial(section_page, section="finance")


def form_page(
    request: AuthedRequest,
    form: Any,
    *,
    title: str,
    programme: Any,
    back: str,
    extra: dict | None = None,
) -> HttpResponse:
    return finance_page(
        request, "finance/form.html", programme, form=form, title=title, back=back, **(extra or {})
    )
