"""Join PDFs that Typst set apart into one tagged PDF/UA-1 document (see `typeset.render_parts`).

The first PDF (the front: cover, table of contents) is the base; the parts' pages follow it
in order. What makes the result one document rather than pages glued together:

- the structure tree: every part's ``Document`` element's children are moved under the
  front's single ``Document`` element; the keys of the parts' parent trees (``StructParents``
  of the pages, ``StructParent`` of annotations) are shifted past the keys before them, so
  every marked-content id still finds its element; the IDs of table header cells (and the
  ``/Headers`` of the data cells that point to them) get a prefix per part, because Typst
  numbers them per document; role maps are united;
- the named destinations of the parts' headings (our labels) and the outline (bookmarks)
  are joined; links in the front that point to an anchor address (``ANCHOR`` + label)
  become links to the named destination of that label;
- "Seite x von y": the parts are set without footer; the footer of every page comes from a
  document of blank pages with footers only (set by Typst, its text an artifact), laid over
  each page as a form XObject.

Nothing here reads or writes user text: it moves objects between PDFs.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pikepdf
from pikepdf import Array
from pikepdf import Dictionary
from pikepdf import Name
from pikepdf import String
from pikepdf.models.metadata import XmpDocument

PAGED_TEXT = "http://ns.adobe.com/xap/1.0/t/pg/"  # XMP's page count (xmpTPg:NPages)
# The address prefix a front's link uses for "the heading labelled X in some part".
ANCHOR = "lotse-anker:"


class JoinError(RuntimeError):
    """The PDFs cannot be joined as one document (a bug in how they were set)."""


def _tree_leaves(node: Any, entries: str) -> list[tuple[Any, Any]]:
    """The (key, value) pairs a name or number tree keeps in its `entries` arrays ("/Names" or
    "/Nums"), in order."""
    pairs: list[tuple[Any, Any]] = []
    if node is None:
        return pairs
    stack = [node]
    while stack:
        current = stack.pop()
        found = current.get(entries)
        if found is not None:
            pairs += [(found[i], found[i + 1]) for i in range(0, len(found), 2)]
        kids = current.get("/Kids")
        if kids is not None:
            stack += reversed(list(kids))
    return pairs


def _name_tree(node: Any) -> list[tuple[str, Any]]:
    """The (key, value) pairs of a name tree, in order."""
    return [(str(key), value) for key, value in _tree_leaves(node, "/Names")]


def _number_tree(node: Any) -> list[tuple[int, Any]]:
    """The (key, value) pairs of a number tree, in order."""
    return [(int(key), value) for key, value in _tree_leaves(node, "/Nums")]


def _document_element(tree: Any) -> Any:
    kids = tree.get("/K")
    elements = list(kids) if isinstance(kids, Array) else [kids]
    documents = [e for e in elements if isinstance(e, Dictionary) and e.get("/S") == "/Document"]
    if len(elements) != 1 or len(documents) != 1:
        raise JoinError("a part's structure tree has not exactly one Document element")
    return documents[0]


def layout(pdf: bytes) -> tuple[int, dict[str, int]]:
    """A set part's page count and the 0-based page of each named destination (label)."""
    with pikepdf.open(BytesIO(pdf)) as document:
        pages: dict[tuple[int, int], int] = {
            page.obj.objgen: n for n, page in enumerate(document.pages)
        }
        names = document.Root.get("/Names")
        dests = _name_tree(names.get("/Dests") if names is not None else None)
        found: dict[str, int] = {}
        for key, dest in dests:
            target = dest.get("/D") if isinstance(dest, Dictionary) else dest
            if isinstance(target, Array) and len(target) and target[0].objgen in pages:
                found[key] = pages[target[0].objgen]
        return len(document.pages), found


def _rename_ids(ids: list[tuple[str, Any]], prefix: str) -> None:
    """Prefix the IDs (the ID tree's elements: table header cells) and the /Headers of the
    cells of their tables that refer to them. Only those tables are walked, not the tree."""
    tables: dict[Any, Any] = {}
    for _key, element in ids:
        element.ID = String(prefix + str(element.ID))
        table = element
        while table is not None and table.get("/S") != "/Table":
            table = table.get("/P")
        if table is not None:
            tables[table.objgen if table.is_indirect else len(tables)] = table
    for table in tables.values():
        stack = [table]
        while stack:
            element = stack.pop()
            kind = element.get("/S")
            if kind in ("/TH", "/TD"):
                attributes = element.get("/A")
                for attribute in attributes if isinstance(attributes, Array) else [attributes]:
                    if isinstance(attribute, Dictionary) and "/Headers" in attribute:
                        attribute.Headers = Array(
                            [String(prefix + str(h)) for h in attribute.Headers]
                        )
                continue  # a table inside a cell has header cells of its own in `ids`
            kids = element.get("/K")
            if isinstance(kids, Array):
                stack += [k for k in kids if isinstance(k, Dictionary) and "/S" in k]
            elif isinstance(kids, Dictionary) and "/S" in kids:
                stack.append(kids)


def _shift_struct_parents(document: pikepdf.Pdf, by: int) -> None:
    for page in document.pages:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + by
        for annotation in page.obj.get("/Annots", []):
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + by


def _append_outline(out: pikepdf.Pdf, items: Any) -> None:
    """Append the top-level items (a copied /Outlines dictionary) to `out`'s outline."""
    if items is None or "/First" not in items:
        return
    outlines = out.Root.get("/Outlines")
    if outlines is None:
        outlines = out.Root.Outlines = out.make_indirect(Dictionary(Type=Name.Outlines, Count=0))
    item = items.First
    while True:
        item.Parent = outlines
        if "/Last" in outlines:
            last = outlines.Last
            last.Next = item
            item.Prev = last
        else:
            outlines.First = item
        outlines.Last = item
        outlines.Count = int(outlines.get("/Count", 0)) + 1 + max(int(item.get("/Count", 0)), 0)
        following = item.get("/Next")
        if following is None:
            break
        del item.Next
        item = following


def _overlay_footers(out: pikepdf.Pdf, footers: bytes) -> None:
    with pikepdf.open(BytesIO(footers)) as source:
        if len(source.pages) != len(out.pages):
            raise JoinError(f"{len(source.pages)} footers for {len(out.pages)} pages")
        forms = [page.as_form_xobject() for page in source.pages]
        bundle = out.copy_foreign(source.make_indirect(Array(forms)))
    for page, form in zip(out.pages, bundle, strict=True):
        name = page.add_resource(form, Name.XObject, prefix="LotseFooter")
        page.contents_add(out.make_stream(b"q\n"), prepend=True)
        page.contents_add(out.make_stream(b"Q\nq\n" + bytes(name) + b" Do\nQ\n"))


def _sorted_names(pairs: list[tuple[str, Any]]) -> Array:
    flat: list[Any] = []
    for key, value in sorted(pairs, key=lambda pair: pair[0].encode("utf-8")):
        flat += [String(key), value]
    return Array(flat)


def join(  # noqa: C901
    front: bytes, parts: list[bytes], footers: bytes | None = None, page_word: str = "Seite"
) -> bytes:
    """One PDF: the front's pages, then each part's, as one tagged document (see module).

    `page_word` names a page in the description of a link from the front ("Seite 17").
    """
    out = pikepdf.open(BytesIO(front))
    tree = out.Root.StructTreeRoot
    document = _document_element(tree)
    if not isinstance(document.get("/K"), Array):
        document.K = Array([document.K] if "/K" in document else [])
    nums = _number_tree(tree.get("/ParentTree"))
    next_key = int(tree.get("/ParentTreeNextKey", 0))
    if nums:
        next_key = max(next_key, max(key for key, _ in nums) + 1)
    ids = _name_tree(tree.get("/IDTree"))
    names = out.Root.get("/Names")
    dests = _name_tree(names.get("/Dests") if names is not None else None)
    roles = dict(tree.get("/RoleMap", Dictionary()).items())
    for number, pdf in enumerate(parts, start=1):
        with pikepdf.open(BytesIO(pdf)) as source:
            part_tree = source.Root.StructTreeRoot
            part_document = _document_element(part_tree)
            _shift_struct_parents(source, next_key)
            part_nums = _number_tree(part_tree.get("/ParentTree"))
            part_ids = _name_tree(part_tree.get("/IDTree"))
            _rename_ids(part_ids, f"T{number}-")
            part_names = source.Root.get("/Names")
            part_dests = _name_tree(part_names.get("/Dests") if part_names is not None else None)
            kids = part_document.get("/K")
            bundle = source.make_indirect(
                Dictionary(
                    Kids=kids if isinstance(kids, Array) else Array([] if kids is None else [kids]),
                    Nums=Array([value for _, value in part_nums]),
                    IDs=Array([value for _, value in part_ids]),
                    Dests=Array([value for _, value in part_dests]),
                    Outlines=source.Root.get("/Outlines", Dictionary()),
                    RoleMap=part_tree.get("/RoleMap", Dictionary()),
                )
            )
            out.pages.extend(source.pages)  # first: the copies below refer to these pages
            copied = out.copy_foreign(bundle)
            for kid in copied.Kids:
                if isinstance(kid, Dictionary) and "/S" in kid:
                    kid.P = document
                document.K.append(kid)
            shifted = [key + next_key for key, _ in part_nums]
            nums += list(zip(shifted, copied.Nums, strict=True))
            ids += [
                (f"T{number}-{key}", v) for (key, _), v in zip(part_ids, copied.IDs, strict=True)
            ]
            dests += list(zip([k for k, _ in part_dests], copied.Dests, strict=True))
            roles.update(copied.RoleMap.items())
            _append_outline(out, copied.Outlines)
            next_key = max([next_key, *(key + 1 for key in shifted)])
    tree.ParentTree = out.make_indirect(
        Dictionary(
            Nums=Array([x for key, value in sorted(nums, key=lambda p: p[0]) for x in (key, value)])
        )
    )
    tree.ParentTreeNextKey = next_key
    if ids:
        tree.IDTree = out.make_indirect(Dictionary(Names=_sorted_names(ids)))
    if roles:
        tree.RoleMap = Dictionary(roles)
    page_numbers = {page.obj.objgen: n for n, page in enumerate(out.pages, start=1)}
    known = {}
    for key, dest in dests:
        target = dest.get("/D") if isinstance(dest, Dictionary) else dest
        if isinstance(target, Array) and len(target):
            known[key] = page_numbers.get(target[0].objgen)
    if names is None:
        names = out.Root.Names = out.make_indirect(Dictionary())
    names.Dests = out.make_indirect(Dictionary(Names=_sorted_names(dests)))
    for page in out.pages[: len(out.pages)]:
        for annotation in page.obj.get("/Annots", []):
            action = annotation.get("/A")
            uri = str(action.get("/URI", "")) if isinstance(action, Dictionary) else ""
            if uri.startswith(ANCHOR):
                label = uri[len(ANCHOR) :]
                if label not in known:
                    raise JoinError(f"no part has the label {label}")
                del annotation.A
                annotation.Dest = String(label)
                annotation.Contents = String(f"{page_word} {known[label]}")
    if footers is not None:
        _overlay_footers(out, footers)
    XmpDocument.register_xml_namespace(PAGED_TEXT, "xmpTPg")
    with out.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        if "xmpTPg:NPages" in meta:
            meta["xmpTPg:NPages"] = str(len(out.pages))
    buffer = BytesIO()
    out.save(buffer, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    out.close()
    return buffer.getvalue()
