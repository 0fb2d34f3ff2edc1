"""How many database queries a page costs: the measure of the constant-queries tests."""

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
