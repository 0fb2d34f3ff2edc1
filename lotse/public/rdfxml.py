"""The DCAT-AP.de catalogue as RDF/XML, written from the same document as the JSON-LD.

Portals that harvest with CKAN's DCAT extension (GovData among them) read RDF/XML; the
JSON-LD stays the primary form. Both come from one dictionary (`opendata.dcat_catalogue`),
so they always say the same: tests/public parse both with rdflib and compare the graphs.

The dictionary uses a small, fixed part of JSON-LD, and only that is written here: node
objects with `@id` and `@type` (a node without `@id` becomes a blank node, nested in place),
`{"@id": …}` references, typed literals `{"@value": …, "@type": "xsd:…"}`, plain strings and
lists of any of these. Keys are compact IRIs (`dct:title`) of the document's `@context`.
No RDF library is needed for writing: the standard library's XML writer escapes the text.
"""

from typing import Any
from xml.etree import ElementTree as ET  # noqa: S405 (writing, not parsing)

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def _expand(name: str, context: dict[str, str]) -> str:
    prefix, _, local = name.partition(":")
    if prefix not in context:
        raise ValueError(f"Unbekanntes Präfix: {name}")
    return context[prefix] + local


def _qname(name: str, context: dict[str, str]) -> str:
    prefix, _, local = name.partition(":")
    if prefix not in context:
        raise ValueError(f"Unbekanntes Präfix: {name}")
    return f"{{{context[prefix]}}}{local}"


def _node(parent: ET.Element | None, node: dict[str, Any], context: dict[str, str]) -> ET.Element:
    kind = node.get("@type", "rdf:Description")
    tag = f"{{{RDF}}}Description" if kind == "rdf:Description" else _qname(kind, context)
    element = ET.Element(tag) if parent is None else ET.SubElement(parent, tag)
    if "@id" in node:
        element.set(f"{{{RDF}}}about", node["@id"])
    for key, value in node.items():
        if key.startswith("@"):
            continue
        for item in value if isinstance(value, list) else [value]:
            _property(element, _qname(key, context), item, context)
    return element


def _property(element: ET.Element, tag: str, value: Any, context: dict[str, str]) -> None:
    prop = ET.SubElement(element, tag)
    if isinstance(value, dict) and "@value" in value:
        prop.text = str(value["@value"])
        if "@type" in value:
            prop.set(f"{{{RDF}}}datatype", _expand(value["@type"], context))
    elif isinstance(value, dict) and set(value) == {"@id"}:
        prop.set(f"{{{RDF}}}resource", value["@id"])
    elif isinstance(value, dict):
        _node(prop, value, context)
    else:
        prop.text = str(value)


def as_rdf_xml(document: dict[str, Any]) -> bytes:
    """The JSON-LD `document` (a node object with `@context`) as an RDF/XML document."""
    context: dict[str, str] = {"rdf": RDF, **document["@context"]}
    for prefix, iri in context.items():
        ET.register_namespace(prefix, iri)
    root = ET.Element(f"{{{RDF}}}RDF")
    _node(root, document, context)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
