"""Pieces the planning views share."""

from functools import partial

from lotse import forms
from lotse.http import section_page

# The page of one form of the plan: form_page(request, form, title=, project=, back=, …);
# `project` is what the way back names (anything with a title).
form_page = partial(forms.form_page, template="planning/form.html")
# A page of the capacity section: capacity_page(request, template, programme, **context).
capacity_page = partial(section_page, section="capacity")
