"""Checks of who may change what through a page, on the standard cast (tests/conftest.py)."""

from collections.abc import Callable

from .roles import page_status


def assert_post_access(cast, role, url, data, allowed, happened: Callable[[], bool]) -> None:
    """POST `data` to `url` as `role`: a redirect for the `allowed` (403, or the login for the
    anonymous visitor, otherwise), and the change — `happened()` — made exactly for them."""
    response = cast.client(role).post(url, data or {})
    assert response.status_code == page_status(role, allowed, ok=302), response.content
    assert happened() == (role in allowed)


def emptied(queryset) -> Callable[[], bool]:
    """For a delete: has `queryset` no rows left?"""
    return lambda: not queryset.exists()
