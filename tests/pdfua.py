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


def _tree_pairs(node, key: str) -> list:
    """The (key, value) pairs of a number tree (/Nums) or name tree (/Names)."""
    pairs: list = []
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        flat = current.get(key)
        if flat is not None:
            pairs += [(flat[i], flat[i + 1]) for i in range(0, len(flat), 2)]
        stack += list(current.get("/Kids", []))
    return pairs


def tag_tree_problems(pdf: bytes) -> list[str]:  # noqa: C901 - one list of checks
    """What is inconsistent in the tag tree: one Document root; every marked-content id on
    a page found through the page's /StructParents in the ParentTree; every annotation's
    /StructParent in it; ParentTreeNextKey past every key; IDs unique, sorted, every
    /Headers of a cell naming one; named destinations sorted and every link's target named."""
    problems = []
    with pikepdf.open(BytesIO(pdf)) as document:
        tree = document.Root.StructTreeRoot
        roots = tree.K if isinstance(tree.K, pikepdf.Array) else [tree.K]
        if [str(r.get("/S")) for r in roots] != ["/Document"]:
            problems.append("tags: not exactly one Document element at the root")
        parents = {int(k): v for k, v in _tree_pairs(tree.get("/ParentTree"), "/Nums")}
        if parents and int(tree.get("/ParentTreeNextKey", 0)) <= max(parents):
            problems.append("tags: ParentTreeNextKey is not past every key")
        for number, page in enumerate(document.pages, start=1):
            mcids = set()
            for operands, operator in pikepdf.parse_content_stream(page):
                properties = operands[1] if str(operator) == "BDC" else None
                if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
                    mcids.add(int(properties.MCID))
            if mcids:
                key = page.obj.get("/StructParents")
                if key is None or int(key) not in parents:
                    problems.append(f"tags: page {number}'s StructParents not in the ParentTree")
                    continue
                elements = parents[int(key)]
                for mcid in sorted(mcids):
                    if mcid >= len(elements) or "/S" not in elements[mcid]:
                        problems.append(f"tags: page {number}, MCID {mcid} has no element")
                        break
            for annotation in page.obj.get("/Annots", []):
                key = annotation.get("/StructParent")
                if key is not None and int(key) not in parents:
                    problems.append(f"tags: an annotation on page {number} is not in the tree")
        ids = [str(k) for k, _ in _tree_pairs(tree.get("/IDTree"), "/Names")]
        if len(set(ids)) != len(ids) or ids != sorted(ids):
            problems.append("tags: IDs not unique or not sorted")
        known = set(ids)
        for element in _walk(tree, set()):
            attributes = element.get("/A")
            for attribute in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
                headers = (
                    attribute.get("/Headers") if isinstance(attribute, pikepdf.Dictionary) else None
                )
                if headers is not None and any(str(h) not in known for h in headers):
                    problems.append("tags: a cell's /Headers names an unknown ID")
                    break
        names = document.Root.get("/Names")
        dests = [str(k) for k, _ in _tree_pairs(names.get("/Dests") if names else None, "/Names")]
        if dests != sorted(dests):
            problems.append("named destinations not sorted")
        for page in document.pages:
            for annotation in page.obj.get("/Annots", []):
                target = annotation.get("/Dest")
                if isinstance(target, pikepdf.String) and str(target) not in dests:
                    problems.append(f"a link to the unknown destination {target}")
    return problems


def outline_titles(pdf: bytes) -> list[tuple[str, int]]:
    """The outline's top-level entries: title and 1-based page."""
    with pikepdf.open(BytesIO(pdf)) as document:
        pages = {page.objgen: n for n, page in enumerate(document.pages, start=1)}
        names = document.Root.get("/Names")
        dests = dict(_tree_pairs(names.get("/Dests") if names else None, "/Names"))
        dests = {str(k): v for k, v in dests.items()}
        found = []
        item = document.Root.Outlines.get("/First")
        while item is not None:
            target = item.get("/Dest")
            if isinstance(target, pikepdf.String):
                target = dests[str(target)]
            found.append((str(item.Title), pages[target[0].objgen]))
            item = item.get("/Next")
        return found


def link_pages(pdf: bytes, page: int) -> list[int]:
    """The 1-based target page of each link on `page`, in order."""
    with pikepdf.open(BytesIO(pdf)) as document:
        pages = {p.objgen: n for n, p in enumerate(document.pages, start=1)}
        names = document.Root.get("/Names")
        dests = {
            str(k): v for k, v in _tree_pairs(names.get("/Dests") if names else None, "/Names")
        }
        found = []
        for annotation in document.pages[page - 1].obj.get("/Annots", []):
            target = annotation.get("/Dest")
            if isinstance(target, pikepdf.String):
                target = dests[str(target)]
            if target is not None:
                found.append(pages[target[0].objgen])
        return found
