"""How many database queries a page costs: the measure of the constant-queries tests."""

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.jobs.helpers import export_queries


def page_queries(client, url: str, params: dict | None = None) -> int:
    """The queries of one GET of `url` (which must answer 200); for an .xlsx export, those the
    worker makes to build it."""
    if url.split("?")[0].endswith(".xlsx"):
        return export_queries(client, url, params)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200, url
    return len(ctx.captured_queries)


def assert_constant_queries(
    client, url: str, grow_to: Callable[[int], object], sizes: tuple[int, int], params=None
) -> None:
    """`url` costs as many queries after `grow_to(n)` brought the programme to the second of
    `sizes` (projects) as after it brought it to the first."""
    few, many = sizes
    grow_to(few)
    small = page_queries(client, url, params)
    grow_to(many)
    large = page_queries(client, url, params)
    assert large == small, f"{url}: {small} queries for {few} projects, {large} for {many}"
