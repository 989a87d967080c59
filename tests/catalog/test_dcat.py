"""The DCAT catalogue parses as JSON-LD and names every dataset, distribution and plan series."""

from __future__ import annotations

import warnings

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF

DCAT = Namespace("http://www.w3.org/ns/dcat#")
SPDX = Namespace("http://spdx.org/rdf/terms#")


def _graph(client) -> Graph:
    """Parse /catalog.jsonld into an RDF graph."""
    response = client.get("/catalog.jsonld")
    assert response.mimetype == "application/ld+json"
    with warnings.catch_warnings():  # rdflib's JSON-LD parser uses its own deprecated ConjunctiveGraph
        warnings.simplefilter("ignore", DeprecationWarning)
        return Graph().parse(data=response.get_data(as_text=True), format="json-ld")


def test_dcat_names_every_dataset_and_distribution(real_client):
    graph = _graph(real_client)
    api = real_client.get("/api/v1/datasets").get_json()["datasets"]
    datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert {str(graph.value(d, DCTERMS.identifier)) for d in datasets} == {d["name"] for d in api}
    for item in api:
        meta = real_client.get(f"/api/v1/datasets/{item['name']}").get_json()
        subject = URIRef(meta["url"])
        distributions = set(graph.objects(subject, DCAT.distribution))
        urls = {d["url"] for r in meta["resources"] for d in r["downloads"]} | \
            {d["url"] for d in meta["downloads"]}
        assert {str(d) for d in distributions} == urls
        for dist in distributions:
            assert graph.value(dist, DCAT.mediaType) is not None
            assert graph.value(dist, DCAT.byteSize).toPython() > 0
            checksum = graph.value(dist, SPDX.checksum)
            assert len(str(graph.value(checksum, SPDX.checksumValue))) == 64
            assert graph.value(dist, DCTERMS.license) is not None
        assert (subject, DCTERMS.title, Literal(meta["title"]["ja"], lang="ja")) in graph
        assert (subject, DCTERMS.title, Literal(meta["title"]["en"], lang="en")) in graph
        assert graph.value(subject, DCTERMS.publisher) is not None


def test_each_plan_is_one_dataset_series(real_client):
    graph = _graph(real_client)
    series = set(graph.subjects(RDF.type, DCAT.DatasetSeries))
    plans = real_client.get("/api/v1/plans").get_json()["plans"]
    assert {str(graph.value(s, DCTERMS.identifier)) for s in series} == {p["plan_id"] for p in plans}
    mirai = next(s for s in series if str(graph.value(s, DCTERMS.identifier)) == "mirai-plan-2022")
    assert (None, DCAT.inSeries, mirai) in graph
    assert any(t.language == "ja" for t in graph.objects(mirai, DCTERMS.title))
