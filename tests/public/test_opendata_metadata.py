"""Metadata for open-data portals: DCAT-AP.de (JSON-LD) and a Frictionless data package whose
CSV files validate against their Table Schema (real types)."""

import json
from pathlib import Path

from django.urls import reverse
from frictionless import Package

from lotse.public.opendata import DATASETS

DCAT = "http://www.w3.org/ns/dcat#"


def _get(anon, world, name: str, *args):
    return anon.get(reverse(name, args=[world.programme.slug, *args]))


def test_dcat_catalogue_describes_every_dataset(world, anon):
    response = _get(anon, world, "public:dcat")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    assert response["Access-Control-Allow-Origin"] == "*"
    catalogue = json.loads(response.content)
    assert catalogue["@context"]["dcat"] == DCAT
    assert catalogue["@type"] == "dcat:Catalog"
    assert catalogue["@id"].endswith(reverse("public:dcat", args=[world.programme.slug]))
    for key in ("dct:title", "dct:publisher", "dct:license", "dct:modified", "dct:language"):
        assert catalogue[key], key
    datasets = {d["dct:identifier"]: d for d in catalogue["dcat:dataset"]}
    assert set(datasets) == {f"{world.programme.slug}-{slug}" for slug in DATASETS}
    for dataset in datasets.values():
        assert dataset["@type"] == "dcat:Dataset"
        assert dataset["dct:license"]["@id"] == "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
        assert dataset["dct:publisher"]["foaf:name"]
        assert dataset["dcat:contactPoint"]["@type"] == "vcard:Organization"
        assert dataset["dcat:contactPoint"]["vcard:hasURL"]["@id"].startswith("http")
        assert dataset["dct:modified"]["@type"] == "xsd:dateTime"
        formats = {d["dct:format"]["@id"].rsplit("/", 1)[1] for d in dataset["dcat:distribution"]}
        assert formats == {"CSV", "JSON"}
        for distribution in dataset["dcat:distribution"]:
            url = distribution["dcat:downloadURL"]["@id"]
            path = "/" + url.split("//", 1)[1].split("/", 1)[1]
            assert anon.get(path).status_code == 200, path
    milestones = datasets[f"{world.programme.slug}-meilensteine"]
    assert milestones["dct:temporal"]["dcat:startDate"]["@value"] == "2025-03-01"
    assert milestones["dct:temporal"]["dcat:endDate"]["@value"] == "2025-06-01"


def test_datapackage_validates_with_frictionless(world, anon, tmp_path: Path):
    response = _get(anon, world, "public:datapackage")
    assert response.status_code == 200
    descriptor = json.loads(response.content)
    types = {
        (r["name"], f["name"]): f["type"]
        for r in descriptor["resources"]
        for f in r["schema"]["fields"]
    }
    assert types[("projekte", "id")] == "integer"
    assert types[("projekte", "planned_start")] == "date"
    assert types[("meilensteine", "reached")] == "boolean"
    assert types[("projekte", "title")] == "string"
    (tmp_path / "datapackage.json").write_bytes(response.content)
    for resource in descriptor["resources"]:
        csv = _get(anon, world, "public:dataset", resource["name"], "csv").getvalue()
        (tmp_path / resource["path"]).write_bytes(csv)
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.stats["tasks"] == len(DATASETS)


def test_dcat_as_rdf_xml_is_the_same_graph_as_the_json_ld(world, anon):
    from rdflib import Graph
    from rdflib import Literal
    from rdflib import Namespace
    from rdflib import URIRef
    from rdflib.compare import isomorphic
    from rdflib.namespace import DCTERMS
    from rdflib.namespace import RDF
    from rdflib.namespace import XSD

    response = _get(anon, world, "public:dcat_rdf")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rdf+xml")
    assert response["Access-Control-Allow-Origin"] == "*"
    rdf = Graph().parse(data=response.content, format="xml")
    jsonld = Graph().parse(data=_get(anon, world, "public:dcat").content, format="json-ld")
    assert len(rdf) > 50
    assert isomorphic(rdf, jsonld)
    dcat = Namespace(DCAT)
    catalogue = next(rdf.subjects(RDF.type, dcat.Catalog))
    assert str(catalogue).endswith(reverse("public:dcat", args=[world.programme.slug]))
    datasets = list(rdf.objects(catalogue, dcat.dataset))
    assert len(datasets) == len(DATASETS)
    for dataset in datasets:
        assert (dataset, RDF.type, dcat.Dataset) in rdf
        assert (
            dataset,
            DCTERMS.license,
            URIRef("http://dcat-ap.de/def/licenses/dl-by-de/2.0"),
        ) in rdf
        modified = rdf.value(dataset, DCTERMS.modified)
        assert isinstance(modified, Literal) and modified.datatype == XSD.dateTime
        assert len(list(rdf.objects(dataset, dcat.distribution))) == 2


def test_the_open_data_page_links_the_metadata(world, anon):
    page = _get(anon, world, "public:data").content.decode()
    for name in ("public:dcat", "public:dcat_rdf", "public:datapackage"):
        assert f'href="{reverse(name, args=[world.programme.slug])}"' in page, name
