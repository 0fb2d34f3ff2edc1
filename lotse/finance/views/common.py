"""Pieces the finance views share."""

from functools import partial

from lotse import forms
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
# The page of one form: form_page(request, form, title=, programme=, back=, **context).
form_page = partial(forms.form_page, template="finance/form.html", nav_section="finance")
