"""DCAT-AP 3.0.1: the catalogue conforms to the release's SHACL shapes and says what harvesters need."""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, FOAF, RDF, SKOS, XSD

from portal import create_app
from portal.build import build
from tests.helpers import ROOT, make_config

DCAT = Namespace("http://www.w3.org/ns/dcat#")
PROV = Namespace("http://www.w3.org/ns/prov#")
EU_THEME = "http://publications.europa.eu/resource/authority/data-theme/"
#: ../shared beside the checkout (PORTAL_TEST_SHARED_DIR names it for a checkout that lives elsewhere).
SHARED = Path(os.environ.get("PORTAL_TEST_SHARED_DIR") or ROOT.parent / "shared")
SHAPES = SHARED / "reference" / "dcat-ap-3.0.1" / "dcat-ap-SHACL.ttl"


def _parse(data: str, fmt: str) -> Graph:
    """Parse a serialisation (rdflib's JSON-LD parser warns about its own deprecated ConjunctiveGraph)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return Graph().parse(data=data, format=fmt)


@pytest.fixture(scope="module")
def graph(real_app) -> Graph:
    """The catalogue as the JSON-LD document describes it."""
    return _parse(real_app.test_client().get("/catalog.jsonld").get_data(as_text=True), "json-ld")


@pytest.mark.skipif(not SHAPES.is_file(), reason=f"DCAT-AP 3.0.1 shapes not found at {SHAPES} "
                    "(../shared/reference is not beside this checkout; PORTAL_TEST_SHARED_DIR can name it)")
def test_catalogue_has_no_dcat_ap_violation(graph):
    from pyshacl import validate

    shapes = Graph().parse(SHAPES)
    conforms, report, text = validate(graph, shacl_graph=shapes)
    violations = list(report.subjects(URIRef("http://www.w3.org/ns/shacl#resultSeverity"),
                                      URIRef("http://www.w3.org/ns/shacl#Violation")))
    assert conforms and violations == [], text


@pytest.mark.parametrize(("path", "accept", "fmt", "mimetype"), [
    ("/catalog.ttl", None, "turtle", "text/turtle"),
    ("/catalog.rdf", None, "xml", "application/rdf+xml"),
    ("/catalog", "text/turtle", "turtle", "text/turtle"),
    ("/catalog", "application/rdf+xml;q=0.9, text/html;q=0.5", "xml", "application/rdf+xml"),
    ("/catalog", "application/ld+json", "json-ld", "application/ld+json"),
    ("/catalog", "text/html", "json-ld", "application/ld+json"),
])
def test_every_serialisation_is_the_same_graph(real_client, graph, path, accept, fmt, mimetype):
    response = real_client.get(path, headers={"Accept": accept} if accept else {})
    assert response.status_code == 200 and response.mimetype == mimetype
    assert isomorphic(_parse(response.get_data(as_text=True), fmt), graph)


def test_catalogue_has_homepage_licence_dates_and_description(graph):
    catalogue = next(graph.subjects(RDF.type, DCAT.Catalog))
    for prop in (FOAF.homepage, DCTERMS.license, DCTERMS.modified, DCTERMS.issued, DCTERMS.publisher):
        assert graph.value(catalogue, prop) is not None, prop
    assert {lit.language for lit in graph.objects(catalogue, DCTERMS.description)} == {"ja", "en"}


def test_every_dataset_has_the_recommended_properties(graph):
    datasets = [d for d in graph.subjects(RDF.type, DCAT.Dataset)
                if (d, RDF.type, DCAT.DatasetSeries) not in graph]
    assert len(datasets) == 7
    for dataset in datasets:
        for prop in (DCAT.contactPoint, DCAT.landingPage, DCTERMS.spatial, DCAT.theme, DCTERMS.publisher):
            assert graph.value(dataset, prop) is not None, (dataset, prop)
        spatial = graph.value(dataset, DCTERMS.spatial)
        assert graph.value(spatial, DCTERMS.identifier) == Literal("131121")
        themes = {str(t) for t in graph.objects(dataset, DCAT.theme)}
        assert any(t.startswith(EU_THEME) for t in themes) and any(t.startswith("http://127") for t in themes)
        for dist in graph.objects(dataset, DCAT.distribution):
            assert str(graph.value(dist, DCTERMS["format"])).startswith(
                "http://publications.europa.eu/resource/authority/file-type/")


def test_plan_period_is_the_temporal_coverage_in_fiscal_years(graph):
    mirai = URIRef("http://127.0.0.1:5000/datasets/mirai-plan-2022/1.1.1/")
    period = graph.value(mirai, DCTERMS.temporal)
    assert graph.value(period, DCAT.startDate) == Literal("2022-04-01", datatype=XSD.date)
    assert graph.value(period, DCAT.endDate) == Literal("2024-03-31", datatype=XSD.date)
    assert (mirai, DCAT.theme, URIRef(EU_THEME + "GOVE")) in graph


def test_theme_names_are_given_in_every_language(graph):
    own = URIRef("http://127.0.0.1:5000/themes#health-welfare")
    labels = {lit.language: str(lit) for lit in graph.objects(own, SKOS.prefLabel)}
    assert set(labels) == {"ja", "en", "zh-hans", "ko"}
    assert labels["en"] == "Health, medical care and welfare" and labels["ja"] != labels["en"]


def test_publisher_is_configured_and_the_ward_created_the_sources(tmp_path: Path, datasets_copy: Path):
    descriptor = datasets_copy / "tiny-plan" / "datapackage.json"
    desc = json.loads(descriptor.read_text(encoding="utf-8"))
    desc["sources"] = [{"title": "テスト計画書", "path": "000.txt", "publisher": "世田谷区"}]
    descriptor.write_text(json.dumps(desc, ensure_ascii=False), encoding="utf-8")
    app = create_app(make_config(tmp_path, datasets_copy, PUBLIC_BASE_URL="https://data.example.jp",
                                 PUBLISHER_IRI="https://example.jp/org#me", PUBLISHER_NAME_JA="運営者",
                                 PUBLISHER_NAME_EN="Operator", PUBLISHER_EMAIL="open@example.jp"))
    with app.app_context():
        build(app)
    graph = _parse(app.test_client().get("/catalog.jsonld").get_data(as_text=True), "json-ld")
    me = URIRef("https://example.jp/org#me")
    assert set(graph.objects(None, DCTERMS.publisher)) == {me}
    assert (me, RDF.type, FOAF.Agent) in graph and (me, FOAF.name, Literal("運営者", lang="ja")) in graph
    contact = graph.value(next(graph.subjects(RDF.type, DCAT.Dataset)), DCAT.contactPoint)
    assert URIRef("mailto:open@example.jp") in set(graph.objects(contact, None))
    creators = {graph.value(doc, DCTERMS.creator) for doc in graph.objects(None, PROV.wasDerivedFrom)}
    assert len(creators) == 1
    assert (creators.pop(), FOAF.name, Literal("世田谷区", lang="ja")) in graph
    portal_iris = {str(n) for triple in graph for n in triple if isinstance(n, URIRef)
                   and any(host in str(n) for host in ("example", "localhost", "127.0.0.1"))}
    assert portal_iris and all(iri.startswith(("https://data.example.jp/", "https://example.jp/",
                                               "mailto:open@example.jp")) for iri in portal_iris)
