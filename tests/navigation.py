"""The tab of the top navigation a page marks as the current one (`aria-current`)."""

import re

_MARKED = re.compile(r'<a href="([^"]*)" aria-current="page">')


def marked_tab(html: str) -> str | None:
    """The address of the one link of the top navigation that `html` marks as current; None
    when it marks none."""
    nav = html.split('<nav class="main-nav"', 1)[1].split("</nav>", 1)[0]
    found = _MARKED.findall(nav)
    assert len(found) <= 1, found
    return found[0] if found else None
