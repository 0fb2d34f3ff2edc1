"""CSV downloads: the one place Lotse writes CSV, guarded against formula injection.

Following OWASP's CSV-injection guidance, a text cell that starts with `=`, `+`, `-`, `@`,
tab or carriage return gets a leading single quote, so a spreadsheet opening the file shows
it as text instead of running it. Numbers (also negative ones) are written unchanged.
"""

import csv
import io
from collections.abc import Iterable
from collections.abc import Sequence
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_text(headers: Sequence[str], rows: Iterable[Sequence[Any]], delimiter: str = ",") -> str:
    """UTF-8 text (no byte order mark), CRLF line ends, as RFC 4180 wants. `delimiter=";"`
    writes what German Excel opens directly (the import templates)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", delimiter=delimiter)
    writer.writerow([csv_cell(h) for h in headers])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return buffer.getvalue()


def csv_rows(rows: Iterable[Sequence[Any]], delimiter: str = ",") -> str:
    """Rows only, as `csv_text` writes them: for files streamed a piece at a time, thousands
    of rows (issue 14): text and whole numbers are written without a call of `csv_cell`."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n", delimiter=delimiter).writerows(
        [
            [
                ("'" + v if v.startswith(FORMULA_START) else v)
                if v.__class__ is str
                else ""
                if v is None
                else v
                if v.__class__ is int
                else csv_cell(v)
                for v in row
            ]
            for row in rows
        ]
    )
    return buffer.getvalue()
