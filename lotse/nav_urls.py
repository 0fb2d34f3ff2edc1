"""`{% nav_url %}`: the `{% url %}` tag for the links every page repeats (navigation, header,
footer), reversed once per process instead of ~40 times per request.

The URLconf is fixed while the process runs, so the same name and arguments always reverse to
the same path; the memo is keyed by the URLconf in use and the script prefix too, so a test
that swaps the URLconf or a deployment below a sub-path gets its own entries. It holds only
paths, no permission: what a user may see is still decided on every request in the template.
"""

from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

from lotse.http import id_url

register = template.Library()


@lru_cache(maxsize=4096)
def _reversed(root: str, urlconf: str | None, prefix: str, name: str, args: tuple[str, ...]) -> str:
    return reverse(name, args=args)


@register.simple_tag
def nav_url(name: str, *args: object) -> str:
    """Like `{% url name arg… %}` for string and integer arguments (a programme's slug, a
    language code)."""
    return _reversed(
        settings.ROOT_URLCONF,
        get_urlconf(),
        get_script_prefix(),
        name,
        tuple(str(arg) for arg in args),
    )


@register.simple_tag(name="id_url")
def id_url_tag(name: str, *args: object) -> str:
    """Like `{% url name … pk %}` for a route whose last argument is an integer id, in a loop
    over many rows: reversed once per process and name (`lotse.http.id_url`)."""
    return id_url(name, *args)
