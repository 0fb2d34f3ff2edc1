"""PDF/UA-1 structure checks: read a generated PDF back with pikepdf and list what is missing.

`pdfua_problems(pdf)` returns a list of German-free, plain descriptions; an empty list means
every check passed. Tests assert ``pdfua_problems(pdf) == []`` so a failure names the gap.
"""

from io import BytesIO

import pikepdf


def _walk(node, seen: set) -> list:
    """Every structure element below `node` (a StructTreeRoot or StructElem)."""
    found = []
    stack = [node]
    while stack:
        current = stack.pop()
        kids = current.get("/K")
        if kids is None:
            continue
        children = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        for kid in children:
            if not isinstance(kid, pikepdf.Dictionary):
                continue
            if "/S" not in kid:
                continue
            key = kid.objgen
            if key != (0, 0) and key in seen:
                continue
            seen.add(key)
            found.append(kid)
            stack.append(kid)
    return found


def structure(pdf: bytes) -> list:
    """All structure elements of the PDF's tag tree."""
    with pikepdf.open(BytesIO(pdf)) as document:
        root = document.Root
        if "/StructTreeRoot" not in root:
            return []
        return [(str(e.S), dict(e.items())) for e in _walk(root.StructTreeRoot, set())]


def _role_map(document) -> dict[str, str]:
    tree = document.Root.get("/StructTreeRoot")
    roles = tree.get("/RoleMap") if tree is not None else None
    return {str(k): str(v) for k, v in roles.items()} if roles else {}


def pdfua_problems(  # noqa: C901 - one list of checks, read top to bottom
    pdf: bytes, *, tables: bool = True, figures: bool = False
) -> list[str]:
    """What a PDF/UA-1 document lacks (empty when it has everything checked here).

    `tables`: the document has data tables, whose header cells must be TH with a scope (or
    headers/ids). `figures`: it has charts, which must be Figures with /Alt.
    """
    problems = []
    with pikepdf.open(BytesIO(pdf)) as document:
        root = document.Root
        meta = document.open_metadata()
        if str(meta.get("pdfuaid:part", "")) != "1":
            problems.append("XMP: no PDF/UA identifier pdfuaid:part=1")
        if not str(meta.get("dc:title", "")).strip():
            problems.append("XMP: no dc:title")
        if not str(root.get("/Lang", "")).startswith("de"):
            problems.append("catalogue: /Lang is not de")
        mark = root.get("/MarkInfo")
        if mark is None or not bool(mark.get("/Marked", False)):
            problems.append("catalogue: MarkInfo /Marked is not true")
        prefs = root.get("/ViewerPreferences")
        if prefs is None or not bool(prefs.get("/DisplayDocTitle", False)):
            problems.append("catalogue: ViewerPreferences /DisplayDocTitle is not true")
        outlines = root.get("/Outlines")
        if outlines is None or "/First" not in outlines:
            problems.append("catalogue: no outline (bookmarks)")
        if "/StructTreeRoot" not in root:
            problems.append("catalogue: no StructTreeRoot")
            return problems
        roles = _role_map(document)
        elements = _walk(root.StructTreeRoot, set())

        def kind(e) -> str:
            name = str(e.S)
            return roles.get(name, name)

        kinds = [kind(e) for e in elements]
        if tables:
            headers = [e for e in elements if kind(e) == "/TH"]
            if not headers:
                problems.append("tags: no table header cell (TH)")
            for th in headers:
                attributes = th.get("/A")
                entries = (
                    list(attributes) if isinstance(attributes, pikepdf.Array) else [attributes]
                )
                has_scope = any(
                    isinstance(a, pikepdf.Dictionary) and ("/Scope" in a) for a in entries
                )
                has_id = "/ID" in th
                if not (has_scope or has_id):
                    problems.append("tags: a TH without /Scope (or ID for headers/ids)")
                    break
            if "/Table" not in kinds:
                problems.append("tags: no Table")
        figures_found = [e for e in elements if kind(e) == "/Figure"]
        if figures and not figures_found:
            problems.append("tags: no Figure")
        for fig in figures_found:
            if not str(fig.get("/Alt", "")).strip():
                problems.append("tags: a Figure without /Alt")
                break
    return problems
