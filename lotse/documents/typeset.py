"""PDF with Typst: a `.typ` template laid out with data, as PDF/UA-1.

User text reaches Typst only as data: the caller's dict is serialised to JSON, handed over
in `sys.inputs` and read inside the template with `json(bytes(sys.inputs.data))`. Nothing is
ever spliced into Typst markup, so a title such as ``#panic()`` or ``]`` prints as written.

Templates live in the apps' ``templates`` folders (``<app>/templates/<app>/<name>.typ``)
and import the shared layout, ``documents/templates/documents/lotse.typ``. The project root
handed to Typst is the ``lotse`` package, so templates can read nothing outside it.

The fonts ship with the project (``lotse/documents/fonts``, DejaVu Sans); system fonts are
ignored, so every machine sets the same document.

Typst memoises its work in process-wide caches that the Python binding never empties: a
long-lived worker would grow by the size of every document it ever set (about 70 MB per 100
Projektcheck pages). So each document is set in a child process that exits when the PDF is
handed back; the worker keeps only the bytes (``ISOLATE``; on systems without fork the
document is set in-process). The child is forked from multiprocessing's "forkserver" (a
fresh, single-threaded process), never from the worker itself: a fork of a process in which
Typst's thread pool already runs would hang.

A long document of many parts (the 500-project Projektcheck pack) would need Typst's memory
for all its pages at once (over 600 MB): `render_parts` sets it 100 parts a child process
and `pdfjoin` joins the pieces into one tagged PDF/UA-1 document (one structure tree,
outline and page numbering).

Most documents are built from a small block model (see `lotse.typ`): headings, paragraphs
of runs, lists, tables with a header row, figures (server-rendered SVG with alt text).
"""

from __future__ import annotations

import json
import logging
import multiprocessing
from collections.abc import Callable
from collections.abc import Mapping
from datetime import date
from datetime import datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import typst
from django.template.utils import get_app_template_dirs
from django.utils import formats
from django.utils import timezone
from django.utils.functional import Promise

import lotse

from . import _typst_child

logger = logging.getLogger(__name__)

ROOT = Path(lotse.__file__).resolve().parent
FONTS = Path(__file__).resolve().parent / "fonts"

Progress = Callable[[str, int], None]

# Set each document in a forked child process (see the module's docstring).
ISOLATE = "forkserver" in multiprocessing.get_all_start_methods()
# The last child's peak RSS (KiB) and CPU seconds, and those of every child that set a
# piece of the last document (`render_parts`); read by bench/reports_bench.py.
last_child_usage: dict[str, float] = {}
child_usages: list[dict[str, float]] = []


class DocumentError(RuntimeError):
    """A template could not be set (a bug in the template, never in the data)."""


@cache
def _fonts() -> typst.Fonts:
    return typst.Fonts(include_system_fonts=False, font_paths=[str(FONTS)])


@cache
def template_path(name: str) -> Path:
    """The file of a template such as ``council_reports/report.typ``."""
    for folder in get_app_template_dirs("templates"):
        path = Path(folder) / name
        if path.is_file():
            resolved = path.resolve()
            if ROOT not in resolved.parents:
                break
            return resolved
    raise DocumentError(f"Typst template {name} not found")


def _plain(value: Any) -> Any:
    """JSON-ready data: dates as German dates, decimals as German numbers, lazy text as text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, datetime):
        return formats.date_format(
            timezone.localtime(value) if timezone.is_aware(value) else value, "d.m.Y H:i"
        )
    if isinstance(value, date):
        return formats.date_format(value, "d.m.Y")
    if isinstance(value, Decimal):
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return str(value)


def render(
    template: str,
    data: Mapping[str, Any],
    *,
    moment: datetime | None = None,
    progress: Progress | None = None,
) -> bytes:
    """Lay out `template` with `data` and return the PDF's bytes (PDF/UA-1).

    `data` must carry ``title`` (the document title for the metadata and the window).
    `moment` fixes the creation date in the metadata (the same data give the same file).
    """
    if not data.get("title"):
        raise DocumentError("A PDF/UA document needs a title")
    if progress:
        progress("layout", 40)
    child_usages.clear()
    payload = json.dumps(_plain(data), ensure_ascii=False)
    pdf = _compile(
        str(template_path(template)), payload, int((moment or timezone.now()).timestamp())
    )
    if progress:
        progress("done", 100)
    return pdf


# Parts per child when a document is set in parts (`render_parts`): about 170 MB resident
# for 100 Projektcheck pages, where the 500-project pack in one piece needs 624 MB.
PARTS_PER_CHILD = 100
# How many children set parts at the same time (each one on a core of its own).
PARALLEL_CHILDREN = 2


def render_parts(
    template: str,
    data: Mapping[str, Any],
    parts: list[list[dict]],
    *,
    per_child: int | None = None,
    moment: datetime | None = None,
    progress: Progress | None = None,
) -> bytes:
    """Like `render` with ``data["blocks"] + every part's blocks``, set in pieces when long.

    A document of many similar parts (the Projektcheck pack: one part per project) needs
    memory in proportion to its length when Typst sets it in one piece. Up to `per_child`
    parts it is set in one piece (`render`); beyond, each run of `per_child` parts is set in
    a child process of its own (at most `PARALLEL_CHILDREN` at a time), then the front
    (``data["blocks"]``: cover, table of contents) with the page numbers the parts came out
    with, then the footers ("Seite x von y") over all pages, and `pdfjoin.join` makes one
    tagged PDF/UA-1 document of them: one structure tree, outline, named destinations.

    A ``toc`` block in the front may list labels of headings in the parts; each part's
    headings must not depend on the other parts (no references across parts).
    """
    from concurrent.futures import ThreadPoolExecutor
    from concurrent.futures import as_completed

    from . import pdfjoin

    size = per_child or PARTS_PER_CHILD
    if len(parts) <= size:
        return render(
            template,
            {**data, "blocks": [*data.get("blocks", []), *(b for part in parts for b in part)]},
            moment=moment,
            progress=progress,
        )
    if not data.get("title"):
        raise DocumentError("A PDF/UA document needs a title")
    child_usages.clear()
    if progress:
        progress("layout", 15)
    path = str(template_path(template))
    stamp = int((moment or timezone.now()).timestamp())
    plain = _plain({k: v for k, v in data.items() if k not in ("blocks", "cover")})
    runs = [parts[i : i + size] for i in range(0, len(parts), size)]
    payloads = [
        json.dumps(
            {
                **plain,
                "blocks": _plain([b for part in run for b in part]),
                "head_from": 1,
                "page_footer": False,
            },
            ensure_ascii=False,
        )
        for run in runs
    ]
    # The threads only wait for their child; progress is reported from this thread (it
    # writes to the database through this thread's connection).
    with ThreadPoolExecutor(max_workers=PARALLEL_CHILDREN if ISOLATE else 1) as pool:
        futures = [pool.submit(_compile, path, payload, stamp) for payload in payloads]
        for done, _future in enumerate(as_completed(futures), start=1):
            if progress:
                progress("layout", 15 + 65 * done // len(runs))
        pieces = [future.result() for future in futures]
    offsets, pages_before = {}, 0
    for pdf in pieces:
        count, labels = pdfjoin.layout(pdf)
        offsets.update({label: pages_before + page for label, page in labels.items()})
        pages_before += count
    # The front's length does not depend on the numbers in its table of contents (only on
    # how many entries it has): set it, and set it again only if it came out longer.
    front_pages, front_pdf = 1, b""
    for _attempt in range(3):
        front = _plain({**data, "page_footer": False})
        front["blocks"] = [_with_pages(b, offsets, front_pages) for b in front["blocks"]]
        front_pdf = _compile(path, json.dumps(front, ensure_ascii=False), stamp)
        count = pdfjoin.layout(front_pdf)[0]
        if count == front_pages:
            break
        front_pages = count
    else:
        raise DocumentError("the front's page count does not settle")
    footers = _compile(
        path,
        json.dumps(
            {**plain, "running_head": "", "blank_pages": front_pages + pages_before},
            ensure_ascii=False,
        ),
        stamp,
    )
    if progress:
        progress("layout", 85)
    joined = _join(front_pdf, pieces, footers, str(plain.get("page_of", ["Seite"])[0]))
    if progress:
        progress("done", 100)
    return joined


def _with_pages(block: dict, offsets: dict[str, int], front_pages: int) -> dict:
    """A toc block whose entries carry the page (from `offsets`) and the join's anchor."""
    from .pdfjoin import ANCHOR

    if block.get("type") != "toc":
        return block
    entries = []
    for entry in block["entries"]:
        if entry["target"] not in offsets:
            raise DocumentError(f"no part has the label {entry['target']}")
        page = front_pages + offsets[entry["target"]] + 1
        entries.append({**entry, "page": page, "anchor": ANCHOR + entry["target"]})
    return {**block, "entries": entries}


def _compile_here(path: str, payload: str, timestamp: int) -> bytes:
    try:
        return typst.compile(
            path,
            root=str(ROOT),
            font_paths=_fonts(),
            ignore_system_fonts=True,
            sys_inputs={"data": payload},
            pdf_standards="ua-1",
            timestamp=timestamp,
        )
    except typst.TypstError as error:  # a template bug: say where
        raise DocumentError(f"{error}\n{getattr(error, 'diagnostic', '')}") from error


def _compile(path: str, payload: str, timestamp: int) -> bytes:
    """The PDF's bytes, set in a child process when `ISOLATE` (see the docstring)."""
    if not ISOLATE:
        return _compile_here(path, payload, timestamp)
    return _in_child(_typst_child.run, (path, str(ROOT), str(FONTS), payload, timestamp))


def _join(front: bytes, parts: list[bytes], footers: bytes, page_word: str) -> bytes:
    """`pdfjoin.join` in a child process when `ISOLATE`: the worker holds only the bytes."""
    if not ISOLATE:
        from . import pdfjoin

        return pdfjoin.join(front, parts, footers, page_word)
    return _in_child(_typst_child.join, (front, parts, footers, page_word))


def _in_child(target: Callable[..., None], args: tuple) -> bytes:
    """Run `target(*args, sender)` in a process forked from the forkserver; its bytes."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["lotse.documents._typst_child"])  # imported once
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=target, args=(*args, sender), name="lotse-typst")
    process.start()
    sender.close()
    try:
        ok, result, usage = receiver.recv()
        last_child_usage.clear()
        last_child_usage.update(usage)
        child_usages.append(usage)
    except EOFError:
        ok, result = False, "the Typst process ended without a PDF"
    finally:
        receiver.close()
        process.join()
    if not ok:
        logger.error("Typst: %s", result)
        raise DocumentError(result)
    return result


# --- helpers to build the block model ------------------------------------------------------


def run(text: Any, *, bold: bool = False, tone: str = "", italic: bool = False) -> dict:
    """A piece of text in a paragraph or cell; `tone` is red/amber/green/missing/muted/late."""
    item: dict[str, Any] = {"t": "" if text is None else str(text)}
    if bold:
        item["b"] = True
    if italic:
        item["i"] = True
    if tone:
        item["c"] = tone
    return item


def light(value: str, label: Any) -> dict:
    """A traffic light as text (the colour says it again, the word is what counts)."""
    symbol = "○" if value in ("missing", "", None) else "●"
    return run(
        f"{symbol} {label}", bold=value not in ("missing", "", None), tone=value or "missing"
    )


def heading(
    level: int, text: Any, *, page_break: bool = False, outlined: bool = True, label: str = ""
) -> dict:
    """A heading; `label` (our own identifier, never user text) lets a `toc` entry link it."""
    block: dict[str, Any] = {"type": "heading", "level": level, "text": str(text)}
    if label:
        block["label"] = label
    if page_break:
        block["break"] = True
    if not outlined:
        block["outlined"] = False
    return block


def para(*runs: Any, tone: str = "") -> dict:
    block: dict[str, Any] = {
        "type": "par",
        "runs": [r if isinstance(r, dict) else run(r) for r in runs],
    }
    if tone:
        block["tone"] = tone
    return block


def items(entries: list, *, numbered: bool = False) -> dict:
    """A list; each entry is a text, a run or a list of runs."""
    return {
        "type": "list",
        "numbered": numbered,
        "items": [_runs(entry) for entry in entries],
    }


def _runs(value: Any) -> list[dict]:
    if isinstance(value, list):
        return [v if isinstance(v, dict) else run(v) for v in value]
    if isinstance(value, dict):
        return [value]
    return [run(value)]


def table(
    caption: Any,
    header: list,
    rows: list[list],
    *,
    numeric: tuple[int, ...] = (),
    widths: list[str] | None = None,
    footer: list | None = None,
    row_headers: bool = True,
    caption_hidden: bool = False,
    hyphenate: bool = False,
) -> dict:
    """A data table: `header` becomes the header row (TH, scope column) and repeats on each page.

    A cell is a text, a run or a list of runs. With `row_headers` the first column is set bold,
    as the row's label. With `hyphenate` a word longer than its column is hyphenated (several
    columns of text side by side: a committee's name, a project's title).
    """
    block: dict[str, Any] = {
        "type": "table",
        "caption": str(caption),
        "header": [str(h) for h in header],
        "rows": [[_runs(cell) for cell in row] for row in rows],
        "numeric": list(numeric),
        "row_headers": row_headers,
    }
    if widths:
        block["widths"] = widths
    if footer:
        block["footer"] = [_runs(cell) for cell in footer]
    if caption_hidden:
        block["caption_hidden"] = True
    if hyphenate:
        block["hyphenate"] = True
    return block


def figure(svg_markup: str, alt: Any, caption: Any) -> dict:
    """A server-rendered SVG chart as image with alt text; the numbers stand in a table too."""
    return {"type": "figure", "svg": str(svg_markup), "alt": str(alt), "caption": str(caption)}


def columns(*parts: list[dict]) -> dict:
    return {"type": "columns", "parts": list(parts)}


def box(blocks: list[dict], *, tone: str = "attention") -> dict:
    return {"type": "box", "tone": tone, "blocks": blocks}


def terms(entries: list[tuple[Any, Any]]) -> dict:
    return {"type": "terms", "items": [[str(t), _runs(d)] for t, d in entries]}


def toc(entries: list[tuple[str, Any, Any]]) -> dict:
    """A list of (label, text, sub-text or None) entries with the page number of each label."""
    return {
        "type": "toc",
        "entries": [
            {"target": target, "runs": _runs(text), **({"sub": _runs(sub)} if sub else {})}
            for target, text, sub in entries
        ],
    }


def pagebreak() -> dict:
    return {"type": "pagebreak"}
