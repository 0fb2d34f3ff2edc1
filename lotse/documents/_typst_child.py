"""Sets one document with Typst in a child process (see `lotse.documents.typeset`), or joins
documents set in parts (`lotse.documents.pdfjoin`, pikepdf).

Imports nothing of Django: the child is forked from a fresh, single-threaded server
process (multiprocessing's "forkserver"), never from a worker that may already run threads.
"""

import resource
from functools import cache
from multiprocessing.connection import Connection

import typst


@cache
def _fonts(folder: str) -> typst.Fonts:
    return typst.Fonts(include_system_fonts=False, font_paths=[folder])


def run(path: str, root: str, fonts: str, payload: str, timestamp: int, sender: Connection) -> None:
    """Send (True, pdf bytes, usage) or (False, the error with Typst's diagnostic, usage) to
    the parent; usage is this process's peak RSS (KiB) and CPU seconds, for the benchmark."""
    result: tuple[bool, object]
    try:
        pdf = typst.compile(
            path,
            root=root,
            font_paths=_fonts(fonts),
            ignore_system_fonts=True,
            sys_inputs={"data": payload},
            pdf_standards="ua-1",
            timestamp=timestamp,
        )
    except typst.TypstError as error:
        result = (False, f"{error}\n{getattr(error, 'diagnostic', '')}")
    except Exception as error:  # noqa: BLE001 - handed to the parent, which raises
        result = (False, repr(error))
    else:
        result = (True, pdf)
    _send(sender, result)


def join(
    front: bytes, parts: list[bytes], footers: bytes, page_word: str, sender: Connection
) -> None:
    """Send (True, the joined PDF, usage) or (False, the error, usage) to the parent."""
    from lotse.documents import pdfjoin

    result: tuple[bool, object]
    try:
        result = (True, pdfjoin.join(front, parts, footers, page_word))
    except Exception as error:  # noqa: BLE001 - handed to the parent, which raises
        result = (False, f"joining the parts: {error!r}")
    _send(sender, result)


def _send(sender: Connection, result: tuple[bool, object]) -> None:
    used = resource.getrusage(resource.RUSAGE_SELF)
    usage = {"rss_kib": used.ru_maxrss, "cpu_s": used.ru_utime + used.ru_stime}
    try:
        sender.send((*result, usage))
    finally:
        sender.close()
