"""Pieces the ideas views share."""

from functools import partial

from lotse.http import section_page

# A page of the ideas section: ideas_page(request, template, programme, **context).
ideas_page = partial(section_page, section="ideas")
