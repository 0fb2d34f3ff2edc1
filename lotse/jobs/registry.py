"""The kinds of job: each app registers its runners in its own `jobs.py`.

A runner gets the job and a progress callback and returns an `Output`: the bytes of a
document (stored through Django's storage) or a place elsewhere where the result lives (the
council-report archive, an import's log), with a German summary. It raises `JobFailed` with a
German message for a failure the user can understand (a `ValidationError` works the same way).
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING
from typing import Protocol

from django.utils.translation import ngettext

from lotse import exporting as exports

if TYPE_CHECKING:
    from .models import Job


class Progress(Protocol):
    def __call__(self, phase: str, percent: int) -> None: ...


@dataclass(frozen=True)
class Output:
    content: bytes | None = None
    filename: str = ""
    content_type: str = ""
    # Where the result lives when it is not a file of the job (an archive entry, a page).
    url: str = ""
    summary: str = ""


Runner = Callable[["Job", Progress], Output]


class JobFailed(Exception):
    """A failure with a German message for the person waiting on it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# How many problems a failure message names at the most (a preview page lists them all).
SHOWN_PROBLEMS = 10


def first_problems(problems: Sequence[object], separator: str) -> str:
    """The first `SHOWN_PROBLEMS` problems joined by `separator`, then how many more there are."""
    shown = separator.join(str(p) for p in problems[:SHOWN_PROBLEMS])
    more = len(problems) - SHOWN_PROBLEMS
    if more > 0:
        shown += " " + ngettext(
            "(und %(n)d weiteres Problem)", "(und %(n)d weitere Probleme)", more
        ) % {"n": more}
    return shown


_RUNNERS: dict[str, Runner] = {}


def register(kind: str) -> Callable[[Runner], Runner]:
    def decorator(run: Runner) -> Runner:
        _RUNNERS[kind] = run
        return run

    return decorator


def runner(kind: str) -> Runner | None:
    """The runner of a kind: registered here, or an export of lotse.exporting."""
    if kind in _RUNNERS:
        return _RUNNERS[kind]
    export = exports.get(kind)
    if export is None:
        return None
    from .exports import run_export

    return partial(run_export, export)


def kinds() -> list[str]:
    return sorted({*_RUNNERS, *(e.kind for e in exports.all_exports())})
