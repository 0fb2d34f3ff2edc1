"""Pieces the governance views share."""

from functools import partial

from lotse.http import section_page

# A page of the governance section: governance_page(request, template, programme, **context).
governance_page = partial(section_page, section="governance")
